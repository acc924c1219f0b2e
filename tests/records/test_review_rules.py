"""The rules of a clinician's review, on plain profiles: no database, no Django."""

import pytest

from records.review_rules import Action, Decision, State, apply, changed_items, items
from vocabulary import contract

EVIDENCE = ({"file": "path.pdf", "page": 1, "text": "HER2 (IHC): 2+, FISH not amplified"},)
HER2_LOW = {"name": "HER2", "status": "low", "ihc": "2+", "ish": "not amplified"}
HER2_POSITIVE = {"name": "HER2", "status": "positive", "ihc": "3+", "ish": None}


def profile(*biomarkers: dict, **overrides) -> dict:
    """A breast cancer profile as the extractor would give it."""
    base = {
        "schema": "navis.profile.v1",
        "documents": [],
        "diagnosis": {
            "primary_site": "breast",
            "laterality": "left",
            "histology": {"code": "8500/3", "label": "Invasive ductal carcinoma"},
            "grade": 2,
            "diagnosis_date": "2025-02-20",
        },
        "biomarkers": [{**marker, "evidence": list(EVIDENCE)} for marker in biomarkers],
        "stage": {
            "T": "pT2",
            "N": "pN1a",
            "M": None,
            "group": "IIB",
            "metastatic": False,
            "metastatic_sites": [],
            "evidence": list(EVIDENCE),
        },
        "treatments": [
            {
                "name": "trastuzumab",
                "category": "targeted therapy",
                "start": "2025-03",
                "end": None,
                "setting": "neoadjuvant",
                "evidence": list(EVIDENCE),
            }
        ],
        "conflicts": [],
        "missing": [],
    }
    return {**base, **overrides}


def decision(key: str, action: Action, value, **extra) -> Decision:
    return Decision(key, action, value, author="Dr Okafor", at="2026-11-20T10:00:00", **extra)


def her2_of(shown: dict) -> dict | None:
    return next((m for m in shown["biomarkers"] if m["name"] == "HER2"), None)


def test_every_value_is_an_item_with_a_stable_key():
    keys = set(items(profile(HER2_LOW)))
    assert {
        "diagnosis.primary_site",
        "diagnosis.histology",
        "diagnosis.grade",
        "biomarker:HER2",
        "stage.T",
        "stage.group",
        "stage.metastatic",
        "treatment:trastuzumab",
    } <= keys


def test_an_unknown_value_is_no_item():
    assert "stage.M" not in items(profile(HER2_LOW))


def test_without_decisions_the_profile_is_exactly_what_the_records_say():
    extracted = profile(HER2_LOW)
    reviewed = apply(extracted, [])
    assert reviewed.profile == extracted
    assert reviewed.states["biomarker:HER2"].state == State.EXTRACTED


def test_a_correction_replaces_the_records_value_and_keeps_its_evidence():
    corrected = decision("biomarker:HER2", Action.CORRECT, HER2_POSITIVE, replaced=HER2_LOW)
    reviewed = apply(profile(HER2_LOW), [corrected])
    assert her2_of(reviewed.profile) == {
        **HER2_POSITIVE,
        "evidence": list(EVIDENCE),
        "review": {
            "state": "corrected",
            "by": "Dr Okafor",
            "at": "2026-11-20T10:00:00",
            "reason": None,
            "extracted": HER2_LOW,  # what the records said
        },
    }
    assert reviewed.states["biomarker:HER2"].state == State.CORRECTED


def test_a_correction_outlives_the_value_vanishing_from_the_records():
    corrected = decision(
        "biomarker:HER2", Action.CORRECT, HER2_POSITIVE, replaced=HER2_LOW, evidence=EVIDENCE
    )
    reviewed = apply(profile(), [corrected])
    shown = her2_of(reviewed.profile)
    assert {k: v for k, v in shown.items() if k != "review"} == {
        **HER2_POSITIVE,
        "evidence": list(EVIDENCE),
    }
    assert (shown["review"]["state"], shown["review"]["extracted"]) == ("corrected", HER2_LOW)


@pytest.mark.parametrize(
    ("action", "extracted", "state"),
    [
        (Action.ACCEPT, (HER2_LOW,), "verified"),
        (Action.CORRECT, (HER2_LOW,), "corrected"),
        (Action.CORRECT, (), "added"),  # the records never gave it: she did
    ],
)
def test_a_decided_value_carries_its_review(action, extracted, state):
    value = HER2_LOW if action == Action.ACCEPT else HER2_POSITIVE
    reviewed = apply(profile(*extracted), [decision("biomarker:HER2", action, value)])
    assert her2_of(reviewed.profile)["review"]["state"] == state
    assert contract.errors(reviewed.profile) == []  # still the contract (r2)


def test_an_added_value_has_the_clinicians_note_as_its_evidence():
    added = decision(
        "biomarker:HER2", Action.CORRECT, HER2_POSITIVE, reason="Outside report, 3+ by IHC"
    )
    shown = her2_of(apply(profile(), [added]).profile)
    assert shown["evidence"] == [
        {
            "source": "clinician",
            "text": "Outside report, 3+ by IHC",
            "by": "Dr Okafor",
            "at": "2026-11-20T10:00:00",
        }
    ]
    assert shown["review"]["extracted"] is None


def test_an_undecided_value_carries_no_review():
    reviewed = apply(profile(HER2_LOW), [decision("stage.T", Action.ACCEPT, "pT2")])
    assert "review" not in her2_of(reviewed.profile)


@pytest.mark.parametrize(
    ("decisions", "state"),
    [
        ([("stage.T", Action.ACCEPT, "pT2")], None),  # N, group... nobody checked
        (
            [
                (key, Action.ACCEPT, value)
                for key, value in [
                    ("stage.T", "pT2"),
                    ("stage.N", "pN1a"),
                    ("stage.group", "IIB"),
                    ("stage.metastatic", False),
                ]
            ],
            "verified",
        ),
        ([("stage.group", Action.CORRECT, "IIA")], "corrected"),
    ],
)
def test_the_stage_is_verified_only_when_every_part_shown_was(decisions, state):
    made = [decision(key, action, value) for key, action, value in decisions]
    review = apply(profile(HER2_LOW), made).profile["stage"].get("review")
    assert (review or {}).get("state") == state


def test_a_correction_outranks_a_new_reading_but_asks_for_a_look():
    corrected = decision("biomarker:HER2", Action.CORRECT, HER2_POSITIVE, replaced=HER2_LOW)
    zero = {"name": "HER2", "status": "zero", "ihc": "0", "ish": None}
    state = apply(profile(zero), [corrected]).states["biomarker:HER2"]
    assert (state.state, state.shown, state.changed_since_decision) == (
        State.CORRECTED,
        HER2_POSITIVE,
        True,
    )


def test_a_correction_the_records_still_disagree_with_as_before_asks_for_nothing():
    corrected = decision("biomarker:HER2", Action.CORRECT, HER2_POSITIVE, replaced=HER2_LOW)
    assert not apply(profile(HER2_LOW), [corrected]).states["biomarker:HER2"].changed_since_decision


def test_an_accepted_value_is_verified_while_the_records_say_it():
    accepted = decision("biomarker:HER2", Action.ACCEPT, HER2_LOW)
    assert apply(profile(HER2_LOW), [accepted]).states["biomarker:HER2"].state == State.VERIFIED


def test_an_accepted_value_changed_by_a_later_record_goes_back_to_review():
    accepted = decision("biomarker:HER2", Action.ACCEPT, HER2_LOW)
    state = apply(profile(HER2_POSITIVE), [accepted]).states["biomarker:HER2"]
    assert (state.state, state.shown, state.changed_since_decision) == (
        State.EXTRACTED,
        HER2_POSITIVE,
        True,
    )


def test_a_rejected_value_stays_out_on_every_rereading():
    rejected = decision(
        "treatment:trastuzumab", Action.REJECT, items(profile())["treatment:trastuzumab"].value
    )
    reviewed = apply(profile(), [rejected])
    assert reviewed.profile["treatments"] == []
    assert reviewed.states["treatment:trastuzumab"].state == State.REJECTED


def test_a_different_value_after_a_rejection_is_shown_for_review():
    rejected = decision("diagnosis.grade", Action.REJECT, 2)
    extracted = profile()
    extracted["diagnosis"] = {**extracted["diagnosis"], "grade": 3}
    reviewed = apply(extracted, [rejected])
    assert reviewed.profile["diagnosis"]["grade"] == 3
    assert reviewed.states["diagnosis.grade"].changed_since_decision


def test_the_latest_decision_on_a_value_holds():
    corrected = decision("biomarker:HER2", Action.CORRECT, HER2_POSITIVE, replaced=HER2_LOW)
    accepted = decision("biomarker:HER2", Action.ACCEPT, HER2_LOW)
    reviewed = apply(profile(HER2_LOW), [corrected, accepted])
    assert her2_of(reviewed.profile)["status"] == "low"
    assert reviewed.states["biomarker:HER2"].state == State.VERIFIED


def test_a_rejected_required_marker_becomes_missing():
    rejected = decision("biomarker:HER2", Action.REJECT, HER2_LOW)
    reviewed = apply(profile(HER2_LOW), [rejected])
    assert her2_of(reviewed.profile) is None
    assert "HER2" in reviewed.profile["missing"]


def test_a_settled_conflict_is_dropped():
    conflict = {"field": "HER2.status", "values": ["low", "positive"], "note": "…"}
    corrected = decision("biomarker:HER2", Action.CORRECT, HER2_POSITIVE, replaced=HER2_LOW)
    reviewed = apply(profile(HER2_LOW, conflicts=[conflict]), [corrected])
    assert reviewed.profile["conflicts"] == []


def test_a_conflict_on_another_marker_stays():
    conflict = {"field": "ER.status", "values": ["positive", "negative"], "note": "…"}
    accepted = decision("biomarker:HER2", Action.ACCEPT, HER2_LOW)
    reviewed = apply(profile(HER2_LOW, conflicts=[conflict]), [accepted])
    assert reviewed.profile["conflicts"] == [conflict]


@pytest.mark.parametrize(
    ("key", "value", "where"),
    [
        ("stage.group", "IV", lambda p: p["stage"]["group"]),
        ("stage.metastatic", True, lambda p: p["stage"]["metastatic"]),
        ("diagnosis.laterality", "right", lambda p: p["diagnosis"]["laterality"]),
    ],
)
def test_a_correction_lands_where_the_value_lives(key, value, where):
    reviewed = apply(profile(), [decision(key, Action.CORRECT, value)])
    assert where(reviewed.profile) == value


def test_changed_items_name_what_differs_between_two_profiles():
    before, after = profile(HER2_LOW), profile(HER2_POSITIVE)
    assert changed_items(before, after) == [("biomarker:HER2", HER2_LOW, HER2_POSITIVE)]


def test_changed_items_ignore_new_evidence_for_the_same_value():
    before = profile(HER2_LOW)
    after = profile(HER2_LOW)
    after["biomarkers"][0]["evidence"] = [{"file": "other.pdf", "page": 2, "text": "HER2 2+"}]
    assert changed_items(before, after) == []

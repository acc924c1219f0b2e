"""Trial matching: each criterion met / not met / unknown from the profile, fit and order."""

import pytest

from guidance.matching import evaluate, match_trial, match_trials, unknown_questions
from guidance.topics import TrialSelector
from tests.guidance.profiles import (
    BRCA1_GERM,
    ER_LOW,
    ER_NEG,
    ER_POS,
    HER2_LOW,
    HER2_NEG,
    HER2_POS,
    HER2_ZERO,
    PR_NEG,
    PROFILES,
    TRIALS,
    criterion,
    drug,
    expected_trials,
    marker,
    profile,
    trial,
)

ANY = TrialSelector((), (), ())


class Topic:
    """Only the selector matters to matching."""

    def __init__(self, selector):
        self.trials = selector


HER2_POSITIVE = criterion("biomarker", name="HER2", statuses=["positive"])
HER2_LOWISH = criterion("biomarker", name="HER2", statuses=["low", "ultralow"])
HER2_NEGATIVE = criterion(
    "biomarker", name="HER2", statuses=["negative", "low", "ultralow", "zero"]
)
ER_POSITIVE = criterion("biomarker", name="ER", statuses=["positive"])
TNBC = criterion("biomarker", name="TNBC")
GERMLINE_BRCA = criterion("biomarker", name="BRCA", statuses=["pathogenic"], origin="germline")
METASTATIC = criterion("stage", metastatic=True, text="Metastatic breast cancer")
ADVANCED = criterion("stage", metastatic=True, text="Locally advanced unresectable or metastatic")
STAGE_III_IV = criterion("stage", groups=["III", "IV"])
PRIOR_TRASTUZUMAB = criterion("prior_therapy", names=["trastuzumab"])
NO_PRIOR_TDXD = criterion("prior_therapy", inclusion=False, names=["fam-trastuzumab deruxtecan"])
NO_PRIOR_CDK = criterion("prior_therapy", inclusion=False, categories=["CDK4/6 inhibitor"])
HER2_POS_EXCLUDED = criterion("biomarker", inclusion=False, name="HER2", statuses=["positive"])

BRCA2_SOMATIC = marker("BRCA2", "Tumour BRCA2 c.1A>G", status="pathogenic", origin="somatic")
BRCA1_NEG = marker(
    "BRCA1", "Germline BRCA1: no pathogenic variant.", status="negative", origin="germline"
)
TRASTUZUMAB = drug("trastuzumab", "targeted therapy", "metastatic")


@pytest.mark.parametrize(
    ("rule", "facts", "expected"),
    [
        (HER2_POSITIVE, profile(biomarkers=[HER2_POS]), "met"),
        (HER2_POSITIVE, profile(biomarkers=[HER2_LOW]), "not met"),
        (HER2_POSITIVE, profile(biomarkers=[]), "unknown"),
        (HER2_LOWISH, profile(biomarkers=[HER2_LOW]), "met"),
        (HER2_LOWISH, profile(biomarkers=[HER2_ZERO]), "not met"),
        (HER2_LOWISH, profile(biomarkers=[HER2_NEG]), "unknown"),  # negative: low or zero?
        (HER2_NEGATIVE, profile(biomarkers=[HER2_ZERO]), "met"),
        (HER2_NEGATIVE, profile(biomarkers=[HER2_POS]), "not met"),
        (ER_POSITIVE, profile(biomarkers=[ER_POS]), "met"),
        (ER_POSITIVE, profile(biomarkers=[ER_LOW]), "unknown"),  # trials differ on ER-low
        (ER_POSITIVE, profile(biomarkers=[ER_NEG]), "not met"),
        (TNBC, profile(biomarkers=[ER_NEG, PR_NEG, HER2_ZERO]), "met"),
        (TNBC, profile(biomarkers=[ER_POS, PR_NEG, HER2_ZERO]), "not met"),
        (TNBC, profile(biomarkers=[ER_NEG, PR_NEG]), "unknown"),
        (GERMLINE_BRCA, profile(biomarkers=[BRCA1_GERM]), "met"),
        (GERMLINE_BRCA, profile(biomarkers=[BRCA2_SOMATIC]), "unknown"),  # germline untested
        (GERMLINE_BRCA, profile(biomarkers=[BRCA1_NEG, BRCA2_SOMATIC]), "not met"),
        (GERMLINE_BRCA, profile(biomarkers=[]), "unknown"),  # not tested is not negative
        (METASTATIC, profile(metastatic=True), "met"),
        (METASTATIC, profile(metastatic=False), "not met"),
        (METASTATIC, profile(metastatic=None), "unknown"),
        (ADVANCED, profile(metastatic=False, group="IIIB"), "unknown"),  # resectable?
        (STAGE_III_IV, profile(group="IIIC"), "met"),
        (STAGE_III_IV, profile(group="IIA"), "not met"),
        (STAGE_III_IV, profile(metastatic=True), "met"),  # distant spread is stage IV
        (PRIOR_TRASTUZUMAB, profile(treatments=[TRASTUZUMAB]), "met"),
        (PRIOR_TRASTUZUMAB, profile(treatments=[]), "unknown"),
        # a drug the records do not name may have been given elsewhere: not proof of "never"
        (NO_PRIOR_TDXD, profile(treatments=[TRASTUZUMAB]), "unknown"),
        (
            NO_PRIOR_TDXD,
            profile(treatments=[drug("fam-trastuzumab deruxtecan", "targeted therapy")]),
            "not met",
        ),
        (NO_PRIOR_TDXD, profile(treatments=[]), "unknown"),
        (NO_PRIOR_CDK, profile(treatments=[drug("palbociclib", "targeted therapy")]), "not met"),
        (HER2_POS_EXCLUDED, profile(biomarkers=[HER2_POS]), "not met"),
        (HER2_POS_EXCLUDED, profile(biomarkers=[HER2_LOW]), "met"),
        (criterion("site", sites=["breast"]), profile(site="breast"), "met"),
        (criterion("site", sites=["lung"]), profile(site="breast"), "not met"),
        (criterion("site", sites=["solid tumours"]), profile(site="breast"), "met"),
        (criterion("site", sites=["breast"]), profile(site=None), "unknown"),
        (criterion("sex", sexes=["female"]), profile(), "unknown"),  # no sex in the profile
        (criterion("age", min=18), profile(), "unknown"),  # no age in the profile
        (criterion("other"), profile(), "unknown"),
    ],
)
def test_it_evaluates_each_criterion_from_the_profile(rule, facts, expected):
    assert evaluate(rule, facts)["status"] == expected


def test_a_conflict_in_the_records_leaves_the_criterion_unknown():
    facts = profile(
        biomarkers=[HER2_POS],
        conflicts=[{"field": "HER2.status", "values": ["positive", "low"], "note": "two reports"}],
    )
    assert evaluate(HER2_POSITIVE, facts)["status"] == "unknown"


@pytest.mark.parametrize(
    ("rule", "facts", "because", "quote"),
    [
        (HER2_POSITIVE, profile(biomarkers=[HER2_POS]), ["HER2.status"], "HER2 (4B5): 3+"),
        (
            METASTATIC,
            profile(metastatic=True, stage_text="Liver metastases."),
            ["stage.metastatic"],
            "Liver metastases.",
        ),
        (
            PRIOR_TRASTUZUMAB,
            profile(treatments=[TRASTUZUMAB]),
            ["treatments"],
            "Treated with trastuzumab.",
        ),
    ],
)
def test_it_names_the_fields_and_copies_the_evidence(rule, facts, because, quote):
    result = evaluate(rule, facts)
    assert result["because"] == because
    assert [q["text"] for q in result["evidence"]] == [quote]


@pytest.mark.parametrize(
    ("criteria", "fit"),
    [
        ([HER2_POSITIVE, METASTATIC], "likely"),
        ([HER2_POSITIVE, METASTATIC, criterion("age", min=18)], "likely"),
        ([HER2_POSITIVE, criterion("biomarker", name="MSLN", statuses=["positive"])], "possible"),
        ([HER2_POSITIVE, criterion("stage", metastatic=False)], "unlikely"),
        ([criterion("other")], "possible"),
    ],
)
def test_fit_follows_the_contract(criteria, fit):
    facts = profile(biomarkers=[HER2_POS], metastatic=True)
    assert (
        match_trial(trial("NCT00000099", ("breast",), "CAR-T", "HER2", criteria), facts)["fit"]
        == fit
    )


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_each_profile_is_shown_open_trials_for_its_own_disease(name):
    shown = {m["nct_id"] for m in match_trials(TRIALS, PROFILES[name], Topic(ANY))}
    assert shown == expected_trials(name)


@pytest.mark.parametrize(
    ("name", "best"),
    [
        ("her2_positive_metastatic_after_trastuzumab", "NCT00000001"),
        ("her2_low_hr_positive", "NCT00000002"),
        ("her2_zero_tnbc_brca1", "NCT00000003"),
        ("early_hr_positive", "NCT00000004"),
        ("egfr_lung", "NCT00000005"),
    ],
)
def test_the_trial_made_for_the_profile_comes_first_as_likely(name, best):
    matches = match_trials(TRIALS, PROFILES[name], Topic(ANY))
    assert (matches[0]["nct_id"], matches[0]["fit"]) == (best, "likely")


@pytest.mark.parametrize(
    ("name", "wrong"),
    [
        ("her2_positive_metastatic_after_trastuzumab", {"NCT00000002", "NCT00000003"}),
        ("her2_low_hr_positive", {"NCT00000001", "NCT00000003", "NCT00000004"}),
        ("her2_zero_tnbc_brca1", {"NCT00000001", "NCT00000002", "NCT00000004"}),
        ("early_hr_positive", {"NCT00000002"}),
    ],
)
def test_trials_for_another_subtype_are_unlikely(name, wrong):
    matches = match_trials(TRIALS, PROFILES[name], Topic(ANY))
    assert {m["nct_id"] for m in matches if m["fit"] == "unlikely"} >= wrong


def test_order_is_fit_then_number_met():
    matches = match_trials(TRIALS, PROFILES["her2_low_hr_positive"], Topic(ANY))
    keys = [
        (
            {"likely": 0, "possible": 1, "unlikely": 2}[m["fit"]],
            -sum(c["status"] == "met" for c in m["criteria"]),
        )
        for m in matches
    ]
    assert keys == sorted(keys)


@pytest.mark.parametrize(
    ("selector", "shown"),
    [
        (None, set()),
        (TrialSelector(("CAR-T",), (), ()), {"NCT00000001", "NCT00000007"}),
        (TrialSelector((), ("HER2",), ()), {"NCT00000001", "NCT00000002"}),
        (
            TrialSelector((), (), ("breast",)),
            {"NCT00000001", "NCT00000002", "NCT00000003", "NCT00000004", "NCT00000007"},
        ),
    ],
)
def test_the_topic_selector_chooses_the_trials(selector, shown):
    matches = match_trials(TRIALS, PROFILES["her2_low_hr_positive"], Topic(selector))
    assert {m["nct_id"] for m in matches} == shown


def test_every_unknown_criterion_of_a_trial_that_could_fit_becomes_part_of_one_question():
    matches = match_trials(TRIALS, PROFILES["male"], Topic(ANY))
    questions = unknown_questions(matches)
    open_matches = [m for m in matches if m["fit"] != "unlikely"]
    unknowns = [
        (m["nct_id"], c["text"])
        for m in open_matches
        for c in m["criteria"]
        if c["status"] == "unknown"
    ]
    assert unknowns
    for nct_id, text in unknowns:
        assert any(nct_id in q and text in q for q in questions)
    asked = {
        m["nct_id"] for m in open_matches if any(c["status"] == "unknown" for c in m["criteria"])
    }
    assert len(questions) == len(asked)


def test_an_unlikely_trial_s_unknowns_are_not_asked():
    matches = match_trials(TRIALS, PROFILES["male"], Topic(ANY))
    unlikely = {m["nct_id"] for m in matches if m["fit"] == "unlikely"}
    assert not any(nct_id in q for q in unknown_questions(matches) for nct_id in unlikely)


def _statuses(criteria, facts):
    return [
        (c["text"], c["status"])
        for c in match_trial(trial("NCT00000098", ("breast",), "ADC", None, criteria), facts)[
            "criteria"
        ]
    ]


def test_rows_parsed_from_one_sentence_are_one_criterion_that_needs_all_of_them():
    text = "HER2-positive metastatic breast cancer"
    rows = [
        criterion("biomarker", text=text, name="HER2", statuses=["positive"]),
        criterion("stage", text=text, metastatic=True),
    ]
    facts = profile(biomarkers=[HER2_POS], metastatic=False)
    assert _statuses(rows, facts) == [(text, "not met")]


PEMBROLIZUMAB = drug("pembrolizumab", "immunotherapy", "metastatic")


@pytest.mark.parametrize(
    ("site", "treatments", "status"),
    [
        ("breast", [], "met"),  # the melanoma cohort's requirement is not hers
        ("skin", [PEMBROLIZUMAB], "met"),
        ("skin", [], "unknown"),
    ],
)
def test_a_requirement_for_another_cancers_cohort_does_not_apply(site, treatments, status):
    text = "Patients with melanoma must have progressed after one line of immunotherapy"
    rows = [
        criterion("site", text=text, sites=["skin"]),
        criterion("prior_therapy", text=text, categories=["immunotherapy"], min_lines=1),
    ]
    assert _statuses(rows, profile(site=site, treatments=treatments)) == [(text, status)]


def test_a_basket_trial_needs_only_one_of_its_diseases():
    rows = [
        criterion("site", text="Melanoma", sites=["skin"]),
        criterion("site", text="Breast cancer", sites=["breast"]),
        criterion("biomarker", text="HER2-positive", name="HER2", statuses=["positive"]),
    ]
    facts = profile(biomarkers=[HER2_POS])
    matched = match_trial(trial("NCT00000097", ("solid tumours",), "CAR-T", "HER2", rows), facts)
    assert matched["fit"] == "likely"
    assert ("Melanoma", "not met") in [(c["text"], c["status"]) for c in matched["criteria"]]


def test_a_solid_tumour_trial_whose_diseases_are_all_others_is_not_shown():
    rows = [
        criterion("site", text="Renal cell carcinoma", sites=["kidney"]),
        criterion("site", text="Sarcoma", sites=["soft tissue"]),
    ]
    other = trial("NCT00000096", ("solid tumours",), "CAR-T", "CD70", rows)
    assert match_trials([other], profile(site="breast"), Topic(ANY)) == []


def test_a_requirement_for_another_cohort_does_not_make_a_trial_likely():
    text = "Patients with melanoma must have had one line of immunotherapy"
    rows = [
        criterion("site", text=text, sites=["skin"]),
        criterion("prior_therapy", text=text, categories=["immunotherapy"]),
    ]
    matched = match_trial(trial("NCT00000095", ("solid tumours",), "TIL", None, rows), profile())
    assert matched["fit"] == "possible"


@pytest.mark.parametrize(
    ("groups", "expected"),
    [(["IV"], "not met"), (["III", "IV"], "unknown")],
)
def test_no_distant_spread_rules_out_stage_iv_only(groups, expected):
    rule = criterion("stage", groups=groups)
    assert evaluate(rule, profile(metastatic=False))["status"] == expected


def test_a_conflict_about_spread_leaves_the_stage_unknown():
    facts = profile(
        metastatic=True,
        conflicts=[{"field": "stage.metastatic", "values": [True, False], "note": "two reports"}],
    )
    assert evaluate(METASTATIC, facts)["status"] == "unknown"


def test_a_breast_trial_excluding_a_breast_subtype_is_not_read_as_excluding_her():
    rows = [criterion("site", inclusion=False, text="Inflammatory breast cancer", sites=["breast"])]
    own = trial("NCT00000094", ("breast",), "ADC", None, rows)
    assert match_trial(own, profile())["criteria"][0]["status"] == "unknown"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Histologically confirmed invasive breast cancer", "met"),
        ("Completion of adjuvant trastuzumab-based therapy for breast cancer", "unknown"),
        ("No clinical evidence of residual or persistent breast cancer", "unknown"),
        ("Metastatic breast cancer", "unknown"),
    ],
)
def test_a_sentence_of_which_only_the_disease_was_read_is_met_only_when_it_asks_no_more(
    text, status
):
    rows = [criterion("site", text=text, sites=["breast"])]
    assert _statuses(rows, profile(biomarkers=[HER2_POS])) == [(text, status)]


def test_a_requirement_of_a_blood_cancer_cohort_neither_admits_nor_counts_for_her():
    text = "Diagnosis of relapsed/refractory T-cell lymphoblastic lymphoma, Ann Arbor stage II"
    rows = [
        criterion("site", text="Conditions: Lymphoma; Solid Tumors", sites=["solid tumours"]),
        criterion("stage", text=text, groups=["II"]),
    ]
    facts = profile(biomarkers=[HER2_POS], group="IIA")
    assert (text, "unknown") in _statuses(rows, facts)
    found = match_trial(trial("NCT00000097", ("solid tumours",), "CAR-T", None, rows), facts)
    assert found["fit"] == "possible"


@pytest.mark.parametrize(
    "text",
    ["Diagnosis of a solid tumor expressing GPC3", "HER2-positive solid tumour (IHC 3+)"],
)
def test_a_disease_sentence_that_also_asks_for_a_marker_is_not_met_by_the_disease(text):
    rows = [criterion("site", text=text, sites=["solid tumours"])]
    assert _statuses(rows, profile(biomarkers=[HER2_POS])) == [(text, "unknown")]


@pytest.mark.parametrize(
    ("metastatic", "status"), [(True, "met"), (False, "not met"), (None, "unknown")]
)
def test_advanced_solid_tumour_conditions_ask_for_the_setting_too(metastatic, status):
    text = "Conditions: Advanced Solid Tumor"
    rows = [criterion("site", text=text, sites=["solid tumours"])]
    assert _statuses(rows, profile(biomarkers=[HER2_POS], metastatic=metastatic)) == [
        (text, status)
    ]


HER2_LOW_OR_ZERO = criterion("biomarker", name="HER2", statuses=["low", "ultralow", "zero"])
ANY_GERMLINE = criterion("biomarker", name="germline", statuses=["pathogenic"], origin="germline")
BRCA_OR_PALB2 = criterion(
    "biomarker",
    name="BRCA1/BRCA2/PALB2",
    statuses=["pathogenic"],
    genes=["BRCA1", "BRCA2", "PALB2"],
    origin="germline",
)
STAGE_IV_AT_PRESENTATION = criterion("stage", inclusion=False, metastatic=True, at_diagnosis=True)
INCURABLE = criterion("stage", incurable=True)
METASTATIC_CHEMO = criterion("prior_therapy", categories=["chemotherapy"], setting="metastatic")
NO_METASTATIC_CHEMO = criterion(
    "prior_therapy", inclusion=False, categories=["chemotherapy"], setting="metastatic"
)
ADVANCED_CDK = criterion("prior_therapy", categories=["CDK4/6 inhibitor"], setting="advanced")
AT_MOST_3_LINES = criterion(
    "prior_therapy", categories=["chemotherapy"], max_lines=3, setting="metastatic"
)
EARLY = {"metastatic": False, "group": "IIA"}


@pytest.mark.parametrize(
    ("rule", "facts", "expected"),
    [
        # IHC 0, 1+ and 2+/ISH- all admitted: a plain "HER2 negative" is one of them
        (HER2_LOW_OR_ZERO, profile(biomarkers=[HER2_NEG]), "met"),
        (HER2_LOW_OR_ZERO, profile(biomarkers=[HER2_POS]), "not met"),
        # "germline mutation carriers": any germline pathogenic variant, never "not met"
        (ANY_GERMLINE, profile(biomarkers=[BRCA1_GERM]), "met"),
        (ANY_GERMLINE, profile(biomarkers=[BRCA1_NEG]), "unknown"),  # other genes untested
        (ANY_GERMLINE, profile(biomarkers=[BRCA2_SOMATIC]), "unknown"),
        (ANY_GERMLINE, profile(biomarkers=[]), "unknown"),
        # one gene of the list is enough
        (BRCA_OR_PALB2, profile(biomarkers=[BRCA1_GERM]), "met"),
        (BRCA_OR_PALB2, profile(biomarkers=[BRCA1_NEG]), "unknown"),
        # no spread now: she did not present with stage IV; with spread, de novo or recurrent?
        (STAGE_IV_AT_PRESENTATION, profile(**EARLY), "met"),
        (STAGE_IV_AT_PRESENTATION, profile(metastatic=True, group="IV"), "unknown"),
        (STAGE_IV_AT_PRESENTATION, profile(), "unknown"),
        # early disease is treated to cure; beyond it, it is the oncologist's judgement
        (INCURABLE, profile(**EARLY), "not met"),
        (INCURABLE, profile(metastatic=True), "unknown"),
        (INCURABLE, profile(metastatic=False, group="IIIB"), "unknown"),
        # a therapy of the metastatic setting is impossible for disease that never spread
        (METASTATIC_CHEMO, profile(**EARLY), "not met"),
        (NO_METASTATIC_CHEMO, profile(**EARLY), "met"),
        (METASTATIC_CHEMO, profile(metastatic=True), "unknown"),
        (
            METASTATIC_CHEMO,
            profile(metastatic=True, treatments=[drug("paclitaxel", "chemotherapy", "metastatic")]),
            "met",
        ),
        # adjuvant chemotherapy is not chemotherapy in the metastatic setting
        (
            METASTATIC_CHEMO,
            profile(metastatic=True, treatments=[drug("paclitaxel", "chemotherapy", "adjuvant")]),
            "unknown",
        ),
        # "advanced" includes inoperable stage III, which no spread does not rule out
        (ADVANCED_CDK, profile(**EARLY), "not met"),
        (ADVANCED_CDK, profile(metastatic=False, group="IIIB"), "unknown"),
        # a ceiling of lines holds with none; otherwise the records cannot count lines
        (AT_MOST_3_LINES, profile(**EARLY), "met"),
        (AT_MOST_3_LINES, profile(metastatic=True), "unknown"),
    ],
)
def test_it_evaluates_settings_carriers_and_stage_at_presentation(rule, facts, expected):
    assert evaluate(rule, facts)["status"] == expected

"""ClinicalTrials.gov API v2 JSON -> Trial: one study or a search page, partial dates kept."""

import json
from pathlib import Path

import pytest

from guidance.trials.ctgov import (
    modality_of,
    partial_date,
    phase_word,
    read_ctgov,
    status_word,
    target_of,
)

FIXTURES = Path(__file__).parent / "fixtures"


def load(name):
    return json.loads((FIXTURES / name).read_text())


@pytest.fixture
def study():
    (trial,) = read_ctgov(load("invented_study.v2.json"))
    return trial


def test_single_study_fields(study):
    assert (study.nct_id, study.phase, study.status, study.open) == (
        "NCT99990001",
        "Phase 1",
        "Recruiting",
        True,
    )
    assert (study.sites, study.modality, study.target) == (("breast",), "CAR-T", "HER2")
    assert study.source == "ClinicalTrials.gov API v2, updated 2025-07-02"


def test_escaped_comparisons_are_unescaped_in_criterion_text(study):
    texts = [c.text for c in study.criteria]
    assert "Age >= 18 years" in texts
    assert "Tumour lesion > 10 mm in longest diameter" in texts
    assert not any("\\" in t for t in texts)


@pytest.mark.parametrize(
    ("text", "inclusion", "kind", "detail"),
    [
        (
            "HER2-positive disease (IHC 3+ or ISH amplified)",
            True,
            "biomarker",
            {"name": "HER2", "statuses": ["positive"]},
        ),
        (
            "Metastatic or locally advanced unresectable disease",
            True,
            "stage",
            {"groups": ["III", "IV"]},
        ),
        ("prior trastuzumab", True, "prior_therapy", {"names": ["trastuzumab"]}),
        (
            "Prior anti-HER2 CAR-T therapy",
            False,
            "prior_therapy",
            {"target": "HER2", "categories": ["cell therapy"]},
        ),
        ("Age >= 18 years", True, "age", {"min": 18}),
    ],
)
def test_study_criteria(study, text, inclusion, kind, detail):
    assert any(
        (c.text, c.inclusion, c.kind, c.detail) == (text, inclusion, kind, detail)
        for c in study.criteria
    )


def test_structured_sex_field_is_a_criterion_and_text_age_wins_over_the_field(study):
    assert [c.detail for c in study.criteria if c.kind == "sex"] == [{"sexes": ["female"]}]
    assert [c.detail for c in study.criteria if c.kind == "age"] == [{"min": 18}]


def test_search_page_yields_every_study_and_closed_ones_are_not_open():
    trials = read_ctgov(load("invented_search_page.v2.json"))
    assert [(t.nct_id, t.status, t.open) for t in trials] == [
        ("NCT99990002", "Not yet recruiting", True),
        ("NCT99990003", "Completed", False),
    ]
    assert trials[0].source == "ClinicalTrials.gov API v2, updated 2025-11"
    assert trials[0].modality == "endocrine"
    assert [c.detail for c in trials[0].criteria if c.kind == "age"] == [{"min": 18}]
    assert not [c for c in trials[0].criteria if c.kind == "sex"]  # sex ALL is no restriction


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024", "2024"),
        ("2024-05", "2024-05"),
        ({"date": "2024-05-17"}, "2024-05-17"),
        ("May 2024", None),
        (None, None),
    ],
)
def test_partial_dates_are_kept_as_written(value, expected):
    assert partial_date(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (["PHASE1", "PHASE2"], "Phase 1/Phase 2"),
        (["NA"], None),
        ("Phase 2", "Phase 2"),
        (None, None),
    ],
)
def test_phase_words(value, expected):
    assert phase_word(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("ACTIVE_NOT_RECRUITING", "Active, not recruiting"),
        ("Recruiting", "Recruiting"),
        (None, "Unknown"),
    ],
)
def test_status_words(value, expected):
    assert status_word(value) == expected


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Anti-mesothelin CAR-T cells", "CAR-T"),
        ("NY-ESO-1 TCR-T cells", "TCR-T"),
        ("Tumor-infiltrating lymphocytes", "TIL"),
        ("Trastuzumab deruxtecan", "ADC"),
        ("Letrozole plus ribociclib", "endocrine"),
        ("Exercise programme", "other"),
    ],
)
def test_modality(text, modality):
    assert modality_of(text) == modality


@pytest.mark.parametrize("data", [{"protocolSection": {}}, {"foo": 1}, []])
def test_not_a_v2_study_is_rejected(data):
    with pytest.raises(ValueError):
        read_ctgov(data)


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Abemaciclib for AR-positive, HER2-negative metastatic breast cancer", "CDK4/6"),
        ("Radiation de-escalation in hormone sensitive, HER-2 negative breast cancer", None),
        ("HER2-targeted CAR-T cells in advanced solid tumours", "HER2"),
        ("Trastuzumab deruxtecan in HER2-low breast cancer", "HER2-low"),
    ],
)
def test_who_may_join_is_not_what_the_treatment_aims_at(text, target):
    assert target_of(text) == target


def test_a_trial_titled_for_triple_negative_disease_requires_it():
    [trial] = read_ctgov(
        {
            "protocolSection": {
                "identificationModule": {
                    "nctId": "NCT09999991",
                    "briefTitle": "A new combination for metastatic triple negative breast cancer",
                },
                "statusModule": {"overallStatus": "RECRUITING"},
                "conditionsModule": {"conditions": ["Breast Cancer"]},
                "eligibilityModule": {
                    "eligibilityCriteria": "Inclusion Criteria:\n* Age 18 or older"
                },
            }
        }
    )
    assert any(c.kind == "biomarker" and c.detail == {"name": "TNBC"} for c in trial.criteria)

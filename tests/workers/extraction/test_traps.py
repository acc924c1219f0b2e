"""The traps the issue names, and the rules behind them, as a table of cases."""

import pytest

from tests.workers.extraction.conftest import biomarker, read, treatment_names

PATHOLOGY = "SURGICAL PATHOLOGY REPORT\nCollected: 03/14/2025\n"


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("ER 80-90%", "ER", {"status": "positive", "percent": 90}),
        ("Estrogen receptor: positive (95%), strong", "ER", {"status": "positive", "percent": 95}),
        ("ER+ (Allred 7/8)", "ER", {"status": "positive", "percent": None}),
        ("ER: positive, 5% of cells", "ER", {"status": "low", "percent": 5}),
        ("ER: 10%", "ER", {"status": "low", "percent": 10}),
        ("Estrogen receptor: negative (0%)", "ER", {"status": "negative", "percent": 0}),
        ("ER/PR negative", "PR", {"status": "negative", "percent": None}),
        ("PgR: positive (60-70%)", "PR", {"status": "positive", "percent": 70}),
        ("Ki-67: 20-30%", "Ki-67", {"percent": 30}),
    ],
)
def test_receptor_results_follow_asco_cap(text, name, expected):
    found = biomarker(read(PATHOLOGY + text), name)
    assert {key: found[key] for key in expected} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("HER2 (4B5): 3+", {"status": "positive", "ihc": "3+"}),
        ("HER-2/neu 2+, FISH pending", {"status": "equivocal", "ihc": "2+", "ish": None}),
        ("c-erbB-2: 1+", {"status": "low", "ihc": "1+"}),
        ("HER2 IHC: 0", {"status": "zero", "ihc": "0"}),
        ("HER2 IHC 0+/>0 (faint staining in 5% of cells)", {"status": "ultralow", "ihc": "0"}),
        (
            "HER2 2+. HER2 FISH: amplified, HER2/CEP17 ratio 2.6",
            {"status": "positive", "ish": "amplified", "ratio": 2.6},
        ),
        (
            "HER2 2+. HER2/CEP17 ratio 1.3, average HER2 copy number 2.9",
            {"status": "low", "ish": "not amplified"},
        ),
        (
            "HER2 2+. HER2 by FISH: ratio 1.6, average HER2 copy number 6.5",
            {"status": "positive", "ish": "amplified"},
        ),
        ("HER2-negative", {"status": "negative", "ihc": None}),
    ],
)
def test_her2_categories_follow_asco_cap(text, expected):
    found = biomarker(read(PATHOLOGY + text), "HER2")
    assert {key: found[key] for key in expected} == expected


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Negative for carcinoma in 3 sentinel nodes.", "metastatic"),
        ("FAMILY HISTORY: mother had a BRCA1 mutation.", "BRCA1"),
        ("Her mother had a BRCA1 mutation.", "BRCA1"),
        ("If HER2 is amplified we would add trastuzumab.", "trastuzumab"),
        ("She declined tamoxifen.", "tamoxifen"),
        ("We discussed adjuvant chemotherapy with docetaxel.", "docetaxel"),
        ("Plan: start letrozole after radiation.", "letrozole"),
        ("No evidence of metastatic disease.", "metastatic"),
    ],
)
def test_what_is_not_the_patients_is_not_reported(text, absent):
    profile = read("ONCOLOGY CONSULTATION\nDate of visit: 04/02/2025\n" + text)
    assert biomarker(profile, absent) is None
    assert absent not in treatment_names(profile)
    if absent == "metastatic":
        assert profile["stage"]["metastatic"] is not True
        assert profile["stage"]["metastatic_sites"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ypT0 ypN0", {"T": "ypT0", "N": "ypN0"}),
        ("PATHOLOGIC STAGE: pT2N1MX", {"T": "pT2", "N": "pN1", "M": None}),
        (
            "pT1c pN0(sn) cM0, stage IA",
            {"T": "pT1c", "N": "pN0(sn)", "M": "cM0", "group": "IA", "metastatic": False},
        ),
        ("Stage IV with liver and bone metastases", {"group": "IV", "metastatic": True}),
    ],
)
def test_stage_is_read_as_reported(text, expected):
    stage = read(PATHOLOGY + text)["stage"]
    assert {key: stage[key] for key in expected} == expected


def test_metastatic_sites_come_from_the_words():
    stage = read("CT CHEST: metastatic to the liver and bones.")["stage"]
    assert stage["metastatic_sites"] == ["bone", "liver"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "She received AC-T from 03/2025 to 08/2025.",
            {"doxorubicin", "cyclophosphamide", "paclitaxel"},
        ),
        (
            "Treated with TCHP x 6 cycles.",
            {"docetaxel", "carboplatin", "trastuzumab", "pertuzumab"},
        ),
        ("She completed Herceptin in 2024.", {"trastuzumab"}),
        ("Currently on Ibrance and Femara.", {"palbociclib", "letrozole"}),
        ("She received 6 cycles of FOLFOX.", {"leucovorin", "fluorouracil", "oxaliplatin"}),
    ],
)
def test_brand_names_and_regimens_resolve_to_ingredients(text, expected):
    assert treatment_names(read("ONCOLOGY NOTE\n" + text)) == expected


def test_evidence_is_verbatim_on_its_page():
    text = PATHOLOGY + "Estrogen receptor:   positive (95%)\nHER-2/neu 2+, FISH pending"
    profile = read(text)
    for item in profile["biomarkers"]:
        for evidence in item["evidence"]:
            assert evidence["text"] in text
            assert evidence["page"] == 1


def test_a_value_without_evidence_is_never_reported():
    profile = read(PATHOLOGY + "Invasive ductal carcinoma. ER positive. pT2 N0. Lumpectomy.")
    for item in [*profile["biomarkers"], *profile["treatments"]]:
        assert item["evidence"]
    assert profile["stage"]["evidence"]


def test_a_trigger_broken_across_lines_is_still_read():
    profile = read("ONCOLOGY NOTE\nThere is no evidence\nof metastatic disease.")
    assert profile["stage"]["metastatic"] is not True


def test_her2_zero_plus_is_ihc_zero():
    assert biomarker(read(PATHOLOGY + "HER2 IHC: 0+"), "HER2")["ihc"] == "0"

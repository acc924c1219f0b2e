"""HER2 as real pathology reports write it: the test's name, results before the name, scores
some form cells away, ISH results without the word FISH after them."""

import pytest

from tests.workers.extraction.conftest import biomarker, read

PATHOLOGY = "SURGICAL PATHOLOGY REPORT\nCollected: 02/11/2024\n"
KEYS = ("status", "ihc", "ish", "ratio")


def her2(text: str) -> dict | None:
    found = biomarker(read(PATHOLOGY + text), "HER2")
    return {key: found[key] for key in KEYS} if found else None


def result(status=None, ihc=None, ish=None, ratio=None) -> dict:
    return {"status": status, "ihc": ihc, "ish": ish, "ratio": ratio}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("HER2 overexpression (IHC): negative.", result("negative")),
        ("HER2 overexpression: negative (score 1+).", result("low", "1+")),
        (
            "An immunostain shows weak (1+) membrane staining and is interpreted as NEGATIVE for "
            "HER2/neu overexpression.",
            result("negative"),
        ),
        (
            "HER2/neu protein overexpression is moderately positive, score of 2+.",
            result("equivocal", "2+"),
        ),
    ],
)
def test_overexpression_names_the_test_and_is_no_result(text, expected):
    assert her2(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "HER2 protein was stained with the HercepTest kit. Negative staining of the "
            "invasive cells (Score = 0).",
            result("zero", "0"),
        ),
        (
            "BREAST HER2 RESULTS. Specimen: Core biopsy. Block: B3. Interpretation: NEGATIVE. "
            "Intensity: 1+. % Tumor staining: 5%.",
            result("low", "1+"),
        ),
        ("HER2/NEU: negative. 1+.", result("low", "1+")),
        ("HER2 Status. Negative.", result("negative")),
    ],
)
def test_a_score_some_form_cells_after_the_name_is_read(text, expected):
    assert her2(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The tumour is negative for HER2 by immunohistochemistry.", result("negative")),
        (
            "Previously reported as negative for HER-2 by FISH.",
            result("negative", ish="not amplified"),
        ),
        (
            "No amplification of the HER2/neu gene is seen by dual-probe ISH.",
            result("negative", ish="not amplified"),
        ),
        ("EQUIVOCAL FOR HER-2/NEU WITH A SCORE OF 2+.", result("equivocal", "2+")),
        ("The tumour is negative for ER, PR and HER2.", result("negative")),
    ],
)
def test_a_result_written_before_the_name_is_its(text, expected):
    assert her2(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Tumour cells are weakly positive for HER2/neu.",
        "Positive for ER and PR. HER2 testing is pending.",
    ],
)
def test_a_word_before_is_not_called_her2s_unless_it_is_for_her2(text):
    assert not any((her2(text) or {}).values())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The HER2/neu gene is amplified by FISH.", result("positive", ish="amplified")),
        ("HER2 gene is not amplified by SISH.", result("negative", ish="not amplified")),
        ("HER2 (by FISH): 2.6, AMPLIFIED.", result("positive", ish="amplified", ratio=2.6)),
    ],
)
def test_an_amplification_result_is_an_ish_result_wherever_the_method_is_named(text, expected):
    assert her2(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("HER-2/neu - POSITIVE.", result("positive")),
        ("HER-2/neu - NEGATIVE (SCORE 1+).", result("low", "1+")),
        ("HER2 - EQUIVOCAL.", result("equivocal")),
        ("HER2- (IHC)", result("negative")),
    ],
)
def test_a_dash_before_a_written_result_separates_it(text, expected):
    assert her2(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "NOTE: FISH analysis for HER2 gene amplification has not been requested.",
        "Cell lines and in-house HER2 amplified control tissue were evaluated with the case.",
        "INTERPRETATION. For HER2: Positive cases show complete intense staining (Score 3+).",
    ],
)
def test_a_test_name_a_control_or_a_legend_is_no_result(text):
    assert not any((her2(text) or {}).values())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("HER2 (IHC): score 0.", result("zero", "0")),
        ("HER2 (IHC): 0", result("zero", "0")),
        ("HER2 (4B5): 0 (ultralow, faint staining in 5% of cells)", result("ultralow", "0")),
        ("HER2/neu (IHC): 0 (negative)", result("zero", "0")),
    ],
)
def test_a_score_of_zero_after_a_clone_or_method_is_ihc_0(text, expected):
    assert her2(text) == expected


def test_a_fraction_of_cells_is_not_a_score_of_zero():
    assert her2("HER2: 0.5% of cells") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "INTERPRETATION\nNo HER2 gene amplification detected.",
            result("negative", ish="not amplified"),
        ),
        ("Without HER2 amplification.", result("negative", ish="not amplified")),
        (
            "HER2 ISH testing requested because HER2 IHC was 2+ (equivocal).",
            result("equivocal", "2+"),
        ),
    ],
)
def test_what_governs_the_name_from_before_it(text, expected):
    assert her2(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Reflex HER2 in situ hybridization for an equivocal (2+) immunohistochemistry result.",
            None,
        ),
        (
            "NEGATIVE for HER2 gene amplification. With IHC 2+, the result is HER2-low.",
            result("low", "2+", "not amplified"),
        ),
        ("HER2 FISH: equivocal (ratio 1.9).", result("equivocal", ish="equivocal", ratio=1.9)),
    ],
)
def test_an_ish_result_is_the_ish_s_own_word(text, expected):
    assert her2(text) == expected

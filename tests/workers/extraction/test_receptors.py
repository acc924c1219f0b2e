"""ER and PR as real pathology reports write them: results before the names, dashes that only
separate, and the full stops OCR leaves at the end of every form cell."""

import pytest

from tests.workers.extraction.conftest import biomarker, read

PATHOLOGY = "SURGICAL PATHOLOGY REPORT\nCollected: 02/11/2024\n"


def receptors(text: str) -> dict[str, tuple[str | None, float | None] | None]:
    profile = read(PATHOLOGY + text)
    out = {}
    for name in ("ER", "PR"):
        found = biomarker(profile, name)
        out[name] = (found["status"], found["percent"]) if found else None
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The carcinoma cells are negative for ER and PR, and positive for HER2 by IHC.",
            {"ER": ("negative", None), "PR": ("negative", None)},
        ),
        (
            "INVASIVE CELLS ARE POSITIVE FOR ESTROGEN AND PROGESTERONE RECEPTORS AND NEGATIVE "
            "FOR HER2/NEU.",
            {"ER": ("positive", None), "PR": ("positive", None)},
        ),
        (
            "Positive for ER (90%) and negative for PR (0%).",
            {"ER": ("positive", 90), "PR": ("negative", 0)},
        ),
    ],
)
def test_a_result_written_before_the_names_is_theirs(text, expected):
    assert receptors(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "ESTROGEN RECEPTOR - NEGATIVE, PROGESTERONE RECEPTOR - NEGATIVE.",
            {"ER": ("negative", None), "PR": ("negative", None)},
        ),
        (
            "ESTROGEN RECEPTOR -. POSITIVE, PROGESTERONE RECEPTOR - POSITIVE.",
            {"ER": ("positive", None), "PR": ("positive", None)},
        ),
        ("ER- PR+ (Allred 6/8)", {"ER": ("negative", None), "PR": ("positive", None)}),
    ],
)
def test_a_dash_before_a_written_result_separates_it_and_is_no_minus_sign(text, expected):
    assert receptors(text) == expected


def test_a_stain_code_with_a_dash_is_no_result():
    assert receptors("Stains ordered: ER-C. PR-C. CK5-6. NEG CONT.") == {"ER": None, "PR": None}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "ER Status. Negative NOS. PR Status. Positive NOS.",
            {"ER": ("negative", None), "PR": ("positive", None)},
        ),
        (
            "STUDIES FOR HORMONE RECEPTORS. (ER/PR) ARE. NEGATIVE.",
            {"ER": ("negative", None), "PR": ("negative", None)},
        ),
        (
            "MARKER. CLONE. RESULT. Estrogen Receptor. SP1(. Positive. 80 %. Strong. "
            "Progesterone Receptor. 1E2(. Negative. 0 %.",
            {"ER": ("positive", 80), "PR": ("negative", 0)},
        ),
        ("Results: ER. 85%. PR. 3%.", {"ER": ("positive", 85), "PR": ("low", 3)}),
    ],
)
def test_a_result_in_the_next_form_cell_is_read(text, expected):
    assert receptors(text) == expected


def test_a_form_cell_does_not_run_on_into_prose():
    text = (
        "Estrogen receptor stain was performed on block B2. Negative controls stained as expected."
    )
    assert receptors(text)["ER"] is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "70% of tumour cells show strong nuclear staining for estrogen receptors, 20% of "
            "tumour cells show weak staining. for progesterone receptors, and HER2 is negative.",
            {"ER": ("positive", 70), "PR": ("positive", 20)},
        ),
        (
            "5% of the invasive cells show nuclear staining for estrogen receptor.",
            {"ER": ("low", 5), "PR": None},
        ),
        # another sentence's percentage is not this name's
        (
            "Ki-67: 30% of tumour cells. Staining for estrogen receptor: negative.",
            {"ER": ("negative", None), "PR": None},
        ),
    ],
)
def test_a_percentage_of_stained_cells_written_before_the_name_is_its(text, expected):
    assert receptors(text) == expected


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("No progesterone receptors found in the tumour cell nuclei.", "PR"),
        ("No estrogen receptors. detected in neoplastic nuclei.", "ER"),
        ("Estrogen receptors in the tumour cell nuclei not detected.", "ER"),
        ("Special studies: - PR: No expression.", "PR"),
    ],
)
def test_receptors_not_found_are_negative(text, name):
    assert receptors(text)[name] == ("negative", None)


@pytest.mark.parametrize(
    "text",
    [
        "INTERPRETATION. For ER & PR: Positive. 1-100%. Low Positive. 1-10%.",
        "Frozen section: carcinoma. ER/PR taken for permanent sections.",
    ],
)
def test_a_legend_or_a_sample_taken_is_no_result(text):
    assert receptors(text) == {"ER": None, "PR": None}


def test_how_a_result_is_scored_is_no_result():
    text = (
        "Estrogen Receptor 0% None Negative\n"
        "ER/PR scoring: percentage of positive tumor nuclei and average intensity."
    )
    assert receptors(text) == {"ER": ("negative", 0), "PR": None}

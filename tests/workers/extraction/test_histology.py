"""Breast histology as pathology reports write it: words between the lexicon's words, a
ductal-lobular mix with grades in it, synoptic type fields, OCR-damaged words, Latin names."""

import pytest

from tests.workers.extraction.conftest import read
from workers.extraction.finders.diagnosis import repair_ocr

PATHOLOGY = "SURGICAL PATHOLOGY REPORT\nCollected: 02/11/2024\nLEFT BREAST, EXCISION:\n"


def histology(text: str) -> str | None:
    found = read(PATHOLOGY + text)["diagnosis"]["histology"]
    return found["code"] if found else None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Diagnosis: Invasive lobular breast carcinoma, 1.9 cm.", "8520/3"),
        ("Diagnosis: Invasive ductal mammary carcinoma (grade 3).", "8500/3"),
        ("INVASIVE MODERATELY DIFFERENTIATED DUCTAL CARCINOMA, 2.2 CM.", "8500/3"),
        ("A multifocal invasive ductal. carcinoma (largest focus 3 cm).", "8500/3"),
        ("Infiltrative lobular carcinoma, classic type.", "8520/3"),
    ],
)
def test_words_between_invasive_and_carcinoma_do_not_hide_the_type(text, code):
    assert histology(text) == code


@pytest.mark.parametrize(
    "text",
    [
        "Histologic type: Mixed infiltrating ductal and grade 2 lobular carcinoma.",
        "Histologic type: Mixed grade 3 lobular and invasive ductal carcinoma.",
    ],
)
def test_a_ductal_lobular_mix_with_grades_in_it_is_mixed(text):
    assert histology(text) == "8522/3"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Histologic type: Invasive lobular (E-cadherin negative).", "8520/3"),
        ("INVASIVE TUMOR: Histologic type: ductal. Size: 1.2 cm.", "8500/3"),
        ("TUMOR TYPE (invasive component): Lobular. Grade: 2.", "8520/3"),
    ],
)
def test_the_type_field_of_the_invasive_tumour_names_its_histology(text, code):
    assert histology(text) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # a type field that is not about an invasive tumour says nothing of one
        ("Non-invasive lesion. Histologic type: ductal. Nuclear grade: 2.", None),
        ("Histologic type: ductal carcinoma in situ, cribriform.", "8500/2"),
    ],
)
def test_a_type_field_without_invasion_is_not_an_invasive_carcinoma(text, code):
    assert histology(text) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("INFILTRATLNG LOBULAR CARCINOMA, 1.5 CM.", "8520/3"),
        ("MUCINOUS CARCINQMA, 2.0 CM.", "8480/3"),
    ],
)
def test_an_ocr_damaged_histology_word_is_read_as_the_word(text, code):
    assert histology(text) == code


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("INELLTRATING", "INFILTRATING"),
        ("carclnoma", "carcinoma"),
        ("carcinoid", "carcinoid"),  # a real word stays
        ("infiltration", "infiltration"),
        ("tubular", "tubular"),
    ],
)
def test_ocr_repair_keeps_real_words_and_offsets(damaged, repaired):
    assert repair_ocr(f"an {damaged} here") == f"an {repaired} here"


def test_a_histology_that_is_only_an_empty_form_label_is_no_diagnosis():
    text = (
        "TUMOR TYPE (invasive component): Ductal. PAGET DISEASE OF NIPPLE: LYMPH NODES EXAMINED: 3."
    )
    assert histology(text) == "8500/3"
    assert histology("PAGET DISEASE OF NIPPLE: LYMPH NODES EXAMINED: 3.") is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Histopathological diagnosis: Carcinoma lobulare invasivum mammae sinistrae.", "8520/3"),
        ("Histopathological diagnosis: Carcinoma ductale invasivum mammae dextrae.", "8500/3"),
    ],
)
def test_latin_names_of_breast_carcinomas(text, code):
    assert histology(text) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Colon, biopsy: Adenocarcinoma, mucinous type.", "8480/3"),
        ("Breast, core biopsy: Invasive carcinoma, mucinous type.", "8480/3"),
    ],
)
def test_a_type_written_after_a_comma_is_the_histology(text, code):
    assert histology(text) == code

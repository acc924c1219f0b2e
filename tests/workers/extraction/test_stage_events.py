"""The profile's stage is the latest staging event, taken whole."""

import pytest

from tests.workers.extraction.conftest import read

CLINICAL = "Consult 01/10/2022\nAssessment: left breast cancer, cT1c cN0 cM0, clinical stage IA."
RESECTION = (
    "Surgical Pathology Report\nCollection date: 02/14/2022\n"
    "FINAL DIAGNOSIS\nInvasive ductal carcinoma. pT1c pN0."
)
LATER_NOTE = (
    "Follow-up 06/13/2022\nHistory: initially cT1c cN0 cM0, clinical stage IA.\n"
    "Assessment: pT1c pN0, pathologic stage IA breast cancer on letrozole."
)


def stage_of(*texts: str) -> dict:
    stage = read(*texts)["stage"]
    return {k: stage[k] for k in ("T", "N", "M", "group", "metastatic")}


def test_pathologic_staging_supersedes_clinical_without_inheriting_its_m() -> None:
    assert stage_of(CLINICAL, RESECTION) == {
        "T": "pT1c",
        "N": "pN0",
        "M": None,
        "group": None,
        "metastatic": False,
    }


def test_a_later_note_restating_the_clinical_stage_does_not_undo_the_pathologic_one() -> None:
    assert stage_of(CLINICAL, RESECTION, LATER_NOTE) == {
        "T": "pT1c",
        "N": "pN0",
        "M": None,
        "group": "IA",
        "metastatic": False,
    }


def test_neoadjuvant_response_staging_supersedes_clinical() -> None:
    after = "Pathology report\nCollection date: 06/03/2025\nTNM Descriptors: ypT0, ypN0"
    stage = stage_of("Consult 01/02/2025: cT2 cN1 cM0, clinical stage IIB.", after)
    assert (stage["T"], stage["N"], stage["M"]) == ("ypT0", "ypN0", None)


def test_distant_recurrence_is_the_latest_event_with_only_what_it_states() -> None:
    recurrence = (
        "Clinic letter\nVisit date: 09/04/2023\nBiopsy-proven liver metastases: pM1, stage IV."
    )
    stage = stage_of(CLINICAL, RESECTION, recurrence)
    assert stage == {"T": None, "N": None, "M": "pM1", "group": "IV", "metastatic": True}


def test_de_novo_metastatic_staging_keeps_its_own_t_and_n() -> None:
    stage = stage_of("Consult 03/01/2024: cT2 cN1 cM1 (bone), stage IV breast cancer.")
    assert stage == {"T": "cT2", "N": "cN1", "M": "cM1", "group": "IV", "metastatic": True}


def test_once_distant_disease_is_stated_the_patient_stays_metastatic() -> None:
    older = "Consult 03/01/2020: cT2 cN0 cM1, stage IV."
    newer = "Follow-up 05/01/2021\nAssessment: restaging shows pT2 pN0 disease."
    assert stage_of(older, newer)["metastatic"] is True


@pytest.mark.parametrize(
    "text",
    [
        "FINAL DIAGNOSIS\n- Lymph nodes: 3 of 18 positive for metastatic carcinoma.",
        "Sentinel lymph node, left axilla: metastatic carcinoma in 1 of 2 nodes.",
        "CANCER CASE SUMMARY\nPrimary Tumor (pT): pT2\nDistant Metastasis (pM): Not applicable",
        "Distant metastasis: not assessed",
    ],
)
def test_regional_nodes_and_unassessed_distant_disease_are_not_metastatic(text: str) -> None:
    stage = read(text)["stage"]
    assert stage["metastatic"] is not True
    assert stage["metastatic_sites"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Assessment: metastatic breast carcinoma to the liver, on capecitabine.",
        "Distant Metastasis (pM): pM1 (liver)",
    ],
)
def test_distant_disease_stated_makes_the_patient_metastatic(text: str) -> None:
    assert read(text)["stage"]["metastatic"] is True


def test_a_pathologic_form_keeps_the_clinical_m_it_states_alone() -> None:
    form = (
        "Surgical Pathology Report\nCollection date: 02/14/2022\nSYNOPTIC REPORT\n"
        "Pathological T. T2\nPathological N. N1a\nClinical M. M0"
    )
    stage = stage_of(CLINICAL, form)
    assert (stage["T"], stage["N"], stage["M"]) == ("pT2", "pN1a", "cM0")


def test_a_clinical_m_in_a_letter_stays_clinical() -> None:
    letter = "Letter to GP\nStaged pT1c pN1a, pathologic stage IIA. Initially cN0, cM0."
    stage = stage_of(CLINICAL, letter)
    assert (stage["T"], stage["N"], stage["M"]) == ("pT1c", "pN1a", None)


def test_staging_after_neoadjuvant_treatment_of_stage_iv_disease_is_the_latest() -> None:
    consult = "Consultation\nVisit date: 04/21/2023\nAssessment: FIGO stage IVB ovarian carcinoma."
    surgery = (
        "Surgical Pathology Report\nProcedure date: 07/31/2023\nFINAL DIAGNOSIS\n"
        "High-grade serous carcinoma after neoadjuvant chemotherapy, ypT3c ypN1a."
    )
    stage = stage_of(consult, surgery)
    assert stage == {"T": "ypT3c", "N": "ypN1a", "M": None, "group": None, "metastatic": True}


def test_undated_statements_follow_the_usual_order_of_stagings() -> None:
    letter = "Clinic letter\nBiopsy-proven liver metastases: pM1, stage IV."
    assert stage_of(RESECTION, letter)["M"] == "pM1"


def test_a_clinical_stage_first_written_in_a_later_note_does_not_undo_the_pathologic() -> None:
    note = (
        "Follow-up\nVisit date: 10/18/2022\nHistory: cT2 cN0 cM0, clinical stage IIA at diagnosis."
    )
    stage = stage_of(RESECTION, note)
    assert (stage["T"], stage["N"], stage["M"]) == ("pT1c", "pN0", None)

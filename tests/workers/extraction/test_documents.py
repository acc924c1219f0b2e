"""What kind of document a page is, and which of its dates the document speaks for."""

import pytest

from tests.workers.extraction.conftest import read
from workers.extraction.finders.documents import collection_date, document_date, document_kind

PATHOLOGY = """MERIDIAN ANATOMIC PATHOLOGY
Surgical Pathology Final Report
Procedure Date: Jun 3, 2025
Received: Jun 5, 2025
Date of Report: Jun 11, 2025
DIAGNOSIS
A. Left breast, lumpectomy: invasive carcinoma.
Electronically signed by V. Aster, MD on Jun 11, 2025"""

ADDENDUM = (
    PATHOLOGY
    + """
ADDENDUM
HER2 FISH: not amplified.
Addendum date: 06/19/2025"""
)

DISCHARGE = "DISCHARGE SUMMARY\nAdmission Date: 02/16/2025 Discharge Date: 02/18/2025"

CONSULT = """Granite Peaks Medical Group
MEDICAL ONCOLOGY CONSULTATION
Date of Service: 4 August 2023 Provider: H. Stone, MD
Chief Complaint
Newly diagnosed ovarian carcinoma. CT chest showed liver lesions."""


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (PATHOLOGY, "pathology"),
        (CONSULT, "consult"),
        (
            "Department of Pathology\nMolecular Diagnostics Report\nNGS panel of 500 genes",
            "molecular",
        ),
        ("RADIOLOGY REPORT\nCT chest with contrast\nFindings: no nodules.", "imaging"),
        (DISCHARGE, "discharge"),
        ("Riverside Health\nPatient education handout", "other"),
        ("Helix Oncology Lab\nCAP-accredited laboratory\nSolid Tumor NGS Report", "molecular"),
        ("Anatomic Pathology\nMolecular Pathology Report\nEGFR exon 19 deletion", "molecular"),
        ("Keystone Laboratories\nPathology Report\nInvasive ductal carcinoma", "pathology"),
    ],
)
def test_a_title_line_decides_the_kind_before_a_letterhead(text: str, kind: str) -> None:
    assert document_kind([text]) == kind


@pytest.mark.parametrize(
    ("text", "kind", "date"),
    [
        (PATHOLOGY, "pathology", "2025-06-11"),
        (ADDENDUM, "pathology", "2025-06-19"),
        (CONSULT, "consult", "2023-08-04"),
        (
            "DISCHARGE SUMMARY\nAdmission Date: 02/16/2025 Discharge Date: 02/18/2025",
            "discharge",
            "2025-02-18",
        ),
        ("CT CHEST\nExam date: 3/14/2025\nSigned: 3/15/2025", "imaging", "2025-03-14"),
        ("Clinic note\nDOB: 04/02/1961\nDate: 05/06/2024", "consult", "2024-05-06"),
        ("Clinic note\nFaxed: 05/09/2024 10:14\nVisit date: 05/06/2024", "consult", "2024-05-06"),
    ],
)
def test_the_document_date_is_the_day_it_was_issued(text: str, kind: str, date: str) -> None:
    found = document_date([text], kind)
    assert found is not None and found[0] == date


def test_a_month_written_in_words_is_not_skipped_over() -> None:
    found = document_date(
        ["Final report\nProcedure Date: Jun 3, 2025\nReceived: Jun 5, 2025"], "other"
    )
    assert found is not None and found[0] == "2025-06-03"


def test_the_collection_date_is_the_day_of_the_procedure() -> None:
    found = collection_date([PATHOLOGY])
    assert found is not None and found[0] == "2025-06-03"


def test_a_document_without_labelled_dates_has_none() -> None:
    assert document_date(["Pathology\nInvasive carcinoma, 2.1 cm."], "pathology") is None


def test_a_diagnosis_is_dated_by_the_biopsy_not_the_sign_out() -> None:
    report = (
        "Surgical Pathology Report\nCollection date: 04/19/2024\nReport date: 04/23/2024\n"
        "FINAL DIAGNOSIS\nLeft breast, core needle biopsy: invasive ductal carcinoma, grade 2."
    )
    profile = read(report)
    assert profile["diagnosis"]["diagnosis_date"] == "2024-04-19"
    assert profile["documents"][0]["date"] == "2024-04-23"

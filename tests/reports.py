"""One patient's reports, as text, for the tests that read them for real and review them.

A biopsy reads HER2-low (IHC 2+, FISH not amplified); a later addendum reads HER2 3+. The
extraction pipeline reads them; clinicians then accept, correct or reject what it found.
"""

from pathlib import Path

from records import processing
from records.models import Document, Patient
from tests import documents as docs
from tests.factories import upload_document

BIOPSY = (
    "SURGICAL PATHOLOGY REPORT\nDate of report: 03/02/2025\nFINAL DIAGNOSIS\n"
    "Left breast, core needle biopsy: Invasive ductal carcinoma, grade 2.\n"
    "Estrogen receptor: positive (95%)\nProgesterone receptor: positive (40%)\n"
    "HER2 (IHC): 2+ (equivocal)\nHER2 FISH: not amplified, HER2/CEP17 ratio 1.3\n"
    "Clinical stage: cT2 cN0 cM0"
)
ADDENDUM = (
    "SURGICAL PATHOLOGY ADDENDUM\nDate of report: 04/15/2025\n"
    "Left breast, excision: HER2 (IHC): 3+ (positive)"
)
HER2 = "biomarker:HER2"
POSITIVE = {"name": "HER2", "status": "positive", "ihc": "3+", "ish": None, "ratio": None,
            "copy_number": None}  # fmt: skip


def read_report(patient: Patient, directory: Path, text: str, name: str) -> Document:
    """Upload a real PDF of `text` and read it in this process, as the worker would."""
    document = upload_document(patient, docs.text_pdf(directory, pages=[text], name=name))
    assert processing.process(str(document.id)) == "done"
    return document

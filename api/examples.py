"""Examples for the OpenAPI document: what a caller sees, with made-up values."""

PROFILE_EXAMPLE = {
    "schema": "navis.profile.v1",
    "documents": [{"file": "biopsy.pdf", "sha256": "0" * 64, "pages": 1, "ocr_pages": 0,
                   "kind": "pathology", "date": "2025-03-02"}],
    "diagnosis": {"primary_site": "breast", "laterality": "left",
                  "histology": {"code": "8500/3", "label": "Invasive ductal carcinoma"},
                  "grade": 2, "diagnosis_date": "2025-03-02"},
    "biomarkers": [{"name": "HER2", "status": "low", "ihc": "2+", "ish": "not amplified",
                    "ratio": 1.3, "copy_number": None,
                    "evidence": [{"file": "biopsy.pdf", "page": 1,
                                  "text": "HER2 (IHC): 2+ (equivocal)"}]}],
    "stage": {"T": "cT2", "N": "cN0", "M": "cM0", "group": None, "metastatic": False,
              "metastatic_sites": [],
              "evidence": [{"file": "biopsy.pdf", "page": 1, "text": "cT2 cN0 cM0"}]},
    "treatments": [],
    "conflicts": [],
    "missing": [],
}  # fmt: skip

CORRECT_HER2 = {
    "key": "biomarker:HER2",
    "action": "correct",
    "value": {"name": "HER2", "status": "positive", "ihc": "3+", "ish": "amplified",
              "ratio": 4.1, "copy_number": None},
    "reason": "FISH repeated at the referral centre",
}  # fmt: skip

DOCUMENT_EXAMPLE = {
    "id": "5b7e1c2a-0d4f-4a51-9a55-2f0c1d9e8b11",
    "file_name": "biopsy.pdf",
    "media_type": "application/pdf",
    "size": 48213,
    "sha256": "9f2c" + "0" * 60,
    "status": "ocr",
    "status_label": "Reading scanned pages",
    "failure_code": "",
    "failure_reason": "",
    "progress": {"done": 2, "total": 3},
    "page_count": 3,
    "ocr_pages": 3,
    "kind": "",
    "report_date": "",
    "created_at": "2026-11-24T09:30:00Z",
    "finished_at": None,
}
UPLOAD_EXAMPLE = {
    "results": [
        {"file_name": "biopsy.pdf", "accepted": True, "document": DOCUMENT_EXAMPLE, "reason": ""},
        {
            "file_name": "letter.docx.pdf",
            "accepted": False,
            "document": None,
            "reason": "This is not a PDF or a photo (JPEG or PNG) of a page.",
        },
    ]
}

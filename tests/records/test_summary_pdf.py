"""The one-page summary PDF: everything the summary holds, on one page when it can be."""

import io
from datetime import datetime

import pypdfium2

from records.summary import ReadDocument, ReviewNote, Row, Summary, Treatment
from records.summary_pdf import render_summary_pdf

PRINTED = datetime(2026, 11, 24, 9, 30)


def summary(treatments: int = 3, biomarkers: int = 4) -> Summary:
    return Summary(
        diagnosis=[Row("Type of cancer", "Invasive ductal carcinoma", key="diagnosis.histology")],
        biomarkers=[
            Row(f"Marker {n}", "Positive", "95% of cells", key=f"biomarker:M{n}")
            for n in range(biomarkers)
        ],
        stage=[Row("Stage", "IIB", key="stage.group")],
        stage_evidence=[],
        treatments=[
            Treatment(f"Drug {n}", "Chemotherapy", "March 2025", "", "adjuvant", [])
            for n in range(treatments)
        ],
        conflicts=[],
        missing=["grade"],
        documents=[ReadDocument("biopsy.pdf", "Pathology report", "2 March 2025", "")],
    )


def read(pdf: bytes) -> tuple[int, str]:
    document = pypdfium2.PdfDocument(io.BytesIO(pdf))
    try:
        pages = [document[i].get_textpage().get_text_range() for i in range(len(document))]
        return len(pages), " ".join(" ".join(pages).split())  # as one line: cells wrap
    finally:
        document.close()


def render(content: Summary | None) -> tuple[int, str]:
    pdf = render_summary_pdf(
        patient_name="Maya", summary=content, version=3, signed=None, printed_at=PRINTED
    )
    return read(pdf)


def test_it_holds_diagnosis_biomarkers_stage_treatments_and_sources():
    pages, text = render(summary())
    assert pages == 1
    for words in ("Invasive ductal carcinoma", "Marker 3", "IIB", "Drug 2", "biopsy.pdf", "grade"):
        assert words in text, words


def test_it_says_when_it_was_printed_and_that_no_clinician_signed_it():
    _, text = render(summary())
    assert "Printed 24 November 2026, 09:30" in text
    assert "not signed off by a clinician" in text


def test_each_value_says_whether_a_clinician_checked_it():
    content = summary()
    content.biomarkers[0].review = ReviewNote("corrected", "Dr Okafor", "20 November 2026", "FISH")
    content.biomarkers[1].review = ReviewNote("verified", "Dr Okafor", "20 November 2026")
    _, text = render(content)
    assert "corrected by Dr Okafor, 20 November 2026: FISH" in text
    assert "verified by Dr Okafor" in text
    assert "not yet checked" not in text  # rows without a review say nothing


def test_a_long_treatment_history_still_fits_one_page():
    assert render(summary(treatments=25, biomarkers=12))[0] == 1


def test_a_history_too_long_for_one_page_runs_on_rather_than_losing_anything():
    pages, text = render(summary(treatments=150))
    assert pages > 1
    assert "Drug 149" in text


def test_nothing_read_yet_says_so():
    assert "No record has been read yet." in render(None)[1]


def test_it_holds_what_the_records_say_about_her_and_what_happened():
    content = summary()
    content.patient = [Row("Age", "58 years")]
    content.events = [Row("The cancer spread", "10 March 2024", "to liver")]
    content.treatments = [
        Treatment(
            "Capecitabine",
            "Chemotherapy",
            "April 2024",
            "",
            "metastatic",
            [],
            line="second line of treatment",
        )
    ]
    _, text = render(content)
    for words in ("58 years", "The cancer spread", "to liver", "second line of treatment"):
        assert words in text, words

"""Ruled tables read row by row: headers give bare cells their meaning, evidence stays verbatim.

Each case is a PDF drawn by our own code (tests/table_documents.py) and read by the whole
pipeline and extraction, as an uploaded report would be.
"""

from pathlib import Path

import pytest

from tests import table_documents as tables
from tests.workers.extraction.conftest import biomarker
from workers.extraction import build_profile
from workers.extraction.files import ReadFile, read_file

PATHOLOGY = ["SURGICAL PATHOLOGY REPORT", "Collected: 03/14/2025", "BIOMARKER STUDIES"]
MOLECULAR = ["MOLECULAR PATHOLOGY REPORT", "Tumor next-generation sequencing panel"]
MARKERS_DOWN_COLUMNS = (
    ("ER", "PR", "HER2", "Ki-67"),
    ("Positive (90%)", "Negative (0%)", "1+", "15%"),
)
TICKED = (
    ("Gene", "Detected", "Not detected"),
    ("BRCA1", "", "X"),
    ("BRCA2", "X", ""),
)


def read(tmp_path: Path, rows, before=PATHOLOGY, after=(), **options) -> ReadFile:
    path = tables.table_pdf(tmp_path, [(before, rows, after)], name="report.pdf", **options)
    return read_file(path, label="report.pdf")


def profile(tmp_path: Path, rows, before=PATHOLOGY, after=(), **options) -> dict:
    return build_profile([read(tmp_path, rows, before, after, **options).facts])


def subset(found: dict | None, expected: dict) -> dict | None:
    return None if found is None else {key: found[key] for key in expected}


@pytest.mark.parametrize(
    ("rows", "name", "expected"),
    [
        (
            (("Marker", "Result", "% cells"), ("ER (SP1)", "Positive", "95")),
            "ER",
            {"status": "positive", "percent": 95},
        ),
        (
            (("Marker", "% positive", "Intensity", "Interpretation"), ("PgR", "5", "Weak", "Low")),
            "PR",
            {"status": "low", "percent": 5},
        ),
        (
            (("Marker", "Result", "% cells"), ("Ki-67 (MIB-1)", "-", "30")),
            "Ki-67",
            {"percent": 30},
        ),
        (
            (("Biomarker", "TPS (%)", "Interpretation"), ("PD-L1 (22C3)", "60", "High")),
            "PD-L1",
            {"value": 60, "unit": "TPS"},
        ),
        (
            (("Biomarker", "Result"), ("Tumor mutational burden", "12 mut/Mb")),
            "TMB",
            {"value": 12, "unit": "mut/Mb"},
        ),
    ],
    ids=["% cells", "% positive", "Ki-67 %", "TPS (%)", "TMB"],
)
def test_a_header_gives_a_bare_number_its_meaning(tmp_path: Path, rows, name, expected) -> None:
    assert subset(biomarker(profile(tmp_path, rows), name), expected) == expected


@pytest.mark.parametrize(
    ("rows", "name", "expected"),
    [
        (
            (("Marker", "Intensity", "Interpretation"), ("ER", "Low", "Positive")),
            "ER",
            {"status": "positive"},
        ),
        (
            (("Marker", "Interpretation", "Intensity / score"), ("HER2 (4B5)", "Equivocal", "2+")),
            "HER2",
            {"status": "equivocal", "ihc": "2+"},
        ),
        (
            (("Marker", "% cells", "Intensity"), ("HER2 IHC", "-", "Score 3+")),
            "HER2",
            {"status": "positive", "ihc": "3+"},
        ),
    ],
    ids=["intensity is no status", "score under intensity", "HER2 score in intensity"],
)
def test_staining_intensity_is_not_a_result_but_a_score_is(
    tmp_path: Path, rows, name, expected
) -> None:
    assert subset(biomarker(profile(tmp_path, rows), name), expected) == expected


@pytest.mark.parametrize(
    ("rows", "name", "expected"),
    [
        (tables.NGS_TABLE, "EGFR", {"status": "pathogenic", "variant": "c.2235_2249del"}),
        (tables.NGS_TABLE, "TP53", {"status": "pathogenic", "variant": "c.743G>A"}),
        (tables.NGS_TABLE, "KRAS", {"status": "negative", "variant": None}),
        (
            (
                ("Gene", "Alteration", "VAF", "Classification"),
                ("PIK3CA", "c.3140A>G", "22%", "VUS"),
            ),
            "PIK3CA",
            {"status": "vus"},
        ),
        (TICKED, "BRCA1", {"status": "negative"}),
        (TICKED, "BRCA2", {"status": "pathogenic"}),
    ],
    ids=["variant", "likely pathogenic", "not detected", "vus", "ticked not detected", "ticked"],
)
def test_a_variant_table_gives_each_gene_its_status(tmp_path: Path, rows, name, expected) -> None:
    found = biomarker(profile(tmp_path, rows, before=MOLECULAR), name)
    assert subset(found, expected) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("ER", {"status": "positive", "percent": 90}),
        ("PR", {"status": "negative", "percent": 0}),
        ("HER2", {"status": "low", "ihc": "1+"}),
        ("Ki-67", {"percent": 15}),
    ],
)
def test_a_header_row_of_markers_is_read_down_its_columns(tmp_path: Path, name, expected) -> None:
    found = biomarker(profile(tmp_path, MARKERS_DOWN_COLUMNS), name)
    assert subset(found, expected) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [("ER", {"status": "positive", "percent": 80}), ("PR", {"status": "low", "percent": 5})],
)
def test_marker_columns_beside_other_columns_are_read_down(tmp_path: Path, name, expected) -> None:
    rows = (
        ("Block", "ER", "PR", "Comment"),
        ("A1", "Positive (80%)", "Positive (5%)", "Controls appropriate"),
    )
    assert subset(biomarker(profile(tmp_path, rows), name), expected) == expected


@pytest.mark.parametrize(
    ("rows", "before", "name", "evidence"),
    [
        (tables.BIOMARKER_TABLE, PATHOLOGY, "ER", ["ER (SP1) Positive 95", "% cells"]),
        (tables.BIOMARKER_TABLE, PATHOLOGY, "HER2", ["HER2 (4B5) Equivocal - 2+"]),
        (tables.NGS_TABLE, MOLECULAR, "KRAS", ["KRAS Not detected"]),
        (TICKED, MOLECULAR, "BRCA1", ["BRCA1 X", "Not detected"]),
        (MARKERS_DOWN_COLUMNS, PATHOLOGY, "ER", ["ER", "Positive (90%)"]),
    ],
    ids=["row and % header", "row", "not detected", "tick and its column", "column"],
)
def test_the_evidence_is_the_row_as_printed_and_the_header_it_needed(
    tmp_path: Path, rows, before, name, evidence
) -> None:
    found = biomarker(profile(tmp_path, rows, before=before), name)
    assert [item["text"] for item in found["evidence"]] == evidence


@pytest.mark.parametrize(
    "rows",
    [tables.BIOMARKER_TABLE, tables.NGS_TABLE, TICKED, MARKERS_DOWN_COLUMNS],
    ids=["biomarkers", "ngs", "ticked", "columns"],
)
@pytest.mark.parametrize("by_line", [False, True], ids=["cell by cell", "line by line"])
def test_every_evidence_is_the_page_text_at_its_offsets(tmp_path: Path, rows, by_line) -> None:
    document = read(tmp_path, rows, by_line=by_line)
    pages = {page.number: page.text for page in document.result.pages}
    evidence = [item for fact in document.facts.facts for item in fact.evidence]
    assert evidence
    for item in evidence:
        assert item.text and pages[item.page][item.start : item.end] == item.text


@pytest.mark.parametrize(
    ("rows", "before", "after", "absent"),
    [
        (
            (("Relative", "Cancer", "Gene result"), ("Aunt", "Breast, age 45", "BRCA1 positive")),
            ["ONCOLOGY CONSULTATION", "FAMILY HISTORY"],
            ["", "ASSESSMENT", "Invasive ductal carcinoma of the left breast."],
            "BRCA1",
        ),
        (
            (("Relative", "Gene", "Result"), ("Mother", "BRCA2", "Pathogenic variant")),
            ["ONCOLOGY CONSULTATION"],
            [],
            "BRCA2",
        ),
        (
            (("Gene", "Relative", "Result"), ("PALB2", "Sister", "Pathogenic variant")),
            ["ONCOLOGY CONSULTATION"],
            [],
            "PALB2",
        ),
        ((("Marker", "Result", "% cells"), ("ER", "-", "-")), PATHOLOGY, [], "ER"),
        (
            (
                ("Test", "Result", "Reference"),
                ("CA 15-3", "45", "<30"),
                ("Hemoglobin", "12", "12-16"),
            ),
            ["LABORATORY REPORT"],
            [],
            "CA 15-3",
        ),
    ],
    ids=[
        "under family history",
        "a relative's row",
        "relative beside the result",
        "dashes say nothing",
        "lab values",
    ],
)
def test_a_table_says_nothing_it_does_not_say_about_the_patient(
    tmp_path: Path, rows, before, after, absent
) -> None:
    found = profile(tmp_path, rows, before=before, after=after)
    assert biomarker(found, absent) is None
    if absent == "CA 15-3":
        assert found["biomarkers"] == []


def test_a_row_read_from_the_table_is_not_counted_again_from_the_running_text(
    tmp_path: Path,
) -> None:
    facts = read(tmp_path, tables.BIOMARKER_TABLE).facts.facts
    assert [(fact.name, fact.value["percent"]) for fact in facts if fact.name in {"ER", "PR"}] == [
        ("ER", 95),
        ("PR", 40),
    ]


def test_a_cell_not_found_in_the_page_text_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No span, no evidence, no value: a cell pdfplumber read but the page text lacks."""
    from workers.pipeline.stages import tables as stage

    real_locate = stage.locate

    def lose_the_percentages(text, box, page, offsets, order):
        cell = real_locate(text, box, page, offsets, order)
        return stage.Cell(cell.text) if text.isdigit() else cell

    monkeypatch.setattr(stage, "locate", lose_the_percentages)
    found = biomarker(profile(tmp_path, tables.BIOMARKER_TABLE), "ER")
    assert subset(found, {"status": "positive", "percent": None}) == {
        "status": "positive",
        "percent": None,
    }

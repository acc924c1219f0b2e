"""The Tables stage: ruled tables on text-layer pages, read by pdfplumber, cells located.

pdfplumber is ~90 times slower than pdfium, so it must only ever open a document that has a
page with a ruled grid, once, and only for those pages.
"""

from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest
from pdfminer.pdfparser import PDFSyntaxError

from tests import documents
from tests import table_documents as tables
from workers.pipeline import PageText, Source, run_pipeline
from workers.pipeline.stages import Job, Layout, Ocr, Preflight, TextLayer
from workers.pipeline.stages.tables import Rule, Tables, is_grid
from workers.pipeline.types import Limits

REPORT = (["SURGICAL PATHOLOGY REPORT", "BREAST BIOMARKERS"], tables.BIOMARKER_TABLE, ["Signed."])
NGS = (["MOLECULAR PATHOLOGY REPORT", "Variants detected"], tables.NGS_TABLE, ["End of report."])
PLAIN = (["ONCOLOGY CLINIC NOTE", "Return to clinic in two weeks."], None, [])


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[list[int] | None]:
    """The pages argument of every pdfplumber.open call."""
    calls: list[list[int] | None] = []
    real_open = pdfplumber.open

    def spy(path, *args, pages=None, **kwargs):
        calls.append(list(pages) if pages is not None else None)
        return real_open(path, *args, pages=pages, **kwargs)

    monkeypatch.setattr(pdfplumber, "open", spy)
    return calls


def only_page(path: Path) -> PageText:
    result = run_pipeline(path)
    assert len(result.pages) == 1
    return result.pages[0]


def texts(page: PageText) -> list[list[str]]:
    return [[cell.text for cell in row] for row in page.tables[0].rows]


@pytest.mark.parametrize("content", [REPORT, NGS], ids=["biomarkers", "ngs"])
def test_a_ruled_table_is_read_cell_by_cell(tmp_path: Path, content) -> None:
    page = only_page(tables.table_pdf(tmp_path, [content]))
    assert len(page.tables) == 1
    assert texts(page) == [list(row) for row in content[1]]


@pytest.mark.parametrize("content", [REPORT, NGS], ids=["biomarkers", "ngs"])
def test_each_cell_spans_its_own_words_in_the_page_text(tmp_path: Path, content) -> None:
    page = only_page(tables.table_pdf(tmp_path, [content]))
    for row in page.tables[0].rows:
        for cell in row:
            assert [page.text[start:end] for start, end in cell.spans] == [cell.text]
            assert cell.span == cell.spans[0]


def test_a_wrapped_cell_whose_lines_are_apart_in_the_text_gets_a_span_per_line(
    tmp_path: Path,
) -> None:
    page = only_page(tables.table_pdf(tmp_path, [NGS], by_line=True))
    cell = page.tables[0].rows[1][1]
    assert cell.text == "c.2235_2249del\n(p.Glu746_Ala750del)"
    assert [page.text[start:end] for start, end in cell.spans] == [
        "c.2235_2249del",
        "(p.Glu746_Ala750del)",
    ]
    assert cell.span is None


@pytest.mark.parametrize("rules", ["lines", "rects", "path"])
def test_a_grid_is_found_however_its_rules_are_drawn(tmp_path: Path, rules: str) -> None:
    page = only_page(tables.table_pdf(tmp_path, [REPORT], rules=rules))
    assert texts(page) == [list(row) for row in tables.BIOMARKER_TABLE]


def test_cells_are_located_on_a_page_with_a_crop_box(tmp_path: Path) -> None:
    page = only_page(tables.table_pdf(tmp_path, [REPORT], crop=20))
    assert page.tables[0].rows[1][0].span is not None
    start, end = page.tables[0].rows[1][2].span
    assert page.text[start:end] == "95"


def test_the_table_box_is_in_page_units(tmp_path: Path) -> None:
    page = only_page(tables.table_pdf(tmp_path, [REPORT]))
    table = page.tables[0]
    assert table.x0 == pytest.approx(tables.MARGIN, abs=1)
    assert table.x1 == pytest.approx(page.width - tables.MARGIN, abs=1)
    assert 0 < table.top < table.bottom < page.height


def test_a_table_page_keeps_each_row_on_one_line(tmp_path: Path) -> None:
    """Layout must not read a short table page as two columns and tear its rows apart."""
    page = only_page(tables.table_pdf(tmp_path, [REPORT]))
    assert "ER (SP1) Positive 95 Strong" in page.text.splitlines()


def test_pdfplumber_opens_a_document_once_for_its_grid_pages_only(
    tmp_path: Path, opened: list
) -> None:
    result = run_pipeline(tables.table_pdf(tmp_path, [REPORT, PLAIN, NGS]))
    assert opened == [[1, 3]]
    assert [len(page.tables) for page in result.pages] == [1, 0, 1]


@pytest.mark.parametrize(
    "make",
    [
        lambda directory: documents.text_pdf(directory),
        lambda directory: tables.letterhead_pdf(directory, ["CLINIC LETTER", "Dear colleague,"]),
        lambda directory: tables.table_pdf(directory, [REPORT], rules="none"),
    ],
    ids=["plain text", "rule and box", "unruled table"],
)
def test_a_page_without_a_grid_never_opens_pdfplumber(tmp_path: Path, opened: list, make) -> None:
    page = only_page(make(tmp_path))
    assert opened == []
    assert page.tables == []


def test_a_page_already_read_by_ocr_is_left_alone(tmp_path: Path, opened: list) -> None:
    job = Job(path=tables.table_pdf(tmp_path, [REPORT]), limits=Limits())
    preflight = Preflight()
    try:
        preflight.run(job)
        TextLayer().run(job)
        job.pages[1].source = Source.OCR
        Tables().run(job)
    finally:
        preflight.cleanup(job)
    assert opened == []
    assert job.pages[1].tables == []


@pytest.mark.ocr
def test_a_scanned_table_is_left_alone(tmp_path: Path, opened: list) -> None:
    image = documents.render_pages(tables.table_pdf(tmp_path, [REPORT], name="source.pdf"))[0]
    scanned = tmp_path / "scanned.pdf"
    image.save(scanned, format="PDF", resolution=200)
    page = run_pipeline(scanned, Limits(ocr_dpi=200)).pages[0]
    assert page.source == Source.OCR
    assert (opened, page.tables) == ([], [])


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_a_page_shown_turned_is_left_alone(tmp_path: Path, opened: list, rotation: int) -> None:
    source = tables.table_pdf(tmp_path, [REPORT], name="upright.pdf")
    turned = tmp_path / "turned.pdf"
    pdf = pdfium.PdfDocument(source)
    try:
        pdf[0].set_rotation(rotation)
        pdf.save(turned)
    finally:
        pdf.close()
    assert only_page(turned).tables == []
    assert opened == []


def test_a_page_pdfplumber_cannot_parse_keeps_its_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self, *args, **kwargs):
        raise PDFSyntaxError("damaged content stream")

    path = tables.table_pdf(tmp_path, [REPORT])
    without_tables = run_pipeline(path, stages=[Preflight, TextLayer, Ocr, Layout]).pages[0]
    monkeypatch.setattr(pdfplumber.page.Page, "find_tables", broken)
    page = only_page(path)
    assert page.tables == []
    assert page.text == without_tables.text


def test_an_interruption_while_reading_tables_propagates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class TimeLimit(Exception):
        """Like Celery's SoftTimeLimitExceeded: not a parser error, must not be swallowed."""

    def interrupted(self, *args, **kwargs):
        raise TimeLimit

    monkeypatch.setattr(pdfplumber.page.Page, "find_tables", interrupted)
    with pytest.raises(TimeLimit):
        run_pipeline(tables.table_pdf(tmp_path, [REPORT]))


def across(y: float, x0: float = 0, x1: float = 300) -> Rule:
    return Rule(y, x0, x1)


def down(x: float, y0: float = 0, y1: float = 100) -> Rule:
    return Rule(x, y0, y1)


@pytest.mark.parametrize(
    ("horizontal", "vertical", "grid"),
    [
        ([across(0), across(50), across(100)], [down(0), down(150), down(300)], True),
        ([across(0), across(100)], [down(0), down(300)], False),  # a box
        ([across(0), across(50), across(100)], [down(0), down(300)], False),  # one column
        ([across(0), across(50)], [down(0), down(150), down(300)], False),  # one rule short
        (  # three rules each way that never meet
            [across(y, 0, 100) for y in (0, 50, 100)],
            [down(x, 300, 400) for x in (200, 250, 300)],
            False,
        ),
    ],
    ids=["2x2 cells", "box", "single column", "open bottom", "apart"],
)
def test_a_grid_needs_three_rules_each_way_that_cross(horizontal, vertical, grid) -> None:
    assert is_grid(horizontal, vertical) is grid

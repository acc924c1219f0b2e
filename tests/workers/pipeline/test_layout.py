from collections.abc import Sequence
from pathlib import Path

import pytest

from tests import documents
from workers.pipeline import Limits, Word, run_pipeline
from workers.pipeline.stages.layout import column_text

CHAR_WIDTH = 5.5  # roughly Helvetica 11 pt
LINE_HEIGHT = 13
LEADING = 15


def line_words(text: str, x: float, top: float) -> list[Word]:
    """Hand-made words of one printed line starting at ``x``."""
    words = []
    for token in text.split():
        width = len(token) * CHAR_WIDTH
        words.append(Word(token, x, top, x + width, top + LINE_HEIGHT))
        x += width + CHAR_WIDTH
    return words


def column_words(lines: Sequence[str], x: float, top: float) -> list[Word]:
    return [word for n, line in enumerate(lines) for word in line_words(line, x, top + n * LEADING)]


def two_columns(top: float = 100) -> list[Word]:
    """Left and right column interleaved row by row, as stream order would give them."""
    left = column_words(documents.LEFT_COLUMN, 72, top)
    right = column_words(documents.RIGHT_COLUMN, 324, top)
    return sorted(left + right, key=lambda word: (word.top, word.x0))


def positions(text: str, *phrases: str) -> list[int]:
    return [text.index(phrase) for phrase in phrases]


def test_it_reads_the_left_column_before_the_right_one() -> None:
    text = column_text(two_columns())
    assert text is not None
    assert text.splitlines() == documents.LEFT_COLUMN + documents.RIGHT_COLUMN


def test_it_keeps_a_title_above_the_columns_first() -> None:
    title = line_words("UNDERSTANDING YOUR PATHOLOGY REPORT", 200, 60)
    text = column_text(title + two_columns(top=100))
    assert text is not None
    lines = text.splitlines()
    assert lines[0] == "UNDERSTANDING YOUR PATHOLOGY REPORT"
    assert lines[1:] == documents.LEFT_COLUMN + documents.RIGHT_COLUMN


def test_it_keeps_a_footer_below_the_columns_last() -> None:
    footer = line_words("Invented patient education sheet, page 1 of 1", 180, 400)
    text = column_text(two_columns(top=100) + footer)
    assert text is not None
    assert text.splitlines()[-1] == "Invented patient education sheet, page 1 of 1"
    assert text.splitlines()[-2] == documents.RIGHT_COLUMN[-1]


def test_it_leaves_a_single_column_page_unchanged() -> None:
    words = column_words(documents.PATHOLOGY_REPORT.splitlines(), 72, 72)
    assert column_text(words) is None


def test_it_does_not_tear_a_label_value_table_apart() -> None:
    table = [
        ("Estrogen receptor:", "positive (95%)"),
        ("Progesterone receptor:", "positive (40%)"),
        ("HER2 (4B5):", "2+ equivocal"),
        ("Ki-67:", "18%"),
        ("Nottingham grade:", "2 of 3"),
        ("Tumor size:", "1.4 cm"),
    ]
    words = []
    for n, (label, value) in enumerate(table):
        words += line_words(label, 72, 100 + n * LEADING)
        words += line_words(value, 260, 100 + n * LEADING)
    assert column_text(words) is None


def test_it_leaves_a_page_with_few_words_unchanged() -> None:
    words = line_words("Ki-67:", 72, 100) + line_words("18%", 324, 100)
    assert column_text(words) is None


def test_it_leaves_sideways_text_unchanged() -> None:
    sideways = [Word(word.text, word.top, word.x0, word.bottom, word.x1) for word in two_columns()]
    assert column_text(sideways) is None


def test_a_two_column_pdf_comes_out_left_column_then_right(tmp_path: Path) -> None:
    text = run_pipeline(documents.two_column_pdf(tmp_path)).pages[0].text
    first, second, third, fourth = positions(
        text,
        "UNDERSTANDING YOUR PATHOLOGY REPORT",
        "Anatomic stage group",
        "stage used by the team.",
        "Sentinel lymph node",
    )
    assert first < second < third < fourth
    assert text.index("final pathology report.") > fourth


def test_a_single_column_pdf_keeps_its_extracted_text(tmp_path: Path) -> None:
    page = run_pipeline(documents.text_pdf(tmp_path)).pages[0]
    assert page.text.startswith("SURGICAL PATHOLOGY REPORT\nPatient: Jane Example")


@pytest.mark.ocr
def test_a_scanned_two_column_page_comes_out_left_column_then_right(tmp_path: Path) -> None:
    source = documents.two_column_pdf(tmp_path, name="source.pdf")
    scanned = tmp_path / "scanned-columns.pdf"
    image = documents.render_pages(source, dpi=200)[0]
    image.save(scanned, format="PDF", resolution=200)
    text = run_pipeline(scanned, Limits(ocr_dpi=200)).pages[0].text.lower()
    assert text.index("the time of diagnosis") < text.index("sentinel lymph node")
    assert text.index("refine the prognostic") < text.index("macrometastases")

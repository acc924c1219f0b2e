from pathlib import Path

import pytesseract
import pytest

from tests import documents
from workers.pipeline import PageText, Source, run_pipeline
from workers.pipeline.stages.textlayer import looks_like_text, make_transform


@pytest.fixture
def no_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if anything calls tesseract."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("tesseract was called")

    monkeypatch.setattr(pytesseract, "image_to_data", refuse)


def read_one_page(path: Path) -> PageText:
    result = run_pipeline(path)
    assert len(result.pages) == 1
    return result.pages[0]


def test_it_reads_text_pages_from_the_text_layer_without_ocr(tmp_path: Path, no_ocr: None) -> None:
    pages = [documents.PATHOLOGY_REPORT, documents.FOLLOW_UP_NOTE]
    result = run_pipeline(documents.text_pdf(tmp_path, pages))
    assert [(page.source, page.ocr_confidence) for page in result.pages] == [
        (Source.TEXT, None),
        (Source.TEXT, None),
    ]
    assert "HER2 (4B5): 2+ equivocal" in result.pages[0].text
    assert "Return to clinic in two weeks." in result.pages[1].text


def test_it_keeps_one_line_per_printed_line(tmp_path: Path) -> None:
    page = read_one_page(documents.text_pdf(tmp_path))
    assert page.text.splitlines()[:4] == [
        "SURGICAL PATHOLOGY REPORT",
        "Patient: Jane Example MRN: 00000000 Collected: 03/14/2024",
        "Specimen: Left breast, core needle biopsy at 2 o'clock",
        "FINAL DIAGNOSIS",
    ]


def test_it_reads_text_pages_even_when_tesseract_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(tmp_path / "missing"))
    assert read_one_page(documents.text_pdf(tmp_path)).source == Source.TEXT


def test_it_gives_the_page_size_in_points(tmp_path: Path) -> None:
    page = read_one_page(documents.text_pdf(tmp_path))
    assert (page.width, page.height) == (612, 792)  # US Letter


def test_word_boxes_lie_within_the_page(tmp_path: Path) -> None:
    page = read_one_page(documents.text_pdf(tmp_path))
    for word in page.words:
        assert 0 <= word.x0 < word.x1 <= page.width
        assert 0 <= word.top < word.bottom <= page.height


def test_every_word_appears_in_the_page_text(tmp_path: Path) -> None:
    page = read_one_page(documents.text_pdf(tmp_path))
    assert len(page.words) == len(page.text.split())
    for word in page.words:
        assert word.text in page.text


def test_word_boxes_have_the_origin_at_the_top_left(tmp_path: Path) -> None:
    page = read_one_page(documents.text_pdf(tmp_path))
    title = next(word for word in page.words if word.text == "SURGICAL")
    last = next(word for word in page.words if word.text == "Ki-67:")
    assert title.x0 == pytest.approx(72, abs=1)  # the left margin
    assert title.top < last.top
    assert title.bottom == pytest.approx(72, abs=4)  # baseline one inch from the top


def test_a_rotated_page_has_its_word_boxes_within_the_rotated_page(tmp_path: Path) -> None:
    page = read_one_page(documents.rotated_text_pdf(tmp_path, rotation=90))
    assert (page.width, page.height) == (792, 612)
    assert any(word.text == "carcinoma," for word in page.words)
    for word in page.words:
        assert 0 <= word.x0 < word.x1 <= page.width
        assert 0 <= word.top < word.bottom <= page.height


@pytest.mark.parametrize(
    ("rotation", "expected"),
    [
        # A point 10 pt from the left and 20 pt from the bottom of a 100 x 200 pt page.
        pytest.param(0, (10, 180), id="upright"),
        pytest.param(90, (20, 10), id="90-clockwise"),
        pytest.param(180, (90, 20), id="upside-down"),
        pytest.param(270, (180, 90), id="270-clockwise"),
    ],
)
def test_it_maps_pdf_coordinates_to_the_displayed_page(
    rotation: int, expected: tuple[float, float]
) -> None:
    transform = make_transform((0, 0, 100, 200), rotation)
    assert transform(10, 20) == expected


def test_it_measures_from_the_visible_box_not_from_zero() -> None:
    transform = make_transform((50, 30, 150, 230), 0)
    assert transform(60, 50) == (10, 180)


@pytest.mark.parametrize(
    ("text", "usable"),
    [
        pytest.param(documents.PATHOLOGY_REPORT, True, id="report"),
        pytest.param("Ki-67: 18%", False, id="too-short"),
        pytest.param("", False, id="empty"),
        pytest.param("\ufffd" * 200 + " carcinoma" * 3, False, id="replacement-chars"),
        pytest.param("\ue001\ue002\ue003 " * 60 + "grade 2 of 3 " * 2, False, id="private-use"),
        pytest.param("\x01\x02\x03\x04" * 50 + " tumour size 1.4 cm", False, id="control-chars"),
        pytest.param("Récepteurs aux œstrogènes : positifs (95 %)", True, id="accented"),
        pytest.param("— • “HER2” … 2+ (équivoque) — ratio pending", True, id="typography"),
    ],
)
def test_it_judges_whether_a_text_layer_is_usable(text: str, usable: bool) -> None:
    assert looks_like_text(text) is usable


def test_a_word_hyphenated_across_lines_stays_as_printed(tmp_path: Path) -> None:
    pdf = documents.text_pdf(tmp_path, ["Invasive ductal carci-\nnoma, Nottingham grade 2 of 3."])
    page = read_one_page(pdf)
    assert page.text.startswith("Invasive ductal carci-\nnoma, Nottingham")
    assert [word.text for word in page.words[2:4]] == ["carci-", "noma,"]

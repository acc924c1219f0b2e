import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytesseract
import pytest

from tests import documents
from workers.pipeline import FailureCode, Limits, PipelineError, Source, run_pipeline
from workers.pipeline.stages.ocr import parse_tesseract_data

FAST = Limits(ocr_dpi=200)  # reads these clean pages as well as 300 dpi, in two thirds the time


def found(text: str, *words: str) -> bool:
    """OCR is not perfect: look for a few distinctive words, ignoring case."""
    lowered = text.lower()
    return all(word.lower() in lowered for word in words)


def fake_tesseract(directory: Path, body: str) -> str:
    """An executable standing in for tesseract: it answers --version, then runs ``body``."""
    script = directory / "tesseract"
    script.write_text(
        f'#!/bin/sh\nif [ "$1" = "--version" ]; then echo "tesseract 5.3.0"; exit 0; fi\n{body}\n'
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


@pytest.mark.ocr
def test_it_ocrs_a_page_without_text_layer(tmp_path: Path) -> None:
    result = run_pipeline(documents.scanned_pdf(tmp_path), FAST)
    page = result.pages[0]
    assert page.source == Source.OCR
    assert page.ocr_confidence is not None and page.ocr_confidence > 0
    assert found(page.text, "FINAL DIAGNOSIS", "carcinoma", "Estrogen", "HER2")


@pytest.mark.ocr
def test_ocr_word_boxes_are_in_page_points(tmp_path: Path) -> None:
    page = run_pipeline(documents.scanned_pdf(tmp_path), FAST).pages[0]
    assert (page.width, page.height) == (612, 792)
    title = next(word for word in page.words if word.text.lower() == "surgical")
    assert title.x0 == pytest.approx(72, abs=3)  # the left margin, as in the text PDF
    for word in page.words:
        assert 0 <= word.x0 < word.x1 <= page.width
        assert 0 <= word.top < word.bottom <= page.height
        assert word.text in page.text


@pytest.mark.ocr
def test_it_ocrs_a_scan_that_only_has_a_stamped_header_as_text(tmp_path: Path) -> None:
    page = run_pipeline(documents.scanned_pdf_with_header(tmp_path), FAST).pages[0]
    assert page.source == Source.OCR
    assert found(page.text, "FAX", "Progesterone", "Ki-67")


@pytest.mark.ocr
@pytest.mark.parametrize(
    ("make", "media_type"),
    [
        pytest.param(documents.photo_jpeg, "image/jpeg", id="jpeg"),
        pytest.param(documents.photo_png, "image/png", id="png"),
    ],
)
def test_a_photo_is_one_ocr_page(
    tmp_path: Path, make: Callable[[Path], Path], media_type: str
) -> None:
    result = run_pipeline(make(tmp_path), FAST)
    assert (result.media_type, result.page_count, len(result.pages)) == (media_type, 1, 1)
    assert result.pages[0].source == Source.OCR
    assert found(result.pages[0].text, "Estrogen receptor", "Progesterone", "HER2")


@pytest.mark.ocr
def test_a_photo_taken_sideways_is_turned_upright_before_ocr(tmp_path: Path) -> None:
    page = run_pipeline(documents.photo_jpeg(tmp_path, exif_rotated=True), FAST).pages[0]
    assert page.width > page.height  # the note is wider than tall once upright
    assert found(page.text, "Estrogen receptor", "positive")


@pytest.mark.ocr
def test_it_limits_tesseract_to_one_thread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OMP_THREAD_LIMIT", raising=False)
    run_pipeline(documents.photo_png(tmp_path), FAST)
    assert os.environ["OMP_THREAD_LIMIT"] == "1"


def test_a_missing_tesseract_is_worth_retrying_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(tmp_path / "missing"))
    with pytest.raises(PipelineError) as caught:
        run_pipeline(documents.scanned_pdf(tmp_path), FAST)
    assert caught.value.code == FailureCode.OCR_UNAVAILABLE
    assert caught.value.permanent is False


def test_a_page_that_takes_too_long_times_out_and_is_worth_retrying(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    slow = fake_tesseract(tmp_path, "exec sleep 30")
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", slow)
    with pytest.raises(PipelineError) as caught:
        run_pipeline(documents.photo_png(tmp_path), Limits(ocr_timeout=1))
    assert caught.value.code == FailureCode.TIMEOUT
    assert caught.value.permanent is False


def test_a_tesseract_failure_is_a_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = fake_tesseract(tmp_path, "echo 'Error in pixReadStream' >&2; exit 1")
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", broken)
    with pytest.raises(PipelineError) as caught:
        run_pipeline(documents.photo_png(tmp_path), FAST)
    assert caught.value.code == FailureCode.CRASHED
    assert "exit status 1" in caught.value.detail


def tesseract_rows(*rows: tuple) -> dict[str, list]:
    """image_to_data's dict from rows of (level, block, par, line, text, conf, box)."""
    keys = ("level", "block_num", "par_num", "line_num", "text", "conf")
    keys += ("left", "top", "width", "height")
    data: dict[str, list] = {key: [] for key in keys}
    for *values, box in rows:
        for key, value in zip(keys, (*values, *box), strict=True):
            data[key].append(value)
    return data


BOX = (0, 0, 10, 10)  # left, top, width, height in pixels


def test_it_rebuilds_lines_from_tesseract_block_paragraph_and_line_numbers() -> None:
    data = tesseract_rows(
        (2, 1, 0, 0, "", -1, BOX),
        (5, 1, 1, 1, "FINAL", 96, BOX),
        (5, 1, 1, 1, "DIAGNOSIS", 94, BOX),
        (4, 1, 1, 2, "", -1, BOX),
        (5, 1, 1, 2, "Invasive", 90, BOX),
        (5, 1, 1, 2, "carcinoma", 80, BOX),
        (5, 2, 1, 1, "Ki-67:", 70, BOX),
        (5, 2, 1, 1, "18%", 50, BOX),
    )
    text, _, _ = parse_tesseract_data(data, scale=1.0)
    assert text == "FINAL DIAGNOSIS\nInvasive carcinoma\n\nKi-67: 18%"


def test_page_confidence_is_the_mean_of_words_that_have_one() -> None:
    data = tesseract_rows(
        (5, 1, 1, 1, "HER2", 90, BOX), (5, 1, 1, 1, "2+", 60, BOX), (5, 1, 1, 1, "x", -1, BOX)
    )
    _, _, confidence = parse_tesseract_data(data, scale=1.0)
    assert confidence == 75


def test_a_page_without_words_has_no_confidence() -> None:
    data = tesseract_rows((1, 0, 0, 0, "", -1, BOX), (5, 1, 1, 1, "  ", 95, BOX))
    assert parse_tesseract_data(data, scale=1.0) == ("", [], None)


def test_word_boxes_are_scaled_from_pixels_to_points() -> None:
    data = tesseract_rows((5, 1, 1, 1, "ER", 90, (300, 600, 150, 30)))
    _, words, _ = parse_tesseract_data(data, scale=72 / 300)
    word = words[0]
    assert (word.text, word.x0, word.top, word.x1, word.bottom) == pytest.approx(
        ("ER", 72, 144, 108, 151.2)
    )

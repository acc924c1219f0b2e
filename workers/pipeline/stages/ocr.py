"""Ocr: recognise the text of scanned pages and photos with tesseract."""

from __future__ import annotations

import os
import shutil
from typing import Any

import pytesseract
from PIL import Image
from pytesseract import Output

from workers.pipeline.errors import FailureCode, PipelineError
from workers.pipeline.stages.base import Job, PipelineStage
from workers.pipeline.stages.textlayer import load_page
from workers.pipeline.types import PageText, Source, Stage, Word

TESSERACT_CONFIG = "--psm 3"  # fully automatic page segmentation, as a page of a report needs
WORD_LEVEL = 5  # tesseract's data rows: 1 page, 2 block, 3 paragraph, 4 line, 5 word
POINTS_PER_INCH = 72
# pytesseract signals a timeout with a bare RuntimeError carrying exactly this message.
_TIMEOUT_MESSAGE = "Tesseract process timeout"


class Ocr(PipelineStage):
    """Renders each page in ``job.ocr_pages`` and reads it with one tesseract run per page.

    Reads ``job.pdf`` or ``job.image`` and ``job.ocr_pages``; writes those pages into
    ``job.pages`` with ``Source.OCR``. Reports ``Stage.OCR``. Raises OCR_UNAVAILABLE (not
    permanent) when tesseract is missing, TIMEOUT (not permanent) when a page takes longer than
    ``limits.ocr_timeout``, CRASHED when tesseract fails.
    """

    def run(self, job: Job) -> None:
        if not job.ocr_pages:
            return
        require_tesseract()
        # Tesseract's OpenMP threads fight each other on small pages: measured ~6 s/page with
        # the default against ~1.3 s/page with one thread. Workers run pages in parallel anyway.
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")
        total = len(job.ocr_pages)
        job.report(Stage.OCR, 0, total)
        for done, number in enumerate(job.ocr_pages, start=1):
            job.pages[number] = ocr_page(job, number)
            job.report(Stage.OCR, done, total)


def require_tesseract() -> None:
    """Fail early, before rendering anything, when the tesseract program is not installed."""
    if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
        raise PipelineError(FailureCode.OCR_UNAVAILABLE, "tesseract not found", permanent=False)


def ocr_page(job: Job, number: int) -> PageText:
    """OCR one page: a photo as it is, a PDF page rendered at ``limits.ocr_dpi``."""
    timeout = job.limits.ocr_timeout
    if job.pdf is None:
        if job.image is None:
            raise ValueError("the job has neither a PDF nor a photo open")
        # A photo's unit is its pixel (see types.py); tesseract reads any DPI from the file.
        return recognise(job.image, number, None, timeout, job.image.width, job.image.height)

    dpi = job.limits.ocr_dpi
    page = load_page(job.pdf, number)
    try:
        width, height = page.get_size()
        bitmap = page.render(scale=dpi / POINTS_PER_INCH, grayscale=True)
        image = bitmap.to_pil()  # shares the bitmap's memory for greyscale
        try:
            return recognise(image, number, dpi, timeout, width, height)
        finally:
            # Free the page-sized bitmap now rather than when the garbage collector gets to it.
            image.close()
            bitmap.close()
    finally:
        page.close()


def recognise(
    image: Image.Image, number: int, dpi: int | None, timeout: int, width: float, height: float
) -> PageText:
    """Run tesseract once on a page image; boxes are scaled to page units (72 / dpi)."""
    config = TESSERACT_CONFIG if dpi is None else f"{TESSERACT_CONFIG} --dpi {dpi}"
    # pytesseract writes the image to a temporary file in image.format: uncompressed BMP is
    # about a third faster than its default PNG for a page-sized image.
    image.format = "BMP"
    data = run_tesseract(image, config, timeout, number)
    scale = 1.0 if dpi is None else POINTS_PER_INCH / dpi
    text, words, confidence = parse_tesseract_data(data, scale)
    return PageText(
        number=number,
        text=text,
        source=Source.OCR,
        ocr_confidence=confidence,
        width=width,
        height=height,
        words=[word.clamped(width, height) for word in words],
    )


def run_tesseract(image: Image.Image, config: str, timeout: int, number: int) -> dict[str, list]:
    """pytesseract.image_to_data, with its failures turned into PipelineErrors."""
    try:
        return pytesseract.image_to_data(
            image, config=config, timeout=timeout, output_type=Output.DICT
        )
    except pytesseract.TesseractNotFoundError as error:
        raise PipelineError(
            FailureCode.OCR_UNAVAILABLE, type(error).__name__, permanent=False
        ) from error
    except pytesseract.TesseractError as error:
        raise PipelineError(
            FailureCode.CRASHED, f"tesseract exit status {error.status} on page {number}"
        ) from error
    except RuntimeError as error:
        if str(error) == _TIMEOUT_MESSAGE:
            raise PipelineError(
                FailureCode.TIMEOUT, f"page {number} over {timeout} s", permanent=False
            ) from error
        raise
    except SystemExit as error:
        # pytesseract calls sys.exit() when `tesseract --version` does not print a version.
        raise PipelineError(
            FailureCode.OCR_UNAVAILABLE, "unrecognised tesseract version", permanent=False
        ) from error


def parse_tesseract_data(
    data: dict[str, list[Any]], scale: float
) -> tuple[str, list[Word], float | None]:
    """Rebuild text lines from tesseract's block/paragraph/line numbers.

    Returns the text (lines joined by newlines, a blank line between blocks), the words with
    boxes multiplied by ``scale``, and the mean confidence of words that have one (None if the
    page has no words).
    """
    lines: dict[tuple[int, int, int], list[str]] = {}
    words: list[Word] = []
    confidences: list[float] = []
    for i, level in enumerate(data["level"]):
        token = str(data["text"][i]).strip()
        if level != WORD_LEVEL or not token:
            continue
        line_key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        lines.setdefault(line_key, []).append(token)
        left, top = data["left"][i], data["top"][i]
        right, bottom = left + data["width"][i], top + data["height"][i]
        words.append(Word(token, left * scale, top * scale, right * scale, bottom * scale))
        confidence = float(data["conf"][i])
        if confidence >= 0:
            confidences.append(confidence)

    text_lines: list[str] = []
    previous_block = None
    for (block, _, _), tokens in lines.items():
        if previous_block is not None and block != previous_block:
            text_lines.append("")
        text_lines.append(" ".join(tokens))
        previous_block = block
    confidence = sum(confidences) / len(confidences) if confidences else None
    return "\n".join(text_lines), words, confidence

"""Bare baselines for the speed comparison, and the arithmetic of the speed report.

Method (printed with the results):

- The pipeline is timed per file: ``read_files([file])`` (reading + OCR + ``extract_document``)
  plus that file's share of its patient's ``build_profile`` (split by page count).
- Files whose pages all came from the text layer (``PageText.source == text``) form the *text*
  bucket; files with at least one OCR'd page form the *scanned* bucket (OCR dominates them).
- Text baseline: bare pdfplumber, open the PDF and ``page.extract_text()`` every text-layer page.
- Scanned baseline: per OCR'd page, render with pypdfium2 at ``Limits().ocr_dpi`` in greyscale
  and run ``pytesseract.image_to_string`` (``--psm 3 --dpi <dpi>``, ``OMP_THREAD_LIMIT=1``, BMP
  hand-off, as the pipeline does), plus bare pdfplumber on the text-layer pages of those same
  files.
- Ratio = pipeline seconds / baseline seconds over the same files.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

POINTS_PER_INCH = 72


def pdfplumber_seconds(path: Path, page_numbers: Sequence[int]) -> float:
    """Open the PDF with pdfplumber and extract the text of the given pages (1-based)."""
    import pdfplumber

    if not page_numbers:
        return 0.0
    start = time.perf_counter()
    with pdfplumber.open(path) as pdf:
        for number in page_numbers:
            pdf.pages[number - 1].extract_text()
    return time.perf_counter() - start


def tesseract_seconds(path: Path, page_numbers: Sequence[int], dpi: int) -> float:
    """Render the given pages at ``dpi`` in greyscale and OCR each with bare tesseract."""
    import pypdfium2 as pdfium
    import pytesseract

    if not page_numbers:
        return 0.0
    os.environ["OMP_THREAD_LIMIT"] = "1"
    start = time.perf_counter()
    pdf = pdfium.PdfDocument(str(path))
    try:
        for number in page_numbers:
            page = pdf[number - 1]
            bitmap = page.render(scale=dpi / POINTS_PER_INCH, grayscale=True)
            image = bitmap.to_pil()
            # pytesseract hands the image over as a temporary file in image.format, PNG by
            # default; PNG encoding costs ~0.6 s of a ~1.6 s page. The pipeline hands over BMP,
            # so the baseline does too: the ratio then measures what the pipeline adds to
            # tesseract itself, not a slower hand-off.
            image.format = "BMP"
            pytesseract.image_to_string(image, config=f"--psm 3 --dpi {dpi}")
            image.close()
            bitmap.close()
            page.close()
    finally:
        pdf.close()
    return time.perf_counter() - start


@dataclass
class FileTiming:
    patient: str
    file: str
    pages: int
    text_pages: int
    ocr_pages: int
    read_seconds: float  # read_files([file]): pipeline + extract_document
    extract_seconds: float = 0.0  # extract_document alone, re-run on the same pages
    build_share: float = 0.0  # this file's share of the patient's build_profile
    pdfplumber_seconds: float | None = None  # on the text-layer pages
    tesseract_seconds: float | None = None  # on the OCR'd pages

    @property
    def scanned(self) -> bool:
        return self.ocr_pages > 0

    @property
    def pipeline_seconds(self) -> float:
        return self.read_seconds + self.build_share


@dataclass
class Bucket:
    files: int = 0
    pages: int = 0
    text_pages: int = 0
    ocr_pages: int = 0
    pipeline: float = 0.0
    baseline: float = 0.0
    baseline_complete: bool = True
    extract: float = 0.0
    build: float = 0.0
    reading: float = 0.0  # read_files minus extract_document: pdfium, OCR, layout

    def add(self, timing: FileTiming) -> None:
        self.files += 1
        self.pages += timing.pages
        self.text_pages += timing.text_pages
        self.ocr_pages += timing.ocr_pages
        self.pipeline += timing.pipeline_seconds
        self.extract += timing.extract_seconds
        self.build += timing.build_share
        self.reading += max(timing.read_seconds - timing.extract_seconds, 0.0)
        parts = [
            timing.pdfplumber_seconds if timing.text_pages else 0.0,
            timing.tesseract_seconds if timing.ocr_pages else 0.0,
        ]
        if any(part is None for part in parts):
            self.baseline_complete = False
        else:
            self.baseline += sum(parts)

    @property
    def ratio(self) -> float | None:
        if not self.files or not self.baseline_complete or self.baseline <= 0:
            return None
        return self.pipeline / self.baseline

    def as_dict(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "pages": self.pages,
            "text_pages": self.text_pages,
            "ocr_pages": self.ocr_pages,
            "pipeline_seconds": self.pipeline,
            "reading_seconds": self.reading,
            "extract_seconds": self.extract,
            "build_seconds": self.build,
            "baseline_seconds": self.baseline if self.baseline_complete else None,
            "ratio": self.ratio,
            "pipeline_pages_per_second": per_second(self.pages, self.pipeline),
            "baseline_pages_per_second": per_second(self.pages, self.baseline)
            if self.baseline_complete
            else None,
        }


@dataclass
class SpeedReport:
    text: Bucket = field(default_factory=Bucket)
    scanned: Bucket = field(default_factory=Bucket)
    pdfplumber_pages: int = 0
    pdfplumber_seconds: float = 0.0
    tesseract_pages: int = 0
    tesseract_seconds: float = 0.0

    @classmethod
    def from_timings(cls, timings: Sequence[FileTiming]) -> SpeedReport:
        report = cls()
        for timing in timings:
            (report.scanned if timing.scanned else report.text).add(timing)
            if timing.pdfplumber_seconds is not None and timing.text_pages:
                report.pdfplumber_pages += timing.text_pages
                report.pdfplumber_seconds += timing.pdfplumber_seconds
            if timing.tesseract_seconds is not None and timing.ocr_pages:
                report.tesseract_pages += timing.ocr_pages
                report.tesseract_seconds += timing.tesseract_seconds
        return report


def per_second(count: float, seconds: float) -> float | None:
    return count / seconds if seconds > 0 else None

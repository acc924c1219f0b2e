"""Benchmark the document-reading pipeline against the bare libraries it replaces.

Generates N text pages and M scanned pages with tests/documents.py, then prints pages per
second for run_pipeline on each, beside bare pdfplumber ``extract_text`` on the same text PDF
and bare tesseract on the same scanned pages (rendered beforehand, not timed). Prints figures
only; nothing is asserted.

    .venv/bin/python scripts/bench_pipeline.py --text-pages 100 --scanned-pages 5
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # so `tests.documents` and `workers` import when run as a script

import pdfplumber  # noqa: E402
import pypdfium2 as pdfium  # noqa: E402
import pytesseract  # noqa: E402

from tests import documents  # noqa: E402
from workers.pipeline import Limits, run_pipeline  # noqa: E402

# A dense page, like a real report: about 40 lines of text.
DENSE_PAGE = "\n".join(
    [documents.PATHOLOGY_REPORT, documents.FOLLOW_UP_NOTE, documents.PATHOLOGY_REPORT]
)


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def report(label: str, pages: int, seconds: float) -> None:
    print(f"  {label:<48} {pages / seconds:8.1f} pages/s  ({seconds:.2f} s for {pages})")


def pdfplumber_text(path: Path) -> None:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()


def bare_tesseract(path: Path, dpi: int) -> float:
    """Seconds tesseract alone takes on every page of ``path`` rendered at ``dpi``."""
    pdf = pdfium.PdfDocument(path)
    seconds = 0.0
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            image = page.render(scale=dpi / 72, grayscale=True).to_pil()
            seconds += timed(lambda image=image: pytesseract.image_to_string(image, "eng"))
            page.close()
    finally:
        pdf.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--text-pages", type=int, default=100)
    parser.add_argument("--scanned-pages", type=int, default=5)
    parser.add_argument("--dpi", type=int, default=Limits().ocr_dpi, help="OCR resolution")
    parser.add_argument(
        "--default-threads",
        action="store_true",
        help="also time bare tesseract with its default OpenMP threads",
    )
    args = parser.parse_args()
    limits = Limits(ocr_dpi=args.dpi, max_pages=max(args.text_pages, args.scanned_pages))

    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        text = documents.text_pdf(folder, [DENSE_PAGE] * args.text_pages, name="text.pdf")
        scanned = documents.scanned_pdf(
            folder, [documents.PATHOLOGY_REPORT] * args.scanned_pages, dpi=300
        )
        cpus = os.cpu_count()
        print(f"text PDF: {args.text_pages} pages; scanned PDF: {args.scanned_pages} pages")
        print(f"OCR at {args.dpi} dpi, {cpus} CPUs, OMP_THREAD_LIMIT=1 unless noted")

        print("text pages")
        seconds = timed(lambda: run_pipeline(text, limits))
        report("run_pipeline (pdfium text, word boxes, layout)", args.text_pages, seconds)
        seconds = timed(lambda: pdfplumber_text(text))
        report("bare pdfplumber extract_text", args.text_pages, seconds)

        print("scanned pages")
        seconds = timed(lambda: run_pipeline(scanned, limits))
        report("run_pipeline (render, tesseract, layout)", args.scanned_pages, seconds)
        os.environ["OMP_THREAD_LIMIT"] = "1"
        seconds = bare_tesseract(scanned, args.dpi)
        report("bare tesseract image_to_string", args.scanned_pages, seconds)
        if args.default_threads:
            del os.environ["OMP_THREAD_LIMIT"]
            seconds = bare_tesseract(scanned, args.dpi)
            report("bare tesseract, default threads", args.scanned_pages, seconds)


if __name__ == "__main__":
    main()

"""Render a blind writer's text records into a corpus the extraction benchmark reads.

A writer who never saw the extractor writes ``SRC/<patient>/*.txt`` (pages split by form
feeds), ``manifest.json`` (each file's ``layout``: ``text`` or ``scan``) and ``truth.json``
(contract r2, no evidence). This turns each text file into a PDF: a real text layer, or for
``scan`` an image-only page rendered at 200 dpi with a little skew and grain, as a scanner
gives. The writer's words are laid out as written; nothing is added.

    .venv/bin/python -m benchmarks.blind_corpus SRC OUT
    .venv/bin/python -m benchmarks.extraction --corpus OUT --no-baselines
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import textwrap
import zlib
from pathlib import Path

import pypdfium2
from PIL import ImageFilter
from reportlab.lib.pagesizes import LETTER
from reportlab.pdfgen.canvas import Canvas

FONT, SIZE, LEADING, MARGIN, WIDTH = "Helvetica", 9.5, 12.5, 54, 100
SCAN_DPI = 200


def text_pdf(pages: list[str], path: Path) -> None:
    """One PDF page per page of text, lines wrapped at ``WIDTH`` characters, more pages if long."""
    canvas = Canvas(str(path), pagesize=LETTER)
    canvas.setTitle("Invented record for a blind benchmark")
    _, height = LETTER
    for page in pages:
        lines = [
            part
            for line in page.splitlines()
            for part in (textwrap.wrap(line, WIDTH, break_long_words=False) or [""])
        ]
        y = height - MARGIN
        canvas.setFont(FONT, SIZE)
        for line in lines:
            if y < MARGIN:
                canvas.showPage()
                canvas.setFont(FONT, SIZE)
                y = height - MARGIN
            canvas.drawString(MARGIN, y, line)
            y -= LEADING
        canvas.showPage()
    canvas.save()


def scanned_pdf(pages: list[str], path: Path, seed: int) -> None:
    """The same pages as images only: rendered, a slight skew, grain, no text layer."""
    source = path.with_suffix(".source.pdf")
    text_pdf(pages, source)
    rng = random.Random(seed)  # noqa: S311  (a scan's skew, not a secret)
    images = []
    document = pypdfium2.PdfDocument(source)
    try:
        for index in range(len(document)):
            bitmap = document[index].render(scale=SCAN_DPI / 72, grayscale=True)
            image = bitmap.to_pil().convert("L")
            image = image.rotate(rng.uniform(-0.8, 0.8), fillcolor=255, expand=False)
            image = image.filter(ImageFilter.GaussianBlur(0.4))
            images.append(image)
    finally:
        document.close()
        source.unlink()
    first, rest = images[0], images[1:]
    first.save(path, format="PDF", resolution=SCAN_DPI, save_all=True, append_images=rest)


def render(source: Path, out: Path) -> int:
    """Every patient of ``source`` as PDFs plus its truth under ``out``; the number of files."""
    files = 0
    for patient in sorted(p for p in source.iterdir() if (p / "truth.json").exists()):
        target = out / patient.name
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(patient / "truth.json", target / "truth.json")
        manifest = json.loads((patient / "manifest.json").read_text(encoding="utf-8"))
        for number, entry in enumerate(manifest["documents"]):
            text = (patient / entry["file"]).read_text(encoding="utf-8")
            pages = [page for page in text.split("\f") if page.strip()]
            pdf = target / (Path(entry["file"]).stem + ".pdf")
            if entry.get("layout") == "scan":
                scanned_pdf(pages, pdf, seed=zlib.crc32(f"{patient.name}/{number}".encode()))
            else:
                text_pdf(pages, pdf)
            files += 1
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    print(f"{render(args.source, args.out)} files -> {args.out}")


if __name__ == "__main__":
    main()

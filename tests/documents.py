"""Small synthetic documents for the pipeline tests and benchmark.

Every document is generated on the fly so the repository holds no patient files. All names,
numbers and findings below are invented. Fonts are reportlab's built-in Helvetica, so no font
files are needed. Each function writes into ``directory`` and returns the path it wrote.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen.canvas import Canvas

PATHOLOGY_REPORT = """SURGICAL PATHOLOGY REPORT
Patient: Jane Example    MRN: 00000000    Collected: 03/14/2024
Specimen: Left breast, core needle biopsy at 2 o'clock
FINAL DIAGNOSIS
Invasive ductal carcinoma, Nottingham grade 2 of 3.
Tumor measures 1.4 cm in greatest dimension on this sample.
Ductal carcinoma in situ is present, cribriform type.
Lymphovascular invasion: not identified.
BIOMARKERS
Estrogen receptor: positive (95%), strong intensity
Progesterone receptor: positive (40%), moderate intensity
HER2 (4B5): 2+ equivocal, reflex to in situ hybridization
Ki-67: 18%"""

FOLLOW_UP_NOTE = """ONCOLOGY CLINIC NOTE
Reason for visit: discussion of treatment options
The patient was seen with her husband. We reviewed the biopsy.
Plan: breast MRI, genetic counselling referral, tumor board review.
HER2 FISH result is pending; ratio will decide on targeted therapy.
Return to clinic in two weeks."""

LEFT_COLUMN = [
    "Anatomic stage group",
    "is assigned from tumor",
    "size, nodal status and",
    "distant metastasis at",
    "the time of diagnosis.",
    "Grade and receptor status",
    "refine the prognostic",
    "stage used by the team.",
]

RIGHT_COLUMN = [
    "Sentinel lymph node",
    "biopsy samples the first",
    "nodes that drain the",
    "breast. Isolated tumor",
    "cells are reported apart",
    "from micrometastases and",
    "macrometastases in the",
    "final pathology report.",
]

FONT = "Helvetica"
FONT_SIZE = 11
LEADING = 15
MARGIN = 72


def text_pdf(
    directory: Path,
    pages: Sequence[str] = (PATHOLOGY_REPORT,),
    name: str = "text.pdf",
    encrypt: StandardEncryption | str | None = None,
) -> Path:
    """A PDF with a real text layer, one page per string, one line per text line."""
    path = Path(directory) / name
    canvas = Canvas(str(path), pagesize=LETTER, encrypt=encrypt)
    canvas.setTitle("Invented test document")
    _, height = LETTER
    for page in pages:
        canvas.setFont(FONT, FONT_SIZE)
        y = height - MARGIN
        for line in page.splitlines():
            canvas.drawString(MARGIN, y, line)
            y -= LEADING
        canvas.showPage()
    canvas.save()
    return path


def two_column_pdf(
    directory: Path,
    left_lines: Sequence[str] = LEFT_COLUMN,
    right_lines: Sequence[str] = RIGHT_COLUMN,
    title: str = "UNDERSTANDING YOUR PATHOLOGY REPORT",
    name: str = "columns.pdf",
) -> Path:
    """A two-column page drawn row by row across the columns.

    The content stream interleaves the columns (left 1, right 1, left 2, ...), which is what
    text extraction in stream order gets wrong and the layout stage has to fix.
    """
    path = Path(directory) / name
    canvas = Canvas(str(path), pagesize=LETTER)
    width, height = LETTER
    canvas.setFont("Helvetica-Bold", 16)
    canvas.drawCentredString(width / 2, height - MARGIN, title)
    canvas.setFont(FONT, FONT_SIZE)
    right_x = width / 2 + 18
    y = height - MARGIN - 2 * LEADING
    for row in range(max(len(left_lines), len(right_lines))):
        if row < len(left_lines):
            canvas.drawString(MARGIN, y, left_lines[row])
        if row < len(right_lines):
            canvas.drawString(right_x, y, right_lines[row])
        y -= LEADING
    canvas.showPage()
    canvas.save()
    return path


def render_pages(pdf_path: Path, dpi: int = 200) -> list[Image.Image]:
    """Render every page of a PDF to a greyscale Pillow image, like a scanner would."""
    images = []
    pdf = pdfium.PdfDocument(pdf_path)
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            bitmap = page.render(scale=dpi / 72, grayscale=True)
            images.append(bitmap.to_pil().copy())
            bitmap.close()
            page.close()
    finally:
        pdf.close()
    return images


def scanned_pdf(
    directory: Path,
    pages: Sequence[str] = (PATHOLOGY_REPORT,),
    dpi: int = 200,
    name: str = "scanned.pdf",
) -> Path:
    """An image-only PDF (no text layer), like a scanner or fax produces."""
    source = text_pdf(directory, pages, name=f"source-of-{name}")
    images = render_pages(source, dpi)
    source.unlink()
    path = Path(directory) / name
    images[0].save(path, format="PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return path


def scanned_pdf_with_header(
    directory: Path,
    body: str = PATHOLOGY_REPORT,
    header: str = "FAX 03/15/2024 09:12 FROM: Example Regional Lab  TO: 555 0100  P.001/001",
    dpi: int = 200,
    name: str = "faxed.pdf",
) -> Path:
    """A scanned page whose only real text is a small header stamped on top of the image.

    The text layer has enough characters to look usable, but the report itself is in the image.
    """
    source = text_pdf(directory, [body], name=f"source-of-{name}")
    image = render_pages(source, dpi)[0]
    source.unlink()
    image_path = Path(directory) / f"image-of-{name}.png"
    image.save(image_path)
    path = Path(directory) / name
    canvas = Canvas(str(path), pagesize=LETTER)
    width, height = LETTER
    canvas.drawImage(str(image_path), 0, 0, width=width, height=height)
    canvas.setFont(FONT, 8)
    canvas.drawString(36, height - 20, header)
    canvas.showPage()
    canvas.save()
    image_path.unlink()
    return path


def mixed_pdf(
    directory: Path,
    pages: Sequence[tuple[str, str]] = (("scan", PATHOLOGY_REPORT), ("text", FOLLOW_UP_NOTE)),
    dpi: int = 200,
    name: str = "mixed.pdf",
) -> Path:
    """A PDF mixing scanned pages ("scan") and text-layer pages ("text"), in the given order."""
    parts = []
    for index, (kind, text) in enumerate(pages):
        make = scanned_pdf if kind == "scan" else text_pdf
        parts.append(make(directory, [text], name=f"part-{index}-of-{name}"))
    path = Path(directory) / name
    merged = pdfium.PdfDocument.new()
    try:
        for part in parts:
            source = pdfium.PdfDocument(part)
            merged.import_pages(source)
            source.close()
            part.unlink()
        merged.save(path)
    finally:
        merged.close()
    return path


def rotated_text_pdf(directory: Path, rotation: int = 90, name: str = "rotated.pdf") -> Path:
    """A text PDF whose page carries a /Rotate entry, as scanners of landscape pages write."""
    source = text_pdf(directory, name=f"source-of-{name}")
    pdf = pdfium.PdfDocument(source)
    path = Path(directory) / name
    try:
        pdf[0].set_rotation(rotation)
        pdf.save(path)
    finally:
        pdf.close()
    source.unlink()
    return path


def encrypted_pdf(directory: Path, name: str = "locked.pdf") -> Path:
    """A PDF that needs a user password to open."""
    encryption = StandardEncryption(userPassword="opensesame", ownerPassword="owner-secret")
    return text_pdf(directory, name=name, encrypt=encryption)


def encrypted_empty_password_pdf(directory: Path, name: str = "restricted.pdf") -> Path:
    """An encrypted PDF with only an owner password: it opens without a password."""
    encryption = StandardEncryption(
        userPassword="", ownerPassword="owner-secret", canModify=0, canCopy=0
    )
    return text_pdf(directory, name=name, encrypt=encryption)


def corrupt_pdf(directory: Path, name: str = "damaged.pdf") -> Path:
    """A file with a PDF header whose body is truncated and garbled beyond repair."""
    source = text_pdf(directory, name=f"source-of-{name}")
    good = source.read_bytes()
    source.unlink()
    body = bytes(b ^ 0x5A for b in good[16 : len(good) // 3])
    path = Path(directory) / name
    path.write_bytes(good[:9] + body)
    return path


def word_file_named_pdf(directory: Path, name: str = "letter.pdf") -> Path:
    """A Word document (a zip container) that was renamed to end in .pdf."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"/>',
        )
        archive.writestr(
            "word/document.xml",
            "<w:document><w:body><w:p><w:r><w:t>Referral letter</w:t></w:r></w:p>"
            "</w:body></w:document>",
        )
    path = Path(directory) / name
    path.write_bytes(buffer.getvalue())
    return path


def empty_file(directory: Path, name: str = "empty.pdf") -> Path:
    """A zero-byte file, as left by an interrupted upload."""
    path = Path(directory) / name
    path.write_bytes(b"")
    return path


def _photo_image(lines: Sequence[str], dpi: int) -> Image.Image:
    """A page of text as a camera would see it: pixels only, sized like a small note."""
    buffer = io.BytesIO()
    height = (len(lines) + 2) * LEADING + 36
    canvas = Canvas(buffer, pagesize=(6 * 72, height))
    canvas.setFont(FONT, FONT_SIZE)
    y = height - 18 - LEADING
    for line in lines:
        canvas.drawString(36, y, line)
        y -= LEADING
    canvas.showPage()
    canvas.save()
    pdf = pdfium.PdfDocument(buffer.getvalue())
    try:
        page = pdf[0]
        bitmap = page.render(scale=dpi / 72, grayscale=True)
        image = bitmap.to_pil().convert("RGB")
        bitmap.close()
        page.close()
    finally:
        pdf.close()
    return image


PHOTO_LINES = (
    "Estrogen receptor: positive (95%)",
    "Progesterone receptor: positive (40%)",
    "HER2 (4B5): 2+ equivocal",
)

# EXIF orientation 6: the stored pixels must be turned 90 degrees clockwise to be upright.
EXIF_ORIENTATION = 0x0112
ROTATE_90_CLOCKWISE = 6


def photo_jpeg(
    directory: Path,
    lines: Sequence[str] = PHOTO_LINES,
    exif_rotated: bool = False,
    name: str = "photo.jpg",
    dpi: int = 200,
) -> Path:
    """A JPEG photo of a page; optionally stored sideways with an EXIF orientation tag."""
    image = _photo_image(lines, dpi)
    exif = Image.Exif()
    if exif_rotated:
        image = image.rotate(90, expand=True)  # counter-clockwise, like a phone held sideways
        exif[EXIF_ORIENTATION] = ROTATE_90_CLOCKWISE
    path = Path(directory) / name
    image.save(path, format="JPEG", quality=90, exif=exif)
    return path


def photo_png(
    directory: Path, lines: Sequence[str] = PHOTO_LINES, name: str = "photo.png", dpi: int = 200
) -> Path:
    """A PNG screenshot-like image of a page."""
    path = Path(directory) / name
    _photo_image(lines, dpi).save(path, format="PNG")
    return path


def corrupt_jpeg(directory: Path, name: str = "broken.jpg") -> Path:
    """A JPEG whose data stops early, as from a failed phone upload."""
    source = photo_jpeg(directory, name=f"source-of-{name}")
    good = source.read_bytes()
    source.unlink()
    path = Path(directory) / name
    path.write_bytes(good[: len(good) // 4])
    return path


def many_pages_pdf(directory: Path, n: int, name: str = "many.pdf") -> Path:
    """A text PDF with ``n`` short pages, for page limits and benchmarks."""
    pages = [f"Page {number} of {n}\n{FOLLOW_UP_NOTE}" for number in range(1, n + 1)]
    return text_pdf(directory, pages, name=name)

"""Turn laid-out pages into a PDF; pages marked as scanned become images only.

A scanned page is drawn into a scratch PDF, rasterised with pdfium (greyscale, 200 dpi by
default), given a slight skew, paper grain, specks and a scanner shadow, and embedded as a
JPEG (scanner) or a thresholded greyscale image (fax). The final PDF has no text on those
pages. Everything is seeded, and reportlab writes in invariant mode, so the bytes depend only
on the inputs.
"""

from __future__ import annotations

import io
import random
from collections.abc import Sequence

import pypdfium2 as pdfium
from PIL import Image, ImageChops, ImageDraw, ImageFilter
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from .layout import Op, draw

SCAN = "scan"
FAX = "fax"


def rasterise(ops: Sequence[Op], pagesize: tuple[float, float], dpi: int) -> Image.Image:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=pagesize, invariant=1)
    draw(canvas, ops)
    canvas.showPage()
    canvas.save()
    pdf = pdfium.PdfDocument(buffer.getvalue())
    try:
        page = pdf[0]
        bitmap = page.render(scale=dpi / 72, grayscale=True)
        image = bitmap.to_pil().convert("L")
        bitmap.close()
        page.close()
    finally:
        pdf.close()
    return image


def _grain(size: tuple[int, int], rng: random.Random, strength: int) -> Image.Image:
    """A tileable field of small random darkening values (0..strength)."""
    tile = Image.frombytes("L", (257, 263), rng.randbytes(257 * 263))
    tile = tile.point(lambda v: v * strength // 255)
    field = Image.new("L", size, 0)
    for x in range(0, size[0], tile.width):
        for y in range(0, size[1], tile.height):
            field.paste(tile, (x, y))
    return field


def degrade(image: Image.Image, rng: random.Random, mode: str, dpi: int) -> bytes:
    """Make a clean page image look scanned or faxed; returns encoded image bytes."""
    angle = rng.uniform(0.25, 1.1) * rng.choice((-1, 1))
    image = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    shift = (rng.randint(-12, 12), rng.randint(-10, 14))
    image = ImageChops.offset(image, *shift)
    draw = ImageDraw.Draw(image)
    # cover the wrapped-around strip left by the offset
    if shift[0] > 0:
        draw.rectangle((0, 0, shift[0], image.height), fill=255)
    elif shift[0] < 0:
        draw.rectangle((image.width + shift[0], 0, image.width, image.height), fill=255)
    if shift[1] > 0:
        draw.rectangle((0, 0, image.width, shift[1]), fill=255)
    elif shift[1] < 0:
        draw.rectangle((0, image.height + shift[1], image.width, image.height), fill=255)
    if mode == FAX:
        image = image.filter(ImageFilter.GaussianBlur(0.6))
        threshold = rng.randint(150, 175)
        image = image.point(lambda v: 0 if v < threshold else 255)
        specks = rng.randint(120, 380)
        for _ in range(specks):
            x, y = rng.randrange(image.width), rng.randrange(image.height)
            r = rng.choice((1, 1, 1, 2))
            draw = ImageDraw.Draw(image)
            draw.ellipse((x - r, y - r, x + r, y + r), fill=0)
        # streak from a dirty fax drum
        if rng.random() < 0.5:
            x = rng.randrange(image.width // 6, image.width - image.width // 6)
            ImageDraw.Draw(image).line((x, 0, x, image.height), fill=110, width=1)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", optimize=False)
        return buffer.getvalue()
    # flatbed scanner: warm grey paper, grain, a few specks, shadow at one edge
    paper = rng.randint(236, 248)
    image = image.point(lambda v: v * paper // 255)
    image = ImageChops.subtract(image, _grain(image.size, rng, rng.randint(10, 22)))
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randint(60, 240)):
        x, y = rng.randrange(image.width), rng.randrange(image.height)
        r = rng.choice((1, 1, 2))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=rng.randint(70, 170))
    edge = rng.randint(10, 30) * dpi // 200
    side = rng.choice(("left", "right", "top"))
    for i in range(edge):
        grey = 120 + (paper - 120) * i // edge
        if side == "left":
            draw.line((i, 0, i, image.height), fill=grey)
        elif side == "right":
            draw.line((image.width - 1 - i, 0, image.width - 1 - i, image.height), fill=grey)
        else:
            draw.line((0, i, image.width, i), fill=grey)
    image = image.filter(ImageFilter.GaussianBlur(rng.choice((0.3, 0.45, 0.6))))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=rng.randint(62, 78))
    return buffer.getvalue()


def build_pdf(
    pages: Sequence[Sequence[Op]],
    pagesize: tuple[float, float],
    scanned: dict[int, str],
    rng: random.Random,
    dpi: int = 200,
    title: str | None = None,
    creator: str | None = None,
) -> bytes:
    """The PDF bytes: ``scanned`` maps 0-based page index to SCAN or FAX."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=pagesize, invariant=1, pageCompression=1)
    if title:
        canvas.setTitle(title)
    if creator:
        canvas.setCreator(creator)
        canvas.setProducer(creator)
    width, height = pagesize
    for index, ops in enumerate(pages):
        mode = scanned.get(index)
        if mode:
            image = rasterise(ops, pagesize, dpi)
            data = degrade(image, rng, mode, dpi)
            canvas.drawImage(ImageReader(io.BytesIO(data)), 0, 0, width, height)
        else:
            draw(canvas, ops)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()

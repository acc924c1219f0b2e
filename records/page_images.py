"""A page of an uploaded document as an image, with the words a fact was read from highlighted.

A clinician checking a value wants to see the page itself, not only the text Navis read from
it: a misread digit or a word from the wrong column shows at once on the image. Two steps:

- ``highlight_boxes`` finds the word boxes of an evidence span (character offsets into the
  page text). It never guesses: a span it cannot place gets no box rather than a wrong one.
- ``render_page_png`` draws the page (pdfium for PDFs, Pillow for photos) with those boxes
  highlighted, at a bounded size, as PNG bytes.

Boxes are in page units (PDF points, or photo pixels), origin top-left, as the pipeline stores
them (see workers/pipeline/types.py).
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageOps, UnidentifiedImageError

from workers.pipeline.types import Word
from workers.pipeline.words import word_offsets

PDF = "application/pdf"
PHOTO_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG"}

MAX_WIDTH = 1275  # pixels: a letter page at 150 dpi, sharp on any phone or laptop screen
MAX_HEIGHT = 2400  # pixels: a long page is shrunk to this rather than allowed to eat memory
MAX_PDF_SCALE = 4.0  # pixels per point (288 dpi): a tiny page is not blown up without end
CONTEXT_TOKENS = 8  # neighbouring tokens compared to tell apart repeated phrases

FILL = (255, 214, 0, 110)  # translucent yellow: the words stay readable under it
OUTLINE = (168, 84, 0, 255)  # dark amber: the box shows by its edge too, not only by its hue
MAX_JOIN_GAP = 1.5  # line heights between two words still drawn as one box
PADDING = 0.15  # of a box's height around it, so the outline does not cross the letters

PNG_COMPRESSION = 3  # zlib level: much faster than the default 6, barely larger for a page

Source = str | Path | IO[bytes]
# What a damaged, truncated, missing or oversized file raises while it is opened and decoded.
UNREADABLE = (
    pdfium.PdfiumError,
    UnidentifiedImageError,
    Image.DecompressionBombError,
    OSError,
    ValueError,
    SyntaxError,
)


class PageImageError(Exception):
    """The stored file could not be rendered; the message is an exception type, never content."""


@dataclass(frozen=True)
class _Token:
    """A whitespace-separated token of the page text and the text line it stands on."""

    start: int
    end: int
    text: str
    line: int


def stored_words(rows: Iterable[Sequence]) -> list[Word]:
    """Page.words as stored ([text, x0, top, x1, bottom] lists) back to Word objects."""
    return [
        Word(str(text), float(x0), float(top), float(x1), float(bottom))
        for text, x0, top, x1, bottom in rows
    ]


def highlight_boxes(text: str, words: Sequence[Word], start: int, end: int) -> list[Word]:
    """The words (with their boxes) covering the characters [start, end) of the page text.

    When the words align with the text token by token (a text layer read in order), the
    words overlapping the span are exact. Otherwise (two columns put in reading order, OCR
    lines regrouped) each text line of the span is searched for as a run of consecutive words,
    telling repeated phrases apart by the tokens around them and by position. A span that
    cannot be placed in full gives [] rather than a box on the wrong words.
    """
    tokens = _tokens(text)
    wanted = [token for token in tokens if token.start < end and token.end > start]
    if not wanted or not words:
        return []
    offsets = word_offsets(text, words)
    exact = [
        word
        for word, offset in zip(words, offsets, strict=True)
        if offset is not None and offset[0] < end and offset[1] > start
    ]
    if len(exact) == len(wanted):
        return exact
    return _find_runs(tokens, wanted, words)


def _tokens(text: str) -> list[_Token]:
    tokens = []
    line = 0
    previous = 0
    for match in re.finditer(r"\S+", text):
        line += text.count("\n", previous, match.start())
        previous = match.start()
        tokens.append(_Token(match.start(), match.end(), _normal(match.group()), line))
    return tokens


def _normal(token: str) -> str:
    """Compare tokens as a reader would: ligatures and full-width forms as plain letters."""
    return unicodedata.normalize("NFKC", token)


def _find_runs(tokens: list[_Token], wanted: list[_Token], words: Sequence[Word]) -> list[Word]:
    """Each text line of the span as a run of consecutive words; [] if any line is missing."""
    texts = [_normal(word.text) for word in words]
    first = tokens.index(wanted[0])
    # Before the first run is placed, the best guess is the span's relative place on the page.
    anchor = first / len(tokens) * len(words)
    found: list[Word] = []
    for group in _by_line(wanted):
        at = tokens.index(group[0])
        before = [
            t.text for t in tokens[max(0, at - CONTEXT_TOKENS) : at] if t.line == group[0].line
        ]
        after_at = at + len(group)
        after = [
            t.text for t in tokens[after_at : after_at + CONTEXT_TOKENS] if t.line == group[-1].line
        ]
        run = _best_run(texts, [t.text for t in group], before, after, anchor)
        if run is None:
            return []
        found.extend(words[run : run + len(group)])
        anchor = run + len(group)
    return found


def _by_line(tokens: list[_Token]) -> list[list[_Token]]:
    groups: list[list[_Token]] = []
    for token in tokens:
        if groups and groups[-1][-1].line == token.line:
            groups[-1].append(token)
        else:
            groups.append([token])
    return groups


def _best_run(
    texts: list[str], group: list[str], before: list[str], after: list[str], anchor: float
) -> int | None:
    """Index of the run of words spelling ``group``: most matching context, then nearest."""
    size = len(group)
    starts = [i for i in range(len(texts) - size + 1) if texts[i : i + size] == group]
    if not starts:
        return None

    def context(i: int) -> int:
        matched = 0
        for k, token in enumerate(reversed(before), start=1):
            if i - k < 0 or texts[i - k] != token:
                break
            matched += 1
        for k, token in enumerate(after):
            if i + size + k >= len(texts) or texts[i + size + k] != token:
                break
            matched += 1
        return matched

    return min(starts, key=lambda i: (-context(i), abs(i - anchor)))


def render_page_png(
    document_path: Source,
    media_type: str,
    page_number: int,
    page_width: float,
    page_height: float,
    boxes: Sequence[Word],
    max_width: int = MAX_WIDTH,
    max_height: int = MAX_HEIGHT,
) -> bytes:
    """The page as PNG bytes, no larger than max_width x max_height, boxes highlighted.

    ``document_path`` is the stored file (a path or an open binary file); ``page_width`` and
    ``page_height`` are the page's size in the units of the boxes, as the pipeline stored them.
    Raises PageImageError when the file cannot be rendered.
    """
    if page_width <= 0 or page_height <= 0:
        raise PageImageError("EmptyPage")
    fit = min(max_width / page_width, max_height / page_height)
    try:
        if media_type == PDF:
            image = _render_pdf_page(document_path, page_number, min(fit, MAX_PDF_SCALE))
        elif media_type in PHOTO_FORMATS and page_number == 1:
            image = _render_photo(document_path, PHOTO_FORMATS[media_type], max_width, max_height)
        else:
            raise PageImageError("UnsupportedPage")
    except UNREADABLE as error:
        raise PageImageError(type(error).__name__) from error
    highlighted = _highlight(image, page_width, page_height, boxes)
    try:
        buffer = io.BytesIO()
        highlighted.save(buffer, format="PNG", compress_level=PNG_COMPRESSION)
        return buffer.getvalue()
    finally:
        highlighted.close()
        image.close()


def _render_pdf_page(source: Source, page_number: int, scale: float) -> Image.Image:
    """One page rendered by pdfium, as displayed (rotation applied, as the word boxes are)."""
    pdf = pdfium.PdfDocument(source, password="")
    try:
        if not 1 <= page_number <= len(pdf):
            raise PageImageError("NoSuchPage")
        page = pdf[page_number - 1]
        try:
            bitmap = page.render(scale=scale)
            try:
                return bitmap.to_pil().convert("RGB")  # a copy: the bitmap can go
            finally:
                bitmap.close()
        finally:
            page.close()
    finally:
        pdf.close()


def _render_photo(
    source: Source, pillow_format: str, max_width: int, max_height: int
) -> Image.Image:
    """The photo upright (EXIF orientation, as the pipeline read it), on white, shrunk to fit."""
    with Image.open(source, formats=[pillow_format]) as raw:
        # A JPEG can be decoded at 1/2, 1/4 or 1/8 size directly: far less memory for a big photo.
        # A square of the smaller bound keeps both sides at least that large, whatever the rotation.
        side = min(max_width, max_height)
        raw.draft(None, (side, side))
        upright = ImageOps.exif_transpose(raw)
        if upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info:
            rgba = upright.convert("RGBA")
            image = Image.new("RGB", rgba.size, "white")
            image.paste(rgba, mask=rgba.getchannel("A"))
        else:
            image = upright.convert("RGB")
    image.thumbnail((max_width, max_height))  # shrinks only, keeping the aspect ratio
    return image


def _highlight(
    image: Image.Image, page_width: float, page_height: float, boxes: Sequence[Word]
) -> Image.Image:
    """The image with a yellow fill and an amber outline over each run of boxes on a line."""
    if not boxes:
        return image
    sx, sy = image.width / page_width, image.height / page_height
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    outline = max(3, round(image.width / 400))
    for x0, top, x1, bottom in _line_boxes(boxes):
        pad = PADDING * (bottom - top)
        rectangle = ((x0 - pad) * sx, (top - pad) * sy, (x1 + pad) * sx, (bottom + pad) * sy)
        draw.rectangle(rectangle, fill=FILL, outline=OUTLINE, width=outline)
    return Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")


def _line_boxes(boxes: Sequence[Word]) -> list[tuple[float, float, float, float]]:
    """Consecutive words on one line joined into one box: one mark per line, as in the text."""
    joined: list[list[float]] = []
    for word in boxes:
        if joined:
            x0, top, x1, bottom = joined[-1]
            height = bottom - top
            same_line = word.top < bottom and word.bottom > top
            close = x0 <= word.x0 <= x1 + MAX_JOIN_GAP * height  # not across a column's gutter
            if same_line and close:
                joined[-1] = [x0, min(top, word.top), max(x1, word.x1), max(bottom, word.bottom)]
                continue
        joined.append([word.x0, word.top, word.x1, word.bottom])
    return [(x0, top, x1, bottom) for x0, top, x1, bottom in joined]

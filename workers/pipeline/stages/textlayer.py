"""TextLayer: read the text a PDF already carries, and spot pages that need OCR instead."""

from __future__ import annotations

from collections.abc import Callable

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from workers.pipeline.errors import FailureCode, PipelineError
from workers.pipeline.stages.base import Job, PipelineStage
from workers.pipeline.types import PageText, Source, Stage, Word

# A text layer is usable when it has at least this many letters and digits ...
MIN_REAL_CHARACTERS = 20
# ... and at least this share of its visible characters are letters, digits or punctuation.
# Text from fonts without a Unicode map comes out as U+FFFD, private-use or control characters.
MIN_CLEAN_SHARE = 0.6
COMMON_PUNCTUATION = frozenset(
    ".,;:!?()[]{}%/\\-+'\"&*#@<>=_|~^$°±·§€£©®™"
    "\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u2022"  # dashes, curly quotes, ellipsis, bullet
)
# A page mostly covered by images whose text layer is this thin is a scan with a stamped header
# (fax line, page number, "Scanned by ..."): its real content is only in the image.
THIN_TEXT_CHARACTERS = 200
SCAN_IMAGE_COVERAGE = 0.5

# pdfium joins a word hyphenated across a line break: the page text gets U+FFFE in place of
# "-" plus the line break, and the character list gets U+0002 for that hyphen.
TEXT_HYPHEN_BREAK = "\ufffe"
CHAR_HYPHEN_BREAK = 0x02

Transform = Callable[[float, float], tuple[float, float]]


class TextLayer(PipelineStage):
    """Reads each PDF page's text and word boxes with pdfium; marks unusable pages for OCR.

    Reads ``job.pdf``; writes ``job.pages`` (text-layer pages) and ``job.ocr_pages``. A photo
    has no text layer, so its single page is marked for OCR. Reports ``Stage.READING``.
    Raises CORRUPT when pdfium cannot load a page.
    """

    def run(self, job: Job) -> None:
        if job.pdf is None:
            job.ocr_pages = list(range(1, job.page_count + 1))
            job.report(Stage.READING, job.page_count, job.page_count)
            return
        for number in range(1, job.page_count + 1):
            page = load_page(job.pdf, number)
            try:
                page_text = read_page(page, number)
            finally:
                page.close()
            if page_text is None:
                job.ocr_pages.append(number)
            else:
                job.pages[number] = page_text
            job.report(Stage.READING, number, job.page_count)


def load_page(pdf: pdfium.PdfDocument, number: int) -> pdfium.PdfPage:
    """Load a page by 1-based number; a page pdfium cannot load means a damaged file."""
    try:
        return pdf[number - 1]
    except pdfium.PdfiumError as error:
        raise PipelineError(FailureCode.CORRUPT, f"page {number} did not load") from error


def read_page(page: pdfium.PdfPage, number: int) -> PageText | None:
    """The page's text layer as a PageText, or None when the page needs OCR."""
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        text = normalise_text(textpage.get_text_range())
        if not looks_like_text(text) or is_stamped_scan(page, text):
            return None
        words = read_words(textpage, page_transform(page), width, height)
    finally:
        textpage.close()
    return PageText(
        number=number,
        text=text,
        source=Source.TEXT,
        ocr_confidence=None,
        width=width,
        height=height,
        words=words,
    )


def normalise_text(text: str) -> str:
    """pdfium's text with plain newlines, and hyphenated words split back as printed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace(TEXT_HYPHEN_BREAK, "-\n")


def count_real_characters(text: str) -> int:
    """Letters and digits: what a reader would call text."""
    return sum(1 for ch in text if ch.isalnum())


def looks_like_text(text: str) -> bool:
    """True when the text layer has enough real characters and is not mostly garbage."""
    visible = [ch for ch in text if not ch.isspace()]
    if count_real_characters(text) < MIN_REAL_CHARACTERS:
        return False
    clean = sum(1 for ch in visible if ch.isalnum() or ch in COMMON_PUNCTUATION)
    return clean / len(visible) >= MIN_CLEAN_SHARE


def is_stamped_scan(page: pdfium.PdfPage, text: str) -> bool:
    """A mostly-image page whose little text is a stamp on top of the scan."""
    if count_real_characters(text) >= THIN_TEXT_CHARACTERS:
        return False
    return image_coverage(page) >= SCAN_IMAGE_COVERAGE


def image_coverage(page: pdfium.PdfPage) -> float:
    """Share of the page area covered by images (overlaps counted twice, capped at 1)."""
    left, bottom, right, top = page.get_bbox()
    page_area = (right - left) * (top - bottom)
    if page_area <= 0:
        return 0.0
    covered = 0.0
    for image in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3):
        x0, y0, x1, y1 = image.get_bounds()
        overlap_w = min(x1, right) - max(x0, left)
        overlap_h = min(y1, top) - max(y0, bottom)
        if overlap_w > 0 and overlap_h > 0:
            covered += overlap_w * overlap_h
    return min(covered / page_area, 1.0)


def page_transform(page: pdfium.PdfPage) -> Transform:
    """Map PDF user space (origin bottom-left) to the displayed page (origin top-left).

    Takes the page's visible box and its /Rotate into account, so boxes line up with what
    ``page.get_size()`` and rendering show.
    """
    left, bottom, right, top = page.get_bbox()
    return make_transform((left, bottom, right, top), page.get_rotation())


def make_transform(bbox: tuple[float, float, float, float], rotation: int) -> Transform:
    """The PDF-to-display mapping for a visible box and a clockwise rotation in degrees."""
    left, bottom, right, top = bbox
    if rotation == 90:
        return lambda x, y: (y - bottom, x - left)
    if rotation == 180:
        return lambda x, y: (right - x, y - bottom)
    if rotation == 270:
        return lambda x, y: (top - y, right - x)
    return lambda x, y: (x - left, top - y)


def read_words(
    textpage: pdfium.PdfTextPage, transform: Transform, width: float, height: float
) -> list[Word]:
    """Group pdfium's characters into words (split on whitespace) with top-left boxes.

    pdfium inserts line-break characters between lines, so whitespace splits words; a hyphen
    that breaks a word across two lines ends the word too. A word's box joins the loose boxes
    (full font height, so words on one line share top and bottom) of its first and last
    characters: asking for every character's box costs most of the time of a text page.
    """
    codes = [pdfium_c.FPDFText_GetUnicode(textpage.raw, i) for i in range(textpage.count_chars())]
    words: list[Word] = []

    def add_word(start: int, end: int) -> None:
        box = _word_box(textpage, start, end - 1, transform)
        if box is not None:
            text = "".join("-" if c == CHAR_HYPHEN_BREAK else chr(c) for c in codes[start:end])
            words.append(Word(text, *box).clamped(width, height))

    start = None
    for index, code in enumerate(codes):
        if code == 0 or chr(code).isspace():
            if start is not None:
                add_word(start, index)
                start = None
            continue
        if start is None:
            start = index
        if code == CHAR_HYPHEN_BREAK:
            add_word(start, index + 1)
            start = None
    if start is not None:
        add_word(start, len(codes))
    return words


def _word_box(
    textpage: pdfium.PdfTextPage, first: int, last: int, transform: Transform
) -> tuple[float, float, float, float] | None:
    """The display box (x0, top, x1, bottom) around two characters' loose boxes."""
    xs: list[float] = []
    ys: list[float] = []
    rect = pdfium_c.FS_RECTF()
    for index in {first, last}:
        if pdfium_c.FPDFText_GetLooseCharBox(textpage.raw, index, rect):
            for x, y in (transform(rect.left, rect.top), transform(rect.right, rect.bottom)):
                xs.append(x)
                ys.append(y)
    if not xs:
        return None
    return min(xs), min(ys), max(xs), max(ys)

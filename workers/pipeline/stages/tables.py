"""Tables: read ruled tables on text-layer pages with pdfplumber, cells located in the page text.

pdfium's text runs a table row together as one line of words, so a value is cut off from its
column header ("% cells", "VAF", "Not detected"). pdfplumber's table finder gives the grid back,
but it parses a page about 90 times slower than pdfium reads it. So each text-layer page is
first checked cheaply with pdfium: only a page whose vector drawing holds a grid (at least
three horizontal rules and three vertical rules crossing each other, i.e. two rows by two
columns of cells) is opened with pdfplumber, and pdfplumber is opened once per document, only
if some page qualifies. Scanned (OCR'd) pages are never touched.

Each cell is located in ``PageText.text`` through the page's word boxes: the words whose centre
lies in the cell, and their offsets in the page text (the text layer's words are its tokens, in
order). A cell is given spans only when those words spell exactly what pdfplumber read there;
otherwise it keeps its text without spans, and extraction will not use it as evidence.
"""

from __future__ import annotations

import logging
import re
import struct
import zlib
from collections.abc import Iterator, Sequence
from ctypes import byref, c_float
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import PdfminerException

from workers.pipeline.stages.base import Job, PipelineStage
from workers.pipeline.stages.layout import runs_across
from workers.pipeline.stages.textlayer import load_page
from workers.pipeline.types import Cell, PageText, Source, Table, Word
from workers.pipeline.words import word_offsets

logger = logging.getLogger(__name__)

MIN_RULE_LENGTH = 5.0  # points: shorter strokes are ticks, dots or the ends of thin boxes
AXIS_TOLERANCE = 1.0  # points off the horizontal/vertical a rule may lean, and may miss by
MIN_GRID_RULES = 3  # rules each way, crossing >= 2 of the other way: a 2 x 2 grid of cells
MAX_PATH_OBJECTS = 3000  # more vector objects than this is a drawing or chart, not a table
MAX_SEGMENTS_PER_PATH = 400  # a longer path is a curve or a logo outline
MAX_FORM_DEPTH = 3  # how deep to look into Form XObjects for rules
MIN_RIGHTWARD = 0.8  # share of next words on a line that lie to the right: upright text

# pdfminer (under pdfplumber) fails on damaged files with its own errors and with these;
# anything else (a Celery time limit, for instance) must propagate unchanged.
_PARSER_ERRORS = (
    ValueError,
    KeyError,
    TypeError,
    AttributeError,
    IndexError,
    AssertionError,
    OverflowError,
    RecursionError,
    UnicodeError,
    struct.error,
    zlib.error,
)


@dataclass(frozen=True)
class Rule:
    """A straight horizontal or vertical stroke: ``at`` across, from ``low`` to ``high`` along."""

    at: float
    low: float
    high: float

    def crosses(self, other: Rule) -> bool:
        """A horizontal and a vertical rule touch (within the tolerance)."""
        return (
            other.low - AXIS_TOLERANCE <= self.at <= other.high + AXIS_TOLERANCE
            and self.low - AXIS_TOLERANCE <= other.at <= self.high + AXIS_TOLERANCE
        )


class Tables(PipelineStage):
    """Adds ``PageText.tables`` to text-layer pages that hold a ruled table.

    Reads ``job.pdf`` (the pdfium check), ``job.path`` (pdfplumber) and ``job.pages``; writes
    ``tables`` of qualifying text-layer pages. No progress of its own. Raises no PipelineError:
    a page pdfplumber cannot parse just has no tables (logged); any other exception (a time
    limit from outside) propagates.
    """

    def run(self, job: Job) -> None:
        if job.pdf is None:
            return
        candidates = [
            number
            for number, page in sorted(job.pages.items())
            if page.source == Source.TEXT
            and reads_upright(page.words)
            and has_ruled_grid(job.pdf, number)
        ]
        if not candidates:
            return
        for number, tables in read_tables(job.path, candidates, job.pages):
            job.pages[number].tables = tables


def reads_upright(words: Sequence[Word]) -> bool:
    """Text that runs left to right across the page as displayed, as pdfplumber reads tables.

    A page turned sideways or upside down (text drawn one way, /Rotate showing it another)
    gives pdfplumber transposed or mirrored tables: it is left alone.
    """
    if not words or not runs_across(words):
        return False
    rightward = leftward = 0
    for before, after in pairwise(words):
        overlap = min(before.bottom, after.bottom) - max(before.top, after.top)
        if overlap < 0.5 * min(before.bottom - before.top, after.bottom - after.top):
            continue  # not on one line
        if after.x0 > before.x0:
            rightward += 1
        else:
            leftward += 1
    return rightward >= MIN_RIGHTWARD * (rightward + leftward)


def has_ruled_grid(pdf: pdfium.PdfDocument, number: int) -> bool:
    """True when the page draws at least a 2 x 2 grid of ruled cells (cheap: pdfium only)."""
    page = load_page(pdf, number)
    try:
        horizontal, vertical = page_rules(page)
    finally:
        page.close()
    return is_grid(horizontal, vertical)


def is_grid(horizontal: Sequence[Rule], vertical: Sequence[Rule]) -> bool:
    """Enough horizontal and vertical rules that each cross two of the other kind."""
    if len(horizontal) < MIN_GRID_RULES or len(vertical) < MIN_GRID_RULES:
        return False
    rows = sum(1 for h in horizontal if sum(1 for v in vertical if h.crosses(v)) >= 2)
    if rows < MIN_GRID_RULES:
        return False
    columns = sum(1 for v in vertical if sum(1 for h in horizontal if v.crosses(h)) >= 2)
    return columns >= MIN_GRID_RULES


def page_rules(page: pdfium.PdfPage) -> tuple[list[Rule], list[Rule]]:
    """The page's horizontal and vertical strokes (lines, and the edges of boxes and cells)."""
    horizontal: list[Rule] = []
    vertical: list[Rule] = []
    for count, (obj, matrix) in enumerate(_path_objects(page), start=1):
        if count > MAX_PATH_OBJECTS:
            return [], []
        for (x0, y0), (x1, y1) in _segments(obj, matrix):
            if abs(y1 - y0) <= AXIS_TOLERANCE and abs(x1 - x0) >= MIN_RULE_LENGTH:
                horizontal.append(Rule((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
            elif abs(x1 - x0) <= AXIS_TOLERANCE and abs(y1 - y0) >= MIN_RULE_LENGTH:
                vertical.append(Rule((x0 + x1) / 2, min(y0, y1), max(y0, y1)))
    return horizontal, vertical


Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _path_objects(page: pdfium.PdfPage) -> Iterator[tuple[Any, Matrix]]:
    """Every path object with the matrix to page space, looking into forms a few levels deep."""

    def walk(count: int, get: Any, parent: Any, outer: Matrix, depth: int) -> Iterator:
        for index in range(count):
            obj = get(parent, index)
            if not obj:
                continue
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                yield obj, outer
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < MAX_FORM_DEPTH:
                inner = _compose(_matrix(obj), outer)
                yield from walk(
                    pdfium_c.FPDFFormObj_CountObjects(obj),
                    pdfium_c.FPDFFormObj_GetObject,
                    obj,
                    inner,
                    depth + 1,
                )

    yield from walk(
        pdfium_c.FPDFPage_CountObjects(page.raw),
        pdfium_c.FPDFPage_GetObject,
        page.raw,
        _IDENTITY,
        0,
    )


Point = tuple[float, float]


def _segments(obj: Any, outer: Matrix) -> Iterator[tuple[Point, Point]]:
    """The straight segments of a path object, in page space (curves are skipped)."""
    count = pdfium_c.FPDFPath_CountSegments(obj)
    if count <= 1 or count > MAX_SEGMENTS_PER_PATH:
        return
    matrix = _compose(_matrix(obj), outer)
    x, y = c_float(), c_float()
    start = current = None
    for index in range(count):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, index)
        if not segment or not pdfium_c.FPDFPathSegment_GetPoint(segment, byref(x), byref(y)):
            continue
        point = _apply(matrix, x.value, y.value)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_LINETO and current is not None:
            yield current, point
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = point
        current = point
        if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
            yield point, start
            current = start


def _matrix(obj: Any) -> Matrix:
    raw = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, byref(raw)):
        return _IDENTITY
    return (raw.a, raw.b, raw.c, raw.d, raw.e, raw.f)


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix applying ``inner`` first, then ``outer`` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (
        a * A + b * C,
        a * B + b * D,
        c * A + d * C,
        c * B + d * D,
        e * A + f * C + E,
        e * B + f * D + F,
    )


def _apply(matrix: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    return a * x + c * y + e, b * x + d * y + f


# --------------------------------------------------------------------------- pdfplumber


def read_tables(
    path: Path, numbers: Sequence[int], pages: dict[int, PageText]
) -> Iterator[tuple[int, list[Table]]]:
    """Open the PDF with pdfplumber once and find the tables of the given pages (1-based)."""
    errors = (PdfminerException, PDFSyntaxError, PSException, *_PARSER_ERRORS)
    try:
        pdf = pdfplumber.open(path, pages=list(numbers))
    except errors as error:
        logger.warning("pdfplumber could not open the document: %s", type(error).__name__)
        return
    try:
        for plumber_page in pdf.pages:
            number = plumber_page.page_number
            try:
                tables = _tables(plumber_page, pages[number])
            except errors as error:
                logger.warning("pdfplumber failed on page %d: %s", number, type(error).__name__)
                continue
            finally:
                plumber_page.close()
            yield number, tables
    finally:
        pdf.close()


def _tables(plumber_page: Any, page: PageText) -> list[Table]:
    """The page's tables as pdfplumber finds them, their cells located in the page text."""
    found = plumber_page.find_tables()
    if not found:
        return []
    # pdfplumber measures from the top-left of the MediaBox, pdfium from that of the CropBox.
    dx, dy = plumber_page.cropbox[0], plumber_page.cropbox[1]
    offsets = word_offsets(page.text, page.words)
    order = sorted(offset for offset in offsets if offset is not None)
    tables = []
    for table in found:
        rows: list[tuple[Cell, ...]] = []
        for row, texts in zip(table.rows, table.extract(), strict=True):
            cells = []
            for bbox, text in zip(row.cells, texts, strict=True):
                if bbox is None or not text:
                    cells.append(Cell(""))
                    continue
                x0, top, x1, bottom = bbox
                box = (x0 - dx, top - dy, x1 - dx, bottom - dy)
                cells.append(locate(text, box, page, offsets, order))
            rows.append(tuple(cells))
        if rows:
            x0, top, x1, bottom = table.bbox
            tables.append(Table(x0 - dx, top - dy, x1 - dx, bottom - dy, tuple(rows)))
    return tables


def locate(
    text: str,
    box: tuple[float, float, float, float],
    page: PageText,
    offsets: Sequence[tuple[int, int] | None],
    order: Sequence[tuple[int, int]],
) -> Cell:
    """The cell with the spans of the page text its words occupy, when they spell ``text``.

    ``order`` is every located word's (start, end), sorted: a span runs over consecutive words
    of the page text that all lie in the cell.
    """
    x0, top, x1, bottom = box
    inside: list[tuple[int, int]] = []
    for word, offset in zip(page.words, offsets, strict=True):
        if x0 <= (word.x0 + word.x1) / 2 <= x1 and top <= (word.top + word.bottom) / 2 <= bottom:
            if offset is None:
                return Cell(text)
            inside.append(offset)
    inside.sort()
    spelled = "".join(page.text[start:end] for start, end in inside)
    if not inside or _squeeze(spelled) != _squeeze(text):
        return Cell(text)
    members = set(inside)
    spans: list[tuple[int, int]] = []
    current: list[int] | None = None
    for offset in order:
        if offset in members:
            if current is None:
                current = [offset[0], offset[1]]
            current[1] = offset[1]
        elif current is not None:
            spans.append((current[0], current[1]))
            current = None
    if current is not None:
        spans.append((current[0], current[1]))
    return Cell(text, tuple(spans))


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)

"""Plain data passed into and out of the document-reading pipeline.

Coordinates: every ``Word`` box and every ``PageText.width``/``height`` is in the same unit per
page, with the origin at the top-left corner of the page as it is displayed (page rotation
applied). For PDF pages the unit is the PDF point (1/72 inch), also for OCR'd pages, whose pixel
boxes are scaled back by ``72 / dpi``. For photos (JPEG/PNG) the unit is one image pixel, i.e. the
photo is treated as a 72 dpi page, so the same formula holds with ``dpi = 72``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum


class Stage(StrEnum):
    """Progress codes reported while a document is read; they match the document statuses."""

    READING = "reading"
    OCR = "ocr"
    EXTRACTING = "extracting"


class Source(StrEnum):
    """Where a page's text came from."""

    TEXT = "text"
    OCR = "ocr"


@dataclass(frozen=True)
class Limits:
    """Bounds that keep one upload from exhausting a worker."""

    max_bytes: int = 25 * 1024 * 1024
    max_pages: int = 300
    ocr_dpi: int = 300
    ocr_timeout: int = 120  # seconds per page


@dataclass(frozen=True)
class Word:
    """One word and its box (see the module docstring for units and origin)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float

    def clamped(self, width: float, height: float) -> Word:
        """The same word with its box pulled inside a ``width`` x ``height`` page."""
        return Word(
            self.text,
            min(max(self.x0, 0.0), width),
            min(max(self.top, 0.0), height),
            min(max(self.x1, 0.0), width),
            min(max(self.bottom, 0.0), height),
        )


@dataclass(frozen=True)
class Cell:
    """One cell of a ruled table: its text, and where that text lies in ``PageText.text``.

    ``spans`` are (start, end) offsets into the page text, one per stretch of it the cell
    occupies: usually one; a cell wrapped over several lines gives one per line when the page
    text runs its lines between those of the neighbouring cells. Empty when the cell is empty
    or its words could not be found in the page text, so the text alone is not evidence.
    """

    text: str
    spans: tuple[tuple[int, int], ...] = ()

    @property
    def span(self) -> tuple[int, int] | None:
        """The single stretch of page text holding the whole cell, if there is one."""
        return self.spans[0] if len(self.spans) == 1 else None


@dataclass(frozen=True)
class Table:
    """A ruled table on a text-layer page: rows top to bottom, cells left to right.

    The box is in page units (see the module docstring). Every row has one cell per column; a
    cell merged into its neighbour is an empty cell.
    """

    x0: float
    top: float
    x1: float
    bottom: float
    rows: tuple[tuple[Cell, ...], ...]


@dataclass
class PageText:
    """The text of one page, in reading order, with the words it was built from."""

    number: int  # 1-based
    text: str
    source: Source
    ocr_confidence: float | None  # mean word confidence 0-100; None for a text layer
    width: float
    height: float
    words: list[Word] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)  # ruled tables (text-layer pages only)


@dataclass
class PipelineResult:
    """Everything the pipeline read from one file, pages in page order."""

    media_type: str
    page_count: int
    pages: list[PageText]


ProgressCallback = Callable[[Stage, int, int], None]
"""Called as ``progress(stage, pages_done, pages_total)`` while pages complete."""

"""Layout: put the text of two-column pages into reading order.

Extraction in content-stream order (pdfium) or line by line across the page can interleave two
columns: "left line 1, right line 1, left line 2...". This stage finds a vertical gutter from the
word boxes alone and, only when it is confident the page is set in two columns, rebuilds the
text as full-width lines (a title) in place, and between them the left column, then the right.
Anything else keeps its text unchanged: a wrong reorder would scramble a table, which is worse
than leaving columns interleaved.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from statistics import median

from workers.pipeline.stages.base import Job, PipelineStage
from workers.pipeline.types import Word

MIN_WORDS = 12  # fewer words than this is not worth reordering
BINS = 400  # the text's width is scanned in this many vertical strips
MAX_CROSSING_ROWS = 0.25  # full-width rows (titles, footers) may cross the gutter, a few only
GUTTER_ZONE = (0.3, 0.7)  # the gutter's centre lies in the middle of the text's width
MIN_GUTTER_HEIGHTS = 1.0  # a gutter is at least one line height wide (word spaces are ~0.3)
MIN_COLUMN_LINES = 3
MIN_COLUMN_SHARE = 0.2  # each column holds at least this share of the words beside the gutter
# In running text most lines reach across the column; in a label/value table most don't.
MIN_COLUMN_FILL = 0.7


@dataclass(frozen=True)
class Gutter:
    """The empty vertical band between two columns, as an x-range."""

    left: float
    right: float

    def crossed_by(self, word: Word) -> bool:
        """A word reaching into the gutter belongs to a full-width line, such as a title."""
        return word.x0 < self.right and word.x1 > self.left

    def split(self, row: Sequence[Word]) -> tuple[list[Word], list[Word]]:
        """The row's words left of the gutter's middle, and right of it."""
        middle = (self.left + self.right) / 2
        left = [word for word in row if (word.x0 + word.x1) / 2 < middle]
        right = [word for word in row if (word.x0 + word.x1) / 2 >= middle]
        return left, right


class Layout(PipelineStage):
    """Rewrites ``PageText.text`` of two-column pages into reading order.

    Reads the words of every page in ``job.pages`` (text layer and OCR alike); writes
    ``text`` only. Words keep their extraction order. Raises nothing.
    """

    def run(self, job: Job) -> None:
        for page in job.pages.values():
            if page.tables:
                continue  # a page with a ruled table keeps its rows: reordering would tear them
            text = column_text(page.words)
            if text is not None:
                page.text = text


def column_text(words: Sequence[Word]) -> str | None:
    """The page's text read column by column, or None when it is not set in two columns."""
    if len(words) < MIN_WORDS or not runs_across(words):
        return None
    rows = group_rows(words)
    gutter = find_gutter(rows)
    if gutter is None:
        return None
    return "\n".join(reading_lines(rows, gutter))


def runs_across(words: Sequence[Word]) -> bool:
    """True when most words of several letters are wider than tall, i.e. text is horizontal.

    A sideways page (text running down it) is left alone.
    """
    long_words = [word for word in words if len(word.text) >= 3]
    wide = sum(1 for word in long_words if word.x1 - word.x0 > word.bottom - word.top)
    return wide > len(long_words) / 2


def group_rows(words: Sequence[Word]) -> list[list[Word]]:
    """Words grouped into rows across the full page width, top to bottom, left to right."""
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if rows and _same_row(rows[-1][0], word):
            rows[-1].append(word)
        else:
            rows.append([word])
    return [sorted(row, key=lambda w: w.x0) for row in rows]


def find_gutter(rows: Sequence[Sequence[Word]]) -> Gutter | None:
    """The x-range between two columns, or None when there is no convincing gutter."""
    words = [word for row in rows for word in row]
    left_edge = min(word.x0 for word in words)
    extent = max(word.x1 for word in words) - left_edge
    if extent <= 0:
        return None
    strip = extent / BINS
    min_width = MIN_GUTTER_HEIGHTS * median(word.bottom - word.top for word in words)
    # Blur over half a gutter so the spaces between words of a full-width title do not look
    # like gaps: a strip counts the rows that have a word within `reach` strips of it.
    reach = max(1, round(min_width / strip / 4))
    counts = _rows_per_strip(rows, left_edge, strip)
    blurred = [max(counts[max(0, i - reach) : i + reach + 1]) for i in range(BINS)]
    open_limit = MAX_CROSSING_ROWS * len(rows)

    candidates = []
    for start, end in _runs(blurred, lambda count: count <= open_limit):
        width = (end - start + 2 * reach) * strip
        centre = (start + end) / 2 * strip
        if width >= min_width and GUTTER_ZONE[0] * extent <= centre <= GUTTER_ZONE[1] * extent:
            candidates.append((width, start, end))
    for _, start, end in sorted(candidates, reverse=True):
        # The gutter proper is where the fewest rows cross: none, or only the full-width ones.
        fewest = min(blurred[start:end])
        low_start, low_end = max(
            _runs(blurred[start:end], lambda count, fewest=fewest: count == fewest),
            key=lambda run: run[1] - run[0],
        )
        gutter = Gutter(
            left_edge + (start + low_start) * strip, left_edge + (start + low_end) * strip
        )
        if _looks_like_two_columns(rows, gutter):
            return gutter
    return None


def reading_lines(rows: Sequence[Sequence[Word]], gutter: Gutter) -> list[str]:
    """Lines in reading order: full-width rows in place, columns left then right between them."""
    lines: list[str] = []
    left: list[str] = []
    right: list[str] = []
    for row in rows:
        if any(gutter.crossed_by(word) for word in row):
            lines += left + right + [_join(row)]
            left, right = [], []
            continue
        left_words, right_words = gutter.split(row)
        if left_words:
            left.append(_join(left_words))
        if right_words:
            right.append(_join(right_words))
    return lines + left + right


def _looks_like_two_columns(rows: Sequence[Sequence[Word]], gutter: Gutter) -> bool:
    """Enough lines and words on both sides, and lines that fill their column like prose."""
    left_lines: list[list[Word]] = []
    right_lines: list[list[Word]] = []
    for row in rows:
        if any(gutter.crossed_by(word) for word in row):
            continue
        left_words, right_words = gutter.split(row)
        if left_words:
            left_lines.append(left_words)
        if right_words:
            right_lines.append(right_words)
    left_count = sum(len(line) for line in left_lines)
    right_count = sum(len(line) for line in right_lines)
    total = left_count + right_count
    return (
        len(left_lines) >= MIN_COLUMN_LINES
        and len(right_lines) >= MIN_COLUMN_LINES
        and min(left_count, right_count) >= MIN_COLUMN_SHARE * total
        and _fill(left_lines) >= MIN_COLUMN_FILL
        and _fill(right_lines) >= MIN_COLUMN_FILL
    )


def _fill(lines: Sequence[Sequence[Word]]) -> float:
    """How far the median line reaches across its column, from 0 to 1."""
    start = min(line[0].x0 for line in lines)
    width = max(line[-1].x1 for line in lines) - start
    if width <= 0:
        return 0.0
    return median((line[-1].x1 - start) / width for line in lines)


def _rows_per_strip(rows: Sequence[Sequence[Word]], left_edge: float, strip: float) -> list[int]:
    """For each vertical strip, how many rows have a word in it."""
    changes = [0] * (BINS + 2)
    for row in rows:
        spans: list[list[int]] = []
        for word in row:  # a row is sorted left to right
            first = int((word.x0 - left_edge) / strip)
            last = min(int((word.x1 - left_edge) / strip), BINS - 1)
            if spans and first <= spans[-1][1]:
                spans[-1][1] = max(spans[-1][1], last)
            else:
                spans.append([first, last])
        for first, last in spans:
            changes[first] += 1
            changes[last + 1] -= 1
    counts, running = [], 0
    for change in changes[:BINS]:
        running += change
        counts.append(running)
    return counts


def _runs(values: Sequence[int], keep: Callable[[int], bool]) -> list[tuple[int, int]]:
    """Maximal [start, end) index ranges whose values all satisfy ``keep``."""
    runs: list[tuple[int, int]] = []
    start = None
    for index, value in enumerate(values):
        if keep(value):
            if start is None:
                start = index
        elif start is not None:
            runs.append((start, index))
            start = None
    if start is not None:
        runs.append((start, len(values)))
    return runs


def _same_row(first: Word, word: Word) -> bool:
    """Two words share a row when they overlap by half the smaller height."""
    overlap = min(first.bottom, word.bottom) - max(first.top, word.top)
    return overlap >= 0.5 * min(first.bottom - first.top, word.bottom - word.top)


def _join(words: Sequence[Word]) -> str:
    return " ".join(word.text for word in words)

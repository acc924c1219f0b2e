"""Page layout for the synthetic records: blocks in, positioned drawing operations out.

A document is a list of blocks (headings, wrapped paragraphs, key/value grids, ruled tables,
two-column passages, page breaks). ``paginate`` flows them onto pages under a running header
and footer and returns, for each page, a list of drawing operations in absolute coordinates.
The same operations draw a text page straight into the final PDF, or are drawn into a scratch
PDF that is rasterised to make a scanned (image-only) page. Only the 14 standard PDF fonts are
used, so text is limited to Latin-1.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import zip_longest

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.pdfbase.pdfmetrics import stringWidth

FAMILIES = {
    "Helvetica": ("Helvetica", "Helvetica-Bold", "Helvetica-Oblique"),
    "Times": ("Times-Roman", "Times-Bold", "Times-Italic"),
    "Courier": ("Courier", "Courier-Bold", "Courier-Oblique"),
}

# An operation: ("t", x, y, font, size, text) | ("l", x1, y1, x2, y2, width) |
# ("r", x, y, w, h, grey) filled rectangle. Rows are built with y relative to the row top
# (negative downwards) and shifted when placed.
Op = tuple


@dataclass
class Style:
    family: str = "Helvetica"
    size: float = 10.5
    margin: float = 60
    pagesize: tuple[float, float] = LETTER
    header: Sequence[tuple[str, str, float, str]] = ()  # (text, weight, size, align) lines
    banner: str = ""  # patient line repeated under the header on every page
    footer_left: str = ""
    footer_right: str = "Page {page} of {pages}"
    header_rule: bool = True
    stamp: str = ""  # fax transmission line printed at the very top of each page

    @property
    def regular(self) -> str:
        return FAMILIES[self.family][0]

    @property
    def bold(self) -> str:
        return FAMILIES[self.family][1]

    @property
    def italic(self) -> str:
        return FAMILIES[self.family][2]

    @property
    def leading(self) -> float:
        return round(self.size * 1.32, 2)

    @property
    def width(self) -> float:
        return self.pagesize[0] - 2 * self.margin


A4_SIZE = A4
LETTER_SIZE = LETTER


@dataclass
class Row:
    height: float
    ops: list[Op]
    repeat: list[Row] | None = None  # table header rows to repeat after a page break


@dataclass
class Block:
    """Something placed in the flow. ``rows`` lays it out for a given style."""

    keep: float = 0  # minimum space (points) needed below the cursor to start this block

    def rows(self, style: Style) -> list[Row]:
        raise NotImplementedError


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy word wrap; explicit newlines are kept."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        words = paragraph.split(" ")
        current = ""
        for word in words:
            candidate = word if not current else f"{current} {word}"
            if stringWidth(candidate, font, size) <= width or not current:
                current = candidate
            else:
                lines.append(current)
                current = word
        lines.append(current)
    return lines


@dataclass
class Heading(Block):
    text: str = ""
    size_delta: float = 0.5
    underline: bool = False
    align: str = "left"
    keep: float = 60

    def rows(self, style: Style) -> list[Row]:
        size = style.size + self.size_delta
        lead = size * 1.5
        x = style.margin
        if self.align == "center":
            x = style.margin + (style.width - stringWidth(self.text, style.bold, size)) / 2
        ops: list[Op] = [("t", x, -size - 6, style.bold, size, self.text)]
        if self.underline:
            w = stringWidth(self.text, style.bold, size)
            ops.append(("l", x, -size - 8, x + w, -size - 8, 0.6))
        return [Row(lead + 6, ops)]


@dataclass
class Para(Block):
    text: str = ""
    lead: str = ""  # bold run-in label ("FINAL DIAGNOSIS:")
    indent: float = 0
    italic: bool = False
    size: float | None = None
    keep: float = 30

    def rows(self, style: Style) -> list[Row]:
        size = self.size or style.size
        leading = size * 1.32
        font = style.italic if self.italic else style.regular
        width = style.width - self.indent
        x = style.margin + self.indent
        rows: list[Row] = []
        text = self.text
        lead_width = 0.0
        if self.lead:
            lead_width = stringWidth(self.lead + " ", style.bold, size)
            text = self.text
        first = True
        for line in self._lines(text, font, size, width, lead_width):
            ops: list[Op] = []
            if first and self.lead:
                ops.append(("t", x, -size, style.bold, size, self.lead))
                if line:
                    ops.append(("t", x + lead_width, -size, font, size, line))
            else:
                ops.append(("t", x, -size, font, size, line))
            first = False
            rows.append(Row(leading, ops))
        return rows

    @staticmethod
    def _lines(text: str, font: str, size: float, width: float, lead_width: float) -> list[str]:
        if not lead_width:
            return wrap(text, font, size, width)
        # the first line is shorter by the run-in label
        words = text.split(" ")
        first = ""
        while words:
            candidate = words[0] if not first else f"{first} {words[0]}"
            if stringWidth(candidate, font, size) <= width - lead_width:
                first = candidate
                words.pop(0)
            else:
                break
        rest = wrap(" ".join(words), font, size, width) if words else []
        return [first, *rest]


@dataclass
class Lines(Block):
    """Pre-formatted lines (no wrapping beyond the page width)."""

    lines: Sequence[str] = ()
    indent: float = 0
    bold: bool = False
    keep: float = 30

    def rows(self, style: Style) -> list[Row]:
        font = style.bold if self.bold else style.regular
        rows = []
        for line in self.lines:
            for piece in wrap(line, font, style.size, style.width - self.indent):
                rows.append(
                    Row(
                        style.leading,
                        [("t", style.margin + self.indent, -style.size, font, style.size, piece)],
                    )
                )
        return rows


@dataclass
class Fields(Block):
    """Key/value pairs: one per line ("Key: value") or in a grid of ``columns`` pairs."""

    pairs: Sequence[tuple[str, str]] = ()
    columns: int = 1
    sep: str = ":"
    indent: float = 0
    key_width: float | None = None  # align values in a column when given (points)
    keep: float = 40

    def rows(self, style: Style) -> list[Row]:
        size = style.size
        leading = style.leading
        col_width = (style.width - self.indent) / self.columns
        rows: list[Row] = []
        for start in range(0, len(self.pairs), self.columns):
            ops: list[Op] = []
            height = leading
            for col, (key, value) in enumerate(self.pairs[start : start + self.columns]):
                x = style.margin + self.indent + col * col_width
                label = f"{key}{self.sep}" if key else ""
                key_w = (
                    self.key_width
                    if self.key_width is not None
                    else stringWidth(label + " ", style.bold, size)
                )
                ops.append(("t", x, -size, style.bold, size, label))
                avail = col_width - key_w - 6
                lines = wrap(value, style.regular, size, max(avail, 60))
                for index, line in enumerate(lines):
                    ops.append(("t", x + key_w, -size - index * leading, style.regular, size, line))
                height = max(height, leading * len(lines))
            rows.append(Row(height, ops))
        return rows


@dataclass
class Table(Block):
    header: Sequence[str] = ()
    body: Sequence[Sequence[str]] = ()
    widths: Sequence[float] = ()  # fractions of the text width
    ruled: bool = True
    shade: bool = True
    size_delta: float = -0.5
    keep: float = 70

    def rows(self, style: Style) -> list[Row]:
        size = style.size + self.size_delta
        leading = size * 1.3
        pad = 3.5
        total = style.width
        ncols = len(self.header) or len(self.body[0])
        widths = list(self.widths) or [1 / ncols] * ncols
        widths = [w * total for w in widths]
        xs = [style.margin]
        for w in widths:
            xs.append(xs[-1] + w)

        def make(cells: Sequence[str], bold: bool) -> Row:
            font = style.bold if bold else style.regular
            wrapped = [wrap(str(c), font, size, widths[i] - 2 * pad) for i, c in enumerate(cells)]
            n = max(len(w) for w in wrapped)
            height = n * leading + 2 * pad
            ops: list[Op] = []
            if bold and self.shade and self.ruled:
                ops.append(("r", xs[0], -height, xs[-1] - xs[0], height, 0.88))
            for i, lines in enumerate(wrapped):
                for j, line in enumerate(lines):
                    ops.append(("t", xs[i] + pad, -pad - size - j * leading + 1, font, size, line))
            if self.ruled:
                ops.append(("l", xs[0], 0, xs[-1], 0, 0.6))
                ops.append(("l", xs[0], -height, xs[-1], -height, 0.6))
                for x in xs:
                    ops.append(("l", x, 0, x, -height, 0.6))
            elif bold:
                ops.append(("l", xs[0], -height, xs[-1], -height, 0.8))
            return Row(height, ops)

        rows: list[Row] = []
        head = [make(self.header, True)] if self.header else []
        rows.extend(head)
        for cells in self.body:
            row = make(cells, False)
            row.repeat = head
            rows.append(row)
        rows.append(Row(6, []))
        return rows


@dataclass
class Columns(Block):
    """Two text columns drawn row by row (left line, right line, next row...)."""

    left: Sequence[str] = ()  # paragraphs
    right: Sequence[str] = ()
    gap: float = 22
    keep: float = 80

    def rows(self, style: Style) -> list[Row]:
        col = (style.width - self.gap) / 2
        font = style.regular

        def lines(paragraphs: Sequence[str]) -> list[tuple[str, bool]]:
            out: list[tuple[str, bool]] = []
            for para in paragraphs:
                bold = para.startswith("**")
                text = para.strip("*")
                out.extend(
                    (line, bold)
                    for line in wrap(text, style.bold if bold else font, style.size, col)
                )
                out.append(("", False))
            return out

        rows = []
        for left, right in zip_longest(lines(self.left), lines(self.right), fillvalue=("", False)):
            ops: list[Op] = []
            if left[0]:
                ops.append(
                    (
                        "t",
                        style.margin,
                        -style.size,
                        style.bold if left[1] else font,
                        style.size,
                        left[0],
                    )
                )
            if right[0]:
                ops.append(
                    (
                        "t",
                        style.margin + col + self.gap,
                        -style.size,
                        style.bold if right[1] else font,
                        style.size,
                        right[0],
                    )
                )
            rows.append(Row(style.leading, ops))
        return rows


@dataclass
class Gap(Block):
    points: float = 8

    def rows(self, style: Style) -> list[Row]:
        return [Row(self.points, [])]


@dataclass
class Rule(Block):
    weight: float = 0.8

    def rows(self, style: Style) -> list[Row]:
        return [Row(8, [("l", style.margin, -4, style.margin + style.width, -4, self.weight)])]


@dataclass
class PageBreak(Block):
    def rows(self, style: Style) -> list[Row]:
        return []


@dataclass
class Page:
    ops: list[Op] = field(default_factory=list)


def _header_ops(style: Style, page: int, pages: int) -> tuple[list[Op], float]:
    """Header, banner and footer for one page; returns ops and the y where the body starts."""
    width, height = style.pagesize
    ops: list[Op] = []
    y = height - style.margin * 0.62
    if style.stamp:
        stamp = style.stamp.format(page=page, pages=pages)
        ops.append(("t", 22, height - 16, "Courier", 8.5, stamp))
    for text, weight, size, align in style.header:
        font = style.bold if weight == "bold" else style.regular
        x = style.margin
        if align == "center":
            x = (width - stringWidth(text, font, size)) / 2
        elif align == "right":
            x = width - style.margin - stringWidth(text, font, size)
        ops.append(("t", x, y - size, font, size, text))
        y -= size * 1.35
    if style.header and style.header_rule:
        y -= 3
        ops.append(("l", style.margin, y, width - style.margin, y, 1.0))
        y -= 6
    if style.banner:
        banner = style.banner.format(page=page, pages=pages)
        ops.append(
            ("t", style.margin, y - style.size + 0.5, style.regular, style.size - 0.5, banner)
        )
        y -= style.leading + 2
        ops.append(("l", style.margin, y, width - style.margin, y, 0.4))
        y -= 8
    footer_y = style.margin * 0.5
    if style.footer_left:
        ops.append(
            (
                "t",
                style.margin,
                footer_y,
                style.regular,
                8.5,
                style.footer_left.format(page=page, pages=pages),
            )
        )
    if style.footer_right:
        text = style.footer_right.format(page=page, pages=pages)
        ops.append(
            (
                "t",
                width - style.margin - stringWidth(text, style.regular, 8.5),
                footer_y,
                style.regular,
                8.5,
                text,
            )
        )
    return ops, y - 4


def paginate(blocks: Sequence[Block], style: Style) -> list[Page]:
    """Flow blocks onto pages. Header/footer need the page count, so lay out twice."""
    placed: list[list[tuple[float, Row]]] = [[]]
    _, top = _header_ops(style, 1, 1)
    bottom = style.margin * 0.5 + 20
    y = top
    for block in blocks:
        if isinstance(block, PageBreak):
            if placed[-1]:
                placed.append([])
                y = top
            continue
        rows = block.rows(style)
        if y - min(block.keep, top - bottom) < bottom and placed[-1]:
            placed.append([])
            y = top
        for row in rows:
            if y - row.height < bottom and placed[-1]:
                placed.append([])
                y = top
                for again in row.repeat or []:
                    placed[-1].append((y, again))
                    y -= again.height
            placed[-1].append((y, row))
            y -= row.height
    if not placed[-1] and len(placed) > 1:
        placed.pop()
    pages = []
    total = len(placed)
    for number, rows in enumerate(placed, start=1):
        ops, _ = _header_ops(style, number, total)
        for y0, row in rows:
            ops.extend(_shift(op, y0) for op in row.ops)
        pages.append(Page(ops))
    return pages


def _shift(op: Op, y0: float) -> Op:
    kind = op[0]
    if kind == "t":
        return ("t", op[1], y0 + op[2], op[3], op[4], op[5])
    if kind == "l":
        return ("l", op[1], y0 + op[2], op[3], y0 + op[4], op[5])
    if kind == "r":
        return ("r", op[1], y0 + op[2], op[3], op[4], op[5])
    raise ValueError(kind)


def draw(canvas, ops: Sequence[Op]) -> None:
    """Draw one page's operations on a reportlab canvas."""
    for op in ops:
        kind = op[0]
        if kind == "t":
            _, x, y, font, size, text = op
            canvas.setFont(font, size)
            canvas.drawString(x, y, text)
        elif kind == "l":
            _, x1, y1, x2, y2, width = op
            canvas.setLineWidth(width)
            canvas.line(x1, y1, x2, y2)
        elif kind == "r":
            _, x, y, w, h, grey = op
            canvas.setFillGray(grey)
            canvas.rect(x, y, w, h, stroke=0, fill=1)
            canvas.setFillGray(0)

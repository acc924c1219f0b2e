"""Small synthetic PDFs with ruled tables, for the Tables stage and the table reader.

Everything is drawn with reportlab's canvas (Helvetica, no font files): lines of text, then a
table whose rules are drawn one of three ways real PDFs do (separate strokes, thin filled
rectangles, or one path for the whole grid), then more lines. A cell may hold several lines
("c.2235_2249del\\n(p.Glu746_Ala750del)"). All names and results are invented.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.pagesizes import LETTER
from reportlab.pdfgen.canvas import Canvas

FONT = "Helvetica"
FONT_SIZE = 10
LEADING = 13
MARGIN = 72
PAD = 4
TEXT_WIDTH = LETTER[0] - 2 * MARGIN

Rows = Sequence[Sequence[str]]

BIOMARKER_TABLE: Rows = (
    ("Marker", "Result", "% cells", "Intensity"),
    ("ER (SP1)", "Positive", "95", "Strong"),
    ("PR (1E2)", "Positive", "40", "Moderate"),
    ("HER2 (4B5)", "Equivocal", "-", "2+"),
    ("Ki-67 (MIB-1)", "-", "18", "-"),
)

NGS_TABLE: Rows = (
    ("Gene", "Alteration", "VAF", "Classification"),
    ("EGFR", "c.2235_2249del\n(p.Glu746_Ala750del)", "27.5%", "Pathogenic"),
    ("TP53", "c.743G>A (p.Arg248Gln)", "31%", "Likely pathogenic"),
    ("KRAS", "Not detected", "-", "-"),
)


def table_pdf(
    directory: Path,
    pages: Sequence[tuple[Sequence[str], Rows | None, Sequence[str]]],
    *,
    widths: Sequence[float] | None = None,
    rules: str = "lines",
    name: str = "table.pdf",
    crop: float = 0,
    by_line: bool = False,
) -> Path:
    """A text PDF, one page per (lines before, table or None, lines after).

    ``rules`` is how the grid is drawn: "lines" (a stroke per rule), "rects" (each rule a thin
    filled rectangle) or "path" (the whole grid one path); "none" draws no rules at all.
    ``crop`` trims a CropBox that much inside the page on every side. ``by_line`` writes a row
    line by line across its cells (as some systems do) instead of cell by cell, so the page
    text runs a wrapped cell's second line after the first lines of the other cells.
    """
    path = Path(directory) / name
    canvas = Canvas(str(path), pagesize=LETTER)
    canvas.setTitle("Invented test document")
    width, height = LETTER
    for before, rows, after in pages:
        if crop:
            canvas.setCropBox((crop, crop, width - crop, height - crop))
        canvas.setFont(FONT, FONT_SIZE)
        y = height - MARGIN
        for line in before:
            canvas.drawString(MARGIN, y, line)
            y -= LEADING
        if rows:
            y = _draw_table(canvas, rows, y - 4, widths, rules, by_line)
        for line in after:
            canvas.drawString(MARGIN, y, line)
            y -= LEADING
        canvas.showPage()
    canvas.save()
    return path


def _draw_table(
    canvas: Canvas,
    rows: Rows,
    top: float,
    widths: Sequence[float] | None,
    rules: str,
    by_line: bool,
) -> float:
    """Draw the table with its top at ``top``; returns the y below it for the next line."""
    columns = len(rows[0])
    fractions = list(widths) if widths else [1 / columns] * columns
    xs = [MARGIN]
    for fraction in fractions:
        xs.append(xs[-1] + fraction * TEXT_WIDTH)
    ys = [top]
    for row in rows:
        lines = max(len(cell.split("\n")) for cell in row)
        y = ys[-1] - PAD - FONT_SIZE
        placed = [
            (index, column, line)
            for column, cell in enumerate(row)
            for index, line in enumerate(cell.split("\n"))
        ]
        if by_line:
            placed.sort()
        for index, column, line in placed:
            canvas.drawString(xs[column] + PAD, y - index * LEADING, line)
        ys.append(ys[-1] - lines * LEADING - 2 * PAD)
    horizontal = [(xs[0], y, xs[-1], y) for y in ys]
    vertical = [(x, ys[0], x, ys[-1]) for x in xs]
    _draw_rules(canvas, horizontal + vertical, rules)
    return ys[-1] - LEADING - 4


def _draw_rules(canvas: Canvas, rules: list[tuple[float, float, float, float]], how: str) -> None:
    canvas.setLineWidth(0.6)
    if how == "lines":
        for x0, y0, x1, y1 in rules:
            canvas.line(x0, y0, x1, y1)
    elif how == "rects":
        for x0, y0, x1, y1 in rules:
            left, bottom = min(x0, x1) - 0.3, min(y0, y1) - 0.3
            canvas.rect(left, bottom, abs(x1 - x0) + 0.6, abs(y1 - y0) + 0.6, stroke=0, fill=1)
    elif how == "path":
        grid = canvas.beginPath()
        for x0, y0, x1, y1 in rules:
            grid.moveTo(x0, y0)
            grid.lineTo(x1, y1)
        canvas.drawPath(grid, stroke=1, fill=0)
    elif how != "none":
        raise ValueError(f"unknown way to draw rules: {how!r}")


def letterhead_pdf(directory: Path, lines: Sequence[str], name: str = "letterhead.pdf") -> Path:
    """A text page with a rule under its heading and a box round the signature: no grid."""
    path = Path(directory) / name
    canvas = Canvas(str(path), pagesize=LETTER)
    width, height = LETTER
    canvas.setFont(FONT, FONT_SIZE)
    y = height - MARGIN
    for line in lines:
        canvas.drawString(MARGIN, y, line)
        y -= LEADING
    canvas.line(MARGIN, height - MARGIN - 4, width - MARGIN, height - MARGIN - 4)
    canvas.rect(MARGIN, y - 60, 200, 50)
    canvas.showPage()
    canvas.save()
    return path

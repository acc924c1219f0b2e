"""Ruled tables: each row read as one statement by the same biomarker finders as running text.

The page text runs a table row together ("ER Positive 95 Strong") and drops what its column
headers say: that 95 is "% cells", that an X ticks "Not detected". The pipeline's Tables stage
keeps the grid (``PageText.tables``, each cell with its spans in the page text). Here each body
row becomes a statement the finders already understand, built from the cells' own words and
their headers: ``Marker | Result | % cells`` and ``ER | Positive | 95`` read as
"ER: Positive, 95%". A table whose header row names the markers (``ER | PR | HER2``) is read
down its columns instead: "ER: Positive".

What a statement's finding says is mapped back to the cells it was read from: the evidence is
the row's name cell through the cells the finder read, as printed on the page (or each cell on
its own, when another cell lies between them), plus any header cell that gave a cell its
meaning. Only cells located on the page take part,
so evidence stays verbatim. Context still applies: the findings keep their place on the page,
so the context component judges them like any other (a table under FAMILY HISTORY is a
relative's). The running text's finding for the same marker in the same row is dropped when the
table's reading says at least as much, so a fact is not counted twice (see ``with_tables``).

Only biomarker finders read statements: a table's therapy or treatment columns are lists, not
what the patient received.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache

from workers.extraction import rule_files
from workers.extraction.facts import Field
from workers.extraction.finders import genes, her2, receptors
from workers.extraction.finders.base import Finding, PageView
from workers.pipeline.types import Cell, Table

BIOMARKER_FINDERS: list[Callable[[PageView], list[Finding]]] = [
    receptors.find_receptors,
    receptors.find_ki67,
    her2.find_her2,
    genes.find_pdl1,
    genes.find_msi,
    genes.find_tmb,
]
_BARE_NUMBER = re.compile(r"^(?:[<>]=?\s*)?\d{1,4}(?:\.\d+)?\s*%?$")

Position = tuple[int, int]  # (row, column) of a cell in its table
Span = tuple[int, int]


@dataclass(frozen=True)
class Vocabulary:
    """The header words of ``rules/tables.json``, compiled."""

    names: tuple[re.Pattern[str], ...]  # in order of preference
    ignored: re.Pattern[str]
    intensity: re.Pattern[str]
    intensity_words: frozenset[str]
    value: re.Pattern[str]
    measure: re.Pattern[str]
    percent: re.Pattern[str]
    marks: frozenset[str]
    empty: frozenset[str]

    def is_header_word(self, title: str) -> bool:
        return any(
            pattern.search(title)
            for pattern in (*self.names, self.ignored, self.value, self.measure, self.percent)
        )

    def ignores(self, title: str) -> bool:
        return bool(self.ignored.search(title)) and not self.value.search(title)

    def only_intensity(self, title: str, cell: str) -> bool:
        """A staining strength ("Strong", "weak to moderate") under an intensity header."""
        tokens = re.findall(r"[a-z]+|[-/]", cell.lower())
        return (
            bool(self.intensity.search(title))
            and bool(tokens)
            and all(token in self.intensity_words for token in tokens)
        )


@cache
def vocabulary() -> Vocabulary:
    data = rule_files.table("tables.json")
    return Vocabulary(
        names=tuple(
            re.compile(rf"^{re.escape(name)}(?![\w])", re.IGNORECASE)
            for name in data["name_headers"]
        ),
        ignored=_phrases(data["ignored_headers"]),
        intensity=_phrases(data["intensity_headers"]),
        intensity_words=frozenset(data["intensity_words"]),
        value=_phrases(data["value_words"]),
        measure=_phrases(data["measure_words"]),
        percent=_phrases(data["percent_words"]),
        marks=frozenset(data["marks"]),
        empty=frozenset(data["empty_cells"]),
    )


def _phrases(phrases: Sequence[str]) -> re.Pattern[str]:
    """Any of the phrases, not inside a longer word ("%" stands alone as a word too)."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    body = "|".join(re.escape(phrase).replace(r"\ ", r"\s+") for phrase in ordered)
    return re.compile(rf"(?<![\w])(?:{body})(?![\w])", re.IGNORECASE)


# --------------------------------------------------------------------------- statements


@dataclass
class Statement:
    """A row (or one cell under a marker header) written out as a sentence for the finders.

    ``pieces`` are the stretches copied from the page: (statement start, page start, length).
    ``owners`` say which cell each stretch of the statement stands for, copied or not: a "%" or
    a measure word a header implies, or a ticked column's header, belong to the ticked cell.
    """

    concept: frozenset[Position]  # a finding must be anchored in one of these cells
    claimed: tuple[Position, ...]  # the cells the running text would read this from
    lead: Position | None = None  # the row's name cell, or the column's header cell
    fillers: list[Position] = field(default_factory=list)  # row cells that say nothing ("-")
    values: int = 0  # value cells written into the statement
    text: str = ""
    pieces: list[tuple[int, int, int]] = field(default_factory=list)
    owners: list[tuple[int, int, Position]] = field(default_factory=list)
    qualified_by: dict[Position, Position] = field(default_factory=dict)  # cell -> header

    def add(self, words: str, owner: Position | None = None) -> None:
        if owner is not None and words:
            self.owners.append((len(self.text), len(self.text) + len(words), owner))
        self.text += words

    def copy(self, page: PageView, cell: Cell, position: Position) -> None:
        """Append the cell's words as they are on the page (its pieces joined by a space)."""
        for index, (start, end) in enumerate(cell.spans):
            if index:
                self.add(" ", position)
            self.pieces.append((len(self.text), start, end - start))
            self.add(page.text[start:end].replace("\n", " "), position)

    def page_offset(self, offset: int) -> int | None:
        """The page offset of a copied character; None for words the statement added."""
        for at, page_start, length in self.pieces:
            if at <= offset < at + length:
                return page_start + offset - at
        return None

    def owner(self, offset: int) -> Position | None:
        return next((cell for start, end, cell in self.owners if start <= offset < end), None)

    def cells_between(self, start: int, end: int) -> list[Position]:
        return list(dict.fromkeys(cell for s, e, cell in self.owners if s < end and e > start))

    def claim(self, table: Table) -> list[Span]:
        """The page text of the cells this statement answers for."""
        return sorted(
            span for row, column in self.claimed for span in table.rows[row][column].spans
        )


def with_tables(
    found: list[Finding], page: PageView, tables: Sequence[Table], origin: str | None = None
) -> list[Finding]:
    """The page's findings with its tables read, each fact counted once.

    The running text's finding for a marker in a table row goes when the table's reading of
    that row says at least as much about it (the table's values win where the two differ), or
    when the row says nothing at all ("ER | - | -" is not "ER negative"). A text finding that
    read more (an ISH result running on over the next rows) stays beside the table's:
    consolidation merges the results of one document.
    """
    if not tables:
        return found
    from_tables, silent = table_findings(page, tables, origin)
    kept = [finding for finding in found if not _superseded(finding, from_tables, silent)]
    return kept + from_tables


def table_findings(
    page: PageView, tables: Sequence[Table], origin: str | None = None
) -> tuple[list[Finding], list[Span]]:
    """The biomarker findings of the page's tables, each placed on the cells it was read from,
    and the page text of rows that say nothing but a marker's name and empty cells."""
    findings: list[Finding] = []
    silent: list[Span] = []
    for table in tables:
        for statement in _statements(page, table):
            found = _read(page, table, statement, origin)
            findings.extend(found)
            if not found and statement.fillers and not statement.values:
                silent.extend(statement.claim(table))
    return findings, silent


def _superseded(finding: Finding, from_tables: Sequence[Finding], silent: Sequence[Span]) -> bool:
    if finding.field is not Field.BIOMARKER:
        return False
    if any(start <= finding.anchor < end for start, end in silent):
        return True
    return any(
        other.name == finding.name
        and any(start <= finding.anchor < end for start, end in other.extra["table_claim"])
        and all(
            other.value.get(key) not in (None, False)
            for key, value in finding.value.items()
            if value not in (None, False)
        )
        for other in from_tables
    )


def _statements(page: PageView, table: Table) -> list[Statement]:
    """Columns whose header names a marker are read down; the rest of the table across."""
    header, body = _split(table)
    if header is None:
        return []
    header_index, header_row = header
    by_column = _column_statements(page, header_index, header_row, body)
    markers = {s.lead[1] for s in by_column if s.lead and _names_a_marker(page, s)}
    statements = [s for s in by_column if s.lead and s.lead[1] in markers]
    if _is_header(header_row):
        if _name_column(header_row) not in markers:
            statements += [_row_statement(page, header, index, row, markers) for index, row in body]
    elif not markers:
        statements += [
            _row_statement(page, None, index, row, markers) for index, row in [header, *body]
        ]
    return statements


def _split(
    table: Table,
) -> tuple[tuple[int, tuple[Cell, ...]] | None, list[tuple[int, tuple[Cell, ...]]]]:
    """The first row (a header, or the first row of a table without one) and the rows below.

    Empty rows go, as do title rows above it (one cell across the table names what follows)
    and the header repeated lower down (after a page or column break).
    """
    rows = [(index, row) for index, row in enumerate(table.rows) if any(_words(c) for c in row)]
    while rows and len(rows[0][1]) > 1 and sum(1 for c in rows[0][1] if _words(c)) == 1:
        rows = rows[1:]
    if not rows:
        return None, []
    first = rows[0]
    titles = [_words(cell) for cell in first[1]]
    return first, [(i, row) for i, row in rows[1:] if [_words(c) for c in row] != titles]


def _row_statement(
    page: PageView,
    header: tuple[int, tuple[Cell, ...]] | None,
    index: int,
    row: tuple[Cell, ...],
    read_down: set[int],
) -> Statement:
    """A row as "cell, name: value, value", its cells in the order they are printed (but for
    the ``read_down`` columns, whose header names their marker).

    The order matters: a relative named left of the gene ("Mother | BRCA2 | Pathogenic") stays
    outside the words the finder reads, so the context component still sees it.
    """
    words = vocabulary()
    name_column = _name_column(header[1]) if header is not None else 0
    positions = tuple((index, column) for column in range(len(row)))
    name = row[name_column] if name_column < len(row) else Cell("")
    statement = Statement(concept=frozenset(positions), claimed=positions)
    if not name.spans:
        return statement  # not located on the page: nothing to point at, nothing to read
    statement.lead = (index, name_column)
    separator = ""
    for column, cell in enumerate(row):
        if column in read_down:
            continue
        if column == name_column:
            statement.add(separator)
            statement.copy(page, cell, (index, column))
            separator = ": "
            continue
        if not cell.spans:
            continue
        title_cell = header[1][column] if header is not None and column < len(header[1]) else None
        title = _words(title_cell) if title_cell is not None else ""
        if _is_empty(cell) or (title and words.only_intensity(title, _words(cell))):
            statement.fillers.append((index, column))
            continue
        if title and words.ignores(title):
            continue  # not in the statement, nor in its evidence: a row cell apart
        statement.add(separator)
        separator = ", "  # not ";", which ends a clause for the finders
        statement.values += 1
        if _add_value(page, statement, cell, (index, column), title) and header is not None:
            statement.qualified_by[(index, column)] = (header[0], column)
    return statement


def _add_value(
    page: PageView, statement: Statement, cell: Cell, position: Position, title: str
) -> bool:
    """Append a value cell, qualified by its header when the cell alone does not say what it
    is; True when the header was needed."""
    words = vocabulary()
    raw = _words(cell)
    if title and raw.lower() in words.marks:
        statement.add(title, position)  # an X under "Not detected" says "not detected"
        return True
    if title and _BARE_NUMBER.match(raw):
        measure = words.measure.search(title)
        percent = "%" not in raw and words.percent.search(title)
        if measure:
            statement.add(measure.group(0) + " ", position)
        statement.copy(page, cell, position)
        if percent:
            statement.add("%", position)
        return bool(measure or percent)
    statement.copy(page, cell, position)
    return False


def _column_statements(
    page: PageView,
    header_index: int,
    header: tuple[Cell, ...],
    body: Sequence[tuple[int, tuple[Cell, ...]]],
) -> list[Statement]:
    """Each cell under each header as "header: cell", for header rows that name markers."""
    words = vocabulary()
    found = []
    for column, title_cell in enumerate(header):
        title = _words(title_cell)
        if not title_cell.spans or words.ignores(title):
            continue
        for index, row in body:
            cell = row[column] if column < len(row) else Cell("")
            if not cell.spans or _is_empty(cell):
                continue
            statement = Statement(
                concept=frozenset({(header_index, column)}),
                claimed=((header_index, column), (index, column)),
                lead=(header_index, column),
            )
            statement.copy(page, title_cell, (header_index, column))
            statement.add(": ")
            statement.copy(page, cell, (index, column))
            found.append(statement)
    return found


# --------------------------------------------------------------------------- findings


def _read(page: PageView, table: Table, statement: Statement, origin: str | None) -> list[Finding]:
    """Run the biomarker finders over a statement; keep what they read about its concept."""
    placed = []
    for finding in _run(page, statement, origin):
        if statement.owner(finding.anchor) not in statement.concept:
            continue  # a marker named in another column belongs to that column's reading
        on_page = _place(page.text, table, statement, finding)
        if on_page is not None:
            placed.append(on_page)
    return placed


def _run(page: PageView, statement: Statement, origin: str | None = None) -> list[Finding]:
    """The biomarker finders over one statement, in the section its table is in."""
    if not statement.pieces:
        return []
    section = page.section(statement.pieces[0][1])
    view = PageView(
        text=statement.text,
        sentence_starts=[0],
        sections=[(0, len(statement.text), section)] if section else [],
        site_hint=page.site_hint,
    )
    read = [finding for finder in BIOMARKER_FINDERS for finding in finder(view)]
    read.extend(genes.find_genes(view, origin))
    return read


def _place(text: str, table: Table, statement: Statement, finding: Finding) -> Finding | None:
    """The finding moved onto the page: its evidence the name cell and the cells the finder
    read, as one stretch of the page when they are printed as one, plus the headers that
    qualified a cell. The row's other cells stay outside it, as context."""
    anchor = statement.page_offset(finding.anchor)
    if anchor is None:
        return None
    used = statement.cells_between(finding.start, finding.end)
    cells = list(dict.fromkeys([statement.lead, statement.owner(finding.anchor), *used]))
    spans = sorted(span for row, column in cells for span in table.rows[row][column].spans)
    headers = dict.fromkeys(statement.qualified_by[c] for c in cells if c in statement.qualified_by)
    header_spans = sorted(span for row, column in headers for span in table.rows[row][column].spans)
    stretch = sorted(
        span
        for row, column in [*cells, *statement.fillers]
        for span in table.rows[row][column].spans
    )
    start, end = spans[0][0], spans[-1][1]
    if _one_stretch(text, start, end, stretch):
        extra = header_spans
    else:  # the cells are apart on the page: each is evidence on its own
        start, end = spans[0]
        extra = [*spans[1:], *header_spans]
    return Finding(
        finding.kind,
        finding.field,
        finding.name,
        dict(finding.value),
        start,
        end,
        anchor=anchor,
        date=finding.date,
        extra={
            "evidence_spans": [span for span in dict.fromkeys(extra) if span != (start, end)],
            "table_claim": statement.claim(table),
        },
    )


def _one_stretch(text: str, start: int, end: int, spans: Sequence[Span]) -> bool:
    """True when text[start:end] holds only these cells' words, and spaces between them."""
    position = start
    for span_start, span_end in spans:
        if span_end <= position or span_start >= end:
            continue
        if text[position:span_start].strip():
            return False
        position = max(position, span_end)
    return not text[position:end].strip()


# --------------------------------------------------------------------------- headers


def _is_header(row: Sequence[Cell]) -> bool:
    """A first row of column names: at least one of them is a known header word."""
    words = vocabulary()
    return any(words.is_header_word(_words(cell)) for cell in row if _words(cell))


def _name_column(header: Sequence[Cell]) -> int:
    """The column naming each row's marker: the most telling name header, else the first."""
    best: tuple[int, int] | None = None
    for column, cell in enumerate(header):
        title = _words(cell)
        for rank, pattern in enumerate(vocabulary().names):
            if pattern.search(title):
                if best is None or rank < best[0]:
                    best = (rank, column)
                break
    return best[1] if best is not None else 0


def _words(cell: Cell) -> str:
    return re.sub(r"\s+", " ", cell.text).strip(" :*")


def _is_empty(cell: Cell) -> bool:
    return _words(cell).lower() in vocabulary().empty


def _names_a_marker(page: PageView, statement: Statement) -> bool:
    """True when a column statement's header names a marker the finders read a result for."""
    return any(statement.owner(f.anchor) in statement.concept for f in _run(page, statement))

"""The sectionizer: which part of a report each word is in (FINAL DIAGNOSIS, FAMILY HISTORY...).

A header is a known phrase (``rules/sections.json``) at the start of a line followed by a colon,
the end of the line or a run of spaces, or, written in capitals, anywhere followed by a colon:
OCR'd reports often run their lines together. A section runs from its header to the next header
or, sooner, to where ``section_end`` says it is over; text before the first header is in none.
"""

from __future__ import annotations

import re
from functools import cache

from workers.extraction import rule_files


@cache
def _header_patterns() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    names = dict(rule_files.sections())
    alternatives = "|".join(re.escape(header) for header, _ in rule_files.sections())
    at_line_start = re.compile(
        rf"(?im)^[ \t]*(?:\d+[.)]\s*)?(?P<header>{alternatives})[ \t]*(?::|$|[ \t]{{2,}})"
    )
    in_capitals = re.compile(rf"(?<![A-Za-z])(?P<header>{alternatives.upper()})\s?:")
    return at_line_start, in_capitals, names


def find_headers(text: str) -> list[tuple[int, int, str]]:
    """(start, end, canonical section) of every header, in order (end = end of its header)."""
    at_line_start, in_capitals, names = _header_patterns()
    found: dict[int, tuple[int, int, str]] = {}
    for pattern in (at_line_start, in_capitals):
        for match in pattern.finditer(text):
            start, end = match.span("header")
            found.setdefault(start, (start, end, names[match.group("header").lower()]))
    return [found[start] for start in sorted(found)]


def section_end(text: str, header_end: int) -> int:
    """Where a section ends at the latest, short of the next header.

    "FAMILY HISTORY: Mother had breast cancer." on one line is over at the end of that line
    (unless the next lines are indented or bulleted); a header on a line of its own runs to
    the next blank line.
    """
    line_end = text.find("\n", header_end)
    if line_end == -1:
        return len(text)
    if text[header_end:line_end].strip(" :\t"):
        position = line_end
        while True:
            following = text.find("\n", position + 1)
            line = text[position + 1 : following if following != -1 else len(text)]
            if not re.match(r"[ \t]+\S|[ \t]*[-*\u2022]\s", line):
                return position
            if following == -1:
                return len(text)
            position = following
    blank = re.compile(r"\n[ \t]*\n").search(text, line_end + 1)
    return blank.start() if blank else len(text)


def sections(text: str) -> list[tuple[int, int, str]]:
    """(start, end, canonical section) of every section of ``text``, from its header on."""
    headers = find_headers(text)
    found = []
    for index, (start, end, name) in enumerate(headers):
        stop = headers[index + 1][0] if index + 1 < len(headers) else len(text)
        found.append((start, min(stop, section_end(text, end)), name))
    return found

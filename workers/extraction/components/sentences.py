"""Sentence boundaries for clinical text: punctuation, and line breaks that end a thought.

Records wrap lines in mid-sentence ("was started on\\nletrozole") and also list one fact per
line with no full stop ("ER: positive"). A line break ends a sentence when the line before it
ends with punctuation, looks like a table row, or the next line starts like a new item (a
bullet, a number, a "Label:", an upper-case header) or with a capital after a line that does not
end in mid-phrase ("treated with\nHerceptin" stays one sentence). A sentence starts at its first
word, never on the spaces or line breaks before it.
"""

from __future__ import annotations

import re

_CONTINUES = re.compile(
    r"(?:,|\b(?:and|or|of|the|with|on|to|for|in|a|an|by|was|were|is|are|at|from|her|his|"
    r"received|receive|started|start|underwent|undergo|completed|including|plus|then|as|after|"
    r"before|per|than|showed|shows|revealed|demonstrated|s/p|status post))$",
    re.IGNORECASE,
)
# a date broken across lines: "from 8" / "May 2023 to ..." is one sentence
_DAY_AT_END = re.compile(r"\b\d{1,2}$")
_MONTH_AT_START = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d", re.IGNORECASE
)
_NEW_ITEM = re.compile(
    r"^\s*(?:[-*•·]\s|\d+[.)]\s|[A-Z]\.\s|[A-Z][A-Za-z0-9 /&()-]{0,40}:|[A-Z][A-Z0-9 ,/&()-]{3,}$)"
)
_FULL_STOP = re.compile(r"(?<!\b[A-Z])(?<!\b(?:Dr|vs|Mr|Ms|St|No|eg|ie))[.!?]\s+(?=[A-Z0-9(\"'-])")
_WORD = re.compile(r"\S")


def sentence_starts(text: str) -> list[int]:
    """Sorted character offsets where sentences start: 0, and each sentence's first word."""
    breaks = {0}
    offset = 0
    lines = text.split("\n")
    last = ""  # the last line with words
    for index, line in enumerate(lines[:-1]):
        offset += len(line) + 1
        stripped = line.strip()
        last = stripped or last
        following = lines[index + 1].lstrip()
        if not stripped and _CONTINUES.search(last):
            continue  # a blank line a scan left inside a sentence ("PR positive,\n\nHER2 0.")
        if (
            not stripped
            or stripped[-1] in ".:;!?"
            or _NEW_ITEM.match(lines[index + 1])
            or "   " in stripped  # a table row: columns separated by runs of spaces
            or (
                (following[:1].isupper() or following[:1].isdigit())
                and not _CONTINUES.search(stripped)
                and not (_DAY_AT_END.search(stripped) and _MONTH_AT_START.match(following))
            )
        ):
            breaks.add(offset)
    breaks.update(match.end() for match in _FULL_STOP.finditer(text))
    words = {0}  # the text's start, even when it is a space, is a sentence start
    for at in breaks:
        word = _WORD.search(text, at)
        if word:
            words.add(word.start())
    return sorted(words)

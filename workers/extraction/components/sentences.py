"""Sentence boundaries for clinical text: punctuation, and line breaks that end a thought.

Records wrap lines in mid-sentence ("was started on\\nletrozole") and also list one fact per
line with no full stop ("ER: positive"). A line break ends a sentence when the line before it
ends with punctuation, looks like a table row, or the next line starts like a new item (a
bullet, a number, a "Label:", an upper-case header) or with a capital after a line that does not
end in mid-phrase ("treated with\nHerceptin" stays one sentence).
"""

from __future__ import annotations

import bisect
import re

from spacy.language import Language
from spacy.tokens import Doc

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


def sentence_starts(text: str) -> list[int]:
    """Sorted character offsets where sentences start."""
    starts = {0}
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
            starts.add(offset)
    starts.update(match.end() for match in _FULL_STOP.finditer(text))
    return sorted(starts)


@Language.factory("navis_sentences")
def make_sentences(nlp: Language, name: str) -> NavisSentences:
    return NavisSentences()


class NavisSentences:
    """Sets ``Token.is_sent_start`` from punctuation and meaningful line breaks."""

    def __call__(self, doc: Doc) -> Doc:
        starts = sentence_starts(doc.text)
        for token in doc:
            token.is_sent_start = False
        position = 0
        for token in doc:
            if token.is_space:
                continue
            # a token starts a sentence when a boundary lies between the previous word and it
            index = bisect.bisect_right(starts, token.idx) - 1
            if index >= position:
                token.is_sent_start = True
                position = index + 1
        if len(doc):
            doc[0].is_sent_start = True
        return doc

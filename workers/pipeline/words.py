"""Where a page's words stand in its text: shared by table reading and evidence highlighting."""

from __future__ import annotations

import re
from collections.abc import Sequence

from workers.pipeline.types import Word

MIN_ALIGNED_WORDS = 0.98  # share of words found in order in the page text to trust offsets
LOOKAHEAD = 3  # tokens a word may be ahead of the last one found (a stray token in between)


def word_offsets(text: str, words: Sequence[Word]) -> list[tuple[int, int] | None]:
    """For each word, its (start, end) in the page text, or None if not found.

    The words of a text layer are the whitespace-separated tokens of its text, in order; a
    page whose text was rewritten (two columns put in reading order) no longer matches, and
    then no word is trusted.
    """
    tokens = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", text)]
    offsets: list[tuple[int, int] | None] = []
    position = 0
    for word in words:
        found = None
        for index in range(position, min(position + LOOKAHEAD, len(tokens))):
            if tokens[index][2] == word.text:
                found = index
                break
        if found is None:
            offsets.append(None)
            continue
        offsets.append(tokens[found][:2])
        position = found + 1
    aligned = sum(1 for offset in offsets if offset is not None)
    if not words or aligned < MIN_ALIGNED_WORDS * max(len(words), len(tokens)):
        return [None] * len(words)
    return offsets

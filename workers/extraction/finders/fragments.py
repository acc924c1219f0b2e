"""Reading past the full stops OCR writes where a scanned form or table breaks a line.

OCR text of a synoptic form or a results table ends every cell with a full stop: "ER Status.
Positive NOS.", "HER2/NEU: positive. 2+.", "Estrogen Receptor. 6F11(. Positive. 95 %." The
sentence splitter rightly ends a sentence there, so a finder that reads a result within the
sentence of its name finds nothing. ``reach`` lets the words after a name run on across such
stops while what lies between is only a short fragment (a cell, not a sentence of prose).
"""

from __future__ import annotations

from workers.extraction.finders.base import PageView

# Longer than "Status." or a clone name ("PgR1294("), shorter than a sentence of prose
# ("stain was performed on block A2."): the words after a name that still leave its result to
# come.
FRAGMENT = 24


def reach(page: PageView, start: int, limit: int, fragment: int = FRAGMENT) -> int:
    """Where the words after ``start`` end: the sentence, run on past the next full stops
    while the words from ``start`` are still a fragment of at most ``fragment`` characters;
    never past ``limit``."""
    end = page.sentence_bounds(start)[1]
    while end < limit and len(page.text[start:end].strip(" .:;,-()")) <= fragment:
        following = page.sentence_bounds(end)[1]
        if following <= end:
            break
        end = following
    return min(end, limit)

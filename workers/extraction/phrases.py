"""Reading a short phrase (a trial criterion, a title) with the finders that read records.

A record's finders know the clinical words: HER2 scores and ISH results, gene names, primary
sites. Text outside a record, such as "HER2 3+ by IHC or ISH amplified" in a trial's criteria,
is read with the same finders so a wording is taught once. The phrase has no sections and no
document site; its sentences are split as a record's are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from workers.extraction.components.sentences import sentence_starts
from workers.extraction.finders.base import Finding, PageView, fold

Finder = Callable[[PageView], list[Finding]]


def phrase_view(text: str) -> PageView:
    """A page view of ``text`` alone: folded (same offsets), split into sentences, no sections."""
    folded = fold(text)
    return PageView(folded, sentence_starts(folded), [])


def read_phrase(text: str, finders: Iterable[Finder]) -> list[Finding]:
    """Every finding of ``finders`` in ``text``, in the order of the text."""
    page = phrase_view(text)
    found = [finding for finder in finders for finding in finder(page)]
    return sorted(found, key=lambda finding: (finding.start, finding.end))

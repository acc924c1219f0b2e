"""What finders share: the page they read and the finding they return."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from workers.extraction.facts import Field

# One character in, one character out, so offsets into the folded text are offsets into the page.
_FOLD = str.maketrans(
    {
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u2264": "<",
        "\u2265": ">",
        "\u2019": "'",
        "\u2018": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00b7": ".",
        "\u2022": "-",
    }
)


def fold(text: str) -> str:
    """The same text with dashes, spaces and quotes made plain, length unchanged."""
    return text.translate(_FOLD)


@dataclass
class Finding:
    """One value read from the page, before context decides whether it is the patient's."""

    kind: str  # context kind: biomarker, histology, grade, site, laterality, stage, metastasis, treatment, date
    field: Field
    name: str
    value: dict[str, Any]
    start: int  # evidence span in the page text
    end: int
    anchor: int = -1  # where the concept word is, for context scope; defaults to start
    date: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.anchor < 0:
            self.anchor = self.start


@dataclass
class PageView:
    """A page's text with its sentence and section boundaries, for the finders."""

    text: str  # folded page text (same offsets as the page)
    sentence_starts: list[int]
    sections: list[tuple[int, int, str]]  # (start, end, name)
    site_hint: str | None = None  # the document's primary site, when known

    def sentence_bounds(self, offset: int) -> tuple[int, int]:
        """(start, end) of the sentence holding ``offset``."""
        index = bisect.bisect_right(self.sentence_starts, offset) - 1
        start = self.sentence_starts[max(index, 0)]
        end = (
            self.sentence_starts[index + 1]
            if index + 1 < len(self.sentence_starts)
            else len(self.text)
        )
        return start, end

    def sentence(self, offset: int) -> str:
        start, end = self.sentence_bounds(offset)
        return self.text[start:end]

    def section(self, offset: int) -> str | None:
        for start, end, name in self.sections:
            if start <= offset < end:
                return name
        return None


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span so it neither starts nor ends with spaces or stray punctuation."""
    while start < end and text[start] in " \t\n,;:":
        start += 1
    while end > start and text[end - 1] in " \t\n,;:(":
        end -= 1
    # close a bracket the span opened: "(95%" -> "(95%)"
    if text.count("(", start, end) > text.count(")", start, end) and text[end : end + 1] == ")":
        end += 1
    return start, end


def number(text: str) -> float | int:
    value = float(text)
    return int(value) if value.is_integer() else value


def compile_words(words: list[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """One alternation of literal phrases, longest first, on word boundaries."""
    alternatives = "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w])", flags)

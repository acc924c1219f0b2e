"""ER, PR and AR (status and percent of stained cells) and Ki-67 (percent)."""

from __future__ import annotations

import re

from workers.extraction.facts import Field
from workers.extraction.finders.base import Finding, PageView, number, trim
from workers.extraction.normalize import receptor_status

# The receptor names; lower-case "er"/"pr" only in the tight forms OCR'd notes use (er/pr+).
_NAMES = {
    "ER": r"(?:(?i:o?estrogen[\s-]+receptors?(?:[\s-]+alpha)?)(?:\s*\(\s*ER\s*\))?|(?i:o?estrogen(?=\s+(?:and|&|/)\s+progesterone))|(?<![\w/-])ER(?:-?alpha)?(?![\w])|(?<![\w/-])er(?=\s*[/+:(]|\s*-\s*(?:pos|neg)))",
    "PR": r"(?:(?i:progesterone[\s-]+receptors?)(?:\s*\(\s*(?:PR|PgR)\s*\))?|(?<![\w-])(?:PR|PgR)(?![\w])|(?<=/)pr(?![\w]))",
    "AR": r"(?:(?i:androgen[\s-]+receptors?)(?:\s*\(\s*AR\s*\))?|(?<![\w/-])AR(?=\s*[:(+-]|\s+(?:positive|negative|by|ihc)))",
}
_NAME_RE = re.compile("|".join(f"(?P<{key}>{pattern})" for key, pattern in _NAMES.items()))
_JOINED = re.compile(r"^\s*(?:/|,|&|and|\+\s*/)\s*(?:the\s+)?$|^\s*(?:and|&)\s*$", re.IGNORECASE)
_SIGN = re.compile(r"^\s*(?:\(\s*)?(?P<sign>\+|-)(?!\d)(?:\s*\))?")
_WORD = re.compile(
    r"\b(?P<word>low[\s-]+positive|weakly\s+positive|weak\s+positive|low|positive|pos|negative|neg|reactive|non-?reactive|not\s+expressed|expressed)\b",
    re.IGNORECASE,
)
_PERCENT = re.compile(
    r"(?P<lt>[<>]\s*=?\s*)?(?P<low>\d{1,3}(?:\.\d+)?)\s*(?:%|percent)?\s*(?:-|to)\s*(?P<high>\d{1,3}(?:\.\d+)?)\s*(?:%|percent)"
    r"|(?P<cmp>[<>]\s*=?\s*|less than\s+|greater than\s+|over\s+)?(?P<one>\d{1,3}(?:\.\d+)?)\s*(?:%|percent)",
    re.IGNORECASE,
)
_ALLRED = re.compile(
    r"allred(?:\s+score)?\s*(?:of|:|=|is)?\s*(?P<score>[0-8])(?:\s*/\s*8|\s+(?:of|out of)\s+8)?",
    re.IGNORECASE,
)
_PENDING = re.compile(
    r"\b(?:pending|to follow|will be reported|ordered|not performed|requested)\b", re.IGNORECASE
)
_STOP = re.compile(
    r"(?:HER[\s-]?2|c-?erb|Ki[\s-]?67|MIB|PD-?L1|o?estrogen|progesterone|androgen|(?<![\w/-])(?:ER|PR|PgR|AR)(?![\w]))",
    re.IGNORECASE,
)
_WINDOW = 90
_WORDS = {
    "pos": "positive",
    "reactive": "positive",
    "expressed": "positive",
    "neg": "negative",
    "nonreactive": "negative",
    "non-reactive": "negative",
    "not expressed": "negative",
}


def find_receptors(page: PageView) -> list[Finding]:
    """ER, PR and AR results; names joined by "/" or "and" share the value that follows."""
    text = page.text
    findings: list[Finding] = []
    matches = list(_NAME_RE.finditer(text))
    group: list[re.Match[str]] = []
    for index, match in enumerate(matches):
        group.append(match)
        following = matches[index + 1] if index + 1 < len(matches) else None
        own = _SIGN.match(text[match.end() : match.end() + 4])
        if (
            following is not None
            and not own
            and _JOINED.match(text[match.end() : following.start()])
        ):
            continue  # "ER/PR", "ER and PR": the value comes after the last name
        findings.extend(_read_group(page, group))
        group = []
    return findings


def _read_group(page: PageView, group: list[re.Match[str]]) -> list[Finding]:
    text = page.text
    last = group[-1]
    _, sentence_end = page.sentence_bounds(last.start())
    limit = min(sentence_end, last.end() + _WINDOW)
    stop = _STOP.search(text, last.end(), limit)
    if stop:
        limit = stop.start()
    window = text[last.end() : limit]
    findings = []
    shared = _read_value(window)
    for match in group:
        name = match.lastgroup
        own_sign = _SIGN.match(text[match.end() : match.end() + 4])
        if own_sign and match is not last:
            value, used = (
                {
                    "status": "positive" if own_sign.group("sign") == "+" else "negative",
                    "percent": None,
                },
                own_sign.end(),
            )
            start, end = match.start(), match.end() + used
        elif shared is None:
            continue
        else:
            value, used = shared
            start, end = match.start(), last.end() + used
        start, end = trim(text, start, end)
        findings.append(
            Finding("biomarker", Field.BIOMARKER, name, value, start, end, anchor=match.start())
        )
    return findings


def _read_value(window: str) -> tuple[dict, int] | None:
    """The status and percent in the words after a receptor name, and how far they reach."""
    if _PENDING.match(window.strip(" :")) or _PENDING.search(window[:25]):
        return None
    sign = _SIGN.match(window)
    word_match = _WORD.search(window)
    percent_match = _PERCENT.search(window)
    allred_match = _ALLRED.search(window)
    ends = [0]
    word = None
    if sign:
        word = "positive" if sign.group("sign") == "+" else "negative"
        ends.append(sign.end())
    elif word_match:
        raw = re.sub(r"\s+", " ", word_match.group("word").lower())
        word = "low" if "low" in raw or "weak" in raw else _WORDS.get(raw, raw)
        ends.append(word_match.end())
    percent = None
    if percent_match:
        percent, less_than = _percent(percent_match)
        if less_than and percent is not None and percent <= 1:
            percent = None
            word = "negative"
        ends.append(percent_match.end())
    allred = None
    if allred_match:
        allred = int(allred_match.group("score"))
        ends.append(allred_match.end())
    status = receptor_status(word, percent, allred)
    if status is None:
        return None
    return {"status": status, "percent": percent}, max(ends)


def _percent(match: re.Match[str]) -> tuple[float | int | None, bool]:
    """The reported percentage (a range gives its upper bound) and whether it was "<"."""
    if match.group("high"):
        value = number(match.group("high"))
        return (value if value <= 100 else None), bool(match.group("lt"))
    value = number(match.group("one"))
    compare = (match.group("cmp") or "").strip().lower()
    if value > 100:
        return None, False
    return value, compare.startswith("<") or compare.startswith("less")


_KI67 = re.compile(r"(?:Ki[\s-]?67|MIB[\s-]?1)(?:\s*\(\s*MIB-?1\s*\))?", re.IGNORECASE)


def find_ki67(page: PageView) -> list[Finding]:
    """Ki-67 proliferation index as a percent (a range gives its upper bound)."""
    findings = []
    for match in _KI67.finditer(page.text):
        _, sentence_end = page.sentence_bounds(match.start())
        limit = min(sentence_end, match.end() + 70)
        stop = _STOP.search(page.text, match.end(), limit)
        if stop and stop.start() != match.start():
            limit = min(limit, stop.start())
        window = page.text[match.end() : limit]
        percent_match = _PERCENT.search(window)
        if not percent_match or _PENDING.search(window[: percent_match.start()]):
            continue
        percent, _ = _percent(percent_match)
        if percent is None:
            continue
        start, end = trim(page.text, match.start(), match.end() + percent_match.end())
        findings.append(
            Finding("biomarker", Field.BIOMARKER, "Ki-67", {"percent": percent}, start, end)
        )
    return findings

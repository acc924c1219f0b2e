"""ER, PR and AR (status and percent of stained cells) and Ki-67 (percent)."""

from __future__ import annotations

import re

from vocabulary.biomarkers import receptor_status
from workers.extraction.facts import Field
from workers.extraction.finders.base import Finding, PageView, number, trim
from workers.extraction.finders.fragments import reach

# The receptor names; lower-case "er"/"pr" only in the tight forms OCR'd notes use (er/pr+).
_NAMES = {
    "ER": r"(?:(?i:o?estrogen[\s-]+receptors?(?:[\s-]+alpha)?)(?:\s*\(\s*ER\s*\))?|(?i:o?estrogen(?=\s+(?:and|&|/)\s+progesterone))|(?<![\w/-])ER(?:-?alpha)?(?![\w])|(?<![\w/-])er(?=\s*[/+:(]|\s*-\s*(?:pos|neg)))",
    "PR": r"(?:(?i:progesterone[\s-]+receptors?)(?:\s*\(\s*(?:PR|PgR)\s*\))?|(?<![\w-])(?:PR|PgR)(?![\w])|(?<=/)pr(?![\w]))",
    "AR": r"(?:(?i:androgen[\s-]+receptors?)(?:\s*\(\s*AR\s*\))?|(?<![\w/-])AR(?=\s*[:(+-]|\s+(?:positive|negative|by|ihc)))",
}
_NAME_RE = re.compile("|".join(f"(?P<{key}>{pattern})" for key, pattern in _NAMES.items()))
_JOINED = re.compile(r"^\s*(?:/|,|&|and|\+\s*/)\s*(?:the\s+)?$|^\s*(?:and|&)\s*$", re.IGNORECASE)
# "ER+", "ER (-)"; not the dash of "ER-C" (a block or stain code) nor a dash that only
# separates the name from its written result ("ESTROGEN RECEPTOR - POSITIVE").
_SIGN = re.compile(
    r"^\s*(?:\(\s*)?(?P<sign>\+|-)(?![\w])"
    r"(?!\s*[.:]?\s*(?i:pos|neg|weak|strong|low|high|equivocal|\d))(?:\s*\))?"
)
_WORD = re.compile(
    # not "percentage of positive tumour nuclei", which says how a result is scored
    r"(?<!\bof\s)\b(?P<word>low[\s-]+positive|weakly\s+positive|weak\s+positive|low|positive|pos|negative|neg|reactive|non-?reactive|not\s+expressed|expressed"
    r"|no\s+expression|not\s+(?:found|detected))\b"
    r"(?!\s+(?i:cont\b|controls?\b))",  # "positive control", "NEG CONT": the assay's controls
    re.IGNORECASE,
)
# Result words written before the names: "positive for ER and PR", "negative for estrogen
# receptor"; "65% of tumour cells show strong nuclear staining for estrogen receptors"; "no
# estrogen receptors found".
_WORD_BEFORE = re.compile(
    r"\b(?P<word>weakly\s+positive|positive|negative|reactive|non-?reactive)\s+(?:staining\s+)?(?:for|to)\s+(?:both\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
_PERCENT_BEFORE = re.compile(
    r"(?<![\d.])(?P<one>\d{1,3}(?:\.\d+)?)\s*(?:%|percent)\s+of\s+(?:the\s+)?(?:\w+\s+){0,2}?(?:cells?|nuclei)\b"
    r"[^;.]{0,60}?\b(?:staining|stain|positivity|reactivity|expression)\.?\s*(?:for|with)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_NO_BEFORE = re.compile(r"(?<![\w])no\s+$", re.IGNORECASE)
_FOUND_AFTER = re.compile(
    r"\W{0,3}(?:(?:was|were|is|are)\s+)?(?:found|detected|identified|seen|expressed)\b",
    re.IGNORECASE,
)
_PERCENT_RIGHT_AFTER = re.compile(r"\s*\(\s*(?P<p>\d{1,3}(?:\.\d+)?)\s*%\s*\)")
# A legend of the cut-offs ("For ER & PR: Positive >= 1 %") is not a result.
_LEGEND_BEFORE = re.compile(r"(?:^|[.;]\s*)for\s+$", re.IGNORECASE)
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
_MARKER = r"(?:HER[\s-]?2|c-?erb|Ki[\s-]?67|MIB|PD-?L1|o?estrogen|progesterone|androgen|(?<![\w/-])(?:ER|PR|PgR|AR)(?![\w]))"
_STOP = re.compile(_MARKER, re.IGNORECASE)
# "ER and PR, and negative for HER2": a result word that opens the next marker's phrase.
_NEXT_MARKERS_WORD = re.compile(
    r"\b(?:weakly\s+)?(?:positive|negative|equivocal|reactive)\s+(?:staining\s+)?(?:for|to)\s+(?:the\s+)?"
    + _MARKER,
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
    "no expression": "negative",
    "not found": "negative",
    "not detected": "negative",
}


def find_receptors(page: PageView) -> list[Finding]:
    """ER, PR and AR results; names joined by "/" or "and" share the value that follows."""
    text = page.text
    findings: list[Finding] = []
    matches = list(_NAME_RE.finditer(text))
    group: list[re.Match[str]] = []
    previous_end = 0
    for index, match in enumerate(matches):
        group.append(match)
        following = matches[index + 1] if index + 1 < len(matches) else None
        own = _SIGN.match(text[match.end() : match.end() + 20])
        if (
            following is not None
            and not own
            and _JOINED.match(text[match.end() : following.start()])
        ):
            continue  # "ER/PR", "ER and PR": the value comes after the last name
        findings.extend(_read_group(page, group, previous_end))
        previous_end = match.end()
        group = []
    return findings


def _read_before(
    page: PageView, group: list[re.Match[str]], previous_end: int
) -> tuple[dict, int] | None:
    """A result written before the names ("positive for ER and PR"), and where it starts."""
    text = page.text
    begin = max(previous_end, group[0].start() - 120)
    before = text[begin : group[0].start()]
    word = _WORD_BEFORE.search(before)
    if word:
        raw = re.sub(r"\s+", " ", word.group("word").lower())
        status = "low" if raw.startswith("weak") else _WORDS.get(raw, raw)
        return {"status": status, "percent": None}, begin + word.start()
    percent = _PERCENT_BEFORE.search(before)
    if percent and number(percent.group("one")) <= 100:
        value = number(percent.group("one"))
        return {"status": receptor_status(None, value), "percent": value}, begin + percent.start()
    no = _NO_BEFORE.search(before)
    if no and _FOUND_AFTER.match(text, group[-1].end()):
        return {"status": "negative", "percent": None}, begin + no.start()
    return None


def _read_group(page: PageView, group: list[re.Match[str]], previous_end: int = 0) -> list[Finding]:
    text = page.text
    last = group[-1]
    if _LEGEND_BEFORE.search(text[max(0, group[0].start() - 8) : group[0].start()]) and re.match(
        r"\s*:", text[last.end() :]
    ):
        return []
    limit = reach(page, last.end(), last.end() + _WINDOW)
    stop = _STOP.search(text, last.end(), limit)
    if stop:
        limit = stop.start()
    following = _NEXT_MARKERS_WORD.search(text, last.end(), limit + 40)
    if following and following.start() < limit:
        limit = following.start()
    window = text[last.end() : limit]
    findings = []
    before = _read_before(page, group, previous_end)
    if before is not None:
        value, begin = before
        found = _FOUND_AFTER.match(text, last.end())
        end = found.end() if found else last.end()
        percent = _PERCENT_RIGHT_AFTER.match(text, last.end())
        if percent and value["percent"] is None and number(percent.group("p")) <= 100:
            # "positive for ER (90%)": the percentage that follows the name is its
            value = {"status": None, "percent": number(percent.group("p"))}
            value["status"] = receptor_status(before[0]["status"], value["percent"])
            end = percent.end()
        start, end = trim(text, begin, end)
        return [
            Finding("biomarker", Field.BIOMARKER, m.lastgroup, dict(value), start, end, m.start())
            for m in group
        ]
    shared = _read_value(window)
    for match in group:
        name = match.lastgroup
        own_sign = _SIGN.match(text[match.end() : match.end() + 20])
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

"""Diagnosis: histology (ICD-O-3), grade, primary site, laterality and date of diagnosis."""

from __future__ import annotations

import re
from functools import cache

from workers.extraction import rules
from workers.extraction.dates import find_dates
from workers.extraction.facts import Field
from workers.extraction.finders.base import Finding, PageView, compile_words, trim
from workers.extraction.lexicon import load_histologies
from workers.extraction.normalize import grade_from_nottingham


@cache
def _histology_words() -> tuple[re.Pattern[str], dict[str, list[tuple[str, str, tuple[str, ...]]]]]:
    """Patterns to (code, label, sites) meanings, in the rule file's order of priority."""
    lookup: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {}
    for histology in load_histologies():
        for pattern in histology.patterns:
            lookup.setdefault(pattern.lower(), []).append(
                (histology.code, histology.label, tuple(histology.sites))
            )
    return compile_words(list(lookup)), lookup


def _meaning(
    meanings: list[tuple[str, str, tuple[str, ...]]], site: str | None
) -> tuple[str, str] | None:
    """The site-specific meaning for the document's site, else one that applies anywhere."""
    for code, label, sites in meanings:
        if sites and site in sites:
            return code, label
    for code, label, sites in meanings:
        if not sites:
            return code, label
    if site is None:
        return meanings[0][0], meanings[0][1]
    return None


def find_histology(page: PageView) -> list[Finding]:
    pattern, lookup = _histology_words()
    findings = []
    for match in pattern.finditer(page.text):
        phrase = re.sub(r"\s+", " ", match.group(0).lower())
        if phrase not in lookup:
            continue
        chosen = _meaning(lookup[phrase], page.site_hint)
        if chosen is None:
            continue
        code, label = chosen
        findings.append(
            Finding(
                "histology",
                Field.HISTOLOGY,
                "",
                {"code": code, "label": label},
                match.start(),
                match.end(),
            )
        )
    return findings


_GRADE = re.compile(
    r"(?:(?:nottingham|histologic|histological|overall|combined|elston|tumou?r|sbr|bloom[\s-]+richardson)[\s-]+grade|(?<![\w])grade)\s*(?:is|of|:|=)?\s*\(?(?P<g>[1-3]|III|II|I)(?![\w+])(?:\s*(?:/|of|out\s+of)\s*3)?\)?"
    r"|(?<![\w])(?P<word>well|moderately|poorly)[\s-]+differentiated"
    r"|\bG(?P<gx>[1-3])\b(?!\s*[/:-]?\s*\d)"
    r"|nottingham\s+(?:combined\s+)?(?:histologic\s+)?score\s*(?:of|:|=|is)?\s*(?P<score>[3-9])(?:\s*(?:/|of|out\s+of)\s*9)?",
    re.IGNORECASE,
)
_NOT_HISTOLOGIC = re.compile(
    r"(?:nuclear|dcis|in\s+situ|gleason|who|isup|fuhrman|tumou?r\s+budding|dysplasia)[\s,(-]*(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_ROMAN = {"I": 1, "II": 2, "III": 3}


def find_grade(page: PageView) -> list[Finding]:
    findings = []
    for match in _GRADE.finditer(page.text):
        before = page.text[max(0, match.start() - 25) : match.start()]
        if _NOT_HISTOLOGIC.search(before) or re.match(r"\s*grade\s+group", match.group(0), re.I):
            continue
        if re.search(r"\bgrade\s+group\b", page.text[match.start() : match.end() + 8], re.I):
            continue
        grade = None
        if match.group("g"):
            raw = match.group("g").upper()
            grade = _ROMAN.get(raw) or int(raw)
        elif match.group("gx"):
            grade = int(match.group("gx"))
        elif match.group("word"):
            grade = {"well": 1, "moderately": 2, "poorly": 3}[match.group("word").lower()]
        elif match.group("score"):
            grade = grade_from_nottingham(int(match.group("score")))
        if grade:
            start, end = trim(page.text, match.start(), match.end())
            findings.append(Finding("grade", Field.GRADE, "", {"grade": grade}, start, end))
    return findings


@cache
def _site_words() -> tuple[re.Pattern[str], dict[str, str]]:
    lookup = {}
    for site, phrases in rules.table("sites.json")["primary_sites"].items():
        for phrase in phrases:
            lookup[phrase.strip().lower()] = site
    alternatives = "|".join(re.escape(p.strip()) for p in sorted(lookup, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w])", re.IGNORECASE), lookup


_METASTATIC_TO = re.compile(
    r"(?:metasta\w*|mets|spread|involvement|involving|lesions?|nodules?|deposits?)\s+(?:\w+\s+){0,2}(?:to|in|of|within)\s+(?:the\s+)?(?:\w+\s+)?$",
    re.IGNORECASE,
)


def find_sites(page: PageView) -> list[Finding]:
    """Primary-site mentions (a metastasis *to* an organ does not make it the primary)."""
    pattern, lookup = _site_words()
    findings = []
    for match in pattern.finditer(page.text):
        site = lookup[re.sub(r"\s+", " ", match.group(0).strip().lower())]
        before = page.text[max(0, match.start() - 40) : match.start()]
        after = page.text[match.end() : match.end() + 25]
        if _METASTATIC_TO.search(before) or re.match(
            r"\s*(?:metasta|mets|nodules?\b|lesions?\b)", after, re.I
        ):
            continue
        start, end = trim(page.text, match.start(), match.end())
        findings.append(Finding("site", Field.PRIMARY_SITE, "", {"site": site}, start, end))
    return findings


_LATERALITY = re.compile(
    r"(?P<side>left|right|bilateral|L|R)(?:[\s-]+sided)?\s+(?P<organ>breast|lung|ovary|kidney|(?:upper|lower|middle)\s+lobe)"
    r"|(?P<organ2>breast|lung|ovary|kidney)\s*,\s*(?P<side2>left|right|bilateral)\b"
    r"|(?P<organ3>breast|lung)\s*\(\s*(?P<side3>left|right)\s*\)",
    re.IGNORECASE,
)


def find_laterality(page: PageView) -> list[Finding]:
    findings = []
    for match in _LATERALITY.finditer(page.text):
        raw = (match.group("side") or match.group("side2") or match.group("side3")).lower()
        if raw in {"l", "r"} and not match.group(0)[0].isupper():
            continue
        side = {"l": "left", "r": "right"}.get(raw, raw)
        organ = (match.group("organ") or match.group("organ2") or match.group("organ3")).lower()
        organ = "lung" if "lobe" in organ else organ
        findings.append(
            Finding(
                "laterality",
                Field.LATERALITY,
                organ,
                {"laterality": side},
                match.start(),
                match.end(),
            )
        )
    return findings


_DIAGNOSED = re.compile(
    r"(?:(?:was\s+|were\s+|initially\s+|first\s+|originally\s+)?diagnosed|date\s+of\s+(?:initial\s+)?diagnosis|initial\s+diagnosis|diagnosis\s+date|dx)\b",
    re.IGNORECASE,
)


def find_diagnosis_date(page: PageView) -> list[Finding]:
    findings = []
    for match in _DIAGNOSED.finditer(page.text):
        _, sentence_end = page.sentence_bounds(match.start())
        window = page.text[match.end() : min(sentence_end, match.end() + 80)]
        dates = find_dates(window, years=True)
        if not dates:
            continue
        found = dates[0]
        start, end = trim(page.text, match.start(), match.end() + found.end)
        findings.append(
            Finding(
                "date",
                Field.DIAGNOSIS_DATE,
                "",
                {"date": found.value},
                start,
                end,
                date=found.value,
            )
        )
    return findings

"""Treatments: drugs (brand names and regimen acronyms resolved), procedures and radiation."""

from __future__ import annotations

import re
from functools import cache

from workers.extraction.dates import FoundDate, find_dates
from workers.extraction.facts import Field
from workers.extraction.finders.base import Finding, PageView
from workers.extraction.lexicon import (
    load_drugs,
    load_ignored_procedures,
    load_procedures,
    load_regimens,
)

_ACRONYM = re.compile(r"[a-z]{2,5}")  # a short all-letter procedure term is an acronym

Entry = tuple[str, str]  # (contract name, category)
Candidates = list[tuple[tuple[str, ...], list[Entry]]]  # (primary sites or () for any, treatments)

_TREATMENT_WORDS = re.compile(
    r"\b(?:cycles?|C\d+D\d+|x\s*\d|chemo\w*|regimen|dose[\s-]dense|dd|neo-?adjuvant|adjuvant|followed\s+by|"
    r"q\d+\s*(?:w|wk|weeks?)|every\s+\d+\s+weeks|infusions?|treated\s+with|received|completed|courses?|doses?"
    r"|underwent|\d+(?:\.\d+)?\s*Gy|fractions?|boost)\b",
    re.IGNORECASE,
)


@cache
def _lexicon() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, Candidates], frozenset[str]]:
    """(case-insensitive pattern, exact-case pattern, phrase -> candidates, phrases needing context)."""
    lookup: dict[str, Candidates] = {}
    drugs = load_drugs()
    single = {drug.name: drug.category for drug in drugs if not drug.ingredients}
    for drug in drugs:
        entries = [(name, single.get(name, drug.category)) for name in drug.reported]
        for phrase in (drug.name, *drug.synonyms):
            lookup.setdefault(_key(phrase), []).append(((), entries))
    exact: set[str] = set()
    needs_context: set[str] = set()
    for regimen in load_regimens():
        entries = [(name, single.get(name, "chemotherapy")) for name in regimen.drugs]
        for phrase in regimen.terms:
            lookup.setdefault(_key(phrase), []).append(((), entries))
        for phrase in regimen.context_terms:
            lookup.setdefault(_key(phrase), []).append(((), entries))
            exact.add(phrase)
            needs_context.add(_key(phrase))
    for procedure in load_procedures():
        # a combined operation ("TAH-BSO") reports its parts
        entries = [(name, procedure.category) for name in procedure.reported]
        for phrase in procedure.terms:
            lookup.setdefault(_key(phrase), []).append((tuple(procedure.sites), entries))
            if _ACRONYM.fullmatch(phrase):
                exact.add(phrase.upper())  # "APR", never the month "Apr"
        for phrase in procedure.context_synonyms:
            lookup.setdefault(_key(phrase), []).append((tuple(procedure.sites), entries))
            exact.add(phrase)
            needs_context.add(_key(phrase))
    for ignored in load_ignored_procedures():
        for phrase in ignored.terms:
            lookup.setdefault(_key(phrase), []).append(
                ((), [])
            )  # matched, so nothing shorter inside it is
    exact_lower = {_key(phrase) for phrase in exact}
    loose = [p for p in lookup if p not in exact_lower]
    return (
        re.compile(_alternation(loose), re.IGNORECASE),
        re.compile(_alternation(sorted(exact))),
        lookup,
        frozenset(needs_context),
    )


def _alternation(phrases: list[str]) -> str:
    ordered = sorted(set(phrases), key=len, reverse=True)
    body = "|".join(re.escape(p).replace(r"\ ", r"[\s-]+") for p in ordered)
    # "capecitabine-based chemoradiation" names capecitabine; "trastuzumab-dkst" is one word
    return rf"(?<![\w/-])(?:{body})(?![\w]|-(?!\s)(?!(?:based|containing)\b)\w)"


def _choose(candidates: Candidates, site: str | None) -> list[Entry]:
    """The site-specific meaning when the primary site is among its sites, else the general one."""
    for sites, entries in candidates:
        if sites and site in sites:
            return entries
    for sites, entries in candidates:
        if not sites:
            return entries
    return candidates[0][1] if site is None else []


_NEOADJUVANT = re.compile(r"\b(?:neo-?adjuvant|pre-?operative|preoperatively)\b", re.IGNORECASE)
_ADJUVANT = re.compile(r"\b(?:adjuvant|post-?operative|postoperatively)\b", re.IGNORECASE)
_METASTATIC = re.compile(
    r"\b(?:metastatic|palliative|first[\s-]+line|second[\s-]+line|third[\s-]+line|(?:1st|2nd|3rd)[\s-]+line|stage\s+iv)\b",
    re.IGNORECASE,
)


# A pathology specimen line names the nodal operation: "B. Sentinel lymph nodes, left axilla,
# excision:" is a sentinel node biopsy, "Axillary lymph nodes, right, dissection" an ALND.
_NODE_SPECIMEN = re.compile(
    r"^(?:[A-Z]\.|\d+\.|\(?[a-z]\))?\s*(?P<which>sentinel|axillary)\s+(?:lymph\s+)?nodes?\b"
    r"[^:\n]{0,40}?\b(?:excision|biopsy|biopsies|dissection|resection|sampling)\s*:",
    re.IGNORECASE | re.MULTILINE,
)


def find_node_specimens(page: PageView) -> list[Finding]:
    """Nodal operations a pathology report shows by the specimens it received."""
    findings = []
    for match in _NODE_SPECIMEN.finditer(page.text):
        sentinel = match.group("which").lower() == "sentinel"
        name = "sentinel lymph node biopsy" if sentinel else "axillary lymph node dissection"
        start = match.start("which")
        value = {"category": "surgery", "start": None, "end": None, "setting": None}
        findings.append(
            Finding(
                "treatment",
                Field.TREATMENT,
                name,
                value,
                start,
                match.end() - 1,
                extra={"dated": False},
            )
        )
    return findings


def find_treatments(page: PageView) -> list[Finding]:
    insensitive, sensitive, lookup, needs_context = _lexicon()
    text = page.text
    matches = sorted(
        [m for m in insensitive.finditer(text)] + [m for m in sensitive.finditer(text)],
        key=lambda m: (m.start(), -m.end()),
    )
    kept: list[re.Match[str]] = []
    for match in matches:
        if kept and match.start() < kept[-1].end():
            continue  # a shorter phrase inside a longer one already taken
        kept.append(match)
    findings = []
    lists = _lists(text, kept)
    for index, match in enumerate(kept):
        if page.section(match.start()) == "allergies":
            continue
        sentence_start, sentence_end = page.sentence_bounds(match.start())
        sentence = text[sentence_start:sentence_end]
        first, last = lists[index]
        next_start = (
            kept[last + 1].start()
            if last + 1 < len(kept) and kept[last + 1].start() < sentence_end
            else sentence_end
        )
        # dates before the sentence's first treatment may be this one's; dates after another
        # treatment are that one's ("AC from 11/2022 to 01/2023; pembrolizumab continued")
        opening = next(m.start() for m in kept if m.end() > sentence_start)
        start_date, end_date = _dates(
            text, sentence_start, min(opening, kept[first].start()), kept[last].end(), next_start
        )
        setting = _setting(sentence)
        phrase = _key(match.group(0))
        if phrase in needs_context and not _TREATMENT_WORDS.search(sentence):
            continue  # "AC" or "TC" alone: only a regimen where the sentence speaks of treatment
        candidates = lookup.get(phrase)
        entries = _choose(candidates, page.site_hint) if candidates else []
        if _renames_operation(text, kept, index, sentence_start, entries):
            continue
        for name, category in entries:
            value = {
                "category": category,
                "start": start_date.value if start_date else None,
                "end": end_date.value if end_date else None,
                "setting": setting if category != "surgery" else None,
            }
            if len(entries) > 1 and not all(n in match.group(0).lower() for n, _ in entries):
                value["_regimen"] = True  # its dates may be another phase's (KEYNOTE-522)
            findings.append(
                Finding(
                    "treatment",
                    Field.TREATMENT,
                    name,
                    value,
                    match.start(),
                    match.end(),
                    date=value["start"],
                    extra={"dated": start_date is not None},
                )
            )
    return findings


_LIST_GLUE = re.compile(r"(?:[\s,;/+&()]|\band\b|\bplus\b|\bwith\b)*", re.IGNORECASE)


_OPENS_APPOSITION = re.compile(r"\(\s*(?:primary|interval|optimal|complete)?\s*$", re.I)
_LABEL_COLON = re.compile(r"\s*:\s*", re.I)


def _renames_operation(
    text: str, kept: list[re.Match[str]], index: int, sentence_start: int, entries: list[Entry]
) -> bool:
    """The name of an operation whose parts are also named is not one more operation:
    "hysterectomy, BSO and omentectomy (primary cytoreduction)", "Interval cytoreductive
    surgery: total hysterectomy, bilateral salpingo-oophorectomy and omentectomy"."""
    if not entries or any(category != "surgery" for _, category in entries):
        return False
    match = kept[index]
    parenthesis = (
        _OPENS_APPOSITION.search(text, max(sentence_start, match.start() - 14), match.start())
        and text[match.end() : match.end() + 3].lstrip().startswith(")")
        and index > 0
        # a scan's columns may have run other words in between: near is enough
        and kept[index - 1].end() > min(sentence_start, match.start() - 250)
    )
    label = (
        index + 1 < len(kept)
        and _LABEL_COLON.match(text, match.end())
        and kept[index + 1].start() - match.end() <= 20
    )
    return bool(parenthesis or label)


def _lists(text: str, kept: list[re.Match[str]]) -> list[tuple[int, int]]:
    """For each name, the first and last index of the list it stands in.

    "TCHP (docetaxel, carboplatin, trastuzumab and pertuzumab) started 01/2025": the date after
    the list belongs to every name in it, not only to the last.
    """
    spans: list[tuple[int, int]] = []
    first = 0
    for index in range(len(kept)):
        if index and not _LIST_GLUE.fullmatch(text[kept[index - 1].end() : kept[index].start()]):
            first = index
        spans.append((first, index))
    out: list[tuple[int, int]] = [(0, 0)] * len(kept)
    last = len(kept) - 1
    for index in range(len(kept) - 1, -1, -1):
        first = spans[index][0]
        if index < len(kept) - 1 and spans[index + 1][0] != first:
            last = index
        out[index] = (first, last)
    return out


def _key(phrase: str) -> str:
    """Lookup key: the patterns accept any run of spaces or hyphens where the rule has either."""
    return re.sub(r"[\s-]+", " ", phrase.lower())


def _setting(sentence: str) -> str | None:
    if _NEOADJUVANT.search(sentence):
        return "neoadjuvant"
    if _ADJUVANT.search(sentence):
        return "adjuvant"
    if _METASTATIC.search(sentence):
        return "metastatic"
    return None


_ENDED = re.compile(
    r"\b(?:completed|completion\s+of|finished|ended|stopped|discontinued|last\s+dose)\b", re.I
)
_STARTED = re.compile(r"\b(?:start\w*|began|begun|initiated|from|since)\b", re.IGNORECASE)


def _dates(
    text: str, sentence_start: int, list_start: int, list_end: int, next_start: int
) -> tuple[FoundDate | None, FoundDate | None]:
    """Start and end dates for the treatments named in ``text[list_start:list_end]``.

    The dates between these names and the next treatment in the sentence belong to them;
    failing those, the dates just before. "from X to Y", "X - Y", "completed in Y" set the end.
    """
    after = [
        FoundDate(d.value, d.start + list_end, d.end + list_end)
        for d in find_dates(text[list_end:next_start], years=True)
    ]
    chosen = after[:2]
    if not chosen:
        before = [
            FoundDate(d.value, d.start + sentence_start, d.end + sentence_start)
            for d in find_dates(text[sentence_start:list_start], years=True)
        ]
        chosen = before[-2:]
    if not chosen:
        return None, None
    first = chosen[0]
    if len(chosen) == 2:
        between = text[first.end : chosen[1].start]
        if re.fullmatch(r"\s*(?:-|to|through|thru|until|and)\s*", between, re.IGNORECASE):
            return first, chosen[1]
    # "completed adjuvant RT to the chest wall in 11/2023": the one date is when it ended
    ended = _ENDED.search(text, sentence_start, first.start)
    if ended and not _STARTED.search(text, ended.end(), first.start):
        return None, first
    return first, None

"""ConText: is a finding the patient's? Negated, hypothetical, a relative's, or only planned.

A trigger phrase (``rules/context.json``) governs the words after it (forward), before it
(backward) or both, within its clause: up to a terminator ("but", ";"), a confirmation that a
treatment was really given ("received", "completed"), or the sentence end. Sections add
context too: everything under FAMILY HISTORY is a relative's, and treatments under PLAN are
planned unless the sentence confirms them ("continue letrozole").

Where phrases overlap, each is a match unless a longer one holds it: "is negative" and
"negative for" both count, but "no" inside "no change in" (a pseudo-trigger, which governs
nothing) or "excluded" inside "cannot be excluded" does not. A confirmation only ends the
scope of what it contradicts (negated, hypothetical, planned): her mother "received" tamoxifen
is still her mother's, and a confirmation that is itself negated ("was not treated with")
confirms nothing. Some categories end at more words, or at fewer (``category_terminators``):
"positive for" ends a negation, "the patient" ends a relative's story, while "who" does not
("her mother, who had breast cancer").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from workers.extraction import rule_files
from workers.extraction.dates import find_dates
from workers.extraction.finders.base import Finding, PageView

# A finding in any of these is not the patient's; a historical one still is.
CANCELLING = frozenset({"negated", "hypothetical", "family", "planned"})

# Confirmations ("received", "completed") contradict these; a relative's or a past mention stays.
ENDED_BY_CONFIRMATION = frozenset({"negated", "hypothetical", "planned"})
_FIRST = re.compile(r"\w+|[^\w\s]")  # a phrase's first word, or a lone ";"
_POSSESSIVE = re.compile(r"'(?:s\b|(?!\w))")  # "daughter's", "sisters'"
_NEGATED_CONFIRMATION = re.compile(r"\b(?:not|never|no)\s+(?:\w+\s+)?$|n't\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class Trigger:
    category: str
    direction: str
    applies_to: frozenset[str]


Index = dict[str, list[re.Pattern[str]]]  # first word -> a pattern per phrase starting with it


@dataclass(frozen=True)
class Rules:
    """``rules/context.json`` compiled: triggers (and pseudo-triggers), clause ends."""

    triggers: Index
    table: dict[str, list[Trigger]]  # phrase -> its triggers; [] for a pseudo-trigger
    terminators: Index  # every phrase that ends some category's scope
    ends: dict[str, frozenset[str]]  # category -> the terminators that end its scope
    confirmations: Index


@cache
def _rules() -> Rules:
    data = rule_files.context()
    table: dict[str, list[Trigger]] = {}
    for trigger in data["triggers"]:
        for phrase in trigger["phrases"]:
            table.setdefault(_key(phrase), []).append(
                Trigger(trigger["category"], trigger["direction"], frozenset(trigger["applies_to"]))
            )
    for phrase in data.get("pseudo", []):
        table.setdefault(_key(phrase), [])
    common = {_key(p) for p in data["terminators"]}
    by_category = data.get("category_terminators", {})
    unknown = set(by_category) - rule_files.CONTEXT_CATEGORIES
    if unknown:
        raise ValueError(f"category_terminators for unknown categories {sorted(unknown)}")
    ends: dict[str, frozenset[str]] = {}
    for category in rule_files.CONTEXT_CATEGORIES:
        extra = by_category.get(category, {})
        ends[category] = frozenset(
            (common | {_key(p) for p in extra.get("add", [])})
            - {_key(p) for p in extra.get("remove", [])}
        )
    return Rules(
        _index(list(table)),
        table,
        # "the patient's mother" names whose mother it is; it starts no new clause
        _index(sorted(set().union(*ends.values())), possessive=False),
        ends,
        _index(data["confirmations"]),
    )


def _index(phrases: list[str], possessive: bool = True) -> Index:
    index: Index = {}
    for phrase in sorted({_key(p) for p in phrases}, key=len, reverse=True):
        index.setdefault(_FIRST.match(phrase).group(0), []).append(_words([phrase], possessive))
    return index


def _each_match(index: Index, text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of every phrase at every word start of text[start:end], overlaps and all."""
    found = []
    for word in _FIRST.finditer(text, start, end):
        for pattern in index.get(word.group(0).lower(), ()):
            match = pattern.match(text, word.start(), end)
            if match:
                found.append((match.start(), match.end()))
    return found


def _key(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def _alternatives(phrases: list[str], possessive: bool = True) -> str:
    """Longest first; word boundaries only at a phrase's word characters (";" has none)."""
    ordered = sorted({_key(p) for p in phrases}, key=len, reverse=True)
    parts = []
    for phrase in ordered:
        body = re.escape(phrase).replace(r"\ ", r"\s+")
        left = r"(?<![\w/])" if re.match(r"\w", phrase) else ""
        right = r"(?![\w])" if re.search(r"\w$", phrase) else ""
        if right and not possessive:
            right += r"(?!'s\b)"
        parts.append(left + body + right)
    return "|".join(parts)


def _words(phrases: list[str], possessive: bool = True) -> re.Pattern[str]:
    return re.compile(f"(?:{_alternatives(phrases, possessive)})", re.IGNORECASE)


def _trigger_matches(triggers: Index, text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of every trigger phrase in text[start:end] not held by a longer one.

    Each word start is tried (so "is negative" and "negative for" are both found), against
    every phrase that begins with that word. A phrase inside a longer one is not one
    ("excluded" in "cannot be excluded", "not" in "not identified"), unless it ends the longer
    one and means the same: then it still counts, for its own direction ("offered" in "was
    offered tucatinib").
    """
    found = _each_match(triggers, text, start, end)
    kept: list[tuple[int, int]] = []
    for span in sorted(found, key=lambda span: (span[0], -span[1])):
        inner = _categories(text, span)
        if not any(
            s <= span[0]
            and span[1] <= e
            and not (span[1] == e and inner <= _categories(text, (s, e)))
            for s, e in kept
        ):
            kept.append(span)
    return kept


def _categories(text: str, span: tuple[int, int]) -> frozenset[str]:
    return frozenset(t.category for t in _rules().table[_key(text[span[0] : span[1]])])


@dataclass(frozen=True)
class Scan:
    """What one sentence holds for context, the same for every finding in it."""

    triggers: list[tuple[int, int]]
    dates: list[tuple[int, int]]
    confirmed_at: list[int]
    breaks: dict[str, list[int]]  # category -> where its scope ends


@lru_cache(maxsize=64)
def _scan(text: str, start: int, end: int) -> Scan:
    compiled = _rules()
    sentence = text[start:end]
    confirmed_at = sorted(
        {
            at
            for at, _ in _each_match(compiled.confirmations, text, start, end)
            if not _NEGATED_CONFIRMATION.search(text, max(start, at - 40), at)
        }
    )
    breaks: dict[str, list[int]] = {
        category: list(confirmed_at) if category in ENDED_BY_CONFIRMATION else []
        for category in compiled.ends
    }
    for at, stop in _each_match(compiled.terminators, text, start, end):
        phrase = _key(text[at:stop])
        for category, phrases in compiled.ends.items():
            if phrase in phrases:
                breaks[category].append(at)
    for ends in breaks.values():
        ends.sort()
    return Scan(
        _trigger_matches(compiled.triggers, text, start, end),
        [(d.start + start, d.end + start) for d in find_dates(sentence)],
        confirmed_at,
        breaks,
    )


def judge(finding: Finding, page: PageView) -> set[str]:
    """The context categories that apply to ``finding`` on ``page``."""
    found: set[str] = set()
    section = page.section(finding.anchor)
    if section == "family_history":
        found.add("family")
    if section == "plan" and finding.kind == "treatment":
        found.add("planned")
    start, end = page.sentence_bounds(finding.anchor)
    text = page.text
    scan = _scan(text, start, end)
    table = _rules().table
    for at, stop in scan.triggers:
        if finding.start <= at < finding.end:
            continue  # "FISH pending" inside the HER2 result is part of the value
        if any(s <= at < e for s, e in scan.dates):
            continue  # "May 2025" is a date, not a "may"
        for trigger in table[_key(text[at:stop])]:
            if "all" not in trigger.applies_to and finding.kind not in trigger.applies_to:
                continue
            if trigger.category == "family" and _POSSESSIVE.match(text, stop):
                # "her daughter's wedding": the relative owns what follows, nothing before
                trigger = Trigger(trigger.category, "forward", trigger.applies_to)
            if _governs(trigger, at, stop, finding, scan.breaks[trigger.category]):
                found.add(trigger.category)
    confirmed = bool(scan.confirmed_at)
    if (
        "planned" in found
        and finding.kind == "treatment"
        and section == "plan"
        and confirmed
        and not _explicitly_planned(text, start, finding)
    ):
        found.discard("planned")
    return found


def _explicitly_planned(text: str, start: int, finding: Finding) -> bool:
    # "Plan: continue anastrozole": the header names the section, it plans nothing itself
    return bool(
        re.search(
            r"\b(?:will|plan(?!\s*:)|recommend|discuss|offer|consider|declin|refus|schedul)",
            text[start : finding.anchor],
            re.IGNORECASE,
        )
    )


def _governs(
    trigger: Trigger,
    at: int,
    stop: int,
    finding: Finding,
    breaks: list[int],
) -> bool:
    anchor = finding.anchor
    if stop <= anchor and trigger.direction in {"forward", "both"}:
        return not any(stop <= b < anchor for b in breaks) and anchor - stop < 200
    if at >= finding.end and trigger.direction in {"backward", "both"}:
        return not any(finding.end <= b < at for b in breaks) and at - finding.end < 120
    return False

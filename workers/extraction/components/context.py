"""ConText: is a finding the patient's? Negated, hypothetical, a relative's, or only planned.

A trigger phrase (``rules/context.json``) governs the words after it (forward), before it
(backward) or both, within its clause: up to a terminator ("but", ";"), a confirmation that a
treatment was really given ("received", "completed"), or the sentence end. Sections add
context too: everything under FAMILY HISTORY is a relative's, and treatments under PLAN are
planned unless the sentence confirms them ("continue letrozole").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from workers.extraction import rules
from workers.extraction.dates import find_dates
from workers.extraction.finders.base import Finding, PageView

CANCELLING = ("negated", "hypothetical", "family", "planned")


@dataclass(frozen=True)
class Trigger:
    category: str
    direction: str
    applies_to: frozenset[str]


@cache
def _triggers() -> tuple[
    re.Pattern[str], dict[str, list[Trigger]], re.Pattern[str], re.Pattern[str]
]:
    data = rules.context()
    table: dict[str, list[Trigger]] = {}
    for trigger in data["triggers"]:
        for phrase in trigger["phrases"]:
            table.setdefault(phrase.lower(), []).append(
                Trigger(trigger["category"], trigger["direction"], frozenset(trigger["applies_to"]))
            )
    return (
        _words(list(table)),
        table,
        _words(data["terminators"]),
        _words(data["confirmations"]),
    )


def _words(phrases: list[str]) -> re.Pattern[str]:
    ordered = sorted(set(p.lower() for p in phrases), key=len, reverse=True)
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)
    return re.compile(rf"(?<![\w/])(?:{body})(?![\w])", re.IGNORECASE)


def judge(finding: Finding, page: PageView) -> set[str]:
    """The context categories that apply to ``finding`` on ``page``."""
    found: set[str] = set()
    section = page.section(finding.anchor)
    if section == "family_history":
        found.add("family")
    if section == "plan" and finding.kind == "treatment":
        found.add("planned")
    pattern, table, terminators, confirmations = _triggers()
    start, end = page.sentence_bounds(finding.anchor)
    text = page.text
    dates = [(d.start + start, d.end + start) for d in find_dates(text[start:end])]
    confirmed_at = [m.start() + start for m in confirmations.finditer(text[start:end])]
    clause_breaks = sorted(
        [m.start() + start for m in terminators.finditer(text[start:end])] + confirmed_at
    )
    for match in pattern.finditer(text, start, end):
        at = match.start()
        if finding.start <= at < finding.end:
            continue  # "FISH pending" inside the HER2 result is part of the value
        if any(s <= at < e for s, e in dates):
            continue  # "May 2025" is a date, not a "may"
        for trigger in table[re.sub(r"\s+", " ", match.group(0).lower())]:
            if "all" not in trigger.applies_to and finding.kind not in trigger.applies_to:
                continue
            if _governs(trigger, match, finding, clause_breaks):
                found.add(trigger.category)
    confirmed = bool(confirmed_at)
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
    return bool(
        re.search(
            r"\b(?:will|plan|recommend|discuss|offer|consider|declin|refus|schedul)",
            text[start : finding.anchor],
            re.IGNORECASE,
        )
    )


def _governs(
    trigger: Trigger,
    match: re.Match[str],
    finding: Finding,
    breaks: list[int],
) -> bool:
    anchor = finding.anchor
    if match.end() <= anchor and trigger.direction in {"forward", "both"}:
        return not any(match.end() <= b < anchor for b in breaks) and anchor - match.end() < 200
    if match.start() >= finding.end and trigger.direction in {"backward", "both"}:
        return (
            not any(finding.end <= b < match.start() for b in breaks)
            and match.start() - finding.end < 120
        )
    return False


@Language.factory("navis_context")
def make_context(nlp: Language, name: str) -> NavisContext:
    return NavisContext()


class NavisContext:
    """Marks each finding span in ``doc.spans["findings"]`` with its context categories."""

    def __call__(self, doc: Doc) -> Doc:
        page: PageView = doc.user_data["navis_page"]
        for span in doc.spans.get("findings", []):
            finding: Finding = span._.finding
            categories = judge(finding, page)
            finding.extra["context"] = sorted(categories)
            finding.extra["is_patients"] = not categories.intersection(CANCELLING)
        return doc

"""Load the rule data files in ``rules/`` once, checking their shape so a typo fails loudly."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

RULES_DIR = Path(__file__).parent / "rules"
CONTEXT_CATEGORIES = {"negated", "hypothetical", "family", "planned", "historical"}
DIRECTIONS = {"forward", "backward", "both"}


def _load(name: str) -> dict[str, Any]:
    with open(RULES_DIR / name, encoding="utf-8") as handle:
        return json.load(handle)


@cache
def sections() -> list[tuple[str, str]]:
    """(header phrase, canonical section) pairs, longest phrase first."""
    pairs = []
    for section in _load("sections.json")["sections"]:
        for header in section["headers"]:
            if header != header.lower().strip():
                raise ValueError(f"section header must be lower case: {header!r}")
            pairs.append((header, section["name"]))
    return sorted(pairs, key=lambda pair: -len(pair[0]))


@cache
def context() -> dict[str, Any]:
    """The ConText triggers, terminators and confirmations, validated."""
    data = _load("context.json")
    for trigger in data["triggers"]:
        if trigger["category"] not in CONTEXT_CATEGORIES:
            raise ValueError(f"unknown context category {trigger['category']!r}")
        if trigger["direction"] not in DIRECTIONS:
            raise ValueError(f"unknown direction {trigger['direction']!r}")
    return data


@cache
def table(name: str) -> dict[str, Any]:
    """Any other rule file, as it is."""
    return _load(name)

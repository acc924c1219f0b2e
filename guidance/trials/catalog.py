"""The shipped trial catalog (``catalog.json``, built by ``build_catalog``)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from guidance.trials.model import Trial

CATALOG_PATH = Path(__file__).with_name("catalog.json")


@cache
def load_catalog(path: Path = CATALOG_PATH) -> tuple[Trial, ...]:
    """Every trial in the shipped catalog; a broken file raises ValueError naming it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return tuple(Trial.from_dict(t) for t in data["trials"])
    except (OSError, KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"trial catalog {path} is unreadable: {exc}") from exc

"""The profile contract ``navis.profile.v1`` revision 2, as the platform's one copy.

``profile.schema.json`` and ``procedures.json`` are copies of ``shared/spec`` (a test fails
when they drift from the reference). Everything that checks a profile goes through here.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

SCHEMA_ID = "navis.profile.v1"
REVISION = 2
HERE = Path(__file__).resolve().parent
SCHEMA_FILE = HERE / "profile.schema.json"
PROCEDURES_FILE = HERE / "procedures.json"


@cache
def schema() -> dict[str, Any]:
    """The contract's JSON Schema (draft 2020-12)."""
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


@cache
def _validator() -> Any:
    import jsonschema

    return jsonschema.Draft202012Validator(schema())


def errors(profile: Any) -> list[str]:
    """Every way ``profile`` breaks the contract, each as ``path: message``; empty when valid."""
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '(root)'}: {error.message}"
        for error in sorted(_validator().iter_errors(profile), key=lambda e: list(e.path))
    ]


def is_valid(profile: Any) -> bool:
    return _validator().is_valid(profile)


def enum(*path: str) -> tuple[Any, ...]:
    """The values the schema allows at ``path`` under ``properties``/``items`` (null dropped).

    ``enum("biomarkers", "status")`` walks ``properties.biomarkers.items.properties.status``.
    """
    node: dict[str, Any] = schema()
    for key in path:
        if "items" in node:
            node = node["items"]
        node = node["properties"][key]
    if "items" in node:
        node = node["items"]
    return tuple(value for value in node["enum"] if value is not None)


@cache
def procedures() -> dict[str, tuple[str, ...]]:
    """The contract's procedure names, each with the wordings records use for it (r2)."""
    data = json.loads(PROCEDURES_FILE.read_text(encoding="utf-8"))
    return {name: tuple(words) for name, words in data["procedures"].items()}

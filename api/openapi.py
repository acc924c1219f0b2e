"""The profile contract's JSON Schema as OpenAPI 3.0 describes it, for the API's documentation.

The contract (``vocabulary/contract/profile.schema.json``) is JSON Schema 2020-12; the API's
OpenAPI document is 3.0, which has no ``$defs``, ``const`` or type lists. Converting the one
schema (rather than writing the profile again as serializers) keeps the documented profile the
contract itself: every r2 field appears the moment the contract gains it.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from vocabulary import contract

_DROPPED = {"$schema", "$id", "$defs", "$comment", "examples"}


@cache
def profile_schema() -> dict[str, Any]:
    """The contract profile as an OpenAPI 3.0 schema object."""
    source = contract.schema()
    converted = _convert(source, source.get("$defs", {}))
    converted["description"] = (
        "The profile contract navis.profile.v1 (revision 2), with her clinicians' decisions "
        "applied: a decided value carries `review`. Never a guessed value."
    )
    return converted


def _convert(node: Any, defs: dict[str, Any]) -> Any:
    if isinstance(node, list):
        return [_convert(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        name = node["$ref"].removeprefix("#/$defs/")
        merged = {**defs[name], **{k: v for k, v in node.items() if k != "$ref"}}
        return _convert(merged, defs)
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in _DROPPED:
            continue
        if key == "const":
            out["enum"] = [value]
        elif key == "type" and isinstance(value, list):
            kinds = [kind for kind in value if kind != "null"]
            if len(kinds) == 1:
                out["type"] = kinds[0]
            else:
                out["anyOf"] = [{"type": kind} for kind in kinds]
            if "null" in value:
                out["nullable"] = True
        elif key == "properties":
            out[key] = {name: _convert(sub, defs) for name, sub in value.items()}
        else:
            out[key] = _convert(value, defs)
    if None in (out.get("enum") or []):
        out["nullable"] = True
    return out

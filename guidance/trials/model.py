"""Plain dataclasses for trials and their eligibility criteria (no Django), per /tmp/gi.md."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

CRITERION_KINDS = frozenset(
    {"site", "biomarker", "stage", "prior_therapy", "age", "sex", "histology", "other"}
)
OPEN_STATUSES = frozenset({"Recruiting", "Not yet recruiting"})


@dataclass(frozen=True)
class Criterion:
    """One eligibility criterion: the trial's own words plus what a profile can be checked for."""

    text: str
    inclusion: bool
    kind: str
    detail: dict[str, Any] = field(default_factory=dict, hash=False, compare=True)

    def __post_init__(self) -> None:
        if self.kind not in CRITERION_KINDS:
            raise ValueError(f"unknown criterion kind {self.kind!r}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "inclusion": self.inclusion,
            "kind": self.kind,
            "detail": self.detail,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Criterion:
        return cls(
            data["text"], bool(data["inclusion"]), data["kind"], dict(data.get("detail") or {})
        )


@dataclass(frozen=True)
class Trial:
    """A study as the matcher sees it; ``open`` is true only while it can enrol."""

    nct_id: str
    title: str
    phase: str | None
    status: str
    open: bool
    conditions: tuple[str, ...]
    sites: tuple[str, ...]
    modality: str
    target: str | None
    criteria: tuple[Criterion, ...]
    source: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "nct_id": self.nct_id,
            "title": self.title,
            "phase": self.phase,
            "status": self.status,
            "open": self.open,
            "conditions": list(self.conditions),
            "sites": list(self.sites),
            "modality": self.modality,
            "target": self.target,
            "criteria": [c.to_dict() for c in self.criteria],
            "source": self.source,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Trial:
        return cls(
            nct_id=data["nct_id"],
            title=data["title"],
            phase=data.get("phase"),
            status=data["status"],
            open=bool(data.get("open", data["status"] in OPEN_STATUSES)),
            conditions=tuple(data.get("conditions") or ()),
            sites=tuple(data.get("sites") or ()),
            modality=data.get("modality") or "other",
            target=data.get("target"),
            criteria=tuple(Criterion.from_dict(c) for c in data.get("criteria") or ()),
            source=data.get("source") or "",
        )

"""Plain data passed between the extraction stages: facts with their evidence.

A ``DocumentFact`` is one thing one document says about the patient, before consolidation: a partial
value in the words of the profile contract (``../shared/spec/profile.md``) plus where it was
read. ``DocumentFacts`` is everything extracted from one document; ``build_profile`` turns a
patient's ``DocumentFacts`` into the contract's profile. Both round-trip through plain dicts so
the worker can store them and the profile can be rebuilt without reading the PDFs again.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class Field(StrEnum):
    """What a fact is about; ``DocumentFact.name`` narrows it (biomarker or treatment name)."""

    PRIMARY_SITE = "primary_site"
    LATERALITY = "laterality"
    HISTOLOGY = "histology"  # value: {"code", "label"}
    GRADE = "grade"  # value: {"grade": 1|2|3}
    DIAGNOSIS_DATE = "diagnosis_date"  # value: {"date"}
    BIOMARKER = "biomarker"  # name: ER, HER2, BRCA1...; value: partial contract biomarker
    STAGE = "stage"  # value: any of T, N, M, group (one statement of stage)
    METASTASIS = "metastasis"  # value: {"site": contract site} (distant metastasis documented)
    TREATMENT = "treatment"  # name: contract name; value: {"category", "start", "end", "setting"}


@dataclass(frozen=True)
class Evidence:
    """Words on one page that support a value: ``text == page_text[start:end]``."""

    file: str
    page: int  # 1-based
    text: str
    start: int
    end: int

    def public(self) -> dict[str, Any]:
        """The contract's ``{file, page, text}``."""
        return {"file": self.file, "page": self.page, "text": self.text}


@dataclass
class DocumentFact:
    field: Field
    name: str
    value: dict[str, Any]
    evidence: list[Evidence]
    date: str | None = None  # when it was true: specimen, report or treatment date
    section: str | None = None  # canonical section the words were in
    specimen: str | None = None  # "primary", "metastatic" or None when not said

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentFact:
        data = dict(data)
        data["field"] = Field(data["field"])
        data["evidence"] = [Evidence(**item) for item in data.get("evidence", [])]
        return cls(**data)


@dataclass
class DocumentFacts:
    """What one document contributed: its description in the contract plus its facts."""

    file: str
    sha256: str
    pages: int
    ocr_pages: int = 0
    kind: str | None = None  # pathology|consult|molecular|imaging|discharge|lab|other
    date: str | None = None
    facts: list[DocumentFact] = field(default_factory=list)

    def describe(self) -> dict[str, Any]:
        """The contract's ``documents[]`` entry."""
        return {
            "file": self.file,
            "sha256": self.sha256,
            "pages": self.pages,
            "ocr_pages": self.ocr_pages,
            "kind": self.kind,
            "date": self.date,
        }

    def to_dict(self) -> dict[str, Any]:
        return {**self.describe(), "facts": [fact.to_dict() for fact in self.facts]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentFacts:
        data = dict(data)
        facts = [DocumentFact.from_dict(item) for item in data.pop("facts", [])]
        return cls(**data, facts=facts)

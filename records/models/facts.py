"""Facts read from a document, each with the words on the page that support it.

One row per ``workers.extraction.facts.Fact``. The rows are kept so that the patient's profile
can be rebuilt from all her documents without reading any file again, and so that every value
on her summary can point back to its page.
"""

import re
from typing import Any

from django.db import models

from records.models.documents import Document
from workers.extraction.facts import Field

PARTIAL_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def partial_date(value: str | None) -> str:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; anything else is stored as unknown ("")."""
    return value if value and PARTIAL_DATE.fullmatch(value) else ""


class Fact(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="facts")
    field = models.CharField(max_length=32, choices=[(f.value, f.value) for f in Field])
    name = models.CharField(max_length=200, blank=True, help_text="Biomarker or treatment name.")
    value = models.JSONField(default=dict)
    evidence = models.JSONField(default=list, help_text="[{file, page, text, start, end}]")
    date = models.CharField(max_length=10, blank=True, help_text="YYYY[-MM[-DD]] or blank")
    section = models.CharField(max_length=100, blank=True)
    specimen = models.CharField(max_length=32, blank=True)
    extractor_version = models.CharField(max_length=32)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["document", "field"])]

    def __str__(self) -> str:
        return f"{self.field} {self.name}".strip()

    @classmethod
    def from_dict(cls, document: Document, data: dict[str, Any], extractor_version: str) -> "Fact":
        """An unsaved row from ``workers.extraction.Fact.to_dict()``."""
        return cls(
            document=document,
            field=str(data["field"]),
            name=data.get("name") or "",
            value=data.get("value") or {},
            evidence=[dict(item) for item in data.get("evidence", [])],
            date=partial_date(data.get("date")),
            section=data.get("section") or "",
            specimen=data.get("specimen") or "",
            extractor_version=extractor_version,
        )

    def to_dict(self, file: str | None = None) -> dict[str, Any]:
        """The shape ``workers.extraction.Fact.from_dict`` reads; evidence names ``file``."""
        evidence = [
            {
                "file": file if file is not None else item.get("file", ""),
                "page": item["page"],
                "text": item["text"],
                "start": item["start"],
                "end": item["end"],
            }
            for item in self.evidence
        ]
        return {
            "field": self.field,
            "name": self.name,
            "value": self.value,
            "evidence": evidence,
            "date": self.date or None,
            "section": self.section or None,
            "specimen": self.specimen or None,
        }

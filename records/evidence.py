"""Finding the page, and the exact words on it, behind each value of a patient's profile.

The profile names its evidence as the contract does, ``{file, page, text}``: no document id and
no character span, and two uploads may share a file name. The stored facts have both, so the
evidence is looked up among them; failing that, the words are searched for on the page.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse

from records.models import Document, DocumentStatus, Fact, Patient

Span = tuple[Document, int | None, int | None]


@dataclass(frozen=True)
class EvidenceLink:
    """Where a value was read, and the address of that page with the words marked."""

    file: str
    page: int
    text: str
    url: str = ""  # empty when the page is not among the patient's read documents


def page_url(document: Document, page: int, start: int | None, end: int | None) -> str:
    url = reverse(
        "document-page",
        kwargs={"patient_id": document.patient_id, "document_id": document.id, "number": page},
    )
    if start is None or end is None:
        return url
    return f"{url}?{urlencode({'start': start, 'end': end})}#page-image"


class EvidenceFinder:
    """Links for one patient's evidence, from the facts of the documents that were read."""

    def __init__(self, patient: Patient) -> None:
        documents = patient.documents.filter(status=DocumentStatus.DONE).prefetch_related("facts")
        self.documents: dict[str, list[Document]] = defaultdict(list)
        self.facts: list[tuple[Document, Fact]] = []
        self.spans: dict[tuple[str, int, str], Span] = {}
        for document in documents.order_by("created_at", "id"):
            self.documents[document.original_name].append(document)
            for fact in document.facts.all():
                self.facts.append((document, fact))
                for item in fact.evidence:
                    key = (document.original_name, item["page"], item["text"])
                    self.spans.setdefault(key, (document, item["start"], item["end"]))

    def document_named(self, file: str) -> Document | None:
        return next(iter(self.documents.get(file, [])), None)

    def links(self, evidence: Iterable[dict[str, Any]] | None) -> list[EvidenceLink]:
        """One link per page named in the profile's evidence, in its order."""
        links: dict[tuple[str, int], EvidenceLink] = {}
        for item in evidence or []:
            file, page, text = str(item.get("file", "")), item.get("page"), item.get("text", "")
            if isinstance(page, int) and (file, page) not in links:
                links[(file, page)] = self.link(file, page, str(text))
        return list(links.values())

    def link(self, file: str, page: int, text: str) -> EvidenceLink:
        span = self.spans.get((file, page, text)) or self.search(file, page, text)
        if span is None:
            return EvidenceLink(file=file, page=page, text=text)
        document, start, end = span
        return EvidenceLink(file, page, text, url=page_url(document, page, start, end))

    def search(self, file: str, page: int, text: str) -> Span | None:
        """The words on the page itself, when no stored fact quotes them exactly.

        Failing that too, the page of the first document of that name, without marking.
        """
        pages = [
            (document, stored)
            for document in self.documents.get(file, [])
            if (stored := document.pages.filter(number=page).first())
        ]
        for document, stored in pages:
            if text and (start := stored.text.find(text)) >= 0:
                return document, start, start + len(text)
        return (pages[0][0], None, None) if pages else None

    def supporting(self, field: str, wanted: object) -> list[EvidenceLink]:
        """Evidence of the stored facts about `field` that state `wanted`.

        For values the contract gives without evidence (the diagnosis): a fact supports it when
        one of its values, or its date, is the value shown.
        """
        if wanted in (None, ""):
            return []
        wanted_text = str(wanted).casefold()
        links: dict[tuple[str, int], EvidenceLink] = {}
        for document, fact in self.facts:
            stated = [*fact.value.values(), fact.date] if isinstance(fact.value, dict) else []
            if fact.field != field or wanted_text not in {str(v).casefold() for v in stated}:
                continue
            for item in fact.evidence:
                key = (document.original_name, item["page"])
                if key not in links:
                    url = page_url(document, item["page"], item["start"], item["end"])
                    links[key] = EvidenceLink(*key, text=item["text"], url=url)
        return list(links.values())

"""Storing what was read from each document, and rebuilding the patient's profile from it.

The profile is always rebuilt from the stored facts of every document that was read (status
done), never patched: a document that failed, is being read again, or was deleted simply
contributes nothing, and reading a document again cannot leave its old facts behind.
"""

from django.db import transaction
from django.utils import timezone

from records.models import Document, DocumentStatus, Fact, Patient, Profile
from records.models.facts import partial_date
from workers.extraction import EXTRACTOR_VERSION, DocumentFacts, build_profile
from workers.extraction import Fact as ExtractedFact


@transaction.atomic
def store_facts(
    document: Document, document_facts: DocumentFacts, version: str = EXTRACTOR_VERSION
) -> list[Fact]:
    """Replace the document's facts with these, and note its kind and date; idempotent."""
    document.facts.all().delete()
    facts = Fact.objects.bulk_create(
        Fact.from_dict(document, fact.to_dict(), version) for fact in document_facts.facts
    )
    document.kind = document_facts.kind or ""
    document.report_date = partial_date(document_facts.date)
    document.save(update_fields=["kind", "report_date"])
    return facts


def stored_document_facts(document: Document) -> DocumentFacts:
    """The document's facts as the extractor returned them, named by the file as uploaded."""
    name = document.original_name
    return DocumentFacts(
        file=name,
        sha256=document.sha256,
        pages=document.page_count or 0,
        ocr_pages=document.ocr_pages,
        kind=document.kind or None,
        date=document.report_date or None,
        facts=[ExtractedFact.from_dict(row.to_dict(file=name)) for row in document.facts.all()],
    )


@transaction.atomic
def recompute_profile(patient: Patient) -> Profile:
    """Rebuild the patient's profile from every document of hers that was read."""
    # Lock the patient so that two documents finishing at once cannot each miss the other.
    Patient.objects.select_for_update().filter(pk=patient.pk).first()
    documents = (
        patient.documents.filter(status=DocumentStatus.DONE)
        .order_by("created_at", "id")
        .prefetch_related("facts")
    )
    data = build_profile([stored_document_facts(document) for document in documents])
    profile, _ = Profile.objects.update_or_create(
        patient=patient,
        defaults={
            "data": data,
            "extractor_version": EXTRACTOR_VERSION,
            "computed_at": timezone.now(),
        },
    )
    return profile

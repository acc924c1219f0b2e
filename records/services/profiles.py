"""Storing what was read from each document, and rebuilding the patient's profile from it.

The profile is always rebuilt from the stored facts of every document that was read (status
done), never patched: a document that failed, is being read again, or was deleted simply
contributes nothing, and reading a document again cannot leave its old facts behind.
"""

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from records import review_rules, signals
from records.models import (
    ClinicianFact,
    Document,
    DocumentStatus,
    Fact,
    Patient,
    Profile,
    ProfileChange,
    User,
)
from records.models.facts import partial_date
from workers.extraction import EXTRACTOR_VERSION, DocumentFact, DocumentFacts, build_profile


@dataclass(frozen=True)
class Cause:
    """Why the profile is being rebuilt: kept with every value that changes, for its history."""

    reason: str = ""
    actor: User | None = None
    document: Document | None = None
    action: str = ""

    @classmethod
    def read(cls, document: Document) -> "Cause":
        return cls(f"Navis read {document.original_name}", document=document)

    @classmethod
    def reread(cls, document: Document) -> "Cause":
        return cls(f"{document.original_name} is being read again", document=document)


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
        facts=[DocumentFact.from_dict(row.to_dict(file=name)) for row in document.facts.all()],
    )


@transaction.atomic
def stored_profile(patient: Patient) -> Profile | None:
    """Her stored profile (what the records say, and what is shown); None before any reading.

    The one place that asks which profile is shown: every page, the API and guidance call it.
    """
    return Profile.objects.filter(patient=patient).first()


def shown_profile(patient: Patient) -> dict[str, Any]:
    """The profile as every page shows it; before anything is read, the empty profile."""
    stored = stored_profile(patient)
    return stored.data if stored else build_profile([])


def recompute_profile(patient: Patient, cause: Cause | None = None) -> Profile:
    """Rebuild the patient's profile from every document of hers that was read."""
    # Lock the patient so that two documents finishing at once cannot each miss the other.
    Patient.objects.select_for_update().filter(pk=patient.pk).first()
    documents = (
        patient.documents.filter(status=DocumentStatus.DONE)
        .order_by("created_at", "id")
        .prefetch_related("facts")
    )
    extracted = build_profile([stored_document_facts(document) for document in documents])
    return save_profile(patient, extracted, cause or Cause())


def decisions_of(patient: Patient) -> list[review_rules.Decision]:
    """Her clinicians' decisions on her profile, oldest first (the latest on a value holds)."""
    return [
        review_rules.Decision(
            key=row.key,
            action=review_rules.Action(row.action),
            value=row.value,
            replaced=row.replaced,
            evidence=tuple(row.evidence),
            author=row.author_label,
            at=row.created_at.isoformat(),
            reason=row.reason,
        )
        for row in ClinicianFact.objects.filter(patient=patient).order_by("created_at", "id")
    ]


def save_profile(patient: Patient, extracted: dict[str, Any], cause: Cause) -> Profile:
    """Store what the records say and, with the decisions applied, what is shown.

    The version goes up only when what is shown changes, and every value that changed is
    written to the profile's history with the cause. Call inside the patient's lock.
    """
    shown = review_rules.apply(extracted, decisions_of(patient)).profile
    profile = stored_profile(patient) or Profile(patient=patient)
    before = profile.data or {}
    if shown != before:
        profile.version += 1
        ProfileChange.objects.bulk_create(
            ProfileChange(
                patient=patient,
                version=profile.version,
                key=key,
                before=was,
                after=now,
                actor=cause.actor,
                actor_label=cause.actor.display_name if cause.actor else "",
                document=cause.document,
                action=cause.action,
                reason=cause.reason,
            )
            for key, was, now in review_rules.changed_items(before, shown)
        )
        signals.announce(signals.profile_changed, Profile, patient=patient, version=profile.version)
    profile.data = shown
    profile.extracted = extracted
    profile.extractor_version = EXTRACTOR_VERSION
    profile.computed_at = timezone.now()
    profile.save()
    return profile

"""Factories for people, shares, documents and facts; documents are real generated PDFs."""

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from records.models import Document, DocumentStatus, Page, Role, Share, User
from records.services.accounts import sign_up
from records.services.uploads import accept_upload
from tests import documents as docs
from workers.extraction import DocumentFact, DocumentFacts, Evidence, Field


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Sequence(lambda n: f"Person {n}")
    role = Role.CLINICIAN

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        password = kwargs.pop("password", "a long and unguessable password")
        return sign_up(password=password, **kwargs)


class PatientUserFactory(UserFactory):
    role = Role.PATIENT


class ShareFactory(factory.django.DjangoModelFactory):
    """A live share by default: invited and accepted."""

    class Meta:
        model = Share

    patient = factory.LazyFunction(lambda: PatientUserFactory().patient)
    clinician = factory.SubFactory(UserFactory)
    email = factory.LazyAttribute(lambda share: share.clinician.email)
    token_hash = factory.Sequence(lambda n: f"{n:064x}")
    accepted_at = factory.LazyFunction(timezone.now)


def upload_file(path: Path, name: str | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name or path.name, path.read_bytes())


def upload_document(patient, path: Path, name: str | None = None) -> Document:
    """A document as the upload page would store it (queued; not yet read)."""
    outcome = accept_upload(patient, patient.user, upload_file(path, name))
    assert outcome.document is not None, outcome.rejection
    return outcome.document


def read_document(
    patient, directory: Path, pages: Sequence[str], name: str = "report.pdf"
) -> Document:
    """A document as the worker leaves it (done, with these page texts), without a worker."""
    document = upload_document(patient, docs.text_pdf(directory, pages=pages, name=name))
    Page.objects.bulk_create(
        Page(document=document, number=n, text=text, source="text", width=612, height=792)
        for n, text in enumerate(pages, start=1)
    )
    Document.objects.filter(id=document.id).update(
        status=DocumentStatus.DONE, page_count=len(pages)
    )
    document.refresh_from_db()
    return document


def quote(page_text: str, words: str, page: int = 1, file: str = "report.pdf") -> Evidence:
    """Evidence for `words` where they stand in `page_text`."""
    start = page_text.index(words)
    return Evidence(file=file, page=page, text=words, start=start, end=start + len(words))


def fact(
    field: Field, value: dict[str, Any], *evidence: Evidence, name: str = "", **extra
) -> DocumentFact:
    return DocumentFact(field=field, name=name, value=value, evidence=list(evidence), **extra)


def document_facts(
    *facts: DocumentFact,
    file: str = "report.pdf",
    kind: str | None = "pathology",
    date: str | None = None,
) -> DocumentFacts:
    """What the extractor would return for one document holding these facts."""
    return DocumentFacts(
        file=file, sha256="0" * 64, pages=1, kind=kind, date=date, facts=list(facts)
    )

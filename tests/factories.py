"""Factories for people, shares and documents; documents are real generated PDFs."""

from pathlib import Path

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from records.models import Document, Role, Share, User
from records.services.accounts import sign_up
from records.services.uploads import accept_upload


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

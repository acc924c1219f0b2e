"""Accepting an uploaded file as a patient's document.

Used by the upload page and, later, by the REST API. Expected outcomes (a duplicate, a file
that is not a PDF or photo) are return values, not exceptions.
"""

import hashlib
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from records.models import Document, DocumentStatus, Patient, User
from records.services.documents import enqueue_processing, log_event
from workers.pipeline.errors import FailureCode
from workers.pipeline.sniff import sniff_media_type


@dataclass(frozen=True)
class UploadOutcome:
    name: str
    document: Document | None = None
    duplicate: bool = False
    rejection: FailureCode | None = None

    @property
    def accepted(self) -> bool:
        return self.document is not None


def clean_name(name: str) -> str:
    """The base name only, at most 255 characters, for display."""
    return (PurePath(name.replace("\\", "/")).name or "upload")[-255:]


def rejected(name: str, code: FailureCode) -> UploadOutcome:
    return UploadOutcome(name=clean_name(name), rejection=code)


def accept_upload(patient: Patient, user: User, upload: UploadedFile) -> UploadOutcome:
    """Store the file and queue it, unless it is empty, too large, unknown or a duplicate."""
    name = clean_name(upload.name or "")
    if not upload.size:
        return rejected(name, FailureCode.EMPTY)
    if upload.size > settings.NAVIS_MAX_UPLOAD_BYTES:
        return rejected(name, FailureCode.TOO_LARGE)
    upload.seek(0)
    media_type = sniff_media_type(upload.read(1024))
    if media_type is None:
        return rejected(name, FailureCode.UNSUPPORTED)
    sha256 = file_sha256(upload)
    if existing := patient.documents.filter(sha256=sha256).first():
        return UploadOutcome(name=name, document=existing, duplicate=True)
    try:
        document = store(patient, user, upload, name=name, sha256=sha256, media_type=media_type)
    except IntegrityError:  # the same file, uploaded twice at the same moment
        existing = patient.documents.get(sha256=sha256)
        return UploadOutcome(name=name, document=existing, duplicate=True)
    return UploadOutcome(name=name, document=document)


def file_sha256(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


@transaction.atomic
def store(
    patient: Patient, user: User, upload: UploadedFile, *, name: str, sha256: str, media_type: str
) -> Document:
    document = Document(
        patient=patient,
        uploaded_by=user,
        original_name=name,
        sha256=sha256,
        size=upload.size,
        media_type=media_type,
        status=DocumentStatus.QUEUED,
        queued_at=timezone.now(),
    )
    document.file.save(name, upload, save=False)
    try:
        with transaction.atomic():
            document.save(force_insert=True)
    except IntegrityError:
        document.file.delete(save=False)
        raise
    log_event(document, DocumentStatus.QUEUED)
    enqueue_processing(document.id)
    return document

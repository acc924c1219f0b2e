"""Uploaded documents, the text of their pages, and their processing history.

The document row, not the broker, is the truth about processing: a worker claims it, keeps a
heartbeat on it while it works, and clears the claim when it stops cleanly. A claim left
behind means the worker died; see records/processing.py for the state machine.
"""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models

from records.models.patients import Patient
from workers.pipeline.errors import FailureCode

EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}


class DocumentStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to be read"
    READING = "reading", "Reading the text"
    OCR = "ocr", "Reading scanned pages"
    EXTRACTING = "extracting", "Finding the facts"
    DONE = "done", "Ready"
    FAILED = "failed", "Could not be read"

    @classmethod
    def final(cls) -> frozenset["DocumentStatus"]:
        return frozenset({cls.DONE, cls.FAILED})

    @classmethod
    def working(cls) -> frozenset["DocumentStatus"]:
        return frozenset(set(cls) - cls.final())


class DocumentKind(models.TextChoices):
    """What kind of record a document is, as the extractor reads it."""

    PATHOLOGY = "pathology", "Pathology report"
    CONSULT = "consult", "Clinic letter"
    MOLECULAR = "molecular", "Genetic or molecular test"
    IMAGING = "imaging", "Imaging report"
    DISCHARGE = "discharge", "Discharge summary"
    LAB = "lab", "Lab results"
    OTHER = "other", "Other record"


def upload_path(document: "Document", filename: str) -> str:
    """Stored under ids only: a patient's file name may itself be health data."""
    suffix = EXTENSIONS.get(document.media_type, "")
    return str(PurePosixPath("patients") / str(document.patient_id) / f"{document.id}{suffix}")


class Document(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="documents")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    original_name = models.CharField(max_length=255)
    file = models.FileField(upload_to=upload_path, max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    media_type = models.CharField(max_length=32)

    status = models.CharField(
        max_length=16, choices=DocumentStatus.choices, default=DocumentStatus.QUEUED
    )
    failure_code = models.CharField(max_length=32, blank=True, help_text="A FailureCode value.")
    page_count = models.PositiveIntegerField(null=True, blank=True)
    # Progress of the current stage: pages read, or scanned pages recognised, so far.
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    ocr_pages = models.PositiveIntegerField(default=0)
    # What the extractor read it as; blank until it is read.
    kind = models.CharField(max_length=16, choices=DocumentKind.choices, blank=True)
    report_date = models.CharField(max_length=10, blank=True, help_text="YYYY[-MM[-DD]]")

    attempts = models.PositiveIntegerField(default=0)
    crashes = models.PositiveIntegerField(default=0)
    claim_token = models.CharField(max_length=32, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    queued_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["patient", "sha256"], name="one_document_per_content")
        ]
        indexes = [models.Index(fields=["status", "heartbeat_at"])]

    def __str__(self) -> str:
        return f"Document {self.id}"

    @property
    def is_final(self) -> bool:
        return self.status in DocumentStatus.final()

    @property
    def failure_reason(self) -> str:
        return FailureCode(self.failure_code).message if self.failure_code else ""


class Page(models.Model):
    """The text of one page, where it came from, and word boxes for highlighting evidence."""

    class Source(models.TextChoices):
        TEXT = "text", "Text layer"
        OCR = "ocr", "Text recognition (OCR)"

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="pages")
    number = models.PositiveIntegerField()
    text = models.TextField(blank=True)
    source = models.CharField(max_length=8, choices=Source.choices)
    ocr_confidence = models.FloatField(null=True, blank=True)
    width = models.FloatField()
    height = models.FloatField()
    words = models.JSONField(default=list, help_text="[text, x0, top, x1, bottom] in points")

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="one_row_per_page")
        ]

    def __str__(self) -> str:
        return f"Page {self.number} of {self.document_id}"


class DocumentEvent(models.Model):
    """One step in a document's life (queued, reading, ..., done): its visible history."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=16, choices=DocumentStatus.choices)
    failure_code = models.CharField(max_length=32, blank=True)
    attempt = models.PositiveIntegerField(default=0)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.status} at {self.at:%Y-%m-%d %H:%M:%S}"

"""Queueing documents for the worker, and asking for one to be read again."""

from celery import current_app as app
from django.db import transaction
from django.utils import timezone

from records.models import Document, DocumentEvent, DocumentStatus
from records.services.profiles import Cause, recompute_profile

PROCESS_TASK = "records.tasks.process_document"


def enqueue_processing(document_id: str) -> None:
    """Send the id (only the id) to the worker once the surrounding transaction commits."""
    transaction.on_commit(lambda: app.send_task(PROCESS_TASK, args=[str(document_id)]))


def log_event(document: Document, status: str, failure_code: str = "") -> None:
    DocumentEvent.objects.create(
        document=document, status=status, failure_code=failure_code, attempt=document.attempts
    )


@transaction.atomic
def reprocess(document: Document) -> bool:
    """Read a finished (or failed) document again from the start; False while it is working.

    Its facts leave the patient's profile now and come back when it has been read again.
    """
    document = Document.objects.select_for_update().get(pk=document.pk)
    if not document.is_final:
        return False
    document.status = DocumentStatus.QUEUED
    document.failure_code = ""
    document.attempts = 0
    document.crashes = 0
    document.progress_done = document.progress_total = 0
    document.queued_at = timezone.now()
    document.started_at = document.finished_at = None
    document.save()
    log_event(document, DocumentStatus.QUEUED)
    recompute_profile(document.patient, Cause.reread(document))
    enqueue_processing(document.id)
    return True

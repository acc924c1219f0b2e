"""Processing one document: claim it, read its pages, find its facts, store them, release it.

The state machine lives on the document row. A worker *claims* a document (status reading,
a fresh claim token and heartbeat); while it works a thread keeps the heartbeat fresh; every
write it makes is fenced by its token, so a worker that lost its claim cannot overwrite a
newer run. A clean end (done, failed, or a transient error handed back to the queue) clears
the claim. A claim found without a live heartbeat means the worker died: that counts as a
crash, and a document that crashed its worker NAVIS_MAX_CRASHES times is failed instead of
being tried forever. Re-running the task on a document that is done, or being worked on, does
nothing.

After the pipeline, the document is marked ``extracting`` while its facts are found; then its
pages, its facts, the status ``done`` and the patient's rebuilt profile are written in one
transaction, fenced by the claim, so a reader never sees a done document without its facts.
"""

import logging
import secrets
import threading
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from records import signals
from records.models import Document, DocumentStatus, Page
from records.services.documents import enqueue_processing, log_event
from records.services.profiles import Cause, recompute_profile, store_facts
from workers.extraction import DocumentFacts, extract_document
from workers.pipeline import Limits, PipelineError, PipelineResult, Stage, run_pipeline
from workers.pipeline.errors import FailureCode

log = logging.getLogger(__name__)


class TransientError(Exception):
    """Worth trying again later (tesseract busy or missing, database restarting)."""

    def __init__(self, code: FailureCode) -> None:
        super().__init__(code.value)
        self.code = code


@dataclass(frozen=True)
class Claim:
    document_id: str
    token: str

    def documents(self):
        """The document row, only while this claim still holds it."""
        return Document.objects.filter(id=self.document_id, claim_token=self.token)


def limits() -> Limits:
    return Limits(
        max_bytes=settings.NAVIS_MAX_UPLOAD_BYTES,
        max_pages=settings.NAVIS_MAX_PAGES,
        ocr_dpi=settings.NAVIS_OCR_DPI,
    )


def process(document_id: str) -> str:
    """Run one document through the pipeline; returns what happened, for the task log."""
    claim = claim_document(document_id)
    if claim is None:
        return "skipped"
    document = Document.objects.get(id=document_id)
    with Heartbeat(claim):
        try:
            result = run_pipeline(
                Path(document.file.path), limits(), progress=ProgressWriter(claim)
            )
            if not mark_extracting(claim):
                return "skipped"  # lost the claim: a newer run owns the document
            facts = extract(document, result)
        except PipelineError as error:
            if not error.permanent:
                release(claim)
                raise TransientError(error.code) from error
            log.info("document %s failed: %s (%s)", document_id, error.code, error.detail)
            finish(claim, DocumentStatus.FAILED, error.code)
            return "failed"
        except SoftTimeLimitExceeded:
            finish(claim, DocumentStatus.FAILED, FailureCode.TIMEOUT)
            return "failed"
        except Exception:
            log.exception("document %s crashed while being read", document_id)
            record_crash(claim)
            raise
    return "done" if store_results(claim, result, facts) else "skipped"


def extract(document: Document, result: PipelineResult) -> DocumentFacts:
    """The facts of the pages just read; evidence names the file as the patient uploaded it."""
    return extract_document(
        document.original_name, result.pages, sha256=document.sha256, page_count=result.page_count
    )


@transaction.atomic
def claim_document(document_id: str) -> Claim | None:
    """Take the document for this worker, or None when there is nothing to do."""
    document = Document.objects.select_for_update().filter(id=document_id).first()
    if document is None or document.is_final:
        return None
    now = timezone.now()
    stale_before = now - timedelta(seconds=settings.NAVIS_STALE_AFTER)
    if document.claimed_at and document.heartbeat_at and document.heartbeat_at > stale_before:
        return None  # another worker is on it
    if document.claimed_at:  # the last worker died holding it
        document.crashes += 1
    if document.crashes >= settings.NAVIS_MAX_CRASHES:
        fail_unclaimed(document, FailureCode.CRASHED)
        return None
    document.attempts += 1
    document.claim_token = secrets.token_hex(16)
    document.claimed_at = document.heartbeat_at = document.started_at = now
    document.status = DocumentStatus.READING
    document.progress_done = document.progress_total = 0
    document.save()
    log_event(document, DocumentStatus.READING)
    return Claim(str(document.id), document.claim_token)


def fail_unclaimed(document: Document, code: FailureCode) -> None:
    document.status = DocumentStatus.FAILED
    document.failure_code = code
    document.finished_at = timezone.now()
    document.claim_token = ""
    document.claimed_at = document.heartbeat_at = None
    document.save()
    log_event(document, DocumentStatus.FAILED, code)
    announce_failure(document)


RELEASED = {"claim_token": "", "claimed_at": None, "heartbeat_at": None}


@transaction.atomic
def finish(claim: Claim, status: DocumentStatus, code: FailureCode | None = None) -> bool:
    updated = claim.documents().update(
        status=status, failure_code=code or "", finished_at=timezone.now(), **RELEASED
    )
    if updated:
        document = Document.objects.get(id=claim.document_id)
        log_event(document, status, code or "")
        if status == DocumentStatus.FAILED:
            announce_failure(document)
    return bool(updated)


def announce_failure(document: Document) -> None:
    """Every failure ends in finish() or fail_unclaimed(); both announce it here, on commit."""
    signals.announce(signals.document_failed, Document, patient=document.patient, document=document)


@transaction.atomic
def release(claim: Claim) -> None:
    """Hand the document back to the queue after a transient error (not a crash)."""
    claim.documents().update(status=DocumentStatus.QUEUED, queued_at=timezone.now(), **RELEASED)


@transaction.atomic
def record_crash(claim: Claim) -> None:
    """An unexpected error: count it as a crash and let the queue try once more."""
    document = claim.documents().select_for_update().first()
    if document is None:
        return
    document.crashes += 1
    if document.crashes >= settings.NAVIS_MAX_CRASHES:
        fail_unclaimed(document, FailureCode.CRASHED)
        return
    document.status = DocumentStatus.QUEUED
    document.queued_at = timezone.now()
    document.claim_token = ""
    document.claimed_at = document.heartbeat_at = None
    document.save()
    log_event(document, DocumentStatus.QUEUED)
    enqueue_processing(document.id)


def fail_after_retries(document_id: str, code: FailureCode) -> None:
    """A transient error that did not go away: say so on the document."""
    with transaction.atomic():
        document = Document.objects.select_for_update().filter(id=document_id).first()
        if document and not document.is_final and not document.claimed_at:
            fail_unclaimed(document, code)


@transaction.atomic
def mark_extracting(claim: Claim) -> bool:
    """The pages are read; now the facts. False if this claim no longer holds the document."""
    updated = claim.documents().update(
        status=DocumentStatus.EXTRACTING,
        progress_done=0,
        progress_total=0,
        heartbeat_at=timezone.now(),
    )
    if updated:
        log_event(Document.objects.get(id=claim.document_id), DocumentStatus.EXTRACTING)
    return bool(updated)


@transaction.atomic
def store_results(claim: Claim, result: PipelineResult, facts: DocumentFacts) -> bool:
    """Pages, facts, done and the patient's new profile, all or nothing; idempotent."""
    document = claim.documents().select_for_update().first()
    if document is None:
        return False  # lost the claim: a newer run owns the document
    store_pages(document, result)
    store_facts(document, facts)
    document.status = DocumentStatus.DONE
    document.failure_code = ""
    document.finished_at = timezone.now()
    document.claim_token = ""
    document.claimed_at = document.heartbeat_at = None
    document.save()
    log_event(document, DocumentStatus.DONE)
    signals.announce(
        signals.document_processed, Document, patient=document.patient, document=document
    )
    recompute_profile(document.patient, Cause.read(document))
    return True


def store_pages(document: Document, result: PipelineResult) -> None:
    """Replace the document's pages with this run's, so no page is ever duplicated."""
    document.pages.all().delete()
    Page.objects.bulk_create(
        Page(
            document=document,
            number=page.number,
            text=page.text,
            source=page.source.value,
            ocr_confidence=page.ocr_confidence,
            width=page.width,
            height=page.height,
            words=[[w.text, w.x0, w.top, w.x1, w.bottom] for w in page.words],
        )
        for page in result.pages
    )
    document.page_count = result.page_count
    document.progress_done = document.progress_total = len(result.pages)
    document.ocr_pages = sum(1 for page in result.pages if page.source == "ocr")


class ProgressWriter:
    """Writes the pipeline's progress to the row, at most a few times a second."""

    def __init__(self, claim: Claim, every: float = 0.5) -> None:
        self.claim, self.every = claim, every
        self.last_write, self.stage = 0.0, Stage.READING

    def __call__(self, stage: Stage, done: int, total: int) -> None:
        now = time.monotonic()
        changed = stage != self.stage
        if not changed and done < total and now - self.last_write < self.every:
            return
        self.last_write, self.stage = now, stage
        fields = {"status": stage.value, "progress_done": done, "progress_total": total}
        if stage == Stage.READING:
            fields["page_count"] = total
        self.claim.documents().update(**fields, heartbeat_at=timezone.now())
        if changed:
            document = Document.objects.filter(id=self.claim.document_id).first()
            if document:
                log_event(document, stage.value)


class Heartbeat:
    """A thread that keeps the claim's heartbeat fresh while the pipeline runs."""

    def __init__(self, claim: Claim) -> None:
        self.claim = claim
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.beat, name="navis-heartbeat", daemon=True)

    def __enter__(self) -> "Heartbeat":
        self.thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stopped.set()
        self.thread.join(timeout=5)

    def beat(self) -> None:
        try:
            while not self.stopped.wait(settings.NAVIS_HEARTBEAT_SECONDS):
                self.claim.documents().update(heartbeat_at=timezone.now())
        finally:
            connection.close()


def sweep_stuck_documents() -> int:
    """Re-enqueue documents a dead worker or a lost message left behind; returns how many."""
    now = timezone.now()
    crashed = Q(claimed_at__isnull=False) & (
        Q(heartbeat_at__isnull=True)
        | Q(heartbeat_at__lt=now - timedelta(seconds=settings.NAVIS_STALE_AFTER))
    )
    lost = Q(
        status=DocumentStatus.QUEUED,
        claimed_at__isnull=True,
        queued_at__lt=now - timedelta(seconds=settings.NAVIS_REQUEUE_AFTER),
    )
    stuck = Document.objects.filter(status__in=DocumentStatus.working()).filter(crashed | lost)
    ids = [str(pk) for pk in stuck.values_list("id", flat=True)]
    with transaction.atomic():
        Document.objects.filter(id__in=ids, claimed_at__isnull=True).update(queued_at=now)
        for document_id in ids:
            enqueue_processing(document_id)
    if ids:
        log.info("sweep re-enqueued %d documents", len(ids))
    return len(ids)

"""The processing state machine on the document row, run in the test process."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from records import processing
from records.models import Document, DocumentStatus, Fact, Page, Profile
from records.services.documents import reprocess
from tests import documents as docs
from tests.factories import document_facts, fact, upload_document
from workers.extraction import Field
from workers.pipeline import run_pipeline
from workers.pipeline.errors import FailureCode


def stale(document: Document) -> None:
    """Make the document look as if its worker died holding it."""
    long_ago = timezone.now() - timedelta(hours=1)
    Document.objects.filter(id=document.id).update(heartbeat_at=long_ago)


def test_a_document_is_read_into_pages_and_marked_done(document):
    assert processing.process(str(document.id)) == "done"
    document.refresh_from_db()
    assert document.status == DocumentStatus.DONE
    assert document.page_count == 1
    assert "Invasive ductal carcinoma" in document.pages.get().text
    assert document.claimed_at is None


def test_running_the_task_again_changes_nothing(document):
    processing.process(str(document.id))
    assert processing.process(str(document.id)) == "skipped"
    assert Page.objects.filter(document=document).count() == 1
    assert document.events.filter(status=DocumentStatus.DONE).count() == 1


def test_reprocessing_replaces_the_pages_without_duplicating_them(document):
    processing.process(str(document.id))
    assert reprocess(document)
    assert processing.process(str(document.id)) == "done"
    assert Page.objects.filter(document=document).count() == 1


def test_a_document_being_worked_on_is_not_claimed_twice(document):
    assert processing.claim_document(str(document.id)) is not None
    assert processing.claim_document(str(document.id)) is None


def test_a_claim_without_a_heartbeat_counts_as_a_crash_and_is_retried(document):
    processing.claim_document(str(document.id))
    stale(document)
    assert processing.claim_document(str(document.id)) is not None
    document.refresh_from_db()
    assert (document.crashes, document.attempts) == (1, 2)


def test_a_document_that_crashed_its_worker_twice_fails_for_good(document):
    processing.claim_document(str(document.id))
    stale(document)
    processing.claim_document(str(document.id))
    stale(document)
    assert processing.claim_document(str(document.id)) is None
    document.refresh_from_db()
    assert document.status == DocumentStatus.FAILED
    assert document.failure_reason == "The document could not be processed."


def test_a_worker_that_lost_its_claim_cannot_store_pages(document):
    claim = processing.claim_document(str(document.id))
    stale(document)
    processing.claim_document(str(document.id))  # a second worker takes over
    assert not processing.finish(claim, DocumentStatus.DONE)
    document.refresh_from_db()
    assert document.status == DocumentStatus.READING


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (docs.corrupt_pdf, FailureCode.CORRUPT),
        (docs.encrypted_pdf, FailureCode.ENCRYPTED),
    ],
)
def test_an_unreadable_pdf_fails_with_its_reason(patient, tmp_path, make, code):
    document = upload_document(patient, make(tmp_path))
    assert processing.process(str(document.id)) == "failed"
    document.refresh_from_db()
    assert (document.status, document.failure_code) == (DocumentStatus.FAILED, code)
    assert document.claimed_at is None


def test_too_many_pages_fails_with_that_reason(patient, tmp_path, settings):
    settings.NAVIS_MAX_PAGES = 2
    document = upload_document(patient, docs.many_pages_pdf(tmp_path, 3))
    processing.process(str(document.id))
    document.refresh_from_db()
    assert document.failure_code == FailureCode.TOO_MANY_PAGES


def test_the_sweep_requeues_a_document_left_by_a_dead_worker(
    document, django_capture_on_commit_callbacks
):
    processing.claim_document(str(document.id))
    stale(document)
    with django_capture_on_commit_callbacks() as queued:
        assert processing.sweep_stuck_documents() == 1
    assert len(queued) == 1


def test_the_sweep_requeues_a_queued_document_whose_message_was_lost(
    document, settings, django_capture_on_commit_callbacks
):
    settings.NAVIS_REQUEUE_AFTER = 0
    with django_capture_on_commit_callbacks() as queued:
        assert processing.sweep_stuck_documents() == 1
    assert len(queued) == 1


def test_the_sweep_leaves_live_and_finished_documents_alone(patient, tmp_path, document):
    processing.claim_document(str(document.id))
    done = upload_document(patient, docs.text_pdf(tmp_path, pages=["Other report"], name="o.pdf"))
    processing.process(str(done.id))
    assert processing.sweep_stuck_documents() == 0


def test_reprocess_is_refused_while_the_document_is_being_read(document):
    processing.claim_document(str(document.id))
    assert reprocess(document) is False


@pytest.fixture
def tesseract_missing(monkeypatch):
    """The machine has no tesseract program (configuration, not a mock of our code)."""
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")


def test_a_transient_error_hands_the_document_back_without_counting_a_crash(
    patient, tmp_path, tesseract_missing
):
    document = upload_document(patient, docs.scanned_pdf(tmp_path))
    with pytest.raises(processing.TransientError):
        processing.process(str(document.id))
    document.refresh_from_db()
    assert (document.status, document.crashes, document.claimed_at) == ("queued", 0, None)


def test_a_transient_error_that_persists_fails_the_document_after_the_retries(
    patient, tmp_path, tesseract_missing
):
    from records.tasks import MAX_RETRIES, process_document

    document = upload_document(patient, docs.scanned_pdf(tmp_path))
    process_document.apply(args=[str(document.id)])  # eager: retries run at once
    document.refresh_from_db()
    assert (document.status, document.failure_code) == ("failed", FailureCode.OCR_UNAVAILABLE)
    assert document.attempts == MAX_RETRIES + 1


def test_an_unexpected_error_counts_as_a_crash_and_fails_the_second_time(
    document, django_capture_on_commit_callbacks
):
    document.file.delete(save=False)  # the stored file vanished: nothing the pipeline expects
    with django_capture_on_commit_callbacks() as queued, pytest.raises(FileNotFoundError):
        processing.process(str(document.id))
    document.refresh_from_db()
    assert (document.status, document.crashes, len(queued)) == ("queued", 1, 1)

    with pytest.raises(FileNotFoundError):
        processing.process(str(document.id))
    document.refresh_from_db()
    assert (document.status, document.failure_code) == ("failed", FailureCode.CRASHED)


def test_a_document_is_marked_extracting_after_its_pages_are_read_and_before_done(document):
    processing.process(str(document.id))
    statuses = [event.status for event in document.events.all()]
    assert statuses[-2:] == [DocumentStatus.EXTRACTING, DocumentStatus.DONE]


def test_reading_a_document_rebuilds_the_patients_profile_with_it(document):
    processing.process(str(document.id))
    profile = Profile.objects.get(patient=document.patient)
    assert [(d["file"], d["sha256"]) for d in profile.data["documents"]] == [
        (document.original_name, document.sha256)
    ]


def test_reprocessing_leaves_the_same_number_of_facts(document):
    processing.process(str(document.id))
    facts = Fact.objects.filter(document=document).count()
    reprocess(document)
    processing.process(str(document.id))
    assert Fact.objects.filter(document=document).count() == facts


def test_a_document_that_fails_is_left_out_of_the_profile(document, patient, tmp_path):
    processing.process(str(document.id))
    broken = upload_document(patient, docs.corrupt_pdf(tmp_path))
    processing.process(str(broken.id))
    reprocess(document)
    processing.process(str(document.id))
    files = [d["file"] for d in Profile.objects.get(patient=patient).data["documents"]]
    assert files == [document.original_name]


def test_a_worker_that_lost_its_claim_cannot_mark_the_document_extracting(document):
    claim = processing.claim_document(str(document.id))
    stale(document)
    processing.claim_document(str(document.id))  # a second worker takes over
    assert not processing.mark_extracting(claim)
    assert not document.events.filter(status=DocumentStatus.EXTRACTING).exists()


def test_a_worker_that_lost_its_claim_stores_no_pages_facts_or_profile(document):
    claim = processing.claim_document(str(document.id))
    result = run_pipeline(Path(document.file.path), processing.limits())
    stale(document)
    processing.claim_document(str(document.id))  # a second worker takes over
    facts = document_facts(fact(Field.BIOMARKER, {"status": "positive"}, name="ER"))
    assert not processing.store_results(claim, result, facts)
    assert (document.pages.count(), document.facts.count()) == (0, 0)
    assert not Profile.objects.filter(patient=document.patient).exists()

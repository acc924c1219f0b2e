"""A worker killed with kill -9 in the middle of a document loses nothing and repeats nothing.

Against Redis, as in production: 20 uploads, the worker is killed while it reads one, a new
worker starts, and every document ends done exactly once. The document row is the truth:
the heartbeat of the killed worker's claim goes stale, and the sweep re-enqueues it.
"""

import pytest
from django.conf import settings
from django.db.models import Count, Q

from records.models import Document, DocumentStatus
from tests import documents as docs
from tests.factories import PatientUserFactory, upload_document
from tests.worker_process import wait_for

pytestmark = [
    pytest.mark.worker,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not settings.CELERY_BROKER_URL.startswith("redis://"),
        reason="the kill -9 acceptance test runs against Redis (NAVIS_TEST_BACKEND=postgres)",
    ),
]


@pytest.fixture
def twenty_documents(tmp_path):
    patient = PatientUserFactory().patient
    return [
        upload_document(
            patient, docs.scanned_pdf(tmp_path, pages=[f"Report number {n}"], name=f"{n}.pdf")
        )
        for n in range(20)
    ]


def test_a_killed_worker_loses_no_document_and_repeats_none(worker_factory, twenty_documents):
    ids = [d.id for d in twenty_documents]
    first = worker_factory()
    wait_for(
        lambda: (
            Document.objects.filter(id__in=ids, status=DocumentStatus.DONE).count() >= 3
            and Document.objects.filter(id__in=ids, status=DocumentStatus.OCR).exists()
        ),
        90,
        first.tail,
        every=0.05,
    )
    victim = Document.objects.get(id__in=ids, status=DocumentStatus.OCR)
    first.kill()

    second = worker_factory()
    wait_for(
        lambda: Document.objects.filter(id__in=ids, status=DocumentStatus.DONE).count() == 20,
        180,
        second.tail,
    )
    done_events = Document.objects.filter(id__in=ids).annotate(
        done=Count("events", filter=Q(events__status=DocumentStatus.DONE))
    )
    assert sorted(d.done for d in done_events) == [1] * 20
    assert all(d.pages.count() == d.page_count == 1 for d in done_events)
    victim.refresh_from_db()
    assert (victim.crashes, victim.attempts) == (1, 2)

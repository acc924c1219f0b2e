"""A real Celery worker process reads what a patient uploads, as in production.

Uploads go through the upload endpoint; the worker runs `celery -A navis worker -B` on the
real broker (Redis, or the filesystem transport of the embedded default) and the test
database; the tests watch the document rows.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from records.models import Document, DocumentStatus
from tests import documents as docs
from tests.factories import PatientUserFactory, upload_file
from tests.worker_process import wait_for

GOOD_REPORT = "Good report: invasive ductal carcinoma, grade 2"

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def upload(client, worker):
    """Upload files as a new patient; returns the documents (or rejections) by file name."""
    owner = PatientUserFactory()
    client.force_login(owner)

    def send(*files):
        response = client.post(
            reverse("upload", args=[owner.patient.id]),
            {"files": list(files)},
            headers={"accept": "application/json"},
        )
        return {r["name"]: r for r in response.json()["results"]}

    return send


def finished(results: dict, worker, timeout: float = 120) -> dict[str, Document]:
    ids = {name: r["document"]["id"] for name, r in results.items() if r["accepted"]}

    def all_final() -> bool:
        statuses = Document.objects.filter(id__in=ids.values()).values_list("status", flat=True)
        return all(s in DocumentStatus.final() for s in statuses)

    wait_for(all_final, timeout, worker.tail)
    return {name: Document.objects.get(id=pk) for name, pk in ids.items()}


def test_text_two_column_scanned_and_photo_records_all_end_done(upload, worker, tmp_path):
    report = ["SURGICAL PATHOLOGY\nFINAL DIAGNOSIS", "ADDENDUM\nHER2 FISH ratio 2.4"]
    files = {
        "report.pdf": docs.text_pdf(tmp_path, pages=report, name="report.pdf"),
        "columns.pdf": docs.two_column_pdf(tmp_path, name="columns.pdf"),
        "scan.pdf": docs.scanned_pdf(
            tmp_path, pages=["PATHOLOGY REPORT\nEstrogen receptor positive"], name="scan.pdf"
        ),
        "photo.jpg": docs.photo_jpeg(
            tmp_path, ["ONCOLOGY CLINIC NOTE", "Tamoxifen started"], name="photo.jpg"
        ),
    }
    documents = finished(upload(*(upload_file(p, name) for name, p in files.items())), worker)

    assert {d.status for d in documents.values()} == {DocumentStatus.DONE}
    report, columns = documents["report.pdf"], documents["columns.pdf"]
    assert [p.text.splitlines()[0] for p in report.pages.all()] == [
        "SURGICAL PATHOLOGY",
        "ADDENDUM",
    ]
    column_text = columns.pages.get().text
    assert column_text.index("stage used by the team.") < column_text.index("Sentinel lymph node")
    for name, words in (("scan.pdf", "estrogen"), ("photo.jpg", "tamoxifen")):
        page = documents[name].pages.get()
        assert (page.source, documents[name].ocr_pages) == ("ocr", 1)
        assert words in page.text.lower() and page.ocr_confidence > 50


def test_bad_files_end_with_a_clear_reason_and_the_others_are_read(
    upload, worker, tmp_path, settings
):
    settings.NAVIS_MAX_UPLOAD_BYTES = 200_000
    results = upload(
        upload_file(docs.corrupt_pdf(tmp_path)),
        upload_file(docs.word_file_named_pdf(tmp_path)),
        upload_file(docs.encrypted_pdf(tmp_path)),
        upload_file(docs.empty_file(tmp_path)),
        SimpleUploadedFile("huge.pdf", b"%PDF-1.7\n" + b"0" * 300_000),
        upload_file(docs.text_pdf(tmp_path, pages=[GOOD_REPORT], name="good.pdf")),
    )
    rejected = {name: r["code"] for name, r in results.items() if not r["accepted"]}
    assert rejected == {"letter.pdf": "unsupported", "empty.pdf": "empty", "huge.pdf": "too_large"}

    documents = finished(results, worker)
    failures = {name: (d.status, d.failure_code) for name, d in documents.items()}
    assert failures == {
        "damaged.pdf": ("failed", "corrupt"),
        "locked.pdf": ("failed", "encrypted"),
        "good.pdf": ("done", ""),
    }
    assert "password" in documents["locked.pdf"].failure_reason


def test_progress_is_visible_while_the_worker_reads(upload, worker, tmp_path, client):
    path = docs.many_pages_pdf(tmp_path, 40)
    result = upload(upload_file(path))[path.name]
    documents = finished({path.name: result}, worker)
    status = client.get(result["document"]["status_url"]).json()
    assert (status["status"], status["progress_done"], status["page_count"]) == ("done", 40, 40)
    assert [e.status for e in documents[path.name].events.all()] == [
        "queued",
        "reading",
        "extracting",
        "done",
    ]

"""Documents through the API: multipart upload of many files, progress, page text, re-reading."""

import pytest
from django.urls import reverse

from records import processing
from records.models import Document, DocumentStatus
from tests import documents as docs
from tests.reports import BIOPSY


@pytest.fixture
def upload(api_as, owner, patient, tmp_path):
    def send(*paths, client=None):
        files = [path.open("rb") for path in paths]
        try:
            api = client or api_as(owner)
            url = reverse("api-documents", args=[patient.id])
            return api.post(url, {"files": files}, format="multipart")
        finally:
            for file in files:
                file.close()

    return send


def test_many_files_are_uploaded_at_once_and_queued(upload, tmp_path, patient):
    response = upload(
        docs.text_pdf(tmp_path, pages=["one"], name="one.pdf"),
        docs.text_pdf(tmp_path, pages=["two"], name="two.pdf"),
    )
    assert response.status_code == 201
    results = response.json()["results"]
    assert [r["file_name"] for r in results] == ["one.pdf", "two.pdf"]
    assert all(r["accepted"] and r["document"]["status"] == "queued" for r in results)
    assert patient.documents.count() == 2


def test_a_file_that_is_not_a_record_is_refused_with_the_reason(upload, tmp_path):
    response = upload(
        docs.text_pdf(tmp_path, pages=["one"], name="one.pdf"),
        docs.word_file_named_pdf(tmp_path, name="letter.pdf"),
    )
    rejected = [r for r in response.json()["results"] if not r["accepted"]]
    assert [r["file_name"] for r in rejected] == ["letter.pdf"]
    assert "not a PDF" in rejected[0]["reason"]


def test_when_no_file_is_accepted_the_answer_is_400_with_each_reason(upload, tmp_path):
    response = upload(docs.word_file_named_pdf(tmp_path, name="letter.pdf"))
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["files"][0].startswith("letter.pdf: ")


def test_a_file_past_the_size_limit_is_refused_before_it_is_stored(
    upload, tmp_path, patient, settings
):
    settings.NAVIS_MAX_UPLOAD_BYTES = 2048
    big = tmp_path / "big.pdf"
    big.write_bytes(b"%PDF-1.7\n" + b"0" * 10_000)
    response = upload(big)
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["files"][0].startswith("big.pdf: ")
    assert not patient.documents.exists()


def test_an_upload_without_files_is_invalid(api_as, owner, patient):
    response = api_as(owner).post(reverse("api-documents", args=[patient.id]), {})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"


@pytest.fixture
def read(patient, tmp_path, upload):
    response = upload(docs.text_pdf(tmp_path, pages=[BIOPSY], name="biopsy.pdf"))
    document = Document.objects.get(id=response.json()["results"][0]["document"]["id"])
    assert processing.process(str(document.id)) == "done"
    return document


def test_a_document_shows_its_progress_and_kind_once_read(api_as, owner, patient, read):
    url = reverse("api-document", args=[patient.id, read.id])
    body = api_as(owner).get(url).json()
    assert (body["status"], body["page_count"], body["kind"]) == ("done", 1, "pathology")
    assert body["progress"] == {"done": 1, "total": 1}


def test_the_page_text_is_given_page_by_page(api_as, owner, patient, read):
    pages = api_as(owner).get(reverse("api-document-pages", args=[patient.id, read.id])).json()
    assert pages["count"] == 1
    assert "HER2 (IHC): 2+ (equivocal)" in pages["results"][0]["text"]


def test_documents_are_filtered_by_status(api_as, owner, patient, read, upload, tmp_path):
    upload(docs.text_pdf(tmp_path, pages=["later"], name="later.pdf"))
    url = reverse("api-documents", args=[patient.id])
    listed = api_as(owner).get(url, {"status": "queued"}).json()["results"]
    assert [d["file_name"] for d in listed] == ["later.pdf"]


def test_a_read_document_can_be_read_again(api_as, owner, patient, read):
    url = reverse("api-document-reprocess", args=[patient.id, read.id])
    response = api_as(owner).post(url)
    assert response.status_code == 202 and response.json()["status"] == "queued"


def test_a_document_being_read_cannot_be_asked_again(api_as, owner, patient, read):
    read.status = DocumentStatus.READING
    read.save()
    url = reverse("api-document-reprocess", args=[patient.id, read.id])
    response = api_as(owner).post(url)
    assert response.status_code == 409 and response.json()["error"]["code"] == "conflict"

"""Uploading: content decides what is accepted; duplicates are not read twice."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from records.models import Document, DocumentStatus
from tests import documents as docs
from tests.factories import upload_file

JSON = {"headers": {"accept": "application/json"}}


@pytest.fixture
def post(client, owner):
    client.force_login(owner)

    def send(*files):
        return client.post(
            reverse("upload", args=[owner.patient.id]), {"files": list(files)}, **JSON
        )

    return send


def test_a_pdf_is_stored_and_queued_for_the_worker(
    post, text_pdf, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as queued:
        result = post(upload_file(text_pdf)).json()["results"][0]
    document = Document.objects.get(id=result["document"]["id"])
    assert document.status == DocumentStatus.QUEUED
    assert document.media_type == "application/pdf"
    assert len(queued) == 1


def test_several_files_are_accepted_at_once(post, tmp_path):
    files = [
        upload_file(docs.text_pdf(tmp_path, pages=[f"Report {n}"], name=f"r{n}.pdf"))
        for n in range(3)
    ]
    results = post(*files).json()["results"]
    assert [r["accepted"] for r in results] == [True, True, True]


@pytest.mark.parametrize(
    ("make", "media_type"),
    [(docs.photo_jpeg, "image/jpeg"), (docs.photo_png, "image/png")],
)
def test_a_photo_of_a_page_is_accepted(post, tmp_path, make, media_type):
    result = post(upload_file(make(tmp_path, ["HER2 (4B5): 3+"]))).json()["results"][0]
    assert result["accepted"]
    assert Document.objects.get(id=result["document"]["id"]).media_type == media_type


def test_a_pdf_is_recognised_by_its_content_not_its_name(post, text_pdf):
    result = post(upload_file(text_pdf, name="scan.txt")).json()["results"][0]
    assert result["accepted"]


@pytest.mark.parametrize(
    ("make", "code"),
    [(docs.word_file_named_pdf, "unsupported"), (docs.empty_file, "empty")],
)
def test_a_file_that_is_not_a_record_is_refused_with_a_reason(post, tmp_path, make, code):
    response = post(upload_file(make(tmp_path)))
    result = response.json()["results"][0]
    assert response.status_code == 400
    assert (result["accepted"], result["code"]) == (False, code)
    assert result["reason"]
    assert not Document.objects.exists()


def test_an_oversized_file_is_refused_before_it_is_stored(post, settings, text_pdf, tmp_path):
    settings.NAVIS_MAX_UPLOAD_BYTES = 2048
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.7\n" + b"0" * 10_000)
    results = post(big, upload_file(text_pdf)).json()["results"]
    by_name = {r["name"]: r for r in results}
    assert by_name["big.pdf"]["code"] == "too_large"
    assert by_name[text_pdf.name]["accepted"]
    assert Document.objects.count() == 1


def test_a_duplicate_returns_the_existing_document_and_is_not_read_again(
    post, text_pdf, django_capture_on_commit_callbacks
):
    first = post(upload_file(text_pdf)).json()["results"][0]
    with django_capture_on_commit_callbacks() as queued:
        again = post(upload_file(text_pdf, name="copy.pdf")).json()["results"][0]
    assert again["duplicate"] and again["document"]["id"] == first["document"]["id"]
    assert Document.objects.count() == 1
    assert queued == []


def test_the_same_file_from_two_patients_is_two_documents(client, owner, stranger, text_pdf):
    for person in (owner, stranger):
        client.force_login(person)
        client.post(reverse("upload", args=[person.patient.id]), {"files": [upload_file(text_pdf)]})
    assert Document.objects.count() == 2


def test_the_stored_file_name_carries_no_patient_words(post, tmp_path):
    path = docs.text_pdf(tmp_path, pages=["x" * 30], name="Jane Doe pathology.pdf")
    document = Document.objects.get(
        id=post(upload_file(path)).json()["results"][0]["document"]["id"]
    )
    assert "Jane" not in document.file.name
    assert document.original_name == "Jane Doe pathology.pdf"


def test_the_page_works_without_javascript(client, owner, text_pdf):
    client.force_login(owner)
    response = client.post(
        reverse("upload", args=[owner.patient.id]), {"files": [upload_file(text_pdf)]}
    )
    assert response.status_code == 200
    assert "received" in response.content.decode()


def test_the_original_file_is_served_to_the_owner_unchanged(client, owner, document, text_pdf):
    client.force_login(owner)
    response = client.get(reverse("document-file", args=[owner.patient.id, document.id]))
    assert b"".join(response.streaming_content) == text_pdf.read_bytes()
    assert "no-store" in response["Cache-Control"]

"""One document: its page text, live progress, the original file, and Reprocess."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from records.access import document_for, patient_for
from records.models import Action, Document
from records.services.documents import reprocess
from records.views import not_allowed


@login_required
def document_detail(request: HttpRequest, patient_id: UUID, document_id: UUID) -> HttpResponse:
    document = document_for(request.user, patient_id, document_id, Action.VIEW_DOCUMENT)
    if refused := not_allowed(request, "GET"):
        return refused
    return render(
        request,
        "records/document_detail.html",
        {
            "document": document,
            "patient": document.patient,
            "pages": document.pages.all(),
            "events": document.events.all(),
            "status": status_of(document),
            "is_owner": document.patient.user_id == request.user.id,
        },
    )


@login_required
def document_status(request: HttpRequest, patient_id: UUID, document_id: UUID) -> HttpResponse:
    document = document_for(request.user, patient_id, document_id, Action.VIEW_STATUS)
    return not_allowed(request, "GET") or JsonResponse(status_of(document))


@login_required
def documents_status(request: HttpRequest, patient_id: UUID) -> HttpResponse:
    """Progress of all the patient's documents at once, for the upload page to poll."""
    patient = patient_for(request.user, patient_id, Action.VIEW_STATUS)
    if refused := not_allowed(request, "GET"):
        return refused
    return JsonResponse({"documents": [status_of(d) for d in patient.documents.all()]})


@login_required
def document_file(request: HttpRequest, patient_id: UUID, document_id: UUID) -> HttpResponse:
    document = document_for(request.user, patient_id, document_id, Action.DOWNLOAD)
    if refused := not_allowed(request, "GET"):
        return refused
    response = FileResponse(
        document.file.open("rb"),
        content_type=document.media_type,
        as_attachment=False,
        filename=document.original_name,
    )
    response["Content-Security-Policy"] = "sandbox"
    return response


@login_required
def document_reprocess(request: HttpRequest, patient_id: UUID, document_id: UUID) -> HttpResponse:
    document = document_for(request.user, patient_id, document_id, Action.REPROCESS)
    if refused := not_allowed(request, "POST"):
        return refused
    if reprocess(document):
        messages.success(request, "The document will be read again.")
    else:
        messages.info(request, "The document is still being read.")
    return redirect("document", patient_id=patient_id, document_id=document_id)


def status_of(document: Document) -> dict:
    """Fixed codes and numbers only: the page translates them, and no record text leaves."""
    since = document.queued_at or document.created_at
    end = document.finished_at if document.is_final else timezone.now()
    args = {"patient_id": document.patient_id, "document_id": document.id}
    return {
        "id": str(document.id),
        "name": document.original_name,
        "status": document.status,
        "label": document.get_status_display(),
        "final": document.is_final,
        "failure_code": document.failure_code or None,
        "failure_reason": document.failure_reason or None,
        "progress_done": document.progress_done,
        "progress_total": document.progress_total,
        "page_count": document.page_count,
        "ocr_pages": document.ocr_pages,
        "waited_seconds": max(0, int((end - since).total_seconds())) if since and end else 0,
        "url": reverse("document", kwargs=args),
        "status_url": reverse("document-status", kwargs=args),
    }

"""The upload page and the upload endpoint (JSON for the page's script, HTML without it)."""

from uuid import UUID

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from records.access import patient_for
from records.forms import UploadForm
from records.models import Action
from records.services.uploads import UploadOutcome, accept_upload, rejected
from records.views import not_allowed
from records.views.documents import status_of
from workers.pipeline.errors import FailureCode


@login_required
def upload(request: HttpRequest, patient_id: UUID) -> HttpResponse:
    action = Action.UPLOAD if request.method == "POST" else Action.OPEN_UPLOAD_PAGE
    patient = patient_for(request.user, patient_id, action)
    if refused := not_allowed(request, "GET", "POST"):
        return refused
    page = {
        "patient": patient,
        "form": UploadForm(),
        "max_mb": settings.NAVIS_MAX_UPLOAD_BYTES >> 20,
    }
    if request.method == "GET":
        return render(request, "records/upload.html", page)
    outcomes = [accept_upload(patient, request.user, f) for f in request.FILES.getlist("files")]
    outcomes += [
        rejected(name, FailureCode.TOO_LARGE) for name in getattr(request, "oversized_uploads", [])
    ]
    results = [result_of(outcome) for outcome in outcomes]
    status = 200 if any(o.accepted for o in outcomes) else 400
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"results": results}, status=status)
    return render(request, "records/upload.html", {**page, "results": results}, status=status)


def result_of(outcome: UploadOutcome) -> dict:
    return {
        "name": outcome.name,
        "accepted": outcome.accepted,
        "duplicate": outcome.duplicate,
        "reason": outcome.rejection.message if outcome.rejection else None,
        "code": outcome.rejection.value if outcome.rejection else None,
        "document": status_of(outcome.document) if outcome.document else None,
    }

"""A patient's records: the list of her documents with their progress."""

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from records.access import patient_for
from records.forms import UploadForm
from records.models import Action
from records.views import not_allowed


@login_required
def patient_detail(request: HttpRequest, patient_id: UUID) -> HttpResponse:
    patient = patient_for(request.user, patient_id, Action.VIEW_RECORDS)
    if refused := not_allowed(request, "GET"):
        return refused
    documents = patient.documents.all()
    return render(
        request,
        "records/patient_detail.html",
        {
            "patient": patient,
            "documents": documents,
            "is_owner": patient.user_id == request.user.id,
            "form": UploadForm(),
        },
    )

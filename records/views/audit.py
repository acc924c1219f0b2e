"""Who looked at the patient's records: shown to her, newest first."""

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from records.access import patient_for
from records.models import Action
from records.views import not_allowed


@login_required
def access_log(request: HttpRequest, patient_id: UUID) -> HttpResponse:
    patient = patient_for(request.user, patient_id, Action.VIEW_ACCESS_LOG)
    if refused := not_allowed(request, "GET"):
        return refused
    events = patient.access_events.select_related("actor")
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "records/access_log.html", {"patient": patient, "page": page})

"""Who looked at the patient's records: shown to her, newest first."""

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Max
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
    others = (
        events.exclude(actor=request.user)
        .values("actor_label", "actor__first_name", "actor__last_name", "actor__role")
        .annotate(last=Max("at"), times=Count("id"))
        .order_by("-last")
    )
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    names = dict(patient.documents.values_list("id", "original_name"))
    for event in page:
        event.document_name = (
            names.get(UUID(event.target_id)) if event.target_type == "document" else None
        )
    context = {"patient": patient, "page": page, "others": others}
    return render(request, "records/access_log.html", context)

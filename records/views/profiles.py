"""The patient's cancer summary: her profile in plain words, each value with its evidence."""

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from records.access import patient_for
from records.evidence import EvidenceFinder
from records.models import Action, DocumentStatus, Profile
from records.summary import summarize
from records.views import not_allowed


@login_required
def profile(request: HttpRequest, patient_id: UUID) -> HttpResponse:
    patient = patient_for(request.user, patient_id, Action.VIEW_PROFILE)
    if refused := not_allowed(request, "GET"):
        return refused
    stored = Profile.objects.filter(patient=patient).first()
    documents = patient.documents.all()
    return render(
        request,
        "records/profile.html",
        {
            "patient": patient,
            "profile": stored,
            "summary": summarize(stored.data, EvidenceFinder(patient)) if stored else None,
            "is_owner": patient.user_id == request.user.id,
            "reading": documents.filter(status__in=DocumentStatus.working()).count(),
            "unreadable": documents.filter(status=DocumentStatus.FAILED).count(),
        },
    )

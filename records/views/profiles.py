"""The patient's cancer summary: her profile in plain words, each value with its evidence."""

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from records.access import patient_for
from records.evidence import EvidenceFinder
from records.models import Action, DocumentStatus, Profile, ProfileChange, SignOff
from records.services.profiles import stored_profile
from records.services.reviews import reviewed
from records.summary import Summary, item_name, summarize, value_text
from records.summary_pdf import render_summary_pdf
from records.views import not_allowed

ACTION_WORDS = {"accept": "verified", "correct": "corrected", "reject": "rejected"}


def summary_of(stored: Profile | None) -> Summary | None:
    """The profile as shown, in plain words, each value with its evidence and review."""
    if stored is None:
        return None
    return summarize(stored.data, EvidenceFinder(stored.patient), reviewed(stored).states)


@login_required
def profile(request: HttpRequest, patient_id: UUID) -> HttpResponse:
    patient = patient_for(request.user, patient_id, Action.VIEW_PROFILE)
    if refused := not_allowed(request, "GET"):
        return refused
    stored = stored_profile(patient)
    documents = patient.documents.all()
    summary = summary_of(stored)
    return render(
        request,
        "records/profile.html",
        {
            "patient": patient,
            "profile": stored,
            "summary": summary,
            "is_owner": patient.user_id == request.user.id,
            "signed": SignOff.objects.filter(patient=patient).first(),
            "reading": documents.filter(status__in=DocumentStatus.working()).count(),
            "unreadable": documents.filter(status=DocumentStatus.FAILED).count(),
        },
    )


@login_required
def history(request: HttpRequest, patient_id: UUID) -> HttpResponse:
    """Every change to the summary and every sign-off: who, what, when and why."""
    patient = patient_for(request.user, patient_id, Action.VIEW_HISTORY)
    if refused := not_allowed(request, "GET"):
        return refused
    changes = [
        {
            "at": change.at,
            "who": change.actor_label or "Navis, reading the records",
            "what": f"{item_name(change.key)}: {value_text(change.before)} → "
            f"{value_text(change.after)}",
            "why": change.reason,
            "action": ACTION_WORDS.get(change.action, ""),
            "version": change.version,
        }
        for change in ProfileChange.objects.filter(patient=patient)[:500]
    ]
    signatures = [
        {
            "at": signed.created_at,
            "who": signed.clinician_label,
            "what": f"Signed off version {signed.version}",
            "why": signed.note,
            "action": "signed off",
            "version": signed.version,
        }
        for signed in SignOff.objects.filter(patient=patient)[:100]
    ]
    entries = sorted([*changes, *signatures], key=lambda e: e["at"], reverse=True)
    return render(
        request,
        "records/profile_history.html",
        {"patient": patient, "entries": entries, "is_owner": patient.user_id == request.user.id},
    )


@login_required
def summary_pdf(request: HttpRequest, patient_id: UUID) -> HttpResponse:
    """The one-page summary to print or hand over; never cached, never indexed."""
    patient = patient_for(request.user, patient_id, Action.PRINT_SUMMARY)
    if refused := not_allowed(request, "GET"):
        return refused
    stored = stored_profile(patient)
    summary = summary_of(stored)
    pdf = render_summary_pdf(
        patient_name=patient.user.display_name,
        summary=summary,
        version=stored.version if stored else 0,
        signed=SignOff.objects.filter(patient=patient).first(),
        printed_at=timezone.localtime(),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="navis-summary.pdf"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response

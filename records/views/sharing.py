"""Sharing: the patient invites a clinician by e-mail and can revoke; the clinician accepts."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from records.access import patient_for
from records.forms import InviteForm
from records.models import Action
from records.services.sharing import (
    accept_invitation,
    invitation_for,
    invite_clinician,
    revoke_share,
)
from records.views import not_allowed


@login_required
def sharing(request: HttpRequest, patient_id: UUID) -> HttpResponse:
    patient = patient_for(request.user, patient_id, Action.MANAGE_SHARING)
    if refused := not_allowed(request, "GET", "POST"):
        return refused
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        invite_clinician(
            patient,
            form.cleaned_data["email"],
            lambda token: request.build_absolute_uri(reverse("invitation", args=[token])),
        )
        messages.success(request, "We sent the invitation. Your clinician must accept it.")
        return redirect("sharing", patient_id=patient.id)
    shares = patient.shares.select_related("clinician")
    return render(
        request, "records/sharing.html", {"patient": patient, "form": form, "shares": shares}
    )


@login_required
def revoke(request: HttpRequest, patient_id: UUID, share_id: UUID) -> HttpResponse:
    patient = patient_for(request.user, patient_id, Action.MANAGE_SHARING)
    if refused := not_allowed(request, "POST"):
        return refused
    if revoke_share(patient, str(share_id)) is None:
        raise Http404("No such share.")
    messages.success(request, "Sharing stopped. That clinician can no longer see your records.")
    return redirect("sharing", patient_id=patient.id)


@login_required
@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Only the addressed clinician may accept; anyone else is told nothing about it."""
    share = invitation_for(token)
    if share is None or share.email != request.user.email or not request.user.is_clinician:
        raise Http404("No such invitation.")
    if request.method == "POST":
        accept_invitation(request.user, token)
        messages.success(request, "You can now see these records.")
        return redirect("patient", patient_id=share.patient_id)
    return render(request, "records/invitation.html", {"share": share})

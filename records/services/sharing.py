"""A patient shares her records with a clinician by e-mail invitation, and can revoke it."""

import secrets
from collections.abc import Callable

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from records.models import Patient, Share, User
from records.models.accounts import normalize_email
from records.models.patients import hash_token


@transaction.atomic
def invite_clinician(patient: Patient, email: str, accept_url_for: Callable[[str], str]) -> Share:
    """Create (or renew) the invitation and e-mail its link; the token is stored hashed."""
    email = normalize_email(email)
    token = secrets.token_urlsafe(32)
    share = Share.objects.open().filter(patient=patient, email=email).first()
    if share and share.accepted_at:
        return share
    if share is None:
        share = Share(patient=patient, email=email)
    share.token_hash = hash_token(token)
    share.save()
    body = render_to_string(
        "records/email/invitation.txt",
        {"patient_name": patient.user.display_name, "accept_url": accept_url_for(token)},
    )
    send_mail("An invitation to see records on Navis", body, None, [email])
    return share


def invitation_for(token: str) -> Share | None:
    share = Share.objects.select_related("patient__user").filter(token_hash=hash_token(token))
    return share.open().first()


@transaction.atomic
def accept_invitation(clinician: User, token: str) -> Share | None:
    """Only the clinician the invitation was sent to can accept it."""
    share = invitation_for(token)
    if share is None or not clinician.is_clinician or share.email != clinician.email:
        return None
    if share.accepted_at is None:
        share.clinician = clinician
        share.accepted_at = timezone.now()
        share.save(update_fields=["clinician", "accepted_at"])
    return share


def revoke_share(patient: Patient, share_id: str) -> Share | None:
    share = Share.objects.open().filter(patient=patient, id=share_id).first()
    if share:
        share.revoke()
    return share

"""A patient shares her records with a clinician by e-mail invitation, and revokes it."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from records.models import Share
from tests.factories import UserFactory


@pytest.fixture
def invite(client, owner):
    """The patient invites an address; returns the link from the e-mail."""

    def send(email: str) -> str:
        client.force_login(owner)
        client.post(reverse("sharing", args=[owner.patient.id]), {"email": email})
        return re.search(r"https?://\S+", mail.outbox[-1].body).group(0)

    return send


def test_an_invitation_is_e_mailed_to_the_clinician(invite, patient):
    invite("Dr.Lee@Clinic.example")
    assert mail.outbox[-1].to == ["dr.lee@clinic.example"]
    assert Share.objects.get(patient=patient).state == "invited"


def test_an_invitation_grants_nothing_until_accepted(client, invite, patient):
    invite("dr.lee@clinic.example")
    client.force_login(UserFactory(email="dr.lee@clinic.example"))
    assert client.get(reverse("patient", args=[patient.id])).status_code == 404


def test_the_invited_clinician_accepts_and_sees_the_records(client, invite, patient):
    link = invite("dr.lee@clinic.example")
    client.force_login(UserFactory(email="dr.lee@clinic.example"))
    client.post(link)
    assert client.get(reverse("patient", args=[patient.id])).status_code == 200


def test_someone_else_cannot_accept_an_invitation(client, invite, patient):
    link = invite("dr.lee@clinic.example")
    client.force_login(UserFactory(email="someone.else@clinic.example"))
    assert client.post(link).status_code == 404
    assert not Share.objects.live().exists()


def test_a_patient_cannot_accept_an_invitation_sent_to_her_address(client, invite, stranger):
    link = invite(stranger.email)
    client.force_login(stranger)
    assert client.post(link).status_code == 404


def test_an_anonymous_clinician_is_asked_to_log_in_first(client, invite):
    link = invite("dr.lee@clinic.example")
    client.logout()
    response = client.get(link)
    assert response.url.startswith(reverse("login"))


def test_the_token_is_stored_hashed(invite, patient):
    link = invite("dr.lee@clinic.example")
    token = link.rstrip("/").rsplit("/", 1)[-1]
    assert not Share.objects.filter(token_hash=token).exists()


def test_revoking_ends_access_at_once(client, owner, clinician, share, patient):
    client.force_login(owner)
    client.post(reverse("share-revoke", args=[patient.id, share.id]))
    client.force_login(clinician)
    assert client.get(reverse("patient", args=[patient.id])).status_code == 404
    assert client.get(reverse("home")).context["queue"] == []


def test_a_pending_invitation_can_be_revoked_and_its_link_dies(client, invite, owner, patient):
    link = invite("dr.lee@clinic.example")
    share = Share.objects.get(patient=patient)
    client.post(reverse("share-revoke", args=[patient.id, share.id]))
    client.force_login(UserFactory(email="dr.lee@clinic.example"))
    assert client.post(link).status_code == 404


def test_a_patient_cannot_revoke_another_patients_share(client, stranger, share, patient):
    client.force_login(stranger)
    response = client.post(reverse("share-revoke", args=[stranger.patient.id, share.id]))
    assert response.status_code == 404
    share.refresh_from_db()
    assert share.state == "active"


def test_sign_up_from_an_invitation_link_offers_a_clinician_account(client, invite):
    link = invite("dr.lee@clinic.example")
    client.logout()
    path = "/" + link.split("/", 3)[3]
    response = client.get(reverse("signup"), {"next": path})
    assert response.context["form"]["role"].value() == "clinician"

"""Signing up, logging in and out, and passwords."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from records.models import Patient, Role, User

SIGNUP = {
    "first_name": "Grace",
    "email": "Grace@Example.org",
    "password1": "correct horse battery staple",
    "password2": "correct horse battery staple",
}


@pytest.mark.django_db
def test_a_patient_who_signs_up_owns_exactly_one_patient_record(client):
    response = client.post(reverse("signup"), {**SIGNUP, "role": Role.PATIENT})
    user = User.objects.get(email="grace@example.org")
    assert Patient.objects.filter(user=user).count() == 1
    assert response.url == reverse("home")


@pytest.mark.django_db
def test_a_clinician_who_signs_up_has_no_patient_record(client):
    client.post(reverse("signup"), {**SIGNUP, "role": Role.CLINICIAN})
    user = User.objects.get(email="grace@example.org")
    assert user.is_clinician
    assert not Patient.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_an_e_mail_address_signs_up_only_once_whatever_its_case(client, owner):
    response = client.post(
        reverse("signup"), {**SIGNUP, "email": owner.email.upper(), "role": "patient"}
    )
    assert response.status_code == 200
    assert "already exists" in response.content.decode()


@pytest.mark.django_db
def test_sign_up_returns_to_a_safe_next_page_only(client):
    response = client.post(
        reverse("signup") + "?next=https://evil.example/", {**SIGNUP, "role": "patient"}
    )
    assert response.url == reverse("home")


def test_home_sends_a_patient_to_her_records(client, owner):
    client.force_login(owner)
    assert client.get(reverse("home")).url == reverse("patient", args=[owner.patient.id])


def test_home_lists_exactly_the_patients_sharing_with_a_clinician(
    client, clinician, patient, stranger
):
    client.force_login(clinician)
    queue = client.get(reverse("home")).context["queue"]
    assert [entry.patient for entry in queue] == [patient]


def test_a_user_logs_in_with_the_e_mail_address(client, owner):
    response = client.post(
        reverse("login"), {"username": owner.email, "password": "a long and unguessable password"}
    )
    assert response.status_code == 302
    assert client.get(reverse("patient", args=[owner.patient.id])).status_code == 200


def test_logging_out_ends_the_session(client, owner):
    client.force_login(owner)
    client.post(reverse("logout"))
    assert client.get(reverse("patient", args=[owner.patient.id])).status_code == 302


def test_a_password_can_be_changed(client, owner):
    client.force_login(owner)
    client.post(
        reverse("password_change"),
        {
            "old_password": "a long and unguessable password",
            "new_password1": "another long passphrase 42",
            "new_password2": "another long passphrase 42",
        },
    )
    owner.refresh_from_db()
    assert owner.check_password("another long passphrase 42")


def test_a_forgotten_password_is_reset_through_an_e_mailed_link(client, owner):
    client.post(reverse("password_reset"), {"email": owner.email})
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    form_url = client.get(link).url  # Django swaps the token for a session-held one
    client.post(
        form_url,
        {"new_password1": "a brand new passphrase", "new_password2": "a brand new passphrase"},
    )
    owner.refresh_from_db()
    assert owner.check_password("a brand new passphrase")


def test_repeated_wrong_passwords_lock_the_account_for_a_while(client, owner, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": owner.email, "password": "wrong"})
    response = client.post(
        reverse("login"), {"username": owner.email, "password": "a long and unguessable password"}
    )
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()

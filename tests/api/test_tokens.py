"""Personal API tokens: made on the settings page, shown once, stored hashed, revocable."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from api.models import ApiToken
from api.models.tokens import digest

KEY = re.compile(r"nvs_[0-9a-f]{12}_[\w-]{40,}")


@pytest.fixture
def make_token(client, owner):
    def make(name="clinic portal", scopes=("profile:read",), days=90):
        client.force_login(owner)
        response = client.post(
            reverse("api-tokens"), {"name": name, "scopes": list(scopes), "days": days}
        )
        assert response.status_code == 201
        return KEY.search(response.content.decode()).group(0)

    return make


def get_profile(key: str, patient) -> int:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return api.get(reverse("api-profile", args=[patient.id])).status_code


def test_the_new_key_is_shown_once(client, make_token):
    key = make_token()
    assert key not in client.get(reverse("api-tokens")).content.decode()


def test_only_a_hash_of_the_secret_is_stored(make_token):
    key = make_token()
    token = ApiToken.objects.get()
    assert token.key_hash == digest(key.split("_", 2)[2])
    assert key.split("_", 2)[2] not in str(ApiToken.objects.values().get())


def test_the_token_has_the_scopes_and_lifetime_chosen(make_token):
    make_token(scopes=["profile:read", "documents:read"], days=30)
    token = ApiToken.objects.get()
    assert token.scopes == ["documents:read", "profile:read"]
    assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)


def test_a_patient_is_not_offered_the_reviewing_scope(client, owner):
    client.force_login(owner)
    page = client.get(reverse("api-tokens")).content.decode()
    assert 'value="documents:write"' in page and 'value="reviews:write"' not in page


def test_a_clinician_is_not_offered_the_upload_scope(client, clinician):
    client.force_login(clinician)
    page = client.get(reverse("api-tokens")).content.decode()
    assert 'value="reviews:write"' in page and 'value="documents:write"' not in page


def test_an_unknown_scope_is_refused(client, owner):
    client.force_login(owner)
    response = client.post(
        reverse("api-tokens"), {"name": "x", "scopes": ["everything"], "days": 30}
    )
    assert response.status_code == 200 and not ApiToken.objects.exists()


def test_the_token_works_with_the_api(make_token, patient):
    assert get_profile(make_token(), patient) == 200


def test_the_last_use_is_recorded(make_token, patient):
    get_profile(make_token(), patient)
    assert ApiToken.objects.get().last_used_at is not None


def test_a_revoked_token_stops_working_at_once(client, make_token, patient):
    key = make_token()
    client.post(reverse("api-token-revoke", args=[ApiToken.objects.get().id]))
    assert get_profile(key, patient) == 401


def test_an_expired_token_stops_working(make_token, patient):
    key = make_token()
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert get_profile(key, patient) == 401


def test_a_wrong_secret_for_a_real_key_id_is_refused(make_token, patient):
    key = make_token()
    assert get_profile(key[:-4] + "AAAA", patient) == 401


def test_nobody_revokes_another_persons_token(client, make_token, stranger):
    make_token()
    client.force_login(stranger)
    response = client.post(reverse("api-token-revoke", args=[ApiToken.objects.get().id]))
    assert response.status_code == 404
    assert ApiToken.objects.get().revoked_at is None


def test_the_settings_page_is_for_people_signed_in(client):
    response = client.get(reverse("api-tokens"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))

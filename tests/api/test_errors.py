"""One error format for every failure, and throttling that answers in it."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient
from rest_framework.throttling import UserRateThrottle


def test_a_missing_record_is_404_in_the_error_format(api_as, owner):
    response = api_as(owner).get(reverse("api-trial", args=["NCT00000000"]))
    assert response.json() == {
        "error": {"status": 404, "code": "not_found", "message": "Not found."}
    }


def test_no_credentials_is_401_in_the_error_format():
    response = APIClient().get(reverse("api-patients"))
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


@pytest.mark.django_db
def test_a_malformed_token_is_401():
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION="Bearer not-a-token")
    assert api.get(reverse("api-patients")).json()["error"]["code"] == "authentication_failed"


def test_too_many_requests_are_throttled_with_the_wait(api_as, owner, monkeypatch):
    monkeypatch.setattr(UserRateThrottle, "rate", "2/minute", raising=False)
    api = api_as(owner)
    codes = [api.get(reverse("api-topics")).status_code for _ in range(3)]
    response = api.get(reverse("api-topics"))
    assert codes == [200, 200, 429]
    assert response.json()["error"]["code"] == "throttled"
    assert int(response["Retry-After"]) > 0

"""Tokens and clients for the API tests."""

from collections.abc import Callable

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from api.models import ApiToken
from api.scopes import SCOPES
from tests.webhook_receiver import receiver  # noqa: F401  (a fixture for these tests)


@pytest.fixture(autouse=True)
def fresh_throttle_counts():
    """Throttling counts requests per user id in the cache; ids repeat between tests."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def token_for() -> Callable[..., str]:
    """A personal token's key for `user`, with these scopes (all of them by default)."""

    def issue(user, scopes=None, days: int = 30) -> str:
        return ApiToken.issue(user, "test", list(SCOPES) if scopes is None else scopes, days)[1]

    return issue


@pytest.fixture
def api_as(token_for) -> Callable[..., APIClient]:
    """An API client that sends `user`'s token (all scopes unless named)."""

    def client(user, scopes=None) -> APIClient:
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Bearer {token_for(user, scopes)}")
        return api

    return client

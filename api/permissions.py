"""Scopes: a token may only do what its scopes name; a session may do what its user may."""

from typing import TYPE_CHECKING

from rest_framework.permissions import BasePermission

if TYPE_CHECKING:  # rest_framework.views imports this module through the settings
    from rest_framework.request import Request
    from rest_framework.views import APIView

SAFE = {"GET", "HEAD", "OPTIONS"}


def required_scope(view: "APIView", method: str) -> str | None:
    """A view names ``read_scope`` and ``write_scope``; safe methods need the first."""
    if method in SAFE:
        return getattr(view, "read_scope", None)
    return getattr(view, "write_scope", None)


class HasScope(BasePermission):
    message = "This token does not have the scope this request needs."

    def has_permission(self, request: "Request", view: "APIView") -> bool:
        from api.models import ApiToken

        if not isinstance(request.auth, ApiToken):
            return True  # a session: the site's own pages
        scope = required_scope(view, request.method)
        if scope is None:
            return False  # an endpoint that named no scope is closed to tokens
        self.message = f"This token needs the scope '{scope}'."
        return scope in request.auth.scopes

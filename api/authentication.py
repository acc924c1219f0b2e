"""Bearer tokens for integrations: ``Authorization: Bearer nvs_<key id>_<secret>``."""

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from api.models import ApiToken
from api.models.tokens import PREFIX

# last_used_at is written at most this often, so reads do not all turn into writes
TOUCH_EVERY_SECONDS = 60


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple | None:
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0] != self.keyword:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Give one token after 'Bearer'.")
        prefix, _, rest = header[1].partition("_")
        key_id, _, secret = rest.partition("_")
        token = None
        if prefix == PREFIX and key_id and secret:
            token = ApiToken.objects.usable().select_related("user").filter(key_id=key_id).first()
        if token is None or not token.matches(secret) or not token.user.is_active:
            raise exceptions.AuthenticationFailed(
                "This token is not valid, has expired or was revoked."
            )
        now = timezone.now()
        if (
            token.last_used_at is None
            or (now - token.last_used_at).total_seconds() > TOUCH_EVERY_SECONDS
        ):
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return self.keyword


# How drf-spectacular describes this scheme in the OpenAPI document. It lives here, not in
# AppConfig.ready(), so that processes which never serve the API (the worker, commands) do not
# import drf-spectacular (about a second).
class TokenScheme(OpenApiAuthenticationExtension):
    target_class = TokenAuthentication
    name = "token"

    def get_security_definition(self, auto_schema) -> dict:
        return {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "nvs_<key id>_<secret>",
            "description": "A personal API token, made on your settings page; its scopes limit it.",
        }

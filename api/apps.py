from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The REST API for integrations: tokens with scopes, /api/v1/, FHIR export, webhooks."""

    name = "api"

    def ready(self) -> None:
        from api import schema  # noqa: F401  (registers the token scheme with drf-spectacular)

from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The REST API for integrations: tokens with scopes, /api/v1/, FHIR export, webhooks."""

    name = "api"

    def ready(self) -> None:
        from api import receivers  # noqa: F401  (webhook receivers)

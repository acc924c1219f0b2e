"""Models of the API app, one module per thing they hold."""

from api.models.tokens import ApiToken

__all__ = ["ApiToken"]

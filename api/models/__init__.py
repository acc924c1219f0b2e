"""Models of the API app, one module per thing they hold."""

from api.models.tokens import ApiToken
from api.models.webhooks import DeliveryState, Webhook, WebhookDelivery

__all__ = ["ApiToken", "DeliveryState", "Webhook", "WebhookDelivery"]

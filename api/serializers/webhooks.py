from urllib.parse import urlsplit

from django.conf import settings
from rest_framework import serializers

from api.models import DeliveryState, Webhook, WebhookDelivery
from api.models.webhooks import EVENTS
from api.webhooks import is_public


class WebhookSerializer(serializers.ModelSerializer):
    """A registered webhook. Its secret is shown once, in the answer that made it."""

    events = serializers.ListField(
        child=serializers.ChoiceField(choices=EVENTS),
        min_length=1,
        help_text="Which events to send: " + ", ".join(EVENTS) + ".",
    )
    state = serializers.SerializerMethodField()

    class Meta:
        model = Webhook
        fields = ["id", "url", "events", "state", "created_at", "disabled_at"]
        read_only_fields = ["id", "state", "created_at", "disabled_at"]

    def get_state(self, webhook: Webhook) -> str:
        return "active" if webhook.is_active else "disabled"

    def validate_url(self, url: str) -> str:
        """http(s) only; an obviously private host is refused now rather than at delivery."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise serializers.ValidationError("Give an http or https URL.")
        if settings.NAVIS_WEBHOOK_ALLOW_PRIVATE:
            return url
        host = parts.hostname or ""
        try:
            private = not is_public(host)
        except ValueError:  # a name, not an address: checked when it is resolved
            private = host == "localhost" or host.endswith(".localhost")
        if private:
            raise serializers.ValidationError("Webhooks cannot be sent to a private address.")
        return url

    def validate_events(self, events: list[str]) -> list[str]:
        return [event for event in EVENTS if event in events]  # once each, in a fixed order


class NewWebhookSerializer(WebhookSerializer):
    secret = serializers.CharField(
        read_only=True,
        help_text="Signs every delivery (Navis-Signature). Shown this once: keep it safe.",
    )

    class Meta(WebhookSerializer.Meta):
        fields = [*WebhookSerializer.Meta.fields, "secret"]


class DeliverySerializer(serializers.ModelSerializer):
    """One event sent (or being sent) to a webhook, and how it went."""

    state = serializers.ChoiceField(choices=DeliveryState.choices, read_only=True)
    payload = serializers.JSONField(read_only=True, help_text="The body that is sent: ids only.")

    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "event",
            "event_id",
            "payload",
            "state",
            "attempts",
            "last_status_code",
            "last_error",
            "next_attempt_at",
            "created_at",
            "delivered_at",
        ]
        read_only_fields = fields

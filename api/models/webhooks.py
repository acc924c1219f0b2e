"""Webhooks: an integration's URL, the events it wants, and the log of every delivery."""

import secrets
import uuid

from django.conf import settings
from django.db import models

EVENTS = ["document.processed", "document.failed", "profile.changed", "review.signed"]


def new_secret() -> str:
    return f"whsec_{secrets.token_urlsafe(32)}"


class WebhookQuerySet(models.QuerySet["Webhook"]):
    def active(self) -> "WebhookQuerySet":
        return self.filter(disabled_at__isnull=True)


class Webhook(models.Model):
    """A URL that is told, by signed POSTs, when something happens to records its user sees.

    Unlike an API token's key, the secret is stored as it is: every delivery is signed with it
    (HMAC-SHA256), so it must be readable, not just checkable. It is shown to the user once,
    when the webhook is made, and never sent again; deleting the webhook disables it.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webhooks"
    )
    url = models.URLField(max_length=500)
    secret = models.CharField(max_length=100, default=new_secret)
    events = models.JSONField(default=list, help_text="Which of EVENTS to send.")
    created_at = models.DateTimeField(auto_now_add=True)
    disabled_at = models.DateTimeField(null=True, blank=True)

    objects = WebhookQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"webhook {self.pk}"

    @property
    def is_active(self) -> bool:
        return self.disabled_at is None


class DeliveryState(models.TextChoices):
    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"


class WebhookDelivery(models.Model):
    """One event for one webhook, and how sending it went; the row is the truth, not the queue.

    ``last_error`` holds an exception's type name only, never a response body: a receiver's
    answer could quote anything.
    """

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=40)
    event_id = models.UUIDField(default=uuid.uuid4, help_text="Sent as Navis-Delivery.")
    payload = models.JSONField(help_text="Ids only, never health data.")
    state = models.CharField(
        max_length=10, choices=DeliveryState.choices, default=DeliveryState.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    last_status_code = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=100, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"delivery {self.pk} ({self.event}, {self.state})"

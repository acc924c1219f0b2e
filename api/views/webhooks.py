"""Webhooks: a user registers URLs for their own integrations and reads their delivery log.

A webhook belongs to the user who made it; anyone else's id is 404, as for a record. What it
is told about is decided when each event happens (api/webhooks.py), through the same door as
everything else: only patients its user may see then.
"""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response

from api.models import Webhook, WebhookDelivery
from api.serializers.webhooks import DeliverySerializer, NewWebhookSerializer, WebhookSerializer

SCOPE = "webhooks:manage"

NEW_WEBHOOK = {
    "url": "https://integration.example.org/navis/webhook",
    "events": ["document.processed", "profile.changed"],
}
DELIVERY_BODY = {
    "id": "6f1c1a52-4f7e-4d7c-9a55-3c1f0f6f2b11",
    "event": "document.processed",
    "created": "2026-11-24T08:00:00+00:00",
    "data": {
        "patient_id": "0b9e3c4d-2f51-4a8e-8f0a-5d7f8c9e1a23",
        "document_id": "9a7b6c5d-4e3f-4a1b-8c2d-1e0f9a8b7c6d",
    },
}


class OwnWebhook:
    """The caller's own webhook named in the URL, or 404."""

    def webhook(self) -> Webhook:
        return get_object_or_404(
            Webhook, id=self.kwargs["webhook_id"], user_id=self.request.user.id
        )


@extend_schema(tags=["webhooks"])
class WebhookList(generics.ListCreateAPIView):
    """Your webhooks, newest first. Each delivery is a POST of JSON carrying ids only, signed
    ``Navis-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>." + body)>``, with
    headers Navis-Event and Navis-Delivery (the event id: deliveries may repeat, use it to
    skip one already seen). Any 2xx answer counts as delivered; anything else is tried again
    with growing delays, then marked failed."""

    serializer_class = WebhookSerializer
    read_scope = write_scope = SCOPE

    def get_queryset(self):
        return Webhook.objects.filter(user_id=self.request.user.id)

    @extend_schema(
        summary="Register a webhook; the answer shows its secret, once",
        request=WebhookSerializer,
        responses={201: NewWebhookSerializer},
        examples=[
            OpenApiExample("Documents and profile", value=NEW_WEBHOOK, request_only=True),
            OpenApiExample(
                "Registered",
                value={
                    "id": 7,
                    **NEW_WEBHOOK,
                    "state": "active",
                    "created_at": "2026-11-24T08:00:00Z",
                    "disabled_at": None,
                    "secret": "whsec_…",
                },
                response_only=True,
                status_codes=["201"],
            ),
        ],
    )
    def post(self, request: Request) -> Response:
        incoming = WebhookSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        webhook = Webhook.objects.create(user=request.user, **incoming.validated_data)
        return Response(NewWebhookSerializer(webhook).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["webhooks"])
class WebhookDetail(OwnWebhook, generics.GenericAPIView):
    """One of your own webhooks; anyone else's id is 404."""

    serializer_class = WebhookSerializer
    read_scope = write_scope = SCOPE

    @extend_schema(summary="One of your webhooks (never its secret)")
    def get(self, request: Request, webhook_id: int) -> Response:
        return Response(WebhookSerializer(self.webhook()).data)

    @extend_schema(
        summary="Disable a webhook: nothing more is sent, its log is kept",
        responses={204: OpenApiResponse(description="Disabled (or already was).")},
    )
    def delete(self, request: Request, webhook_id: int) -> Response:
        webhook = self.webhook()
        if webhook.disabled_at is None:
            webhook.disabled_at = timezone.now()
            webhook.save(update_fields=["disabled_at"])
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(
    tags=["webhooks"],
    summary="A webhook's delivery log, newest first",
    examples=[
        OpenApiExample(
            "A delivered document.processed",
            value={
                "id": 42,
                "event": "document.processed",
                "event_id": DELIVERY_BODY["id"],
                "payload": DELIVERY_BODY,
                "state": "delivered",
                "attempts": 1,
                "last_status_code": 204,
                "last_error": "",
                "next_attempt_at": None,
                "created_at": "2026-11-24T08:00:00Z",
                "delivered_at": "2026-11-24T08:00:01Z",
            },
            response_only=True,
        )
    ],
)
class WebhookDeliveries(OwnWebhook, generics.ListAPIView):
    """Every event sent, or being sent, to one of your webhooks: its attempts, the last status
    code and error type (never the answer's body), and when it is tried next."""

    queryset = WebhookDelivery.objects.none()  # for the schema; the real one is the webhook's
    serializer_class = DeliverySerializer
    read_scope = SCOPE
    filterset_fields = ["state", "event"]

    def get_queryset(self):
        return self.webhook().deliveries.order_by("-created_at", "-id")

"""Webhooks: signing, choosing who is told, and sending one delivery.

An event is announced by records (records/signals.py, connected in api/receivers.py) after its
transaction commits. ``emit`` writes one WebhookDelivery per active webhook that asked for the
event and whose user may see the patient now, and queues each; ``deliver`` (the Celery task
api.tasks.deliver_webhook) makes one attempt. The delivery row is the truth, not the queue: a
message that comes twice or early does nothing, and a delivered delivery is never sent again.

The body carries ids only (never health data) and is signed like this::

    Navis-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, f"{t}." + body)>

A receiver checks it with ``verify`` (or the same few lines in its own language), and rejects
old timestamps so a captured request cannot be replayed later.
"""

import hashlib
import hmac
import ipaddress
import json
import logging
import socket
import time
import urllib.error
import urllib.request
import uuid
from datetime import datetime, timedelta
from functools import partial
from typing import Any
from urllib.parse import urlsplit

from celery import current_app as app
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from api.models import DeliveryState, Webhook, WebhookDelivery
from api.models.webhooks import EVENTS
from records.access import patients_visible_to
from records.models import Patient, User

log = logging.getLogger(__name__)

DELIVER_TASK = "api.tasks.deliver_webhook"
TIMEOUT_SECONDS = 10
# While one attempt is under way its row is leased for this long, so a duplicate message
# arriving meanwhile does not send the same event a second time.
LEASE_SECONDS = 60
# A retry message may arrive this much before the row says it is due (clocks, queues).
EARLY_GRACE_SECONDS = 5
USER_AGENT = "Navis-Webhooks"

__all__ = ["EVENTS", "check_destination", "deliver", "emit", "sign", "verify"]


class DestinationRefused(Exception):
    """A URL Navis will not post to: not http(s), or a private address (SSRF)."""


class WebhookDisabled(Exception):
    """The webhook was deleted after the event; recorded as the delivery's last error."""


class AccessEnded(Exception):
    """The webhook's user may no longer see the patient; recorded as the last error."""


# --- Signing ---------------------------------------------------------------------------------
def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The Navis-Signature header for `body` sent at `timestamp` (unix seconds)."""
    mac = hmac.new(secret.encode(), f"{int(timestamp)}.".encode() + body, hashlib.sha256)
    return f"t={int(timestamp)},v1={mac.hexdigest()}"


def verify(
    secret: str, header: str, body: bytes, now: float | None = None, tolerance: int = 300
) -> bool:
    """True if `header` signs `body` with `secret` within `tolerance` seconds of `now`."""
    now = time.time() if now is None else now
    fields: dict[str, list[str]] = {}
    for part in header.split(","):
        key, _, value = part.strip().partition("=")
        fields.setdefault(key, []).append(value)
    try:
        timestamp = int(fields["t"][0])
    except (KeyError, ValueError):
        return False
    if abs(now - timestamp) > tolerance:
        return False
    expected = sign(secret, timestamp, body).partition(",v1=")[2]
    return any(hmac.compare_digest(expected, given) for given in fields.get("v1", []))


# --- Who is told -----------------------------------------------------------------------------
def may_see(user_id: int, patient_id: Any) -> bool:
    """Whether the user (still active) may see the patient now: the one door decides."""
    user = User.objects.filter(id=user_id, is_active=True).first()
    return user is not None and patients_visible_to(user).filter(id=patient_id).exists()


def emit(event: str, patient: Patient, data: dict[str, Any]) -> list[WebhookDelivery]:
    """One delivery per active webhook subscribed to `event` whose user may see `patient` now.

    The payload names the patient and the thing by id only. Each delivery is queued once the
    surrounding transaction commits.
    """
    if event not in EVENTS:
        raise ValueError(f"unknown webhook event {event!r}")
    event_id = uuid.uuid4()
    payload = {
        "id": str(event_id),
        "event": event,
        "created": timezone.now().isoformat(),
        "data": {"patient_id": str(patient.id), **data},
    }
    seen: dict[int, bool] = {}
    deliveries = []
    for webhook in Webhook.objects.active().order_by("id"):
        if event not in webhook.events:
            continue
        if webhook.user_id not in seen:
            seen[webhook.user_id] = may_see(webhook.user_id, patient.id)
        if seen[webhook.user_id]:
            deliveries.append(
                WebhookDelivery.objects.create(
                    webhook=webhook, event=event, event_id=event_id, payload=payload
                )
            )
    for delivery in deliveries:
        transaction.on_commit(partial(enqueue, delivery.id))
    return deliveries


def enqueue(delivery_id: int, countdown: float = 0) -> None:
    """Send the delivery's id (only the id) to a worker, now or after `countdown` seconds."""
    app.send_task(DELIVER_TASK, args=[delivery_id], countdown=countdown or None)


# --- Sending ---------------------------------------------------------------------------------
def retry_delays() -> list[int]:
    """Seconds before each retry; one attempt more than there are delays."""
    return [int(seconds) for seconds in settings.NAVIS_WEBHOOK_RETRY_DELAYS]


def check_destination(url: str) -> None:
    """Raise DestinationRefused unless `url` is http(s) to a public address.

    Private, loopback, link-local and reserved addresses are refused (a webhook must not be a
    way into our own network) unless NAVIS_WEBHOOK_ALLOW_PRIVATE is set, as in the tests.
    The name is resolved here and again by urllib; redirects are never followed.
    """
    parts = urlsplit(url)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise DestinationRefused("bad port") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise DestinationRefused("not an http(s) URL")
    if settings.NAVIS_WEBHOOK_ALLOW_PRIVATE:
        return
    for *_, address in socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM):
        if not is_public(address[0]):
            raise DestinationRefused("private address")


def is_public(host: str) -> bool:
    ip = ipaddress.ip_address(host.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class NoRedirects(urllib.request.HTTPRedirectHandler):
    """A 3xx is an answer (not delivered), never a hop to somewhere we did not check."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def post(url: str, body: bytes, headers: dict[str, str]) -> int:
    """POST and return the status code; the response body is never read or kept."""
    # check_destination() let only http(s) through
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
    opener = urllib.request.build_opener(NoRedirects)
    try:
        with opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            return response.status
    except urllib.error.HTTPError as error:
        error.close()
        return error.code


@transaction.atomic
def claim(delivery_id: int) -> WebhookDelivery | None:
    """Take a pending, due delivery for one attempt (leased), or None if there is nothing to do.

    A pending delivery that is not due yet (a duplicate message, or one that came early) is
    queued again for when it is due, so a lost attempt is picked up after its lease.
    """
    delivery = (
        WebhookDelivery.objects.select_for_update()
        .select_related("webhook")
        .filter(id=delivery_id)
        .first()
    )
    if delivery is None or delivery.state != DeliveryState.PENDING:
        return None
    now = timezone.now()
    if delivery.next_attempt_at and delivery.next_attempt_at > now + timedelta(
        seconds=EARLY_GRACE_SECONDS
    ):
        wait = (delivery.next_attempt_at - now).total_seconds()
        transaction.on_commit(partial(enqueue, delivery.id, wait))
        return None
    delivery.attempts += 1
    delivery.next_attempt_at = now + timedelta(seconds=LEASE_SECONDS)
    delivery.save(update_fields=["attempts", "next_attempt_at"])
    return delivery


def deliver(delivery_id: int) -> str:
    """One attempt at one delivery; returns what happened, for the task log."""
    delivery = claim(delivery_id)
    if delivery is None:
        return "skipped"
    webhook = delivery.webhook
    status_code, error = None, None
    try:
        if not webhook.is_active:
            raise WebhookDisabled()
        if not may_see(webhook.user_id, delivery.payload["data"]["patient_id"]):
            raise AccessEnded()
        check_destination(webhook.url)
        body = json.dumps(delivery.payload, separators=(",", ":")).encode()
        headers = {
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "Navis-Event": delivery.event,
            "Navis-Delivery": str(delivery.event_id),
            "Navis-Signature": sign(webhook.secret, int(time.time()), body),
        }
        status_code = post(webhook.url, body, headers)
    except Exception as exc:  # anything: a network error, a refusal; its type is kept
        error = exc
    outcome = record(delivery, status_code, error)
    log.info(
        "webhook delivery %s attempt %d: %s (status %s)",
        delivery.id,
        delivery.attempts,
        outcome,
        status_code,
    )
    return outcome


@transaction.atomic
def record(delivery: WebhookDelivery, status_code: int | None, error: Exception | None) -> str:
    """Write how the attempt went; schedule the next one (with backoff) or give up."""
    now = timezone.now()
    delivery.last_status_code = status_code
    delivery.last_error = type(error).__name__ if error else ""
    delivery.next_attempt_at = None
    delays = retry_delays()
    final = isinstance(error, (DestinationRefused, WebhookDisabled, AccessEnded))
    if error is None and status_code is not None and 200 <= status_code < 300:
        delivery.state = DeliveryState.DELIVERED
        delivery.delivered_at = now
    elif final or delivery.attempts > len(delays):
        delivery.state = DeliveryState.FAILED
    else:
        wait = delays[delivery.attempts - 1]
        delivery.next_attempt_at = now + timedelta(seconds=wait)
        transaction.on_commit(partial(enqueue, delivery.id, wait))
    delivery.save()
    return "retry" if delivery.state == DeliveryState.PENDING else str(delivery.state)


def sweep_lost_deliveries(now: datetime | None = None) -> int:
    """Queue again every pending delivery whose message was lost (broker restart, a worker
    killed before it acknowledged): due for longer than a lease. Sending twice is harmless
    (the row decides), so this errs on the side of sending."""
    now = now or timezone.now()
    overdue = now - timedelta(seconds=LEASE_SECONDS)
    lost = WebhookDelivery.objects.filter(state=DeliveryState.PENDING).filter(
        Q(next_attempt_at__lt=overdue) | Q(next_attempt_at__isnull=True, created_at__lt=overdue)
    )
    ids = list(lost.values_list("id", flat=True))
    for delivery_id in ids:
        enqueue(delivery_id)
    return len(ids)

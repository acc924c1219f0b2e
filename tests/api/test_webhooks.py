"""Webhooks: signing, who is told, delivery with retries, the events of the real code paths,
the API that manages them, and one delivery made by a real Celery worker.

Deliveries are sent over real HTTP to a small server on 127.0.0.1 run by the test; private
addresses are allowed for that (NAVIS_WEBHOOK_ALLOW_PRIVATE, also passed to a real worker).
"""

import json
from datetime import timedelta

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from api import webhooks
from api.models import DeliveryState, Webhook, WebhookDelivery
from api.models.webhooks import EVENTS
from api.tasks import deliver_webhook
from records import processing
from records.services import reviews
from tests import documents as docs
from tests.factories import upload_document
from tests.webhook_receiver import Receiver
from tests.worker_process import wait_for

SCOPE = ["webhooks:manage"]


@pytest.fixture(autouse=True)
def allow_local_receiver(settings, monkeypatch) -> None:
    settings.NAVIS_WEBHOOK_ALLOW_PRIVATE = True
    monkeypatch.setenv("NAVIS_WEBHOOK_ALLOW_PRIVATE", "true")  # for a real worker's settings


@pytest.fixture(autouse=True)
def queued(monkeypatch) -> list[tuple[int, float]]:
    """What would be sent to the broker from this process: (delivery id, countdown)."""
    sent: list[tuple[int, float]] = []
    monkeypatch.setattr(webhooks, "enqueue", lambda pk, countdown=0: sent.append((pk, countdown)))
    return sent


def hook(user, url: str = "https://integration.example.org/navis", events=None) -> Webhook:
    return Webhook.objects.create(user=user, url=url, events=list(events or EVENTS))


def one_delivery(user, receiver: Receiver, patient) -> WebhookDelivery:
    hook(user, receiver.url)
    (delivery,) = webhooks.emit("document.processed", patient, {"document_id": "d-1"})
    return delivery


# --- Signing ---------------------------------------------------------------------------------
def test_a_signature_verifies_with_the_same_secret_and_body():
    header = webhooks.sign("s3cret", 1_700_000_000, b'{"a":1}')
    assert header.startswith("t=1700000000,v1=")
    assert webhooks.verify("s3cret", header, b'{"a":1}', now=1_700_000_100)


def test_a_changed_body_does_not_verify():
    header = webhooks.sign("s3cret", 1_700_000_000, b'{"a":1}')
    assert not webhooks.verify("s3cret", header, b'{"a":2}', now=1_700_000_000)


def test_an_old_timestamp_does_not_verify():
    header = webhooks.sign("s3cret", 1_700_000_000, b"{}")
    assert not webhooks.verify("s3cret", header, b"{}", now=1_700_000_000 + 301)


def test_the_wrong_secret_does_not_verify():
    header = webhooks.sign("s3cret", 1_700_000_000, b"{}")
    assert not webhooks.verify("other", header, b"{}", now=1_700_000_000)


# --- Who is told -----------------------------------------------------------------------------
def test_only_webhooks_whose_user_may_see_the_patient_get_a_delivery(
    patient, owner, clinician, revoked_clinician, stranger, stranger_clinician
):
    hooks = {user: hook(user) for user in (owner, clinician, revoked_clinician, stranger,
                                           stranger_clinician)}  # fmt: skip
    deliveries = webhooks.emit("document.processed", patient, {"document_id": "d-1"})
    assert {d.webhook for d in deliveries} == {hooks[owner], hooks[clinician]}


def test_only_subscribed_events_are_delivered(patient, owner):
    hook(owner, events=["review.signed"])
    assert webhooks.emit("document.processed", patient, {"document_id": "d-1"}) == []
    assert len(webhooks.emit("review.signed", patient, {"sign_off_id": 1})) == 1


def test_a_disabled_webhook_gets_nothing(patient, owner):
    Webhook.objects.filter(id=hook(owner).id).update(disabled_at="2026-01-01T00:00Z")
    assert webhooks.emit("document.processed", patient, {"document_id": "d-1"}) == []


def test_the_payload_carries_ids_only(patient, owner, queued, django_capture_on_commit_callbacks):
    hook(owner)
    with django_capture_on_commit_callbacks(execute=True):
        (delivery,) = webhooks.emit("profile.changed", patient, {"version": 3})
    assert set(delivery.payload) == {"id", "event", "created", "data"}
    assert delivery.payload["id"] == str(delivery.event_id)
    assert delivery.payload["data"] == {"patient_id": str(patient.id), "version": 3}
    assert queued == [(delivery.id, 0)]


# --- Sending ---------------------------------------------------------------------------------
def test_the_task_delivers_a_signed_body_and_marks_it_delivered(patient, owner, receiver):
    delivery = one_delivery(owner, receiver, patient)
    assert deliver_webhook(delivery.id) == "delivered"
    (request,) = receiver.requests
    secret = delivery.webhook.secret
    assert webhooks.verify(secret, request.headers["Navis-Signature"], request.body)
    assert json.loads(request.body) == delivery.payload
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["Navis-Event"] == "document.processed"
    assert request.headers["Navis-Delivery"] == str(delivery.event_id)
    assert request.headers["User-Agent"] == "Navis-Webhooks"
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.last_status_code) == ("delivered", 1, 204)
    assert delivery.delivered_at is not None


def test_a_server_error_schedules_a_retry_with_backoff(
    patient, owner, receiver, queued, settings, django_capture_on_commit_callbacks
):
    settings.NAVIS_WEBHOOK_RETRY_DELAYS = [10, 30, 90]
    receiver.status = 500
    delivery = one_delivery(owner, receiver, patient)
    with django_capture_on_commit_callbacks(execute=True):
        assert deliver_webhook(delivery.id) == "retry"
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.last_status_code) == ("pending", 1, 500)
    assert 9 < (delivery.next_attempt_at - delivery.created_at).total_seconds() < 12
    assert queued[-1] == (delivery.id, 10)


def test_a_retry_that_comes_early_sends_nothing_and_waits(patient, owner, receiver):
    receiver.status = 500
    delivery = one_delivery(owner, receiver, patient)
    deliver_webhook(delivery.id)
    assert deliver_webhook(delivery.id) == "skipped"
    assert len(receiver.requests) == 1


def test_after_the_last_attempt_the_delivery_is_failed(patient, owner, receiver, settings):
    settings.NAVIS_WEBHOOK_RETRY_DELAYS = [0, 0]
    receiver.status = 503
    delivery = one_delivery(owner, receiver, patient)
    outcomes = [deliver_webhook(delivery.id) for _ in range(4)]
    assert outcomes == ["retry", "retry", "failed", "skipped"]
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.last_status_code) == ("failed", 3, 503)
    assert len(receiver.requests) == 3


def test_a_network_error_is_retried_and_named_by_its_type(patient, owner, receiver):
    delivery = one_delivery(owner, receiver, patient)
    Webhook.objects.filter(id=delivery.webhook_id).update(url="http://127.0.0.1:9/closed")
    assert deliver_webhook(delivery.id) == "retry"
    delivery.refresh_from_db()
    assert (delivery.last_status_code, delivery.last_error) == (None, "URLError")


def test_a_delivered_delivery_is_never_sent_again(patient, owner, receiver):
    delivery = one_delivery(owner, receiver, patient)
    deliver_webhook(delivery.id)
    assert deliver_webhook(delivery.id) == "skipped"
    assert len(receiver.requests) == 1


def test_a_delivery_whose_message_was_lost_is_queued_again(patient, owner, receiver, queued):
    delivery = one_delivery(owner, receiver, patient)
    an_hour_ago = timezone.now() - timedelta(hours=1)
    WebhookDelivery.objects.filter(id=delivery.id).update(created_at=an_hour_ago)
    queued.clear()
    assert webhooks.sweep_lost_deliveries() == 1
    assert queued == [(delivery.id, 0)]


def test_the_sweep_leaves_a_delivery_waiting_for_its_retry(patient, owner, receiver, queued):
    delivery = one_delivery(owner, receiver, patient)
    soon = timezone.now() + timedelta(seconds=30)
    WebhookDelivery.objects.filter(id=delivery.id).update(next_attempt_at=soon)
    assert webhooks.sweep_lost_deliveries() == 0


def test_the_sweep_leaves_delivered_ones_alone(patient, owner, receiver):
    delivery = one_delivery(owner, receiver, patient)
    deliver_webhook(delivery.id)
    later = timezone.now() + timedelta(hours=1)
    assert webhooks.sweep_lost_deliveries(now=later) == 0


def test_a_url_that_is_not_http_is_refused_without_a_request(patient, owner, receiver):
    delivery = one_delivery(owner, receiver, patient)
    Webhook.objects.filter(id=delivery.webhook_id).update(url="file:///etc/passwd")
    assert deliver_webhook(delivery.id) == "failed"
    delivery.refresh_from_db()
    assert (delivery.state, delivery.last_error) == ("failed", "DestinationRefused")
    assert receiver.requests == []


def test_a_private_address_is_refused_in_production(patient, owner, receiver, settings):
    settings.NAVIS_WEBHOOK_ALLOW_PRIVATE = False
    delivery = one_delivery(owner, receiver, patient)
    assert deliver_webhook(delivery.id) == "failed"
    delivery.refresh_from_db()
    assert delivery.last_error == "DestinationRefused"
    assert receiver.requests == []


def test_a_webhook_disabled_before_delivery_sends_nothing(patient, owner, receiver):
    delivery = one_delivery(owner, receiver, patient)
    Webhook.objects.filter(id=delivery.webhook_id).update(disabled_at="2026-01-01T00:00Z")
    assert deliver_webhook(delivery.id) == "failed"
    assert receiver.requests == []


# --- The real code paths ---------------------------------------------------------------------
def events_of(deliveries) -> dict[str, dict]:
    return {d.event: d.payload["data"] for d in deliveries}


def test_a_processed_document_announces_itself_and_the_changed_profile(
    patient, owner, document, django_capture_on_commit_callbacks
):
    hook(owner)
    with django_capture_on_commit_callbacks(execute=True):
        assert processing.process(str(document.id)) == "done"
    assert events_of(WebhookDelivery.objects.all()) == {
        "document.processed": {"patient_id": str(patient.id), "document_id": str(document.id)},
        "profile.changed": {"patient_id": str(patient.id), "version": 1},
    }


def test_a_failed_document_announces_its_failure(
    patient, owner, tmp_path, django_capture_on_commit_callbacks
):
    hook(owner)
    broken = upload_document(patient, docs.corrupt_pdf(tmp_path))
    with django_capture_on_commit_callbacks(execute=True):
        assert processing.process(str(broken.id)) == "failed"
    assert events_of(WebhookDelivery.objects.all()) == {
        "document.failed": {"patient_id": str(patient.id), "document_id": str(broken.id)}
    }


def test_a_sign_off_announces_itself(
    patient, clinician, document, django_capture_on_commit_callbacks
):
    processing.process(str(document.id))  # its callbacks never run: the test never commits
    hook(clinician)
    with django_capture_on_commit_callbacks(execute=True):
        signed = reviews.sign_off(patient, clinician)
    assert events_of(WebhookDelivery.objects.all()) == {
        "review.signed": {"patient_id": str(patient.id), "sign_off_id": signed.id}
    }


def test_nothing_rolled_back_is_announced(
    patient, clinician, document, django_capture_on_commit_callbacks
):
    processing.process(str(document.id))
    hook(clinician)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        reviews.sign_off(patient, clinician)
        raise RuntimeError("rolled back")
    assert not WebhookDelivery.objects.exists()


# --- The API ---------------------------------------------------------------------------------
def test_registering_a_webhook_returns_its_secret_once(api_as, owner):
    client = api_as(owner, SCOPE)
    response = client.post(
        reverse("api-webhooks"),
        {"url": "https://integration.example.org/navis", "events": ["review.signed"]},
        format="json",
    )
    assert response.status_code == 201
    webhook = Webhook.objects.get(user=owner)
    assert response.json()["secret"] == webhook.secret
    assert webhook.events == ["review.signed"]
    listed = client.get(reverse("api-webhooks")).json()["results"]
    shown = client.get(reverse("api-webhook", args=[webhook.id])).json()
    assert [w["id"] for w in listed] == [webhook.id]
    assert "secret" not in listed[0] and "secret" not in shown


def test_unknown_events_and_non_http_urls_are_refused(api_as, owner):
    response = api_as(owner, SCOPE).post(
        reverse("api-webhooks"),
        {"url": "ftp://integration.example.org/", "events": ["document.deleted"]},
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"url", "events"}


def test_deleting_a_webhook_disables_it(api_as, owner, patient):
    webhook = hook(owner)
    response = api_as(owner, SCOPE).delete(reverse("api-webhook", args=[webhook.id]))
    assert response.status_code == 204
    webhook.refresh_from_db()
    assert webhook.disabled_at is not None
    assert webhooks.emit("document.processed", patient, {"document_id": "d-1"}) == []


def test_someone_elses_webhook_is_404(api_as, owner, stranger):
    webhook = hook(owner)
    client = api_as(stranger, SCOPE)
    for name in ("api-webhook", "api-webhook-deliveries"):
        assert client.get(reverse(name, args=[webhook.id])).status_code == 404
    assert client.delete(reverse("api-webhook", args=[webhook.id])).status_code == 404
    webhook.refresh_from_db()
    assert webhook.disabled_at is None


def test_the_delivery_log_lists_newest_first(api_as, owner, patient):
    webhook = hook(owner)
    first = webhooks.emit("document.processed", patient, {"document_id": "d-1"})[0]
    second = webhooks.emit("profile.changed", patient, {"version": 1})[0]
    response = api_as(owner, SCOPE).get(reverse("api-webhook-deliveries", args=[webhook.id]))
    body = response.json()
    assert [d["id"] for d in body["results"]] == [second.id, first.id]
    assert body["count"] == 2
    assert body["results"][0]["state"] == "pending"


# --- A real worker ---------------------------------------------------------------------------
@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_delivers_a_signed_document_processed(
    owner, patient, receiver, worker_factory, tmp_path
):
    webhook = hook(owner, receiver.url, events=["document.processed"])
    worker = worker_factory()
    document = upload_document(patient, docs.text_pdf(tmp_path, pages=["FINAL DIAGNOSIS"]))

    def delivered() -> bool:
        return WebhookDelivery.objects.filter(state=DeliveryState.DELIVERED).exists()

    wait_for(delivered, 120, worker.tail)
    (request,) = receiver.requests
    body = json.loads(request.body)
    assert request.headers["Navis-Event"] == "document.processed"
    assert body["data"] == {"patient_id": str(patient.id), "document_id": str(document.id)}
    assert webhooks.verify(webhook.secret, request.headers["Navis-Signature"], request.body)

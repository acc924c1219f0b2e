"""Turns what records announces (records/signals.py) into webhook deliveries.

Connected in ApiConfig.ready(), so records never imports api. Signals arrive after the change
committed; each receiver passes ids only.
"""

from typing import Any

from django.dispatch import receiver

from api import webhooks
from records import signals
from records.models import Document, Patient


@receiver(signals.document_processed, dispatch_uid="api.webhooks.document_processed")
def document_processed(sender: type, patient: Patient, document: Document, **kwargs: Any) -> None:
    webhooks.emit("document.processed", patient, {"document_id": str(document.id)})


@receiver(signals.document_failed, dispatch_uid="api.webhooks.document_failed")
def document_failed(sender: type, patient: Patient, document: Document, **kwargs: Any) -> None:
    webhooks.emit("document.failed", patient, {"document_id": str(document.id)})


@receiver(signals.profile_changed, dispatch_uid="api.webhooks.profile_changed")
def profile_changed(sender: type, patient: Patient, version: int, **kwargs: Any) -> None:
    webhooks.emit("profile.changed", patient, {"version": version})


@receiver(signals.review_signed, dispatch_uid="api.webhooks.review_signed")
def review_signed(sender: type, patient: Patient, sign_off_id: int, **kwargs: Any) -> None:
    webhooks.emit("review.signed", patient, {"sign_off_id": sign_off_id})

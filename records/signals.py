"""What happened to a patient's records, announced for whoever listens (webhooks, in api/).

records never imports api: it only sends these, always after the transaction that made the
change has committed (``announce``), so nothing rolled back is ever announced. Every signal
carries ``patient`` and an id-like value, never record text:

- ``document_processed`` / ``document_failed``: sender Document, ``document``
- ``profile_changed``: sender Profile, ``version`` (the new version)
- ``review_signed``: sender SignOff, ``sign_off_id``
"""

import logging
from typing import Any

from django.db import transaction
from django.dispatch import Signal

log = logging.getLogger(__name__)

document_processed = Signal()
document_failed = Signal()
profile_changed = Signal()
review_signed = Signal()


def announce(signal: Signal, sender: type, **kwargs: Any) -> None:
    """Send `signal` once the surrounding transaction commits (at once outside one).

    A listener that fails is logged and skipped: the change is stored already, and the worker
    or view that made it must not fail because of a listener.
    """

    def send() -> None:
        for receiver, result in signal.send_robust(sender=sender, **kwargs):
            if isinstance(result, Exception):
                name = getattr(receiver, "__qualname__", "receiver")
                log.error("%s failed: %s", name, type(result).__name__)

    transaction.on_commit(send)

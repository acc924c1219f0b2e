"""Worker start-up: private temporary files, and a sweep for documents a dead worker left."""

import tempfile

from celery.signals import worker_init, worker_process_init, worker_ready
from django.conf import settings


@worker_init.connect
@worker_process_init.connect
def use_private_tmp(**kwargs) -> None:
    """pytesseract writes each page image to tempfile's directory while it reads it."""
    tempfile.tempdir = str(settings.NAVIS_TMP_DIR)


@worker_ready.connect
def sweep_on_start(sender=None, **kwargs) -> None:
    from records.tasks import sweep_stuck_documents

    sweep_stuck_documents.delay()

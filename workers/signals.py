"""When a worker starts, look for documents a dead worker left behind."""

from celery.signals import worker_ready


@worker_ready.connect
def sweep_on_start(sender=None, **kwargs) -> None:
    from workers.tasks import sweep_stuck_documents

    sweep_stuck_documents.delay()

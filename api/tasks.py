"""Celery tasks of the API: thin, taking only ids; the work lives in api.webhooks."""

from celery import shared_task

from api import webhooks


@shared_task(name=webhooks.DELIVER_TASK)
def deliver_webhook(delivery_id: int) -> str:
    """One attempt at a webhook delivery; retries are queued by the attempt itself."""
    return webhooks.deliver(delivery_id)


@shared_task(name="api.tasks.sweep_lost_deliveries")
def sweep_lost_deliveries() -> int:
    """Run by the beat: deliveries whose queue message was lost are queued again."""
    return webhooks.sweep_lost_deliveries()

"""Celery tasks: thin, taking only ids; the work lives in records.processing."""

from celery import shared_task

from records import processing

MAX_RETRIES = 5


def backoff(retries: int) -> int:
    """Seconds before the next try of a transient failure: 10, 20, 40, ... at most 10 min."""
    return min(600, 10 * 2**retries)


@shared_task(bind=True, name="records.tasks.process_document", max_retries=MAX_RETRIES)
def process_document(self, document_id: str) -> str:
    try:
        return processing.process(document_id)
    except processing.TransientError as error:
        if self.request.retries >= self.max_retries:
            processing.fail_after_retries(document_id, error.code)
            return "failed"
        raise self.retry(countdown=backoff(self.request.retries), exc=error) from error


@shared_task(name="records.tasks.sweep_stuck_documents")
def sweep_stuck_documents() -> int:
    return processing.sweep_stuck_documents()

from celery import shared_task

from . import outbox


@shared_task(name="core.tasks.flush_outbox")
def flush_outbox() -> int:
    """Beat: publish the tasks that could not be queued while the broker was down (core/outbox.py)."""
    return outbox.flush()

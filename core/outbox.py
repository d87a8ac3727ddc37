"""The transactional outbox: queue a Celery task so that the work survives a broker that is down.

``enqueue(task, *args, subject=obj)`` writes an ``OutboxMessage`` in the caller's transaction and,
once it commits, publishes the task (without Celery's own publish retries, so a user's request is
never held up by a dead broker). If publishing fails the row stays pending; the beat task
``core.tasks.flush_outbox`` publishes it when the broker is back. A row is claimed with a
conditional UPDATE before publishing, so the commit hook and the beat never both send it; the
tasks themselves are idempotent (a document renders once, an export runs once), so the rare
redelivery after a crash between publish and mark has no second effect."""

from __future__ import annotations

import logging
from datetime import timedelta

from celery import current_app
from django.db import transaction
from django.utils import timezone

from .models import OutboxMessage

logger = logging.getLogger(__name__)
# A pending row younger than this is left to its commit hook, which may still be publishing it.
GRACE = timedelta(seconds=30)


def subject_label(obj) -> str:
    return f"{obj._meta.label_lower}:{obj.pk}" if obj is not None else ""


def enqueue(task, *args, subject=None) -> OutboxMessage:
    message = OutboxMessage.objects.create(task=task.name, args=list(args), subject=subject_label(subject))
    transaction.on_commit(lambda: send(message.pk))
    return message


def send(message_id: int) -> bool:
    """Publish one pending message; True if it was published now."""
    now = timezone.now()
    if not OutboxMessage.objects.filter(pk=message_id, sent_at__isnull=True).update(sent_at=now):
        return False  # already sent (by the commit hook or the beat)
    message = OutboxMessage.objects.get(pk=message_id)
    if _eager():  # tests and single-process runs: the task runs here, its errors propagate
        OutboxMessage.objects.filter(pk=message_id).update(attempts=message.attempts + 1)
        current_app.tasks[message.task].apply(args=message.args, throw=True)
        return True
    try:
        with current_app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, timeout=5)  # never Celery's 100 reconnect tries
            current_app.send_task(message.task, args=message.args, retry=False, connection=connection)
    except Exception as exc:  # noqa: BLE001 — any broker failure leaves the row for the beat
        logger.warning("outbox: broker unavailable for %s (%s); will retry", message, exc)
        OutboxMessage.objects.filter(pk=message_id).update(
            sent_at=None, attempts=message.attempts + 1, last_error=f"{type(exc).__name__}: {exc}"[:500]
        )
        return False
    OutboxMessage.objects.filter(pk=message_id).update(attempts=message.attempts + 1, last_error="")
    return True


def flush(*, older_than: timedelta = GRACE) -> int:
    """Publish every message still pending after ``older_than``; returns how many were sent."""
    cutoff = timezone.now() - older_than
    pending = OutboxMessage.objects.filter(sent_at__isnull=True, created_at__lte=cutoff).order_by("pk")
    return sum(send(pk) for pk in pending.values_list("pk", flat=True)[:500])


def waiting(obj) -> bool:
    """True while a task about ``obj`` could not be handed to the workers yet."""
    return OutboxMessage.objects.filter(subject=subject_label(obj), sent_at__isnull=True).exists()


def _eager() -> bool:
    return bool(current_app.conf.task_always_eager)

"""Celery tasks: thin wrappers that call services. ``CELERY_TASK_ACKS_LATE`` is on, so a task
whose worker dies is delivered again; the services make a second run send nothing twice.

The beat's sweep marks what fell due as overdue, runs the first batch of reminders itself and
hands every further batch (``services.BATCH_SIZE`` deadlines) to ``remind_deadlines``, so a
hundred thousand deadlines falling due together are shared by however many workers there are."""

import datetime as dt
from smtplib import SMTPException

import pghistory
from celery import shared_task

from . import services


def _dispatch(ids: list[int], now: dt.datetime) -> None:
    remind_deadlines.delay(ids, now.isoformat())


@shared_task(name="deadlines.tasks.sweep_deadlines", acks_late=True)
def sweep_deadlines():
    with pghistory.context(actor="deadlines.sweep_deadlines"):
        return services.deadlines_sweep(dispatch=_dispatch).as_dict()


@shared_task(name="deadlines.tasks.remind_deadlines", acks_late=True)
def remind_deadlines(ids: list[int], now: str):
    with pghistory.context(actor="deadlines.sweep_deadlines"):
        return services.deadlines_remind(ids=ids, now=dt.datetime.fromisoformat(now)).as_dict()


@shared_task(
    name="deadlines.tasks.send_reminder_email",
    acks_late=True,
    autoretry_for=(SMTPException, OSError),
    retry_backoff=60,
    max_retries=5,
)
def send_reminder_email(reminder_id: int):
    return services.reminder_email_send(reminder_id=reminder_id)

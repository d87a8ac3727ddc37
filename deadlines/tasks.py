"""Celery tasks: thin wrappers that call services. ``CELERY_TASK_ACKS_LATE`` is on, so a task
whose worker dies is delivered again; the services make a second run send nothing twice."""

from smtplib import SMTPException

import pghistory
from celery import shared_task

from . import services


@shared_task(name="deadlines.tasks.sweep_deadlines", acks_late=True)
def sweep_deadlines():
    with pghistory.context(actor="deadlines.sweep_deadlines"):
        return services.deadlines_sweep().as_dict()


@shared_task(name="deadlines.tasks.send_reminder_email", acks_late=True,
             autoretry_for=(SMTPException, OSError), retry_backoff=60, max_retries=5)
def send_reminder_email(reminder_id: int):
    return services.reminder_email_send(reminder_id=reminder_id)

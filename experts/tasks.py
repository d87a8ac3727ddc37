"""Celery tasks of the experts app. Thin: the services do the work, and each is safe to run twice
(a seat already lettered is left alone; a year already opened is not opened again)."""

import pghistory
from celery import shared_task


@shared_task(name="experts.tasks.issue_appointment_letters", acks_late=True)
def issue_appointment_letters(committee_id: int, user_id: int) -> int:
    """The roster's 聘书: one registered, numbered document per member still without one."""
    from accounts.models import User

    from . import services

    user = User.objects.get(pk=user_id)
    with pghistory.context(actor="experts.issue_appointment_letters", user=user_id):
        return len(services.letters_issue(committee_id=committee_id, acting_user=user))


@shared_task(name="experts.tasks.open_hours_deadlines")
def open_hours_deadlines(year: int | None = None) -> int:
    """Each library's experts short of their yearly minimum get the year-end deadline (idempotent;
    run daily by beat, so an expert appointed during the year gets theirs too)."""
    from . import services

    with pghistory.context(actor="experts.open_hours_deadlines"):
        return len(services.hours_deadlines_open(year=year))

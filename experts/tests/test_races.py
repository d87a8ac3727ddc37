"""Two requests at once: exactly one winner (a second QR scan, a second approval, two letter jobs)."""

import threading

import pytest
from django.db import connection

from core.errors import WrongState
from directory.models import Person
from experts import services
from experts.models import Committee, DutyLog

from .factories import ActivityFactory, CommitteeFactory, SeatFactory, valid_jlp_roster


def run_twice(fn):
    results, barrier = [], threading.Barrier(2)

    def worker():
        try:
            barrier.wait()
            results.append(("ok", fn()))
        except Exception as exc:  # the loser's refusal is the result under test
            results.append(("refused", exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


@pytest.mark.django_db(transaction=True)
def test_two_scans_at_once_one_entry_and_two_approvals_one_winner(world, user_of):
    committee = CommitteeFactory(approved=True)
    SeatFactory(committee=committee, person=Person.objects.get(name="张建国"), name="张建国")
    activity = ActivityFactory(centre=committee.centre)
    expert = user_of("jlp_expert")
    results = run_twice(lambda: services.sign_in(token=activity.sign_in_code.token, acting_user=expert))
    assert [r[0] for r in results] == ["ok", "ok"]
    assert DutyLog.objects.filter(activity=activity).count() == 1
    assert sorted(created for _, (_log, created) in results) == [False, True]

    draft = Committee.objects.create(
        centre=activity.centre, kind="expert_group", name="测试", status="submitted"
    )
    valid_jlp_roster(draft)
    commission = user_of("jlp_commission")
    results = run_twice(
        lambda: services.roster_approve(committee=Committee.objects.get(pk=draft.pk), acting_user=commission)
    )
    outcomes = sorted(r[0] for r in results)
    assert outcomes == ["ok", "refused"]
    assert isinstance(next(r[1] for r in results if r[0] == "refused"), WrongState)

    # two letter jobs for one roster at once (a double click, a redelivered task): each member's
    # letter once, the numbers consecutive without a gap
    from documents import services as document_services
    from documents.models import IssuedDocument

    approved = valid_jlp_roster(CommitteeFactory(approved=True))  # no approval job has run for it
    original = document_services._enqueue_render
    document_services._enqueue_render = lambda document, render_sync: None  # PDFs are not under test
    try:
        results = run_twice(lambda: services.letters_issue(committee_id=approved.pk, acting_user=commission))
    finally:
        document_services._enqueue_render = original
    assert [r[0] for r in results] == ["ok", "ok"]
    seats = [s.pk for s in services.active_seats(approved)]
    letters = IssuedDocument.objects.filter(doc_type="experts_appointment_letter", subject_id__in=seats)
    assert letters.count() == len(seats) == sum(len(r[1]) for r in results)
    numbers = sorted(letters.values_list("sequence", flat=True))
    assert numbers == list(range(numbers[0], numbers[0] + len(seats)))


@pytest.mark.django_db(transaction=True)
def test_two_entries_of_one_day_sent_at_once_stay_within_24_hours(world, user_of):
    """The walk's note: the day's total was summed without a lock, so two 20-hour entries sent at
    the same moment could both fit under the 24-hour day."""
    from datetime import timedelta

    from core.errors import InvalidInput

    committee = CommitteeFactory(approved=True)
    SeatFactory(committee=committee, person=Person.objects.get(name="张建国"), name="张建国", role="chair")
    expert = user_of("jlp_expert")
    day = services.today() - timedelta(days=1)
    results = run_twice(
        lambda: services.duty_record(
            person=expert.person,
            acting_user=expert,
            work_for=f"centre:{committee.centre_id}",
            worked_on=day,
            kind="supervision",
            hours="20",
            description="督查",
        )
    )
    assert sorted(r[0] for r in results) == ["ok", "refused"]
    assert isinstance(next(r[1] for r in results if r[0] == "refused"), InvalidInput)
    assert DutyLog.objects.filter(person=expert.person, worked_on=day).count() == 1

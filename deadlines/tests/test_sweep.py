"""The sweep: overdue marking, reminders before the due date (per lead time), on the day, after
it, and escalation to the commission — each sent once, to the inbox and by e-mail."""

import datetime as dt

import pytest
from django.core import mail

from accounts.models import User
from deadlines import services
from deadlines.models import Deadline, InboxMessage, ReminderSent
from deadlines.services import deadlines_sweep, stages_due

from .conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def emails(world, django_capture_on_commit_callbacks):
    """Give the 九龙坡 host and commission addresses; run on-commit e-mail tasks."""
    User.objects.filter(username="jlp_host").update(email="host@jlp.example.cn")
    User.objects.filter(username="jlp_commission").update(email="yzyg@jlp.example.cn")

    def sweep(now):
        with django_capture_on_commit_callbacks(execute=True):
            return deadlines_sweep(now=at(now))

    return sweep


@pytest.mark.parametrize(
    "now,stages",
    [
        ("2026-03-02 23:59:59", []),
        ("2026-03-03 00:00:00", [("before:7d", "responsible")]),  # from 00:00 seven days before the date
        ("2026-03-08 12:00:00", [("before:7d", "responsible")]),
        ("2026-03-09 00:00:00", [("before:1d", "responsible")]),  # the tightest lead reached only
        ("2026-03-10 00:00:00", [("due_day", "responsible")]),
        ("2026-03-10 23:59:59", [("due_day", "responsible")]),
        ("2026-03-11 00:00:00", [("overdue", "responsible"), ("escalate", "commission")]),
    ],
)
def test_stages_follow_the_kinds_lead_times(open_deadline, now, stages):
    # chair.replacement: remind 7 days and 1 day before, escalate at once
    assert stages_due(open_deadline(due="2026-03-10 23:59:59"), at(now)) == stages


def test_a_deadline_opened_late_gets_only_the_tightest_reminder(open_deadline, emails):
    open_deadline(due="2026-03-10 23:59:59")
    emails("2026-03-09 08:00:00")
    assert list(ReminderSent.objects.values_list("stage", flat=True).distinct()) == ["before:1d"]


def test_reminders_go_to_the_inbox_and_by_mail_once_per_stage(open_deadline, emails):
    d = open_deadline(due="2026-03-10 23:59:59")
    emails("2026-03-03 09:00:00")
    emails("2026-03-03 09:15:00")  # the next beat: nothing new
    host_msgs = InboxMessage.objects.filter(user__username="jlp_host")
    assert [m.title for m in host_msgs] == ["【期限提醒】九龙坡区人民医院：更换主任委员（还剩 7 天截止）"]
    assert host_msgs[0].url == f"/deadlines/{d.pk}/"
    assert "第十二条" in host_msgs[0].body
    # the hospital's account gets it (the commission only once it is overdue), by e-mail too
    assert set(InboxMessage.objects.values_list("user__username", flat=True)) == {"jlp_host"}
    assert [m.to for m in mail.outbox] == [["host@jlp.example.cn"]]
    assert mail.outbox[0].subject.startswith("【期限提醒】")

    emails("2026-03-09 09:00:00")
    emails("2026-03-10 09:00:00")
    assert list(
        ReminderSent.objects.filter(recipient__username="jlp_host")
        .order_by("pk")
        .values_list("stage", flat=True)
    ) == ["before:7d", "before:1d", "due_day"]
    assert len(mail.outbox) == 3


def test_after_the_due_date_it_is_overdue_and_escalated_to_the_commission(open_deadline, emails):
    d = open_deadline(due="2026-03-10 23:59:59")
    result = emails("2026-03-11 00:05:00")
    assert result.overdue == 1
    assert Deadline.objects.get(pk=d.pk).state == Deadline.State.OVERDUE
    sent = set(ReminderSent.objects.values_list("stage", "recipient__username"))
    assert sent == {("overdue", "jlp_host"), ("escalate", "jlp_commission"), ("escalate", "jlp_qc_office")}
    escalation = InboxMessage.objects.get(user__username="jlp_commission")
    assert escalation.title == "【逾期督办】九龙坡区人民医院：九龙坡区人民医院：更换主任委员"
    assert sorted(m.to[0] for m in mail.outbox) == ["host@jlp.example.cn", "yzyg@jlp.example.cn"]
    emails("2026-03-12 00:05:00")
    assert ReminderSent.objects.count() == 3 and len(mail.outbox) == 2


def test_a_deadline_naming_nobody_reminds_the_commission_of_its_jurisdiction(open_deadline, emails):
    open_deadline(kind="setting.missing", responsible=False, due="2026-03-10 23:59:59")
    emails("2026-03-03 09:00:00")
    assert set(ReminderSent.objects.values_list("recipient__username", flat=True)) == {
        "jlp_commission",
        "jlp_qc_office",
    }
    # after it: the overdue notice, and no second escalation message to the same people
    emails("2026-03-11 09:00:00")
    assert ReminderSent.objects.filter(stage="escalate").count() == 0
    assert ReminderSent.objects.filter(stage="overdue").count() == 2


def test_a_deadline_for_a_person_reminds_their_account(open_deadline, emails, user_of):
    expert = user_of("jlp_expert")
    open_deadline(person=expert.person, responsible=False, due="2026-03-10 23:59:59")
    emails("2026-03-10 09:00:00")
    assert list(ReminderSent.objects.values_list("stage", "recipient__username")) == [
        ("due_day", "jlp_expert")
    ]


def test_met_and_waived_deadlines_are_not_reminded(open_deadline, emails, user_of):
    a = open_deadline(due="2026-03-10 23:59:59")
    b = open_deadline(due="2026-03-10 23:59:59", institution="九龙坡区中医院")
    services.deadline_meet(deadline=a)
    services.deadline_waive(deadline=b, reason="不适用", acting_user=user_of("jlp_commission"))
    result = emails("2026-03-20 09:00:00")
    assert result.overdue == 0 and ReminderSent.objects.count() == 0 and mail.outbox == []


def test_escalation_waits_for_the_kinds_grace_period(open_deadline, emails, monkeypatch):
    from deadlines import kinds

    kind = kinds.get("chair.replacement")
    monkeypatch.setitem(
        kinds._kinds,
        "chair.replacement",
        kinds.DeadlineKind(kind.code, kind.label, kind.remind_before, dt.timedelta(days=3)),
    )
    open_deadline(due="2026-03-10 23:59:59")
    emails("2026-03-12 09:00:00")
    assert not ReminderSent.objects.filter(stage="escalate").exists()
    emails("2026-03-14 09:00:00")
    assert ReminderSent.objects.filter(stage="escalate").exists()


def test_an_email_is_claimed_once(open_deadline, emails):
    open_deadline(due="2026-03-10 23:59:59")
    emails("2026-03-10 09:00:00")
    reminder = ReminderSent.objects.get(recipient__username="jlp_host")
    assert reminder.emailed_at is not None
    assert services.reminder_email_send(reminder_id=reminder.pk) is False
    assert len(mail.outbox) == 1


def test_the_beat_task_runs_the_sweep(open_deadline, world):
    from deadlines.tasks import sweep_deadlines

    open_deadline(due="2020-01-01 23:59:59")
    assert sweep_deadlines.delay().get() == {"overdue": 1, "reminders": 3}
    assert sweep_deadlines.delay().get() == {"overdue": 0, "reminders": 0}


def test_an_escalation_with_nobody_to_tell_is_recorded_once_as_undeliverable(open_deadline, emails):
    """With no active commission staff in the jurisdiction, the escalation used to be retried on
    every sweep, forever (issue 14). It is recorded once, without a recipient, and left."""
    User.objects.filter(username__in=["jlp_commission", "jlp_qc_office"]).update(is_active=False)
    d = open_deadline(due="2026-03-10 23:59:59")
    first = emails("2026-03-11 00:05:00")
    assert (d.pk, "escalate") in first.stages and first.undeliverable == 1
    undeliverable = ReminderSent.objects.get(deadline=d, stage="escalate")
    assert undeliverable.recipient is None and undeliverable.undeliverable
    assert not InboxMessage.objects.filter(reminder=undeliverable).exists()
    second = emails("2026-03-11 00:20:00")
    assert second.stages == [] and second.reminders == 0
    assert ReminderSent.objects.filter(deadline=d, stage="escalate").count() == 1
    # the deadline's page says so
    Deadline.objects.filter(pk=d.pk).update(next_reminder_at=None)
    assert Deadline.objects.get(pk=d.pk).next_reminder_at is None


def test_the_sweep_reads_only_what_is_due_in_a_fixed_number_of_queries_per_batch(
    open_deadline, world, django_assert_max_num_queries, monkeypatch
):
    """Set-based: a batch costs the same few queries whether it holds one deadline or fifty; the
    deadlines not yet due are not read at all."""
    from directory.models import Institution

    monkeypatch.setattr(services, "_queue_sweep", lambda: None)
    hospitals = list(Institution.objects.filter(jurisdiction__code="500107"))

    def open_many(n, due, kind):
        for i in range(n):
            open_deadline(
                institution=hospitals[i % len(hospitals)].name,
                subject=hospitals[i % len(hospitals)],
                kind=kind,
                due=due,
                title=f"事项{kind}{i}",
            )

    open_many(1, "2026-03-10 23:59:59", "chair.replacement")
    with django_assert_max_num_queries(40) as one:
        deadlines_sweep(now=at("2026-03-11 09:00:00"), batch_size=500)
    few = len(one.captured_queries)
    for k in ("handover", "annual_plan", "rectification", "grant.expiry", "setting.missing"):
        open_many(len(hospitals), "2026-06-30 23:59:59", k)
    # not yet in any reminder window of theirs, or already handled: nothing read, nothing sent
    assert Deadline.objects.pending().filter(next_reminder_at__lte=at("2026-03-11 09:05:00")).count() == 0
    with django_assert_max_num_queries(few) as idle:
        assert deadlines_sweep(now=at("2026-03-11 09:05:00")).stages == []
    assert len(idle.captured_queries) <= 4
    with django_assert_max_num_queries(few + 2):
        result = deadlines_sweep(now=at("2026-07-01 09:00:00"), batch_size=500)
    assert result.overdue == 5 * len(hospitals) and result.reminders > 0
    # every reminder once: a second sweep at the same time sends nothing
    assert deadlines_sweep(now=at("2026-07-01 09:00:00")).reminders == 0


def test_the_sweep_hands_further_batches_to_other_workers(open_deadline, world, monkeypatch):
    """Each batch beyond the first goes to ``dispatch``; together they send each reminder once."""
    from directory.models import Institution

    monkeypatch.setattr(services, "_queue_sweep", lambda: None)
    for i, h in enumerate(Institution.objects.filter(jurisdiction__code="500107")[:3]):
        open_deadline(institution=h.name, subject=h, due="2026-03-10 23:59:59")
    handed = []
    result = deadlines_sweep(
        now=at("2026-03-11 09:00:00"), batch_size=1, dispatch=lambda ids, now: handed.append((ids, now))
    )
    assert result.dispatched == 2 and len(handed) == 2
    for ids, now in handed:
        services.deadlines_remind(ids=ids, now=now)
        assert services.deadlines_remind(ids=ids, now=now).reminders == 0  # a redelivered task
    sent = list(ReminderSent.objects.values_list("deadline_id", "stage", "recipient_id"))
    assert len(sent) == len(set(sent)) and {d for d, _, _ in sent} == set(
        Deadline.objects.values_list("pk", flat=True)
    )

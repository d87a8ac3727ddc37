"""Every write about deadlines: workflows open and close them here, the commission waives them,
and the sweep marks them overdue and sends each reminder once.

State changes run the django-fsm transition (which checks the edge is allowed) and are saved with
a conditional ``UPDATE … WHERE state = <the state we read>``: of two concurrent changes, one wins
and the other is told so (WrongState ``changed_concurrently``, core.workflow.transition)."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from accounts.models import INSTITUTION_ROLES, Role, User
from core.errors import InvalidInput, NotAllowed, WrongState
from core.workflow import transition

from . import error_codes as codes
from . import kinds
from .dates import SHANGHAI, local_date, start_of_day
from .models import Deadline, InboxMessage, ReminderSent

logger = logging.getLogger(__name__)

# Who may waive a deadline: the commission and its QC office, within their scope (an auditor
# reads everything and changes nothing).
WAIVER_ROLES = {Role.COMMISSION, Role.QC_OFFICE}
COMMISSION_STAFF_ROLES = (Role.COMMISSION, Role.QC_OFFICE)


class DeadlineError(WrongState):
    """An error a user or a workflow sees, with a stable code (error_codes.py) and a Chinese
    message; the API answers it as a 409 like any step taken out of order."""


def may_waive(user) -> bool:
    return bool(
        user
        and user.is_authenticated
        and not user.is_read_only
        and (user.is_sysadmin or user.role in WAIVER_ROLES)
    )


def _transition(deadline: Deadline, name: str, fields: tuple[str, ...], **kwargs) -> Deadline:
    return transition(
        deadline,
        name,
        update_fields=fields,
        code=codes.NOT_PENDING,
        message=f"期限“{deadline.title}”当前状态为{Deadline.State(deadline.state).label}，不能执行此操作。",
        **kwargs,
    )


def _subject_lookup(subject) -> dict:
    return {"content_type": ContentType.objects.get_for_model(subject), "object_id": subject.pk}


# --- workflows ---------------------------------------------------------------------------------


@transaction.atomic
def deadline_open(
    *,
    kind: str,
    title: str,
    subject,
    due_at: dt.datetime,
    jurisdiction,
    institution=None,
    person=None,
    user=None,
    article: str = "",
    ruleset_code: str = "",
    acting_user=None,
) -> Deadline:
    """Open the obligation ``kind`` about ``subject``, due at ``due_at`` (compute it with
    ``deadlines.dates``). Opening the same pending obligation again returns it unchanged; opening
    it again with another due date is refused (``deadline_already_open``)."""
    kind_def = kinds.get(kind)
    if not isinstance(due_at, dt.datetime) or due_at.tzinfo is None:
        raise ValueError("截止时间须为带时区的时间（Asia/Shanghai）。")
    lookup = {**_subject_lookup(subject), "kind": kind_def.code}
    deadline, created = Deadline.objects.pending().filter(**lookup).first(), False
    if deadline is None:
        try:
            with transaction.atomic():
                deadline = Deadline.objects.create(
                    **lookup,
                    title=title,
                    due_at=due_at,
                    jurisdiction=jurisdiction,
                    institution=institution,
                    person=person,
                    user=user,
                    article=article,
                    ruleset_code=ruleset_code,
                    created_by=acting_user if acting_user and acting_user.is_authenticated else None,
                )
                created = True
        except IntegrityError:  # opened a moment ago by a concurrent request
            deadline = Deadline.objects.pending().get(**lookup)
    if not created:
        if deadline.due_at != due_at:
            raise DeadlineError(
                codes.ALREADY_OPEN,
                f"“{deadline.title}”已有未结期限（截止 {deadline.due_at.astimezone(SHANGHAI):%Y-%m-%d}）。",
            )
        return deadline
    # A deadline opened inside a reminder window (or already past) need not wait for the beat.
    if due_at - timezone.now() <= kind_def.remind_before[0] + dt.timedelta(days=1):
        _queue_sweep()
    return deadline


def _queue_sweep() -> None:
    from .tasks import sweep_deadlines

    sweep_deadlines.delay_on_commit()


@transaction.atomic
def deadline_meet(
    *,
    deadline: Deadline | None = None,
    subject=None,
    kind: str | None = None,
    acting_user=None,
    at: dt.datetime | None = None,
) -> Deadline | None:
    """The obligation was fulfilled. Given ``subject`` and ``kind``, meets the pending one if there
    is one (and returns None if there is none: fulfilling twice is not an error)."""
    if deadline is None:
        if subject is None or kind is None:
            raise ValueError("deadline_meet 需要 deadline，或 subject 与 kind。")
        deadline = Deadline.objects.pending().filter(**_subject_lookup(subject), kind=kind).first()
        if deadline is None:
            return None
    return _transition(deadline, "meet", ("met_at",), at=at or timezone.now())


@transaction.atomic
def deadline_waive(*, deadline: Deadline, reason: str, acting_user) -> Deadline:
    """The commission releases an obligation; the reason is kept with it."""
    if (
        not may_waive(acting_user)
        or not Deadline.objects.for_user(acting_user).filter(pk=deadline.pk).exists()
    ):
        raise NotAllowed(codes.NOT_ALLOWED, "无权豁免该期限。")
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(codes.WAIVE_REASON_REQUIRED, "请填写豁免理由。")
    return _transition(
        deadline,
        "waive",
        ("waived_reason", "waived_by", "waived_at"),
        reason=reason,
        by=acting_user,
        at=timezone.now(),
    )


@transaction.atomic
def deadline_mark_overdue(*, deadline: Deadline) -> Deadline:
    return _transition(deadline, "mark_overdue", ())


# --- the sweep ---------------------------------------------------------------------------------

RESPONSIBLE, COMMISSION = "responsible", "commission"


def stage_code(lead: dt.timedelta) -> str:
    if lead % dt.timedelta(days=1) == dt.timedelta(0):
        return f"before:{lead.days}d"
    return f"before:{int(lead.total_seconds() // 3600)}h"


def reminder_time(due_at: dt.datetime, lead: dt.timedelta) -> dt.datetime:
    """When the reminder ``lead`` before ``due_at`` goes out (whole days count against the due
    date, from 00:00 Shanghai; shorter leads against the due time)."""
    if lead % dt.timedelta(days=1) == dt.timedelta(0):
        return start_of_day(local_date(due_at) - lead)
    return due_at - lead


def stages_due(deadline: Deadline, now: dt.datetime) -> list[tuple[str, str]]:
    """The reminder stages reached at ``now``, each with its audience. Before the due date only the
    tightest lead reached counts (a deadline opened two days ahead gets one reminder, not its
    seven-day one as well); on the due date the day's reminder replaces them."""
    kind = kinds.get(deadline.kind)
    due = deadline.due_at
    if now <= due:
        if now >= start_of_day(due):
            return [("due_day", RESPONSIBLE)]
        reached = [lead for lead in kind.remind_before if now >= reminder_time(due, lead)]
        return [(stage_code(min(reached)), RESPONSIBLE)] if reached else []
    stages = [("overdue", RESPONSIBLE)]
    if now >= due + kind.escalate_after:
        stages.append(("escalate", COMMISSION))
    return stages


def commission_staff(jurisdiction_id: int) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True, jurisdiction_id=jurisdiction_id, role__in=COMMISSION_STAFF_ROLES
        ).order_by("pk")
    )


def responsible_users(deadline: Deadline) -> list[User]:
    """For whom: the named user, the person's account, the institution's accounts; with nobody
    named, the commission staff of the deadline's jurisdiction."""
    who = Q(pk__in=[])
    if deadline.user_id:
        who |= Q(pk=deadline.user_id)
    if deadline.person_id:
        who |= Q(person_id=deadline.person_id)
    if deadline.institution_id:
        who |= Q(institution_id=deadline.institution_id, role__in=list(INSTITUTION_ROLES))
    users = list(User.objects.filter(who, is_active=True).order_by("pk"))
    return users or commission_staff(deadline.jurisdiction_id)


def _message(deadline: Deadline, stage: str, now: dt.datetime) -> tuple[str, str]:
    due = deadline.due_at.astimezone(SHANGHAI)
    basis = "；".join(
        x
        for x in (
            deadline.ruleset_code and f"规则集 {deadline.ruleset_code}",
            deadline.article and f"依据 {deadline.article}",
        )
        if x
    )
    lines = [
        f"事项：{deadline.title}",
        f"截止时间：{due:%Y-%m-%d %H:%M}",
        f"责任方：{deadline.responsible_label()}",
    ]
    if basis:
        lines.append(basis)
    if stage == "due_day":
        title = f"【今日截止】{deadline.title}"
    elif stage == "overdue":
        title = f"【已逾期】{deadline.title}"
        lines.insert(0, f"该期限已于 {due:%Y-%m-%d %H:%M} 截止，尚未完成，已报告卫生健康行政部门。")
    elif stage == "escalate":
        title = f"【逾期督办】{deadline.responsible_label()}：{deadline.title}"
        lines.insert(0, "以下期限已逾期未完成，请督促办理。")
    else:
        days = (local_date(due) - local_date(now)).days
        title = f"【期限提醒】{deadline.title}（{'还剩 %d 天' % days if days else '今日'}截止）"
    return title, "\n".join(lines)


BATCH_SIZE = 500  # deadlines per reminder batch (one task, one transaction)
OVERDUE_BATCH_SIZE = 5000  # rows per overdue UPDATE
_TICK = dt.timedelta(microseconds=1)


def next_reminder_time(
    kind_code: str, due_at: dt.datetime, *, after: dt.datetime | None
) -> dt.datetime | None:
    """The first moment after ``after`` (the earliest of all with ``after=None``) at which
    ``stages_due`` can give something new: a lead time reached, the due day, the moment after the
    due time (overdue) and the escalation. None when nothing is left (or the kind is gone)."""
    try:
        kind = kinds.get(kind_code)
    except kinds.UnknownKind:
        return None
    times = [reminder_time(due_at, lead) for lead in kind.remind_before]
    times += [start_of_day(due_at), due_at + _TICK, due_at + max(kind.escalate_after, _TICK)]
    if after is not None:
        times = [t for t in times if t > after]
    return min(times, default=None)


@dataclass
class SweepResult:
    overdue: int = 0
    reminders: int = 0
    undeliverable: int = 0
    dispatched: int = 0
    stages: list[tuple[int, str]] = field(default_factory=list)

    def add(self, other: SweepResult) -> None:
        self.reminders += other.reminders
        self.undeliverable += other.undeliverable
        self.stages += other.stages

    def as_dict(self) -> dict:
        out = {"overdue": self.overdue, "reminders": self.reminders}
        if self.undeliverable:
            out["undeliverable"] = self.undeliverable
        if self.dispatched:
            out["dispatched"] = self.dispatched
        return out


def overdue_mark(*, now: dt.datetime, batch_size: int = OVERDUE_BATCH_SIZE) -> int:
    """OPEN → OVERDUE for everything past due, a batch per UPDATE (the ``WHERE state = 'open'``
    makes a concurrent sweep, meet or waiver win cleanly: a row is counted once). The audit
    triggers record each row, with the sweep's context."""
    total = 0
    while True:
        ids = list(
            Deadline.objects.filter(state=Deadline.State.OPEN, due_at__lt=now)
            .order_by("pk")
            .values_list("pk", flat=True)[:batch_size]
        )
        if not ids:
            return total
        total += Deadline.objects.filter(pk__in=ids, state=Deadline.State.OPEN).update(
            state=Deadline.State.OVERDUE
        )


def due_batches(*, now: dt.datetime, batch_size: int = BATCH_SIZE) -> list[list[int]]:
    """The pending deadlines with something to do at ``now``, in batches of ids (read through
    the partial index on ``next_reminder_at``: only the due rows, never every pending one)."""
    ids = list(
        Deadline.objects.pending()
        .filter(next_reminder_at__lte=now)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return [ids[i : i + batch_size] for i in range(0, len(ids), batch_size)]


def deadlines_sweep(
    *, now: dt.datetime | None = None, batch_size: int = BATCH_SIZE, dispatch=None
) -> SweepResult:
    """What the beat runs every 15 minutes: mark what fell due as overdue, then send every reminder
    stage reached (before, on the day, overdue, escalation) that has not gone out. Safe to run
    twice, or in two workers at once.

    With ``dispatch`` (the beat task passes one), the first batch runs here and every further
    batch is handed to ``dispatch(ids, now)`` — a task any worker may take."""
    now = now or timezone.now()
    result = SweepResult(overdue=overdue_mark(now=now))
    for i, ids in enumerate(due_batches(now=now, batch_size=batch_size)):
        if dispatch is not None and i > 0:
            dispatch(ids, now)
            result.dispatched += 1
        else:
            result.add(deadlines_remind(ids=ids, now=now))
    return result


def _responsible_index(deadlines: list[Deadline]) -> tuple[dict, dict]:
    """Everyone the batch's deadlines name, in one query; and the commission staff of the
    batch's jurisdictions, in one more."""
    user_ids = {d.user_id for d in deadlines if d.user_id}
    person_ids = {d.person_id for d in deadlines if d.person_id}
    institution_ids = {d.institution_id for d in deadlines if d.institution_id}
    who = (
        Q(pk__in=user_ids)
        | Q(person_id__in=person_ids)
        | Q(institution_id__in=institution_ids, role__in=list(INSTITUTION_ROLES))
    )
    by = {"user": {}, "person": {}, "institution": {}}
    if user_ids or person_ids or institution_ids:
        for u in User.objects.filter(who, is_active=True).order_by("pk"):
            by["user"][u.pk] = [u]
            if u.person_id:
                by["person"].setdefault(u.person_id, []).append(u)
            if u.institution_id and u.role in INSTITUTION_ROLES:
                by["institution"].setdefault(u.institution_id, []).append(u)
    staff: dict[int, list[User]] = {}
    for u in User.objects.filter(
        is_active=True,
        jurisdiction_id__in={d.jurisdiction_id for d in deadlines},
        role__in=COMMISSION_STAFF_ROLES,
    ).order_by("pk"):
        staff.setdefault(u.jurisdiction_id, []).append(u)
    return by, staff


def _responsible(deadline: Deadline, by: dict, staff: dict) -> list[User]:
    """As ``responsible_users``, from the batch's index."""
    found = {}
    for key, value in (
        ("user", deadline.user_id),
        ("person", deadline.person_id),
        ("institution", deadline.institution_id),
    ):
        for u in by[key].get(value, []) if value else []:
            found[u.pk] = u
    return [found[pk] for pk in sorted(found)] or staff.get(deadline.jurisdiction_id, [])


_INSERT_REMINDERS = """
INSERT INTO {table} (deadline_id, stage, recipient_id, sent_at)
SELECT t.d, t.s, t.r, %s FROM unnest(%s::bigint[], %s::varchar[], %s::bigint[]) AS t(d, s, r)
ON CONFLICT DO NOTHING
RETURNING id, deadline_id, stage, recipient_id
"""

_MOVE_NEXT = """
UPDATE {table} AS d SET next_reminder_at = t.at
FROM unnest(%s::bigint[], %s::timestamptz[]) AS t(id, at) WHERE d.id = t.id
"""


def deadlines_remind(*, ids: list[int], now: dt.datetime) -> SweepResult:
    """One batch of the sweep, in one transaction and a fixed number of queries: lock the batch's
    deadlines whose time has come (rows another worker holds are skipped: that worker sends
    them), work out each stage's recipients, insert the ReminderSent rows with
    ``ON CONFLICT DO NOTHING`` — only the rows this transaction inserted are sent, so each
    (deadline, stage, recipient) goes out once whatever runs concurrently — write the inbox
    messages, queue the e-mails on commit and move each deadline's ``next_reminder_at`` on.

    A stage with nobody at all to tell is recorded once as undeliverable (a row without a
    recipient); an escalation whose commission staff all had the overdue notice already is
    done without a second message. Neither is tried again."""
    result = SweepResult()
    with transaction.atomic():
        batch = list(
            Deadline.objects.pending()
            .filter(pk__in=ids, next_reminder_at__lte=now)
            .select_related("jurisdiction", "institution", "person", "user")
            .select_for_update(skip_locked=True, of=("self",))
            .order_by("pk")
        )
        if not batch:
            return result
        done = set(
            ReminderSent.objects.filter(deadline__in=[d.pk for d in batch])
            .values_list("deadline_id", "stage")
            .distinct()
        )
        by, staff = _responsible_index(batch)
        rows, texts, users = [], {}, {}
        for deadline in batch:
            try:
                stages = [(s, a) for s, a in stages_due(deadline, now) if (deadline.pk, s) not in done]
            except kinds.UnknownKind:
                continue  # a kind whose workflow is gone: shown in the lists, never reminded
            responsible = _responsible(deadline, by, staff) if stages else []
            for stage, audience in stages:
                if audience == COMMISSION:
                    everyone = staff.get(deadline.jurisdiction_id, [])
                    # Those who already had the overdue notice as the responsible party need not hear twice.
                    recipients = [u for u in everyone if u not in responsible]
                else:
                    everyone = recipients = responsible
                result.stages.append((deadline.pk, stage))
                if not everyone:
                    rows.append((deadline.pk, stage, None))
                    continue
                texts[(deadline.pk, stage)] = _message(deadline, stage, now) + (
                    reverse("deadlines:detail", kwargs={"pk": deadline.pk}),
                )
                for u in recipients:
                    rows.append((deadline.pk, stage, u.pk))
                    users[u.pk] = u
        inserted = []
        if rows:
            rows.sort(key=lambda r: (r[0], r[1], r[2] or 0))  # one lock order for every worker
            with connection.cursor() as cursor:
                cursor.execute(
                    _INSERT_REMINDERS.format(table=ReminderSent._meta.db_table),
                    [now, [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]],
                )
                inserted = cursor.fetchall()
        messages = []
        for reminder_id, deadline_id, stage, recipient_id in inserted:
            if recipient_id is None:
                result.undeliverable += 1
                logger.warning("期限 %s 的提醒阶段 %s 无人可通知，已记为未送达。", deadline_id, stage)
                continue
            title, body, url = texts[(deadline_id, stage)]
            messages.append(
                InboxMessage(user_id=recipient_id, title=title, body=body, url=url, reminder_id=reminder_id)
            )
            if users[recipient_id].email:
                from .tasks import send_reminder_email

                send_reminder_email.delay_on_commit(reminder_id)
        InboxMessage.objects.bulk_create(messages)
        result.reminders = len(messages)
        with connection.cursor() as cursor:
            cursor.execute(
                _MOVE_NEXT.format(table=Deadline._meta.db_table),
                [[d.pk for d in batch], [next_reminder_time(d.kind, d.due_at, after=now) for d in batch]],
            )
    return result


def reminder_email_send(*, reminder_id: int) -> bool:
    """E-mail one reminder. The row is claimed (``emailed_at``) and the mail sent in one
    transaction: a concurrent task waits on the row and then finds it claimed; a failed send rolls
    the claim back so a retry sends it."""
    with transaction.atomic():
        claimed = ReminderSent.objects.filter(pk=reminder_id, emailed_at__isnull=True).update(
            emailed_at=timezone.now()
        )
        if not claimed:
            return False
        reminder = ReminderSent.objects.select_related("recipient", "message").get(pk=reminder_id)
        message = getattr(reminder, "message", None)
        if not reminder.recipient.email or message is None:
            return False
        link = f"\n\n{getattr(settings, 'SITE_URL', '').rstrip('/')}{message.url}" if message.url else ""
        EmailMessage(subject=message.title, body=message.body + link, to=[reminder.recipient.email]).send()
    return True


# --- the inbox and the feed --------------------------------------------------------------------


def inbox_mark_read(*, user, message_ids: list[int] | None = None) -> int:
    """Mark the user's messages read (all unread ones when no ids are given)."""
    qs = InboxMessage.objects.for_user(user).filter(read_at__isnull=True)
    if message_ids is not None:
        qs = qs.filter(pk__in=message_ids)
    return qs.update(read_at=timezone.now())


@transaction.atomic
def calendar_feed_reset(*, user):
    from .models import CalendarFeed, new_feed_token

    feed, created = CalendarFeed.objects.get_or_create(user=user)
    if not created:
        feed.token = new_feed_token()
        feed.save(update_fields=["token"])
    return feed


def calendar_feed_for(*, user):
    from .models import CalendarFeed

    feed, _ = CalendarFeed.objects.get_or_create(user=user)
    return feed

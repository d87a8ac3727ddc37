"""Every dated obligation of the platform (期限), the reminders sent about them, the in-app inbox
and the calendar-feed tokens. Workflows open and close deadlines through ``services``; the sweep
(``tasks.sweep_deadlines``) marks them overdue, reminds and escalates."""

from __future__ import annotations

import secrets

import pghistory
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import transition

from core.scoping import ScopedQuerySet
from core.workflow import StateField


class DeadlineQuerySet(ScopedQuerySet):
    scope_path = "jurisdiction__path"
    scope_institution = "institution"
    scope_person = "person"

    def pending(self):
        return self.filter(state__in=Deadline.PENDING)


# Tracked like every domain model, except the sweep's own bookkeeping (``next_reminder_at``): moving
# it is not a change anyone made to the obligation, and would write an audit row per reminder.
@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.DeleteEvent(),
    exclude=["next_reminder_at"],
    append_only=True,
)  # append-only: audit/tracking.py
class Deadline(models.Model):
    """期限: one dated obligation about one record (its ``subject``), for someone (institution,
    person or user; nobody named means the commission of the jurisdiction), citing its article."""

    class State(models.TextChoices):
        OPEN = "open", _("进行中")  # not yet due
        MET = "met", _("已完成")  # the obligation was fulfilled (on time or late)
        OVERDUE = "overdue", _("已逾期")  # past due and not fulfilled: escalated to the commission
        WAIVED = "waived", _("已豁免")  # the commission released it, with a recorded reason

    PENDING = (State.OPEN, State.OVERDUE)

    kind = models.CharField(_("类型"), max_length=50, db_index=True)
    title = models.CharField(_("事项"), max_length=200)
    content_type = models.ForeignKey(ContentType, models.PROTECT, verbose_name=_("对象类型"))
    object_id = models.PositiveBigIntegerField(_("对象编号"))
    subject = GenericForeignKey("content_type", "object_id")
    jurisdiction = models.ForeignKey(
        "directory.Jurisdiction", models.PROTECT, related_name="deadlines", verbose_name=_("行政区划")
    )
    institution = models.ForeignKey(
        "directory.Institution",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="deadlines",
        verbose_name=_("责任机构"),
    )
    person = models.ForeignKey(
        "directory.Person",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="deadlines",
        verbose_name=_("责任人"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="deadlines",
        verbose_name=_("责任账号"),
    )
    due_at = models.DateTimeField(_("截止时间"))
    article = models.CharField(_("依据条款"), max_length=50, blank=True)
    ruleset_code = models.CharField(_("规则集"), max_length=50, blank=True)
    state = StateField(_("状态"), default=State.OPEN, choices=State.choices)
    met_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    waived_at = models.DateTimeField(_("豁免时间"), null=True, blank=True)
    waived_reason = models.TextField(_("豁免理由"), blank=True)
    waived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("豁免人"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("创建人"),
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    # When the sweep next has something to do for this deadline (its next reminder stage, the
    # overdue notice, the escalation); NULL once nothing is left. The sweep reads only the rows
    # whose time has come (a partial index), never every pending deadline.
    next_reminder_at = models.DateTimeField(_("下次提醒时间"), null=True, blank=True, editable=False)

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("期限")
        ordering = ["due_at", "pk"]
        indexes = [
            models.Index(fields=["state", "due_at"]),
            models.Index(fields=["content_type", "object_id"]),
            models.Index(
                fields=["next_reminder_at"],
                name="deadline_next_reminder",
                condition=Q(state__in=["open", "overdue"], next_reminder_at__isnull=False),
            ),
            # The lists (selectors.deadline_list, the API): by due date, in a scope, a jurisdiction,
            # an institution's (a hospital's own list).
            models.Index(fields=["due_at", "id"], name="deadline_due_order"),
            models.Index(fields=["jurisdiction", "due_at", "id"], name="deadline_jur_due"),
            models.Index(fields=["institution", "due_at", "id"], name="deadline_inst_due"),
        ]
        constraints = [
            # One pending obligation of a kind per record: a workflow re-opening it gets the same row.
            models.UniqueConstraint(
                fields=["content_type", "object_id", "kind"],
                condition=Q(state__in=["open", "overdue"]),
                name="deadline_one_pending_per_subject_kind",
            ),
            models.CheckConstraint(
                condition=~Q(state="waived") | ~Q(waived_reason=""), name="deadline_waiver_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if self._state.adding and self.next_reminder_at is None and self.due_at is not None:
            from .services import next_reminder_time

            self.next_reminder_at = next_reminder_time(self.kind, self.due_at, after=None)
        super().save(*args, **kwargs)

    # --- the state machine (docs/deadlines.md) -------------------------------------------------

    @transition(field=state, source=[State.OPEN, State.OVERDUE], target=State.MET)
    def meet(self, *, at):
        self.met_at = at

    @transition(field=state, source=State.OPEN, target=State.OVERDUE)
    def mark_overdue(self):
        pass

    @transition(field=state, source=[State.OPEN, State.OVERDUE], target=State.WAIVED)
    def waive(self, *, reason: str, by, at):
        self.waived_reason, self.waived_by, self.waived_at = reason, by, at

    # --- reading ---------------------------------------------------------------------------------

    @property
    def is_pending(self) -> bool:
        return self.state in self.PENDING

    @property
    def kind_label(self) -> str:
        from . import kinds

        try:
            return kinds.get(self.kind).label
        except kinds.UnknownKind:
            return self.kind

    @property
    def days_left(self) -> int:
        """Days from today to the due date, in Shanghai dates (negative once past)."""
        from .dates import local_date

        return (local_date(self.due_at) - local_date(timezone.now())).days

    @property
    def days_overdue(self) -> int:
        return max(0, -self.days_left)

    @property
    def state_color(self) -> str:
        return {
            self.State.OPEN: "blue",
            self.State.MET: "green",
            self.State.OVERDUE: "red",
            self.State.WAIVED: "default",
        }[self.state]

    def responsible_label(self) -> str:
        parts = [str(x) for x in (self.institution, self.person, self.user) if x is not None]
        return "、".join(parts) or f"{self.jurisdiction.name}卫生健康行政部门"


class ReminderSent(models.Model):
    """A reminder that went out: the database's promise that each (deadline, stage, recipient) is
    sent once, however many sweeps run and whichever worker dies. Inserted before anything is
    sent; only the sweep that inserted the row sends.

    A stage that found nobody at all to tell (no account for the responsible party and no
    commission staff in the jurisdiction) is recorded once with no recipient: undeliverable, shown
    on the deadline, and not tried again on every sweep."""

    deadline = models.ForeignKey(Deadline, models.CASCADE, related_name="reminders", verbose_name=_("期限"))
    stage = models.CharField(_("阶段"), max_length=30)  # before:7d, due_day, overdue, escalate
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("接收人"),
    )
    sent_at = models.DateTimeField(_("发送时间"), auto_now_add=True)
    # Set by the one e-mail task that claims it (UPDATE … WHERE emailed_at IS NULL).
    emailed_at = models.DateTimeField(_("邮件发送时间"), null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("已发送提醒")
        constraints = [
            models.UniqueConstraint(
                fields=["deadline", "stage", "recipient"], name="reminder_once_per_stage_recipient"
            ),
            models.UniqueConstraint(
                fields=["deadline", "stage"],
                condition=Q(recipient__isnull=True),
                name="reminder_undeliverable_once_per_stage",
            ),
        ]

    @property
    def undeliverable(self) -> bool:
        return self.recipient_id is None

    def __str__(self) -> str:
        return f"{self.deadline} · {self.stage} · {self.recipient or '无人可通知'}"


class InboxQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user or not user.is_authenticated:
            return self.none()
        return self.filter(user=user)


class InboxMessage(models.Model):
    """站内消息: one message in one user's inbox."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="inbox", verbose_name=_("接收人")
    )
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    url = models.CharField(_("链接"), max_length=500, blank=True)
    reminder = models.OneToOneField(
        ReminderSent, models.SET_NULL, null=True, blank=True, related_name="message", verbose_name=_("提醒")
    )
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    read_at = models.DateTimeField(_("阅读时间"), null=True, blank=True)

    objects = InboxQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("站内消息")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at", "-created_at"])]

    def __str__(self) -> str:
        return self.title


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


# Not @tracked: the audit trail would keep copies of the secret.
class CalendarFeed(models.Model):
    """The secret of one user's .ics feed: calendar apps subscribe without a session, so the URL is
    the credential. Resetting it cuts off every old subscription."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="calendar_feed", verbose_name=_("用户")
    )
    token = models.CharField(_("令牌"), max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = _("日历订阅")

    def __str__(self) -> str:
        return f"{self.user} 的日历订阅"

"""Expert committees and QC groups, the expert library, duty hours with QR sign-in, conflicts of
interest and the yearly expert grading. RULESETS.md §2, §3; the seeds are the authority.

Every state is declared with django-fsm-2 (``StateField(protected=True)``) and changed only through
``experts/services.py`` with ``core.workflow.transition``; every model is ``@tracked``; every
queryset is scoped (``core.scoping``)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django_fsm import ConcurrentTransitionMixin, transition

from audit.tracking import tracked
from core.scoping import ScopedQuerySet
from core.workflow import StateField
from rulesets.engine.inputs import ROLES

ROLE_CHOICES = list(ROLES.items())


# --- scoping ----------------------------------------------------------------------------------


class CommitteeQuerySet(ScopedQuerySet):
    scope_path = "centre__jurisdiction__path"  # commission, office, reviewer, auditor
    scope_institution = "centre__host"  # the host's users
    scope_person = "members__person"  # an expert sees the committees they sit on


class MemberQuerySet(ScopedQuerySet):
    scope_path = "committee__centre__jurisdiction__path"
    scope_institution = "committee__centre__host"
    scope_person = "person"


class MeetingQuerySet(ScopedQuerySet):
    scope_path = "committee__centre__jurisdiction__path"
    scope_institution = "committee__centre__host"
    scope_person = "committee__members__person"


class OwnOfficeQuerySet(ScopedQuerySet):
    """Duty hours and sign-in activities: the commission (and the district reviewer, the auditor)
    sees its jurisdiction and everything below it; the QC office is the secretary of its own
    jurisdiction's centres and library (core/policies.py: it acts within the same jurisdiction), so
    it sees their hours and activities only — not a district's below it, which has its own office
    (the 重庆 library's office saw a 九龙坡 committee member's hours on 履职时长总览)."""

    def for_user(self, user):
        from accounts.models import Role

        rows = super().for_user(user)
        if user and user.is_authenticated and not user.is_sysadmin and user.role == Role.QC_OFFICE:
            return rows.filter(jurisdiction_id=user.jurisdiction_id)
        return rows


class ActivityQuerySet(OwnOfficeQuerySet):
    scope_path = "jurisdiction__path"
    scope_institution = "centre__host"
    scope_person = "duty_logs__person"


class DutyLogQuerySet(OwnOfficeQuerySet):
    scope_path = "jurisdiction__path"
    scope_institution = "centre__host"
    scope_person = "person"


class LibraryChildQuerySet(ScopedQuerySet):
    """Library records: the reviewing jurisdiction (a district or regional centre's, or the city's)
    sees its own and those below; the expert sees their own."""

    scope_path = "jurisdiction__path"
    scope_person = "person"


class DeclarationQuerySet(ScopedQuerySet):
    scope_path = "person__employer__jurisdiction__path"
    scope_institution = "person__employer"
    scope_person = "person"


class RecusalQuerySet(ScopedQuerySet):
    scope_path = "institution__jurisdiction__path"
    scope_person = "person"


class LibraryQuerySet(ScopedQuerySet):
    """A library is seen by the staff of its jurisdiction, of the jurisdictions above it (who
    oversee) and below it (district and regional centres review their candidates into it), and
    by its experts."""

    scope_person = "experts__person"

    def for_user(self, user):
        from accounts.models import JURISDICTION_ROLES

        if user and user.is_authenticated and not user.is_sysadmin and user.role in JURISDICTION_ROLES:
            if not user.jurisdiction_id:
                return self.none()
            path = user.jurisdiction.path
            prefixes = ["/".join(path.split("/")[:n]) + "/" for n in range(1, path.count("/") + 1)]
            return self.filter(Q(jurisdiction__path__in=prefixes) | Q(jurisdiction__path__startswith=path))
        return super().for_user(user)


class GradingQuerySet(ScopedQuerySet):
    scope_path = "library__jurisdiction__path"


class GradeQuerySet(ScopedQuerySet):
    scope_path = "grading__library__jurisdiction__path"
    scope_person = "expert__person"


# --- committees -------------------------------------------------------------------------------


@tracked
class Committee(ConcurrentTransitionMixin, models.Model):
    """专家委员会 of a centre (九龙坡 第十一条, 济南 第六条), or a 青浦 质控专家组 / 质控督查组 (第五条、
    第七条、第九条). Its roster is proposed by the host, checked against the rule set, approved by
    the commission; its term follows the host's (九龙坡 第十一条（五）)."""

    class Kind(models.TextChoices):
        COMMITTEE = "committee", "专家委员会"
        EXPERT_GROUP = "expert_group", "质控专家组"
        SUPERVISION_GROUP = "supervision_group", "质控督查组"

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        SUBMITTED = "submitted", "待审批"
        RETURNED = "returned", "已退回"
        APPROVED = "approved", "已批准"
        DISSOLVED = "dissolved", "已解散"

    centre = models.ForeignKey(
        "centres.Centre", models.PROTECT, related_name="committees", verbose_name="质控中心"
    )
    kind = models.CharField("类型", max_length=20, choices=Kind.choices, default=Kind.COMMITTEE)
    name = models.CharField("名称", max_length=120)
    status = StateField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT)
    term_starts_on = models.DateField("任期起始", null=True, blank=True)
    term_ends_on = models.DateField("任期届满", null=True, blank=True)
    justification = models.TextField("偏离“原则上”条款的理由", blank=True)
    departures = models.JSONField("提交时的原则上偏离", default=list, blank=True)
    return_reasons = models.TextField("退回理由", blank=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="审批人",
    )
    notice = models.ForeignKey(
        "documents.IssuedDocument",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="聘任通知",
    )
    dissolved_on = models.DateField("解散日期", null=True, blank=True)
    dissolved_reason = models.CharField("解散原因", max_length=200, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = CommitteeQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "专家委员会"
        ordering = ["centre__name", "kind"]
        constraints = [
            # 九龙坡 第十一条（一）: 每个区级质控中心只设立1个专家委员会; 青浦: one group of each kind.
            models.UniqueConstraint(
                fields=["centre", "kind"],
                condition=~Q(status="dissolved"),
                name="committee_one_per_centre_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def ruleset_subject(self):
        return self.centre

    @property
    def group_kind(self) -> str | None:
        return self.kind if self.kind != self.Kind.COMMITTEE else None

    @property
    def editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    @transition(field=status, source=[Status.DRAFT, Status.RETURNED], target=Status.SUBMITTED)
    def submit(self):
        """The host submits the roster to the commission."""

    @transition(field=status, source=Status.SUBMITTED, target=Status.APPROVED)
    def approve(self):
        """The commission approves; the appointment notice is issued."""

    @transition(field=status, source=Status.SUBMITTED, target=Status.RETURNED)
    def send_back(self):
        """The commission returns the roster with reasons."""

    @transition(
        field=status,
        source=[Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.APPROVED],
        target=Status.DISSOLVED,
    )
    def dissolve(self):
        """Dissolved with its centre (九龙坡 第二十五条)."""


@tracked
class CommitteeMember(ConcurrentTransitionMixin, models.Model):
    """One seat on a roster: the person (from the directory where known) and the qualifications the
    rules look at, as entered or read from the roster workbook."""

    class Status(models.TextChoices):
        ACTIVE = "active", "在任"
        WITHDRAWAL_REQUESTED = "withdrawal_requested", "申请退出"
        WITHDRAWN = "withdrawn", "已退出"
        LEFT = "left", "因故离任"
        REMOVED = "removed", "已调出"

    committee = models.ForeignKey(Committee, models.CASCADE, related_name="members", verbose_name="委员会")
    person = models.ForeignKey(
        "directory.Person",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="committee_seats",
        verbose_name="人员",
    )
    role = models.CharField("职务", max_length=20, choices=ROLE_CHOICES, default="member")
    status = StateField("状态", max_length=24, choices=Status.choices, default=Status.ACTIVE)
    name = models.CharField("姓名", max_length=50)
    sex = models.CharField("性别", max_length=4, blank=True)
    birth_date = models.DateField("出生日期", null=True, blank=True)
    employer = models.CharField("工作单位", max_length=100, blank=True)
    from_host = models.BooleanField("挂靠单位人员", default=False)
    title = models.CharField("职称", max_length=50, blank=True)
    title_level = models.CharField("职称级别", max_length=20, blank=True)
    title_obtained_on = models.DateField("取得职称时间", null=True, blank=True)
    specialty = models.CharField("专业", max_length=50, blank=True)
    in_service = models.BooleanField("在职", default=True)
    main_practice_site = models.CharField("主执业地点", max_length=100, blank=True)
    district_practice_since = models.DateField("在本区执业起始时间", null=True, blank=True)
    chair_terms_served = models.PositiveSmallIntegerField("已任主任委员届数", default=0)
    penalised_within_2y = models.BooleanField("近两年受行政处罚", default=False)
    clinical_or_medtech = models.BooleanField("临床类或医技类", default=True)
    row = models.PositiveIntegerField("名册行号", null=True, blank=True)
    joined_on = models.DateField("任职日期", null=True, blank=True)
    left_on = models.DateField("离任日期", null=True, blank=True)
    leave_reason = models.TextField("离任原因", blank=True)
    decision = models.ForeignKey(
        "documents.IssuedDocument",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="调整决定",
    )
    letter = models.OneToOneField(
        "documents.IssuedDocument",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="聘书",
        help_text="以质控中心名义颁发的聘书（公文登记），每名委员一份，只生成一次",
    )

    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "委员"
        ordering = ["committee", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "person"],
                condition=Q(person__isnull=False, status__in=["active", "withdrawal_requested"]),
                name="member_one_seat_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_role_display()}）"

    @transition(field=status, source=Status.ACTIVE, target=Status.WITHDRAWAL_REQUESTED)
    def request_withdrawal(self):
        """青浦 第十四条: the member applies to the leader in advance."""

    @transition(field=status, source=Status.WITHDRAWAL_REQUESTED, target=Status.WITHDRAWN)
    def withdraw(self):
        """The leader reports it to the development centre; the seat is vacated."""

    @transition(field=status, source=[Status.ACTIVE, Status.WITHDRAWAL_REQUESTED], target=Status.LEFT)
    def leave(self):
        """Cannot continue (济南 第十九条（二）: 不进行增补)."""

    @transition(field=status, source=[Status.ACTIVE, Status.WITHDRAWAL_REQUESTED], target=Status.REMOVED)
    def remove(self):
        """调出 for a violation or long inactivity (九龙坡 第二十三条, 济南 第十八条)."""


@tracked
class Meeting(models.Model):
    """A committee meeting: at least the rule set's number a year (九龙坡 第十三条)."""

    committee = models.ForeignKey(Committee, models.PROTECT, related_name="meetings", verbose_name="委员会")
    held_on = models.DateField("会议日期")
    agenda = models.TextField("议程")
    attendees = models.ManyToManyField(
        "directory.Person", blank=True, related_name="+", verbose_name="出席人员"
    )
    minutes = models.TextField("会议纪要", blank=True)
    activity = models.OneToOneField(
        "Activity", models.PROTECT, null=True, blank=True, related_name="meeting", verbose_name="签到活动"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="记录人"
    )
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "委员会会议"
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"{self.committee} {self.held_on}"


# --- duty hours and QR sign-in ------------------------------------------------------------------


class ActivityKind(models.TextChoices):
    DRAFTING = "drafting", "标准制定"
    SUPERVISION = "supervision", "督查检查"
    TRAINING = "training", "授课培训"
    REVIEW = "review", "数据与报告审核"
    MEETING = "meeting", "会议"


@tracked
class Activity(models.Model):
    """A meeting, training or inspection experts may sign in to by QR code."""

    jurisdiction = models.ForeignKey(
        "directory.Jurisdiction", models.PROTECT, related_name="+", verbose_name="行政区划"
    )
    centre = models.ForeignKey(
        "centres.Centre", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="质控中心"
    )
    library = models.ForeignKey(
        "Library", models.PROTECT, null=True, blank=True, related_name="activities", verbose_name="专家库"
    )
    kind = models.CharField("活动类别", max_length=20, choices=ActivityKind.choices)
    title = models.CharField("活动名称", max_length=200)
    on_site = models.BooleanField("现场", default=True)
    starts_at = models.DateTimeField("开始时间")
    ends_at = models.DateTimeField("结束时间")
    hours = models.DecimalField("计入时长（小时）", max_digits=5, decimal_places=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="创建人"
    )

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "履职活动"
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="activity_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(hours__gt=0), name="activity_hours_positive"),
        ]

    def __str__(self) -> str:
        return self.title


def _token() -> str:
    return secrets.token_urlsafe(24)


@tracked
class SignInCode(models.Model):
    """签到码 of an activity: valid until the activity ends."""

    activity = models.OneToOneField(
        Activity, models.CASCADE, related_name="sign_in_code", verbose_name="活动"
    )
    token = models.CharField("签到令牌", max_length=64, unique=True, default=_token)
    expires_at = models.DateTimeField("失效时间")
    created_at = models.DateTimeField("生成时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "签到码"

    def __str__(self) -> str:
        return f"{self.activity} 签到码"


@tracked
class DutyLog(ConcurrentTransitionMixin, models.Model):
    """履职记录: hours of QC work. Only confirmed hours count
    (重庆全科 四、(二)1.: 以系统记录/工作台账为准)."""

    class Status(models.TextChoices):
        PENDING = "pending", "待确认"
        CONFIRMED = "confirmed", "已确认"
        RETURNED = "returned", "已退回"

    person = models.ForeignKey(
        "directory.Person", models.PROTECT, related_name="duty_logs", verbose_name="专家"
    )
    jurisdiction = models.ForeignKey(
        "directory.Jurisdiction", models.PROTECT, related_name="+", verbose_name="行政区划"
    )
    centre = models.ForeignKey(
        "centres.Centre", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="质控中心"
    )
    library = models.ForeignKey(
        "Library", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="专家库"
    )
    activity = models.ForeignKey(
        Activity, models.PROTECT, null=True, blank=True, related_name="duty_logs", verbose_name="签到活动"
    )
    worked_on = models.DateField("日期")
    kind = models.CharField("活动类别", max_length=20, choices=ActivityKind.choices)
    on_site = models.BooleanField("现场", default=True)
    hours = models.DecimalField("时长（小时）", max_digits=5, decimal_places=1)
    description = models.CharField("工作内容", max_length=200)
    evidence = models.TextField("佐证", blank=True)
    status = StateField("状态", max_length=12, choices=Status.choices, default=Status.PENDING)
    return_reason = models.TextField("退回理由", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="确认人",
    )
    decided_at = models.DateTimeField("确认时间", null=True, blank=True)
    created_at = models.DateTimeField("填报时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = DutyLogQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "履职记录"
        ordering = ["-worked_on", "-pk"]
        constraints = [
            # Signing in twice does nothing: one entry per expert per activity.
            models.UniqueConstraint(
                fields=["person", "activity"],
                condition=Q(activity__isnull=False),
                name="dutylog_one_per_activity",
            ),
            models.CheckConstraint(condition=Q(hours__gt=0) & Q(hours__lte=24), name="dutylog_hours_range"),
        ]
        indexes = [
            models.Index(fields=["person", "worked_on"]),
            # the newest first (the API's list, the queues) and a year's sums by person (履职时长总览)
            # read from the index alone (issue 14)
            models.Index(
                fields=["-worked_on", "-id"],
                include=["person", "jurisdiction", "status", "hours"],
                name="experts_dutylog_recent_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.worked_on} {self.hours}h"

    @property
    def attachments_locked(self) -> str:
        """A confirmed entry is what the year counts: its evidence is no longer added or withdrawn."""
        return "已确认的履职记录，佐证材料不能再上传或删除。" if self.status == self.Status.CONFIRMED else ""

    @transition(field=status, source=Status.PENDING, target=Status.CONFIRMED)
    def confirm(self):
        """The centre's secretary confirms."""

    @transition(field=status, source=Status.PENDING, target=Status.RETURNED)
    def send_back(self):
        """Returned with a reason."""

    @transition(field=status, source=Status.RETURNED, target=Status.PENDING)
    def resubmit(self):
        """The expert corrects and resubmits."""


# --- the expert library -----------------------------------------------------------------------


@tracked
class Library(models.Model):
    """专家库 of a jurisdiction governed by a rule set with body kind ``expert_team`` (重庆全科 2020)."""

    jurisdiction = models.ForeignKey(
        "directory.Jurisdiction", models.PROTECT, related_name="+", verbose_name="行政区划"
    )
    body_kind = models.CharField("规则集类型", max_length=30, default="expert_team")
    name = models.CharField("名称", max_length=100, unique=True)
    issuer_name = models.CharField("聘任发文单位", max_length=100, help_text="如：重庆市全科医疗质量控制中心")
    issuer_code = models.CharField("发文代字", max_length=20, help_text="如：渝全科质控")
    host = models.ForeignKey(
        "directory.Institution",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="市级中心挂靠单位",
    )

    objects = LibraryQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "专家库"

    def __str__(self) -> str:
        return self.name


class Level(models.TextChoices):
    CITY = "city", "市级专家"
    REGIONAL = "regional", "区域/区县专家"


@tracked
class ExpertApplication(ConcurrentTransitionMixin, models.Model):
    """申报 or 推荐 to the library (重庆全科 二、(二)): the regional or district centre reviews and
    files with the city centre; the city centre reviews; the commission approves; 公示; appointed."""

    class Source(models.TextChoices):
        SELF = "self", "个人申报"
        INSTITUTION = "institution", "单位推荐"
        ASSOCIATION = "association", "学（协）会推荐"

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "待初审"
        LOCAL_PASSED = "local_passed", "区域/区县已审核，报市级备案"
        CITY_PASSED = "city_passed", "市级中心已审核"
        APPROVED = "approved", "卫健委已批准"
        NOTICE = "notice", "公示中"
        APPOINTED = "appointed", "已聘任"
        REJECTED = "rejected", "未通过"

    library = models.ForeignKey(Library, models.PROTECT, related_name="applications", verbose_name="专家库")
    jurisdiction = models.ForeignKey(
        "directory.Jurisdiction", models.PROTECT, related_name="+", verbose_name="审核中心所在区划"
    )
    person = models.ForeignKey(
        "directory.Person", models.PROTECT, related_name="library_applications", verbose_name="申报人"
    )
    level = models.CharField("申报层级", max_length=10, choices=Level.choices)
    source = models.CharField("来源", max_length=20, choices=Source.choices, default=Source.SELF)
    recommender = models.CharField("推荐单位", max_length=100, blank=True)
    fields = models.CharField("专业领域", max_length=200)
    statement = models.TextField("申报表内容")
    status = StateField("状态", max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    review_note = models.TextField("审核意见", blank=True)
    notice_starts_on = models.DateField("公示开始", null=True, blank=True)
    notice_ends_on = models.DateField("公示结束", null=True, blank=True)
    document = models.ForeignKey(
        "documents.IssuedDocument",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="聘任文件",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="提交人"
    )
    submitted_at = models.DateTimeField("提交时间", auto_now_add=True)

    objects = LibraryChildQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "专家入库申报"
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["library", "person"],
                condition=Q(status__in=["submitted", "local_passed", "city_passed", "approved", "notice"]),
                name="application_one_open_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.get_level_display()}"

    def ruleset_subject(self):
        return self.library

    @property
    def attachments_locked(self) -> str:
        """The proof is what the reviewers passed: once the city centre has passed it, it is fixed."""
        open_statuses = (self.Status.SUBMITTED, self.Status.LOCAL_PASSED)
        return "" if self.status in open_statuses else "申报已经市级中心审核，申报材料不能再上传或删除。"

    @transition(field=status, source=Status.SUBMITTED, target=Status.LOCAL_PASSED)
    def pass_local(self):
        """A regional or district centre passes its candidate and files with the city centre."""

    @transition(field=status, source=[Status.SUBMITTED, Status.LOCAL_PASSED], target=Status.CITY_PASSED)
    def pass_city(self):
        """The city centre passes (a city candidate directly, a regional one after the local review)."""

    @transition(field=status, source=Status.CITY_PASSED, target=Status.APPROVED)
    def approve(self):
        """The commission approves the list (市卫健委审批)."""

    @transition(field=status, source=Status.APPROVED, target=Status.NOTICE)
    def publish_notice(self):
        """公示."""

    @transition(field=status, source=Status.NOTICE, target=Status.APPOINTED)
    def appoint(self):
        """正式发文聘任, 聘期 experts.term_years."""

    @transition(
        field=status,
        source=[Status.SUBMITTED, Status.LOCAL_PASSED, Status.CITY_PASSED, Status.NOTICE],
        target=Status.REJECTED,
    )
    def reject(self):
        """Not passed, with the reviewer's note."""


class ObjectionQuerySet(ScopedQuerySet):
    scope_path = "application__jurisdiction__path"


OBJECTION_MAX_LENGTH = 5000  # characters of one objection: a page of text, never a megabyte


@tracked
class LibraryObjection(models.Model):
    """异议 lodged by anyone during an expert's 公示, handled by the city centre before appointment."""

    class Handling(models.TextChoices):
        OPEN = "open", "待处理"
        UPHELD = "upheld", "异议成立"
        DISMISSED = "dismissed", "异议不成立"

    application = models.ForeignKey(
        ExpertApplication, models.PROTECT, related_name="objections", verbose_name="申报"
    )
    name = models.CharField("姓名或单位", max_length=100)
    contact = models.CharField("联系方式", max_length=100)
    content = models.TextField("异议内容", max_length=OBJECTION_MAX_LENGTH)
    lodged_at = models.DateTimeField("提出时间", auto_now_add=True)
    # A keyed hash of the sender's address (centres.services.objection_source): the per-address
    # limit counts it, nobody can read the address back.
    source = models.CharField("来源", max_length=64, blank=True, db_index=True, editable=False)
    handling = models.CharField("处理结果", max_length=10, choices=Handling.choices, default=Handling.OPEN)
    note = models.TextField("处理说明", blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="处理人",
    )

    objects = ObjectionQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "专家公示异议"
        ordering = ["lodged_at"]

    def __str__(self) -> str:
        return f"{self.application} 异议"


@tracked
class Expert(ConcurrentTransitionMixin, models.Model):
    """An appointment to the library for a term, and the expert's registry record (kept current by
    the expert: contact, fields, experience, achievements — every change audited)."""

    class Status(models.TextChoices):
        ACTIVE = "active", "在聘"
        EXIT_REQUESTED = "exit_requested", "申请退出"
        EXITED = "exited", "已退出"

    class ExitKind(models.TextChoices):
        TERM_END = "term_end", "任期届满"
        VOLUNTARY = "voluntary", "主动申请"
        FAILED_ASSESSMENT = "failed_assessment", "考核退出"
        DISMISSAL = "dismissal", "违规解聘"
        INCAPACITY = "incapacity", "履职能力不足"
        OTHER = "other", "其他情形"

    library = models.ForeignKey(Library, models.PROTECT, related_name="experts", verbose_name="专家库")
    jurisdiction = models.ForeignKey(
        "directory.Jurisdiction", models.PROTECT, related_name="+", verbose_name="聘任中心所在区划"
    )
    person = models.ForeignKey(
        "directory.Person", models.PROTECT, related_name="library_appointments", verbose_name="专家"
    )
    application = models.OneToOneField(
        ExpertApplication, models.PROTECT, null=True, blank=True, related_name="expert", verbose_name="申报"
    )
    level = models.CharField("层级", max_length=10, choices=Level.choices)
    status = StateField("状态", max_length=20, choices=Status.choices, default=Status.ACTIVE)
    appointed_on = models.DateField("聘任日期")
    ends_on = models.DateField("聘期届满")
    fields = models.CharField("专业领域", max_length=200, blank=True)
    contact_mobile = models.CharField("联系电话", max_length=20, blank=True)
    contact_email = models.EmailField("联系邮箱", blank=True)
    experience = models.TextField("工作经历", blank=True)
    achievements = models.TextField("主要成果", blank=True)
    exit_kind = models.CharField("退出情形", max_length=20, choices=ExitKind.choices, blank=True)
    exit_on = models.DateField("退出日期", null=True, blank=True)
    exit_reason = models.TextField("退出原因", blank=True)
    exit_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="退出决定人",
    )
    exit_document = models.ForeignKey(
        "documents.IssuedDocument",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="解聘通报",
    )

    objects = LibraryChildQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "库内专家"
        ordering = ["person__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["library", "person"],
                condition=Q(status__in=["active", "exit_requested"]),
                name="expert_one_appointment_per_library",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}（{self.get_level_display()}）"

    def ruleset_subject(self):
        return self.library

    @transition(field=status, source=Status.ACTIVE, target=Status.EXIT_REQUESTED)
    def request_exit(self):
        """主动申请 (四、(三)2.): takes effect when the appointing centre approves."""

    @transition(field=status, source=[Status.ACTIVE, Status.EXIT_REQUESTED], target=Status.EXITED)
    def exit(self):
        """Every exit (四、(三)): term end, approved request, failed assessment, dismissal,
        incapacity, other."""

    @transition(field=status, source=Status.EXIT_REQUESTED, target=Status.ACTIVE)
    def refuse_exit(self):
        """The centre does not approve the voluntary exit."""


class HoursYearQuerySet(ScopedQuerySet):
    scope_path = "expert__jurisdiction__path"
    scope_person = "expert__person"


@tracked
class HoursYear(models.Model):
    """An expert's year of duty hours against the minimum of their level (重庆全科 四、(二)1.:
    experts.<level>_min_duty_hours), the subject of the year-end deadline ``experts.duty_hours``.
    One per appointment and year; the minimum and article are those of the rule set when opened."""

    expert = models.ForeignKey(Expert, models.PROTECT, related_name="hours_years", verbose_name="库内专家")
    year = models.PositiveSmallIntegerField("年度")
    minimum = models.DecimalField("最低时长（小时）", max_digits=5, decimal_places=1)
    article = models.CharField("条款", max_length=60, blank=True)
    ruleset_code = models.CharField("规则集", max_length=60, blank=True)
    created_at = models.DateTimeField("开启时间", auto_now_add=True)

    objects = HoursYearQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "年度履职时长期限"
        ordering = ["-year", "expert"]
        constraints = [models.UniqueConstraint(fields=["expert", "year"], name="hours_year_one_per_expert")]

    def __str__(self) -> str:
        return f"{self.expert.person} {self.year}年度履职时长"

    def ruleset_subject(self):
        return self.expert.library


# --- conflicts of interest --------------------------------------------------------------------


@tracked
class InterestDeclaration(models.Model):
    """利益申报 (重庆全科 一、(三)4.: 主动申报并规避可能影响公正履职的利益冲突)."""

    class Kind(models.TextChoices):
        EMPLOYER = "employer", "现工作单位"
        FORMER_EMPLOYER = "former_employer", "原工作单位"
        RELATIVE = "relative", "亲属工作单位"
        COLLABORATION = "collaboration", "近期合作"
        OTHER = "other", "其他"

    person = models.ForeignKey(
        "directory.Person", models.PROTECT, related_name="interests", verbose_name="专家"
    )
    kind = models.CharField("类别", max_length=20, choices=Kind.choices)
    institution = models.ForeignKey(
        "directory.Institution", models.PROTECT, related_name="+", verbose_name="相关机构"
    )
    since = models.DateField("起始", null=True, blank=True)
    until = models.DateField("截止", null=True, blank=True, help_text="空：至今")
    note = models.CharField("说明", max_length=200, blank=True)
    declared_at = models.DateTimeField("申报时间", auto_now_add=True)
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)

    objects = DeclarationQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "利益申报"
        ordering = ["person", "-declared_at"]

    def __str__(self) -> str:
        return f"{self.person}：{self.get_kind_display()} {self.institution}"


@tracked
class Recusal(models.Model):
    """A recorded recusal: declared or evident interest, or the expert's own with a reason."""

    class Source(models.TextChoices):
        AUTOMATIC = "automatic", "系统自动回避"
        SELF = "self", "本人申请回避"

    person = models.ForeignKey(
        "directory.Person", models.PROTECT, related_name="recusals", verbose_name="专家"
    )
    institution = models.ForeignKey(
        "directory.Institution", models.PROTECT, related_name="+", verbose_name="相关机构"
    )
    case = models.CharField("事项", max_length=200)
    source = models.CharField("来源", max_length=10, choices=Source.choices)
    reasons = models.JSONField("理由", default=list)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="记录人",
    )
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)

    objects = RecusalQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "回避记录"
        ordering = ["-recorded_at"]

    def __str__(self) -> str:
        return f"{self.person} 回避 {self.institution}"


# --- yearly grading ---------------------------------------------------------------------------


@tracked
class Grading(ConcurrentTransitionMixin, models.Model):
    """The year's expert grading of a library (重庆全科 四、(二)4.)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "评定中"
        FINALISED = "finalised", "已定等"

    library = models.ForeignKey(Library, models.PROTECT, related_name="gradings", verbose_name="专家库")
    year = models.PositiveSmallIntegerField("年度")
    status = StateField("状态", max_length=12, choices=Status.choices, default=Status.DRAFT)
    adjustment = models.TextField("比例微调说明（报市级中心备案）", blank=True)
    adjustment_filed_on = models.DateField("报市级中心备案日期", null=True, blank=True)
    departures = models.JSONField("定等时的比例偏离", default=list, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="定等人",
    )
    finalised_at = models.DateTimeField("定等时间", null=True, blank=True)

    objects = GradingQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "年度专家考核"
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["library", "year"], name="grading_one_per_year")]

    def __str__(self) -> str:
        return f"{self.library} {self.year}年度考核"

    def ruleset_subject(self):
        return self.library

    @property
    def attachments_locked(self) -> str:
        return "本年度考核已定等，备案材料不能再上传或删除。" if self.status == self.Status.FINALISED else ""

    @transition(field=status, source=Status.DRAFT, target=Status.FINALISED)
    def finalise(self):
        """定等: within the quotas, or with the adjustment recorded and filed with the city centre."""


@tracked
class ExpertGrade(models.Model):
    class Grade(models.TextChoices):
        EXCELLENT = "excellent", "优秀"
        GOOD = "good", "良好"
        PASS = "pass", "合格"
        FAIL = "fail", "不合格"

    grading = models.ForeignKey(Grading, models.CASCADE, related_name="grades", verbose_name="年度考核")
    expert = models.ForeignKey(Expert, models.PROTECT, related_name="grades", verbose_name="专家")
    grade = models.CharField("等级", max_length=10, choices=Grade.choices, blank=True)
    confirmed_hours = models.DecimalField("已确认时长", max_digits=6, decimal_places=1, default=0)
    contributions = models.TextField("工作成效", blank=True)
    conduct = models.CharField("履职纪律", max_length=200, blank=True)

    objects = GradeQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "专家考核等级"
        ordering = ["expert__person__name"]
        constraints = [models.UniqueConstraint(fields=["grading", "expert"], name="grade_one_per_expert")]

    def __str__(self) -> str:
        return f"{self.expert} {self.get_grade_display()}"

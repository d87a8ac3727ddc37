"""Quality-control centres (质控中心 / 质控组) and how their hosts are chosen, serve their 4-year
terms, are dissolved or handed over. RULESETS.md §1, §4, §7. Every state and edge is declared
here with django-fsm-2; every write goes through centres/services/."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, transition

from audit.tracking import tracked
from core.scoping import ScopedQuerySet
from core.workflow import StateField
from rulesets.models import BODY_KIND_CHOICES


class CentreQuerySet(ScopedQuerySet):
    scope_path = "jurisdiction__path"
    scope_institution = "host"
    scope_person = "leader"


class CallQuerySet(ScopedQuerySet):
    scope_path = "centre__jurisdiction__path"
    scope_institution = "applications__institution"
    scope_person = "panel__person"

    def for_user(self, user):
        """Besides the scope: a published call is public to the institutions of its jurisdiction and
        of the jurisdictions below it, so that they can apply."""
        from accounts.models import INSTITUTION_ROLES

        if user.is_authenticated and user.role in INSTITUTION_ROLES and user.institution_id:
            path = user.institution.jurisdiction.path
            prefixes = ["/".join(path.split("/")[:n]) + "/" for n in range(1, path.count("/") + 1)]
            published = Q(centre__jurisdiction__path__in=prefixes) & ~Q(status__in=["draft", "cancelled"])
            applied = Application.objects.filter(institution=user.institution_id).values("call_id")
            # by id, not through a join: no duplicate rows, so no DISTINCT over the whole scope
            return self.filter(published | Q(pk__in=applied))
        return super().for_user(user)


class ApplicationQuerySet(ScopedQuerySet):
    scope_path = "call__centre__jurisdiction__path"
    scope_institution = "institution"
    scope_person = "call__panel__person"  # reviewers see the applications of their panel


class CentreChildQuerySet(ScopedQuerySet):
    scope_path = "centre__jurisdiction__path"
    scope_institution = "centre__host"
    scope_person = "centre__leader"


class HandoverQuerySet(CentreChildQuerySet):
    def for_user(self, user):
        """Besides the centre's scope: the users of both hosts are parties to a handover — the new
        host before it becomes the centre's host, the old one after it has stopped being it."""
        from accounts.models import Role

        scoped = super().for_user(user)
        if user.is_authenticated and user.role == Role.HOST_SUBMITTER and user.institution_id:
            parties = Q(from_host=user.institution_id) | Q(to_host=user.institution_id)
            return self.filter(Q(pk__in=scoped.values("pk")) | parties)
        return scoped


class NoticeQuerySet(ScopedQuerySet):
    scope_path = "call__centre__jurisdiction__path"
    scope_institution = "call__applications__institution"
    scope_person = "call__panel__person"


class PanelQuerySet(ScopedQuerySet):
    scope_path = "call__centre__jurisdiction__path"
    scope_person = "person"


class ObjectionQuerySet(ScopedQuerySet):
    scope_path = "notice__call__centre__jurisdiction__path"


class BanQuerySet(ScopedQuerySet):
    scope_path = "jurisdiction__path"
    scope_institution = "institution"


@tracked
class Specialty(models.Model):
    """专业领域 and 工作方向; 济南 classes them 临床类/医技类/管理类 (第四条), 青浦 forms 质控专家组 or
    质控督查组 per specialty (第三条)."""

    name = models.CharField(_("专业"), max_length=50)
    work_direction = models.CharField(_("工作方向"), max_length=50, blank=True)
    category = models.CharField(
        _("类别"),
        max_length=30,
        blank=True,
        help_text=_("规则集 setup.categories 中的代码，如 clinical / medtech / management"),
    )

    class Meta:
        verbose_name = verbose_name_plural = _("专业领域")
        ordering = ["name", "work_direction"]
        constraints = [models.UniqueConstraint(fields=["name", "work_direction"], name="specialty_unique")]

    def __str__(self) -> str:
        return f"{self.name}（{self.work_direction}）" if self.work_direction else self.name


@tracked
class Centre(ConcurrentTransitionMixin, models.Model):
    """质控中心 (or 质控组) of one specialty and work direction in one jurisdiction."""

    class Status(models.TextChoices):
        PREPARING = "preparing", _("筹建中")  # a host is being selected
        ACTIVE = "active", _("运行中")  # a hosting term is running
        DISSOLVED = "dissolved", _("已解除挂靠")  # dissolved for a violation or a red card
        RESELECTING = "reselecting", _("重新遴选中")  # the term ended or the host lost it; a new round runs

    jurisdiction = models.ForeignKey(
        "directory.Jurisdiction", models.PROTECT, related_name="centres", verbose_name=_("行政区划")
    )
    body_kind = models.CharField(_("类型"), max_length=30, choices=BODY_KIND_CHOICES)
    specialty = models.ForeignKey(
        Specialty, models.PROTECT, related_name="centres", verbose_name=_("专业领域")
    )
    name = models.CharField(_("名称"), max_length=100)
    status = StateField(_("状态"), max_length=20, choices=Status.choices, default=Status.PREPARING)
    host = models.ForeignKey(
        "directory.Institution",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_centres",
        verbose_name=_("挂靠单位"),
    )
    leader = models.ForeignKey(
        "directory.Person",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="led_centres",
        verbose_name=_("负责人（主任委员/组长）"),
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    # the centre's 大事记: core.TimelineEntry rows keyed to it (core.workflow.timeline_add /
    # timeline_for); deleted with the centre
    timeline = GenericRelation("core.TimelineEntry")

    objects = CentreQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("质控中心")
        ordering = ["jurisdiction__path", "specialty__name"]
        constraints = [
            # One centre per specialty and work direction per jurisdiction and level (九龙坡 第四条,
            # 济南 第四条, 青浦 第五条). A dissolved centre no longer counts.
            models.UniqueConstraint(
                fields=["jurisdiction", "body_kind", "specialty"],
                condition=~Q(status="dissolved"),
                name="centre_one_per_specialty",
            ),
            models.CheckConstraint(
                condition=~Q(status="active") | Q(host__isnull=False), name="centre_active_has_host"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @transition(field=status, source=[Status.PREPARING, Status.RESELECTING], target=Status.ACTIVE)
    def establish(self):
        """Decision to establish (九龙坡 第七条（五）, 济南 第八条)."""

    @transition(field=status, source=Status.ACTIVE, target=Status.RESELECTING)
    def start_reselection(self):
        """End of term without retention, or the host disqualified (九龙坡 第二十二条, 济南 第十九条)."""

    @transition(
        field=status, source=[Status.ACTIVE, Status.RESELECTING, Status.PREPARING], target=Status.DISSOLVED
    )
    def dissolve(self):
        """解除挂靠 for a severe violation or a red card (九龙坡 第二十条, 济南 第十七条、第十九条（三）)."""


@tracked
class SelectionCall(ConcurrentTransitionMixin, models.Model):
    """遴选公告 — or a recorded designation (九龙坡 第五条) — of a host for one centre."""

    class Method(models.TextChoices):
        SELECTION = "selection", _("遴选")
        DESIGNATION = "designation", _("指定")
        APPLICATION = "application", _("申请评估")

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        OPEN = "open", _("接受申请")
        REVIEWING = "reviewing", _("评审中")
        SELECTED = "selected", _("已择优确定")
        NOTICE = "notice", _("公示中")
        DECIDED = "decided", _("已决定设置")
        CANCELLED = "cancelled", _("已撤销")

    centre = models.ForeignKey(Centre, models.PROTECT, related_name="calls", verbose_name=_("质控中心"))
    method = models.CharField(_("方式"), max_length=20, choices=Method.choices, default=Method.SELECTION)
    title = models.CharField(_("标题"), max_length=200)
    conditions = models.TextField(_("申报条件"), blank=True)
    designation_reason = models.TextField(_("指定理由"), blank=True)
    application_deadline = models.DateTimeField(_("申报截止时间"), null=True, blank=True)
    status = StateField(_("状态"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    ruleset_code = models.CharField(_("适用规则集"), max_length=50)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("创建人")
    )
    selected_application = models.ForeignKey(
        "Application",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("择优确定的申请"),
    )
    selection_reasons = models.TextField(_("择优理由"), blank=True)
    closing_reason = models.TextField(
        _("提前截止理由"), blank=True, help_text=_("在公布的申报截止时间之前截止申报时须记录")
    )

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("遴选公告")
        ordering = ["-published_at", "-pk"]
        constraints = [
            # One round at a time per centre: two concurrent publications cannot both stand.
            models.UniqueConstraint(
                fields=["centre"],
                condition=~Q(status__in=["decided", "cancelled"]),
                name="call_one_running_per_centre",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @transition(field=status, source=Status.DRAFT, target=Status.OPEN)
    def publish(self):
        """九龙坡 第七条（一）: the commission publishes the specialty and its conditions."""

    @transition(field=status, source=Status.OPEN, target=Status.REVIEWING)
    def close_applications(self):
        """Applications close; preliminary and expert review begin."""

    @transition(field=status, source=[Status.REVIEWING, Status.DRAFT], target=Status.SELECTED)
    def select(self):
        """择优确定 host and leader (九龙坡 第七条（四）); from DRAFT only for a designation."""

    @transition(field=status, source=Status.SELECTED, target=Status.NOTICE)
    def start_notice(self):
        """公示 (九龙坡 第七条（五）)."""

    @transition(field=status, source=[Status.NOTICE, Status.SELECTED], target=Status.DECIDED)
    def decide(self):
        """Decision to establish; from SELECTED only where the rule set has no public notice."""

    @transition(
        field=status,
        source=[Status.DRAFT, Status.OPEN, Status.REVIEWING, Status.SELECTED, Status.NOTICE],
        target=Status.CANCELLED,
    )
    def cancel(self):
        """The round is withdrawn (e.g. an objection upheld, or the centre dissolved)."""


@tracked
class Application(ConcurrentTransitionMixin, models.Model):
    """挂靠单位申请书 of one institution for one call (九龙坡 第七条（三）, 济南 第七条)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        SUBMITTED = "submitted", _("已提交")
        RETURNED = "returned", _("退回修改")
        PRELIM_PASSED = "prelim_passed", _("初审通过")
        PRELIM_REJECTED = "prelim_rejected", _("初审未通过")
        SELECTED = "selected", _("拟确定")
        APPOINTED = "appointed", _("已确定为挂靠单位")
        NOT_SELECTED = "not_selected", _("未入选")
        WITHDRAWN = "withdrawn", _("已撤回")

    call = models.ForeignKey(
        SelectionCall, models.PROTECT, related_name="applications", verbose_name=_("遴选公告")
    )
    institution = models.ForeignKey(
        "directory.Institution",
        models.PROTECT,
        related_name="centre_applications",
        verbose_name=_("申请单位"),
    )
    proposed_leader = models.ForeignKey(
        "directory.Person",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("拟任负责人"),
    )
    sections = models.JSONField(
        _("申请书内容"),
        default=dict,
        blank=True,
        help_text=_("规则集 application.required_sections 的代码 → 内容"),
    )
    justification = models.TextField(
        _("原则性要求的偏离说明"), blank=True, help_text=_("违反“原则上”条款时须说明理由，由卫健委审批")
    )
    status = StateField(_("状态"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(_("版本"), default=1)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("填报人")
    )

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("挂靠申请")
        ordering = ["call", "institution__name"]
        constraints = [
            models.UniqueConstraint(fields=["call", "institution"], name="application_one_per_call")
        ]

    def __str__(self) -> str:
        return f"{self.institution} — {self.call}"

    @property
    def locked(self) -> bool:
        """A submitted application is locked; it opens again only when returned for changes."""
        return self.status not in (self.Status.DRAFT, self.Status.RETURNED)

    @property
    def attachments_locked(self) -> str:
        """Why nobody may add or withdraw a file now (attachments.selectors.may_attach asks), or "".
        The files are part of the submitted version: changes go through "returned for changes"."""
        return (
            gettext("申请已提交并锁定，附件不能再上传或删除；如需修改，请等待退回。") if self.locked else ""
        )

    @transition(field=status, source=[Status.DRAFT, Status.RETURNED], target=Status.SUBMITTED)
    def submit(self): ...

    @transition(field=status, source=Status.SUBMITTED, target=Status.RETURNED)
    def return_for_changes(self): ...

    @transition(field=status, source=Status.SUBMITTED, target=Status.PRELIM_PASSED)
    def pass_preliminary(self): ...

    @transition(field=status, source=Status.SUBMITTED, target=Status.PRELIM_REJECTED)
    def reject_preliminary(self): ...

    @transition(field=status, source=Status.PRELIM_PASSED, target=Status.SELECTED)
    def mark_selected(self): ...

    @transition(field=status, source=[Status.PRELIM_PASSED, Status.SELECTED], target=Status.NOT_SELECTED)
    def mark_not_selected(self): ...

    @transition(field=status, source=Status.SELECTED, target=Status.APPOINTED)
    def appoint(self):
        """The decision to establish names this applicant the host."""

    @transition(
        field=status, source=[Status.DRAFT, Status.SUBMITTED, Status.RETURNED], target=Status.WITHDRAWN
    )
    def withdraw(self): ...


class ApplicationVersion(models.Model):
    """The application as it was when returned for changes: each submitted version is kept."""

    application = models.ForeignKey(
        Application, models.CASCADE, related_name="versions", verbose_name=_("申请")
    )
    version = models.PositiveIntegerField(_("版本"))
    sections = models.JSONField(_("内容"))
    proposed_leader_id = models.BigIntegerField(null=True)
    returned_at = models.DateTimeField(_("退回时间"), auto_now_add=True)
    returned_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    reason = models.TextField(_("退回理由"))

    class Meta:
        verbose_name = verbose_name_plural = _("申请历史版本")
        constraints = [
            models.UniqueConstraint(fields=["application", "version"], name="application_version_unique")
        ]


@tracked
class PreliminaryReview(models.Model):
    """初审: by the district bureau for hospitals under one (济南 第五条), by the office
    (九龙坡 第十八条（1）)."""

    class Outcome(models.TextChoices):
        PASSED = "passed", _("通过")
        RETURNED = "returned", _("退回修改")
        REJECTED = "rejected", _("不通过")

    application = models.ForeignKey(
        Application, models.PROTECT, related_name="preliminary_reviews", verbose_name=_("申请")
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("审核人")
    )
    reviewed_by_kind = models.CharField(
        _("审核层级"), max_length=20
    )  # rule set application.preliminary_review_by
    outcome = models.CharField(_("结论"), max_length=10, choices=Outcome.choices)
    comments = models.TextField(_("意见"), blank=True)
    at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = _("初审")
        ordering = ["at"]


@tracked
class PanelMember(models.Model):
    """A reviewer on the expert panel of a call (评审答辩). A reviewer employed by an applicant is
    excluded automatically; others declare conflicts and recuse."""

    call = models.ForeignKey(SelectionCall, models.CASCADE, related_name="panel", verbose_name=_("遴选公告"))
    person = models.ForeignKey(
        "directory.Person", models.PROTECT, related_name="panels", verbose_name=_("评审专家")
    )
    conflict_declared = models.BooleanField(_("已申报利益冲突"), default=False)
    recused = models.BooleanField(_("回避"), default=False)
    recusal_reason = models.CharField(_("回避原因"), max_length=200, blank=True)

    objects = PanelQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("评审专家")
        constraints = [models.UniqueConstraint(fields=["call", "person"], name="panel_member_unique")]

    def __str__(self) -> str:
        return str(self.person)


@tracked
class ReviewScore(models.Model):
    """One reviewer's score of one application against one criterion."""

    panel_member = models.ForeignKey(
        PanelMember, models.CASCADE, related_name="scores", verbose_name=_("评审专家")
    )
    application = models.ForeignKey(
        Application, models.CASCADE, related_name="scores", verbose_name=_("申请")
    )
    criterion = models.CharField(_("评分项"), max_length=100)
    score = models.DecimalField(_("得分"), max_digits=5, decimal_places=1)
    comment = models.TextField(_("评语"), blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("评审评分")
        constraints = [
            models.UniqueConstraint(fields=["panel_member", "application", "criterion"], name="score_unique"),
            models.CheckConstraint(condition=Q(score__gte=0) & Q(score__lte=100), name="score_range"),
        ]


@tracked
class PublicNotice(ConcurrentTransitionMixin, models.Model):
    """公示 of the selected host and leader: at least the rule set's working days (九龙坡 第七条（五）),
    shown on a public page; objections may be lodged until it closes."""

    class Status(models.TextChoices):
        OPEN = "open", _("公示中")
        CLOSED = "closed", _("公示结束")
        WITHDRAWN = "withdrawn", _("已撤回")

    call = models.OneToOneField(
        SelectionCall, models.PROTECT, related_name="notice", verbose_name=_("遴选公告")
    )
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("正文"))
    starts_on = models.DateField(_("公示起始日"))
    working_days = models.PositiveIntegerField(_("公示工作日数"))
    ends_on = models.DateField(_("公示截止日"))
    closes_at = models.DateTimeField(_("公示截止时间"))
    status = StateField(_("状态"), max_length=20, choices=Status.choices, default=Status.OPEN)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("发布人")
    )

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("公示")
        ordering = ["-starts_on"]

    def __str__(self) -> str:
        return self.title

    @transition(field=status, source=Status.OPEN, target=Status.CLOSED)
    def close(self): ...

    @transition(field=status, source=Status.OPEN, target=Status.WITHDRAWN)
    def withdraw(self): ...


OBJECTION_MAX_LENGTH = 5000  # characters of one objection: a page of text, never a megabyte


@tracked
class Objection(ConcurrentTransitionMixin, models.Model):
    """异议 lodged by anyone (no login) while a notice is open; the commission records how it was handled."""

    class Handling(models.TextChoices):
        OPEN = "open", _("待处理")
        DISMISSED = "dismissed", _("不成立")
        UPHELD = "upheld", _("成立")

    notice = models.ForeignKey(
        PublicNotice, models.PROTECT, related_name="objections", verbose_name=_("公示")
    )
    name = models.CharField(_("姓名/单位"), max_length=100)
    contact = models.CharField(_("联系方式"), max_length=100)
    content = models.TextField(_("异议内容"), max_length=OBJECTION_MAX_LENGTH)
    lodged_at = models.DateTimeField(_("提出时间"), auto_now_add=True)
    handling = StateField(_("处理结果"), max_length=10, choices=Handling.choices, default=Handling.OPEN)
    handling_note = models.TextField(_("处理说明"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("处理人"),
    )
    handled_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    # A keyed hash of the sender's address, never the address: enough to limit a flood, nothing to
    # identify anyone by (PIPL).
    source = models.CharField(_("来源标识"), max_length=64, blank=True, db_index=True, editable=False)

    objects = ObjectionQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("异议")
        ordering = ["lodged_at"]

    @transition(field=handling, source=Handling.OPEN, target=Handling.UPHELD)
    def uphold(self):
        """The objection holds: the notice's result cannot stand (final)."""

    @transition(field=handling, source=Handling.OPEN, target=Handling.DISMISSED)
    def dismiss(self):
        """The objection does not hold (final)."""


@tracked
class HostingTerm(ConcurrentTransitionMixin, models.Model):
    """挂靠周期: 4 years a cycle (九龙坡 第五条, 济南 第十九条（一）); the leader's and committee's terms
    follow it (九龙坡 第十一条（五）)."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("进行中")
        ENDED = "ended", _("已结束")
        TERMINATED = "terminated", _("提前终止")

    centre = models.ForeignKey(Centre, models.PROTECT, related_name="terms", verbose_name=_("质控中心"))
    host = models.ForeignKey(
        "directory.Institution", models.PROTECT, related_name="hosting_terms", verbose_name=_("挂靠单位")
    )
    leader = models.ForeignKey("directory.Person", models.PROTECT, related_name="+", verbose_name=_("负责人"))
    number = models.PositiveIntegerField(_("第几周期"), default=1)
    starts_on = models.DateField(_("起始日"))
    ends_on = models.DateField(_("届满日"), null=True, blank=True, help_text=_("规则集未规定周期时为空"))
    status = StateField(_("状态"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    call = models.ForeignKey(
        SelectionCall, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("遴选公告")
    )

    objects = CentreChildQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("挂靠周期")
        ordering = ["centre", "-starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["centre"], condition=Q(status="active"), name="term_one_active_per_centre"
            )
        ]

    def __str__(self) -> str:
        return f"{self.centre} {self.starts_on}—{self.ends_on or ''}"

    @transition(field=status, source=Status.ACTIVE, target=Status.ENDED)
    def end(self):
        """The term came to its end: retained (a next term follows) or reselected."""

    @transition(field=status, source=Status.ACTIVE, target=Status.TERMINATED)
    def terminate(self):
        """Ended early: dissolution, or the host reselected over its leader (济南 第十九条（二））."""


class IncidentQuerySet(ScopedQuerySet):
    scope_path = "institution__jurisdiction__path"
    scope_institution = "institution"


@tracked
class QualityIncident(models.Model):
    """A serious violation or major quality/safety incident recorded against an institution: the
    clean-record condition looks back over these (九龙坡 第六条（四） 3 years, 济南 第五条（三） 2 years)."""

    institution = models.ForeignKey(
        "directory.Institution", models.PROTECT, related_name="quality_incidents", verbose_name=_("医疗机构")
    )
    occurred_on = models.DateField(_("发生日期"))
    department = models.CharField(_("科室/专业"), max_length=50, blank=True)
    description = models.TextField(_("情况"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("登记人")
    )

    objects = IncidentQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("严重违法违规及重大医疗质量安全事件")
        ordering = ["-occurred_on"]


@tracked
class Ban(models.Model):
    """A host's exclusion from hosting (九龙坡 第二十条、第二十二条（二）; 济南 第十七条、第十九条（三））."""

    class Scope(models.TextChoices):
        SAME_SPECIALTY = "same_specialty", _("本专业质控中心")
        NEW_OTHER_SPECIALTY = "new_other_specialty_centre", _("新设立的其他专业质控中心")
        CURRENT_ROUND = "current_round", _("本轮遴选")

    class Cause(models.TextChoices):
        SEVERE_VIOLATION = "severe_violation", _("严重违规")
        RED_CARD = "red_card", _("红牌")
        DISQUALIFICATION = "disqualification", _("连续两年考核不合格取消资格")

    institution = models.ForeignKey(
        "directory.Institution", models.PROTECT, related_name="bans", verbose_name=_("单位")
    )
    jurisdiction = models.ForeignKey(
        "directory.Jurisdiction", models.PROTECT, related_name="+", verbose_name=_("行政区划")
    )
    scope = models.CharField(_("范围"), max_length=30, choices=Scope.choices)
    cause = models.CharField(
        _("原因类别"), max_length=20, choices=Cause.choices, default=Cause.SEVERE_VIOLATION
    )
    specialty = models.ForeignKey(
        Specialty, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("专业")
    )
    call = models.ForeignKey(
        SelectionCall, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("遴选轮次")
    )
    starts_on = models.DateField(_("起始日"))
    ends_on = models.DateField(_("截止日"), null=True, blank=True)
    article = models.CharField(_("依据条款"), max_length=50)
    reason = models.TextField(_("原因"))
    centre = models.ForeignKey(Centre, models.PROTECT, related_name="bans", verbose_name=_("原质控中心"))

    objects = BanQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("挂靠禁入")
        ordering = ["-starts_on"]


@tracked
class LeaderChange(ConcurrentTransitionMixin, models.Model):
    """The leader leaves during a term: the host recommends a replacement within the rule set's time
    (九龙坡 第十二条, 济南 第十九条（二）, 青浦 第十四条) and the commission approves; under 济南 an
    ineligible or unable nominee sends the commission to reselect the host."""

    class Status(models.TextChoices):
        VACANT = "vacant", _("待推荐")
        NOMINATED = "nominated", _("已推荐待批准")
        APPROVED = "approved", _("已批准")
        RESELECT = "reselect", _("重新遴选挂靠单位")

    centre = models.ForeignKey(
        Centre, models.PROTECT, related_name="leader_changes", verbose_name=_("质控中心")
    )
    term = models.ForeignKey(
        HostingTerm, models.PROTECT, related_name="leader_changes", verbose_name=_("挂靠周期")
    )
    old_leader = models.ForeignKey(
        "directory.Person", models.PROTECT, related_name="+", verbose_name=_("原负责人")
    )
    new_leader = models.ForeignKey(
        "directory.Person",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("推荐人选"),
    )
    reason = models.TextField(_("离任原因"))
    vacated_on = models.DateField(_("离任日期"))
    due_at = models.DateTimeField(_("推荐截止时间"))
    status = StateField(_("状态"), max_length=20, choices=Status.choices, default=Status.VACANT)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("批准人"),
    )

    objects = CentreChildQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("负责人变更")
        ordering = ["-vacated_on"]

    @transition(field=status, source=[Status.VACANT, Status.NOMINATED], target=Status.NOMINATED)
    def nominate(self): ...

    @transition(field=status, source=Status.NOMINATED, target=Status.APPROVED)
    def approve(self): ...

    @transition(field=status, source=[Status.VACANT, Status.NOMINATED], target=Status.RESELECT)
    def reselect_host(self): ...


@tracked
class TermDecision(models.Model):
    """The commission's 4-year decision with its reasons, beside the rule engine's proposal
    (九龙坡 第二十二条（一）; 济南 第十九条（一）)."""

    class Outcome(models.TextChoices):
        RETAIN = "retain", _("继续挂靠")
        RESELECT = "reselect", _("重新遴选")

    term = models.OneToOneField(
        HostingTerm, models.PROTECT, related_name="decision", verbose_name=_("挂靠周期")
    )
    outcome = models.CharField(_("决定"), max_length=10, choices=Outcome.choices)
    reasons = models.TextField(_("理由"))
    proposal = models.JSONField(_("规则引擎建议"), default=dict)
    grades = models.JSONField(_("年度考核等次"), default=dict)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("决定人")
    )
    decided_on = models.DateField(_("决定日期"))

    class Meta:
        verbose_name = verbose_name_plural = _("周期届满决定")


@tracked
class Dissolution(models.Model):
    """解除挂靠 — immediate, with its article; the committee is dissolved with it (九龙坡 第二十五条)."""

    class Cause(models.TextChoices):
        SEVERE_VIOLATION = "severe_violation", _("严重违规")
        RED_CARD = "red_card", _("红牌（连续两年考核不合格）")
        DISQUALIFICATION = "disqualification", _("取消挂靠资格")

    centre = models.OneToOneField(
        Centre, models.PROTECT, related_name="dissolution", verbose_name=_("质控中心")
    )
    cause = models.CharField(_("原因类别"), max_length=20, choices=Cause.choices)
    article = models.CharField(_("依据条款"), max_length=50)
    reason = models.TextField(_("事实与理由"))
    decided_on = models.DateField(_("决定日期"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("决定人")
    )

    class Meta:
        verbose_name = verbose_name_plural = _("解除挂靠")


@tracked
class Handover(ConcurrentTransitionMixin, models.Model):
    """交接 to the next host (九龙坡 第二十四条, 济南 第二十一条): a checklist, a deadline and three
    sign-offs."""

    class Status(models.TextChoices):
        OPEN = "open", _("交接中")
        SIGNED = "signed", _("已签收")

    centre = models.ForeignKey(Centre, models.PROTECT, related_name="handovers", verbose_name=_("质控中心"))
    from_host = models.ForeignKey(
        "directory.Institution", models.PROTECT, related_name="+", verbose_name=_("原挂靠单位")
    )
    to_host = models.ForeignKey(
        "directory.Institution", models.PROTECT, related_name="+", verbose_name=_("新挂靠单位")
    )
    items = models.JSONField(
        _("交接清单"), default=dict, help_text=_("规则集 handover.items 的代码 → {done, note}")
    )
    due_at = models.DateTimeField(_("交接期限"))
    status = StateField(_("状态"), max_length=20, choices=Status.choices, default=Status.OPEN)
    from_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("原单位签字"),
    )
    from_signed_at = models.DateTimeField(null=True, blank=True)
    to_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("新单位签字"),
    )
    to_signed_at = models.DateTimeField(null=True, blank=True)
    commission_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("卫健委确认"),
    )
    commission_signed_at = models.DateTimeField(null=True, blank=True)

    objects = HandoverQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("交接")
        ordering = ["-due_at"]

    @transition(field=status, source=Status.OPEN, target=Status.SIGNED)
    def complete(self): ...

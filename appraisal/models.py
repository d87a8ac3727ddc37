"""The yearly appraisal of centres (考核评价) and their yearly duties (年度履职). RULESETS.md §4, §5;
the seeds are the authority. Every state is declared with django-fsm-2 (docs/appraisal.md draws
them); every write goes through appraisal/services.py.

- ``AssessmentYear``: one jurisdiction's assessment of one year, its criteria and weights, the
  grade thresholds the office sets, and its state (draft → scoring → grading → confirmed →
  published).
- ``ScoringInvitation`` / ``CentreScore``: each institution of the district scores each centre it
  does not host, on each criterion (九龙坡 第二十一条（二）).
- ``CentreAssessment``: one centre in one year: its host's support (九龙坡 第二十一条（一）,
  济南 第二十条（六）), automatic-fail conditions (济南 第二十条), the proposed and the confirmed grade.
- ``Consequence``: what the engine (rulesets.engine.appraisal.yearly_consequence) says follows
  from the grade history, with its article, notice and deadlines; ``RectificationReport``.
- ``ProhibitedActFinding``: 九龙坡 第十九条, 济南 第十七条, 青浦 第十七条.
- ``DutyRecord``: a duty the host did in a year (plan, summary, training, meeting …) with
  evidence, confirmed or returned by the office.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django_fsm import ConcurrentTransitionMixin, transition

from audit.tracking import tracked
from core.scoping import ScopedQuerySet
from core.workflow import StateField
from directory.models import Institution, InstitutionQuerySet, Jurisdiction, JurisdictionQuerySet
from rulesets.models import BODY_KIND_CHOICES


class YearQuerySet(ScopedQuerySet):
    scope_path = "jurisdiction__path"
    scope_institution = "invitations__institution"  # an invited institution sees the year it scores

    def for_user(self, user):
        qs = super().for_user(user)
        from accounts.models import Role

        if user.is_authenticated and user.role == Role.HOST_SUBMITTER and user.institution_id:
            # a host sees the years in which one of its centres is assessed
            return self.filter(
                Q(invitations__institution=user.institution_id)
                | Q(assessments__centre__host=user.institution_id)
            ).distinct()
        return qs


class EvaluableInstitutionQuerySet(InstitutionQuerySet):
    """Institutions seen for what a user may *pick* as the evaluated institution of a duty record
    (机构质控评价, 济南 第十二条): a host evaluates the hospitals of its centre's jurisdiction, which
    it cannot see (``for_user`` gives a hospital only itself). The method belongs next to
    ``for_user`` on directory's InstitutionQuerySet; until its owner moves it there it is declared
    here, on a queryset of Institution built by ``evaluable_institutions()``."""

    def evaluable_by(self, user):
        from accounts.models import INSTITUTION_ROLES
        from centres.models import Centre

        if not user or not user.is_authenticated:
            return self.none()
        if user.role in INSTITUTION_ROLES and user.institution_id:
            paths = set(
                Centre.objects.filter(host=user.institution_id).values_list("jurisdiction__path", flat=True)
            )
            if not paths:
                return self.none()
            within = Q()
            for path in paths:
                within |= Q(jurisdiction__path__startswith=path)
            return self.filter(within)
        return self.for_user(user)  # the office, the commission: their jurisdiction and below


def evaluable_institutions() -> EvaluableInstitutionQuerySet:
    return EvaluableInstitutionQuerySet(Institution).order_by("name")


class YearOpenableJurisdictionQuerySet(JurisdictionQuerySet):
    """Jurisdictions seen for what a user may *pick* when opening an assessment year: its own only
    (``policies.may_open_year`` — 九龙坡 第二十一条, 济南 第十九条（三）: the commission of the level
    assesses its own centres), where ``for_user`` shows every jurisdiction below it too. The page and
    the API take the jurisdiction through this scope, so a district below, the city above or another
    city is the same "does not exist" as a missing id. Declared here, on a queryset of Jurisdiction
    built by ``year_openable_jurisdictions()``, like ``evaluable_by`` below."""

    def year_openable_by(self, user):
        from accounts.models import Role

        if not user or not user.is_authenticated:
            return self.none()
        if user.is_sysadmin:
            return self
        if user.role in (Role.COMMISSION, Role.QC_OFFICE) and user.jurisdiction_id:
            return self.filter(pk=user.jurisdiction_id)
        return self.none()


def year_openable_jurisdictions() -> YearOpenableJurisdictionQuerySet:
    return YearOpenableJurisdictionQuerySet(Jurisdiction).order_by("path")


class InvitationQuerySet(ScopedQuerySet):
    scope_path = "year__jurisdiction__path"
    scope_institution = "institution"


class ScoreQuerySet(ScopedQuerySet):
    scope_path = "invitation__year__jurisdiction__path"
    scope_institution = "invitation__institution"  # a scorer sees its own scores, never others'


class AssessmentQuerySet(ScopedQuerySet):
    scope_path = "year__jurisdiction__path"
    scope_institution = "centre__host"

    def scorable_by(self, user):
        """The assessments a user may name when scoring (九龙坡 第二十一条（二）: every institution of the
        district scores every centre): those of the years its institution is invited to — centres it
        cannot otherwise see (``for_user`` gives a hospital only the centres it hosts). The centre it
        hosts stays among them: the service refuses it with its own reason
        (``appraisal_scores_own_centre``)."""
        if not user or not user.is_authenticated:
            return self.none()
        if user.is_sysadmin:
            return self
        if user.institution_id:
            return self.filter(
                year__in=AssessmentYear.objects.filter(invitations__institution=user.institution_id).values(
                    "pk"
                )
            )
        return self.none()


class CentreChildQuerySet(ScopedQuerySet):
    scope_path = "centre__jurisdiction__path"
    scope_institution = "centre__host"
    scope_person = "centre__leader"


class ConditionQuerySet(ScopedQuerySet):
    scope_path = "assessment__year__jurisdiction__path"
    scope_institution = "assessment__centre__host"


class ReportQuerySet(ScopedQuerySet):
    scope_path = "consequence__centre__jurisdiction__path"
    scope_institution = "consequence__centre__host"


GRADE_CHOICES = [("excellent", "优秀"), ("good", "良好"), ("pass", "合格"), ("fail", "不合格")]


@tracked
class AssessmentYear(ConcurrentTransitionMixin, models.Model):
    """年度考核: one jurisdiction, one level of centre, one year."""

    class Status(models.TextChoices):
        DRAFT = "draft", "准备中"
        SCORING = "scoring", "机构评分中"
        GRADING = "grading", "拟定等次中"
        CONFIRMED = "confirmed", "已审定"
        PUBLISHED = "published", "已公布"

    jurisdiction = models.ForeignKey(
        "directory.Jurisdiction", models.PROTECT, related_name="assessment_years", verbose_name="行政区划"
    )
    body_kind = models.CharField("类型", max_length=30, choices=BODY_KIND_CHOICES)
    year = models.PositiveIntegerField("考核年度")
    ruleset_code = models.CharField("适用规则集", max_length=50)
    criteria = models.JSONField(
        "评分项与权重",
        default=list,
        blank=True,
        help_text="[{code, label, weight, guidance}]，代码来自规则集 appraisal.scoring_criteria",
    )
    thresholds = models.JSONField(
        "等次分数线", default=dict, blank=True, help_text="等次代码 → 最低加权分（由质控办设定）"
    )
    self_report_due_on = models.DateField("述职材料报送截止日", null=True, blank=True)
    annual_report_due_on = models.DateField("年度质控报告报送截止日", null=True, blank=True)
    status = StateField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="创建人"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    results_document_id = models.BigIntegerField("考核结果公文", null=True, blank=True)

    objects = YearQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "年度考核"
        ordering = ["-year", "jurisdiction__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "body_kind", "year"], name="appraisal_one_year_per_jurisdiction"
            )
        ]

    def __str__(self) -> str:
        return f"{self.jurisdiction.name}{self.year}年度质控中心考核"

    @property
    def uses_institution_scores(self) -> bool:
        return bool(self.criteria)

    @transition(field=status, source=Status.DRAFT, target=Status.SCORING)
    def open_scoring(self):
        """Criteria and weights set; every institution of the district invited (九龙坡 第二十一条（二）)."""

    @transition(field=status, source=[Status.DRAFT, Status.SCORING], target=Status.GRADING)
    def close_scoring(self):
        """Scoring closed; the office proposes grades (from DRAFT where no institution scores: 济南)."""

    @transition(field=status, source=Status.GRADING, target=Status.CONFIRMED)
    def confirm(self):
        """The commission confirms every grade."""

    @transition(field=status, source=Status.CONFIRMED, target=Status.PUBLISHED)
    def publish(self):
        """Results issued as an official document; consequences follow."""


@tracked
class ScoringInvitation(ConcurrentTransitionMixin, models.Model):
    """An institution invited to score the year's centres."""

    class Status(models.TextChoices):
        INVITED = "invited", "待评分"
        SUBMITTED = "submitted", "已提交"

    year = models.ForeignKey(
        AssessmentYear, models.CASCADE, related_name="invitations", verbose_name="年度考核"
    )
    institution = models.ForeignKey(
        "directory.Institution", models.PROTECT, related_name="appraisal_invitations", verbose_name="评分机构"
    )
    status = StateField("状态", max_length=20, choices=Status.choices, default=Status.INVITED)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="提交人",
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "评分邀请"
        ordering = ["year", "institution__name"]
        constraints = [
            models.UniqueConstraint(fields=["year", "institution"], name="appraisal_invitation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.institution} — {self.year}"

    def ruleset_subject(self):
        return self.year

    @transition(field=status, source=Status.INVITED, target=Status.SUBMITTED)
    def submit(self): ...


@tracked
class CentreAssessment(ConcurrentTransitionMixin, models.Model):
    """One centre in one assessment year."""

    class Status(models.TextChoices):
        OPEN = "open", "评分中"
        PROPOSED = "proposed", "已拟定等次"
        CONFIRMED = "confirmed", "已审定"

    class Support(models.TextChoices):
        UNASSESSED = "", "未评估"
        ADEQUATE = "adequate", "到位"
        INSUFFICIENT = "insufficient", "支持保障不够"

    year = models.ForeignKey(
        AssessmentYear, models.CASCADE, related_name="assessments", verbose_name="年度考核"
    )
    centre = models.ForeignKey(
        "centres.Centre", models.PROTECT, related_name="assessments", verbose_name="质控中心"
    )
    host = models.ForeignKey(
        "directory.Institution", models.PROTECT, null=True, related_name="+", verbose_name="考核时的挂靠单位"
    )
    host_support = models.CharField(
        "挂靠单位支持保障", max_length=20, choices=Support.choices, blank=True, default=""
    )
    host_support_note = models.TextField("支持保障评估说明", blank=True)
    self_report = models.TextField("年度述职材料", blank=True)
    self_report_submitted_at = models.DateTimeField("述职材料提交时间", null=True, blank=True)
    weighted_score = models.DecimalField("加权得分", max_digits=6, decimal_places=2, null=True, blank=True)
    arithmetic = models.JSONField("计算过程", default=dict, blank=True)
    proposed_grade = models.CharField("拟定等次", max_length=20, choices=GRADE_CHOICES, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="拟定人",
    )
    grade = models.CharField("审定等次", max_length=20, choices=GRADE_CHOICES, blank=True)
    grade_change_reason = models.TextField("变更等次理由", blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="审定人",
    )
    confirmed_at = models.DateTimeField("审定时间", null=True, blank=True)
    status = StateField("状态", max_length=20, choices=Status.choices, default=Status.OPEN)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "质控中心年度考核"
        ordering = ["year", "centre__name"]
        constraints = [
            models.UniqueConstraint(fields=["year", "centre"], name="appraisal_one_assessment_per_centre"),
            # a grade changed by the commission carries its reason
            models.CheckConstraint(
                condition=Q(grade="") | Q(grade=models.F("proposed_grade")) | ~Q(grade_change_reason=""),
                name="appraisal_grade_change_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.centre} {self.year.year}年度"

    def ruleset_subject(self):
        return self.centre

    @transition(field=status, source=[Status.OPEN, Status.PROPOSED], target=Status.PROPOSED)
    def propose(self): ...

    @transition(field=status, source=Status.PROPOSED, target=Status.CONFIRMED)
    def confirm(self): ...


@tracked
class CentreScore(models.Model):
    """One institution's score of one centre on one criterion (0–100)."""

    invitation = models.ForeignKey(
        ScoringInvitation, models.CASCADE, related_name="scores", verbose_name="评分邀请"
    )
    assessment = models.ForeignKey(
        CentreAssessment, models.CASCADE, related_name="scores", verbose_name="考核"
    )
    criterion = models.CharField("评分项", max_length=40)
    score = models.DecimalField("得分", max_digits=5, decimal_places=1)
    comment = models.TextField("评语", blank=True)

    objects = ScoreQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "机构评分"
        constraints = [
            models.UniqueConstraint(
                fields=["invitation", "assessment", "criterion"], name="appraisal_score_unique"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=100), name="appraisal_score_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.invitation.institution} 对 {self.assessment} 的评分"


@tracked
class FailCondition(models.Model):
    """An automatic-fail condition (济南 第二十条): derived from the record, or entered with evidence."""

    class Source(models.TextChoices):
        DERIVED = "derived", "由记录推定"
        ENTERED = "entered", "质控办登记"

    assessment = models.ForeignKey(
        CentreAssessment, models.CASCADE, related_name="fail_conditions", verbose_name="考核"
    )
    code = models.CharField("情形", max_length=50)
    label = models.CharField("情形说明", max_length=200)
    article = models.CharField("依据条款", max_length=50)
    source = models.CharField("来源", max_length=10, choices=Source.choices)
    evidence = models.TextField("事实与证据")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="登记人",
    )
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)

    objects = ConditionQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "考核不合格情形"
        ordering = ["assessment", "code"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "code"], name="appraisal_condition_once")
        ]

    def __str__(self) -> str:
        return f"{self.assessment}：{self.label}"

    def ruleset_subject(self):
        return self.assessment.centre


@tracked
class Consequence(ConcurrentTransitionMixin, models.Model):
    """What follows from a year's grade (rulesets.engine.appraisal.yearly_consequence), with its
    article and notice. Rectification asks for a report and the office's review; a red card or a
    disqualification ends the hosting through the centres app's dissolution."""

    class Kind(models.TextChoices):
        RECTIFICATION = "rectification", "责令整改"
        YELLOW_CARD = "yellow_card", "黄牌警告"
        RED_CARD = "red_card", "红牌处罚"
        DISQUALIFICATION = "disqualification", "取消挂靠资格"

    class Status(models.TextChoices):
        ISSUED = "issued", "已下达"
        REPORTED = "reported", "整改报告待审核"
        CLOSED = "closed", "已结束"
        EXECUTED = "executed", "已解除挂靠"

    assessment = models.OneToOneField(
        CentreAssessment, models.PROTECT, related_name="consequence", verbose_name="考核"
    )
    centre = models.ForeignKey(
        "centres.Centre", models.PROTECT, related_name="appraisal_consequences", verbose_name="质控中心"
    )
    kind = models.CharField("处理", max_length=20, choices=Kind.choices)
    article = models.CharField("依据条款", max_length=50)
    text = models.TextField("规则引擎结论")
    due_on = models.DateField("整改期限", null=True, blank=True)
    status = StateField("状态", max_length=20, choices=Status.choices, default=Status.ISSUED)
    document_id = models.BigIntegerField("通知公文", null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="下达人"
    )
    issued_on = models.DateField("下达日期")

    objects = CentreChildQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "考核结果处理"
        ordering = ["-issued_on", "centre__name"]

    def __str__(self) -> str:
        return f"{self.assessment} {self.get_kind_display()}"

    def ruleset_subject(self):
        return self.centre

    @property
    def ends_hosting(self) -> bool:
        return self.kind in (self.Kind.RED_CARD, self.Kind.DISQUALIFICATION)

    @transition(field=status, source=Status.ISSUED, target=Status.REPORTED)
    def report(self): ...

    @transition(field=status, source=Status.REPORTED, target=Status.ISSUED)
    def return_report(self): ...

    @transition(field=status, source=[Status.REPORTED, Status.ISSUED], target=Status.CLOSED)
    def close(self): ...

    @transition(field=status, source=Status.ISSUED, target=Status.EXECUTED)
    def execute(self): ...


@tracked
class RectificationReport(models.Model):
    """The host's rectification report and the office's review of it."""

    class Outcome(models.TextChoices):
        PENDING = "", "待审核"
        ACCEPTED = "accepted", "通过"
        RETURNED = "returned", "退回"

    consequence = models.ForeignKey(Consequence, models.CASCADE, related_name="reports", verbose_name="处理")
    text = models.TextField("整改情况")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="报送人"
    )
    submitted_at = models.DateTimeField("报送时间", auto_now_add=True)
    outcome = models.CharField("审核结论", max_length=10, choices=Outcome.choices, blank=True, default="")
    review_comments = models.TextField("审核意见", blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="审核人",
    )
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "整改报告"
        ordering = ["submitted_at"]

    def __str__(self) -> str:
        return f"{self.consequence} 整改报告"


@tracked
class ProhibitedActFinding(models.Model):
    """A prohibited act found (九龙坡 第十九条, 济南 第十七条, 青浦 第十七条); severe → dissolution."""

    class Severity(models.TextChoices):
        ORDINARY = "ordinary", "一般"
        SEVERE = "severe", "情节严重"

    centre = models.ForeignKey(
        "centres.Centre", models.PROTECT, related_name="prohibited_act_findings", verbose_name="质控中心"
    )
    act = models.CharField("违规情形", max_length=60)
    act_label = models.CharField("情形说明", max_length=300)
    article = models.CharField("依据条款", max_length=50)
    severity = models.CharField("情节", max_length=10, choices=Severity.choices)
    facts = models.TextField("事实与证据")
    found_on = models.DateField("认定日期")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="登记人"
    )
    dissolution_id = models.BigIntegerField("解除挂靠决定", null=True, blank=True)

    objects = CentreChildQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "违规行为认定"
        ordering = ["-found_on"]

    def __str__(self) -> str:
        return f"{self.centre} 违规行为：{self.act_label}"

    def ruleset_subject(self):
        return self.centre


@tracked
class DutyRecord(ConcurrentTransitionMixin, models.Model):
    """A yearly duty the host records with evidence; the office confirms or returns it."""

    class Kind(models.TextChoices):
        PLAN = "plan", "年度工作计划"
        SUMMARY = "summary", "年度工作总结"
        TRAINING = "training", "质控培训"
        COMMITTEE_MEETING = "committee_meeting", "专家委员会工作会议"
        INSTITUTION_EVALUATION = "institution_evaluation", "机构质控评价"
        ANNUAL_REPORT = "annual_report", "年度医疗服务与质量安全报告"
        DISPATCH_MEETING = "dispatch_meeting", "工作调度会"
        IMPROVEMENT_PLAN = "improvement_plan", "改进目标工作方案"
        CORE_KNOWLEDGE = "core_knowledge", "应知应会核心制度"
        INDICATOR_SET = "indicator_set", "监测指标体系"
        ROOT_CAUSE_REVIEW = "root_cause_review", "根因溯源"
        CITY_CENTRE_REVIEW = "city_centre_review", "市级质控中心述职评价"
        UNPLANNED_ACTIVITY = "unplanned_activity", "计划外重要活动报告"

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "待确认"
        CONFIRMED = "confirmed", "已确认"
        RETURNED = "returned", "已退回"

    centre = models.ForeignKey(
        "centres.Centre", models.PROTECT, related_name="duty_records", verbose_name="质控中心"
    )
    year = models.PositiveIntegerField("年度")
    kind = models.CharField("履职事项", max_length=30, choices=Kind.choices)
    title = models.CharField("标题", max_length=200)
    done_on = models.DateField("完成/报送日期")
    details = models.TextField("内容", blank=True)
    tasks = models.JSONField(
        "任务",
        default=list,
        blank=True,
        help_text="计划：[{task, measure, due}]；总结：[{task, done, done_on, note}]",
    )
    institution = models.ForeignKey(
        "directory.Institution",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="被评价机构",
    )
    planned_on = models.DateField(
        "计划开展日期", null=True, blank=True, help_text="计划外重要活动报告：活动的日期，须晚于报告日期"
    )
    plan_task = models.CharField(
        "对应计划任务", max_length=200, blank=True, help_text="本年度工作计划中的任务；计划外活动留空"
    )
    advance_report = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name="事先报告",
        help_text="计划外重要活动的事先报告（济南 第十一条）",
    )
    rectification_due_on = models.DateField(
        "整改情况报送期限", null=True, blank=True, help_text="机构质控评价：被评价机构书面报送整改情况的期限"
    )
    status = StateField("状态", max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="填报人"
    )
    recorded_at = models.DateTimeField("填报时间", auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="确认人",
    )
    return_reason = models.TextField("退回理由", blank=True)

    objects = CentreChildQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "年度履职记录"
        ordering = ["-year", "done_on"]

    def __str__(self) -> str:
        return f"{self.centre} {self.year} {self.get_kind_display()}：{self.title}"

    def ruleset_subject(self):
        return self.centre

    @transition(field=status, source=Status.SUBMITTED, target=Status.CONFIRMED)
    def confirm(self): ...

    @transition(field=status, source=Status.SUBMITTED, target=Status.RETURNED)
    def return_for_changes(self): ...

    @transition(field=status, source=Status.RETURNED, target=Status.SUBMITTED)
    def resubmit(self): ...


class DutyYearQuerySet(CentreChildQuerySet):
    pass


@tracked
class DutyYear(models.Model):
    """A centre's year of duties: the deadlines opened from the rule set hang from it."""

    centre = models.ForeignKey(
        "centres.Centre", models.PROTECT, related_name="duty_years", verbose_name="质控中心"
    )
    year = models.PositiveIntegerField("年度")
    ruleset_code = models.CharField("适用规则集", max_length=50)
    plan_due_on = models.DateField("年度计划报送截止日", null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="开启人"
    )
    opened_at = models.DateTimeField("开启时间", auto_now_add=True)

    objects = DutyYearQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "年度履职"
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["centre", "year"], name="appraisal_duty_year_once")]

    def __str__(self) -> str:
        return f"{self.centre} {self.year}年度履职"

    def ruleset_subject(self):
        return self.centre


@tracked
class HistoricalGrade(models.Model):
    """A yearly grade given before the centre was on the platform (登记的历史考核等次), entered from the
    commission's document when an existing centre is registered (centres/registration.py): who entered
    it, when, and from which document. It counts with the platform's own grades in the grade history
    (the yearly consequence) and the term's grades (the 4-year decision)."""

    centre = models.ForeignKey(
        "centres.Centre", models.PROTECT, related_name="historical_grades", verbose_name="质控中心"
    )
    host = models.ForeignKey(
        "directory.Institution", models.PROTECT, related_name="+", verbose_name="考核时的挂靠单位"
    )
    year = models.PositiveIntegerField("考核年度")
    grade = models.CharField("考核等次", max_length=20, choices=GRADE_CHOICES)
    ruleset_code = models.CharField("等次所依规则集", max_length=50)
    source_document = models.CharField("来源公文（文号或标题）", max_length=200)
    source_issued_on = models.DateField("公文日期")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="登记人"
    )
    entered_at = models.DateTimeField("登记时间", auto_now_add=True)

    objects = CentreChildQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "历史考核等次"
        ordering = ["centre", "year"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "year"], name="appraisal_historical_grade_once"),
            # a grade is published after its year has begun, never before
            models.CheckConstraint(
                condition=Q(source_issued_on__year__gte=models.F("year")),
                name="appraisal_historical_grade_after_its_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.centre} {self.year}年度：{self.get_grade_display()}"

    def ruleset_subject(self):
        return self.centre


class InstitutionRectificationQuerySet(ScopedQuerySet):
    scope_path = "evaluation__centre__jurisdiction__path"
    scope_institution = "institution"  # the evaluated institution sees its own; the centre's host below

    def for_user(self, user):
        from accounts.models import Role

        if user.is_authenticated and user.role == Role.HOST_SUBMITTER and user.institution_id:
            return self.filter(
                Q(institution=user.institution_id) | Q(evaluation__centre__host=user.institution_id)
            ).distinct()
        return super().for_user(user)


@tracked
class InstitutionRectification(ConcurrentTransitionMixin, models.Model):
    """济南 第十二条: after the centre's evaluation and its QC report, the evaluated institution rectifies
    and reports back in writing to the centre (书面报送整改情况), by the date the centre set; the centre
    accepts the report or returns it with its reasons."""

    class Status(models.TextChoices):
        AWAITING = "awaiting", "待报送"
        REPORTED = "reported", "待质控中心审核"
        RETURNED = "returned", "已退回"
        ACCEPTED = "accepted", "已通过"

    evaluation = models.OneToOneField(
        DutyRecord, models.CASCADE, related_name="rectification", verbose_name="机构质控评价"
    )
    institution = models.ForeignKey(
        "directory.Institution", models.PROTECT, related_name="+", verbose_name="被评价机构"
    )
    due_on = models.DateField("报送期限")
    text = models.TextField("整改情况", blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="报送人",
    )
    submitted_at = models.DateTimeField("报送时间", null=True, blank=True)
    review_comments = models.TextField("审核意见", blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="审核人",
    )
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    status = StateField("状态", max_length=20, choices=Status.choices, default=Status.AWAITING)

    objects = InstitutionRectificationQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "机构整改情况报告"
        ordering = ["due_on"]

    def __str__(self) -> str:
        return f"{self.institution}：{self.evaluation.title}整改情况"

    def ruleset_subject(self):
        return self.evaluation.centre

    @transition(field=status, source=[Status.AWAITING, Status.RETURNED], target=Status.REPORTED)
    def report(self): ...

    @transition(field=status, source=Status.REPORTED, target=Status.ACCEPTED)
    def accept(self): ...

    @transition(field=status, source=Status.REPORTED, target=Status.RETURNED)
    def return_report(self): ...

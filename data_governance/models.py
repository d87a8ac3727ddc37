"""Data governance (数据治理): the commission's data resources, use requests with the signed
commitment letter, time-limited grants, the append-only access log, traceable exports,
publication review with its personal-data scan, and third-party transfers.
RULESETS.md §6; 九龙坡 第十六条, 济南 第十四条、第十五条. Every write goes through services.py;
every state and edge is declared here (docs/data-governance.md draws them)."""

from __future__ import annotations

import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import transition

from audit.tracking import tracked
from core.scoping import ScopedQuerySet
from core.workflow import StateField
from rulesets.models import BODY_KIND_CHOICES


class Classification(models.TextChoices):
    PUBLIC = "public", _("公开")
    INTERNAL = "internal", _("内部")
    SENSITIVE = "sensitive", _("敏感")
    PERSONAL = "personal", _("含个人信息")


# A resource's files leave the platform only through this app: the grant check, the access log and
# the traced export. The generic attachment views refuse them (attachments.selectors.served_elsewhere).
RESOURCE_FILES_SERVED_BY = (
    "数据资源的文件只能在“数据治理 › 数据资源”页面，由授权名单内的人员在授权有效期内留痕导出"
    "（记入访问日志，文件指纹留存），不能经通用附件功能下载、上传或删除。"
)

# Classes that never leave the platform outside a grant (the refusal cites 第十六条（二）).
GRANT_ONLY = (Classification.SENSITIVE, Classification.PERSONAL)


class ResourceQuerySet(ScopedQuerySet):
    """The commission's catalogue: its staff, office and auditors see their jurisdiction's; a
    hospital user sees the catalogue of the commissions above it (to ask for a resource: seeing it
    listed gives no access to its data); a person sees the resources granted to them."""

    scope_path = "jurisdiction__path"

    def for_user(self, user):
        from accounts.models import INSTITUTION_ROLES, Role

        if user.is_authenticated and user.role in INSTITUTION_ROLES and user.institution_id:
            path = user.institution.jurisdiction.path
            prefixes = ["/".join(path.split("/")[:n]) + "/" for n in range(1, path.count("/") + 1)]
            return self.filter(jurisdiction__path__in=prefixes)
        if user.is_authenticated and user.role == Role.EXPERT:
            return self.filter(grants__users=user).distinct()
        return super().for_user(user)

    def nameable_by(self, user):
        """What a user may *pick* on a use request, a transfer or a narrowing: the catalogue the
        user sees, and the resources already named on the requests the user sees — a district
        commission narrows a request to a province resource its centre asked for, which its own
        catalogue does not list. The views narrow further (the active catalogue, the request's own)."""
        named = UseRequest.resources.through.objects.filter(
            userequest__in=UseRequest.objects.for_user(user)
        ).values("dataresource")
        return self.filter(Q(pk__in=self.for_user(user).values("pk")) | Q(pk__in=named))


class NameableUserQuerySet(models.QuerySet):
    """Users seen for what may be *picked* as the users of a use request (九龙坡 第十六条（二）: the
    host's staff or the centre's leader). A hospital user sees no users at all, so the scope is
    declared here: the users of the centres the acting user may see, and the users already named
    on the requests it sees (the commission narrowing a request). It belongs next to ``for_user`` on
    the users' queryset (accounts, not this app's); built by ``nameable_users()``."""

    def nameable_by(self, user):
        from centres.models import Centre

        if not user or not user.is_authenticated:
            return self.none()
        centres = Centre.objects.for_user(user)
        named = UseRequest.users.through.objects.filter(
            userequest__in=UseRequest.objects.for_user(user)
        ).values("user")
        return self.filter(
            Q(institution__in=centres.values("host"))
            | Q(person__in=centres.exclude(leader=None).values("leader"))
            | Q(pk__in=named)
        )


def nameable_users() -> NameableUserQuerySet:
    from django.contrib.auth import get_user_model

    return NameableUserQuerySet(get_user_model()).order_by("username")


class CentreRecordQuerySet(ScopedQuerySet):
    scope_path = "centre__jurisdiction__path"
    scope_institution = "centre__host"
    scope_person = "centre__leader"


class GrantQuerySet(ScopedQuerySet):
    scope_path = "centre__jurisdiction__path"
    scope_institution = "centre__host"

    def for_user(self, user):
        """Besides the scope: a named user sees the grants that name them (an expert included)."""
        from accounts.models import Role

        if user.is_authenticated and user.role == Role.EXPERT:
            return self.filter(Q(users=user) | Q(centre__leader=user.person_id)).distinct()
        return super().for_user(user)


class AccessQuerySet(ScopedQuerySet):
    scope_path = "resource__jurisdiction__path"
    scope_institution = "grant__centre__host"
    scope_person = "user__person"


class ReviewChildQuerySet(ScopedQuerySet):
    scope_path = "review__centre__jurisdiction__path"
    scope_institution = "review__centre__host"
    scope_person = "review__centre__leader"


@tracked
class DataResource(models.Model):
    """数据资源: quality data the commission owns (九龙坡 第十六条（三）, 济南 第十五条)."""

    class Source(models.TextChoices):
        FILES = "files", _("上传文件")
        DATASET = "dataset", _("平台生成的数据集")

    jurisdiction = models.ForeignKey(
        "directory.Jurisdiction",
        models.PROTECT,
        related_name="data_resources",
        verbose_name=_("所属行政区划（所有者为其卫生健康委）"),
    )
    body_kind = models.CharField(
        _("适用规则集的机构类型"),
        max_length=30,
        choices=BODY_KIND_CHOICES,
        help_text=_("使用该数据的质控中心类型，据此确定适用的规则集"),
    )
    code = models.CharField(_("编号"), max_length=40)
    name = models.CharField(_("名称"), max_length=200)
    description = models.TextField(_("说明"), blank=True)
    classification = models.CharField(_("分级"), max_length=20, choices=Classification.choices)
    steward = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="stewarded_resources", verbose_name=_("管理人")
    )
    source = models.CharField(_("来源"), max_length=20, choices=Source.choices, default=Source.FILES)
    dataset = models.CharField(
        _("数据集"), max_length=50, blank=True, help_text=_("data_governance.datasets 中的代码")
    )
    centre = models.ForeignKey(
        "centres.Centre",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("采集的质控中心"),
        help_text=_("质控中心自行采集的数据；所有权仍属卫生健康委"),
    )
    active = models.BooleanField(_("在册"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("登记人")
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    objects = ResourceQuerySet.as_manager()

    # Its files are handled only here (attachments.selectors.subject_served_elsewhere).
    attachments_served_by = RESOURCE_FILES_SERVED_BY

    class Meta:
        verbose_name = verbose_name_plural = _("数据资源")
        ordering = ["jurisdiction__path", "code"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "code"], name="dg_resource_code_unique"),
            models.CheckConstraint(condition=~Q(source="dataset") | ~Q(dataset=""), name="dg_dataset_named"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def grant_only(self) -> bool:
        return self.classification in GRANT_ONLY


class PurposeCategory(models.TextChoices):
    """How a request declares its purpose. The first four are quality-control work; the last two
    are what 九龙坡 第十六条（二） and 济南 第十五条 forbid, and are refused at once."""

    INDICATOR_ANALYSIS = "indicator_analysis", _("质控指标监测与分析")
    IMPROVEMENT = "improvement", _("医疗质量持续改进")
    EVALUATION = "evaluation", _("质控考核与评价")
    QC_REPORT = "qc_report", _("质控报告与成果发布")
    OTHER_RESEARCH = "other_research", _("与质控工作无关的其他研究")
    COMMERCIAL = "commercial", _("营利性或其他用途")


QC_PURPOSES = (
    PurposeCategory.INDICATOR_ANALYSIS,
    PurposeCategory.IMPROVEMENT,
    PurposeCategory.EVALUATION,
    PurposeCategory.QC_REPORT,
)


@tracked
class UseRequest(models.Model):
    """数据资源使用需求申请 with the signed 数据资源使用承诺书 (九龙坡 第十六条（二）)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        SUBMITTED = "submitted", _("待主任委员审核")
        ENDORSED = "endorsed", _("主任委员已同意，待卫健委审批")
        APPROVED = "approved", _("已批准")
        NARROWED = "narrowed", _("已缩减范围批准")
        REFUSED = "refused", _("未批准")
        WITHDRAWN = "withdrawn", _("已撤回")

    centre = models.ForeignKey("centres.Centre", models.PROTECT, related_name="+", verbose_name=_("质控中心"))
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("申请人")
    )
    purpose_category = models.CharField(_("用途类别"), max_length=30, choices=PurposeCategory.choices)
    purpose = models.TextField(_("具体用途"))
    starts_on = models.DateField(_("使用起始日"))
    ends_on = models.DateField(_("使用截止日"))
    users = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", verbose_name=_("使用人员"))
    resources = models.ManyToManyField(DataResource, related_name="requests", verbose_name=_("数据资源"))
    status = StateField(_("状态"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    endorsed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("主任委员"),
    )
    endorsed_at = models.DateTimeField(_("主任委员审核时间"), null=True, blank=True)
    endorsement_opinion = models.TextField(_("主任委员意见"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("审批人"),
    )
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decision_reasons = models.TextField(_("审批理由"), blank=True)
    qc_purpose_judgement = models.TextField(
        _("用途是否属于质控工作的判断"), blank=True, help_text=_("卫健委对申请用途是否围绕质控工作的书面判断")
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = CentreRecordQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("数据使用申请")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="dg_request_period_ordered"
            )
        ]

    def __str__(self) -> str:
        return f"数据使用申请 #{self.pk}（{self.centre}）"

    def ruleset_subject(self):
        return self.centre

    @property
    def editable(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def attachments_locked(self) -> str:
        """Once submitted, the signed letter is part of the request: no path (the generic
        attachment views included) may add, swap or withdraw it (attachments.selectors)."""
        return "" if self.status == self.Status.DRAFT else "申请已提交，承诺书等附件不能再上传、更换或删除。"

    @transition(field=status, source=Status.DRAFT, target=Status.SUBMITTED)
    def submit(self):
        """The centre submits the request with the signed commitment letter (第十六条（二）)."""

    @transition(field=status, source=Status.SUBMITTED, target=Status.ENDORSED)
    def endorse(self):
        """The committee chair, first responsible person for data security, agrees (第十六条（五）)."""

    @transition(field=status, source=[Status.SUBMITTED, Status.ENDORSED], target=Status.APPROVED)
    def approve(self):
        """The commission approves as asked; from SUBMITTED only where no chair endorsement is required."""

    @transition(field=status, source=[Status.SUBMITTED, Status.ENDORSED], target=Status.NARROWED)
    def narrow(self):
        """The commission approves fewer resources, users or days."""

    @transition(field=status, source=[Status.SUBMITTED, Status.ENDORSED], target=Status.REFUSED)
    def refuse(self):
        """The chair or the commission refuses, with reasons (a non-QC purpose: 第十六条（二）)."""

    @transition(field=status, source=[Status.DRAFT, Status.SUBMITTED], target=Status.WITHDRAWN)
    def withdraw(self):
        """The applicant withdraws before any decision."""


class Standing(models.TextChoices):
    """Where a grant stands on a given day: read from its dates and status at each access, never
    stored (expiry is not a state)."""

    CURRENT = "current", _("有效")
    NOT_STARTED = "not_started", _("未开始")
    EXPIRED = "expired", _("已到期")
    REVOKED = "revoked", pgettext_lazy("grant", "已撤销")


@tracked
class Grant(models.Model):
    """数据使用授权: exactly these users, exactly these resources, until ``ends_on`` (inclusive).
    Expiry is not a state: it is read at each access (``Grant.objects.current(on=…)``), so a grant
    that ended yesterday denies today whether or not any job has run."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("有效")
        REVOKED = "revoked", pgettext_lazy("grant", "已撤销")

    number = models.CharField(_("授权编号"), max_length=30, unique=True)
    request = models.OneToOneField(
        UseRequest, models.PROTECT, related_name="grant", verbose_name=_("数据使用申请")
    )
    centre = models.ForeignKey("centres.Centre", models.PROTECT, related_name="+", verbose_name=_("质控中心"))
    users = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="data_grants", verbose_name=_("授权人员")
    )
    resources = models.ManyToManyField(DataResource, related_name="grants", verbose_name=_("授权数据资源"))
    starts_on = models.DateField(_("起始日"))
    ends_on = models.DateField(_("截止日（含当日）"))
    status = StateField(_("状态"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("批准人")
    )
    granted_at = models.DateTimeField(_("批准时间"), auto_now_add=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("撤销人"),
    )
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)
    revoke_reason = models.TextField(_("撤销理由"), blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = GrantQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("数据使用授权")
        ordering = ["-granted_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="dg_grant_period_ordered"
            )
        ]

    def __str__(self) -> str:
        return self.number

    def ruleset_subject(self):
        return self.centre

    def standing(self, on) -> Standing:
        """有效 / 未开始 / 已到期 / 已撤销 on the date ``on`` (``.label`` in the user's language)."""
        if self.status == self.Status.REVOKED:
            return Standing.REVOKED
        if on < self.starts_on:
            return Standing.NOT_STARTED
        if on > self.ends_on:
            return Standing.EXPIRED
        return Standing.CURRENT

    def is_current(self, on) -> bool:
        return self.standing(on) == Standing.CURRENT

    @transition(field=status, source=Status.ACTIVE, target=Status.REVOKED)
    def revoke(self):
        """The commission revokes; the next access is refused."""


class AccessLog(models.Model):
    """数据访问日志, append-only: no update or delete path in the app, and the database refuses
    both (pgtrigger.Protect). Not @tracked: a row never changes, so it is its own history."""

    class Action(models.TextChoices):
        VIEW = "view", _("查看")
        DOWNLOAD = "download", _("下载")
        EXPORT = "export", _("导出")

    at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("访问人")
    )
    resource = models.ForeignKey(
        DataResource, models.PROTECT, related_name="accesses", verbose_name=_("数据资源")
    )
    grant = models.ForeignKey(
        Grant,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="accesses",
        verbose_name=_("授权"),
        help_text=_("空：卫健委本级或公开资源的访问"),
    )
    action = models.CharField(_("方式"), max_length=20, choices=Action.choices)
    amount = models.PositiveIntegerField(_("数量"), default=0)
    unit = models.CharField(_("单位"), max_length=10, default="行")
    ip = models.GenericIPAddressField(_("来源地址"), null=True, blank=True)
    user_agent = models.CharField(_("客户端"), max_length=300, blank=True)
    detail = models.CharField(_("说明"), max_length=300, blank=True)

    objects = AccessQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("数据访问日志")
        ordering = ["-at", "-pk"]
        triggers = [
            pgtrigger.Protect(name="dg_access_log_append_only", operation=pgtrigger.Update | pgtrigger.Delete)
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.get_action_display()} {self.resource}"


class ExportTrace(models.Model):
    """导出留痕: the file a user took out, its SHA-256 and the marks printed in it, so a leaked
    copy leads back to the person and the grant. Append-only like the access log."""

    class Format(models.TextChoices):
        XLSX = "xlsx", _("Excel")
        PDF = "pdf", _("PDF")

    code = models.CharField(_("留痕编号"), max_length=40, unique=True)
    sha256 = models.CharField("SHA-256", max_length=64, db_index=True)
    at = models.DateTimeField(_("导出时间"), auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("导出人")
    )
    resource = models.ForeignKey(
        DataResource, models.PROTECT, related_name="exports", verbose_name=_("数据资源")
    )
    grant = models.ForeignKey(
        Grant, models.PROTECT, null=True, blank=True, related_name="exports", verbose_name=_("授权")
    )
    access = models.OneToOneField(AccessLog, models.PROTECT, related_name="trace", verbose_name=_("访问记录"))
    format = models.CharField(_("格式"), max_length=10, choices=Format.choices)
    filename = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    mark = models.CharField(_("水印文字"), max_length=300)

    objects = AccessQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("导出留痕")
        ordering = ["-at", "-pk"]
        triggers = [
            pgtrigger.Protect(
                name="dg_export_trace_append_only", operation=pgtrigger.Update | pgtrigger.Delete
            )
        ]

    def __str__(self) -> str:
        return self.code


@tracked
class PublicationReview(models.Model):
    """成果发布审核 (九龙坡 第十六条（四）, 济南 第十四条): the committee, then the commission."""

    class Kind(models.TextChoices):
        REPORT = "report", _("研究报告")
        PAPER = "paper", _("论文")
        BOOK = "book", _("著作")

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        SUBMITTED = "submitted", _("待专家委员会审议")
        COMMITTEE_AGREED = "committee_agreed", _("专家委员会已同意，待卫健委审核")
        APPROVED = "approved", _("卫健委审核通过")
        REFUSED = "refused", _("未通过")

    centre = models.ForeignKey("centres.Centre", models.PROTECT, related_name="+", verbose_name=_("质控中心"))
    grant = models.ForeignKey(
        Grant,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="publications",
        verbose_name=_("所用数据的授权"),
    )
    kind = models.CharField(_("成果类型"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("题目"), max_length=300)
    venue = models.CharField(_("拟发表于"), max_length=200, blank=True)
    first_unit = models.CharField(_("第一单位"), max_length=200)
    data_source = models.TextField(_("数据来源说明"))
    status = StateField(_("状态"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("提交人")
    )
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    scanned_at = models.DateTimeField(_("个人信息扫描时间"), null=True, blank=True)
    scanned_sha256 = models.CharField(_("扫描的文稿 SHA-256"), max_length=64, blank=True)
    committee_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("专家委员会审议记录人"),
    )
    committee_decided_at = models.DateTimeField(_("专家委员会审议时间"), null=True, blank=True)
    committee_meeting = models.CharField(_("审议会议"), max_length=200, blank=True)
    committee_opinion = models.TextField(_("专家委员会意见"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("卫健委审核人"),
    )
    decided_at = models.DateTimeField(_("卫健委审核时间"), null=True, blank=True)
    decision_reasons = models.TextField(_("审核意见"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = CentreRecordQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("成果发布审核")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def ruleset_subject(self):
        return self.centre

    @property
    def attachments_locked(self) -> str:
        """After the commission's decision the reviewed manuscript is the record: nothing more is
        uploaded or withdrawn, by any path (attachments.selectors)."""
        if self.status in (self.Status.APPROVED, self.Status.REFUSED):
            return "成果发布审核已结束，文稿不能再上传、更换或删除。"
        return ""

    @transition(field=status, source=Status.DRAFT, target=Status.SUBMITTED)
    def submit(self): ...

    @transition(field=status, source=Status.COMMITTEE_AGREED, target=Status.SUBMITTED)
    def resubmit(self):
        """A new manuscript after the committee agreed: the committee deliberates on the new text
        (第十六条（四）)."""

    @transition(field=status, source=Status.SUBMITTED, target=Status.COMMITTEE_AGREED)
    def committee_agree(self):
        """事前经专家委员会审议同意 (九龙坡 第十六条（四）)."""

    @transition(field=status, source=[Status.SUBMITTED, Status.COMMITTEE_AGREED], target=Status.APPROVED)
    def approve(self):
        """发布成果前经卫健委审核; from SUBMITTED only where the rule set requires no committee review."""

    @transition(field=status, source=[Status.SUBMITTED, Status.COMMITTEE_AGREED], target=Status.REFUSED)
    def refuse(self): ...


@tracked
class PublicationCheck(models.Model):
    """One item of the checklist, read from the rule set (publication_deidentified, _cite_source,
    _centre_first_unit), confirmed by a named person."""

    review = models.ForeignKey(
        PublicationReview, models.CASCADE, related_name="checks", verbose_name=_("成果发布审核")
    )
    code = models.CharField(_("规则参数"), max_length=60)
    label = models.CharField(_("检查事项"), max_length=200)
    article = models.CharField(_("条款"), max_length=50)
    confirmed = models.BooleanField(_("已确认"), default=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("确认人"),
    )
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    note = models.CharField(_("说明"), max_length=300, blank=True)

    objects = ReviewChildQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("发布检查事项")
        ordering = ["review", "pk"]
        constraints = [models.UniqueConstraint(fields=["review", "code"], name="dg_check_once")]


@tracked
class ScanHit(models.Model):
    """A possible piece of personal data found in the manuscript, where it is, and the reviewers'
    resolution: confirmed (it is personal data: the manuscript must be fixed) or cleared."""

    class Kind(models.TextChoices):
        ID_NUMBER = "id_number", _("居民身份证号")
        MOBILE = "mobile", _("手机号")
        NAME = "name", _("人员姓名")

    class Resolution(models.TextChoices):
        OPEN = "open", _("待处理")
        CONFIRMED = "confirmed", _("确认为个人信息")
        CLEARED = "cleared", _("排除")

    review = models.ForeignKey(
        PublicationReview, models.CASCADE, related_name="hits", verbose_name=_("成果发布审核")
    )
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    text = models.CharField(_("命中内容（已脱敏）"), max_length=100)
    location = models.CharField(_("位置"), max_length=200)
    context = models.CharField(_("上下文（已脱敏）"), max_length=300, blank=True)
    resolution = models.CharField(
        _("处理"), max_length=20, choices=Resolution.choices, default=Resolution.OPEN
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("处理人"),
    )
    resolved_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    note = models.CharField(_("处理说明"), max_length=300, blank=True)

    objects = ReviewChildQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("个人信息扫描命中")
        ordering = ["review", "pk"]


@tracked
class ThirdPartyTransfer(models.Model):
    """向第三方传输、公开、披露 (九龙坡 第十六条（三）, 济南 第十五条): only with the commission's consent."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("待卫健委审批")
        APPROVED = "approved", _("已同意")
        REFUSED = "refused", _("不同意")

    centre = models.ForeignKey("centres.Centre", models.PROTECT, related_name="+", verbose_name=_("质控中心"))
    recipient = models.CharField(_("接收方"), max_length=200)
    resources = models.ManyToManyField(DataResource, related_name="transfers", verbose_name=_("数据资源"))
    data_description = models.TextField(_("传输的数据"))
    purpose = models.TextField(_("目的"))
    safeguards = models.TextField(_("安全保障措施"))
    status = StateField(_("状态"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("申请人")
    )
    requested_at = models.DateTimeField(_("申请时间"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("审批人"),
    )
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decision_reasons = models.TextField(_("审批理由"), blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = CentreRecordQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("向第三方提供数据")
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"向{self.recipient}提供数据"

    def ruleset_subject(self):
        return self.centre

    @transition(field=status, source=Status.SUBMITTED, target=Status.APPROVED)
    def approve(self): ...

    @transition(field=status, source=Status.SUBMITTED, target=Status.REFUSED)
    def refuse(self): ...

"""The register of official documents (发文登记) and the gap-free number sequences behind it.

A row is one version of one issued document: its number (文号), what the template rendered, the
PDF and its SHA-256. A PDF is never regenerated in place: correcting a document is a re-issue,
a new row with the same number, ``version + 1`` and the reason, superseding the old one."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from audit.tracking import tracked
from core.scoping import ScopedQuerySet


class IssuedDocumentQuerySet(ScopedQuerySet):
    scope_path = "jurisdiction__path"  # commissions: their jurisdiction and below
    scope_institution = "institution"  # hospital users: documents concerning their institution
    scope_person = "addressed_people"  # experts: only documents addressed to them


@tracked
class DocumentNumberSequence(models.Model):
    """发文字号流水: the last sequence number used by one issuer code in one year. Locked with
    ``SELECT … FOR UPDATE`` while a number is taken, in the transaction that registers the
    document, so numbers are consecutive and a rolled-back issue leaves no gap."""

    issuer_code = models.CharField(_("发文机关代字"), max_length=30)
    year = models.PositiveSmallIntegerField(_("年份"))
    last = models.PositiveIntegerField(_("已用最大序号"), default=0)

    class Meta:
        verbose_name = verbose_name_plural = _("发文字号流水")
        constraints = [
            models.UniqueConstraint(fields=["issuer_code", "year"], name="document_sequence_unique")
        ]

    def __str__(self) -> str:
        return f"{self.issuer_code}〔{self.year}〕{self.last}号"


@tracked
class IssuedDocument(models.Model):
    """发文登记: one version of an official document issued through the platform."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待生成")  # registered, number taken, PDF queued
        RENDERING = "rendering", _("生成中")  # a worker claimed it
        READY = "ready", _("已生成")  # PDF stored with its hash; never regenerated
        FAILED = "failed", _("生成失败")  # rendering raised; may be queued again (no PDF exists yet)

    # Every edge of the rendering state machine; documents.services moves along them only with a
    # conditional UPDATE (… WHERE status IN sources), so two workers cannot both claim a document.
    TRANSITIONS = {
        Status.PENDING: {Status.RENDERING},
        Status.RENDERING: {Status.READY, Status.FAILED},
        Status.FAILED: {Status.RENDERING},
        Status.READY: set(),
    }

    class IssuerKind(models.TextChoices):
        COMMISSION = "commission", _("卫生健康行政部门")
        CENTRE = "centre", _("质控中心")

    doc_type = models.CharField(_("文种"), max_length=40)
    issuer_kind = models.CharField(_("发文机关类别"), max_length=20, choices=IssuerKind.choices)
    issuer_name = models.CharField(_("发文机关"), max_length=100)
    issuer_code = models.CharField(_("发文机关代字"), max_length=30)
    year = models.PositiveSmallIntegerField(_("年份"))
    sequence = models.PositiveIntegerField(_("序号"))
    number = models.CharField(_("发文字号"), max_length=60)
    title = models.CharField(_("标题"), max_length=200)
    addressees = models.CharField(_("主送机关"), max_length=500, blank=True)
    cc = models.CharField(_("抄送机关"), max_length=500, blank=True)
    dated = models.DateField(_("成文日期"))
    context = models.JSONField(_("生成内容"), default=dict, help_text=_("模板据以生成PDF的全部内容"))

    subject_type = models.ForeignKey(
        ContentType, models.PROTECT, null=True, blank=True, verbose_name=_("关联记录类型")
    )
    subject_id = models.PositiveBigIntegerField(_("关联记录"), null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")

    jurisdiction = models.ForeignKey(
        "directory.Jurisdiction",
        models.PROTECT,
        related_name="issued_documents",
        verbose_name=_("所属行政区划"),
    )
    institution = models.ForeignKey(
        "directory.Institution",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="issued_documents",
        verbose_name=_("相关医疗机构"),
    )
    addressed_people = models.ManyToManyField(
        "directory.Person", blank=True, related_name="documents_received", verbose_name=_("送达人员")
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="issued_documents", verbose_name=_("登记人")
    )
    issued_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="approved_documents",
        verbose_name=_("审核同意人"),
    )
    approved_on = models.DateField(_("审核同意日期"), null=True, blank=True)

    status = models.CharField(_("生成状态"), max_length=20, choices=Status.choices, default=Status.PENDING)
    error = models.TextField(_("生成错误"), blank=True)
    pdf = models.FileField("PDF", upload_to="documents/%Y/", blank=True)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    rendered_at = models.DateTimeField(_("生成时间"), null=True, blank=True)

    version = models.PositiveSmallIntegerField(_("版本"), default=1)
    supersedes = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("替代的版本"),
    )
    reissue_reason = models.TextField(_("重新印发理由"), blank=True)

    objects = IssuedDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("发文登记")
        ordering = ["-dated", "-year", "issuer_code", "-sequence", "-version"]
        indexes = [
            models.Index(fields=["jurisdiction", "-dated"]),
            models.Index(fields=["doc_type", "year"]),
            # the register's order, so its first page is read from an index, not sorted
            models.Index(
                fields=["-dated", "-year", "issuer_code", "-sequence", "-version"],
                name="document_register_order",
            ),
            models.Index(fields=["year"], name="document_year"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer_code", "year", "sequence", "version"], name="document_number_version_unique"
            ),
            # A number is taken once; later versions re-use it only by superseding.
            models.UniqueConstraint(
                fields=["issuer_code", "year", "sequence"],
                condition=Q(version=1),
                name="document_number_unique",
            ),
            models.UniqueConstraint(fields=["supersedes"], name="document_superseded_once"),
            models.CheckConstraint(
                condition=Q(version=1, supersedes__isnull=True)
                | Q(version__gt=1, supersedes__isnull=False) & ~Q(reissue_reason=""),
                name="document_reissue_has_predecessor_and_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status="ready") | ~Q(sha256=""), name="document_ready_has_hash"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}" + (f"（第{self.version}版）" if self.version > 1 else "")

    @property
    def is_current(self) -> bool:
        """Whether no later version supersedes this one."""
        return not self.superseded_by.exists()

    @property
    def download_name(self) -> str:
        suffix = f"（第{self.version}版）" if self.version > 1 else ""
        return f"{self.number} {self.title}{suffix}.pdf"

"""Attachments: files uploaded to any record (an institution, an application, a meeting…). The
file is stored under a generated name; the user's name is kept only as data. Nothing is ever
deleted: a deletion is a recorded withdrawal (who, when, why) and the file stays on disk."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.tracking import tracked
from core.scoping import ScopedQuerySet

from . import kinds
from .validation import BY_CONTENT_TYPE


class AttachmentQuerySet(ScopedQuerySet):
    scope_path = "jurisdiction__path"
    scope_institution = "institution"
    # Set only when the subject is a person's own record (an expert sees the files about them).
    scope_person = "person"

    def alive(self):
        return self.filter(deleted_at__isnull=True)

    def of(self, subject):
        return self.filter(subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk)


def storage_name(instance: Attachment, filename: str) -> str:
    """``attachments/2026/05/<uuid>.pdf``: a dated folder, a random name and the extension of the
    type detected from the content. ``filename`` (what the user called it) is deliberately unused:
    it may carry a path, a person's name or characters a file system mishandles."""
    day = timezone.localdate()
    extension = BY_CONTENT_TYPE[instance.content_type].extension
    return f"attachments/{day:%Y/%m/%d}/{uuid.uuid4().hex}{extension}"


@tracked
class Attachment(models.Model):
    """附件."""

    file = models.FileField(_("文件"), upload_to=storage_name, max_length=200)
    original_name = models.CharField(_("原文件名"), max_length=255)
    kind = models.CharField(
        _("附件类别"), max_length=40, db_index=True, help_text=_("attachments.kinds 中登记的代码")
    )
    content_type = models.CharField(
        _("文件类型"), max_length=100, help_text=_("按文件内容识别，不取文件名或浏览器的声明")
    )
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    sha256 = models.CharField("SHA-256", max_length=64, db_index=True)
    sensitive = models.BooleanField(_("敏感文件"), default=False, help_text=_("每次下载都记入安全审计"))

    subject_type = models.ForeignKey(
        ContentType, models.PROTECT, related_name="+", verbose_name=_("所属记录类型")
    )
    subject_id = models.PositiveBigIntegerField(_("所属记录编号"))
    subject = GenericForeignKey("subject_type", "subject_id")

    # Scope, copied from the subject when the file is stored (core.scoping).
    jurisdiction = models.ForeignKey(
        "directory.Jurisdiction", models.PROTECT, related_name="attachments", verbose_name=_("所属行政区划")
    )
    institution = models.ForeignKey(
        "directory.Institution",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="attachments",
        verbose_name=_("所属机构"),
    )
    person = models.ForeignKey(
        "directory.Person",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="attachments",
        verbose_name=_("所属人员"),
    )

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="attachments", verbose_name=_("上传人")
    )
    uploaded_at = models.DateTimeField(_("上传时间"), default=timezone.now)
    deleted_at = models.DateTimeField(_("删除时间"), null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("删除人"),
    )
    deletion_reason = models.CharField(_("删除原因"), max_length=500, blank=True)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("附件")
        ordering = ["-uploaded_at", "-pk"]
        indexes = [
            models.Index(fields=["subject_type", "subject_id", "-uploaded_at"], name="attachment_subject")
        ]
        constraints = [
            # A deletion always says who and why (nothing a user uploaded is lost silently).
            models.CheckConstraint(
                condition=Q(deleted_at__isnull=True) | (Q(deleted_by__isnull=False) & ~Q(deletion_reason="")),
                name="attachment_deletion_recorded",
            ),
            models.CheckConstraint(
                condition=Q(content_type__in=list(BY_CONTENT_TYPE)), name="attachment_known_content_type"
            ),
        ]

    def __str__(self) -> str:
        return self.original_name

    @property
    def kind_label(self) -> str:
        return kinds.label(self.kind)

    @property
    def served_elsewhere(self) -> str:
        """Non-empty when its own app serves the file, not the generic download (selectors)."""
        from .selectors import served_elsewhere

        return served_elsewhere(self)

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

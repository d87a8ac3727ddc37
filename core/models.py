"""The platform's own records: the timeline (大事记) every workflow writes through
``core.workflow.timeline_add``."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimelineEntry(models.Model):
    """One step in a record's life: what, who, when, under which article, with its document."""

    content_type = models.ForeignKey(ContentType, models.CASCADE, related_name="+")
    object_id = models.BigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("事项"), max_length=40)
    title = models.CharField(_("说明"), max_length=200)
    article = models.CharField(_("依据"), max_length=50, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("操作人"),
    )
    at = models.DateTimeField(_("时间"), auto_now_add=True)
    document_id = models.BigIntegerField(_("公文"), null=True, blank=True)
    detail = models.JSONField(_("详情"), default=dict, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("大事记")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"], name="core_timeline_subject")]

    def __str__(self) -> str:
        return self.title


class OutboxMessage(models.Model):
    """A Celery task to send, written in the same transaction as the record it is about (an export
    job, an issued document), so a broker that is down loses nothing: the row waits and the beat
    task ``core.tasks.flush_outbox`` sends it when the broker is back (core/outbox.py)."""

    task = models.CharField(_("任务"), max_length=200)
    args = models.JSONField(_("参数"), default=list)
    subject = models.CharField(_("对象"), max_length=200, blank=True, db_index=True)  # "app_label.model:pk"
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("尝试次数"), default=0)
    last_error = models.CharField(_("最近错误"), max_length=500, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("待发送任务")
        indexes = [
            models.Index(
                fields=["created_at"], condition=models.Q(sent_at__isnull=True), name="outbox_pending"
            )
        ]

    def __str__(self):
        return f"{self.task}{self.args}"

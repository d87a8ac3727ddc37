"""The platform's own records: the timeline (大事记) every workflow writes through
``core.workflow.timeline_add``."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class TimelineEntry(models.Model):
    """One step in a record's life: what, who, when, under which article, with its document."""

    content_type = models.ForeignKey(ContentType, models.CASCADE, related_name="+")
    object_id = models.BigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    kind = models.CharField("事项", max_length=40)
    title = models.CharField("说明", max_length=200)
    article = models.CharField("依据", max_length=50, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                              related_name="+", verbose_name="操作人")
    at = models.DateTimeField("时间", auto_now_add=True)
    document_id = models.BigIntegerField("公文", null=True, blank=True)
    detail = models.JSONField("详情", default=dict, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "大事记"
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"], name="core_timeline_subject")]

    def __str__(self) -> str:
        return self.title

from django.db import models


class OutboxMessage(models.Model):
    """A Celery task to send, written in the same transaction as the record it is about (an export
    job, an issued document), so a broker that is down loses nothing: the row waits and the beat
    task ``core.tasks.flush_outbox`` sends it when the broker is back (core/outbox.py)."""

    task = models.CharField("任务", max_length=200)
    args = models.JSONField("参数", default=list)
    subject = models.CharField("对象", max_length=200, blank=True, db_index=True)  # "app_label.model:pk"
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)
    attempts = models.PositiveIntegerField("尝试次数", default=0)
    last_error = models.CharField("最近错误", max_length=500, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "待发送任务"
        indexes = [models.Index(fields=["created_at"], condition=models.Q(sent_at__isnull=True),
                                name="outbox_pending")]

    def __str__(self):
        return f"{self.task}{self.args}"

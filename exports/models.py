"""Export jobs: one Excel export of one list, run in the background (exports/tasks.py).

Not tracked by pghistory: a job is an operational record whose progress counter changes every
thousand rows; who exported what is recorded once, as a security event (audit.SecurityEvent,
kind "export"), when the job is created."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, transition

from core.workflow import StateField


class ExportJobQuerySet(models.QuerySet):
    """A job is its user's alone; a system administrator sees every job (not its file)."""

    def for_user(self, user):
        if not user or not user.is_authenticated:
            return self.none()
        if user.is_sysadmin:
            return self
        return self.filter(user=user)

    def owned_by(self, user):
        """Jobs whose file ``user`` may download: only their own, whatever their role."""
        if not user or not user.is_authenticated:
            return self.none()
        return self.filter(user=user)


def export_upload_to(job: ExportJob, filename: str) -> str:
    return f"exports/{job.user_id}/{job.pk}.xlsx"


class ExportJob(ConcurrentTransitionMixin, models.Model):
    """导出任务."""

    class Status(models.TextChoices):
        PENDING = "pending", _("排队中")  # created; the task is queued on commit
        RUNNING = (
            "running",
            _("正在导出"),
        )  # a worker took it (only one: the transition is a conditional UPDATE)
        DONE = "done", _("已完成")  # the file is ready for its user
        FAILED = "failed", _("失败")  # ``error`` says why

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="export_jobs", verbose_name=_("导出人")
    )
    spec_code = models.CharField(_("导出清单"), max_length=50)
    title = models.CharField(_("清单名称"), max_length=100)
    filters = models.JSONField(_("筛选条件"), default=dict, blank=True)
    status = StateField(_("状态"), max_length=10, choices=Status.choices, default=Status.PENDING)
    rows_done = models.PositiveIntegerField(_("已导出行数"), default=0)
    rows_total = models.PositiveIntegerField(_("总行数"), null=True, blank=True)
    file = models.FileField(_("文件"), upload_to=export_upload_to, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    error = models.TextField(_("错误信息"), blank=True)

    objects = ExportJobQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("导出任务")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.title} #{self.pk}"

    @transition(field=status, source=Status.PENDING, target=Status.RUNNING)
    def start(self):
        pass

    @transition(field=status, source=Status.RUNNING, target=Status.DONE)
    def finish(self):
        pass

    @transition(field=status, source=[Status.PENDING, Status.RUNNING], target=Status.FAILED)
    def fail(self):
        pass

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        if not self.rows_total:
            return 0
        return min(99, self.rows_done * 100 // self.rows_total)

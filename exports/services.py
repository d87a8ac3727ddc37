"""Writes of exports: create a job (recording the export), run it, record a download."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from django.core.files import File
from django.db import transaction
from django.utils import timezone

from audit.models import SecurityEvent
from audit.services import security_event_record
from core import outbox

from .models import ExportJob
from .registry import ExportSpec, get_spec
from .writer import write_export

logger = logging.getLogger(__name__)
FAILED_MESSAGE = "导出失败，请稍后重试；如仍失败，请联系系统管理员。"


@transaction.atomic
def export_job_create(*, user, spec: ExportSpec, raw_filters, request=None) -> ExportJob:
    """Queue an export of ``spec`` with the filters of the list page; record it as a security
    event (等保 2.0 安全审计: 数据导出) whether or not it later succeeds."""
    from .tasks import run_export

    filters = spec.clean_filters(raw_filters)
    job = ExportJob.objects.create(user=user, spec_code=spec.code, title=spec.title, filters=filters)
    security_event_record(
        kind=SecurityEvent.Kind.EXPORT,
        request=request,
        user=user,
        job=job.pk,
        spec=spec.code,
        title=spec.title,
        filters=filters,
        filters_zh="；".join(f"{k}：{v}" for k, v in spec.describe_filters(filters)),
    )
    outbox.enqueue(run_export, job.pk, subject=job)  # survives a broker that is down (core/outbox.py)
    return job


def export_job_run(*, job_id: int) -> ExportJob:
    """Write the job's file. Runs in a Celery worker; the rows are read with the job user's
    scope as it is now, not as it was when the job was queued.

    Exactly once, whatever the broker does (issue 15): a job still running is taken up again — the
    broker redelivers a task only when its worker died before acknowledging it (acks_late) — and
    the result is recorded under the row lock only if no other delivery recorded one first; a
    finished job is never run again."""
    claimed = ExportJob.objects.filter(
        pk=job_id, status__in=[ExportJob.Status.PENDING, ExportJob.Status.RUNNING]
    ).update(status=ExportJob.Status.RUNNING)
    job = ExportJob.objects.select_related("user").get(pk=job_id)
    if not claimed:
        return job  # finished already

    spec = get_spec(job.spec_code)
    try:
        if spec is None:
            raise LookupError(f"export spec {job.spec_code!r} is not registered")

        def progress(done: int, total: int | None) -> None:
            ExportJob.objects.filter(pk=job.pk).update(rows_done=done, rows_total=total)

        with tempfile.TemporaryDirectory(prefix="export-") as tmp:
            path = Path(tmp) / "export.xlsx"
            rows = write_export(
                spec=spec, user=job.user, filters=job.filters, output=str(path), on_progress=progress
            )
            with path.open("rb") as fh:
                job.file.save(f"{job.pk}.xlsx", File(fh), save=False)
        with transaction.atomic():
            current = ExportJob.objects.select_for_update().get(pk=job.pk)
            if current.status != ExportJob.Status.RUNNING or current.file:
                job.file.storage.delete(job.file.name)  # another delivery recorded its file first
                return current
            current.file = job.file.name
            current.rows_done = current.rows_total = rows
            current.finished_at = timezone.now()
            current.finish()
            current.save(update_fields=["status", "file", "rows_done", "rows_total", "finished_at"])
        return current
    except Exception:
        logger.exception("export job %s failed", job.pk)
        with transaction.atomic():
            current = ExportJob.objects.select_for_update().get(pk=job.pk)
            if current.status != ExportJob.Status.RUNNING:
                return current
            current.error = FAILED_MESSAGE
            current.finished_at = timezone.now()
            current.fail()
            current.save(update_fields=["status", "error", "finished_at"])
        return current


def export_download_record(*, job: ExportJob, request) -> None:
    security_event_record(
        kind=SecurityEvent.Kind.DOWNLOAD,
        request=request,
        job=job.pk,
        spec=job.spec_code,
        title=job.title,
        filters=job.filters,
    )

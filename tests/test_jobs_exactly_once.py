"""Jobs take effect exactly once (issue 15, "Jobs and faults"): a document render and an export,
against the real Redis and real Celery workers in their own processes —

- the worker's process killed half-way through the task (SIGKILL, as the kernel's OOM killer
  would): the broker delivers the task again (acks_late, reject_on_worker_lost) and the job
  finishes, once;
- the same task delivered twice, to two workers running at the same moment: one result;
- run again after it finished: nothing changes.

(The reminder sweep's exactly-once is deadlines/tests/test_once_only.py: two concurrent sweeps,
a third after them, and a real worker.) Slow — each test starts worker processes — so marked
``celery_worker``; skipped without a Redis."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.db import connection

from accounts.models import User
from documents import services as document_services
from documents.models import IssuedDocument
from documents.tests.conftest import NOTICE_DATA
from documents.types import commission_issuer
from exports.models import ExportJob
from exports.registry import get_spec

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parent.parent


def _redis_url() -> str:
    return os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"


@pytest.fixture
def redis_url():
    import redis

    url = _redis_url()
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.exceptions.RedisError as exc:
        pytest.skip(f"没有可用的 Redis（{url}）：{exc}")
    return url


def _database_url() -> str:
    db = connection.settings_dict
    host = quote(db.get("HOST") or "", safe="")
    auth = quote(db.get("USER") or "", safe="")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{auth}@{host}:{db.get('PORT') or 5432}/{db['NAME']}"


class Worker:
    def __init__(self, process: subprocess.Popen):
        self.process = process

    def children(self) -> list[int]:
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(p) for p in path.read_text().split()] if path.exists() else []

    def kill_pool_process(self) -> int:
        [child] = self.children()
        os.kill(child, signal.SIGKILL)
        return child


@pytest.fixture
def workers(redis_url):
    """Start Celery workers (prefork, one pool process each) on a queue of this test's own, in
    their own processes, reading this test database; stopped at the end."""
    queue = f"faults-{uuid.uuid4().hex}"
    started: list[Worker] = []

    def start(slow_seconds: float = 0) -> Worker:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "qc_admin.settings.test",
            "DATABASE_URL": _database_url(),
            "REDIS_URL": redis_url,
            "MEDIA_ROOT": str(django_settings.MEDIA_ROOT),
            "FAULT_SLOW_SECONDS": str(slow_seconds),
        }
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "tests.faults.slow_worker", "worker", "-Q", queue,
             "-P", "prefork", "-c", "1", "--without-gossip", "--without-mingle", "--without-heartbeat",
             "-l", "WARNING", "-n", f"{uuid.uuid4().hex}@faults"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        worker = Worker(process)
        started.append(worker)
        return worker

    from celery import Celery

    app = Celery("faults-sender", broker=redis_url)

    def send(task: str, *args) -> None:
        app.send_task(task, args=args, queue=queue)

    def idle() -> bool:
        """Nothing left in the queue and no worker busy with a task."""
        import redis

        if redis.Redis.from_url(redis_url).llen(queue):
            return False
        active = app.control.inspect(timeout=1).active() or {}
        return len(active) == len(started) and not any(active.values())

    start.send, start.idle = send, idle
    yield start
    for worker in started:
        worker.process.terminate()
    for worker in started:
        try:
            worker.process.wait(30)
        except subprocess.TimeoutExpired:
            worker.process.kill()


def wait_for(condition, seconds: float = 120, what: str = ""):
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what or condition}")


def _pdfs() -> list[Path]:
    return sorted(Path(django_settings.MEDIA_ROOT).rglob("*.pdf"))


def _workbooks() -> list[Path]:
    return sorted(Path(django_settings.MEDIA_ROOT).rglob("*.xlsx"))


@pytest.fixture
def pending_document(world, monkeypatch):
    """An issued notice whose render is left to the test's workers (nothing queued on commit)."""
    from directory.models import HealthCommission

    monkeypatch.setattr(document_services, "_enqueue_render", lambda document, render_sync: None)
    return document_services.document_issue(
        doc_type="notice",
        acting_user=User.objects.get(username="jlp_commission"),
        issuer=commission_issuer(HealthCommission.objects.get(jurisdiction__code="500107")),
        data=NOTICE_DATA,
    )


@pytest.fixture
def pending_export(world):
    return ExportJob.objects.create(
        user=User.objects.get(username="jlp_commission"),
        spec_code="institutions",
        title=get_spec("institutions").title,
    )


def _status(model, pk) -> str:
    return model.objects.filter(pk=pk).values_list("status", flat=True).get()


def test_a_render_killed_half_way_is_delivered_again_and_finishes_once(workers, pending_document):
    worker = workers(slow_seconds=4)
    workers.send("documents.tasks.render_document", pending_document.pk)
    wait_for(lambda: _status(IssuedDocument, pending_document.pk) == "rendering", what="the render to start")
    worker.kill_pool_process()
    assert _status(IssuedDocument, pending_document.pk) == "rendering" and _pdfs() == []  # half-way
    wait_for(lambda: _status(IssuedDocument, pending_document.pk) == "ready", what="the redelivered render")
    document = IssuedDocument.objects.get(pk=pending_document.pk)
    assert len(_pdfs()) == 1 and document.number == pending_document.number
    assert document_services.rendering.sha256_of(document.pdf.read()) == document.sha256
    rendered_at = document.rendered_at
    document_services.document_render(document_id=document.pk)  # run again: nothing happens
    assert IssuedDocument.objects.get(pk=document.pk).rendered_at == rendered_at and len(_pdfs()) == 1


def test_an_export_killed_half_way_is_delivered_again_and_finishes_once(workers, pending_export):
    worker = workers(slow_seconds=4)
    workers.send("exports.run_export", pending_export.pk)
    wait_for(lambda: _status(ExportJob, pending_export.pk) == "running", what="the export to start")
    worker.kill_pool_process()
    assert _status(ExportJob, pending_export.pk) == "running" and _workbooks() == []
    wait_for(lambda: _status(ExportJob, pending_export.pk) == "done", what="the redelivered export")
    job = ExportJob.objects.get(pk=pending_export.pk)
    assert len(_workbooks()) == 1 and job.rows_done > 0
    from exports.services import export_job_run

    export_job_run(job_id=job.pk)  # run again: nothing happens
    assert ExportJob.objects.get(pk=job.pk).file.name == job.file.name and len(_workbooks()) == 1


def test_the_same_tasks_on_two_workers_at_once_take_effect_once(workers, pending_document, pending_export):
    workers(slow_seconds=2), workers(slow_seconds=2)
    for _ in range(2):  # each task delivered twice: each worker takes one of each pair
        workers.send("documents.tasks.render_document", pending_document.pk)
        workers.send("exports.run_export", pending_export.pk)
    wait_for(
        lambda: (
            _status(IssuedDocument, pending_document.pk) == "ready"
            and _status(ExportJob, pending_export.pk) == "done"
        ),
        what="both jobs",
    )
    wait_for(workers.idle, what="the other delivery of each pair to finish")  # it must leave nothing
    assert len(_pdfs()) == 1 and len(_workbooks()) == 1
    document = IssuedDocument.objects.get(pk=pending_document.pk)
    assert Path(document.pdf.path) == _pdfs()[0]
    assert Path(ExportJob.objects.get(pk=pending_export.pk).file.path) == _workbooks()[0]

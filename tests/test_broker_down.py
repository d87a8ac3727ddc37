"""Issue 15 item 3: with Redis (the Celery broker) down, issuing a document or starting an export
still succeeds and the work is not lost. The task is written to the outbox in the same transaction
as the document or the export job; the page says it will follow; when the broker is back the beat
task sends it, exactly once."""

from datetime import timedelta

import pytest
from celery import current_app
from django.urls import reverse

from core import outbox
from core.models import OutboxMessage
from core.tasks import flush_outbox
from documents.models import IssuedDocument
from exports.models import ExportJob

pytestmark = pytest.mark.django_db

NOTICE = {
    "title": "关于开展医疗质量控制工作检查的通知",
    "addressees": "区内各医疗卫生机构",
    "body": "为加强医疗质量管理，现就有关事项通知如下。\n一、检查范围\n各单位请于12月20日前完成自查。",
    "dated": "2025-12-01",
}


@pytest.fixture
def broker_down():
    """A broker nobody listens on (port 1), and no eager shortcut: publishing fails at once."""
    conf = current_app.conf
    saved = conf.task_always_eager, conf.broker_url
    conf.task_always_eager, conf.broker_url = False, "redis://127.0.0.1:1/0"
    current_app._pool = None
    yield
    conf.task_always_eager, conf.broker_url = saved
    current_app._pool = None


def broker_back():
    current_app.conf.task_always_eager = True  # the "worker" runs the task here, as in the other tests


def test_issuing_a_document_with_the_broker_down(
    client_of, broker_down, django_capture_on_commit_callbacks, time_machine
):
    client = client_of("jlp_commission")
    time_machine.move_to("2026-11-23 09:00 +08:00", tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("documents:notice_issue"), NOTICE)
    assert response.status_code == 302  # not a 500
    document = IssuedDocument.objects.get()
    assert document.status == "pending" and document.number  # the number is used and the work is kept
    message = OutboxMessage.objects.get()
    assert message.sent_at is None and message.attempts == 1 and message.last_error
    page = client.get(response["Location"]).content.decode()
    assert "服务恢复后将自动生成" in page

    assert flush_outbox() == 0  # still down: nothing sent, nothing lost
    assert OutboxMessage.objects.get().sent_at is None

    broker_back()
    time_machine.shift(60)
    assert flush_outbox() == 1
    document.refresh_from_db()
    assert document.status == "ready" and document.pdf
    assert "服务恢复后将自动生成" not in client.get(response["Location"]).content.decode()
    assert flush_outbox() == 0  # exactly once
    assert OutboxMessage.objects.get().sent_at is not None


def test_starting_an_export_with_the_broker_down(
    client_of, broker_down, django_capture_on_commit_callbacks, time_machine
):
    client = client_of("jlp_commission")
    time_machine.move_to("2026-11-23 09:00 +08:00", tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("exports:start", args=["institutions"]))
    assert response.status_code == 302
    job = ExportJob.objects.get()
    assert job.status == "pending"
    assert "服务恢复后将自动生成" in client.get(response["Location"]).content.decode()
    broker_back()
    time_machine.shift(60)
    assert flush_outbox() == 1
    job.refresh_from_db()
    assert job.status == "done" and job.file


def test_the_commit_hook_and_the_beat_never_both_send(world, django_capture_on_commit_callbacks):
    from exports.tasks import run_export

    calls = []
    task = current_app.tasks[run_export.name]
    original = task.apply
    task.apply = lambda *a, **kw: calls.append(kw.get("args"))
    try:
        message = OutboxMessage.objects.create(task=run_export.name, args=[1])
        assert outbox.send(message.pk) is True
        assert outbox.send(message.pk) is False and outbox.flush(older_than=timedelta(0)) == 0
    finally:
        task.apply = original
    assert calls == [[1]]


def test_the_beat_schedule_flushes_the_outbox(settings):
    assert any(entry["task"] == "core.tasks.flush_outbox" for entry in settings.CELERY_BEAT_SCHEDULE.values())

"""Each reminder is sent once, however many sweeps run at the same time: the database's unique
constraint on (deadline, stage, recipient) decides, not a lock."""

import os
import threading
import time
import uuid

import pytest
from django.core import mail
from django.db import connection

from accounts.models import User
from deadlines import services
from deadlines.models import InboxMessage, ReminderSent

from .conftest import at

HOSPITALS = ["九龙坡区人民医院", "九龙坡区中医院", "九龙坡区妇幼保健院", "九龙坡区第二人民医院"]


def _open_many(open_deadline):
    deadlines = []
    for i, hospital in enumerate(HOSPITALS):
        deadlines.append(open_deadline(institution=hospital, due="2026-03-10 23:59:59"))  # due today
        deadlines.append(
            open_deadline(
                institution=hospital,
                kind="handover",
                due=f"2026-03-0{i + 1} 23:59:59",
                title=f"{hospital}：交接",
            )
        )  # overdue
        deadlines.append(
            open_deadline(
                kind="setting.missing",
                responsible=False,
                due="2026-03-12 23:59:59",
                subject=User.objects.get(username="jlp_host"),
                title="填报交接时限",
            )
            if i == 0
            else None
        )
    return [d for d in deadlines if d]


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_sweeps_send_each_reminder_once(transactional_db, world, open_deadline, monkeypatch):
    for u in User.objects.filter(username__startswith="jlp_"):
        User.objects.filter(pk=u.pk).update(email=f"{u.username}@jlp.example.cn")
    # Opening a deadline inside its reminder window queues a sweep on commit (at the real time);
    # here the sweeps are the test's own.
    monkeypatch.setattr(services, "_queue_sweep", lambda: None)
    _open_many(open_deadline)
    assert ReminderSent.objects.count() == 0

    # Widen the window between inserting the ReminderSent row and committing, so the two sweeps
    # really meet on the same rows.
    real_create = InboxMessage.objects.create

    def slow_create(**kwargs):
        time.sleep(0.02)
        return real_create(**kwargs)

    monkeypatch.setattr(InboxMessage.objects, "create", slow_create)

    start, errors, results = threading.Barrier(2), [], []

    def sweep():
        try:
            start.wait()
            results.append(services.deadlines_sweep(now=at("2026-03-10 09:00:00")))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)

    assert errors == []
    sent = list(ReminderSent.objects.values_list("deadline_id", "stage", "recipient_id"))
    assert len(sent) == len(set(sent)) > 0
    assert sum(r.reminders for r in results) == len(sent)  # between them, each row was sent once
    assert InboxMessage.objects.count() == len(sent)
    emailed = [(m.to[0], m.subject) for m in mail.outbox]
    assert len(emailed) == len(set(emailed)) == ReminderSent.objects.filter(emailed_at__isnull=False).count()
    assert len(emailed) == len(sent)  # every recipient here has an address

    # and a third sweep, later, after all of it: nothing new
    assert services.deadlines_sweep(now=at("2026-03-10 09:15:00")).reminders == 0


def _redis_url() -> str:
    from django.conf import settings

    return os.environ.get("REDIS_URL") or getattr(settings, "REDIS_URL", "") or "redis://127.0.0.1:6379/15"


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_the_beats_sweep(transactional_db, world, open_deadline, monkeypatch):
    import redis
    from celery import Celery
    from celery.contrib.testing.worker import start_worker

    import deadlines.tasks  # noqa: F401  (registers the shared tasks)

    url = _redis_url()
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.exceptions.RedisError as exc:
        pytest.skip(f"没有可用的 Redis（{url}）：{exc}；跳过真实 Celery worker 测试。")

    app = Celery("deadlines-worker-test", task_cls="celery.contrib.django.task:DjangoTask")
    app.config_from_object("django.conf:settings", namespace="CELERY")
    # A queue of its own, so workers of other test runs sharing this Redis never take the task.
    app.conf.update(
        broker_url=url,
        task_always_eager=False,
        result_backend=None,
        task_default_queue=f"deadlines-test-{uuid.uuid4().hex}",
        worker_hijack_root_logger=False,
    )
    monkeypatch.setattr(services, "_queue_sweep", lambda: None)
    d = open_deadline(due="2020-01-01 23:59:59")
    assert not ReminderSent.objects.exists()
    User.objects.filter(username="jlp_host").update(
        email="host@jlp.example.cn"
    )  # the e-mail task runs there too

    from qc_admin.celery import app as project_app

    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            app.send_task("deadlines.tasks.sweep_deadlines")
            until = time.monotonic() + 30
            while (
                time.monotonic() < until
                and not ReminderSent.objects.filter(deadline=d, emailed_at__isnull=False).exists()
            ):
                time.sleep(0.2)
    finally:
        # start_worker made its app the current and default one; later tests expect the project's.
        project_app.set_current()
        project_app.set_default()

    assert set(ReminderSent.objects.filter(deadline=d).values_list("stage", "recipient__username")) == {
        ("overdue", "jlp_host"),
        ("escalate", "jlp_commission"),
        ("escalate", "jlp_qc_office"),
    }
    assert ReminderSent.objects.get(deadline=d, stage="overdue").emailed_at is not None
    assert [m.to for m in mail.outbox] == [["host@jlp.example.cn"]]


def test_after_the_worker_test_tasks_run_eagerly_again(db):
    from deadlines.tasks import sweep_deadlines

    assert sweep_deadlines.app.conf.task_always_eager is True

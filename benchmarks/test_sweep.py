"""The reminder sweep at the preset's size: every pending deadline falls due together (the worst
beat: each becomes overdue, its responsible party is told and the commission escalated to),
then one sweep; time and queries per 100,000 deadlines, the time also as a ratio to the
baseline request. A commission account per jurisdiction receives what names nobody. Runs in the
benchmark's transaction, rolled back afterwards."""

from __future__ import annotations

import statistics
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from benchmarks.conftest import PRESET


def _staff_everywhere():
    from accounts.models import Role, User
    from directory.models import Jurisdiction

    have = set(User.objects.filter(role=Role.COMMISSION).values_list("jurisdiction_id", flat=True))
    User.objects.bulk_create(
        [
            User(username=f"bench_staff_{j.code}", role=Role.COMMISSION, jurisdiction=j, password="!")
            for j in Jurisdiction.objects.filter(path__startswith="990000/")
            if j.pk not in have
        ]
    )


def test_sweep_of_every_pending_deadline(seeded, bench_urls, recorder):
    from deadlines import services
    from deadlines.models import Deadline, ReminderSent

    _staff_everywhere()
    import datetime as dt

    now = timezone.now()
    due = Deadline.objects.pending().filter(jurisdiction__path__startswith="990000/")
    n = due.update(due_at=now - dt.timedelta(hours=1), next_reminder_at=now - dt.timedelta(hours=1))
    base = Client()
    from accounts.models import User

    base.force_login(User.objects.get(username="scale_district"))
    base_times = []
    for _ in range(15):
        t = time.perf_counter()
        base.get("/bench/baseline/")
        base_times.append(time.perf_counter() - t)
    with CaptureQueriesContext(connection) as queries:
        t = time.perf_counter()
        result = services.deadlines_sweep(now=now)
        elapsed = time.perf_counter() - t
    n_queries = len(queries.captured_queries)
    sent = ReminderSent.objects.filter(deadline__jurisdiction__path__startswith="990000/").count()
    per100k = 100_000 / max(n, 1)
    recorder.add(
        "提醒扫描",
        f"{n:,} 个待办期限同时到期（{PRESET}）",
        deadlines=n,
        seconds=round(elapsed, 2),
        queries=n_queries,
        seconds_per_100k=round(elapsed * per100k, 1),
        queries_per_100k=round(n_queries * per100k),
        reminders=result.reminders,
        undeliverable=result.undeliverable,
        reminder_rows=sent,
        batches=-(-n // services.BATCH_SIZE),
        baseline_median_ms=round(statistics.median(base_times) * 1000, 2),
        ratio_per_deadline=round(elapsed / max(n, 1) / statistics.median(base_times), 3),
    )
    # a second sweep at the same moment finds nothing
    with CaptureQueriesContext(connection) as again:
        assert services.deadlines_sweep(now=now).reminders == 0
    recorder.add("提醒扫描", f"紧接着再扫一次（{PRESET}）", queries=len(again.captured_queries))

"""500 appointment letters through a real Celery worker of the ``documents`` queue (WeasyPrint on
its own, recycled children: ``--max-tasks-per-child`` as in docker-compose.yml), with the
worker's memory before, during and after.

The letters are issued through the service in a process of their own (``benchmarks.letters_job``)
so that they are committed and the outbox hands them to the broker, exactly as in production; the
worker is started here on the bench database and the Redis of ``REDIS_URL``; the worker's RSS
(the main process and its pool child, from /proc through psutil: C memory included) is sampled
every 0.2 s. Afterwards the letters, their PDFs and their outbox rows are deleted again.

Budget (the issue: "recycling keeps it flat"): no letter fails, the worker's RSS (main + child)
after the batch ≤ 1.25 × before it and its peak (the main process's plus one child's own highest)
≤ 1.5 × before it — a worker that leaked would grow with every letter.
``BENCH_LETTERS`` (500), ``BENCH_LETTERS_PER_CHILD`` (50), ``BENCH_LETTERS_MAX_MEMORY_KB`` (400000)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import uuid

import pytest

from benchmarks.conftest import PRESET

LETTERS = int(os.environ.get("BENCH_LETTERS", "500"))
PER_CHILD = int(os.environ.get("BENCH_LETTERS_PER_CHILD", "50"))
# as docker-compose.yml's documents worker: a child is also replaced once it passes 400 MB (KiB; 0: off)
MAX_MEMORY_KB = int(os.environ.get("BENCH_LETTERS_MAX_MEMORY_KB", "400000"))
GROWTH_BUDGET, PEAK_BUDGET = 1.25, 1.5
TIMEOUT = int(os.environ.get("BENCH_LETTERS_TIMEOUT", "3600"))


def _job(*args) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.letters_job", *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "qc_admin.settings.dev"},
        timeout=TIMEOUT,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


class Sampler(threading.Thread):
    """The worker tree's RSS every ``interval`` seconds: total, the main process, each child."""

    def __init__(self, pid: int, interval: float = 0.2):
        super().__init__(daemon=True)
        import psutil

        self.main = psutil.Process(pid)
        self.interval = interval
        self.stop = threading.Event()
        self.samples: list[tuple[float, float, float]] = []  # (t, main MB, children MB)
        self.children: set[int] = set()
        self.child_peaks: dict[int, float] = {}  # pid -> its highest RSS (one pool child's own)

    def now(self) -> tuple[float, float]:
        import psutil

        main = self.main.memory_info().rss / 2**20
        kids = 0.0
        for child in self.main.children(recursive=True):
            try:
                rss = child.memory_info().rss / 2**20
                kids += rss
                self.children.add(child.pid)
                self.child_peaks[child.pid] = max(rss, self.child_peaks.get(child.pid, 0.0))
            except psutil.NoSuchProcess:
                pass
        return main, kids

    def run(self):
        while not self.stop.is_set():
            try:
                main, kids = self.now()
            except Exception:  # noqa: BLE001 — the worker went away: the test reports it
                break
            self.samples.append((time.monotonic(), main, kids))
            self.stop.wait(self.interval)

    def peak(self) -> float:
        return max((m + k for _, m, k in self.samples), default=0.0)


def _status(tag: str) -> dict:
    """Read here: the benchmark's transaction sees what other sessions committed (READ COMMITTED)."""
    from django.db.models import Count

    from benchmarks.letters_job import _ours

    counts = dict(_ours(tag).values_list("status").annotate(n=Count("pk")).order_by())
    return {"counts": counts, "total": sum(counts.values())}


def _wait_for(tag: str, n: int, worker) -> dict:
    deadline = time.monotonic() + TIMEOUT
    status: dict = {}
    while time.monotonic() < deadline:
        status = _status(tag)
        done = sum(v for k, v in status["counts"].items() if k in ("ready", "failed"))
        if done >= n:
            return status
        assert worker.poll() is None, "the documents worker died"
        time.sleep(1)
    pytest.fail(f"{n} letters not rendered within {TIMEOUT} s: {status}")


def test_500_letters_through_a_recycled_worker(seeded, recorder, tmp_path):
    if not os.environ.get("REDIS_URL"):
        pytest.skip("REDIS_URL not set: no broker for a real worker")
    tag = uuid.uuid4().hex[:8]
    log = open(tmp_path / "worker.log", "w")  # noqa: SIM115 — closed below
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "qc_admin",
            "worker",
            "-Q",
            "documents",
            "--concurrency",
            "1",
            "--max-tasks-per-child",
            str(PER_CHILD),
            *(["--max-memory-per-child", str(MAX_MEMORY_KB)] if MAX_MEMORY_KB else []),
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-l",
            "warning",
            "-n",
            f"bench-documents-{tag}@%h",
        ],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "qc_admin.settings.dev"},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    sampler = None
    try:
        # warm: one letter, so "before" is a worker that has rendered (fonts and WeasyPrint loaded)
        _job("issue", 1, f"{tag}w")
        _wait_for(f"{tag}w", 1, worker)
        sampler = Sampler(worker.pid)
        before_main, before_kids = sampler.now()
        sampler.start()
        started = time.perf_counter()
        issued = _job("issue", LETTERS, tag)
        status = _wait_for(tag, LETTERS, worker)
        seconds = time.perf_counter() - started
        sampler.stop.set()
        sampler.join()
        after_main, after_kids = sampler.now()
    finally:
        if sampler:
            sampler.stop.set()
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
        log.close()
        for t in (tag, f"{tag}w"):
            _job("cleanup", t)
    before, after, peak = before_main + before_kids, after_main + after_kids, sampler.peak()
    # while a child is replaced the old and the new one live side by side for a moment: the sum
    # peaks then; one child's own peak is what the recycling bounds
    main_peak = max((m for _, m, _ in sampler.samples), default=before_main)
    child_peak = max(sampler.child_peaks.values(), default=before_kids)
    worker_peak = main_peak + child_peak
    failed = status["counts"].get("failed", 0)
    recorder.add(
        "公文批量",
        f"{LETTERS} 份聘任通知，documents 队列，每个子进程 {PER_CHILD} 份"
        + (f"或 {MAX_MEMORY_KB // 1000} MB " if MAX_MEMORY_KB else "")
        + f"后回收（{PRESET}）",
        letters=LETTERS,
        doc_type=issued["doc_type"],
        issue_s=issued["seconds"],
        seconds=round(seconds, 1),
        per_letter_s=round(seconds / LETTERS, 3),
        failed=failed,
        rss_before_mb=round(before, 1),
        rss_peak_mb=round(worker_peak, 1),
        rss_sum_peak_mb=round(peak, 1),
        rss_after_mb=round(after, 1),
        child_before_mb=round(before_kids, 1),
        child_peak_mb=round(child_peak, 1),
        children=len(sampler.children),
        budget_met=failed == 0 and after <= before * GROWTH_BUDGET and worker_peak <= before * PEAK_BUDGET,
    )
    assert failed == 0, status

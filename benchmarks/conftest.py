"""``make bench``: the benchmarks run against the seeded province-scale database that
``scripts/bench`` prepares (``seed_scale --preset $BENCH_PRESET``), never a fresh test database,
and each writes its figures through ``recorder``: JSON and a Markdown table in ``bench/results/``.

Every time is a ratio to a baseline measured in the same run, interleaved with what it is
compared to, so a noisy shared machine slows both alike."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import statistics
import time
from pathlib import Path

import pytest

PRESET = os.environ.get("BENCH_PRESET", "district")
RESULTS = Path(os.environ.get("BENCH_RESULTS", "bench/results"))
N = int(os.environ.get("BENCH_N", "25"))


def pytest_collection_modifyitems(config, items):
    for item in items:
        item.add_marker(pytest.mark.django_db)


@pytest.fixture(scope="session")
def django_db_setup():
    """Use the configured (seeded) database as it is; each benchmark runs in a transaction that
    is rolled back, so the sweep's writes leave the data set unchanged."""


@pytest.fixture(scope="session")
def seeded(django_db_blocker):
    from core import scale

    with django_db_blocker.unblock():
        if not scale.is_seeded():
            pytest.exit(f"数据库未生成示范省数据：先运行 python manage.py seed_scale --preset {PRESET}", 2)


def percentile(values, q):
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def machine() -> dict:
    import psutil

    return {
        "host": platform.node(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "cpu": platform.processor() or platform.machine(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "load_1m": round(os.getloadavg()[0], 2),
    }


class Recorder:
    def __init__(self):
        self.started = dt.datetime.now(dt.UTC)
        self.rows: list[dict] = []

    def add(self, group: str, name: str, **figures):
        row = {
            "group": group,
            "name": name,
            "preset": PRESET,
            "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            **figures,
        }
        self.rows.append(row)
        print(f"\n[{group}] {name}: " + ", ".join(f"{k}={v}" for k, v in figures.items()))

    def write(self):
        RESULTS.mkdir(parents=True, exist_ok=True)
        data = {
            "preset": PRESET,
            "started": self.started.isoformat(timespec="seconds"),
            "finished": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "machine": machine(),
            "requests_per_figure": N,
            "rows": self.rows,
        }
        stamp = self.started.strftime("%Y%m%dT%H%M%SZ")
        (RESULTS / f"{PRESET}-{stamp}.json").write_text(json.dumps(data, ensure_ascii=False, indent=1))
        # latest-<preset>.json keeps the figures of earlier runs that this run did not measure
        # (running one benchmark file replaces its own rows only); each row says when it was taken.
        latest = RESULTS / f"latest-{PRESET}.json"
        if latest.exists():
            fresh = {(r["group"], r["name"]) for r in self.rows}
            old = json.loads(latest.read_text())
            kept = [r for r in old["rows"] if (r["group"], r["name"]) not in fresh]
            data = {**data, "rows": kept + self.rows}
        latest.write_text(json.dumps(data, ensure_ascii=False, indent=1))
        from benchmarks.report import write_markdown

        write_markdown(RESULTS)


@pytest.fixture(scope="session")
def recorder():
    r = Recorder()
    yield r
    if r.rows:
        r.write()


@pytest.fixture
def bench_urls(settings):
    settings.ROOT_URLCONF = "benchmarks.urls"


def timed(fn):
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def interleaved(fn_a, fn_b, n: int = N, warm: int = 3) -> tuple[list[float], list[float]]:
    """Time ``fn_a`` and ``fn_b`` alternately, ``n`` times each, after ``warm`` untimed rounds."""
    for _ in range(warm):
        fn_a()
        fn_b()
    a, b = [], []
    for i in range(n):
        if i % 2:
            b.append(timed(fn_b))
            a.append(timed(fn_a))
        else:
            a.append(timed(fn_a))
            b.append(timed(fn_b))
    return a, b


def summary(times: list[float], base: list[float]) -> dict:
    bm = statistics.median(base)
    return {
        "median_ms": round(statistics.median(times) * 1000, 2),
        "p95_ms": round(percentile(times, 0.95) * 1000, 2),
        "baseline_median_ms": round(bm * 1000, 2),
        "median_ratio": round(statistics.median(times) / bm, 2),
        "p95_ratio": round(percentile(times, 0.95) / percentile(base, 0.95), 2),
    }

"""A bounded load run: gunicorn on loopback (127.0.0.1, a free port), locust headless with the
roles' mix (benchmarks/locustfile.py) at 10 and 50 concurrent users for BENCH_LOAD_SECONDS each;
both stop by themselves. Throughput, median and p95 per run, and the error count (budget: 0).
The simulated users use sessions made beforehand (a login is the password hasher, slow on
purpose, and not what is measured); the figures are the pages'.
Locust lives in its own virtualenv (var/bench-venv, made by ``make bench``) so the product's
environment never carries it."""

from __future__ import annotations

import csv
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from benchmarks.conftest import PRESET

LOCUST = os.environ.get("BENCH_LOCUST", str(Path("var/bench-venv/bin/locust").resolve()))
SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "30"))
USERS = [int(u) for u in os.environ.get("BENCH_LOAD_USERS", "10,50").split(",")]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "qc_admin.settings.dev",
        "DEBUG": "0",
        "CONN_MAX_AGE": "600",
    }
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "qc_admin.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "4",
            "--timeout",
            "60",
            "--keep-alive",
            "30",
        ],
        env=env,
        stdout=open(tmp_path / "gunicorn.log", "w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    until = time.monotonic() + 60
    while time.monotonic() < until:
        try:
            urllib.request.urlopen(f"{url}/healthz/", timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    else:
        os.killpg(proc.pid, signal.SIGTERM)
        pytest.fail("gunicorn did not start: " + (tmp_path / "gunicorn.log").read_text()[-2000:])
    yield url
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(timeout=30)


SESSIONS_SCRIPT = """
import django, json, os
django.setup()
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from accounts.models import User
keys = {}
for user in User.objects.filter(username__in=["scale_province", "scale_district", "scale_host"]):
    s = import_module(settings.SESSION_ENGINE).SessionStore()
    s[SESSION_KEY], s[BACKEND_SESSION_KEY] = str(user.pk), settings.AUTHENTICATION_BACKENDS[0]
    s[HASH_SESSION_KEY] = user.get_session_auth_hash()
    s.create()
    keys[user.username] = s.session_key
print(",".join(f"{k}={v}" for k, v in keys.items()))
"""


def _sessions() -> str:
    """Logged-in sessions made (and committed) outside the benchmark's transaction."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "qc_admin.settings.dev"}
    done = subprocess.run(
        [sys.executable, "-c", SESSIONS_SCRIPT],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout.strip().splitlines()[-1]


def test_load(seeded, recorder, server, tmp_path, django_db_blocker):
    if not Path(LOCUST).exists() and not shutil.which("locust"):
        pytest.skip(f"locust 未安装（{LOCUST}）：make bench 会在 var/bench-venv 中安装。")
    from centres.models import Centre

    centre = Centre.objects.filter(status="active", jurisdiction__code="990101").order_by("pk").first()
    sessions = _sessions()
    for users in USERS:
        prefix = tmp_path / f"load{users}"
        subprocess.run(
            [
                LOCUST if Path(LOCUST).exists() else "locust",
                "-f",
                "benchmarks/locustfile.py",
                "--headless",
                "-u",
                str(users),
                "-r",
                str(users),
                "-t",
                f"{SECONDS}s",
                "--host",
                server,
                "--csv",
                str(prefix),
                "--only-summary",
                "--stop-timeout",
                "10",
            ],
            env={**os.environ, "BENCH_CENTRE": str(centre.pk if centre else ""), "BENCH_SESSIONS": sessions},
            check=False,
            timeout=SECONDS + 120,
            capture_output=True,
        )
        with open(f"{prefix}_stats.csv", encoding="utf-8") as f:
            rows = {r["Name"]: r for r in csv.DictReader(f)}
        total = rows["Aggregated"]
        recorder.add(
            "负载",
            f"{users} 个并发用户，{SECONDS}s（{PRESET}）",
            requests=int(total["Request Count"]),
            failures=int(total["Failure Count"]),
            rps=round(float(total["Requests/s"]), 1),
            median_ms=float(total["Median Response Time"]),
            p95_ms=float(total["95%"]),
            budget_met=int(total["Failure Count"]) == 0,
        )

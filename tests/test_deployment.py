"""The production path: settings that refuse to start without secrets, a clean
``check --deploy``, and a docker-compose.yml whose services run what they should (Docker has no
engine here, so the file is parsed and checked rather than run)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
PROD_ENV = {
    "SECRET_KEY": "x" * 60 + "-production-secret-for-check",
    "ALLOWED_HOSTS": "qc.example.gov.cn",
    "DATABASE_URL": "postgres://qc:secret@db.invalid:5432/qc_admin",
}


def run_manage(*args, env):
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**base, "DJANGO_SETTINGS_MODULE": "qc_admin.settings.production", **env},
        timeout=120,
    )


def test_check_deploy_is_clean():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PROD_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without(missing):
    env = {k: v for k, v in PROD_ENV.items() if k != missing}
    result = run_manage("check", env=env)
    assert result.returncode != 0 and missing in result.stderr


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_runs_every_service(compose):
    services = compose["services"]
    assert {"db", "redis", "web", "worker", "documents", "beat"} <= set(services)
    assert services["db"]["image"].startswith("postgres:")
    assert services["redis"]["image"].startswith("redis:")
    assert "gunicorn" in services["web"]["command"]
    assert (
        services["worker"]["command"][:3] == ["celery", "-A", "qc_admin"]
        and "worker" in services["worker"]["command"]
    )
    assert "--max-tasks-per-child" in services["documents"]["command"]
    assert "beat" in services["beat"]["command"]


def test_compose_dependencies_and_health(compose):
    services = compose["services"]
    for name in ("db", "redis", "web"):
        assert "healthcheck" in services[name], name
    for name in ("web", "worker", "documents"):
        deps = services[name]["depends_on"]
        assert deps["db"]["condition"] == "service_healthy"
        assert deps["redis"]["condition"] == "service_healthy"
        assert deps["migrate"]["condition"] == "service_completed_successfully"
    assert services["web"]["environment"]["DJANGO_SETTINGS_MODULE"] == "qc_admin.settings.production"
    assert {"pgdata", "redisdata", "media"} <= set(compose["volumes"])


def test_whitenoise_serves_static_files():
    from django.conf import settings

    assert "whitenoise.middleware.WhiteNoiseMiddleware" in settings.MIDDLEWARE

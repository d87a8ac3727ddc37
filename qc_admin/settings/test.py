"""Tests: the same PostgreSQL path; Celery runs tasks eagerly unless a test starts a worker."""

import os
from urllib.parse import urlsplit, urlunsplit

from .base import *  # noqa: F403
from .base import env


def _own_redis_db(url: str, worker: str) -> str:
    """Under pytest-xdist each worker (gw0, gw1, …) gets its own Redis database, next after the
    given one, as pytest-django gives it its own PostgreSQL database: a real Celery worker started
    by one test process never takes another's tasks."""
    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{(base + 1 + int(worker.removeprefix('gw'))) % 16}"))


_worker = os.environ.get("PYTEST_XDIST_WORKER")
if _worker and os.environ.get("REDIS_URL") and not os.environ.get("QC_OWN_REDIS_DB"):
    # Tests that start a worker read REDIS_URL from the environment too; a Celery worker a test starts
    # inherits the environment, already moved (QC_OWN_REDIS_DB), and must not move it again.
    os.environ["REDIS_URL"] = _own_redis_db(os.environ["REDIS_URL"], _worker)
    os.environ["QC_OWN_REDIS_DB"] = "1"

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only; tests
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_URL = env("REDIS_URL", default="") or "memory://"
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# The test database is made from the models as they are now (Django's TEST["MIGRATE"] = False),
# not by replaying every migration: replaying re-renders the model states once per operation
# (264 trigger operations alone), minutes of CPU per test process. The triggers (pgtrigger, the
# pghistory event triggers, the append-only guards) and pghistory's context function are then
# installed after the tables, once per test database (the root conftest's django_db_setup), as a
# migration would. That the migrations still build these models is checked by
# tests/test_migrations.py, and `make run` migrates a real database from zero.
DATABASES["default"]["TEST"] = {"MIGRATE": False}  # noqa: F405
# A test's commit need not wait for the disk (a browser walk or a race commits thousands of times).
DATABASES["default"]["OPTIONS"]["options"] += " -c synchronous_commit=off"  # noqa: F405

# Several test runs may share one embedded server (e.g. engineers working side by side): each can
# name its own test database.
if env("TEST_DB_NAME", default=""):
    DATABASES["default"]["TEST"]["NAME"] = env("TEST_DB_NAME")  # noqa: F405

"""Development: the embedded PostgreSQL and Redis unless DATABASE_URL / REDIS_URL are set."""

from .base import *  # noqa: F403
from .base import embedded, env

DEBUG = env.bool("DEBUG", default=True)
CELERY_BROKER_URL = env("REDIS_URL", default="") or embedded.redis_url()
# runserver handles each request in a new thread, which would leave a persistent connection
# behind per request: persistent connections are for gunicorn (base.py), not the dev server.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)  # noqa: F405

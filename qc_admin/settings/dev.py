"""Development: the embedded PostgreSQL and Redis unless DATABASE_URL / REDIS_URL are set."""

from .base import *  # noqa: F403
from .base import embedded, env

DEBUG = env.bool("DEBUG", default=True)
CELERY_BROKER_URL = env("REDIS_URL", default="") or embedded.redis_url()

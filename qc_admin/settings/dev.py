"""Development: the embedded PostgreSQL and Redis unless DATABASE_URL / REDIS_URL are set."""

from .base import *  # noqa: F403
from .base import embedded, env

# `make run` is what users touch: no debug pages unless an engineer asks for them (DEBUG=1).
DEBUG = env.bool("DEBUG", default=False)
CELERY_BROKER_URL = env("REDIS_URL", default="") or embedded.redis_url()
WHITENOISE_USE_FINDERS = True  # static files straight from static/ without collectstatic

"""Development: the embedded PostgreSQL and Redis unless DATABASE_URL / REDIS_URL are set."""

from .base import *  # noqa: F403
from .base import embedded, env

# `make run` is what users touch: no debug pages unless an engineer asks for them (DEBUG=1).
DEBUG = env.bool("DEBUG", default=False)
CELERY_BROKER_URL = env("REDIS_URL", default="") or embedded.redis_url()
WHITENOISE_USE_FINDERS = True  # static files straight from static/ without collectstatic
# runserver handles each request in a new thread, which would leave a persistent connection
# behind per request: persistent connections are for gunicorn (base.py), not the dev server.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)  # noqa: F405

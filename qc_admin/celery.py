import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qc_admin.settings.dev")

app = Celery("qc_admin")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

"""A Celery worker for the fault tests (tests/test_jobs_exactly_once.py): the project's app, with
the slow part of each job stretched by ``FAULT_SLOW_SECONDS`` in every pool process, so that a test
can kill the worker while a task is surely half-way. Test code only: ``celery -A
tests.faults.slow_worker worker …``."""

import os
import time

from celery.signals import worker_process_init

from qc_admin.celery import app  # noqa: F401 - the app this module's worker runs


def _slowed(function):
    def slow(*args, **kwargs):
        time.sleep(float(os.environ.get("FAULT_SLOW_SECONDS", "0")))
        return function(*args, **kwargs)

    return slow


@worker_process_init.connect
def _stretch(**kwargs):
    from documents import rendering
    from exports import services as exports_services

    rendering.render_pdf = _slowed(rendering.render_pdf)
    exports_services.write_export = _slowed(exports_services.write_export)

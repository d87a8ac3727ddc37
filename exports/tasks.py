from celery import shared_task

from . import services


@shared_task(name="exports.run_export")
def run_export(job_id: int) -> None:
    services.export_job_run(job_id=job_id)

from celery import shared_task

from . import services


@shared_task(name="audit.tasks.purge_security_events")
def purge_security_events() -> int:
    """Beat, daily: security events past the retention period (AUDIT_RETENTION_DAYS)."""
    return services.security_events_purge()

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "审计"

    def ready(self):
        from core.signals import access_refused

        from . import checks  # noqa: F401
        from .services import record_refusal

        access_refused.connect(record_refusal, dispatch_uid="audit.record_refusal")

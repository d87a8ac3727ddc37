from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "审计"

    def ready(self):
        from . import checks  # noqa: F401

from django.apps import AppConfig


class DataGovernanceConfig(AppConfig):
    name = "data_governance"
    verbose_name = "数据治理"

    def ready(self):
        from . import receivers  # noqa: F401  (its part in the centres workflow: centres/signals.py)

from django.apps import AppConfig


class ExpertsConfig(AppConfig):
    name = "experts"
    verbose_name = "专家委员会与专家库"

    def ready(self):
        from . import receivers  # noqa: F401  (its part in the centres workflow: centres/signals.py)

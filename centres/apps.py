from django.apps import AppConfig


class CentresConfig(AppConfig):
    name = "centres"
    verbose_name = "质控中心"

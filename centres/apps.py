from django.apps import AppConfig


class CentresConfig(AppConfig):
    """Its documents, deadline kinds, attachment kinds and 待办 are declared in centres/platform.py."""

    name = "centres"
    verbose_name = "质控中心"

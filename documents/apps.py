from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "公文"

    def ready(self):
        from . import builtin_types  # noqa: F401  (registers 通知 and 质控中心工作函)

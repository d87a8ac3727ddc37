from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "机构与人员名录"

    def ready(self):
        from . import todos  # noqa: F401

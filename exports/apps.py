from django.apps import AppConfig


class ExportsConfig(AppConfig):
    name = "exports"
    verbose_name = "数据导出与导入"

    def ready(self):
        # The directory's lists; every workflow app declares its own in its platform.py
        # (core.platform installs them; docs/exports.md).
        from . import directory_lists  # noqa: F401

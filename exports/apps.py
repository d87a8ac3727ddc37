from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class ExportsConfig(AppConfig):
    name = "exports"
    verbose_name = "数据导出与导入"

    def ready(self):
        # The directory's lists, then every app's ``export_specs.py`` (docs/exports.md).
        from . import directory_lists  # noqa: F401

        autodiscover_modules("export_specs")

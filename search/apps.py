from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "全局搜索"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import index

        index.connect_signals()

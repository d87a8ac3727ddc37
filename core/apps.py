from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "平台基础"

    def ready(self):
        # Every app's platform.py: its documents, deadlines, attachments, 待办, exports, pages,
        # API routes and menu items (docs/new-workflow-app.md).
        from . import platform

        platform.autodiscover()

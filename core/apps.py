from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "平台基础"

    def ready(self):
        # The blank choice of every select (Django 6.1's "- Select an option -", which has no
        # Chinese in Django's catalogue), as Django asks it to be overridden: in ready().
        from django.db.models import fields

        fields.BLANK_CHOICE_LABEL = pgettext_lazy("blank choice", "请选择")

        # Every app's platform.py: its documents, deadlines, attachments, 待办, exports, pages,
        # API routes and menu items (docs/new-workflow-app.md).
        from . import platform

        platform.autodiscover()

from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "workdays"
    verbose_name = "工作日日历"

    def ready(self):
        from . import todos  # noqa: F401  (the home page's 待办 for the system administrator)

from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "deadlines"
    verbose_name = "期限与提醒"

    def ready(self):
        from . import kinds, todos  # noqa: F401  (the kinds registry and the home page's 待办)

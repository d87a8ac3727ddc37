from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo world (``manage.py seed_demo``): above every app it seeds, so no app imports
    another's demo."""

    name = "demo"
    verbose_name = "演示数据"

from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "workdays"
    verbose_name = "工作日日历"

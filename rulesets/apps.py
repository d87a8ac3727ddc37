from django.apps import AppConfig


class RulesetsConfig(AppConfig):
    name = "rulesets"
    verbose_name = "规则集"
    default_auto_field = "django.db.models.BigAutoField"

from django.apps import AppConfig


class DataGovernanceConfig(AppConfig):
    name = "data_governance"
    verbose_name = "数据治理"

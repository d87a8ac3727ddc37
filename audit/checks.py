from django.conf import settings
from django.core import checks

MINIMUM_RETENTION_DAYS = 183  # 等保 2.0 / 网络安全法 第二十一条: 网络日志留存不少于六个月


@checks.register(checks.Tags.security, deploy=False)
def retention_is_at_least_six_months(app_configs, **kwargs):
    days = getattr(settings, "AUDIT_RETENTION_DAYS", 0)
    if days < MINIMUM_RETENTION_DAYS:
        message = (
            f"AUDIT_RETENTION_DAYS={days}：审计记录保存期限不得少于六个月（{MINIMUM_RETENTION_DAYS} 天）。"
        )
        return [checks.Error(message, id="audit.E001")]
    return []

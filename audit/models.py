"""Security events (等保 2.0 安全审计): logins, failures, lockouts, permission refusals,
exports and downloads of sensitive files. Changes to records are kept by django-pghistory
(audit/tracking.py); this table keeps what happened around them."""

import pgtrigger
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SecurityEvent(models.Model):
    class Kind(models.TextChoices):
        LOGIN = "login", _("登录成功")
        LOGIN_FAILED = "login_failed", _("登录失败")
        LOCKED_OUT = "locked_out", _("账号锁定")
        UNLOCKED = "unlocked", _("解除锁定")
        LOGOUT = "logout", _("退出登录")
        REFUSED = "refused", _("越权访问被拒绝")
        EXPORT = "export", _("导出数据")
        DOWNLOAD = "download", _("下载敏感文件")
        SECOND_FACTOR = "second_factor", _("两步验证")
        SESSIONS_ENDED = "sessions_ended", _("会话终止")

    kind = models.CharField(_("事件"), max_length=20, choices=Kind.choices)
    at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="security_events",
        verbose_name=_("用户"),
    )
    username = models.CharField(_("用户名"), max_length=150, blank=True)
    ip = models.GenericIPAddressField(_("IP地址"), null=True, blank=True)
    path = models.CharField(_("地址"), max_length=500, blank=True)
    detail = models.JSONField(_("详情"), default=dict, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("安全审计事件")
        ordering = ["-at"]
        # Append-only in the database itself: no role, no code path can edit or delete an event.
        # Only the retention purge (audit.services.security_events_purge) lifts this, for rows older
        # than AUDIT_RETENTION_DAYS, inside pgtrigger.ignore.
        triggers = [pgtrigger.Protect(name="append_only", operation=pgtrigger.Update | pgtrigger.Delete)]
        indexes = [models.Index(fields=["user", "-at"]), models.Index(fields=["kind", "-at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.username} {self.at:%Y-%m-%d %H:%M}"

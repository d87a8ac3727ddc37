from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from audit.services import client_ip

from .services import login_refusal


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("用户名或密码错误。连续失败多次后账号将被暂时锁定。"),
        "inactive": _("该账号已停用，请联系系统管理员。"),
    }

    def clean(self):
        refusal = login_refusal(self.cleaned_data.get("username") or "", client_ip(self.request))
        if refusal:
            raise forms.ValidationError(refusal.message, code="locked")
        return super().clean()

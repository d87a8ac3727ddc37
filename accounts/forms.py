from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone

from .services import login_locked_until


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "用户名或密码错误。连续失败多次后账号将被暂时锁定。",
        "inactive": "该账号已停用，请联系系统管理员。",
    }

    def clean(self):
        username = self.cleaned_data.get("username")
        until = login_locked_until(username) if username else None
        if until:
            local = timezone.localtime(until)
            raise forms.ValidationError(
                f"登录失败次数过多，账号已临时锁定，请于 {local:%H:%M} 后再试。", code="locked")
        return super().clean()

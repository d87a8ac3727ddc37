from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from audit.services import client_ip

from .services import login_refusal


class LockoutModelBackend(ModelBackend):
    """ModelBackend that refuses a locked-out account or address before checking the password, so
    the browser login and the API token endpoint share one lockout (accounts.services)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if login_refusal(username or "", client_ip(request)):
            raise PermissionDenied("locked")  # authenticate() turns this into user_login_failed
        return super().authenticate(request, username=username, password=password, **kwargs)

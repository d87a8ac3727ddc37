from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from .services import login_locked_until


class LockoutModelBackend(ModelBackend):
    """ModelBackend that refuses a locked-out username before checking its password, so the
    browser login and the API token endpoint share one lockout."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username and login_locked_until(username):
            raise PermissionDenied("locked")  # authenticate() turns this into user_login_failed
        return super().authenticate(request, username=username, password=password, **kwargs)

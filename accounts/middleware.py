"""Session rules on every request: the absolute timeout, and the second factor where this
deployment requires it (accounts/second_factor.py)."""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from .second_factor import is_enrolled, second_factor_required
from .sessions import LOGIN_AT_KEY

# What a user who has given the password but not yet the second factor may reach.
BEFORE_SECOND_FACTOR = frozenset(
    {"login", "logout", "otp_verify", "otp_setup", "set_language", "healthz", "api-token"}
)


class SessionPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            started = request.session.get(LOGIN_AT_KEY)
            if started is None:
                request.session[LOGIN_AT_KEY] = int(time.time())
            elif time.time() - started > settings.SESSION_ABSOLUTE_SECONDS:
                # However active, a session ends SESSION_ABSOLUTE_SECONDS after its login.
                logout(request)
                messages.info(request, "登录已超过最长时限，请重新登录。")
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if not second_factor_required(user) or user.is_verified():
            return None
        match = request.resolver_match
        if match is not None and match.view_name in BEFORE_SECOND_FACTOR:
            return None
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"code": "second_factor_required", "message": "请先完成两步验证。", "violations": []},
                status=403,
            )
        target = "otp_verify" if is_enrolled(user) else "otp_setup"
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")

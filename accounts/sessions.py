"""Ending a user's sessions (等保 2.0 8.1.4.1: 登录连接超时自动退出; an account disabled or a
password changed ends every session and API token of the account)."""

from __future__ import annotations

from django.contrib.sessions.models import Session
from django.utils import timezone

LOGIN_AT_KEY = "_login_at"  # the session's start, for the absolute timeout (accounts/middleware.py)


def sessions_end(*, user) -> int:
    """Delete every live session of ``user`` (database sessions: each is decoded to find its user).
    Returns how many were ended."""
    from importlib import import_module

    from django.conf import settings

    store = import_module(settings.SESSION_ENGINE).SessionStore
    ended = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).only("session_key", "session_data"):
        data = store().decode(session.session_data)
        if str(data.get("_auth_user_id")) == str(user.pk):
            ended.append(session.session_key)
    Session.objects.filter(session_key__in=ended).delete()
    return len(ended)


def credentials_revoke(*, user) -> None:
    """The account was disabled or its password changed: its sessions and API token end now (the
    next request of any of them is anonymous)."""
    from rest_framework.authtoken.models import Token

    Token.objects.filter(user=user).delete()
    sessions_end(user=user)

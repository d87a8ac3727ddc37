from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from audit.models import SecurityEvent
from audit.services import client_ip, security_event_record

from .models import LoginFailure


def login_locked_until(username: str) -> datetime | None:
    """When ``username`` may try again, or None if it is not locked out."""
    window = timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    recent = LoginFailure.objects.filter(username__iexact=username, at__gte=timezone.now() - window)
    stats = recent.aggregate(last=Max("at"))
    if recent.count() >= settings.LOGIN_LOCKOUT_FAILURES:
        return stats["last"] + window
    return None


def login_failure_record(*, username: str, request=None) -> None:
    was_locked = login_locked_until(username) is not None
    LoginFailure.objects.create(username=username, ip=client_ip(request))
    security_event_record(kind=SecurityEvent.Kind.LOGIN_FAILED, request=request, username=username)
    if not was_locked and login_locked_until(username) is not None:
        security_event_record(kind=SecurityEvent.Kind.LOCKED_OUT, request=request, username=username)


def login_success_record(*, user, request=None) -> None:
    LoginFailure.objects.filter(username__iexact=user.get_username()).delete()
    security_event_record(kind=SecurityEvent.Kind.LOGIN, request=request, user=user)

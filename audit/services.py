from __future__ import annotations

from .models import SecurityEvent


def client_ip(request) -> str | None:
    if request is None:
        return None
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    return (forwarded.split(",")[0].strip() or None) if forwarded else request.META.get("REMOTE_ADDR")


def security_event_record(*, kind: str, request=None, user=None, username: str = "", **detail) -> SecurityEvent:
    if user is None and request is not None and getattr(request, "user", None) and request.user.is_authenticated:
        user = request.user
    return SecurityEvent.objects.create(
        kind=kind,
        user=user if user is not None and user.pk else None,
        username=username or (user.get_username() if user is not None and user.pk else ""),
        ip=client_ip(request),
        path=request.get_full_path()[:500] if request is not None else "",
        detail=detail,
    )


def record_refusal(sender=None, *, request=None, **detail) -> SecurityEvent:
    """core.signals.access_refused → a REFUSED security event with the request's user and address."""
    detail.pop("signal", None)
    return security_event_record(kind=SecurityEvent.Kind.REFUSED, request=request, **detail)

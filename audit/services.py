from __future__ import annotations

from django.conf import settings

from .models import SecurityEvent


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or — behind ``NUM_PROXIES`` trusted proxies — the address
    the outermost of them saw. Never a value the client wrote itself into X-Forwarded-For."""
    if request is None:
        return None
    proxies = getattr(settings, "NUM_PROXIES", 0)
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if proxies and forwarded:
        return forwarded[-min(proxies, len(forwarded))]
    return request.META.get("REMOTE_ADDR")


def security_event_record(
    *, kind: str, request=None, user=None, username: str = "", **detail
) -> SecurityEvent:
    if (
        user is None
        and request is not None
        and getattr(request, "user", None)
        and request.user.is_authenticated
    ):
        user = request.user
    return SecurityEvent.objects.create(
        kind=kind,
        user=user if user is not None and user.pk else None,
        username=username or (user.get_username() if user is not None and user.pk else ""),
        ip=client_ip(request),
        path=request.get_full_path()[:500] if request is not None else "",
        detail=detail,
    )


def security_events_purge(*, now=None) -> int:
    """Delete security events older than ``AUDIT_RETENTION_DAYS`` (at least six months, 等保 2.0
    8.1.4.3 d). The only path that removes an event: the append-only trigger is lifted for this
    statement alone, and only for rows past the retention period."""
    from datetime import timedelta

    import pgtrigger
    from django.utils import timezone

    cutoff = (now or timezone.now()) - timedelta(days=settings.AUDIT_RETENTION_DAYS)
    with pgtrigger.ignore("audit.SecurityEvent:append_only"):
        deleted, _ = SecurityEvent.objects.filter(at__lt=cutoff).delete()
    return deleted


def record_refusal(sender=None, *, request=None, **detail) -> SecurityEvent:
    """core.signals.access_refused → a REFUSED security event with the request's user and address."""
    detail.pop("signal", None)
    return security_event_record(kind=SecurityEvent.Kind.REFUSED, request=request, **detail)

"""Login throttling per 等保 2.0 (GB/T 22239-2019 8.1.4.1 a/b 登录失败处理) without handing anyone
a way to lock another person out (issue 15 item 6):

- an **address** that fails ``LOGIN_ADDRESS_FAILURES`` times in the window is refused for any
  account until the window passes (one machine guessing many accounts);
- an **account** that fails ``LOGIN_LOCKOUT_FAILURES`` times *from one address* is locked for that
  address only — someone else's wrong passwords do not lock the owner out at their desk;
- an account that fails ``LOGIN_ACCOUNT_SLOWDOWN_FAILURES`` times from any number of addresses
  (a spread-out attack) is slowed, never locked: one attempt per ``LOGIN_SLOW_RETRY_SECONDS``,
  so the owner still gets in, and an attacker gets a few guesses an hour;
- the system administrator sees every lock on the 登录锁定 page and can lift it (recorded).

An attempt refused while locked is recorded as a security event but does not extend the lock.
The browser login and the API token endpoint share all of this (``LockoutModelBackend``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Max
from django.utils import timezone

from audit.models import SecurityEvent
from audit.services import client_ip, security_event_record

from .models import LoginFailure


@dataclass(frozen=True)
class LoginRefusal:
    kind: str  # "address" | "account" | "slow"
    until: datetime

    @property
    def message(self) -> str:
        at = timezone.localtime(self.until)
        if self.kind == "address":
            return f"此地址登录失败次数过多，已暂停登录，请于 {at:%H:%M} 后再试或联系系统管理员。"
        if self.kind == "slow":
            return f"该账号近期多次登录失败，每次尝试需间隔片刻，请于 {at:%H:%M:%S} 后再试。"
        return f"登录失败次数过多，账号已临时锁定，请于 {at:%H:%M} 后再试或联系系统管理员解除。"


def _window() -> timedelta:
    return timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)


def _recent():
    return LoginFailure.objects.filter(at__gte=timezone.now() - _window())


def login_refusal(username: str, ip: str | None) -> LoginRefusal | None:
    """Why a login attempt for ``username`` from ``ip`` is refused right now, or None."""
    recent = _recent()
    if ip:
        by_address = recent.filter(ip=ip).aggregate(n=Count("id"), last=Max("at"))
        if by_address["n"] >= settings.LOGIN_ADDRESS_FAILURES:
            return LoginRefusal("address", by_address["last"] + _window())
    if not username:
        return None
    account = recent.filter(username__iexact=username)
    here = account.filter(ip=ip).aggregate(n=Count("id"), last=Max("at"))
    if here["n"] >= settings.LOGIN_LOCKOUT_FAILURES:
        return LoginRefusal("account", here["last"] + _window())
    anywhere = account.aggregate(n=Count("id"), last=Max("at"))
    if anywhere["n"] >= settings.LOGIN_ACCOUNT_SLOWDOWN_FAILURES:
        next_try = anywhere["last"] + timedelta(seconds=settings.LOGIN_SLOW_RETRY_SECONDS)
        if timezone.now() < next_try:
            return LoginRefusal("slow", next_try)
    return None


def login_locked_until(username: str, ip: str | None = None) -> datetime | None:
    refusal = login_refusal(username, ip)
    return refusal.until if refusal else None


def login_failure_record(*, username: str, request=None) -> None:
    ip = client_ip(request)
    refused = login_refusal(username, ip)
    if refused is not None:
        # Refused before the password was checked: recorded, but it neither counts nor extends the lock.
        security_event_record(
            kind=SecurityEvent.Kind.LOGIN_FAILED, request=request, username=username, refused=refused.kind
        )
        return
    LoginFailure.objects.create(username=username, ip=ip)
    security_event_record(kind=SecurityEvent.Kind.LOGIN_FAILED, request=request, username=username)
    now_refused = login_refusal(username, ip)
    if now_refused is not None and now_refused.kind != "slow":
        security_event_record(
            kind=SecurityEvent.Kind.LOCKED_OUT, request=request, username=username, scope=now_refused.kind
        )


def login_success_record(*, user, request=None) -> None:
    LoginFailure.objects.filter(username__iexact=user.get_username()).delete()
    security_event_record(kind=SecurityEvent.Kind.LOGIN, request=request, user=user)


@dataclass(frozen=True)
class Lock:
    kind: str  # "account" | "address" | "slow"
    username: str
    ip: str | None
    failures: int
    until: datetime


def current_locks() -> list[Lock]:
    """Every lock in force now, for the administrator's 登录锁定 page."""
    now = timezone.now()
    locks = []
    recent = _recent()
    for row in (
        recent.values("ip")
        .annotate(n=Count("id"), last=Max("at"))
        .filter(n__gte=settings.LOGIN_ADDRESS_FAILURES, ip__isnull=False)
    ):
        locks.append(Lock("address", "", row["ip"], row["n"], row["last"] + _window()))
    for row in (
        recent.values("username", "ip")
        .annotate(n=Count("id"), last=Max("at"))
        .filter(n__gte=settings.LOGIN_LOCKOUT_FAILURES)
    ):
        locks.append(Lock("account", row["username"], row["ip"], row["n"], row["last"] + _window()))
    for row in (
        recent.values("username")
        .annotate(n=Count("id"), last=Max("at"))
        .filter(n__gte=settings.LOGIN_ACCOUNT_SLOWDOWN_FAILURES)
    ):
        locks.append(Lock("slow", row["username"], None, row["n"], row["last"] + _window()))
    return sorted((lock for lock in locks if lock.until > now), key=lambda lock: lock.until, reverse=True)


def login_lock_release(*, acting_user, username: str = "", ip: str = "", request=None) -> int:
    """The system administrator lifts a lock: the failures that made it are cleared (each failure
    stays in the security audit as it was recorded). Returns how many were cleared."""
    if not acting_user.is_sysadmin:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("仅系统管理员可以解除登录锁定。")
    failures = LoginFailure.objects.all()
    if username:
        failures = failures.filter(username__iexact=username)
    if ip:
        failures = failures.filter(ip=ip)
    if not (username or ip):
        return 0
    cleared, _ = failures.delete()
    security_event_record(
        kind=SecurityEvent.Kind.UNLOCKED,
        request=request,
        user=acting_user,
        released_username=username,
        released_ip=ip,
        cleared=cleared,
    )
    return cleared

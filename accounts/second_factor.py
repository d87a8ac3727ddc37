"""The second factor (等保 2.0 GB/T 22239-2019 8.1.4.1 d: 两种或两种以上组合的鉴别技术) for the
roles that decide — commission staff and system administrators by default — through django-otp:
a TOTP app (time-based codes, RFC 6238) and ten single-use recovery codes.

Optional per deployment (``OTP_REQUIRED``, ``OTP_REQUIRED_ROLES``). When on, a user of those roles
logs in with the password, then enrols (first time) or gives a code before any other page
(``accounts.middleware.SessionPolicyMiddleware``); the API token endpoint asks for the code too, and
a token older than the user's current device is refused (``accounts.api``). The system
administrator resets a user's second factor when the phone is lost: the devices, the API token and
the user's sessions go, and the user enrols again at the next login."""

from __future__ import annotations

import django_otp
import qrcode
import qrcode.image.svg
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import SecurityEvent
from audit.services import security_event_record

RECOVERY_DEVICE_NAME = "recovery"


def second_factor_required(user) -> bool:
    """Whether this deployment asks ``user`` for a second factor."""
    if not settings.OTP_REQUIRED or not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser or user.role in settings.OTP_REQUIRED_ROLES)


def confirmed_totp(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()


def is_enrolled(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def enrolment_device(user) -> TOTPDevice:
    """The unconfirmed TOTP device being set up (one at a time): its key is shown as a QR code until
    the user proves the app has it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    return device or TOTPDevice.objects.create(user=user, name="default", confirmed=False)


def qr_svg(device: TOTPDevice) -> str:
    """The device's otpauth:// address as an inline SVG QR code, made here (no CDN, no network)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    return image.to_string(encoding="unicode")


def manual_key(device: TOTPDevice) -> str:
    """The key in base32 groups of four, for an app without a camera."""
    from base64 import b32encode

    text = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def _clean(token: str) -> str:
    return "".join((token or "").split()).lower()


@transaction.atomic
def enrolment_confirm(*, user, token: str, request=None) -> list[str] | None:
    """The user typed a code from the app: confirm the device, replace any older one, and issue new
    recovery codes — returned once, to be shown once; only their use is checked later. None if the
    code is wrong."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None or not device.verify_token(_clean(token)):
        security_event_record(
            kind=SecurityEvent.Kind.SECOND_FACTOR, request=request, user=user, action="enrol_failed"
        )
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = recovery_codes_issue(user=user)
    if request is not None:
        django_otp.login(request, device)
    security_event_record(
        kind=SecurityEvent.Kind.SECOND_FACTOR, request=request, user=user, action="enrolled"
    )
    return codes


def recovery_codes_issue(*, user) -> list[str]:
    """Ten new single-use recovery codes; the old ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(settings.OTP_RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def verify(*, user, token: str, request=None, session: bool = True):
    """Check a code from the app or a recovery code (used up). Returns the device that accepted it,
    or None; with ``session``, the request's session is marked verified. django-otp throttles each
    device after a failure (growing delays)."""
    token = _clean(token)
    accepted = None
    if token:
        for model in (TOTPDevice, StaticDevice):
            for device in model.objects.filter(user=user, confirmed=True):
                accepted = django_otp.verify_token(user, device.persistent_id, token)
                if accepted is not None:
                    break
            if accepted is not None:
                break
    if accepted is None:
        security_event_record(
            kind=SecurityEvent.Kind.SECOND_FACTOR, request=request, user=user, action="verify_failed"
        )
        return None
    if session and request is not None:
        request.session.cycle_key()
        django_otp.login(request, accepted)
    security_event_record(
        kind=SecurityEvent.Kind.SECOND_FACTOR,
        request=request,
        user=user,
        action="recovery_code_used" if isinstance(accepted, StaticDevice) else "verified",
    )
    return accepted


@transaction.atomic
def second_factor_reset(*, acting_user, user, request=None) -> None:
    """The system administrator removes a user's second factor (a lost phone): devices, the API
    token and every session of the user go; the user enrols again at the next login."""
    if not acting_user.is_sysadmin:
        raise PermissionDenied("仅系统管理员可以重置两步验证。")
    from rest_framework.authtoken.models import Token

    from .sessions import sessions_end

    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    Token.objects.filter(user=user).delete()
    sessions_end(user=user)
    security_event_record(
        kind=SecurityEvent.Kind.SECOND_FACTOR,
        request=request,
        user=acting_user,
        action="reset",
        target=user.get_username(),
    )

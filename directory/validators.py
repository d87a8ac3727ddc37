"""Checksums of the national identifiers: an error says which identifier and why."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def uscc_check_char(first17: str) -> str:
    total = sum(_USCC_ALPHABET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS))
    return _USCC_ALPHABET[(31 - total % 31) % 31]


def validate_uscc(value: str) -> None:
    """统一社会信用代码 (GB 32100-2015): 18 characters with a check character."""
    value = (value or "").upper()
    if len(value) != 18 or any(c not in _USCC_ALPHABET for c in value):
        raise ValidationError(
            _("统一社会信用代码应为18位数字或大写字母（不含I、O、Z、S、V）。"), code="uscc_format"
        )
    if uscc_check_char(value[:17]) != value[17]:
        raise ValidationError(_("统一社会信用代码校验位不正确，请核对。"), code="uscc_checksum")


def _ascii_digits(value: str) -> bool:
    """0-9 only: ``str.isdigit`` also accepts "³" and "٣", which ``int`` then refuses or stores."""
    return value.isascii() and value.isdigit()


def id_check_char(first17: str) -> str:
    return _ID_CHECK[sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS)) % 11]


def validate_id_number(value: str) -> None:
    """公民身份号码 (GB 11643-1999): 17 digits and a check character."""
    value = (value or "").upper()
    if len(value) != 18 or not _ascii_digits(value[:17]) or value[17] not in "0123456789X":
        raise ValidationError(_("身份证号应为18位，前17位为数字，末位为数字或X。"), code="id_format")
    if id_check_char(value[:17]) != value[17]:
        raise ValidationError(_("身份证号校验位不正确，请核对。"), code="id_checksum")


def validate_mobile(value: str) -> None:
    if not (len(value) == 11 and _ascii_digits(value) and value.startswith("1")):
        raise ValidationError(_("手机号应为以1开头的11位数字。"), code="mobile_format")


def mask_id_number(value: str) -> str:
    return f"{value[:6]}{'*' * 8}{value[-4:]}" if value else ""


def mask_mobile(value: str) -> str:
    return f"{value[:3]}****{value[-4:]}" if value else ""

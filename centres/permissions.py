"""Who may take which step of the centres workflow. Rows are scoped by the querysets; these
answer "may this user act here", never "may this user see this"."""

from __future__ import annotations

from accounts.models import Role
from core.errors import StepRefused


def _within(user, jurisdiction) -> bool:
    return bool(user.jurisdiction_id) and jurisdiction.path.startswith(user.jurisdiction.path)


def is_commission(user, jurisdiction) -> bool:
    """Commission staff of the centre's jurisdiction or one above it."""
    return user.is_sysadmin or (user.role == Role.COMMISSION and _within(user, jurisdiction))


def is_office(user, jurisdiction) -> bool:
    """The commission or its QC office (区质控办 does the selection work, 九龙坡 第三条)."""
    return is_commission(user, jurisdiction) or (user.role == Role.QC_OFFICE and _within(user, jurisdiction))


def is_host_user(user, institution) -> bool:
    return user.role == Role.HOST_SUBMITTER and user.institution_id == institution.pk


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise StepRefused(message, code="permission_denied")

"""Who may act, shared by every app's ``policies.py``. Rows are scoped by the querysets
(``core.scoping``): these answer "may this user take this action here", never "may they see it".

The decision on authority (one rule for documents and centres alike): an act of a commission —
issuing its documents, deciding about its centres — is taken by the staff of that commission
itself. A commission above it (a city over a district) oversees: it sees the district's records
and documents, but does not act in the district's name. The QC office acts where the rule set
gives it the work (区质控办, 九龙坡 第三条) within the same jurisdiction.

An app's ``policies.py`` writes one predicate per action from these, and the service, the view,
the template and the API all call that predicate::

    def may_approve_roster(user, roster) -> bool:
        return acts_for(user, roster.centre.jurisdiction)

    # service
    require(may_approve_roster(acting_user, roster), "只有本级卫生健康委可以批准委员会名单。")
    # template: {% if may.approve %}<button …>{% endif %}
"""

from __future__ import annotations

from accounts.models import Role

from .errors import NotAllowed


def is_writer(user) -> bool:
    """Logged in and allowed to change anything at all (an auditor never is)."""
    return bool(user and user.is_authenticated and not getattr(user, "is_read_only", False))


def oversees(user, jurisdiction) -> bool:
    """A jurisdiction-level user of ``jurisdiction`` or of one above it."""
    return bool(user.jurisdiction_id) and jurisdiction.path.startswith(user.jurisdiction.path)


def acts_for(user, jurisdiction, *, roles=(Role.COMMISSION,)) -> bool:
    """Staff of ``jurisdiction``'s own commission (``roles``), or a system administrator."""
    if not is_writer(user):
        return False
    return user.is_sysadmin or (user.role in roles and user.jurisdiction_id == jurisdiction.pk)


def acts_for_office(user, jurisdiction) -> bool:
    """The commission of ``jurisdiction`` or its QC office."""
    return acts_for(user, jurisdiction, roles=(Role.COMMISSION, Role.QC_OFFICE))


def is_staff_of(user, institution, *, roles=(Role.HOST_SUBMITTER,)) -> bool:
    """A hospital user (``roles``) of ``institution``."""
    return is_writer(user) and user.role in roles and user.institution_id == institution.pk


def is_person(user, person) -> bool:
    """The logged-in user is ``person`` (an expert acting on their own records)."""
    return is_writer(user) and user.person_id is not None and user.person_id == person.pk


def require(allowed: bool, message: str, code: str = "permission_denied") -> None:
    """Refuse with ``NotAllowed`` (403, recorded) unless ``allowed``."""
    if not allowed:
        raise NotAllowed(code, message)

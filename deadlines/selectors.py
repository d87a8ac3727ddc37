"""Reads of deadlines and messages, already scoped to the user."""

from __future__ import annotations

from django.db.models import Q

from accounts.models import INSTITUTION_ROLES, Role

from .models import Deadline, InboxMessage

COMMISSION_STAFF_ROLES = (Role.COMMISSION, Role.QC_OFFICE)
# Who may open the jurisdiction-wide list (a hospital or an expert sees only its own).
LIST_ROLES = {Role.COMMISSION, Role.QC_OFFICE, Role.DISTRICT_REVIEWER, Role.AUDITOR, Role.SYSADMIN}


def may_list_all(user) -> bool:
    return user.is_sysadmin or user.role in LIST_ROLES


def responsible_q(user) -> Q:
    """The deadlines that are this user's to meet or to chase: named for them, their person or
    their institution; for commission staff, those of their own jurisdiction that name nobody
    else, and every overdue one there (the sweep escalates those to them)."""
    q = Q(user=user)
    if user.person_id:
        q |= Q(person_id=user.person_id)
    if user.role in INSTITUTION_ROLES and user.institution_id:
        q |= Q(institution_id=user.institution_id)
    if user.role in COMMISSION_STAFF_ROLES and user.jurisdiction_id:
        q |= Q(jurisdiction_id=user.jurisdiction_id) & (
            Q(institution__isnull=True, person__isnull=True, user__isnull=True)
            | Q(state=Deadline.State.OVERDUE)
        )
    return q


def _with_relations(qs):
    return qs.select_related("jurisdiction", "institution", "person", "user")


def my_deadlines(*, user, include_closed: bool = False):
    qs = _with_relations(Deadline.objects.for_user(user).filter(responsible_q(user)))
    if not include_closed:
        qs = qs.pending()
    return qs.order_by("due_at", "pk")


def deadline_list(*, user, filters: dict | None = None):
    qs = _with_relations(Deadline.objects.for_user(user))
    filters = filters or {}
    if filters.get("state"):
        qs = qs.filter(state=filters["state"])
    if filters.get("kind"):
        qs = qs.filter(kind=filters["kind"])
    if filters.get("q"):
        qs = qs.filter(title__icontains=filters["q"])
    return qs.order_by("due_at", "pk")


def deadline_detail_queryset():
    return _with_relations(Deadline.objects.select_related("content_type", "created_by", "waived_by"))


def inbox(*, user):
    return InboxMessage.objects.for_user(user).order_by("-created_at", "-pk")


def unread_count(*, user) -> int:
    return InboxMessage.objects.for_user(user).filter(read_at__isnull=True).count()

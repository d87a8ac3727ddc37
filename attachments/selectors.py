"""Reads of attachments, already scoped to the user."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType

from accounts.models import Role
from core.scoping import ScopedQuerySet
from directory.models import Jurisdiction, Person

from . import kinds
from .models import Attachment


def subject_queryset(model) -> ScopedQuerySet | None:
    """The subject model's scoped queryset, or None when the model declares no scope (then
    nothing may be attached to it: we could not say who may see the files)."""
    qs = model._default_manager.all()
    return qs if isinstance(qs, ScopedQuerySet) else None


def follow_scope(subject, lookup: str | None, model):
    """The one ``model`` instance a scope lookup leads to from ``subject`` (``"jurisdiction__path"``
    → subject.jurisdiction, ``"pk"`` → subject), or None when it leads to many (a reverse
    relation) or nowhere."""
    if lookup is None:
        return None
    obj = subject
    parts = [p for p in lookup.split("__") if p != "pk"]
    if model is Jurisdiction and parts and parts[-1] == "path":
        parts = parts[:-1]
    for part in parts:
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    return obj if isinstance(obj, model) else None


def locked_reason(subject) -> str:
    """Why the record's files may not change now, or "": a record says it with an
    ``attachments_locked`` attribute (e.g. a submitted application, whose files are part of it)."""
    return getattr(subject, "attachments_locked", "") or ""


def subject_served_elsewhere(model) -> str:
    """Where the files of a record of ``model`` are handled, when its own app handles them and the
    generic views (upload, delete, download) must not: the model's ``attachments_served_by``."""
    return getattr(model, "attachments_served_by", "") or ""


def served_elsewhere(attachment) -> str:
    """Why the generic download must not serve this file, or "": its kind declares ``served_by``,
    or its record's model ``attachments_served_by`` (the owning app serves them itself)."""
    kind = kinds.get(attachment.kind)
    if kind is not None and kind.served_by:
        return kind.served_by
    return subject_served_elsewhere(ContentType.objects.get_for_id(attachment.subject_type_id).model_class())


def may_attach(*, user, subject) -> bool:
    """Whoever may see the record may attach files to it — except read-only roles (auditors), an
    expert only to a record that is their own (their profile, their review), not to the hospital
    they work at, and nobody while the record locks its files."""
    return subject.pk in attachable(user=user, subjects=[subject])


def attachable(*, user, subjects) -> set:
    """The keys of ``subjects`` (records of one model) that ``user`` may attach files to, as
    ``may_attach`` says of each, in one query whatever their number (a page of records)."""
    subjects = list(subjects)
    if not subjects or not user or not user.is_authenticated or user.is_read_only:
        return set()
    qs = subject_queryset(type(subjects[0]))
    if qs is None:
        return set()
    visible = set(qs.for_user(user).filter(pk__in=[s.pk for s in subjects]).values_list("pk", flat=True))
    expert = user.role == Role.EXPERT and not user.is_sysadmin
    return {
        s.pk
        for s in subjects
        if s.pk in visible
        and not locked_reason(s)
        and (not expert or follow_scope(s, qs.scope_person, Person) == user.person)
    }


def attachment_list(*, user, subject=None, kind: str | None = None):
    """Attachments the user may see that have not been deleted, newest first."""
    qs = Attachment.objects.for_user(user).alive().select_related("uploaded_by")
    if subject is not None:
        qs = qs.of(subject)
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def attachment_downloadable(*, user):
    """What the user may download: their scope's live files; auditors and system administrators
    also the deleted ones (a deletion withdraws a file, it never destroys the evidence)."""
    qs = Attachment.objects.for_user(user)
    if user.is_authenticated and (user.is_read_only or user.is_sysadmin):
        return qs
    return qs.alive()

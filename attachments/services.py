"""Writes of attachments: one function per business action, one transaction each."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from audit.models import SecurityEvent
from audit.services import security_event_record
from directory.models import Institution, Jurisdiction, Person

from . import kinds, selectors
from .models import Attachment
from .validation import validate_upload


def subject_scope(subject, *, acting_user=None) -> dict:
    """Where an attachment of ``subject`` belongs: jurisdiction, institution and person, read from
    the subject's own scope lookups (a model may say it itself with ``attachment_scope()``)."""
    if hasattr(subject, "attachment_scope"):
        scope = dict(subject.attachment_scope())
    else:
        qs = selectors.subject_queryset(type(subject))
        scope = {
            "jurisdiction": selectors.follow_scope(subject, qs.scope_path, Jurisdiction),
            "institution": selectors.follow_scope(subject, qs.scope_institution, Institution),
            "person": selectors.follow_scope(subject, qs.scope_person, Person),
        }
    scope.setdefault("institution", None)
    scope.setdefault("person", None)
    if scope.get("jurisdiction") is None and scope["institution"] is not None:
        scope["jurisdiction"] = scope["institution"].jurisdiction
    if scope.get("jurisdiction") is None and acting_user is not None and acting_user.jurisdiction_id:
        scope["jurisdiction"] = acting_user.jurisdiction
    if scope.get("jurisdiction") is None:
        raise ValidationError("无法确定该记录所属的行政区划，不能上传附件。", code="no_jurisdiction")
    return scope


@transaction.atomic
def attachment_store(
    *, file, kind: str, subject, acting_user, sensitive: bool = False, name: str | None = None
) -> Attachment:
    """Check and keep an uploaded file as an attachment of ``subject``. ``name`` overrides the
    file object's own name (what the user called it)."""
    if not selectors.may_attach(user=acting_user, subject=subject):
        raise PermissionDenied(selectors.locked_reason(subject) or "无权为该记录上传附件。")
    attachment_kind = kinds.get(kind)
    if attachment_kind is None or not attachment_kind.allows(subject):
        raise ValidationError(
            {"kind": ValidationError(f"附件类别“{kind}”不适用于该记录。", code="invalid_kind")}
        )
    checked = validate_upload(file, name=name)
    attachment = Attachment(
        original_name=checked.name,
        kind=attachment_kind.code,
        content_type=checked.file_type.content_type,
        size=checked.size,
        sha256=checked.sha256,
        sensitive=sensitive or attachment_kind.sensitive,
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=subject.pk,
        uploaded_by=acting_user,
        **subject_scope(subject, acting_user=acting_user),
    )
    # The name passed to the storage is ignored by ``storage_name``; the stored name is generated.
    attachment.file.save("upload", file, save=False)
    try:
        attachment.full_clean(exclude=["file"])
        attachment.save()
    except Exception:
        attachment.file.storage.delete(attachment.file.name)
        raise
    return attachment


@transaction.atomic
def attachment_delete(*, attachment: Attachment, acting_user, reason: str) -> Attachment:
    """Withdraw an attachment: it leaves the lists, the file and the record stay, and who, when
    and why are recorded (and the change trail keeps the before/after)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": ValidationError("请填写删除原因。", code="reason_required")})
    subject = attachment.subject
    if subject is None or not selectors.may_attach(user=acting_user, subject=subject):
        raise PermissionDenied(
            (subject is not None and selectors.locked_reason(subject)) or "无权删除该附件。"
        )
    now = timezone.now()
    # Conditional update: of two concurrent deletions, one wins and the other is told.
    changed = Attachment.objects.filter(pk=attachment.pk, deleted_at__isnull=True).update(
        deleted_at=now, deleted_by=acting_user, deletion_reason=reason[:500]
    )
    if not changed:
        raise ValidationError("该附件已被删除。", code="already_deleted")
    attachment.refresh_from_db()
    return attachment


def attachment_download_record(*, attachment: Attachment, request) -> None:
    """Record a download of a sensitive file (等保 2.0 安全审计) — or refuse it (403, recorded as a
    refused access) when its kind or record declares that its own app serves it
    (``selectors.served_elsewhere``): every generic download path calls this first."""
    where = selectors.served_elsewhere(attachment)
    if where:
        security_event_record(
            kind=SecurityEvent.Kind.REFUSED,
            request=request,
            model=Attachment._meta.label,
            lookup={"pk": str(attachment.pk)},
            served_by=where,
        )
        raise PermissionDenied(where)
    if attachment.sensitive:
        security_event_record(
            kind=SecurityEvent.Kind.DOWNLOAD,
            request=request,
            attachment=attachment.pk,
            name=attachment.original_name,
            sha256=attachment.sha256,
        )

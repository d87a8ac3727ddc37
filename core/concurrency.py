"""Stale edits (issue 15, ASVS V2.3): a form opened on a record that someone else changed before it
was sent is refused with the changes shown, never silently written over.

One mechanism for every edit form and the API, with no version column to add to each model:

- the form carries a signed **snapshot** of the record's edited fields as they were when it was
  opened (``edit_token``; a long text is kept as its hash);
- on submit, inside the service's transaction with the row locked, the stored record is compared
  with the snapshot; any field that differs is a ``StaleEdit`` (409, code ``stale_edit``) that
  names each field, what it was when the form was opened and what it is now. The form keeps what
  the user typed and carries a fresh snapshot, so sending it again overwrites knowingly;
- the API sends the snapshot's digest as the ``ETag`` of a record, and a ``PUT``/``PATCH`` with
  ``If-Match`` is refused with 412 and the same changes when the record moved on.

Use: ``guard_form(form, record, fields)`` when building the form, then run the service with
``core.forms.run_service`` (or call ``form.stale_guard.check()`` inside the transaction)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from django import forms
from django.core import signing
from django.db import models

from .errors import WrongState

SALT = "core.concurrency.edit"
LONG_TEXT = 200  # characters kept in the snapshot; a longer value is kept as its hash
STALE_EDIT = "stale_edit"


def _value(record: models.Model, name: str):
    field = record._meta.get_field(name)
    if field.many_to_many:
        return sorted(record.pk and getattr(record, name).values_list("pk", flat=True) or [])
    if field.is_relation:
        return getattr(record, field.attname)
    value = getattr(record, name)
    if isinstance(value, (dict, list)):
        return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return None if value is None else str(value)


def _display(record: models.Model, name: str) -> str:
    field = record._meta.get_field(name)
    if field.many_to_many:
        return "、".join(str(o) for o in getattr(record, name).all()) if record.pk else ""
    if field.is_relation:
        related = getattr(record, name)
        return "" if related is None else str(related)
    if field.choices:
        return str(getattr(record, f"get_{name}_display")())
    value = getattr(record, name)
    return "" if value is None else str(value)


# Personal data a snapshot never carries readable: the token is signed, not encrypted, and an API
# ETag reaches users who see these masked (PIPL; directory/masking). Kept as a keyed hash.
SENSITIVE = frozenset({"id_number", "mobile", "contact_mobile", "contact", "email", "contact_email"})
HIDDEN = "（不显示）"


def _digest(text: str) -> str:
    import hmac

    from django.conf import settings

    return "#" + hmac.new(settings.SECRET_KEY.encode(), text.encode(), hashlib.sha256).hexdigest()[:32]


def _kept(name: str, value, display: str) -> tuple:
    """What the snapshot keeps of one field: the value and how it reads; a long one, or personal
    data, as its keyed hash."""
    text = value if isinstance(value, str) else json.dumps(value, default=str)
    if name in SENSITIVE:
        return (_digest(text or ""), HIDDEN)
    if text is not None and len(text) > LONG_TEXT:
        return (_digest(text), display[:60] + "…")
    return (value, display)


def snapshot(record: models.Model, fields) -> dict:
    return {name: _kept(name, _value(record, name), _display(record, name)) for name in fields}


def edit_token(record: models.Model, fields) -> str:
    """The signed snapshot a form carries."""
    return signing.dumps(snapshot(record, fields), salt=SALT, compress=True)


def etag(record: models.Model, fields) -> str:
    """The API's ETag of a record: the signed snapshot itself (opaque to the client), so a refused
    ``If-Match`` can say what changed."""
    return '"' + edit_token(record, fields) + '"'


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    then: str
    now: str

    def __str__(self) -> str:
        return f"{self.label}：您打开时为「{self.then or '（空）'}」，现为「{self.now or '（空）'}」"


class StaleEdit(WrongState):
    """The record changed after the form was opened (409)."""

    def __init__(self, changes: list[Change], message: str = ""):
        self.changes = changes
        if not message:
            listed = "；".join(str(c) for c in changes)
            message = (
                "您打开此页面后，他人已修改了该记录，本次提交未保存（您填写的内容仍在下方）。"
                f"变化：{listed}。请核对后再次提交。"
                if changes
                else "表单已过期或不完整，本次提交未保存（您填写的内容仍在下方），请核对后再次提交。"
            )
        super().__init__(STALE_EDIT, message)

    def __str__(self) -> str:
        return self.message

    def as_violations(self) -> list[dict]:
        return [
            {"code": STALE_EDIT, "field": c.field, "message": str(c), "then": c.then, "now": c.now}
            for c in self.changes
        ]


def _label(record: models.Model, name: str, labels: dict) -> str:
    if name in labels:
        return str(labels[name])
    return str(record._meta.get_field(name).verbose_name)


def changes_between(record: models.Model, then: dict, fields, labels: dict | None = None) -> list[Change]:
    now = snapshot(record, fields)
    labels = labels or {}
    return [
        Change(name, _label(record, name, labels), str(then[name][1]), str(now[name][1]))
        for name in fields
        if name in then and list(then[name])[0] != list(now[name])[0]
    ]


def check_token(record: models.Model, token: str, fields, labels: dict | None = None, lock: bool = True):
    """Raise ``StaleEdit`` unless ``record`` (re-read, locked with ``lock`` — call inside the
    service's transaction) still matches the snapshot in ``token``. A missing or forged token is
    refused too: a form without one cannot say what it was based on."""
    try:
        then = signing.loads(token or "", salt=SALT)
    except signing.BadSignature:
        raise StaleEdit([]) from None
    if not isinstance(then, dict) or set(then) != set(fields):
        raise StaleEdit([])
    manager = type(record)._default_manager
    current = (manager.select_for_update() if lock else manager).get(pk=record.pk)
    changes = changes_between(current, then, fields, labels)
    if changes:
        raise StaleEdit(changes)


class StaleGuard:
    """Installed on a form by ``guard_form``: the hidden token, and the check."""

    FIELD = "edit_token"

    def __init__(self, form: forms.BaseForm, record: models.Model, fields):
        self.form, self.record, self.fields = form, record, list(fields)
        self.labels = {
            name: form.fields[name].label
            for name in self.fields
            if name in form.fields and form.fields[name].label
        }

    def check(self) -> None:
        token = self.form.data.get(self.form.add_prefix(self.FIELD), "") if self.form.is_bound else ""
        try:
            check_token(self.record, token, self.fields, self.labels)
        except StaleEdit:
            self.refresh()
            raise

    def refresh(self) -> None:
        """The form shown again carries the record's snapshot as it is now, and what was typed."""
        current = type(self.record)._default_manager.get(pk=self.record.pk)
        data = self.form.data.copy()
        data[self.form.add_prefix(self.FIELD)] = edit_token(current, self.fields)
        self.form.data = data


def guard_form(form: forms.BaseForm, record: models.Model | None, fields) -> forms.BaseForm:
    """Protect ``form``, an edit of ``record``'s ``fields``, against stale submits. Nothing to do for
    a new record (``record`` None)."""
    if record is None or record.pk is None:
        return form
    form.fields[StaleGuard.FIELD] = forms.CharField(
        widget=forms.HiddenInput, required=False, initial=edit_token(record, fields)
    )
    form.stale_guard = StaleGuard(form, record, fields)
    form_clean = form.clean

    def clean():  # the token is not data for the service
        data = form_clean()
        (data if data is not None else form.cleaned_data).pop(StaleGuard.FIELD, None)
        return data

    form.clean = clean
    return form


class PreconditionFailed(StaleEdit):
    """The API's answer to an ``If-Match`` that no longer matches (412), each change a violation."""

    status_code = 412

    def __init__(self, changes: list[Change]):
        super().__init__(changes)
        self.violations = self.as_violations()


def check_if_match(record: models.Model, header: str, fields) -> None:
    """``If-Match: "<etag>"`` on a PUT/PATCH (RFC 9110 13.1.1): refused with 412 and the changes
    when the record moved on since the client read it. ``*`` or no header: no condition."""
    from django.db import connection

    values = [v.strip() for v in (header or "").split(",") if v.strip()]
    if not values or "*" in values:
        return
    for value in values:
        token = value.removeprefix("W/").strip('"')
        try:
            check_token(record, token, fields, lock=connection.in_atomic_block)
            return
        except StaleEdit as refusal:
            changes = refusal.changes
    raise PreconditionFailed(changes)


def refuse_if_stale(form: forms.BaseForm) -> bool:
    """For a view that saves in more than one place: check a guarded form once, up front. True (and
    the changes on the form) if the record moved on since the form was opened."""
    from django.db import transaction

    guard = getattr(form, "stale_guard", None)
    if guard is None or not form.is_bound:
        return False
    try:
        with transaction.atomic():
            guard.check()
    except StaleEdit as refusal:
        form.add_error(None, refusal.message)
        return True
    return False

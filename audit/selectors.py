"""The change history of one record, as who / when / field / before / after."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from pghistory.models import Events

from core.scoping import ScopedQuerySet

ACTIONS = {"insert": "新建", "update": "修改", "delete": "删除"}


@dataclass
class Change:
    field: str
    label: str
    before: str
    after: str


@dataclass
class HistoryEntry:
    at: object
    action: str
    actor: str
    url: str
    changes: list[Change] = field(default_factory=list)


def _display(model, name: str, value, related: dict | None = None) -> str:
    """`value` as a person reads it. A foreign key's value is looked up in `related`
    ({(related model, pk): label}, loaded once per history by `_related_labels`), never one
    query per value: a centre with years of history would otherwise make one query per event."""
    if value is None or value == "":
        return "—"
    try:
        f = model._meta.get_field(name)
    except Exception:  # a column the model no longer has
        return str(value)
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(f, models.ForeignKey):
        label = (related or {}).get((f.related_model, _pk(f, value)))
        return label if label is not None else f"#{value}"
    if isinstance(f, models.BooleanField):
        return "是" if value else "否"
    if isinstance(f, models.DateTimeField):
        # as people write a time, in the product's time zone ("2026-12-01 11:44"), never ISO
        moment = parse_datetime(str(value))
        if moment is not None:
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment, dt.timezone.utc)
            return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")
    return str(value)


def trackable_model(app_label: str, model_name: str):
    """The model if it is tracked and scoped (so its history can be shown to whoever sees it)."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return None
    if not isinstance(model._default_manager.all(), ScopedQuerySet):
        return None
    if not any(getattr(m, "pgh_tracked_model", None) is model for m in apps.get_models()):
        return None
    return model


def record_history(obj, *, masked_fields: set[str] = frozenset()) -> list[HistoryEntry]:
    model = type(obj)
    events = list(Events.objects.tracks(obj).order_by("pgh_created_at", "pgh_id"))
    users = {
        u.pk: str(u)
        for u in get_user_model().objects.filter(
            pk__in={(e.pgh_context or {}).get("user") for e in events} - {None}
        )
    }
    related = _related_labels(model, events)
    entries, previous = [], {}
    for event in events:
        ctx = event.pgh_context or {}
        data = event.pgh_data or {}
        label = event.pgh_label
        names = [n for n in data if not n.startswith("pgh_")]
        changed = names if label == "insert" else [n for n in names if data.get(n) != previous.get(n)]
        changes = []
        for name in changed:
            f_name = name[:-3] if name.endswith("_id") and _is_fk(model, name[:-3]) else name
            before, after = previous.get(name), data.get(name)
            if f_name in masked_fields:
                before = after = "（已修改，内容已脱敏）"
            shown_before = "—" if label == "insert" else _display(model, f_name, before, related)
            shown_after = _display(model, f_name, after, related) if label != "delete" else "—"
            changes.append(
                Change(field=f_name, label=_label(model, f_name), before=shown_before, after=shown_after)
            )
        entries.append(
            HistoryEntry(
                at=event.pgh_created_at,
                action=ACTIONS.get(label, label),
                actor=users.get(ctx.get("user")) or ctx.get("actor") or "系统",
                url=ctx.get("url", ""),
                changes=changes,
            )
        )
        previous = data
    return entries


def _pk(f, value):
    try:
        return f.related_model._meta.pk.to_python(value)
    except Exception:  # a value that no longer fits the key (e.g. the column changed type)
        return value


def _related_labels(model, events) -> dict:
    """Every foreign-key value the events show, labelled with one query per related model
    (a fixed number however many events there are)."""
    wanted: dict = {}
    for event in events:
        for name, value in (event.pgh_data or {}).items():
            if value in (None, "") or not name.endswith("_id") or not _is_fk(model, name[:-3]):
                continue
            f = model._meta.get_field(name[:-3])
            wanted.setdefault(f.related_model, set()).add(_pk(f, value))
    labels = {}
    for related_model, pks in wanted.items():
        for obj in related_model._default_manager.filter(pk__in=pks):
            labels[(related_model, obj.pk)] = str(obj)
    return labels


def _is_fk(model, name: str) -> bool:
    try:
        return isinstance(model._meta.get_field(name), models.ForeignKey)
    except Exception:
        return False


def _label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:
        return name


def security_event_list(*, user):
    """The security audit as ``user`` may read it: everything for the system administrator, the
    events of users in their jurisdiction for an auditor, nothing for anyone else."""
    from .models import SecurityEvent

    events = SecurityEvent.objects.select_related("user").order_by("-at", "-pk")
    if not user.is_authenticated:
        return events.none()
    if user.is_sysadmin:
        return events
    if user.role != "auditor" or not user.jurisdiction_id:
        return events.none()
    return events.filter(user__jurisdiction__path__startswith=user.jurisdiction.path)

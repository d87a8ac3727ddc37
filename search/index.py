"""What is searchable and how each kind of record is written into the index."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from pypinyin import Style, lazy_pinyin

from .models import SearchEntry


def initials(text: str) -> str:
    """九龙坡区人民医院 → jlpqrmyy; letters and digits of other scripts are kept, the rest dropped."""
    letters = lazy_pinyin(text or "", style=Style.FIRST_LETTER, errors="default")
    return re.sub(r"[^a-z0-9]", "", "".join(letters).lower())


@dataclass(frozen=True)
class Searchable:
    kind: str
    model: str  # app_label.ModelName
    url_name: str
    title: Callable[[Any], str]
    subtitle: Callable[[Any], str]
    number: Callable[[Any], str] = lambda obj: ""
    select_related: tuple[str, ...] = ()

    @property
    def model_class(self):
        return apps.get_model(self.model)

    def url(self, object_id: int) -> str:
        return reverse(self.url_name, args=[object_id])

    def entry(self, obj) -> SearchEntry:
        title = (self.title(obj) or "")[:300]
        return SearchEntry(
            kind=self.kind,
            object_id=obj.pk,
            title=title,
            subtitle=(self.subtitle(obj) or "")[:300],
            number=(self.number(obj) or "")[:100],
            initials=initials(title)[:300],
        )


def _name(obj, attr):
    value = obj
    for part in attr.split("."):
        value = getattr(value, part, None)
        if value is None:
            return ""
    return str(value)


SEARCHABLES = [
    Searchable(
        "centre",
        "centres.Centre",
        "centres:detail",
        title=lambda c: c.name,
        subtitle=lambda c: f"{_name(c, 'jurisdiction.name')} · {c.get_status_display()}",
        select_related=("jurisdiction",),
    ),
    Searchable(
        "institution",
        "directory.Institution",
        "directory:institution_detail",
        title=lambda i: i.name,
        subtitle=lambda i: f"{_name(i, 'jurisdiction.name')} · {i.get_kind_display()}",
        number=lambda i: i.uscc,
        select_related=("jurisdiction",),
    ),
    Searchable(
        "person",
        "directory.Person",
        "directory:person_detail",
        title=lambda p: p.name,
        subtitle=lambda p: " · ".join(filter(None, [_name(p, "employer.name"), p.specialty, p.title])),
        select_related=("employer",),
    ),
    Searchable(
        "call",
        "centres.SelectionCall",
        "centres:call_detail",
        title=lambda c: c.title,
        subtitle=lambda c: f"{_name(c, 'centre.name')} · {c.get_status_display()}",
        select_related=("centre",),
    ),
    Searchable(
        "document",
        "documents.IssuedDocument",
        "documents:detail",
        title=lambda d: d.title,
        subtitle=lambda d: f"{d.number} · {d.issuer_name} · {d.dated:%Y-%m-%d}",
        number=lambda d: d.number,
    ),
]
BY_KIND = {s.kind: s for s in SEARCHABLES}


def _searchable_for(model) -> Searchable | None:
    label = model._meta.label
    return next((s for s in SEARCHABLES if s.model == label), None)


def index_object(obj) -> None:
    searchable = _searchable_for(type(obj))
    if searchable is None:
        return
    entry = searchable.entry(obj)
    SearchEntry.objects.update_or_create(
        kind=entry.kind,
        object_id=entry.object_id,
        defaults={
            "title": entry.title,
            "subtitle": entry.subtitle,
            "number": entry.number,
            "initials": entry.initials,
        },
    )


def unindex_object(obj) -> None:
    searchable = _searchable_for(type(obj))
    if searchable is not None:
        SearchEntry.objects.filter(kind=searchable.kind, object_id=obj.pk).delete()


def reindex(batch: int = 2000) -> int:
    """Rebuilds the whole index (after bulk imports, which send no signals). Returns the rows."""
    SearchEntry.objects.all().delete()
    total = 0
    for searchable in SEARCHABLES:
        qs = searchable.model_class._default_manager.select_related(*searchable.select_related).order_by("pk")
        buffer = []
        for obj in qs.iterator(chunk_size=batch):
            buffer.append(searchable.entry(obj))
            if len(buffer) >= batch:
                SearchEntry.objects.bulk_create(buffer)
                total += len(buffer)
                buffer = []
        SearchEntry.objects.bulk_create(buffer)
        total += len(buffer)
    return total


def _saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index_object(instance)


def _deleted(sender, instance, **kwargs):
    unindex_object(instance)


def connect_signals():
    for searchable in SEARCHABLES:
        model = searchable.model_class
        post_save.connect(_saved, sender=model, dispatch_uid=f"search-save-{searchable.kind}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"search-delete-{searchable.kind}")

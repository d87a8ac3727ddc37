"""Searching: what the user typed, matched against the index, within the user's scope only.

A query matches a record by its name (anywhere in it; a query of one or two characters, such as
a surname and given name "张伟", matches the start of the name), by the pinyin initials of its name ("jlp"
finds 九龙坡…), or by its number (文号 "九龙坡卫发〔2026〕3号", typed with ( ), （ ） or [ ] for 〔 〕;
an institution's 统一社会信用代码). Each kind is one query whose rows are restricted to the
record's ``for_user()`` queryset, so nothing outside the user's scope is ever found, and ranked:
exact name, name starting with the query, then shorter names first."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.functions import Length, Upper

from .index import SEARCHABLES
from .models import SearchEntry

MAX_QUERY = 100
BRACKETS = str.maketrans(
    {
        "(": "〔",
        ")": "〕",
        "（": "〔",
        "）": "〕",
        "[": "〔",
        "]": "〕",
        "【": "〔",
        "】": "〕",
        "［": "〔",
        "］": "〕",
    }
)


@dataclass(frozen=True)
class Hit:
    kind: str
    kind_label: str
    object_id: int
    title: str
    subtitle: str
    url: str


def normalise(q: str) -> str:
    return re.sub(r"\s+", "", (q or "").strip())[:MAX_QUERY]


SHORT = 3  # pg_trgm indexes a pattern of three characters or more


def _match(q: str) -> Q:
    upper = q.upper()
    if len(q) < SHORT:  # "张伟", "九龙": the start of a name, by the prefix index
        match = Q(title_upper__startswith=upper)
    else:
        match = Q(title_upper__contains=upper) | Q(number_upper__contains=upper.translate(BRACKETS))
    if re.fullmatch(r"[A-Za-z0-9]+", q):
        lower = q.lower()
        match |= Q(initials__startswith=lower) if len(lower) < SHORT else Q(initials__contains=lower)
    return match


def search(user, q: str, *, per_kind: int = 5, kinds: list[str] | None = None) -> list[Hit]:
    q = normalise(q)
    if not q or not user.is_authenticated:
        return []
    hits: list[Hit] = []
    match = _match(q)
    number_q = q.upper().translate(BRACKETS)
    for searchable in SEARCHABLES:
        if kinds and searchable.kind not in kinds:
            continue
        scoped = searchable.model_class._default_manager.for_user(user).values("pk")
        entries = (
            SearchEntry.objects.filter(kind=searchable.kind)
            .annotate(title_upper=Upper("title"), number_upper=Upper("number"))
            .filter(match, object_id__in=scoped)
            .annotate(
                rank=Case(
                    When(title=q, then=Value(0)),
                    When(number_upper=number_q, then=Value(0)),
                    When(title__startswith=q, then=Value(1)),
                    When(initials__startswith=q.lower(), then=Value(1)),
                    default=Value(2),
                    output_field=IntegerField(),
                ),
                length=Length("title"),
            )
            .order_by("rank", "length", "title")
            .values_list("object_id", "title", "subtitle")[:per_kind]
        )
        label = SearchEntry.Kind(searchable.kind).label
        hits += [
            Hit(searchable.kind, label, oid, title, subtitle, searchable.url(oid))
            for oid, title, subtitle in entries
        ]
    return hits

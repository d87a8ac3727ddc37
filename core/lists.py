"""One way to list records, for every list page (docs/lists.md).

A list declares its filters once, as a django-filter ``FilterSet`` subclass of ``ListFilterSet``;
the same class serves

- the page: ``list_page(request, ...)`` filters, sorts and pages, and ``core/_list.html``'s
  includes draw the filter bar, the sortable headers and "共 N 条" with the pages;
- the API: ``filterset_class = ThatFilterSet`` on the viewset (DjangoFilterBackend);
- the Excel export: ``ExportSpec(queryset=filtered(ThatFilterSet, selector), filter_labels=
  labels_of(ThatFilterSet))`` — the export form posts the filters in the URL, so the workbook
  holds the rows the page shows.

Filters live in the URL (GET), so a filtered, sorted list can be bookmarked and shared; paging
keeps them. The queryset given is already scoped to the user (``for_user``): a filter narrows,
never widens.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from types import SimpleNamespace

import django_filters
from django import forms
from django.db import connection
from django.db.models import F
from django.db.models.functions import Collate
from django.utils.translation import gettext_lazy

from .pagination import CappedPaginator

PAGE_SIZE = 50
ORDERING_PARAM = "ordering"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class DateRangeWidget(django_filters.widgets.DateRangeWidget):
    """Two native date pickers: ``<name>_after`` and ``<name>_before`` in the URL."""

    def __init__(self, attrs=None):
        forms.MultiWidget.__init__(self, (DateInput(attrs), DateInput(attrs)), attrs)


def date_range(label: str, field_name: str, **kwargs) -> django_filters.DateFromToRangeFilter:
    """From–to on a date (or the date of a datetime, in Asia/Shanghai): both ends included."""
    lookup = f"{field_name}__date" if kwargs.pop("datetime", False) else field_name
    return django_filters.DateFromToRangeFilter(
        field_name=lookup, label=label, widget=DateRangeWidget, **kwargs
    )


@functools.cache
def chinese_collation() -> str | None:
    """PostgreSQL's ICU collation for Chinese in pinyin order, if the server has ICU."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT collname FROM pg_collation WHERE collname IN ('zh-Hans-x-icu', 'zh-x-icu') "
            "ORDER BY collname DESC LIMIT 1"
        )
        row = cursor.fetchone()
    return row[0] if row else None


class PinyinOrderingFilter(django_filters.OrderingFilter):
    """Sorts the Chinese text columns named in ``chinese`` in pinyin order (彭 before 张), as people
    expect a list of names; by code point where the server has no ICU."""

    def __init__(self, *args, chinese=(), **kwargs):
        self.chinese = set(chinese)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        collation = chinese_collation() if self.chinese else None
        ordering = []
        for param in value:
            field = self.get_ordering_value(param)
            name = field.lstrip("-")
            if collation and name in self.chinese:
                expression = Collate(F(name), collation)
                ordering.append(expression.desc() if field.startswith("-") else expression.asc())
            else:
                ordering.append(field)
        return qs.order_by(*ordering)


def sort_by(*fields: tuple[str, str], chinese=()) -> django_filters.OrderingFilter:
    """The columns a list sorts by: ("name", "姓名"), ... — ``?ordering=name`` or ``-name``;
    those in ``chinese`` in pinyin order."""
    return PinyinOrderingFilter(
        fields=[(f, f) for f, _ in fields],
        field_labels=dict(fields),
        label=gettext_lazy("排序"),
        chinese=chinese,
    )


class ListFilterSet(django_filters.FilterSet):
    """Base of every list's filters. A subclass declares its filters and ``ordering =
    sort_by(...)``. ``request`` may be None (an export in the worker): give ``user=``."""

    def __init__(self, data=None, queryset=None, *, request=None, user=None, prefix=None):
        if request is None and user is not None:
            request = SimpleNamespace(user=user)
        super().__init__(data, queryset, request=request, prefix=prefix)
        for field in self.form.fields.values():
            if isinstance(field.widget, forms.TextInput) and not isinstance(field.widget, forms.DateInput):
                field.widget.attrs.setdefault("placeholder", field.label)


def user_of(request):
    """For a ModelChoiceFilter's queryset callable: the scope of the user filtering."""
    return getattr(request, "user", None)


def filtered(filterset_class, selector):
    """An ExportSpec queryset: the selector's rows for ``user``, narrowed by the list's filters."""

    def queryset(user, filters):
        return filterset_class(filters, selector(user=user), user=user).qs

    return queryset


def labels_of(filterset_class, **choices) -> dict:
    """ExportSpec.filter_labels from the FilterSet: every URL parameter the list accepts with its
    Chinese label (a date range gives two: 起 and 止), and the choices of a choice filter."""
    labels = {}
    for name, flt in filterset_class.base_filters.items():
        if name == ORDERING_PARAM:
            continue
        label = str(flt.label or name)
        if isinstance(flt, django_filters.DateFromToRangeFilter):
            labels[f"{name}_after"] = f"{label}（起）"
            labels[f"{name}_before"] = f"{label}（止）"
        elif name in choices:
            labels[name] = (label, choices[name])
        elif getattr(flt, "extra", {}).get("choices"):
            labels[name] = (label, flt.extra["choices"])
        else:
            labels[name] = label
    return labels


@dataclass(frozen=True)
class Column:
    """A column heading; ``sort`` is the ordering key it sorts by (None: not sortable)."""

    label: str
    sort: str | None = None


@dataclass(frozen=True)
class Header:
    label: str
    sort: str | None
    state: str  # "asc", "desc" or ""
    next: str  # the ordering a click asks for

    @property
    def aria_sort(self) -> str:
        return {"asc": "ascending", "desc": "descending"}.get(self.state, "none")


@dataclass
class ListPage:
    filter: ListFilterSet
    page: object
    headers: list[Header]
    export_params: list[tuple[str, str]]

    @property
    def count(self) -> int:
        return self.page.paginator.count

    @property
    def filtered(self) -> bool:
        return bool(self.export_params)


def list_page(
    request,
    *,
    queryset,
    filterset_class,
    columns: list[Column],
    page_size: int = PAGE_SIZE,
    default_ordering: str | None = None,
) -> ListPage:
    """Filter (from the URL), sort and page ``queryset`` for a list page."""
    fs = filterset_class(request.GET or None, queryset, request=request)
    qs = fs.qs if fs.is_bound else queryset
    if fs.is_bound and not fs.is_valid():
        qs = queryset.none()  # a malformed filter (a date that is not one) shows its error, no rows
    current = request.GET.get(ORDERING_PARAM, "") or default_ordering or ""
    if not request.GET.get(ORDERING_PARAM) and default_ordering:
        qs = qs.order_by(default_ordering, "pk")
    elif request.GET.get(ORDERING_PARAM) and fs.is_valid():
        qs = qs.order_by(*qs.query.order_by, "pk")  # a stable order across pages
    headers = []
    for col in columns:
        state = ""
        if col.sort and current == col.sort:
            state = "asc"
        elif col.sort and current == f"-{col.sort}":
            state = "desc"
        next_ordering = f"-{col.sort}" if state == "asc" else col.sort or ""
        headers.append(Header(col.label, col.sort, state, next_ordering))
    # capped: a province-wide list never counts its whole scope (core/pagination.py)
    page = CappedPaginator(qs, page_size).get_page(request.GET.get("page"))
    params = [(k, v) for k, v in request.GET.items() if k not in ("page", ORDERING_PARAM) and v]
    return ListPage(filter=fs, page=page, headers=headers, export_params=params)

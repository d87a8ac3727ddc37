"""The lists a user may export to Excel. A workflow app declares its list once, as data:

    register(ExportSpec(
        code="institutions", title="医疗机构名录",
        queryset=lambda user, filters: selectors.institution_list(user=user, filters=filters),
        columns=[Column("机构名称", "name", width=30), Column("开业日期", "opened_on", kind="date")],
        filter_labels={"q": "机构名称包含", "kind": ("机构类别", Institution.Kind.choices)},
    ))

The queryset function receives the exporting user and the cleaned filters and must return rows
already scoped to that user (a selector that calls ``for_user``). The engine (``writer.py``)
never sees a row the list page would not show.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.http import Http404

KINDS = ("text", "date", "datetime", "int", "decimal")
SENSITIVE = ("id", "mobile")


@dataclass(frozen=True)
class Column:
    """One column of the sheet: a Chinese heading and how to read the value from a row.

    ``accessor`` is a dotted attribute path ("employer.name"; a callable at the end, such as
    "get_kind_display", is called) or a function of the row. ``sensitive`` marks identity
    numbers ("id") and mobiles ("mobile"): masked unless the user may see them."""

    header: str
    accessor: str | Callable[[Any], Any]
    kind: str = "text"
    width: float = 16
    sensitive: str | None = None

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"Column {self.header!r}: kind must be one of {KINDS}, not {self.kind!r}")
        if self.sensitive not in (None, *SENSITIVE):
            raise ValueError(f"Column {self.header!r}: sensitive must be one of {SENSITIVE} or None")
        # split once, not once per cell: an export reads this a million times
        parts = () if callable(self.accessor) else tuple(self.accessor.split("."))
        object.__setattr__(self, "_parts", parts)

    def value(self, row) -> Any:
        if callable(self.accessor):
            return self.accessor(row)
        value = row
        for part in self._parts:
            if value is None:
                return None
            value = getattr(value, part)
            if callable(value):
                value = value()
        return value


@dataclass(frozen=True)
class ExportSpec:
    """An exportable list. ``filter_labels`` names the filters the list accepts, each with its
    Chinese label and, for a choice, the (value, label) pairs, so the cover sheet can say
    "机构类别：综合医院" rather than "kind=general". Filters not named here are dropped."""

    code: str
    title: str
    queryset: Callable[[Any, dict], Iterable]
    columns: list[Column]
    filter_labels: dict[str, str | tuple[str, Iterable[tuple[str, str]]]] = field(default_factory=dict)

    def clean_filters(self, raw) -> dict[str, str]:
        """Only the filters this list knows, as non-empty strings (a QueryDict or a dict)."""
        cleaned = {}
        for key in self.filter_labels:
            value = raw.get(key, "")
            value = str(value).strip() if value is not None else ""
            if value:
                cleaned[key] = value[:200]
        return cleaned

    def describe_filters(self, filters: dict) -> list[tuple[str, str]]:
        """[(label, value shown in Chinese)] for the filters in use, in declaration order."""
        described = []
        for key, spec in self.filter_labels.items():
            if not filters.get(key):
                continue
            label, choices = (spec, None) if isinstance(spec, str) else spec
            value = str(filters[key])
            described.append((label, dict(choices).get(value, value) if choices else value))
        return described


_REGISTRY: dict[str, ExportSpec] = {}


def register(spec: ExportSpec) -> ExportSpec:
    if spec.code in _REGISTRY and _REGISTRY[spec.code] is not spec:
        raise ValueError(f"An export named {spec.code!r} is already registered.")
    _REGISTRY[spec.code] = spec
    return spec


def unregister(code: str) -> None:
    _REGISTRY.pop(code, None)


def get_spec(code: str) -> ExportSpec | None:
    return _REGISTRY.get(code)


def get_spec_or_404(code: str) -> ExportSpec:
    spec = get_spec(code)
    if spec is None:
        raise Http404("没有该导出清单。")
    return spec


def all_specs() -> list[ExportSpec]:
    return list(_REGISTRY.values())

"""Datasets the product itself produces, which a data resource may stand for (source "dataset").
Each is a function of the resource returning (headers, rows), read through the owning app's
public selectors, never its models' writes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Dataset:
    code: str
    label: str
    rows: Callable  # resource -> (headers, rows)


def _centres(resource):
    from centres.models import Centre

    centres = (
        Centre.objects.filter(jurisdiction__path__startswith=resource.jurisdiction.path)
        .select_related("host", "leader", "specialty")
        .order_by("name")
    )
    headers = ["质控中心", "专业", "状态", "挂靠单位", "负责人"]
    rows = [
        [c.name, str(c.specialty), str(c.get_status_display()), str(c.host or ""), str(c.leader or "")]
        for c in centres
    ]
    return headers, rows


DATASETS: dict[str, Dataset] = {
    "centres.register": Dataset("centres.register", "质控中心名册（挂靠单位与负责人）", _centres),
}


def choices() -> list[tuple[str, str]]:
    return [(d.code, d.label) for d in DATASETS.values()]

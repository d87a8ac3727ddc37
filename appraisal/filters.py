"""The appraisal's list filters (core/lists.py, docs/lists.md)."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from centres.models import Centre
from core.lists import ListFilterSet, sort_by


class DutyCentreFilter(ListFilterSet):
    """年度履职: the running centres in scope, fifty to a page (issue 14: a province's 2,000 centres
    are judged a page at a time). ``year`` picks the year judged; it narrows no row."""

    year = django_filters.NumberFilter(label=_("年度"), method="keep", min_value=2000, max_value=2100)
    q = django_filters.CharFilter(label=_("中心或挂靠单位"), method="filter_q")
    ordering = sort_by(
        ("name", _("质控中心")),
        ("host__name", _("挂靠单位")),
        ("jurisdiction__path", _("行政区划")),
        chinese=("name", "host__name"),
    )

    class Meta:
        model = Centre
        fields = []

    def keep(self, queryset, name, value):
        return queryset

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(host__name__icontains=value))

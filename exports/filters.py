"""我的导出: filters of the job list (core/lists.py)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.lists import ListFilterSet, date_range, sort_by

from .models import ExportJob


class ExportJobFilter(ListFilterSet):
    q = django_filters.CharFilter(label=_("清单名称"), field_name="title", lookup_expr="icontains")
    status = django_filters.ChoiceFilter(
        label=_("状态"), choices=ExportJob.Status.choices, empty_label=_("全部状态")
    )
    created = date_range(_("创建日期"), "created_at", datetime=True)
    ordering = sort_by(
        ("title", _("导出清单")),
        ("status", _("状态")),
        ("rows_done", _("行数")),
        ("created_at", _("创建时间")),
    )

    class Meta:
        model = ExportJob
        fields = []

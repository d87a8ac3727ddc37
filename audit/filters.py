"""安全审计: who, what, when (core/lists.py)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.lists import ListFilterSet, date_range, sort_by

from .models import SecurityEvent


class SecurityEventFilter(ListFilterSet):
    username = django_filters.CharFilter(label=_("用户名"), lookup_expr="icontains")
    kind = django_filters.ChoiceFilter(
        label=_("事件"), choices=SecurityEvent.Kind.choices, empty_label=_("全部事件")
    )
    at = date_range(_("日期"), "at", datetime=True)
    ip = django_filters.CharFilter(label=_("IP地址"), method="filter_ip")
    ordering = sort_by(("at", _("时间")), ("kind", _("事件")), ("username", _("用户")), ("ip", _("IP地址")))

    class Meta:
        model = SecurityEvent
        fields = []

    def filter_ip(self, qs, name, value):
        return qs.filter(ip__startswith=value.strip()) if value.strip() else qs

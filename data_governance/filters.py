"""The lists' filters (core/lists.py): one FilterSet serves the page, the API and the Excel export."""

from __future__ import annotations

import django_filters

from core.lists import ListFilterSet, date_range, sort_by

from .models import AccessLog, Grant, PurposeCategory, UseRequest


class RequestFilter(ListFilterSet):
    status = django_filters.ChoiceFilter(
        label="状态", choices=UseRequest.Status.choices, empty_label="全部状态"
    )
    purpose_category = django_filters.ChoiceFilter(
        label="用途类别", choices=PurposeCategory.choices, empty_label="全部类别"
    )
    submitted = date_range("提交日期", "submitted_at", datetime=True)
    ordering = sort_by(
        ("pk", "编号"), ("starts_on", "起始日"), ("submitted_at", "提交时间"), ("status", "状态")
    )

    class Meta:
        model = UseRequest
        fields = []


class GrantFilter(ListFilterSet):
    number = django_filters.CharFilter(label="授权编号", lookup_expr="icontains")
    status = django_filters.ChoiceFilter(label="状态", choices=Grant.Status.choices, empty_label="全部状态")
    ends = date_range("截止日", "ends_on")
    ordering = sort_by(("number", "授权编号"), ("starts_on", "起始日"), ("ends_on", "截止日"))

    class Meta:
        model = Grant
        fields = []


class AccessLogFilter(ListFilterSet):
    user = django_filters.CharFilter(label="账号", field_name="user__username")
    grant = django_filters.CharFilter(label="授权编号", field_name="grant__number")
    resource = django_filters.CharFilter(label="数据资源编号", field_name="resource__code")
    action = django_filters.ChoiceFilter(
        label="方式", choices=AccessLog.Action.choices, empty_label="全部方式"
    )
    at = date_range("时间", "at", datetime=True)
    ordering = sort_by(("at", "时间"), ("user__username", "访问人"), ("amount", "数量"))

    class Meta:
        model = AccessLog
        fields = []

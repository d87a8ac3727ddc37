"""The lists' filters (core/lists.py): one FilterSet serves the page, the API and the Excel export.
Each narrows the user's scoped queryset (the selectors' ``for_user``); none widens it."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.lists import ListFilterSet, date_range, sort_by

from .models import (
    AccessLog,
    Classification,
    DataResource,
    Grant,
    PublicationReview,
    PurposeCategory,
    ThirdPartyTransfer,
    UseRequest,
)


class ResourceFilter(ListFilterSet):
    q = django_filters.CharFilter(label=_("编号或名称"), method="filter_q")
    classification = django_filters.ChoiceFilter(
        label=_("分级"), choices=Classification.choices, empty_label=_("全部分级")
    )
    source = django_filters.ChoiceFilter(
        label=_("来源"), choices=DataResource.Source.choices, empty_label=_("全部来源")
    )
    ordering = sort_by(
        ("code", _("编号")), ("name", _("名称")), ("classification", _("分级")), chinese=("name",)
    )

    class Meta:
        model = DataResource
        fields = []

    def filter_q(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(code__icontains=value) | Q(name__icontains=value)) if value else queryset


class RequestFilter(ListFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("状态"), choices=UseRequest.Status.choices, empty_label=_("全部状态")
    )
    purpose_category = django_filters.ChoiceFilter(
        label=_("用途类别"), choices=PurposeCategory.choices, empty_label=_("全部类别")
    )
    submitted = date_range(_("提交日期"), "submitted_at", datetime=True)
    ordering = sort_by(
        ("pk", _("编号")), ("starts_on", _("起始日")), ("submitted_at", _("提交时间")), ("status", _("状态"))
    )

    class Meta:
        model = UseRequest
        fields = []


class GrantFilter(ListFilterSet):
    number = django_filters.CharFilter(label=_("授权编号"), lookup_expr="icontains")
    status = django_filters.ChoiceFilter(
        label=_("状态"), choices=Grant.Status.choices, empty_label=_("全部状态")
    )
    ends = date_range(_("截止日"), "ends_on")
    ordering = sort_by(("number", _("授权编号")), ("starts_on", _("起始日")), ("ends_on", _("截止日")))

    class Meta:
        model = Grant
        fields = []


class AccessLogFilter(ListFilterSet):
    user = django_filters.CharFilter(label=_("账号"), field_name="user__username")
    grant = django_filters.CharFilter(label=_("授权编号"), field_name="grant__number")
    resource = django_filters.CharFilter(label=_("数据资源编号"), field_name="resource__code")
    action = django_filters.ChoiceFilter(
        label=_("方式"), choices=AccessLog.Action.choices, empty_label=_("全部方式")
    )
    at = date_range(_("时间"), "at", datetime=True)
    ordering = sort_by(("at", _("时间")), ("user__username", _("访问人")), ("amount", _("数量")))

    class Meta:
        model = AccessLog
        fields = []


class PublicationFilter(ListFilterSet):
    q = django_filters.CharFilter(label=_("题目"), field_name="title", lookup_expr="icontains")
    kind = django_filters.ChoiceFilter(
        label=_("成果类型"), choices=PublicationReview.Kind.choices, empty_label=_("全部类型")
    )
    status = django_filters.ChoiceFilter(
        label=_("状态"), choices=PublicationReview.Status.choices, empty_label=_("全部状态")
    )
    created = date_range(_("创建日期"), "created_at", datetime=True)
    ordering = sort_by(
        ("title", _("题目")), ("status", _("状态")), ("created_at", _("创建时间")), chinese=("title",)
    )

    class Meta:
        model = PublicationReview
        fields = []


class TransferFilter(ListFilterSet):
    q = django_filters.CharFilter(label=_("接收方"), field_name="recipient", lookup_expr="icontains")
    status = django_filters.ChoiceFilter(
        label=_("状态"), choices=ThirdPartyTransfer.Status.choices, empty_label=_("全部状态")
    )
    requested = date_range(_("申请日期"), "requested_at", datetime=True)
    ordering = sort_by(
        ("recipient", _("接收方")),
        ("requested_at", _("申请时间")),
        ("status", _("状态")),
        chinese=("recipient",),
    )

    class Meta:
        model = ThirdPartyTransfer
        fields = []

"""The centres' list filters (core/lists.py, docs/lists.md): one FilterSet per list serves its page,
its API endpoint (``filterset_class``) and its Excel export (``filtered``/``labels_of``). A filter
narrows the user's scoped rows; a jurisdiction outside the user's scope is an invalid choice."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.lists import ListFilterSet, date_range, sort_by, user_of
from directory.models import Jurisdiction
from rulesets.models import BODY_KIND_CHOICES

from .models import Application, Centre, HostingTerm, LeaderChange, QualityIncident, SelectionCall, Specialty


def _jurisdictions(request):
    user = user_of(request)
    return Jurisdiction.objects.for_user(user) if user is not None else Jurisdiction.objects.none()


def _jurisdiction_filter(path: str):
    """区划 with everything below it (one indexed prefix query on the materialised path)."""
    return django_filters.ModelChoiceFilter(
        label=_("行政区划（含下级）"),
        field_name=path.removesuffix("__path"),  # the relation, so the API schema knows its id type
        queryset=_jurisdictions,
        method=lambda qs, name, value: qs.filter(**{f"{path}__startswith": value.path}),
        empty_label=_("全部区划"),
    )


def _hidden_id(field_name: str, label):
    """An id the API and a link narrow by (``?centre=7``), not shown in the filter bar."""
    return django_filters.NumberFilter(field_name=field_name, label=label, widget=forms.HiddenInput)


class CentreFilter(ListFilterSet):
    q = django_filters.CharFilter(label=_("名称或专业"), method="filter_q")
    status = django_filters.ChoiceFilter(
        label=_("状态"), choices=Centre.Status.choices, empty_label=_("全部状态")
    )
    body_kind = django_filters.ChoiceFilter(
        label=_("类型"), choices=BODY_KIND_CHOICES, empty_label=_("全部类型")
    )
    jurisdiction = _jurisdiction_filter("jurisdiction__path")
    specialty = django_filters.ModelChoiceFilter(
        label=_("专业"), queryset=Specialty.objects.order_by("name"), empty_label=_("全部专业")
    )
    ordering = sort_by(
        ("name", _("名称")),
        ("specialty__name", _("专业")),
        ("jurisdiction__path", _("行政区划")),
        ("host__name", _("挂靠单位")),
        ("leader__name", _("负责人")),
        ("status", _("状态")),
        ("created_at", _("设置时间")),
        chinese=("name", "specialty__name", "host__name", "leader__name"),
    )

    class Meta:
        model = Centre
        fields = []

    def filter_q(self, qs, name, value):
        return qs.filter(Q(name__icontains=value) | Q(specialty__name__icontains=value))


class CallFilter(ListFilterSet):
    q = django_filters.CharFilter(label=_("标题或中心名称"), method="filter_q")
    status = django_filters.ChoiceFilter(
        label=_("状态"), choices=SelectionCall.Status.choices, empty_label=_("全部状态")
    )
    method = django_filters.ChoiceFilter(
        label=_("方式"), choices=SelectionCall.Method.choices, empty_label=_("全部方式")
    )
    jurisdiction = _jurisdiction_filter("centre__jurisdiction__path")
    published = date_range(_("发布日期"), "published_at", datetime=True)
    centre = _hidden_id("centre", _("质控中心"))
    ordering = sort_by(
        ("title", _("标题")),
        ("centre__name", _("质控中心")),
        ("method", _("方式")),
        ("status", _("状态")),
        ("published_at", _("发布时间")),
        ("application_deadline", _("申报截止时间")),
        chinese=("title", "centre__name"),
    )

    class Meta:
        model = SelectionCall
        fields = []

    def filter_q(self, qs, name, value):
        return qs.filter(Q(title__icontains=value) | Q(centre__name__icontains=value))


class ApplicationFilter(ListFilterSet):
    q = django_filters.CharFilter(label=_("申请单位或公告标题"), method="filter_q")
    status = django_filters.ChoiceFilter(
        label=_("状态"), choices=Application.Status.choices, empty_label=_("全部状态")
    )
    jurisdiction = _jurisdiction_filter("call__centre__jurisdiction__path")
    submitted = date_range(_("提交日期"), "submitted_at", datetime=True)
    call = _hidden_id("call", _("遴选公告"))
    institution = _hidden_id("institution", _("申请单位"))
    ordering = sort_by(
        ("institution__name", _("申请单位")),
        ("call__title", _("遴选公告")),
        ("status", _("状态")),
        ("submitted_at", _("提交时间")),
        chinese=("institution__name", "call__title"),
    )

    class Meta:
        model = Application
        fields = []

    def filter_q(self, qs, name, value):
        return qs.filter(Q(institution__name__icontains=value) | Q(call__title__icontains=value))


class TermFilter(ListFilterSet):
    q = django_filters.CharFilter(label=_("中心或挂靠单位"), method="filter_q")
    status = django_filters.ChoiceFilter(
        label=_("状态"), choices=HostingTerm.Status.choices, empty_label=_("全部状态")
    )
    jurisdiction = _jurisdiction_filter("centre__jurisdiction__path")
    ends = date_range(_("届满日"), "ends_on")
    centre = _hidden_id("centre", _("质控中心"))
    ordering = sort_by(
        ("centre__name", _("质控中心")),
        ("number", _("周期")),
        ("host__name", _("挂靠单位")),
        ("starts_on", _("起始日")),
        ("ends_on", _("届满日")),
        ("status", _("状态")),
        chinese=("centre__name", "host__name"),
    )

    class Meta:
        model = HostingTerm
        fields = []

    def filter_q(self, qs, name, value):
        return qs.filter(Q(centre__name__icontains=value) | Q(host__name__icontains=value))


class LeaderChangeFilter(ListFilterSet):
    q = django_filters.CharFilter(label=_("中心名称"), field_name="centre__name", lookup_expr="icontains")
    status = django_filters.ChoiceFilter(
        label=_("状态"), choices=LeaderChange.Status.choices, empty_label=_("全部状态")
    )
    jurisdiction = _jurisdiction_filter("centre__jurisdiction__path")
    vacated = date_range(_("离任日期"), "vacated_on")
    centre = _hidden_id("centre", _("质控中心"))
    ordering = sort_by(
        ("centre__name", _("质控中心")),
        ("vacated_on", _("离任日期")),
        ("due_at", _("推荐期限")),
        ("status", _("状态")),
        chinese=("centre__name",),
    )

    class Meta:
        model = LeaderChange
        fields = []


class IncidentFilter(ListFilterSet):
    q = django_filters.CharFilter(
        label=_("机构名称"), field_name="institution__name", lookup_expr="icontains"
    )
    occurred = date_range(_("发生日期"), "occurred_on")
    ordering = sort_by(
        ("occurred_on", _("发生日期")),
        ("institution__name", _("医疗机构")),
        ("department", _("科室/专业")),
        chinese=("institution__name",),
    )

    class Meta:
        model = QualityIncident
        fields = []

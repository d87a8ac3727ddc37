"""The jurisdiction's deadlines: one filter definition for the list page and the API (core/lists.py)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.lists import ListFilterSet, date_range, sort_by, user_of
from directory.models import Jurisdiction

from . import kinds
from .models import Deadline


def _jurisdictions(request):
    user = user_of(request)
    return Jurisdiction.objects.for_user(user) if user is not None else Jurisdiction.objects.none()


class DeadlineFilter(ListFilterSet):
    q = django_filters.CharFilter(label=_("事项"), field_name="title", lookup_expr="icontains")
    state = django_filters.ChoiceFilter(
        label=_("状态"), choices=Deadline.State.choices, empty_label=_("全部状态")
    )
    kind = django_filters.ChoiceFilter(label=_("类型"), choices=kinds.choices, empty_label=_("全部类型"))
    jurisdiction = django_filters.ModelChoiceFilter(
        label=_("行政区划（含下级）"),
        queryset=_jurisdictions,
        method="filter_jurisdiction",
        empty_label=_("全部区划"),
    )
    responsible = django_filters.CharFilter(label=_("责任方"), method="filter_responsible")
    due = date_range(_("截止日期"), "due_at", datetime=True)
    institution = django_filters.NumberFilter(
        label=_("机构"), field_name="institution_id", widget=forms.HiddenInput
    )
    ordering = sort_by(
        ("title", _("事项")),
        ("kind", _("类型")),
        ("jurisdiction__path", _("行政区划")),
        ("due_at", _("截止时间")),
        ("state", _("状态")),
        ("created_at", _("创建时间")),
        chinese=("title",),
    )

    class Meta:
        model = Deadline
        fields = []

    def filter_responsible(self, qs, name, value):
        """The institution, person or user responsible, by name."""
        value = value.strip()
        return qs.filter(
            Q(institution__name__icontains=value)
            | Q(person__name__icontains=value)
            | Q(user__display_name__icontains=value)
            | Q(user__username__iexact=value)
        )

    def filter_jurisdiction(self, qs, name, value):
        return qs.filter(jurisdiction__path__startswith=value.path)

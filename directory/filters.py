"""The directory's list filters: one definition for the list pages, the API and the Excel export
(core/lists.py)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.lists import ListFilterSet, sort_by, user_of

from .models import Institution, Jurisdiction, Person


def _jurisdictions(request):
    user = user_of(request)
    return Jurisdiction.objects.for_user(user) if user is not None else Jurisdiction.objects.none()


class InstitutionFilter(ListFilterSet):
    q = django_filters.CharFilter(label=_("机构名称或信用代码"), method="filter_q")
    kind = django_filters.ChoiceFilter(
        label=_("机构类别"), choices=Institution.Kind.choices, empty_label=_("全部类别")
    )
    grade = django_filters.ChoiceFilter(
        label=_("等级"), choices=Institution.Grade.choices, empty_label=_("全部等级")
    )
    ownership = django_filters.ChoiceFilter(
        label=_("经营性质"), choices=Institution.Ownership.choices, empty_label=_("全部性质")
    )
    jurisdiction = django_filters.ModelChoiceFilter(
        label=_("所在区划（含下级）"),
        queryset=_jurisdictions,
        method="filter_jurisdiction",
        empty_label=_("全部区划"),
    )
    ordering = sort_by(
        ("name", _("机构名称")),
        ("kind", _("类别")),
        ("grade", _("等级")),
        ("ownership", _("性质")),
        ("jurisdiction__path", _("所在区划")),
        ("opened_on", _("开业日期")),
        chinese=("name",),
    )

    class Meta:
        model = Institution
        fields = []

    def filter_q(self, qs, name, value):
        return qs.filter(Q(name__icontains=value) | Q(uscc__iexact=value.strip()))

    def filter_jurisdiction(self, qs, name, value):
        return qs.filter(jurisdiction__path__startswith=value.path)


class PersonFilter(ListFilterSet):
    q = django_filters.CharFilter(label=_("姓名"), field_name="name", lookup_expr="icontains")
    sex = django_filters.ChoiceFilter(label=_("性别"), choices=Person.Sex.choices, empty_label=_("全部性别"))
    title_level = django_filters.ChoiceFilter(
        label=_("职称级别"), choices=Person.TitleLevel.choices, empty_label=_("全部职称级别")
    )
    specialty = django_filters.CharFilter(label=_("专业"), lookup_expr="icontains")
    employment = django_filters.ChoiceFilter(
        label=_("在职状态"), choices=Person.Employment.choices, empty_label=_("全部状态")
    )
    # From an institution's page ("本机构人员"): carried in the URL, not a field of the bar.
    employer = django_filters.NumberFilter(
        label=_("工作单位"), field_name="employer_id", widget=forms.HiddenInput
    )
    ordering = sort_by(
        ("name", _("姓名")),
        ("sex", _("性别")),
        ("title_level", _("职称级别")),
        ("specialty", _("专业")),
        ("employer__name", _("工作单位")),
        ("employment", _("在职状态")),
        chinese=("name", "specialty", "employer__name"),
    )

    class Meta:
        model = Person
        fields = []

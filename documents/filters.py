"""The register's filters: one definition for the list page and the API (core/lists.py)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.lists import ListFilterSet, date_range, sort_by

from .models import IssuedDocument
from .types import all_types


def _type_choices():
    return [(t.code, t.label) for t in all_types()]


class DocumentFilter(ListFilterSet):
    q = django_filters.CharFilter(label=_("标题或文号"), method="filter_q")
    doc_type = django_filters.ChoiceFilter(label=_("文种"), choices=_type_choices, empty_label=_("全部文种"))
    year = django_filters.NumberFilter(label=_("年份"), min_value=1949, max_value=2100)
    status = django_filters.ChoiceFilter(
        label=_("生成状态"), choices=IssuedDocument.Status.choices, empty_label=_("全部状态")
    )
    dated = date_range(_("成文日期"), "dated")
    issuer_code = django_filters.CharFilter(label=_("发文机关代字"), field_name="issuer_code")
    ordering = sort_by(
        ("number", _("发文字号")),
        ("title", _("标题")),
        ("issuer_name", _("发文机关")),
        ("dated", _("成文日期")),
        ("version", _("版本")),
        ("status", _("状态")),
        chinese=("title", "issuer_name"),
    )

    class Meta:
        model = IssuedDocument
        fields = []

    def filter_q(self, qs, name, value):
        # 文号 as typed or pasted: "九龙坡卫发〔2026〕3号", also with ( ) or [ ] for 〔 〕.
        value = value.strip()
        normalised = value.replace("(", "〔").replace(")", "〕").replace("[", "〔").replace("]", "〕")
        normalised = normalised.replace("（", "〔").replace("）", "〕")
        return qs.filter(Q(title__icontains=value) | Q(number__icontains=normalised))

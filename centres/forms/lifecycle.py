"""Forms of a centre's life after establishment (centres/views/lifecycle.py): leader changes, the
end-of-term decision, dissolution, handover. Field cleaning only; the rules are the services'."""

from django import forms
from django.db.models.utils import get_blank_choice_label
from django.utils.translation import gettext, gettext_lazy

from core.fields import ScopedForm, ScopedModelChoiceField
from core.widgets import DateInput
from directory.models import Institution, Person
from rulesets.models import RuleSetAssignment

from .. import selectors
from ..models import Dissolution, TermDecision
from ..services.lifecycle import PARTY_LABELS


class VacateForm(forms.Form):
    vacated_on = forms.DateField(label=gettext_lazy("离任日期"), widget=DateInput())
    reason = forms.CharField(label=gettext_lazy("离任原因"), widget=forms.Textarea(attrs={"rows": 3}))


class NominateForm(ScopedForm):
    person = ScopedModelChoiceField(Person.objects.all(), label=gettext_lazy("推荐人选"))
    justification = forms.CharField(
        label=gettext_lazy("偏离“原则上”条款的理由"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("仅当人选不符合“原则上”条款时填写"),
    )

    def __init__(self, *args, centre, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["person"].queryset = selectors.nominable_leaders(centre)


class ApproveForm(forms.Form):
    justification = forms.CharField(
        label=gettext_lazy("偏离“原则上”条款的批准理由"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReselectForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("重新遴选理由"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("推荐人选不符合主任基本条件，或无法承担相应工作任务"),
    )


class TermDecisionForm(forms.Form):
    """One select per appraisal year of the term; the grades come from the appraisal (or are typed in
    from its results) and feed the rule engine's proposal."""

    outcome = forms.ChoiceField(
        label=gettext_lazy("决定"), choices=TermDecision.Outcome.choices, widget=forms.RadioSelect
    )
    reasons = forms.CharField(
        label=gettext_lazy("决定理由"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("与规则引擎建议不同时，须说明理由（九龙坡 第二十二条（一））"),
    )

    def __init__(self, *args, years, grades, **kwargs):
        super().__init__(*args, **kwargs)
        for year in years:
            self.fields[f"grade_{year}"] = forms.ChoiceField(
                label=gettext("%(year)s年度考核等次") % {"year": year},
                choices=[("", get_blank_choice_label()), *grades],
            )
        self.years = years
        self.order_fields([f"grade_{y}" for y in years] + ["outcome", "reasons"])

    def grades(self) -> dict[int, str]:
        return {y: self.cleaned_data[f"grade_{y}"] for y in self.years}


class DissolveForm(forms.Form):
    cause = forms.ChoiceField(label=gettext_lazy("原因类别"), choices=Dissolution.Cause.choices)
    article = forms.CharField(
        label=gettext_lazy("依据条款"),
        max_length=50,
        required=False,
        help_text=gettext_lazy("留空则按规则集引用（如九龙坡 第二十条、济南 第十七条）"),
    )
    reason = forms.CharField(label=gettext_lazy("事实与理由"), widget=forms.Textarea(attrs={"rows": 4}))


class HandoverOpenForm(ScopedForm):
    from_host = ScopedModelChoiceField(Institution.objects.all(), label=gettext_lazy("原挂靠单位"))
    to_host = ScopedModelChoiceField(Institution.objects.all(), label=gettext_lazy("新挂靠单位"))

    def __init__(self, *args, user, centre, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        institutions = selectors.receiving_hosts(centre, user).order_by("name")
        self.fields["from_host"].queryset = institutions
        self.fields["to_host"].queryset = institutions


class HandoverItemForm(forms.Form):
    code = forms.CharField(widget=forms.HiddenInput)
    done = forms.BooleanField(label=gettext_lazy("已交接"), required=False)
    note = forms.CharField(label=gettext_lazy("说明"), required=False, max_length=200)


class HandoverSignForm(forms.Form):
    party = forms.ChoiceField(choices=list(PARTY_LABELS.items()), widget=forms.HiddenInput)


class HandoverSettingForm(ScopedForm):
    assignment = ScopedModelChoiceField(
        RuleSetAssignment.objects.select_related("jurisdiction"), label=gettext_lazy("行政区划与规则集")
    )
    months = forms.IntegerField(label=gettext_lazy("交接期限（月）"), min_value=1, max_value=24)
    basis = forms.CharField(
        label=gettext_lazy("依据文件"),
        max_length=200,
        help_text=gettext_lazy("如：卫健委关于质控中心交接时限的通知及文号"),
    )

    def __init__(self, *args, assignments, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["assignment"].queryset = RuleSetAssignment.objects.filter(
            pk__in=[a.pk for a in assignments]
        ).select_related("jurisdiction")
        self.fields["assignment"].label_from_instance = lambda a: (
            f"{a.jurisdiction.full_name} · {a.ruleset_code}"
        )

"""Forms of setting up a centre and selecting its host (centres/views/selection.py). Field cleaning
only; the rules are the services'."""

from django import forms
from django.db.models.utils import get_blank_choice_label
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_lazy

from core.fields import ScopedForm, ScopedModelChoiceField
from core.widgets import DateInput
from directory.models import Institution, Jurisdiction, Person
from rulesets.models import BODY_KIND_CHOICES

from ..models import (
    OBJECTION_MAX_LENGTH,
    Application,
    Objection,
    PreliminaryReview,
    SelectionCall,
)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class CentreForm(ScopedForm):
    jurisdiction = ScopedModelChoiceField(Jurisdiction.objects.all(), label=gettext_lazy("行政区划"))
    body_kind = forms.ChoiceField(
        label=gettext_lazy("类型"), choices=lambda: [("", get_blank_choice_label()), *BODY_KIND_CHOICES]
    )
    specialty = forms.CharField(label=gettext_lazy("专业领域"), max_length=50)
    work_direction = forms.CharField(label=gettext_lazy("工作方向"), max_length=50, required=False)
    category = forms.CharField(
        label=gettext_lazy("类别"),
        max_length=30,
        required=False,
        help_text=gettext_lazy("如：临床类、医技类、管理类（济南）"),
    )
    name = forms.CharField(
        label=gettext_lazy("名称"),
        max_length=100,
        help_text=gettext_lazy("如：九龙坡区心血管内科医疗质量控制中心"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        if not user.is_sysadmin:  # a centre is set up by its own jurisdiction (centres.policies)
            self.fields["jurisdiction"].queryset = Jurisdiction.objects.filter(pk=user.jurisdiction_id)


class CallForm(forms.Form):
    method = forms.ChoiceField(label=gettext_lazy("方式"), choices=SelectionCall.Method.choices)
    title = forms.CharField(label=gettext_lazy("标题"), max_length=200)
    conditions = forms.CharField(
        label=gettext_lazy("申报条件"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    application_deadline = forms.DateTimeField(
        label=gettext_lazy("申报截止时间"),
        required=False,
        widget=DateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    designation_reason = forms.CharField(
        label=gettext_lazy("指定理由"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=gettext_lazy("以指定方式确定挂靠单位时必填（九龙坡 第五条）"),
    )


# What a form opened on an application compares before saving (core/concurrency.py), web and API.
APPLICATION_EDITED_FIELDS = ("sections", "proposed_leader", "justification", "status")


class ApplicationForm(ScopedForm):
    """The sections come from the rule set in force (application.required_sections)."""

    proposed_leader = ScopedModelChoiceField(
        Person.objects.all(),
        label=gettext_lazy("拟任负责人"),
        required=False,
    )
    justification = forms.CharField(
        label=gettext_lazy("偏离“原则上”条款的理由"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("仅当申请不符合“原则上”条款时填写，由卫健委审批"),
    )

    def __init__(self, *args, sections, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        # the host's own staff (主任由挂靠单位正式在职工作人员担任); the rule set then judges the person
        self.fields["proposed_leader"].queryset = Person.objects.filter(employer=user.institution_id)
        self.section_names = []
        for item in sections:
            name = f"section_{item.code}"
            # saved as a draft while empty, required to submit: marked * (the field's show_required)
            self.fields[name] = forms.CharField(
                label=item.label,
                required=False,
                widget=forms.Textarea(attrs={"rows": 4, "aria-required": "true"}),
            )
            self.fields[name].show_required = True
            self.section_names.append((item.code, name))
        self.order_fields([n for _, n in self.section_names] + ["proposed_leader", "justification"])

    def sections(self) -> dict:
        return {code: self.cleaned_data.get(name, "") for code, name in self.section_names}


class PreliminaryReviewForm(forms.Form):
    outcome = forms.ChoiceField(label=gettext_lazy("初审结论"), choices=PreliminaryReview.Outcome.choices)
    comments = forms.CharField(
        label=gettext_lazy("意见"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class PanelAddForm(ScopedForm):
    person = ScopedModelChoiceField(Person.objects.select_related("employer"), label=gettext_lazy("评审专家"))


class ScoreForm(forms.Form):
    criterion = forms.CharField(label=gettext_lazy("评分项"), max_length=100, initial="综合评分")
    score = forms.DecimalField(
        label=gettext_lazy("得分"),
        min_value=0,
        max_value=100,
        decimal_places=1,
        help_text=gettext_lazy("0–100分，可保留一位小数"),
    )
    comment = forms.CharField(
        label=gettext_lazy("评语"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        if criteria:  # the rule set's criteria, to choose from
            self.fields["criterion"] = forms.ChoiceField(
                label=gettext("评分项"), choices=[(c, c) for c, _ in criteria]
            )


class CloseForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("提前截止理由"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("在公布的申报截止时间之前截止时必填，如：申请单位撤回、无单位申报"),
    )


class ConflictForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("利益冲突情况"), widget=forms.Textarea(attrs={"rows": 2}))


class SelectForm(ScopedForm):
    application = ScopedModelChoiceField(Application.objects.all(), label=gettext_lazy("挂靠单位（申请）"))
    reasons = forms.CharField(label=gettext_lazy("择优理由"), widget=forms.Textarea(attrs={"rows": 3}))
    justification = forms.CharField(
        label=gettext_lazy("偏离“原则上”条款的批准理由"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    missing_scores_reason = forms.CharField(
        label=gettext_lazy("缺评原因"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "有评审专家未评分时填写（如因病未参加答辩）；否则须等待全部评审专家评分（九龙坡 第七条（二））"
        ),
    )

    def __init__(self, *args, applications, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["application"].queryset = applications


class DesignationForm(ScopedForm):
    institution = ScopedModelChoiceField(Institution.objects.all(), label=gettext_lazy("指定挂靠单位"))
    leader = ScopedModelChoiceField(Person.objects.select_related("employer"), label=gettext_lazy("负责人"))
    reasons = forms.CharField(label=gettext_lazy("指定理由"), widget=forms.Textarea(attrs={"rows": 3}))


class NoticeForm(forms.Form):
    starts_on = forms.DateField(label=gettext_lazy("公示起始日"), widget=DateInput())
    working_days = forms.IntegerField(label=gettext_lazy("公示工作日数"), min_value=1, max_value=60)
    body = forms.CharField(
        label=gettext_lazy("公示正文"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("留空则按择优结果自动生成"),
    )


class ObjectionForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("姓名或单位"), max_length=100)
    contact = forms.CharField(label=gettext_lazy("联系方式"), max_length=100)
    content = forms.CharField(
        label=gettext_lazy("异议内容"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=OBJECTION_MAX_LENGTH,
        error_messages={
            "max_length": format_lazy(gettext_lazy("异议内容不能超过{n}字。"), n=OBJECTION_MAX_LENGTH)
        },
    )


class ObjectionHandleForm(forms.Form):
    handling = forms.ChoiceField(
        label=gettext_lazy("处理结果"), choices=[c for c in Objection.Handling.choices if c[0] != "open"]
    )
    note = forms.CharField(label=gettext_lazy("处理说明"), widget=forms.Textarea(attrs={"rows": 2}))


class IncidentForm(ScopedForm):
    """A serious violation or major quality/safety incident on record
    (九龙坡 第六条（四）, 济南 第五条（三））."""

    institution = ScopedModelChoiceField(Institution.objects.all(), label=gettext_lazy("医疗机构"))
    occurred_on = forms.DateField(label=gettext_lazy("发生日期"), widget=DateInput())
    department = forms.CharField(label=gettext_lazy("科室/专业"), max_length=50, required=False)
    description = forms.CharField(label=gettext_lazy("情况"), widget=forms.Textarea(attrs={"rows": 3}))

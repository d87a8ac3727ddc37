"""Browser forms of the experts app: field cleaning only; the rules are in the services."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.fields import ScopedModelChoiceField, ScopedModelMultipleChoiceField, bind_user
from rulesets.engine.inputs import ROLES
from rulesets.schema import TITLE_LEVELS

from . import pickers
from .models import ActivityKind, Expert, ExpertApplication, ExpertGrade, InterestDeclaration

# A date input reads and shows only ISO dates (the zh-hans format 2026/12/01 would show it empty).
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class PersonChoiceField(ScopedModelChoiceField):
    """A person shown with what tells two namesakes apart: employer and title."""

    def label_from_instance(self, obj) -> str:
        details = "，".join(x for x in (obj.employer.name if obj.employer_id else "", obj.title) if x)
        return f"{obj.name}（{details}）" if details else obj.name


# How many people a search offers (issue 14: a province has 100,000; the page never lists them all).
SEARCH_LIMIT = 20


class PersonSearch:
    """A form whose ``person`` is picked among the results of a search (``search``: at most
    ``SEARCH_LIMIT`` by name, employer or title), never from a list of everyone; what it accepts is
    the field's scoped queryset (a crafted id outside is the same "不存在" as a missing one)."""

    def search(self, words: str, *, all_if_few: bool = False) -> list:
        """At most ``SEARCH_LIMIT`` people the user may pick, by name, employer or title, offered;
        with no words, ``all_if_few`` offers the whole pool when it is that small (an expert's own
        name, a small hospital's staff)."""
        words = (words or "").strip()[:50]
        matches = []
        if not words and all_if_few:
            pool = list(self.fields["person"].queryset.order_by("name", "pk")[: SEARCH_LIMIT + 1])
            matches = pool if len(pool) <= SEARCH_LIMIT else []
        if words:
            matches = list(
                self.fields["person"]
                .queryset.filter(
                    Q(name__icontains=words) | Q(employer__name__icontains=words) | Q(title__icontains=words)
                )
                .order_by("name", "pk")[:SEARCH_LIMIT]
            )
        self.offer(matches)
        return matches

    def offer(self, matches) -> None:
        """The choices shown: the search's matches and, on a form sent back, the person picked."""
        field = self.fields["person"]
        shown = list(matches)
        picked = str(self.data.get(self.add_prefix("person")) or "") if self.is_bound else ""
        if picked.isdigit() and len(picked) < 10 and all(str(p.pk) != picked for p in shown):
            shown += list(field.queryset.filter(pk=picked))
        self.offered = len(shown)
        field.widget.choices = [("", field.empty_label or "—")] + [
            (p.pk, field.label_from_instance(p)) for p in shown
        ]


class SeatForm(PersonSearch, forms.Form):
    """A roster row: a person from the directory, or one entered with their qualifications.

    The person is searched (``PersonSearch``); what is accepted is the people the user may seat
    (``seatable_by``, experts/pickers.py) narrowed by the view to the committee's pool."""

    role = forms.ChoiceField(label="拟任职务", choices=list(ROLES.items()))
    person = PersonChoiceField(
        pickers.people().select_related("employer"),
        scope="seatable_by",
        label="从人员库选择",
        required=False,
        error_messages={"invalid_choice": _("所选人员不存在，或不在本委员会可选的人员范围内。")},
        help_text=_("先在上方查找人员（姓名、单位或职称），再从结果中选择；或在下方填写姓名。"),
    )
    name = forms.CharField(label="或填写姓名", max_length=50, required=False)
    employer = forms.CharField(label="工作单位", max_length=100, required=False)
    from_host = forms.BooleanField(label="挂靠单位人员", required=False)
    birth_date = forms.DateField(label="出生日期", required=False, widget=DATE)
    title = forms.CharField(label="职称", max_length=50, required=False)
    title_level = forms.ChoiceField(
        label="职称级别", choices=[("", "—"), *TITLE_LEVELS.items()], required=False
    )
    title_obtained_on = forms.DateField(label="取得职称时间", required=False, widget=DATE)
    in_service = forms.BooleanField(label="在职", required=False, initial=True)
    district_practice_since = forms.DateField(label="在本区执业起始时间", required=False, widget=DATE)
    chair_terms_served = forms.IntegerField(label="已任主任委员届数", min_value=0, initial=0, required=False)
    penalised_within_2y = forms.BooleanField(label="近两年受行政处罚", required=False)
    clinical_or_medtech = forms.BooleanField(label="临床类或医技类", required=False, initial=True)

    def __init__(self, *args, user=None, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        bind_user(self, user)
        if people is not None:
            self.fields["person"].queryset = people
        self.offer(())

    def service_kwargs(self) -> dict:
        d = dict(self.cleaned_data)
        person = d.pop("person")
        if d.get("chair_terms_served") is None:
            d["chair_terms_served"] = 0
        if person is not None:
            return {
                "person": person,
                "role": d["role"],
                "chair_terms_served": d["chair_terms_served"],
                "penalised_within_2y": d["penalised_within_2y"],
                "clinical_or_medtech": d["clinical_or_medtech"],
            }
        return {k: v for k, v in d.items() if v not in (None, "")} | {
            "from_host": d["from_host"],
            "in_service": d["in_service"],
            "penalised_within_2y": d["penalised_within_2y"],
            "clinical_or_medtech": d["clinical_or_medtech"],
        }


class ImportForm(forms.Form):
    file = forms.FileField(label="名册文件（.xlsx，使用名册模板）")


class SubmitForm(forms.Form):
    justification = forms.CharField(
        label="偏离“原则上”条款的理由",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="名单有“原则上”条款的偏离时必填，将提示审批人。",
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 2}))


class OptionalReasonForm(forms.Form):
    reason = forms.CharField(label="理由", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class MeetingForm(forms.Form):
    held_on = forms.DateField(label="会议日期", widget=DATE)
    agenda = forms.CharField(label="议程", widget=forms.Textarea(attrs={"rows": 2}))
    attendees = ScopedModelMultipleChoiceField(
        pickers.people(),
        scope="attending_for",
        label="出席委员",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    minutes = forms.CharField(label="会议纪要", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user=None, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = members if members is not None else pickers.people().none()
        bind_user(self, user)


# What a form opened on a duty log compares before saving (core/concurrency.py), web and API.
DUTY_EDITED_FIELDS = ("worked_on", "kind", "on_site", "hours", "description", "evidence", "status")


class DutyForm(forms.Form):
    """Phone-first: few fields, native date input, numeric keypad for hours."""

    work_for = forms.ChoiceField(label="履职单位", choices=())
    worked_on = forms.DateField(label="日期", widget=DATE)
    kind = forms.ChoiceField(label="活动类别", choices=ActivityKind.choices)
    on_site = forms.TypedChoiceField(
        label="方式", choices=[("1", "现场"), ("0", "线上")], coerce=lambda v: v == "1", initial="1"
    )
    hours = forms.DecimalField(
        label="时长（小时）",
        min_value=0.1,
        max_value=24,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.5"}),
    )
    description = forms.CharField(label="工作内容", max_length=200)
    evidence = forms.CharField(
        label="佐证（材料名称、链接或说明）", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, places=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["work_for"].choices = [(key, label) for key, label, _obj in places]


class ActivityForm(forms.Form):
    work_for = forms.ChoiceField(label="所属", choices=())
    kind = forms.ChoiceField(label="活动类别", choices=ActivityKind.choices)
    title = forms.CharField(label="活动名称", max_length=200)
    starts_at = forms.DateTimeField(
        label="开始时间", widget=DATETIME, input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
    )
    ends_at = forms.DateTimeField(
        label="结束时间", widget=DATETIME, input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
    )
    hours = forms.DecimalField(
        label="计入时长（小时，空：按起止时间）", required=False, min_value=0.1, max_value=24
    )
    on_site = forms.BooleanField(label="现场活动", required=False, initial=True)

    def __init__(self, *args, places=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["work_for"].choices = [(key, label) for key, label, _obj in places]


def _institution_field(label: str):
    """An institution of the expert's own province (``declarable_by``, experts/pickers.py)."""
    return ScopedModelChoiceField(
        pickers.institutions().order_by("name"),
        scope="declarable_by",
        label=label,
        error_messages={"invalid_choice": _("所选机构不存在，或不在本省（市）范围内。")},
    )


class DeclarationForm(forms.ModelForm):
    institution = _institution_field("相关机构")

    class Meta:
        model = InterestDeclaration
        fields = ["kind", "institution", "since", "until", "note"]
        widgets = {"since": DATE, "until": DATE}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        bind_user(self, user)


class RecusalForm(forms.Form):
    institution = _institution_field("相关机构")
    case = forms.CharField(label="事项", max_length=200)
    reason = forms.CharField(label="回避理由", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        bind_user(self, user)


class ApplicationForm(PersonSearch, forms.Form):
    person = PersonChoiceField(
        pickers.people().select_related("employer"),
        label="申报人",
        error_messages={"invalid_choice": _("所选人员不存在，或不能由您申报或推荐。")},
        help_text=_("人员较多时，先在上方查找申报人（姓名、单位或职称），再从结果中选择。"),
    )
    level = forms.ChoiceField(label="申报层级", choices=[("city", "市级专家"), ("regional", "区域/区县专家")])
    jurisdiction = ScopedModelChoiceField(
        pickers.jurisdictions(), scope="reviewing_for", label="审核中心所在区划"
    )
    source = forms.ChoiceField(label="来源", choices=ExpertApplication.Source.choices)
    recommender = forms.CharField(label="推荐单位", required=False, max_length=100)
    fields = forms.CharField(label="专业领域", max_length=200)
    statement = forms.CharField(
        label="申报表内容（工作经历、主要业绩）", widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, user=None, people=None, jurisdictions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people if people is not None else pickers.people().none()
        self.fields["jurisdiction"].queryset = (
            jurisdictions if jurisdictions is not None else pickers.jurisdictions().none()
        )
        bind_user(self, user)
        self.offer(())


class ReviewForm(forms.Form):
    passed = forms.TypedChoiceField(
        label="审核结论", choices=[("1", "通过"), ("0", "不通过")], coerce=lambda v: v == "1"
    )
    note = forms.CharField(label="审核意见", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class NoticeForm(forms.Form):
    starts_on = forms.DateField(label="公示开始", widget=DATE)
    ends_on = forms.DateField(label="公示结束", widget=DATE)


class RegistryForm(forms.ModelForm):
    class Meta:
        model = Expert
        fields = ["fields", "contact_mobile", "contact_email", "experience", "achievements"]
        widgets = {
            "experience": forms.Textarea(attrs={"rows": 3}),
            "achievements": forms.Textarea(attrs={"rows": 3}),
        }


class ExitForm(forms.Form):
    kind = forms.ChoiceField(label="退出情形", choices=Expert.ExitKind.choices)
    on = forms.DateField(label="退出日期", widget=DATE, required=False)
    reason = forms.CharField(label="原因", widget=forms.Textarea(attrs={"rows": 2}))


class FinaliseForm(forms.Form):
    adjustment = forms.CharField(
        label="比例微调说明", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    filed_on = forms.DateField(label="报市级中心备案日期", required=False, widget=DATE)


GRADE_CHOICES = [("", "—"), *ExpertGrade.Grade.choices]


class ObjectionForm(forms.Form):
    name = forms.CharField(label="姓名或单位", max_length=100)
    contact = forms.CharField(label="联系方式", max_length=100)
    content = forms.CharField(label="异议内容", max_length=5000, widget=forms.Textarea(attrs={"rows": 5}))


class ObjectionHandleForm(forms.Form):
    handling = forms.ChoiceField(
        label="处理结果", choices=[("dismissed", "异议不成立"), ("upheld", "异议成立（不予聘任）")]
    )
    note = forms.CharField(label="处理说明", widget=forms.Textarea(attrs={"rows": 2}))

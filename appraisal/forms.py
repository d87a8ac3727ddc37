"""Browser forms of the appraisal: field cleaning only; the rules are in the services."""

from __future__ import annotations

from django import forms

from centres.models import Centre
from core.fields import ScopedModelChoiceField, bind_user
from core.workflow import today
from rulesets.models import BODY_KIND_CHOICES

from .models import (
    CentreAssessment,
    DutyRecord,
    ProhibitedActFinding,
    RectificationReport,
    evaluable_institutions,
    year_openable_jurisdictions,
)


class DateInput(forms.DateInput):
    input_type = "date"


class YearOpenForm(forms.Form):
    # the office's own jurisdiction only (policies.may_open_year), not one below it
    jurisdiction = ScopedModelChoiceField(
        year_openable_jurisdictions(), scope="year_openable_by", label="行政区划"
    )
    body_kind = forms.ChoiceField(choices=BODY_KIND_CHOICES, label="质控中心类型")
    year = forms.IntegerField(label="考核年度", min_value=2000)
    self_report_due_on = forms.DateField(
        label="述职材料报送截止日",
        required=False,
        widget=DateInput,
        help_text="挂靠单位逾期未报送的，按“无正当理由不参加年度考核”推定（如规则集有此情形）",
    )
    annual_report_due_on = forms.DateField(label="年度质控报告报送截止日", required=False, widget=DateInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        bind_user(self, user)
        qs = self.fields["jurisdiction"].queryset
        if qs.count() == 1:
            self.fields["jurisdiction"].initial = qs.first()
        self.fields["year"].initial = today().year - 1


class CriteriaForm(forms.Form):
    """One weight and one guidance per criterion of the rule set; one threshold per grade above the lowest."""

    def __init__(self, *args, year, grades, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria, self.grades = year.criteria, grades
        for c in year.criteria:
            self.fields[f"w_{c['code']}"] = forms.DecimalField(
                label=f"{c['label']} 权重（%）", min_value=0, max_value=100, initial=c.get("weight")
            )
            self.fields[f"g_{c['code']}"] = forms.CharField(
                label=f"{c['label']} 评分标准",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=c.get("guidance", ""),
            )
        for g in grades[:-1]:
            self.fields[f"t_{g.code}"] = forms.DecimalField(
                label=f"“{g.label}”最低加权分",
                min_value=0,
                max_value=100,
                initial=year.thresholds.get(g.code),
            )

    def values(self):
        d = self.cleaned_data
        return (
            {c["code"]: d[f"w_{c['code']}"] for c in self.criteria},
            {g.code: d[f"t_{g.code}"] for g in self.grades[:-1]},
            {c["code"]: d[f"g_{c['code']}"] for c in self.criteria},
        )


class ScoreForm(forms.Form):
    comment = forms.CharField(label="评语", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, criteria, existing=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        existing = existing or {}
        for c in criteria:
            self.fields[f"s_{c['code']}"] = forms.DecimalField(
                label=f"{c['label']}（0–100）",
                min_value=0,
                max_value=100,
                decimal_places=1,
                initial=existing.get(c["code"]),
                help_text=c.get("guidance", ""),
            )
        self.order_fields([f"s_{c['code']}" for c in criteria] + ["comment"])

    def scores(self):
        return {c["code"]: self.cleaned_data[f"s_{c['code']}"] for c in self.criteria}


class SelfReportForm(forms.Form):
    text = forms.CharField(label="年度述职材料", widget=forms.Textarea(attrs={"rows": 6}))


class SupportForm(forms.Form):
    support = forms.ChoiceField(label="挂靠单位支持保障", choices=CentreAssessment.Support.choices[1:])
    note = forms.CharField(
        label="评估依据（监督、管理与经费支持保障）", widget=forms.Textarea(attrs={"rows": 3})
    )


class ConditionForm(forms.Form):
    code = forms.ChoiceField(label="考核不合格情形")
    evidence = forms.CharField(label="事实与证据", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = [(i.code, i.label) for i in items]


class GradeConfirmForm(forms.Form):
    grade = forms.ChoiceField(label="审定等次")
    reason = forms.CharField(
        label="变更理由（与拟定等次不同时必填）", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, grades, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grade"].choices = [(g.code, g.label) for g in grades]


class ReasonForm(forms.Form):
    reason = forms.CharField(label="事实与理由", widget=forms.Textarea(attrs={"rows": 3}))


class RectificationReportForm(forms.Form):
    text = forms.CharField(label="整改情况", widget=forms.Textarea(attrs={"rows": 6}))


class ReviewForm(forms.Form):
    outcome = forms.ChoiceField(label="审核结论", choices=RectificationReport.Outcome.choices[1:])
    comments = forms.CharField(
        label="审核意见（退回时必填）", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class FindingForm(forms.Form):
    act = forms.ChoiceField(label="违规情形")
    severity = forms.ChoiceField(label="情节", choices=ProhibitedActFinding.Severity.choices)
    facts = forms.CharField(label="事实与证据", widget=forms.Textarea(attrs={"rows": 4}))
    found_on = forms.DateField(label="认定日期", widget=DateInput)

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["act"].choices = [(i.code, i.label) for i in items]
        self.fields["found_on"].initial = today()


class TermDecisionForm(forms.Form):
    outcome = forms.ChoiceField(label="决定", choices=[("retain", "继续挂靠"), ("reselect", "重新遴选")])
    reasons = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 3}))


class DutyYearForm(forms.Form):
    year = forms.IntegerField(label="年度")
    plan_due_on = forms.DateField(
        label="年度计划和总结报送截止日（规则集未规定时必填）", required=False, widget=DateInput
    )


class DutyRecordForm(forms.Form):
    kind = forms.ChoiceField(label="履职事项")
    title = forms.CharField(label="标题", max_length=200)
    done_on = forms.DateField(label="完成/报送日期", widget=DateInput)
    institution = ScopedModelChoiceField(
        evaluable_institutions(),
        scope="evaluable_by",
        label="被评价机构（机构质控评价时填写）",
        required=False,
    )
    details = forms.CharField(label="内容", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    tasks = forms.CharField(
        label="任务",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="年度计划：每行一项“任务 | 量化指标 | 完成时限(YYYY-MM-DD)”；"
        "年度总结：每行一项“任务 | 是否完成(是/否) | 完成日期 | 说明”，逐项对应计划任务；"
        "市级质控中心述职评价：每行一个“市级中心 | 得分(0–100) | 评语”，评价细则写在“内容”中",
    )

    plan_task = forms.ChoiceField(
        label="对应计划任务（培训、评价、调度会填写；计划外活动留空）", required=False
    )
    advance_report = ScopedModelChoiceField(
        DutyRecord.objects.all(),
        label="计划外活动的事先报告（济南 第十一条）",
        required=False,
    )
    planned_on = forms.DateField(
        label="活动计划开展日期（计划外重要活动报告时填写，须晚于报告日期）", required=False, widget=DateInput
    )
    rectification_due_on = forms.DateField(
        label="被评价机构报送整改情况的期限（机构质控评价时填写）", required=False, widget=DateInput
    )

    def __init__(self, *args, kinds, centre: Centre, user, year: int | None = None, **kwargs):
        from .duties import advance_reports, plan_tasks

        super().__init__(*args, **kwargs)
        bind_user(self, user)  # every id scoped to the user (issue 15), then narrowed to the centre
        self.fields["kind"].choices = kinds
        self.fields["institution"].queryset = evaluable_institutions().filter(
            jurisdiction__path__startswith=centre.jurisdiction.path
        )
        tasks = plan_tasks(centre, year) if year else []
        self.fields["plan_task"].choices = [("", "（计划外）")] + [(t, t) for t in tasks]
        self.fields["advance_report"].queryset = (
            advance_reports(centre, year) if year else DutyRecord.objects.none()
        )

    def task_rows(self):
        kind, text = self.cleaned_data.get("kind"), self.cleaned_data.get("tasks") or ""
        rows = []
        for line in text.splitlines():
            parts = [p.strip() for p in line.split("|")]
            if not any(parts):
                continue
            parts += [""] * 4
            if kind == DutyRecord.Kind.PLAN:
                rows.append({"task": parts[0], "measure": parts[1], "due": parts[2]})
            elif kind == DutyRecord.Kind.CITY_CENTRE_REVIEW:
                rows.append({"city_centre": parts[0], "score": parts[1], "comment": parts[2]})
            elif kind == DutyRecord.Kind.SUMMARY:
                rows.append(
                    {
                        "task": parts[0],
                        "done": parts[1] in ("是", "完成", "已完成", "yes", "1"),
                        "done_on": parts[2],
                        "note": parts[3],
                    }
                )
        return rows

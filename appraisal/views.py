"""Browser pages of the appraisal. Thin: read through selectors (scoped, 404 outside the scope), act
through services (core.forms.run_service keeps what was typed and shows the refusal with its
article), offer only the actions the user's policy allows."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from centres.models import Centre
from core.concurrency import guard_form
from core.dates import year_asked
from core.forms import run_service
from core.lists import PAGE_SIZE, Column, list_page
from core.pagination import CappedPaginator
from core.scoping import get_scoped_or_404
from core.workflow import timeline_for, today
from rulesets.registry import get_ruleset
from rulesets.selectors import NoRuleSetInForce

from . import charts, duties, forms, policies, selectors, services
from .filters import DutyCentreFilter
from .models import (
    AssessmentYear,
    CentreAssessment,
    Consequence,
    DutyRecord,
    ScoringInvitation,
)
from .rules import condition_items, grade_items, host_support_param, prohibited_items

SELF_REPORT_FIELDS = ("self_report", "status")  # a report opened before someone else's is refused


def attempt(form, action, **kwargs) -> bool:
    return run_service(form, action, also=(NoRuleSetInForce,), **kwargs)[0]


def _writer(request):
    if getattr(request.user, "is_read_only", False):
        raise PermissionDenied("审计人员只能查看。")


class _Blank:
    """A form-like holder for a refusal of a button without fields."""

    def __init__(self):
        self.errors = []

    def add_error(self, field, error):
        self.errors.append(getattr(error, "message", None) or str(error))


def _button(request, action, ok_message, **kwargs):
    holder = _Blank()
    ok = run_service(holder, action, also=(NoRuleSetInForce,), **kwargs)[0]
    if ok:
        messages.success(request, ok_message)
    else:
        for e in holder.errors:
            messages.error(request, e)
    return ok


# --- assessment years ------------------------------------------------------------------------


@login_required
def year_list(request):
    user = request.user
    # fifty a page, counted up to a cap (issue 14: a province holds some 1,600 years; all of them
    # on one page cost 700 ms of rendering)
    years = CappedPaginator(selectors.year_list(user=user), PAGE_SIZE).get_page(request.GET.get("page"))
    may_open = (
        bool(user.jurisdiction_id) and policies.may_open_year(user, user.jurisdiction)
        if not user.is_sysadmin
        else True
    )
    invitations = (
        ScoringInvitation.objects.for_user(user).select_related("year__jurisdiction")
        if user.institution_id
        else []
    )
    return render(
        request,
        "appraisal/year_list.html",
        {"years": years, "page": years, "may_open": may_open, "invitations": invitations},
    )


@login_required
def year_open(request):
    _writer(request)
    form = forms.YearOpenForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        ok, year = run_service(
            form, services.year_open, also=(NoRuleSetInForce,), acting_user=request.user, **form.cleaned_data
        )
        if ok:
            messages.success(request, "已开启年度考核。")
            return redirect("appraisal:year_detail", year.pk)
    return render(request, "appraisal/form.html", {"form": form, "title": "开启年度考核"})


def _year(request, pk):
    return get_scoped_or_404(request, AssessmentYear.objects.select_related("jurisdiction"), pk=pk)


@login_required
def year_detail(request, pk):
    year = _year(request, pk)
    user = request.user
    ruleset = get_ruleset(year.ruleset_code)
    assessments = list(selectors.year_assessments(year, user=user))
    scores = (
        selectors.scores_by_criterion(year, user=user)
        if policies.may_manage_year(user, year) or user.role in ("auditor", "commission")
        else {}
    )
    invitation = selectors.invitation_for(year, user=user)
    may = {"manage": policies.may_manage_year(user, year), "confirm": policies.may_confirm_grades(user, year)}
    chart = charts.scores_chart(year, scores)
    invitations = list(year.invitations.select_related("institution")) if may["manage"] else []
    return render(
        request,
        "appraisal/year_detail.html",
        {
            "year": year,
            "ruleset": ruleset,
            "assessments": assessments,
            "may": may,
            "invitation": invitation,
            "grades": grade_items(ruleset),
            "chart": chart,
            "invitations": invitations,
            # 结束评分 is irreversible: its confirmation says whose scores will be missing
            "unsubmitted": [i for i in invitations if i.status == ScoringInvitation.Status.INVITED],
            "timeline": timeline_for(year),
        },
    )


@login_required
def year_criteria(request, pk):
    _writer(request)
    year = _year(request, pk)
    ruleset = get_ruleset(year.ruleset_code)
    form = forms.CriteriaForm(request.POST or None, year=year, grades=grade_items(ruleset))
    if request.method == "POST" and form.is_valid():
        weights, thresholds, guidance = form.values()
        if attempt(
            form,
            services.year_set_criteria,
            year=year,
            weights=weights,
            thresholds=thresholds,
            guidance=guidance,
            acting_user=request.user,
        ):
            messages.success(request, "已设置评分项权重和等次分数线。")
            return redirect("appraisal:year_detail", year.pk)
    return render(
        request, "appraisal/form.html", {"form": form, "title": "设置评分项、权重和等次分数线", "year": year}
    )


YEAR_ACTIONS = {
    "open_scoring": (services.year_open_scoring, "已邀请辖区医疗机构评分。"),
    "close_scoring": (services.year_close_scoring, "已结束评分，进入拟定等次。"),
    "propose": (services.grades_propose, "已拟定各质控中心考核等次。"),
    "confirm": (services.year_confirm, "已审定年度考核结果。"),
    "publish": (services.year_publish, "已公布考核结果并下达处理通知。"),
}


@login_required
@require_POST
def year_action(request, pk, step):
    _writer(request)
    year = _year(request, pk)
    if step not in YEAR_ACTIONS:
        raise Http404
    service, ok_message = YEAR_ACTIONS[step]
    _button(request, service, ok_message, year=year, acting_user=request.user)
    return redirect("appraisal:year_detail", year.pk)


# --- scoring ---------------------------------------------------------------------------------


@login_required
def invitation_detail(request, pk):
    invitation = get_scoped_or_404(
        request, ScoringInvitation.objects.select_related("year__jurisdiction", "institution"), pk=pk
    )
    assessments = list(services.scorable(invitation))
    done = {}
    for s in invitation.scores.all():
        done[s.assessment_id] = done.get(s.assessment_id, 0) + 1
    need = len(invitation.year.criteria)
    rows = [{"a": a, "done": done.get(a.pk, 0) >= need} for a in assessments]
    hosted = invitation.year.assessments.filter(centre__host=invitation.institution).select_related("centre")
    return render(
        request,
        "appraisal/invitation_detail.html",
        {
            "invitation": invitation,
            "rows": rows,
            "hosted": hosted,
            "may_score": policies.may_score(request.user, invitation)
            and invitation.status == "invited"
            and invitation.year.status == "scoring",
        },
    )


@login_required
def score_form(request, pk, assessment_pk):
    invitation = get_scoped_or_404(
        request, ScoringInvitation.objects.select_related("year", "institution"), pk=pk
    )
    assessment = invitation.year.assessments.select_related("centre").filter(pk=assessment_pk).first()
    if assessment is None:
        raise Http404
    existing = {s.criterion: s.score for s in invitation.scores.filter(assessment=assessment)}
    form = forms.ScoreForm(request.POST or None, criteria=invitation.year.criteria, existing=existing)
    if request.method == "POST":
        _writer(request)
        if form.is_valid() and attempt(
            form,
            services.score_save,
            invitation=invitation,
            assessment=assessment,
            scores=form.scores(),
            comment=form.cleaned_data["comment"],
            acting_user=request.user,
        ):
            messages.success(request, f"已保存对{assessment.centre.name}的评分。")
            return redirect("appraisal:invitation_detail", invitation.pk)
    return render(
        request,
        "appraisal/score_form.html",
        {
            "form": form,
            "invitation": invitation,
            "assessment": assessment,
            "own": services._own(invitation, assessment),
            # Submitted, or the year no longer scoring: the scores are shown, not offered for editing.
            "editable": invitation.status == "invited" and invitation.year.status == "scoring",
            "saved": [
                (c["label"], existing[c["code"]]) for c in invitation.year.criteria if c["code"] in existing
            ],
        },
    )


@login_required
@require_POST
def invitation_submit(request, pk):
    _writer(request)
    invitation = get_scoped_or_404(request, ScoringInvitation.objects, pk=pk)
    _button(
        request, services.invitation_submit, "已提交评分。", invitation=invitation, acting_user=request.user
    )
    return redirect("appraisal:invitation_detail", invitation.pk)


# --- one centre in the year --------------------------------------------------------------------


@login_required
def assessment_detail(request, pk):
    a = get_scoped_or_404(
        request, CentreAssessment.objects.select_related("year__jurisdiction", "centre", "host"), pk=pk
    )
    user = request.user
    ruleset = get_ruleset(a.year.ruleset_code)
    may = {
        "office": policies.may_record_condition(user, a) and a.status != "confirmed",
        "confirm": policies.may_confirm_grades(user, a.year)
        and a.status == "proposed"
        and a.year.status == "grading",
        "self_report": policies.may_self_report(user, a) and a.status == "open",
    }
    items = condition_items(ruleset)
    condition_form = forms.ConditionForm(items=items, prefix="c") if items and may["office"] else None
    support_form = (
        forms.SupportForm(prefix="s", initial={"support": a.host_support, "note": a.host_support_note})
        if host_support_param(ruleset) is not None and may["office"]
        else None
    )
    grade_form = (
        forms.GradeConfirmForm(grades=grade_items(ruleset), prefix="g", initial={"grade": a.proposed_grade})
        if may["confirm"]
        else None
    )
    report_form = (
        guard_form(forms.SelfReportForm(prefix="r", initial={"text": a.self_report}), a, SELF_REPORT_FIELDS)
        if may["self_report"]
        else None
    )
    if request.method == "POST":
        _writer(request)
        which = request.POST.get("form")
        if which == "condition" and condition_form is not None:
            condition_form = forms.ConditionForm(request.POST, items=items, prefix="c")
            if condition_form.is_valid() and attempt(
                condition_form,
                services.condition_record,
                assessment=a,
                acting_user=user,
                **condition_form.cleaned_data,
            ):
                messages.success(request, "已登记考核不合格情形。")
                return redirect("appraisal:assessment_detail", a.pk)
        elif which == "support" and support_form is not None:
            support_form = forms.SupportForm(request.POST, prefix="s")
            if support_form.is_valid() and attempt(
                support_form,
                services.host_support_assess,
                assessment=a,
                acting_user=user,
                **support_form.cleaned_data,
            ):
                messages.success(request, "已评估挂靠单位支持保障。")
                return redirect("appraisal:assessment_detail", a.pk)
        elif which == "grade" and grade_form is not None:
            grade_form = forms.GradeConfirmForm(request.POST, grades=grade_items(ruleset), prefix="g")
            if grade_form.is_valid() and attempt(
                grade_form, services.grade_confirm, assessment=a, acting_user=user, **grade_form.cleaned_data
            ):
                messages.success(request, "已审定等次。")
                return redirect("appraisal:year_detail", a.year_id)
        elif which == "report" and report_form is not None:
            report_form = guard_form(forms.SelfReportForm(request.POST, prefix="r"), a, SELF_REPORT_FIELDS)
            if report_form.is_valid() and attempt(
                report_form,
                services.self_report_submit,
                assessment=a,
                acting_user=user,
                **report_form.cleaned_data,
            ):
                messages.success(request, "已报送述职材料。")
                return redirect("appraisal:assessment_detail", a.pk)
        elif (which == "grade" and policies.may_confirm_grades(user, a.year)) or (
            which in ("condition", "support") and policies.may_record_condition(user, a)
        ):
            # Allowed to the user but no longer at this step (a stale tab, a double click).
            messages.error(request, f"{a}已{a.get_status_display()}，当前阶段不能再办理此项。")
            return redirect("appraisal:assessment_detail", a.pk)
        elif which == "report" and policies.may_self_report(user, a):
            messages.error(request, f"{a}的述职材料已报送或已不能报送。")
            return redirect("appraisal:assessment_detail", a.pk)
        else:
            raise PermissionDenied("无权执行此操作。")
    show_scores = (
        policies.may_manage_year(user, a.year) or user.role in ("commission", "auditor") or user.is_sysadmin
    )
    return render(
        request,
        "appraisal/assessment_detail.html",
        {
            "a": a,
            "ruleset": ruleset,
            "may": may,
            "condition_form": condition_form,
            "support_form": support_form,
            "grade_form": grade_form,
            "report_form": report_form,
            "support_param": host_support_param(ruleset),
            "conditions": a.fail_conditions.all(),
            "items": items,
            "scores": _score_rows(a) if show_scores else [],
            "thresholds": _threshold_rows(a, ruleset),
        },
    )


def _score_rows(a):
    """The institutions' scores with each criterion's name (the rule set's words, not its code)."""
    labels = {c["code"]: c["label"] for c in a.year.criteria}
    rows = a.scores.select_related("invitation__institution").order_by("invitation__institution__name")
    order = list(labels)
    rows = sorted(
        rows,
        key=lambda s: (
            s.invitation.institution.name,
            order.index(s.criterion) if s.criterion in order else 99,
        ),
    )
    return [
        {
            "institution": s.invitation.institution,
            "criterion": labels.get(s.criterion, s.criterion),
            "score": s.score,
            "comment": s.comment,
        }
        for s in rows
    ]


def _threshold_rows(a, ruleset):
    """The arithmetic's grade thresholds, best grade first, by the grade's name."""
    labels = {g.code: g.label for g in grade_items(ruleset)}
    thresholds = (a.arithmetic or {}).get("thresholds") or {}
    return [
        (labels.get(code, code), value)
        for code, value in sorted(thresholds.items(), key=lambda kv: -Decimal(str(kv[1])))
    ]


# --- consequences ------------------------------------------------------------------------------


@login_required
def consequence_detail(request, pk):
    c = get_scoped_or_404(
        request, Consequence.objects.select_related("centre__host", "assessment__year"), pk=pk
    )
    user = request.user
    reports = list(c.reports.all())
    pending = next((r for r in reports if not r.outcome), None)
    may = {
        "report": policies.may_report_rectification(user, c)
        and c.kind == "rectification"
        and c.status == "issued",
        "review": policies.may_review_rectification(user, c) and pending is not None,
        "execute": policies.may_act_on_consequence(user, c) and c.ends_hosting and c.status == "issued",
    }
    report_form = forms.RectificationReportForm(
        request.POST if request.POST.get("form") == "report" else None
    )
    review_form = forms.ReviewForm(request.POST if request.POST.get("form") == "review" else None)
    execute_form = forms.ReasonForm(request.POST if request.POST.get("form") == "execute" else None)
    if request.method == "POST":
        _writer(request)
        which = request.POST.get("form")
        if (
            which == "report"
            and report_form.is_valid()
            and attempt(
                report_form,
                services.rectification_report_submit,
                consequence=c,
                acting_user=user,
                **report_form.cleaned_data,
            )
        ):
            messages.success(request, "已报送整改报告。")
            return redirect("appraisal:consequence_detail", c.pk)
        if (
            which == "review"
            and pending is not None
            and review_form.is_valid()
            and attempt(
                review_form,
                services.rectification_review,
                report=pending,
                acting_user=user,
                **review_form.cleaned_data,
            )
        ):
            messages.success(request, "已审核整改报告。")
            return redirect("appraisal:consequence_detail", c.pk)
        if (
            which == "execute"
            and execute_form.is_valid()
            and attempt(
                execute_form,
                services.consequence_execute,
                consequence=c,
                acting_user=user,
                reason=execute_form.cleaned_data["reason"],
            )
        ):
            messages.success(request, "已解除挂靠关系。")
            return redirect("appraisal:consequence_detail", c.pk)
        if which not in ("report", "review", "execute"):
            raise PermissionDenied("无权执行此操作。")
    return render(
        request,
        "appraisal/consequence_detail.html",
        {
            "c": c,
            "reports": reports,
            "may": may,
            "report_form": report_form,
            "review_form": review_form,
            "execute_form": execute_form,
        },
    )


# --- a centre: grade history, findings, the 4-year decision ------------------------------------


def _centre(request, pk):
    return get_scoped_or_404(
        request, Centre.objects.select_related("jurisdiction", "host", "specialty"), pk=pk
    )


@login_required
def centre_appraisal(request, pk):
    centre = _centre(request, pk)
    user = request.user
    if not policies.may_open_centre(user, centre):
        raise PermissionDenied("无权查看该质控中心的考核。")
    grades = list(selectors.centre_grades(centre, user=user))
    historical = list(centre.historical_grades.select_related("entered_by", "host"))
    try:
        ruleset = services.ruleset_for(centre)
    except NoRuleSetInForce:
        ruleset = None
    term = centre.terms.filter(status="active").first()
    proposal = term_grades = None
    if term is not None and term.ends_on and ruleset is not None:
        from centres.services.lifecycle import term_proposal

        term_grades = services.term_grades(term)
        proposal = term_proposal(term, term_grades)
    labels = {g.code: g.label for g in grade_items(ruleset)} if ruleset else {}
    may = {
        "finding": policies.may_record_finding(user, centre)
        and ruleset is not None
        and bool(prohibited_items(ruleset)),
        "decide": policies.may_decide_term(user, centre)
        and term is not None
        and bool(term and term.ends_on)
        and not hasattr(term, "decision"),
    }
    decision_form = forms.TermDecisionForm(
        request.POST if request.POST.get("form") == "decision" else None,
        initial={
            "outcome": proposal.outcome if proposal and proposal.outcome in ("retain", "reselect") else None
        },
    )
    if request.method == "POST":
        _writer(request)
        if (
            request.POST.get("form") == "decision"
            and may["decide"]
            and decision_form.is_valid()
            and attempt(
                decision_form,
                services.term_decide,
                centre=centre,
                acting_user=user,
                **decision_form.cleaned_data,
            )
        ):
            messages.success(request, "已作出周期届满决定。")
            return redirect("appraisal:centre", centre.pk)
        if request.POST.get("form") != "decision" or not may["decide"]:
            raise PermissionDenied("无权执行此操作。")
    return render(
        request,
        "appraisal/centre.html",
        {
            "centre": centre,
            "grades": grades,
            "labels": labels,
            "term": term,
            "term_grades": term_grades,
            "proposal": proposal,
            "may": may,
            "decision_form": decision_form,
            "chart": charts.grade_history_chart(centre, grades, labels, historical),
            "historical": historical,
            "consequences": selectors.consequences_for(centre, user=user),
            "findings": centre.prohibited_act_findings.all(),
            "timeline": timeline_for(centre),
            "this_year": today().year,
            "glance": duties.year_at_a_glance(centre, today().year)
            if ruleset is not None and centre.status == "active"
            else [],
        },
    )


@login_required
def finding_create(request, pk):
    _writer(request)
    centre = _centre(request, pk)
    ruleset = services.ruleset_for(centre)
    form = forms.FindingForm(request.POST or None, items=prohibited_items(ruleset))
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            form, services.finding_record, centre=centre, acting_user=request.user, **form.cleaned_data
        )
    ):
        messages.success(request, "已登记违规行为。")
        return redirect("appraisal:centre", centre.pk)
    severe = (
        ruleset.param("violations.severe_violation_consequence")
        if ruleset.has("violations.severe_violation_consequence")
        else None
    )
    return render(
        request,
        "appraisal/finding_form.html",
        {"form": form, "centre": centre, "severe": severe, "ruleset": ruleset},
    )


# --- duties ------------------------------------------------------------------------------------


DUTY_CENTRE_COLUMNS = [
    Column(_("质控中心"), "name"),
    Column(_("挂靠单位"), "host__name"),
    Column(_("已完成")),
    Column(_("待完成")),
    Column(_("已逾期")),
]


def _duty_year_asked(request) -> int:
    return year_asked(request, today().year)


@login_required
def duty_centres(request):
    """年度履职: the running centres in scope a page of fifty at a time (issue 14), each judged by
    its rule set in a fixed number of queries for the page (duties.years_at_a_glance)."""
    year = _duty_year_asked(request)
    listing = list_page(
        request,
        queryset=selectors.duty_centres(user=request.user),
        filterset_class=DutyCentreFilter,
        columns=DUTY_CENTRE_COLUMNS,
        default_ordering="name",
    )
    centres = list(listing.page)
    glances = duties.years_at_a_glance(centres, year)
    rows = []
    for c in centres:
        glance = glances.get(c.pk)
        rows.append(
            {
                "centre": c,
                "governed": glance is not None,  # no rule set in force: nothing to judge
                "done": sum(r["status"] == "done" for r in glance or ()),
                "due": sum(r["status"] == "due" for r in glance or ()),
                "overdue": sum(r["status"] == "overdue" for r in glance or ()),
            }
        )
    return render(
        request,
        "appraisal/duty_centres.html",
        {
            "list": listing,
            "page": listing.page,
            "rows": rows,
            "year": year,
            "chart": charts.duties_chart([r for r in rows if r["governed"]], year),
        },
    )


@login_required
def duty_year(request, pk, year):
    centre = _centre(request, pk)
    user = request.user
    glance = duties.year_at_a_glance(centre, year)
    ruleset = services.ruleset_for(centre)
    kinds = [(r["kind"], r["label"]) for r in glance]
    may = {"record": policies.may_record_duty(user, centre), "review": policies.may_review_duty(user, centre)}
    record_form = forms.DutyRecordForm(
        request.POST if request.POST.get("form") == "record" else None,
        kinds=kinds,
        centre=centre,
        user=user,
        year=year,
        initial={"done_on": today()},
    )
    open_form = forms.DutyYearForm(
        request.POST if request.POST.get("form") == "open" else None, initial={"year": year}
    )
    if request.method == "POST":
        _writer(request)
        which = request.POST.get("form")
        if which == "record" and record_form.is_valid():
            d = record_form.cleaned_data
            if attempt(
                record_form,
                services.duty_record,
                centre=centre,
                year=year,
                kind=d["kind"],
                title=d["title"],
                done_on=d["done_on"],
                details=d["details"],
                tasks=record_form.task_rows(),
                institution=d["institution"],
                plan_task=d["plan_task"],
                advance_report=d["advance_report"],
                planned_on=d["planned_on"],
                rectification_due_on=d["rectification_due_on"],
                acting_user=user,
            ):
                messages.success(request, "已填报，待质控办确认。")
                return redirect("appraisal:duty_year", centre.pk, year)
        elif which == "open" and open_form.is_valid():
            if attempt(
                open_form, services.duty_year_open, centre=centre, acting_user=user, **open_form.cleaned_data
            ):
                messages.success(request, "已开启年度履职，各项期限已生成。")
                return redirect("appraisal:duty_year", centre.pk, open_form.cleaned_data["year"])
        elif which in ("confirm", "return"):
            record = get_scoped_or_404(
                request, DutyRecord.objects.filter(centre=centre), pk=request.POST.get("record")
            )
            if which == "confirm":
                _button(request, services.duty_confirm, "已确认。", record=record, acting_user=user)
            else:
                _button(
                    request,
                    services.duty_return,
                    "已退回。",
                    record=record,
                    acting_user=user,
                    reason=request.POST.get("reason", ""),
                )
            return redirect("appraisal:duty_year", centre.pk, year)
        elif which not in ("record", "open"):
            raise PermissionDenied("无权执行此操作。")
    from .models import DutyYear

    records = list(selectors.duty_records(centre, year, user=user))
    return render(
        request,
        "appraisal/duty_year.html",
        {
            "centre": centre,
            "year": year,
            "glance": glance,
            "records": records,
            "evidence": _evidence_sections(request, centre, records),
            "may": may,
            "record_form": record_form,
            "open_form": open_form,
            "ruleset": ruleset,
            "duty_year": DutyYear.objects.filter(centre=centre, year=year).first(),
            "status_labels": duties.STATUS_LABELS,
        },
    )


def _evidence_sections(request, centre, records) -> dict[int, dict]:
    """Each record's 证明材料 section, for all the year's records in two queries (issue 14: a year
    of a centre under 河南's rule set holds twenty records)."""
    from attachments.sections import section_contexts

    for r in records:
        r.centre = centre  # the records are the centre's: no query per record for it
    return section_contexts(request, records, "appraisal.evidence", "证明材料")


# --- the dashboard -----------------------------------------------------------------------------


@login_required
def dashboard(request):
    user = request.user
    if not (user.is_sysadmin or user.jurisdiction_id):
        raise PermissionDenied("考核统计仅供卫健委、质控办和审计人员查看。")
    distribution = selectors.grade_distribution(user=user)
    year = _duty_year_asked(request)
    # counted in the database, by duty, from the duty years' deadlines (issue 14): the same few
    # rows for six centres or a province's 2,000, never a judgement of each centre in Python
    by_kind = selectors.duty_status_counts(user=user, year=year)
    latest = selectors.years(user=user).exclude(status="draft").first()  # no counts: not shown
    scores = selectors.scores_by_criterion(latest, user=user) if latest else {}
    return render(
        request,
        "appraisal/dashboard.html",
        {
            "distribution": charts.distribution_chart(distribution),
            "duties": charts.duty_kinds_chart(by_kind, year),
            "not_opened": selectors.duty_years_not_opened(user=user, year=year),
            "scores": charts.scores_chart(latest, scores) if latest else None,
            "latest": latest,
            "year": year,
        },
    )


# --- 济南 第十二条: institutions report their rectification back to the centre ------------------------


@login_required
def rectification_list(request):
    rows = selectors.institution_rectifications(user=request.user)
    return render(request, "appraisal/rectification_list.html", {"rows": rows})


@login_required
def rectification_detail(request, pk):
    from .models import InstitutionRectification

    rect = get_scoped_or_404(
        request,
        InstitutionRectification.objects.select_related("evaluation__centre__host", "institution"),
        pk=pk,
    )
    user = request.user
    may = {
        "report": policies.may_report_institution_rectification(user, rect)
        and rect.status in ("awaiting", "returned"),
        "review": policies.may_review_institution_rectification(user, rect) and rect.status == "reported",
    }
    which = request.POST.get("form")
    report_form = forms.RectificationReportForm(request.POST if which == "report" else None)
    review_form = forms.ReviewForm(request.POST if which == "review" else None)
    if request.method == "POST":
        _writer(request)
        if which == "report" and report_form.is_valid():
            if attempt(
                report_form,
                duties.institution_rectification_submit,
                rectification=rect,
                acting_user=user,
                **report_form.cleaned_data,
            ):
                messages.success(request, "已报送整改情况。")
                return redirect("appraisal:rectification_detail", rect.pk)
        elif which == "review" and review_form.is_valid():
            if attempt(
                review_form,
                duties.institution_rectification_review,
                rectification=rect,
                acting_user=user,
                **review_form.cleaned_data,
            ):
                messages.success(request, "已审核。")
                return redirect("appraisal:rectification_detail", rect.pk)
        elif which not in ("report", "review"):
            raise PermissionDenied("无权执行此操作。")
        refused = report_form if which == "report" else review_form
        if refused.errors and not may[which]:
            # A second 报送/审核 (a stale tab, a double click): the page no longer shows that form,
            # so its refusal is said above the page.
            for errors in refused.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect("appraisal:rectification_detail", rect.pk)
    ruleset = services.ruleset_for(rect.evaluation.centre)
    rule = ruleset.param(duties.RECTIFICATION_KEY) if ruleset.has(duties.RECTIFICATION_KEY) else None
    return render(
        request,
        "appraisal/rectification_detail.html",
        {
            "rect": rect,
            "may": may,
            "report_form": report_form,
            "review_form": review_form,
            "rule": rule,
            "late": rect.submitted_at is None and today() > rect.due_on,
        },
    )

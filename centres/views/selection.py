"""Browser pages of setting up a centre and selecting its host (centres/services/selection.py).
Views are thin: they read through selectors, act through services, and show a refusal beside the
form with its article, keeping what was typed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST, require_safe

from core.concurrency import guard_form, refuse_if_stale
from core.errors import ServiceError
from core.lists import Column, list_page
from core.scoping import get_scoped_or_404
from rulesets.registry import get_ruleset
from workdays.calendar import CalendarNotCovered

from .. import filters, policies, selectors
from ..forms import selection as forms
from ..models import Application, Centre, Objection, PublicNotice, SelectionCall, Specialty
from ..policies import is_commission, is_office
from ..services import selection as services
from .common import attempt, confirm_page, confirmed

STEPS = [
    ("created", gettext_lazy("设置")),
    ("call", gettext_lazy("发布公告")),
    ("application_submitted", gettext_lazy("申请")),
    ("preliminary_review", gettext_lazy("初审")),
    ("call_closed", gettext_lazy("评审答辩")),
    ("selected", gettext_lazy("择优确定")),
    ("notice", gettext_lazy("公示")),
    ("established", gettext_lazy("设置决定")),
]


def steps_for(centre: Centre):
    done = set(selectors.centre_timeline(centre).values_list("kind", flat=True))
    return [{"label": label, "done": kind in done} for kind, label in STEPS]


# --- the lists (core/lists.py: one FilterSet per list for the page, the API and the export) ---------

CENTRE_COLUMNS = [
    Column(gettext_lazy("名称"), "name"),
    Column(gettext_lazy("专业"), "specialty__name"),
    Column(pgettext_lazy("field", "行政区划"), "jurisdiction__path"),
    Column(gettext_lazy("挂靠单位"), "host__name"),
    Column(gettext_lazy("负责人"), "leader__name"),
    Column(gettext_lazy("状态"), "status"),
]
CALL_COLUMNS = [
    Column(gettext_lazy("标题"), "title"),
    Column(gettext_lazy("质控中心"), "centre__name"),
    Column(gettext_lazy("方式"), "method"),
    Column(gettext_lazy("状态"), "status"),
    Column(gettext_lazy("发布时间"), "published_at"),
    Column(gettext_lazy("申报截止时间"), "application_deadline"),
    Column(gettext_lazy("申请数")),
]
APPLICATION_COLUMNS = [
    Column(gettext_lazy("申请单位"), "institution__name"),
    Column(gettext_lazy("遴选公告"), "call__title"),
    Column(gettext_lazy("拟任负责人")),
    Column(gettext_lazy("状态"), "status"),
    Column(gettext_lazy("提交时间"), "submitted_at"),
]
INCIDENT_COLUMNS = [
    Column(gettext_lazy("医疗机构"), "institution__name"),
    Column(gettext_lazy("发生日期"), "occurred_on"),
    Column(gettext_lazy("科室/专业"), "department"),
    Column(gettext_lazy("情况")),
    Column(gettext_lazy("登记人")),
]


def list_context(request, **extra):
    """What every centres list page shows above its table: the way to the other centres lists."""
    return {
        "may_create": policies.may_create_centre(request.user),
        "may_incidents": policies.may_see_incidents(request.user),
        **extra,
    }


@login_required
@require_safe  # a list is read: a POST (an auditor's included) is refused, 405
def centre_list(request):
    listing = list_page(
        request,
        queryset=selectors.centre_list(user=request.user),
        filterset_class=filters.CentreFilter,
        columns=CENTRE_COLUMNS,
    )
    return render(
        request,
        "centres/centre_list.html",
        list_context(request, list=listing, page=listing.page, tab="centres"),
    )


@login_required
@require_safe
def call_list(request):
    """遴选公告 of the centres the user sees (a hospital: the calls it may apply to or applied to)."""
    listing = list_page(
        request,
        queryset=selectors.call_list(user=request.user),
        filterset_class=filters.CallFilter,
        columns=CALL_COLUMNS,
        default_ordering="-published_at",
    )
    return render(
        request, "centres/call_list.html", list_context(request, list=listing, page=listing.page, tab="calls")
    )


@login_required
@require_safe
def application_list(request):
    """挂靠单位申请: a hospital's own; the staff's of their jurisdiction; a reviewer's of its panel."""
    listing = list_page(
        request,
        queryset=selectors.application_list(user=request.user),
        filterset_class=filters.ApplicationFilter,
        columns=APPLICATION_COLUMNS,
        default_ordering="-submitted_at",
    )
    return render(
        request,
        "centres/application_list.html",
        list_context(request, list=listing, page=listing.page, tab="applications"),
    )


@login_required
def incidents(request):
    """严重违法违规及重大医疗质量安全事件: the commission records them, auditors read them."""
    user = request.user
    if not policies.may_see_incidents(user):
        raise PermissionDenied(gettext("仅卫健委工作人员和审计人员可查看严重事件登记。"))
    form = forms.IncidentForm(request.POST or None, user=user)
    if request.method == "POST":
        if user.is_read_only:
            raise PermissionDenied(gettext("审计人员只能查看。"))
        if form.is_valid() and attempt(
            request, form, lambda: services.incident_record(acting_user=user, **form.cleaned_data)
        ):
            messages.success(request, gettext("已登记。"))
            return redirect("centres:incidents")
    listing = list_page(
        request,
        queryset=selectors.incident_list(user=user),
        filterset_class=filters.IncidentFilter,
        columns=INCIDENT_COLUMNS,
        default_ordering="-occurred_on",
    )
    return render(
        request,
        "centres/incidents.html",
        {"form": form if not user.is_read_only else None, "list": listing, "page": listing.page},
    )


@login_required
def centre_create(request):
    if not policies.may_create_centre(request.user):  # the form is not offered to whoever may not use it
        raise PermissionDenied(gettext("只有卫健委或质控办可以设置质控中心。"))
    form = forms.CentreForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        result = {}

        def act():
            specialty, _ = Specialty.objects.get_or_create(
                name=d["specialty"], work_direction=d["work_direction"], defaults={"category": d["category"]}
            )
            result["centre"] = services.centre_create(
                jurisdiction=d["jurisdiction"],
                body_kind=d["body_kind"],
                specialty=specialty,
                name=d["name"],
                acting_user=request.user,
            )

        if attempt(request, form, act):
            messages.success(request, gettext("已设置：%(name)s") % {"name": result["centre"].name})
            return redirect("centres:detail", pk=result["centre"].pk)
    return render(request, "centres/form.html", {"form": form, "title": gettext("设置质控中心")})


@login_required
@require_safe
def centre_detail(request, pk):
    centre = get_scoped_or_404(
        request, Centre.objects.select_related("jurisdiction", "specialty", "host", "leader"), pk=pk
    )
    user = request.user
    calls = centre.calls.order_by("-pk")
    return render(
        request,
        "centres/centre_detail.html",
        {
            "centre": centre,
            "steps": steps_for(centre),
            "calls": calls,
            "timeline": selectors.centre_timeline(centre),
            "terms": centre.terms.select_related("host", "leader"),
            "may_publish": policies.may_publish_call(user, centre)
            and not calls.exclude(status__in=["decided", "cancelled"]).exists(),
        },
    )


@login_required
def call_create(request, pk):
    centre = get_scoped_or_404(request, Centre.objects, pk=pk)
    form = forms.CallForm(request.POST or None, initial={"title": f"{centre.name}挂靠单位遴选公告"})
    if request.method == "POST" and form.is_valid():
        result = {}

        def act():
            result["call"] = services.call_publish(
                centre=centre, acting_user=request.user, **form.cleaned_data
            )

        if attempt(request, form, act):
            messages.success(
                request,
                gettext("已发布。")
                if result["call"].method != "designation"
                else gettext("已记录指定方式。"),
            )
            return redirect("centres:call_detail", pk=result["call"].pk)
    return render(
        request,
        "centres/form.html",
        {"form": form, "title": gettext("发布遴选公告：%(name)s") % {"name": centre.name}, "centre": centre},
    )


def _call_context(request, call):
    user = request.user
    centre = call.centre
    applications = selectors.application_list(user=user, call=call)
    mine = applications.filter(institution=user.institution).first() if user.institution_id else None
    panel = call.panel.select_related("person__employer")
    my_seat = selectors.panel_seat(user, call)
    notice = getattr(call, "notice", None)
    ruleset = get_ruleset(call.ruleset_code)
    commission = is_commission(user, centre.jurisdiction)
    context = {
        "call": call,
        "centre": centre,
        "applications": applications,
        "mine": mine,
        "panel": panel,
        "my_seat": my_seat,
        "notice": notice,
        "ruleset": ruleset,
        "is_office": is_office(user, centre.jurisdiction),
        "is_commission": commission,
        "steps": steps_for(centre),
        "may_see_centre": selectors.may_see_centre(user, centre),
        "may_apply": policies.may_apply(user) and call.status == "open",
        "ranking": services.ranking(call) if policies.may_see_ranking(user, call) else [],
        "objections": notice.objections.all() if notice and commission else [],
        "notice_open": services.notice_is_open(notice) if notice else False,
    }
    if commission and call.status == "reviewing":
        context["select_form"] = forms.SelectForm(
            applications=applications.filter(status="prelim_passed"), user=user
        )
    if commission and call.status == "draft" and call.method == "designation":
        context["designation_form"] = forms.DesignationForm(user=user)
    if commission and call.status == "selected":
        context["notice_form"] = forms.NoticeForm(
            initial={
                "working_days": ruleset.value("notice.min_working_days")
                if ruleset.has("notice.min_working_days")
                else None
            }
        )
    if context["is_office"] and call.status in ("open", "reviewing"):
        context["panel_form"] = forms.PanelAddForm(user=user)
    return context


@login_required
@require_safe
def call_detail(request, pk):
    call = get_scoped_or_404(
        request, SelectionCall.objects.select_related("centre__jurisdiction", "selected_application"), pk=pk
    )
    return render(request, "centres/call_detail.html", _call_context(request, call))


def _call_action(request, pk, form_class, action, success, confirm=None, **form_kwargs):
    """POST an action on a call; on refusal re-render the call page with the form and its errors.
    ``confirm(call, cleaned_data)`` names an irreversible step: it returns the confirmation page's
    title, consequences and whether it is destructive, shown until the user confirms."""
    call = get_scoped_or_404(request, SelectionCall.objects.select_related("centre__jurisdiction"), pk=pk)
    form = (
        form_class(request.POST, **{k: (v(call) if callable(v) else v) for k, v in form_kwargs.items()})
        if form_class
        else None
    )
    if confirm is not None and not confirmed(request) and (form is None or form.is_valid()):
        title, consequences, danger = confirm(call, form.cleaned_data if form else {})
        if form is not None:
            form = form_class(
                initial=form.cleaned_data,
                **{k: (v(call) if callable(v) else v) for k, v in form_kwargs.items()},
            )
        return confirm_page(
            request,
            title=title,
            consequences=consequences,
            form=form,
            danger=danger,
            confirm_label=gettext("确认%(title)s") % {"title": title},
            back=reverse("centres:call_detail", args=[call.pk]),
            centre=call.centre,
        )
    if form is None or form.is_valid():
        holder = form or forms.forms.Form(data={})
        holder.is_valid()  # a bound form can carry the refusal as a non-field error
        if attempt(request, holder, lambda: action(call, form.cleaned_data if form else {})):
            messages.success(request, success)
            return redirect("centres:call_detail", pk=call.pk)
        form = holder
    context = _call_context(request, call)
    context["action_errors"] = form.non_field_errors() if form else []
    for key, value in (
        ("select_form", forms.SelectForm),
        ("notice_form", forms.NoticeForm),
        ("panel_form", forms.PanelAddForm),
        ("designation_form", forms.DesignationForm),
    ):
        if form_class is value:
            context[key] = form
    return render(request, "centres/call_detail.html", context)


def _close_consequences(call, d):
    drafts = services.drafts_of(call).count()
    out = [gettext("截止后不再接受申请，遴选进入初审和专家评审，此操作不能撤销。")]
    if services.closes_early(call):
        out.insert(
            0,
            gettext("公布的申报截止时间为 %(deadline)s，现在截止属于提前截止，须填写理由，理由将记入大事记。")
            % {"deadline": f"{timezone.localtime(call.application_deadline):%Y-%m-%d %H:%M}"},
        )
    if drafts:
        out.append(
            gettext("尚有 %(drafts)s 家单位的申请未提交，截止后不能再提交；系统将在其待办中告知截止及理由。")
            % {"drafts": drafts}
        )
    return gettext("截止申报"), out, False


@login_required
@require_POST
def call_close(request, pk):
    return _call_action(
        request,
        pk,
        forms.CloseForm,
        lambda call, d: services.call_close_applications(
            call=call, acting_user=request.user, reason=d.get("reason", "")
        ),
        gettext("已截止申报，进入评审。"),
        confirm=_close_consequences,
    )


@login_required
@require_POST
def panel_add(request, pk):
    return _call_action(
        request,
        pk,
        forms.PanelAddForm,
        lambda call, d: services.panel_add(call=call, person=d["person"], acting_user=request.user),
        gettext("已加入评审专家组。"),
        user=request.user,
    )


@login_required
@require_POST
def call_select(request, pk):
    return _call_action(
        request,
        pk,
        forms.SelectForm,
        lambda call, d: services.call_select(
            call=call,
            application=d["application"],
            reasons=d["reasons"],
            justification=d["justification"],
            acting_user=request.user,
            missing_scores_reason=d.get("missing_scores_reason", ""),
        ),
        gettext("已择优确定挂靠单位和负责人。"),
        confirm=lambda call, d: (
            gettext("择优确定"),
            [
                gettext(
                    "确定%(institution)s为拟挂靠单位、%(proposed_leader)s为拟任负责人，理由：%(reasons)s。"
                )
                % {
                    "institution": d["application"].institution,
                    "proposed_leader": d["application"].proposed_leader,
                    "reasons": d["reasons"],
                },
                gettext("本轮其他初审通过的申请将标记为“未入选”，申请单位可在申请页看到结果。"),
                gettext(
                    "确定后进入公示（规则集规定公示的）或设置决定，不能改选；如需改变，只能撤销本轮遴选。"
                ),
            ],
            False,
        ),
        applications=lambda call: selectors.application_list(user=request.user, call=call).filter(
            status="prelim_passed"
        ),
        user=request.user,
    )


@login_required
@require_POST
def call_designate(request, pk):
    return _call_action(
        request,
        pk,
        forms.DesignationForm,
        lambda call, d: services.designation_record(
            call=call,
            institution=d["institution"],
            leader=d["leader"],
            reasons=d["reasons"],
            acting_user=request.user,
        ),
        gettext("已记录指定结果。"),
        user=request.user,
    )


def _notice_consequences(call, d):
    from workdays.calendar import notice_period

    try:
        period = notice_period(d["starts_on"], d["working_days"])
        until = gettext("至 %(closes)s 止") % {
            "closes": f"{timezone.localtime(period.closes_at):%Y-%m-%d %H:%M}"
        }
    except CalendarNotCovered:
        until = gettext("（工作日历尚未覆盖，发布时将拒绝）")
    selected = call.selected_application
    return (
        gettext("发布公示"),
        [
            gettext(
                "在公开网页发布《关于%(name)s挂靠单位和负责人人选的公示》：拟确定%(institution)s、负责人%(proposed_leader)s。"
            )
            % {
                "name": call.centre.name,
                "institution": selected.institution,
                "proposed_leader": selected.proposed_leader,
            }
            if selected
            else gettext("在公开网页发布公示。"),
            gettext("公示期自 %(start)s 起 %(days)s 个工作日，%(until)s；公众无需登录即可提出异议。")
            % {"start": f"{d['starts_on']:%Y-%m-%d}", "days": d["working_days"], "until": until},
            gettext("同时印发公示公文，占用本年度文号；公示发布后不能修改或撤回，只能撤销本轮遴选。"),
        ],
        False,
    )


@login_required
@require_POST
def notice_publish(request, pk):
    return _call_action(
        request,
        pk,
        forms.NoticeForm,
        lambda call, d: services.notice_publish(
            call=call,
            starts_on=d["starts_on"],
            working_days=d["working_days"],
            body=d["body"],
            acting_user=request.user,
        ),
        gettext("公示已发布。"),
        confirm=_notice_consequences,
    )


@login_required
@require_POST
def centre_establish(request, pk):
    return _call_action(
        request,
        pk,
        None,
        lambda call, d: services.centre_establish(call=call, acting_user=request.user),
        gettext("已作出设置决定，质控中心进入运行。"),
        confirm=_establish_consequences,
    )


def _establish_consequences(call, d):
    selected = call.selected_application
    ruleset = get_ruleset(call.ruleset_code)
    years = ruleset.value("setup.host_term_years") if ruleset.has("setup.host_term_years") else None
    return (
        gettext("作出设置决定"),
        [
            gettext("印发《关于设置%(centre)s的通知》，主送%(host)s和各医疗卫生机构，占用本年度文号。")
            % {"centre": call.centre.name, "host": selected.institution if selected else gettext("挂靠单位")},
            (
                gettext("%(host)s成为挂靠单位，%(leader)s任负责人；挂靠周期为%(years)s年，自今日起算。")
                if years
                else gettext(
                    "%(host)s成为挂靠单位，%(leader)s任负责人；挂靠周期不设届满（规则集未规定周期），自今日起算。"
                )
            )
            % {
                "host": selected.institution if selected else gettext("挂靠单位"),
                "leader": selected.proposed_leader if selected else "",
                "years": years,
            },
            gettext(
                "质控中心进入运行，设置决定不能撤销；此后的变更只能按负责人变更、周期届满决定或解除挂靠办理。"
            ),
        ],
        False,
    )


@login_required
def application_edit(request, pk):
    """The host's application to a call: sections of the rule set, leader, attachments; eligibility
    shown with its articles as it is entered."""
    call = get_scoped_or_404(request, SelectionCall.objects.select_related("centre__jurisdiction"), pk=pk)
    user = request.user
    if not policies.may_apply(user):
        raise Http404(gettext("只有医疗机构填报人可以填写申请。"))
    application = Application.objects.filter(call=call, institution=user.institution).first()
    ruleset = get_ruleset(call.ruleset_code)
    sections = (
        ruleset.value("application.required_sections") if ruleset.has("application.required_sections") else ()
    )
    initial = {}
    if application:
        initial = {f"section_{k}": v for k, v in application.sections.items()}
        initial.update(
            proposed_leader=application.proposed_leader_id, justification=application.justification
        )
    form = forms.ApplicationForm(request.POST or None, initial=initial, sections=sections, user=user)
    # Opened on a draft that changed since (another tab, a colleague): refused with the changes.
    guard_form(form, application, forms.APPLICATION_EDITED_FIELDS)
    stale = request.method == "POST" and refuse_if_stale(form)
    missing = []
    if request.method == "POST" and not stale and "submit" in request.POST and form.is_valid():
        # a required section left empty: its error beside it, once (not again in the rule box)
        p = ruleset.param("application.required_sections") if sections else None
        for code, name in form.section_names:
            if not (form.cleaned_data.get(name) or "").strip():
                form.add_error(
                    name,
                    gettext("%(article)s：申请材料应包括此项，请填写后再提交。") % {"article": p.article},
                )
                missing.append(code)
        if missing:
            try:  # what was typed is kept as the draft
                application = services.application_save_draft(
                    call=call,
                    acting_user=user,
                    sections=form.sections(),
                    application=application,
                    proposed_leader=form.cleaned_data["proposed_leader"],
                    justification=form.cleaned_data["justification"],
                )
            except ServiceError:
                pass
    if request.method == "POST" and not stale and not missing and form.is_valid():
        saved = {}

        def save():
            saved["a"] = services.application_save_draft(
                call=call,
                acting_user=user,
                sections=form.sections(),
                application=application,
                proposed_leader=form.cleaned_data["proposed_leader"],
                justification=form.cleaned_data["justification"],
            )
            if "submit" in request.POST:
                services.application_submit(application=saved["a"], acting_user=user)

        if attempt(request, form, save):
            messages.success(
                request,
                gettext("申请已提交，等待初审。") if "submit" in request.POST else gettext("草稿已保存。"),
            )
            return redirect("centres:application_edit", pk=call.pk)
        if "submit" in request.POST:  # keep the draft even when submission is refused
            try:
                application = services.application_save_draft(
                    call=call,
                    acting_user=user,
                    sections=form.sections(),
                    application=application,
                    proposed_leader=form.cleaned_data["proposed_leader"],
                    justification=form.cleaned_data["justification"],
                )
            except ServiceError:
                pass
    violations = services.application_violations(application) if application else []
    if missing:
        violations = [v for v in violations if v.code != "application.required_sections"]
    return render(
        request,
        "centres/application_form.html",
        {
            "call": call,
            "centre": call.centre,
            "form": form,
            "application": application,
            "violations": violations,
            "attachment_kinds": ",".join(
                i.code
                for key in ("application.required_attachments", "application.optional_attachments")
                for i in (ruleset.value(key) if ruleset.has(key) else ())
            ),
        },
    )


@login_required
def application_detail(request, pk):
    application = get_scoped_or_404(
        request,
        Application.objects.select_related("call__centre__jurisdiction", "institution", "proposed_leader"),
        pk=pk,
    )
    user = request.user
    ruleset = get_ruleset(application.call.ruleset_code)
    sections = (
        ruleset.value("application.required_sections") if ruleset.has("application.required_sections") else ()
    )
    form = forms.PreliminaryReviewForm(request.POST or None)
    may_review = application.status == "submitted" and services.may_preliminary_review(
        user, application, ruleset
    )
    if request.method == "POST":
        if not may_review:
            raise Http404
        if form.is_valid() and attempt(
            request,
            form,
            lambda: services.application_preliminary_review(
                application=application,
                outcome=form.cleaned_data["outcome"],
                comments=form.cleaned_data["comments"],
                acting_user=user,
            ),
        ):
            messages.success(request, gettext("初审意见已记录。"))
            return redirect("centres:application_detail", pk=application.pk)
    seat = selectors.panel_seat(user, application.call)
    criteria = selectors.review_criteria(ruleset)
    my_scores = list(application.scores.filter(panel_member=seat)) if seat else []
    scored = {s.criterion for s in my_scores}
    return render(
        request,
        "centres/application_detail.html",
        {
            "may_see_centre": selectors.may_see_centre(user, application.call.centre),
            "reviewer_files": selectors.application_files(application) if seat else None,
            "criteria": [(c, article, c in scored) for c, article in criteria],
            "application": application,
            "call": application.call,
            "centre": application.call.centre,
            "sections": [(item.label, application.sections.get(item.code, "")) for item in sections],
            "violations": services.application_violations(application),
            "review_form": form if may_review else None,
            "reviews": application.preliminary_reviews.select_related("reviewer"),
            "versions": application.versions.all(),
            "seat": seat,
            "score_form": forms.ScoreForm(
                criteria=criteria,
                initial={"criterion": next((c for c, _ in criteria if c not in scored), criteria[0][0])},
            )
            if seat and not seat.recused
            else None,
            "conflict_form": forms.ConflictForm() if seat and not seat.recused else None,
            "my_scores": my_scores,
        },
    )


@login_required
@require_safe
def application_file(request, pk, attachment_pk):
    """A file of an application, for whoever may see the application — its reviewers too."""
    from attachments.http import attachment_response
    from attachments.services import attachment_download_record

    application = get_scoped_or_404(request, Application.objects, pk=pk)
    attachment = selectors.application_files(application).filter(pk=attachment_pk).first()
    if attachment is None:
        raise Http404(gettext("附件不存在。"))
    attachment_download_record(attachment=attachment, request=request)
    return attachment_response(attachment)


@login_required
@require_POST
def score(request, pk):
    application = get_scoped_or_404(request, Application.objects.select_related("call"), pk=pk)
    seat = selectors.panel_seat(request.user, application.call)
    if seat is None:
        raise Http404(gettext("您不是本轮评审专家。"))
    form = forms.ScoreForm(
        request.POST, criteria=selectors.review_criteria(get_ruleset(application.call.ruleset_code))
    )
    if form.is_valid() and attempt(
        request,
        form,
        lambda: services.score_record(
            member=seat, application=application, acting_user=request.user, **form.cleaned_data
        ),
    ):
        messages.success(request, gettext("评分已保存。"))
    else:
        for error in form.errors.values():
            messages.error(request, "；".join(error))
    return redirect("centres:application_detail", pk=application.pk)


@login_required
@require_POST
def declare_conflict(request, pk):
    application = get_scoped_or_404(request, Application.objects.select_related("call"), pk=pk)
    seat = selectors.panel_seat(request.user, application.call)
    if seat is None:
        raise Http404
    form = forms.ConflictForm(request.POST)
    if form.is_valid() and attempt(
        request,
        form,
        lambda: services.panel_declare_conflict(
            member=seat, reason=form.cleaned_data["reason"], acting_user=request.user
        ),
    ):
        messages.success(request, gettext("已申报利益冲突并回避。"))
    else:
        messages.error(request, gettext("请说明利益冲突情况。"))
    return redirect("centres:application_detail", pk=application.pk)


@login_required
def objection_handle(request, pk):
    objection = get_scoped_or_404(request, Objection.objects.select_related("notice__call__centre"), pk=pk)
    form = forms.ObjectionHandleForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            request,
            form,
            lambda: services.objection_handle(
                objection=objection, acting_user=request.user, **form.cleaned_data
            ),
        )
    ):
        messages.success(request, gettext("异议处理结果已记录。"))
        return redirect("centres:call_detail", pk=objection.notice.call_id)
    return render(
        request, "centres/form.html", {"form": form, "title": gettext("处理异议"), "objection": objection}
    )


# --- the public: notices without login ---------------------------------------------------------


@require_safe
def public_notices(request):
    return render(request, "centres/public_notices.html", {"notices": selectors.open_notices()})


def public_notice(request, pk):
    notice = PublicNotice.objects.select_related("call__centre__jurisdiction").filter(pk=pk).first()
    if notice is None or notice.status == PublicNotice.Status.WITHDRAWN:
        raise Http404(gettext("公示不存在。"))
    form = forms.ObjectionForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            request,
            form,
            lambda: services.objection_lodge(
                notice=notice, source_address=request.META.get("REMOTE_ADDR", ""), **form.cleaned_data
            ),
        )
    ):
        messages.success(request, gettext("您的异议已提交，卫生健康委员会将依规处理。"))
        return redirect(reverse("public_notice", args=[notice.pk]))
    return render(
        request,
        "centres/public_notice.html",
        {"notice": notice, "form": form, "open": services.notice_is_open(notice)},
    )

"""Browser pages of a centre's life after establishment (centres/services/lifecycle.py): leader changes, the
end-of-term decision, dissolution, handover and the commission's handover deadline. Thin, like
centres/views/selection.py: read scoped, act through the services, show a refusal beside the form with its
article. A user who may see the centre but has no part in a step gets a 404, as does anyone who may
not see it at all."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from core.lists import Column, list_page
from core.scoping import get_scoped_or_404

from .. import filters, policies, selectors
from ..forms import lifecycle as forms
from ..models import Ban, Centre, Handover, HostingTerm, LeaderChange
from ..policies import is_commission, is_host_user
from ..services import lifecycle
from .common import attempt, confirm_page, confirmed
from .selection import list_context

# --- helpers -----------------------------------------------------------------------------------


def _centre(request, pk) -> Centre:
    return get_scoped_or_404(
        request, Centre.objects.select_related("jurisdiction", "specialty", "host", "leader"), pk=pk
    )


def _form_page(
    request, *, form, title, centre, facts=(), submit=gettext_lazy("提交"), intro="", danger=False
):
    return render(
        request,
        "centres/lifecycle/form.html",
        {
            "form": form,
            "title": title,
            "centre": centre,
            "facts": facts,
            "submit": submit,
            "intro": intro,
            "danger": danger,
        },
    )


def _refused_form(form_class, data=None, **kwargs):
    """A bound form to carry a refusal when the action has no fields of its own."""
    form = form_class(data if data is not None else {}, **kwargs)
    form.is_valid()
    return form


# --- 9. leader changes ---------------------------------------------------------------------------


@login_required
def leader_vacate(request, pk):
    centre = _centre(request, pk)
    if not lifecycle.may_vacate(request.user, centre):
        raise Http404
    form = forms.VacateForm(request.POST or None, initial={"vacated_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        result = {}

        def act():
            result["change"] = lifecycle.leader_vacate(
                centre=centre, acting_user=request.user, **form.cleaned_data
            )

        if attempt(request, form, act):
            change = result["change"]
            messages.success(
                request,
                _("已登记负责人离任，挂靠单位须于 %(due)s 前推荐新任人选。")
                % {"due": f"{timezone.localtime(change.due_at):%Y-%m-%d}"},
            )
            return redirect("centres:leader_change", pk=change.pk)
    return _form_page(
        request,
        form=form,
        title=_("登记负责人离任：%(name)s") % {"name": centre.name},
        centre=centre,
        facts=[(_("现任负责人"), centre.leader or "—"), (_("挂靠单位"), centre.host or "—")],
    )


def _change(request, pk) -> LeaderChange:
    return get_scoped_or_404(
        request,
        LeaderChange.objects.select_related(
            "centre__jurisdiction", "centre__host", "term", "old_leader", "new_leader", "decided_by"
        ),
        pk=pk,
    )


def _change_page(request, change, **forms_given):
    user, centre = request.user, change.centre
    ruleset = lifecycle.ruleset_for(centre)
    open_ = change.status in lifecycle.OPEN_CHANGE
    host_may = open_ and centre.host_id and is_host_user(user, centre.host)
    commission = is_commission(user, centre.jurisdiction)
    context = {
        "change": change,
        "centre": centre,
        "violations": lifecycle.nominee_violations(change) if change.new_leader_id else [],
        "reselects": lifecycle.ineligible_reselects_host(ruleset),
        "deadline_article": ruleset.param("chair.replacement_deadline_months").article
        if ruleset.has("chair.replacement_deadline_months")
        else "",
        "nominate_form": forms_given.get("nominate_form")
        or (forms.NominateForm(centre=centre, user=user) if host_may else None),
        "approve_form": forms_given.get("approve_form")
        or (forms.ApproveForm() if commission and change.status == LeaderChange.Status.NOMINATED else None),
        "reselect_form": forms_given.get("reselect_form")
        or (
            forms.ReselectForm()
            if commission and open_ and lifecycle.ineligible_reselects_host(ruleset)
            else None
        ),
    }
    return render(request, "centres/lifecycle/leader_change.html", context)


@login_required
@require_safe
def leader_change(request, pk):
    return _change_page(request, _change(request, pk))


@login_required
@require_POST
def leader_nominate(request, pk):
    change = _change(request, pk)
    if not (change.centre.host_id and is_host_user(request.user, change.centre.host)):
        raise Http404
    form = forms.NominateForm(request.POST, centre=change.centre, user=request.user)
    if form.is_valid() and attempt(
        request,
        form,
        lambda: lifecycle.leader_nominate(change=change, acting_user=request.user, **form.cleaned_data),
    ):
        change.refresh_from_db()
        if lifecycle.nominee_violations(change) and lifecycle.ineligible_reselects_host(
            lifecycle.ruleset_for(change.centre)
        ):
            messages.warning(request, _("推荐人选不符合条件，已报卫健委决定是否重新遴选挂靠单位。"))
        else:
            messages.success(request, _("已推荐新任负责人，等待卫健委批准。"))
        return redirect("centres:leader_change", pk=change.pk)
    return _change_page(request, change, nominate_form=form)


@login_required
@require_POST
def leader_approve(request, pk):
    change = _change(request, pk)
    if not is_commission(request.user, change.centre.jurisdiction):
        raise Http404
    form = _refused_form(forms.ApproveForm, request.POST)
    if attempt(
        request,
        form,
        lambda: lifecycle.leader_approve(
            change=change, acting_user=request.user, justification=form.cleaned_data.get("justification", "")
        ),
    ):
        messages.success(request, _("已批准%(new_leader)s为负责人。") % {"new_leader": change.new_leader})
        return redirect("centres:leader_change", pk=change.pk)
    return _change_page(request, change, approve_form=form)


@login_required
@require_POST
def leader_reselect(request, pk):
    change = _change(request, pk)
    if not is_commission(request.user, change.centre.jurisdiction):
        raise Http404
    form = forms.ReselectForm(request.POST)
    if form.is_valid() and attempt(
        request,
        form,
        lambda: lifecycle.leader_reselect_host(
            change=change, acting_user=request.user, reason=form.cleaned_data["reason"]
        ),
    ):
        messages.success(request, _("已决定重新遴选挂靠单位，质控中心进入重新遴选。"))
        return redirect("centres:detail", pk=change.centre_id)
    return _change_page(request, change, reselect_form=form)


# --- 10. the end of a term ---------------------------------------------------------------------------


@login_required
def term_decision(request, pk):
    term = get_scoped_or_404(
        request, HostingTerm.objects.select_related("centre__jurisdiction", "host", "leader"), pk=pk
    )
    centre = term.centre
    if not is_commission(request.user, centre.jurisdiction):
        raise Http404
    ruleset = lifecycle.ruleset_for(centre)
    if term.ends_on is None:  # 青浦, 河南: no cycle, so no decision at its end — say so, offer nothing
        return _form_page(
            request,
            form=None,
            title=_("周期届满决定：%(name)s") % {"name": centre.name},
            centre=centre,
            facts=[
                (_("挂靠单位"), term.host),
                (_("负责人"), term.leader),
                (
                    _("周期"),
                    _("第%(n)s周期 自 %(start)s 起，未规定届满日")
                    % {"n": term.number, "start": f"{term.starts_on:%Y-%m-%d}"},
                ),
                (_("规则集"), ruleset.code),
            ],
            intro=_(
                "规则集 %(code)s 未规定挂靠周期，该挂靠没有周期届满决定；"
                "如需调整挂靠单位，请按解除挂靠或重新遴选办理。"
            )
            % {"code": ruleset.code},
        )
    years = lifecycle.term_years(term, ruleset)
    form = forms.TermDecisionForm(request.POST or None, years=years, grades=lifecycle.grade_choices(ruleset))
    if request.method == "POST" and form.is_valid():
        result = {}

        def act():
            result["d"] = lifecycle.term_decision_record(
                term=term,
                outcome=form.cleaned_data["outcome"],
                reasons=form.cleaned_data["reasons"],
                grades_by_year=form.grades(),
                acting_user=request.user,
            )

        if attempt(request, form, act):
            decision = result["d"]
            messages.success(
                request,
                _("已记录周期届满决定：%(outcome)s。规则引擎建议：%(proposal)s")
                % {
                    "outcome": decision.get_outcome_display(),
                    "proposal": decision.proposal.get("message", ""),
                },
            )
            return redirect("centres:detail", pk=centre.pk)
    facts = [
        (_("挂靠单位"), term.host),
        (_("负责人"), term.leader),
        (
            _("周期"),
            _("第%(n)s周期 %(start)s 至 %(end)s")
            % {"n": term.number, "start": f"{term.starts_on:%Y-%m-%d}", "end": f"{term.ends_on:%Y-%m-%d}"},
        ),
        (_("连续挂靠"), _("%(n)s届") % {"n": lifecycle.consecutive_terms(term)}),
        (_("规则集"), ruleset.code),
    ]
    facts += ruleset.provisions(
        "appraisal.retention_min_grade_all_years",
        "appraisal.retention_alt_min_excellent_years",
        "setup.max_terms_before_reselection",
        "cycle.decision_basis",
    )
    return _form_page(
        request,
        form=form,
        title=_("周期届满决定：%(name)s") % {"name": centre.name},
        centre=centre,
        facts=facts,
        intro=_("依据任期内年度考核结果作出决定；系统同时记录规则引擎的建议。"),
    )


# --- 11. dissolution ---------------------------------------------------------------------------------


def dissolution_consequences(centre, ruleset, cause: str) -> list[str]:
    """What 解除挂靠 does, in the words of the rule set in force: said before it is done."""
    out = [
        _("立即解除%(host)s与%(centre)s的挂靠关系，挂靠周期终止；此决定不能撤销。")
        % {"host": centre.host or _("挂靠单位"), "centre": centre.name}
    ]
    if ruleset.has("committee.dissolved_with_host") and ruleset.value("committee.dissolved_with_host"):
        p = ruleset.param("committee.dissolved_with_host")
        out.append(_("专家委员会同时解散（%(article)s）。") % {"article": p.article})
    for scope, _key, years, article in lifecycle.ban_plan(ruleset, cause):
        reach = dict(Ban.Scope.choices).get(scope, scope)
        out.append(
            (
                _("%(host)s%(years)s年内不得申请%(reach)s挂靠单位（%(article)s）。")
                if years
                else _("%(host)s不得申请%(reach)s挂靠单位（%(article)s）。")
            )
            % {"host": centre.host or _("原挂靠单位"), "years": years, "reach": reach, "article": article}
        )
    running = centre.calls.exclude(status__in=["decided", "cancelled"]).count()
    if running:
        out.append(_("撤销进行中的遴选 %(running)s 轮（含公示）。") % {"running": running})
    out.append(
        _("印发《关于解除%(centre)s挂靠关系的决定》，主送%(host)s和各医疗卫生机构，占用本年度文号。")
        % {"centre": centre.name, "host": centre.host or _("原挂靠单位")}
    )
    return out


@login_required
def dissolve(request, pk):
    centre = _centre(request, pk)
    if not is_commission(request.user, centre.jurisdiction):
        raise Http404
    form = forms.DissolveForm(request.POST or None)
    ruleset = lifecycle.ruleset_for(centre)
    if request.method == "POST" and form.is_valid() and not confirmed(request):
        return confirm_page(
            request,
            title=_("解除挂靠"),
            danger=True,
            centre=centre,
            consequences=dissolution_consequences(centre, ruleset, form.cleaned_data["cause"]),
            form=forms.DissolveForm(initial=form.cleaned_data),
            confirm_label=_("确认解除挂靠"),
            back=reverse("centres:detail", args=[centre.pk]),
        )
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            request,
            form,
            lambda: lifecycle.centre_dissolve(centre=centre, acting_user=request.user, **form.cleaned_data),
        )
    ):
        messages.success(request, _("已解除%(name)s的挂靠关系。") % {"name": centre.name})
        return redirect("centres:detail", pk=centre.pk)
    facts = [(_("挂靠单位"), centre.host or "—")]
    facts += ruleset.provisions(
        "violations.severe_violation_consequence",
        "violations.severe_violation_ban_years",
        "violations.excluded_from_current_round",
        "appraisal.red_card_ban_years",
        "committee.dissolved_with_host",
    )
    return _form_page(
        request,
        form=form,
        title=_("解除挂靠：%(name)s") % {"name": centre.name},
        centre=centre,
        facts=facts,
        submit=_("解除挂靠…"),
        danger=True,
        intro=_(
            "解除挂靠立即生效：挂靠周期终止，进行中的遴选撤销，原挂靠单位按规则集禁入。提交后将再次确认。"
        ),
    )


# --- 12. handover ---------------------------------------------------------------------------------


@login_required
def handover_open(request, pk):
    centre = _centre(request, pk)
    if not is_commission(request.user, centre.jurisdiction):
        raise Http404
    previous = centre.terms.exclude(host=centre.host_id).order_by("-number").first()
    form = forms.HandoverOpenForm(
        request.POST or None,
        user=request.user,
        centre=centre,
        initial={"from_host": previous.host_id if previous else None, "to_host": centre.host_id},
    )
    if request.method == "POST" and form.is_valid():
        result = {}

        def act():
            result["h"] = lifecycle.handover_open(
                centre=centre, acting_user=request.user, **form.cleaned_data
            )

        if attempt(request, form, act):
            messages.success(request, _("已启动交接。"))
            return redirect("centres:handover", pk=result["h"].pk)
    return _form_page(
        request,
        form=form,
        title=_("启动交接：%(name)s") % {"name": centre.name},
        centre=centre,
        intro=_("交接清单和期限取自规则集（九龙坡 第二十四条，济南 第二十一条）。"),
    )


def _handover(request, pk) -> Handover:
    """Visible to whoever may see the centre, and to the users of both hosts (the old host no longer
    sees the centre once the new one has taken it over)."""
    return get_scoped_or_404(
        request,
        Handover.objects.select_related(
            "centre__jurisdiction",
            "from_host",
            "to_host",
            "from_signed_by",
            "to_signed_by",
            "commission_signed_by",
        ),
        pk=pk,
    )


def _handover_page(request, handover, errors=()):
    user = request.user
    party = lifecycle.handover_party(user, handover)
    may_tick = (
        party in ("from", "to")
        and handover.status == Handover.Status.OPEN
        and not (handover.from_signed_by_id or handover.to_signed_by_id)
    )
    items = [
        {
            "code": code,
            **item,
            "form": forms.HandoverItemForm(
                initial={"code": code, "done": item.get("done"), "note": item.get("note", "")},
                auto_id=f"id_{code}_%s",
            )
            if may_tick
            else None,
        }
        for code, item in handover.items.items()
    ]
    signatures = [
        (label, getattr(handover, f"{key}_signed_by"), getattr(handover, f"{key}_signed_at"), key)
        for key, label in lifecycle.PARTY_LABELS.items()
    ]
    may_sign = (
        party
        if party
        and handover.status == Handover.Status.OPEN
        and not getattr(handover, f"{party}_signed_by_id")
        else None
    )
    return render(
        request,
        "centres/lifecycle/handover.html",
        {
            "handover": handover,
            "centre": handover.centre,
            "items": items,
            "signatures": signatures,
            "may_sign": may_sign,
            "party_label": lifecycle.PARTY_LABELS.get(party or "", ""),
            "errors": errors,
        },
    )


@login_required
@require_safe
def handover(request, pk):
    return _handover_page(request, _handover(request, pk))


@login_required
@require_POST
def handover_item(request, pk):
    handover = _handover(request, pk)
    if lifecycle.handover_party(request.user, handover) not in ("from", "to"):
        raise Http404
    form = forms.HandoverItemForm(request.POST)
    if form.is_valid() and attempt(
        request,
        form,
        lambda: lifecycle.handover_item_update(
            handover=handover, acting_user=request.user, **form.cleaned_data
        ),
    ):
        messages.success(request, _("交接事项已更新。"))
        return redirect("centres:handover", pk=handover.pk)
    return _handover_page(request, handover, errors=form.non_field_errors() or [_("请检查交接事项。")])


@login_required
@require_POST
def handover_sign(request, pk):
    handover = _handover(request, pk)
    if lifecycle.handover_party(request.user, handover) is None:
        raise Http404
    form = forms.HandoverSignForm(request.POST)
    if form.is_valid() and attempt(
        request,
        form,
        lambda: lifecycle.handover_sign(
            handover=handover, party=form.cleaned_data["party"], acting_user=request.user
        ),
    ):
        handover.refresh_from_db()
        messages.success(
            request,
            _("交接已完成，三方均已签字。")
            if handover.status == Handover.Status.SIGNED
            else _("已签字确认。"),
        )
        return redirect("centres:handover", pk=handover.pk)
    return _handover_page(request, handover, errors=form.non_field_errors() or [_("签字方无效。")])


# --- the commission's handover deadline (九龙坡 第二十四条) ---------------------------------------------


@login_required
def handover_setting(request):
    user = request.user
    if not policies.may_set_handover_deadline(user):
        raise Http404
    assignments = lifecycle.settable_handover_assignments(user)
    form = forms.HandoverSettingForm(request.POST or None, assignments=assignments, user=user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if attempt(
            request,
            form,
            lambda: lifecycle.handover_setting_set(
                jurisdiction=d["assignment"].jurisdiction,
                ruleset_code=d["assignment"].ruleset_code,
                months=d["months"],
                basis=d["basis"],
                acting_user=user,
            ),
        ):
            messages.success(
                request,
                _("已设置%(full_name)s的交接期限：%(months)s个月。")
                % {"full_name": d["assignment"].jurisdiction.full_name, "months": d["months"]},
            )
            return redirect("centres:handover_setting")
    from rulesets.models import RuleSetSetting

    current = (
        RuleSetSetting.objects.for_user(user)
        .filter(key=lifecycle.HANDOVER_KEY)
        .select_related("jurisdiction")
    )
    return render(
        request,
        "centres/lifecycle/setting.html",
        {"form": form, "assignments": assignments, "current": current},
    )


# --- the lists (core/lists.py) ---------------------------------------------------------------------

TERM_COLUMNS = [
    Column(gettext_lazy("质控中心"), "centre__name"),
    Column(gettext_lazy("周期"), "number"),
    Column(gettext_lazy("挂靠单位"), "host__name"),
    Column(gettext_lazy("负责人")),
    Column(gettext_lazy("起始日"), "starts_on"),
    Column(gettext_lazy("届满日"), "ends_on"),
    Column(gettext_lazy("状态"), "status"),
]
LEADER_CHANGE_COLUMNS = [
    Column(gettext_lazy("质控中心"), "centre__name"),
    Column(gettext_lazy("原负责人")),
    Column(gettext_lazy("离任日期"), "vacated_on"),
    Column(gettext_lazy("推荐期限"), "due_at"),
    Column(gettext_lazy("推荐人选")),
    Column(gettext_lazy("状态"), "status"),
]


@login_required
@require_safe
def term_list(request):
    """挂靠周期 of the centres the user sees (a host: its own centres' terms)."""
    listing = list_page(
        request,
        queryset=selectors.term_list(user=request.user),
        filterset_class=filters.TermFilter,
        columns=TERM_COLUMNS,
        default_ordering="-starts_on",
    )
    return render(
        request, "centres/term_list.html", list_context(request, list=listing, page=listing.page, tab="terms")
    )


@login_required
@require_safe
def leader_change_list(request):
    """负责人变更 of the centres the user sees."""
    listing = list_page(
        request,
        queryset=selectors.leader_change_list(user=request.user),
        filterset_class=filters.LeaderChangeFilter,
        columns=LEADER_CHANGE_COLUMNS,
        default_ordering="-vacated_on",
    )
    return render(
        request,
        "centres/leader_change_list.html",
        list_context(request, list=listing, page=listing.page, tab="leader_changes"),
    )

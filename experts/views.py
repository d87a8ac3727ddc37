"""Browser pages of the experts app. Thin: read through selectors, act through services; a refusal
goes back beside the form with its article, and nothing typed is lost (core.forms.run_service)."""

from __future__ import annotations

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from accounts.models import Role
from audit.services import client_ip
from centres.models import Centre
from core.concurrency import guard_form
from core.dates import year_asked
from core.errors import NotAllowed, ServiceError
from core.forms import add_refusal
from core.pagination import CappedPaginator
from core.scoping import get_scoped_or_404
from core.workflow import timeline_for, today
from directory.models import Person
from rulesets.selectors import NoRuleSetInForce

from . import forms, pickers, policies, selectors, services
from .models import (
    Activity,
    Committee,
    CommitteeMember,
    DutyLog,
    Expert,
    ExpertApplication,
    ExpertGrade,
    Grading,
    Library,
)


def attempt(form, action, **kwargs):
    """core.forms.run_service, and the refusal's own explanation beside its violations (what to do
    about an in-principle departure or a quota outside its bounds)."""
    guard = getattr(form, "stale_guard", None)  # core.concurrency.guard_form: a stale form is refused
    try:
        with transaction.atomic():
            if guard is not None:
                guard.check()
            return True, action(**kwargs)
    except NotAllowed as refusal:  # a crafted POST by someone who may see but not do: 403
        raise PermissionDenied(refusal.message) from None
    except (ValidationError, ServiceError) as refusal:
        add_refusal(form, refusal)
        message = getattr(refusal, "message", "")
        if getattr(refusal, "violations", None) and message and message != GENERIC:
            form.add_error(None, message)
        return False, None


GENERIC = "操作违反规则集规定。"

KEEPERS_ONLY = policies.KEEPERS_ONLY
DECIDERS_ONLY = gettext_lazy("只有本级卫生健康委可以审批委员会名单。")


def refuse_unless(allowed: bool, reason: str) -> None:
    """A user who sees the committee but may never take this action here is refused with the
    reason (403, recorded) before the form is read — not shown the form back as if they could.
    A keeper acting in the wrong state still gets the page with the service's message."""
    if not allowed:
        raise PermissionDenied(str(reason))


def _year(request) -> int:
    return year_asked(request, today().year)


# =============================================================================================
# Committees
# =============================================================================================


@login_required
@require_safe  # a page that is only read: other methods 405
def committee_list(request):
    user = request.user
    filters = {k: request.GET.get(k, "") for k in ("q", "status")}
    # a province has ~2,000 committees: 50 a page, never counted beyond the cap (issue 14)
    committees = CappedPaginator(selectors.committee_list(user=user, filters=filters), 50).get_page(
        request.GET.get("page")
    )
    creatable = []
    if user.role == Role.HOST_SUBMITTER and user.institution_id:
        for centre in Centre.objects.filter(host=user.institution_id, status="active"):
            existing = set(centre.committees.exclude(status="dissolved").values_list("kind", flat=True))
            for kind in services.kinds_for(centre):
                if kind not in existing:
                    creatable.append((centre, kind, Committee.Kind(kind).label))
    return render(
        request,
        "experts/committee_list.html",
        {
            "committees": committees,
            "page": committees,
            "filters": filters,
            "statuses": Committee.Status.choices,
            "creatable": creatable,
        },
    )


@login_required
@require_POST
def committee_create(request, centre_pk):
    centre = get_scoped_or_404(request, Centre.objects.select_related("host", "jurisdiction"), pk=centre_pk)
    form = forms.forms.Form(request.POST)
    form.is_valid()
    ok, committee = attempt(
        form,
        services.committee_create,
        centre=centre,
        acting_user=request.user,
        kind=request.POST.get("kind") or None,
    )
    if ok:
        messages.success(request, f"已组建：{committee.name}")
        return redirect("experts:committee_detail", pk=committee.pk)
    messages.error(request, "；".join(form.non_field_errors()))
    return redirect("experts:committee_list")


def _committee(request, pk) -> Committee:
    return get_scoped_or_404(request, selectors.committee_detail_qs(), pk=pk)


def _members_of(committee: Committee):
    return (
        pickers.people()
        .filter(
            committee_seats__committee=committee,
            committee_seats__status__in=["active", "withdrawal_requested"],
        )
        .order_by("name")
    )


def seat_form(request, committee: Committee, data=None) -> forms.SeatForm:
    """The roster row form: the person searched for (``?who=``), at most ``SEARCH_LIMIT`` offered."""
    form = forms.SeatForm(data, user=request.user, people=selectors.seat_pool(committee, request.user))
    if data is None:
        form.search(request.GET.get("who", ""))
    return form


def committee_context(request, committee: Committee, **forms_given) -> dict:
    user = request.user
    seats = list(selectors.seats_of(committee))
    current = [s for s in seats if s.status in ("active", "withdrawal_requested")]
    try:
        violations = services.roster_violations(committee, seats=current)
        ruleset = services.ruleset_for(committee)
    except NoRuleSetInForce as missing:
        violations, ruleset = [], None
        messages.warning(request, missing.message)
    per_seat, overall = services.violations_by_seat(committee, violations, current)
    for seat in seats:
        seat.checks = per_seat.get(seat.pk, [])
        seat.letter_ok = services.letter_allowed(seat, ruleset=ruleset) if ruleset else (False, "")
    year = today().year
    meetings = services.meeting_year(committee, year) if ruleset and committee.status == "approved" else None
    may = {
        "edit": policies.may_edit_roster(user, committee),
        "submit": policies.may_submit_roster(user, committee),
        "decide": committee.status == "submitted" and policies.may_decide_roster(user, committee),
        "change": policies.may_change_members(user, committee),
        "remove": policies.may_remove_member(user, committee),
        "meeting": policies.may_record_meeting(user, committee),
        "letters": policies.may_request_letters(user, committee),
    }
    own_seat = next(
        (s for s in seats if user.person_id and s.person_id == user.person_id and s.status == "active"), None
    )
    no_replacement = bool(
        ruleset
        and ruleset.has("committee.no_replacement_during_term")
        and ruleset.value("committee.no_replacement_during_term")
    )
    withdrawal = bool(
        ruleset
        and ruleset.has("members.exit_application_in_advance")
        and ruleset.value("members.exit_application_in_advance")
    )
    return {
        "committee": committee,
        "centre": committee.centre,
        "seats": seats,
        "overall": overall,
        "violations": violations,
        "ruleset": ruleset,
        "may": may,
        "meetings": meetings,
        "meeting_list": committee.meetings.prefetch_related("attendees")[:20],
        "timeline": timeline_for(committee),
        "mandatory": [v for v in violations if v.strictness == "mandatory"],
        "in_principle": [v for v in violations if v.strictness == "in_principle"],
        "seat_form": forms_given.get("seat_form")
        or (seat_form(request, committee) if may["edit"] or may["change"] else None),
        "who": request.GET.get("who", "").strip()[:50],
        "search_limit": forms.SEARCH_LIMIT,
        "import_form": forms_given.get("import_form") or forms.ImportForm(),
        "submit_form": forms_given.get("submit_form")
        or forms.SubmitForm(initial={"justification": committee.justification}),
        "return_form": forms_given.get("return_form") or forms.ReasonForm(),
        "approve_form": forms_given.get("approve_form") or forms.forms.Form(),
        "meeting_form": forms_given.get("meeting_form")
        or forms.MeetingForm(user=user, members=_members_of(committee)),
        "change_form": forms_given.get("change_form") or forms.ReasonForm(),
        "own_seat": own_seat,
        "letters_waiting": services.letters_waiting(committee) if ruleset else [],
        "no_replacement": no_replacement,
        "withdrawal": withdrawal,
        "has_chair": any(s.role in ("chair", "leader") for s in current),
        "rules": services.rule_list(ruleset, violations) if ruleset else [],
    }


@login_required
@require_safe  # a page that is only read: other methods 405
def committee_detail(request, pk):
    committee = _committee(request, pk)
    return render(request, "experts/committee_detail.html", committee_context(request, committee))


def _rerender(request, committee, **forms_given):
    return render(
        request, "experts/committee_detail.html", committee_context(request, committee, **forms_given)
    )


@login_required
@require_POST
def seat_add(request, pk):
    committee = _committee(request, pk)
    refuse_unless(policies.roster_keeper(request.user, committee), KEEPERS_ONLY)
    form = seat_form(request, committee, request.POST)
    if form.is_valid():
        ok, seat = attempt(
            form, services.seat_add, committee=committee, acting_user=request.user, **form.service_kwargs()
        )
        if ok:
            messages.success(request, f"已添加：{seat}")
            return redirect("experts:committee_detail", pk=pk)
        if not (
            policies.may_edit_roster(request.user, committee)
            or policies.may_change_members(request.user, committee)
        ):  # sent from a stale tab: the page has no seat form to show the refusal on
            messages.error(request, "；".join(form.non_field_errors()))
            return redirect("experts:committee_detail", pk=pk)
    return _rerender(request, committee, seat_form=form)


@login_required
@require_POST
def seat_delete(request, pk):
    seat = get_scoped_or_404(request, CommitteeMember.objects.select_related("committee__centre"), pk=pk)
    refuse_unless(policies.roster_keeper(request.user, seat.committee), KEEPERS_ONLY)
    form = forms.forms.Form(request.POST)
    form.is_valid()
    ok, _ = attempt(form, services.member_delete, seat=seat, acting_user=request.user)
    if not ok:
        messages.error(request, "；".join(form.non_field_errors()))
    return redirect("experts:committee_detail", pk=seat.committee_id)


@login_required
@require_POST
def roster_import(request, pk):
    committee = _committee(request, pk)
    refuse_unless(policies.roster_keeper(request.user, committee), KEEPERS_ONLY)
    form = forms.ImportForm(request.POST, request.FILES)
    if form.is_valid():
        ok, seats = attempt(
            form,
            services.roster_import,
            committee=committee,
            file=form.cleaned_data["file"],
            acting_user=request.user,
        )
        if ok:
            messages.success(request, f"已导入 {len(seats)} 人，规则检查结果见下表。")
            return redirect("experts:committee_detail", pk=pk)
    return _rerender(request, committee, import_form=form)


@login_required
@require_POST
def roster_submit(request, pk):
    committee = _committee(request, pk)
    form = forms.SubmitForm(request.POST)
    if form.is_valid():
        ok, _ = attempt(
            form,
            services.roster_submit,
            committee=committee,
            acting_user=request.user,
            justification=form.cleaned_data["justification"],
        )
        if ok:
            messages.success(request, "已提交卫生健康委审批。")
            return redirect("experts:committee_detail", pk=pk)
        if not committee.editable:  # a second click: the page has no submit form to show it on
            messages.error(request, "；".join(form.non_field_errors()))
            return redirect("experts:committee_detail", pk=pk)
    return _rerender(request, committee, submit_form=form)


@login_required
@require_POST
def roster_approve(request, pk):
    committee = _committee(request, pk)
    form = forms.forms.Form(request.POST)
    form.is_valid()
    ok, _ = attempt(form, services.roster_approve, committee=committee, acting_user=request.user)
    if ok:
        messages.success(request, "已批准，聘任通知已印发。")
        return redirect("experts:committee_detail", pk=pk)
    return _rerender(request, committee, approve_form=form)


@login_required
@require_POST
def roster_return(request, pk):
    committee = _committee(request, pk)
    refuse_unless(policies.may_decide_roster(request.user, committee), DECIDERS_ONLY)
    form = forms.ReasonForm(request.POST)
    if form.is_valid():
        ok, _ = attempt(
            form,
            services.roster_return,
            committee=committee,
            acting_user=request.user,
            reasons=form.cleaned_data["reason"],
        )
        if ok:
            messages.success(request, "已退回挂靠单位。")
            return redirect("experts:committee_detail", pk=pk)
    return _rerender(request, committee, return_form=form)


SEAT_ACTIONS = {
    "leave": (services.member_leave, forms.ReasonForm, "已办理离任。"),
    "remove": (services.member_remove, forms.ReasonForm, "已作出调整决定。"),
    "withdraw_request": (services.member_request_withdrawal, forms.ReasonForm, "已向组长提出退出申请。"),
    "withdraw": (services.member_withdraw, forms.OptionalReasonForm, "已办理退出并上报。"),
}

# Who may take each change during the term at all (the services check the state and the rest).
SEAT_ACTORS = {
    "leave": (lambda user, seat: policies.roster_keeper(user, seat.committee), KEEPERS_ONLY),
    "remove": (
        lambda user, seat: policies.may_decide_roster(user, seat.committee),
        gettext_lazy("只有本级卫生健康委可以作出调整决定。"),
    ),
    "withdraw_request": (
        lambda user, seat: seat.person_id is not None and policies.is_person(user, seat.person),
        gettext_lazy("只能申请本人退出。"),
    ),
    "withdraw": (lambda user, seat: policies.roster_keeper(user, seat.committee), KEEPERS_ONLY),
}


@login_required
@require_POST
def seat_action(request, pk, action):
    if action not in SEAT_ACTIONS:
        raise Http404
    seat = get_scoped_or_404(
        request, CommitteeMember.objects.select_related("committee__centre__jurisdiction"), pk=pk
    )
    allowed, reason = SEAT_ACTORS[action]
    refuse_unless(allowed(request.user, seat), reason)
    service, form_class, done = SEAT_ACTIONS[action]
    form = form_class(request.POST)
    if form.is_valid():
        kwargs = {"reason": form.cleaned_data["reason"]} if action != "withdraw" else {}
        ok, _ = attempt(form, service, seat=seat, acting_user=request.user, **kwargs)
        if ok:
            messages.success(request, done)
            return redirect("experts:committee_detail", pk=seat.committee_id)
    committee = _committee(request, seat.committee_id)
    return _rerender(request, committee, change_form=form)


@login_required
@require_safe  # a page that is only read: other methods 405
def appointment_letter(request, pk):
    """A member's 聘书: the registered PDF, downloaded through the document register (hash-checked,
    recorded). A member reaches only their own seat (404 for another's); the host and the
    commission every seat in their scope."""
    seat = get_scoped_or_404(
        request,
        CommitteeMember.objects.select_related(
            "committee__centre__jurisdiction__commission", "committee__notice", "letter"
        ),
        pk=pk,
    )
    own = request.user.person_id is not None and request.user.person_id == seat.person_id
    back = redirect("experts:mine") if own else redirect("experts:committee_detail", pk=seat.committee_id)
    if seat.letter_id:
        if seat.letter.status == "ready":
            return redirect("documents:download", pk=seat.letter_id)
        messages.info(request, f"聘书{seat.letter.number}正在生成，请稍后再下载。")
        return back
    allowed, basis = services.letter_allowed(seat)
    messages.info(request, "聘书正在颁发，请稍后再下载。") if allowed else messages.error(request, basis)
    return back


@login_required
@require_POST
def letters_request(request, pk):
    """颁发聘书: queue the job that issues the letters still missing (never a second one)."""
    committee = _committee(request, pk)
    form = forms.forms.Form(request.POST)
    ok, n = attempt(form, services.letters_request, committee=committee, acting_user=request.user)
    if ok:
        messages.success(request, f"已开始颁发{n}份聘书，生成后委员可在“我的聘任与申报”下载。")
    else:
        for error in form.non_field_errors():
            messages.error(request, error)
    return redirect("experts:committee_detail", pk=pk)


@login_required
@require_POST
def meeting_add(request, pk):
    committee = _committee(request, pk)
    refuse_unless(policies.roster_keeper(request.user, committee), KEEPERS_ONLY)
    form = forms.MeetingForm(request.POST, user=request.user, members=_members_of(committee))
    if form.is_valid():
        ok, _ = attempt(
            form, services.meeting_record, committee=committee, acting_user=request.user, **form.cleaned_data
        )
        if ok:
            messages.success(request, "已记录会议。")
            return redirect("experts:committee_detail", pk=pk)
    return _rerender(request, committee, meeting_form=form)


# =============================================================================================
# Duty hours, QR sign-in
# =============================================================================================


def _require_person(request) -> Person:
    if not request.user.person_id:
        raise PermissionDenied("此页面供专家本人使用。")
    return request.user.person


@login_required
def my_hours(request):
    person = _require_person(request)
    year = _year(request)
    places = services.work_places(person)
    form = forms.DutyForm(request.POST or None, places=places, initial={"worked_on": today()})
    if request.method == "POST" and form.is_valid():
        ok, _ = attempt(
            form, services.duty_record, person=person, acting_user=request.user, **form.cleaned_data
        )
        if ok:
            messages.success(request, "已提交，待秘书确认后计入。")
            return redirect("experts:my_hours")
    return render(
        request,
        "experts/my_hours.html",
        {
            "form": form,
            "year_view": services.duty_year(person, year),
            "places": places,
            "logs": selectors.duty_logs_of(user=request.user, person=person).filter(worked_on__year=year)[
                :100
            ],
        },
    )


@login_required
def duty_edit(request, pk):
    log = get_scoped_or_404(request, DutyLog.objects.select_related("person"), pk=pk)
    if not policies.may_record_duty(request.user, log.person):
        raise Http404("记录不存在或无权访问。")
    if log.status == DutyLog.Status.CONFIRMED:  # nothing left to change: say so, not an empty form
        messages.info(request, "该履职记录已确认，不能修改。")
        return redirect("experts:my_hours")
    form = forms.DutyForm(
        request.POST or None,
        places=[("-", str(log.centre or log.library), None)],  # the place is not changed here
        initial={
            "work_for": "-",
            "worked_on": log.worked_on,
            "kind": log.kind,
            "on_site": "1" if log.on_site else "0",
            "hours": log.hours,
            "description": log.description,
            "evidence": log.evidence,
        },
    )
    guard_form(form, log, forms.DUTY_EDITED_FIELDS)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("work_for")
        ok, _ = attempt(form, services.duty_update, log=log, acting_user=request.user, **data)
        if ok:
            messages.success(request, "已修改并重新提交。")
            return redirect("experts:my_hours")
    return render(request, "experts/duty_edit.html", {"form": form, "log": log})


@login_required
@require_safe  # a page that is only read: other methods 405
def duty_queue(request):
    status = request.GET.get("status", "pending")
    logs = list(selectors.duty_queue(user=request.user, status=status)[:200])
    evidence = selectors.evidence_of(user=request.user, logs=logs)
    for log in logs:
        log.may_confirm = policies.may_confirm_duty(request.user, log)
        log.files = evidence.get(log.pk, [])
    return render(
        request,
        "experts/duty_queue.html",
        {"logs": logs, "status": status, "statuses": DutyLog.Status.choices},
    )


@login_required
@require_POST
def duty_decide(request, pk, action):
    log = get_scoped_or_404(
        request, DutyLog.objects.select_related("centre__host", "jurisdiction", "person"), pk=pk
    )
    form = forms.OptionalReasonForm(request.POST)
    form.is_valid()
    if action == "confirm":
        ok, _ = attempt(form, services.duty_confirm, log=log, acting_user=request.user)
    elif action == "return":
        ok, _ = attempt(
            form,
            services.duty_return,
            log=log,
            acting_user=request.user,
            reason=form.cleaned_data.get("reason", ""),
        )
    else:
        raise Http404
    if ok:
        messages.success(request, f"{log.person}：{'已确认' if action == 'confirm' else '已退回'}。")
    else:
        messages.error(request, f"{log.person}：" + "；".join(form.non_field_errors()))
    return redirect(request.POST.get("next") or reverse("experts:duty_queue"))


def _secretary_places(user) -> list:
    """Centres and libraries where ``user`` may start a sign-in activity. The policy decides each
    place; the database first narrows them to those the user could be the secretary of (their own
    jurisdiction's, their hospital's): a province's commission sees ~1,700 centres and is the
    secretary of none of them below it (issue 14)."""
    centres, libraries = Q(), Q()
    if not user.is_sysadmin:
        centres = libraries = Q(pk__in=[])
        if user.jurisdiction_id:
            centres = libraries = Q(jurisdiction_id=user.jurisdiction_id)
        if user.institution_id:
            centres |= Q(host_id=user.institution_id)
    out = []
    for centre in (
        Centre.objects.for_user(user).filter(centres, status="active").select_related("host", "jurisdiction")
    ):
        if policies.may_create_activity(user, jurisdiction=centre.jurisdiction, centre=centre):
            out.append((f"centre:{centre.pk}", centre.name, centre))
    for library in Library.objects.for_user(user).filter(libraries).select_related("jurisdiction"):
        if policies.may_create_activity(user, jurisdiction=library.jurisdiction, library=library):
            out.append((f"library:{library.pk}", library.name, library))
    return out


@login_required
def activity_list(request):
    places = _secretary_places(request.user)
    form = forms.ActivityForm(request.POST or None, places=places)
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        place = {k: o for k, _l, o in places}[d.pop("work_for")]
        ok, activity = attempt(form, services.activity_create, acting_user=request.user, place=place, **d)
        if ok:
            messages.success(request, "已生成签到码。")
            return redirect("experts:activity_detail", pk=activity.pk)
    return render(
        request,
        "experts/activities.html",
        {"form": form if places else None, "activities": selectors.activities(user=request.user)[:100]},
    )


def qr_svg(url: str) -> str:
    """The sign-in URL as an inline SVG QR code, made here (offline)."""
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=12, border=2)
    return image.to_string(encoding="unicode")


@login_required
@require_safe  # a page that is only read: other methods 405
def activity_detail(request, pk):
    activity = get_scoped_or_404(
        request, Activity.objects.select_related("sign_in_code", "centre", "library"), pk=pk
    )
    code = activity.sign_in_code
    url = request.build_absolute_uri(reverse("experts:sign_in", args=[code.token]))
    signed = activity.duty_logs.select_related("person").order_by("created_at")
    return render(
        request,
        "experts/activity_detail.html",
        {
            "activity": activity,
            "code": code,
            "url": url,
            "qr": mark_safe(qr_svg(url)),
            "signed": signed,
            "open": code.expires_at > services.timezone.now(),
        },
    )


@login_required
def sign_in(request, token):
    """The page the QR code opens on the expert's phone: one tap signs in."""
    from .models import SignInCode

    code = SignInCode.objects.select_related("activity").filter(token=token).first()
    if code is None:
        raise Http404("签到码无效。")
    form = forms.forms.Form(request.POST or None)
    result = None
    if request.method == "POST":
        form.is_valid()
        ok, result = attempt(form, services.sign_in, token=token, acting_user=request.user)
        if ok:
            _log, created = result
            messages.success(
                request, "签到成功，已生成待确认的履职记录。" if created else "您已签到，无需重复签到。"
            )
            return redirect("experts:my_hours")
    already = (
        request.user.person_id and code.activity.duty_logs.filter(person=request.user.person_id).exists()
    )
    return render(
        request,
        "experts/sign_in.html",
        {
            "activity": code.activity,
            "code": code,
            "form": form,
            "already": already,
            "expired": code.expires_at <= services.timezone.now(),
        },
    )


@login_required
@require_safe  # a page that is only read: other methods 405
def hours_overview(request):
    year = _year(request)
    sort = request.GET.get("sort", "behind")
    # a province has ~40,000 experts: the rows are computed, sorted and paged in the database, 50 a
    # page (issue 14)
    overview = selectors.hours_overview(user=request.user, year=year, sort=sort)
    overview.prefetch(request.GET.get("page"), 50)  # the page and the count in one statement
    page = CappedPaginator(overview, 50).get_page(request.GET.get("page"))
    rows = selectors.hours_rows(page.object_list, user=request.user)
    libraries = [
        lib for lib in selectors.libraries(user=request.user) if policies.may_grade(request.user, lib)
    ]
    return render(
        request,
        "experts/hours_overview.html",
        {
            "rows": rows,
            "page": page,
            "year": year,
            "sort": sort,
            "years": range(today().year, today().year - 4, -1),
            "deadline_libraries": libraries if year == today().year else [],
        },
    )


@login_required
@require_POST
def hours_deadlines(request, library_pk):
    """The office opens this year's deadline for each of its experts short of the minimum (the daily
    task does the same for every library)."""
    library = get_scoped_or_404(request, Library.objects, pk=library_pk)
    form = forms.forms.Form(request.POST)
    ok, opened = attempt(
        form, services.hours_deadlines_open, library=library, year=today().year, acting_user=request.user
    )
    if ok:
        messages.success(request, f"{len(opened)}名未达最低时长的专家已有本年度期限，年底前将提醒本人。")
    else:
        for error in form.non_field_errors():
            messages.error(request, error)
    return redirect("experts:hours_overview")


# =============================================================================================
# Library
# =============================================================================================


@login_required
@require_safe  # a page that is only read: other methods 405
def library(request):
    user = request.user
    filters = {
        k: request.GET.get(k, "") for k in ("q", "field", "title_level", "level", "jurisdiction", "status")
    }
    experts = selectors.experts_list(user=user, filters=filters)[:300]
    apps = (
        selectors.applications(user=user).exclude(status__in=["appointed", "rejected"])[:100]
        if user.role != Role.EXPERT
        else []
    )
    return render(
        request,
        "experts/library.html",
        {
            "experts": experts,
            "filters": filters,
            "applications": apps,
            "libraries": selectors.libraries(user=user),
            "levels": Expert._meta.get_field("level").choices,
            "statuses": Expert.Status.choices,
            "title_levels": Person.TitleLevel.choices,
            "gradings": selectors.gradings(user=user) if user.role != Role.EXPERT else [],
            "may_grade": any(policies.may_grade(user, lib) for lib in selectors.libraries(user=user)),
        },
    )


@login_required
def apply(request):
    user = request.user
    lib = selectors.libraries(user=user).first() or Library.objects.first()
    if lib is None:
        raise Http404("尚未设立专家库。")
    if user.person_id:
        people = pickers.people().filter(pk=user.person_id)
    elif user.institution_id:
        people = pickers.people().filter(employer=user.institution_id)
    else:
        people = pickers.people()
    people = people.select_related("employer")
    jurisdictions = pickers.jurisdictions().filter(path__startswith=lib.jurisdiction.path).order_by("path")
    form = forms.ApplicationForm(
        request.POST or None,
        user=user,
        people=people,
        jurisdictions=jurisdictions,
        initial={"person": user.person_id, "jurisdiction": lib.jurisdiction_id},
    )
    if request.method != "POST":  # a province's people are searched, never listed (issue 14)
        form.search(request.GET.get("who", ""), all_if_few=True)
    if request.method == "POST" and form.is_valid():
        ok, application = attempt(
            form, services.application_submit, library=lib, acting_user=user, **form.cleaned_data
        )
        if ok:
            messages.success(request, "已提交申报，请上传申报表和证明材料。")
            return redirect("experts:application_detail", pk=application.pk)
    return render(
        request,
        "experts/form.html",
        {
            "form": form,
            "title": f"申报入库：{lib.name}",
            "people_search": not user.person_id,
            "who": request.GET.get("who", "").strip()[:50],
            "search_limit": forms.SEARCH_LIMIT,
        },
    )


@login_required
def application_detail(request, pk):
    application = get_scoped_or_404(
        request,
        ExpertApplication.objects.select_related(
            "person__employer", "library__jurisdiction", "jurisdiction", "document"
        ),
        pk=pk,
    )
    user = request.user
    local = application.status == "submitted" and application.level == "regional"
    may = {
        "review": application.status in ("submitted", "local_passed")
        and (
            policies.may_review_local(user, application)
            if local
            else policies.may_review_city(user, application)
        ),
        "approve": application.status == "city_passed"
        and policies.may_approve_library(user, application.library),
        "notice": application.status == "approved" and policies.may_appoint(user, application.library),
        "appoint": application.status == "notice" and policies.may_appoint(user, application.library),
    }
    form = forms.ReviewForm()
    notice_form = forms.NoticeForm(initial={"starts_on": today()})
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "review":
            form = forms.ReviewForm(request.POST)
            ok = (
                form.is_valid()
                and attempt(
                    form,
                    services.application_review,
                    application=application,
                    acting_user=user,
                    **form.cleaned_data,
                )[0]
            )
        elif action == "notice":
            form = notice_form = forms.NoticeForm(request.POST)
            ok = (
                form.is_valid()
                and attempt(
                    form,
                    services.application_publish_notice,
                    application=application,
                    acting_user=user,
                    **form.cleaned_data,
                )[0]
            )
        elif action == "objection":
            from .models import LibraryObjection

            objection = get_scoped_or_404(
                request,
                LibraryObjection.objects.filter(application=application),
                pk=request.POST.get("objection"),
            )
            form = forms.ObjectionHandleForm(request.POST)
            ok = (
                form.is_valid()
                and attempt(
                    form,
                    services.objection_handle,
                    objection=objection,
                    acting_user=user,
                    **form.cleaned_data,
                )[0]
            )
        elif action in ("approve", "appoint"):
            form = forms.forms.Form(request.POST)
            form.is_valid()
            service = services.application_approve if action == "approve" else services.application_appoint
            ok = attempt(form, service, application=application, acting_user=user)[0]
        else:
            raise Http404
        if ok:
            messages.success(request, "已办理。")
            return redirect("experts:application_detail", pk=pk)
        messages.error(request, "；".join(form.non_field_errors()) or "请修正表单。")
    try:
        checks = services.candidate_violations(application.person, application.level, application.library)
    except NoRuleSetInForce:
        checks = []
    return render(
        request,
        "experts/application_detail.html",
        {
            "application": application,
            "may": may,
            "form": form,
            "notice_form": notice_form,
            "checks": checks,
            "missing_materials": services.missing_materials(application) if may["review"] else [],
            "materials_article": services.MATERIALS_ARTICLE,
            "objections": application.objections.all(),
            "handle_form": forms.ObjectionHandleForm(),
            "timeline": timeline_for(application),
        },
    )


def public_notices(request):
    """专家聘任公示: public, no login — name, employer, level and fields, with the period."""
    from django.db.models import Q as _Q

    on = today()
    open_ = (
        ExpertApplication.objects.filter(status="notice", notice_starts_on__lte=on, notice_ends_on__gte=on)
        .select_related("person__employer", "library")
        .filter(~_Q(person=None))
    )
    return render(request, "experts/public_notices.html", {"applications": open_})


def public_notice(request, pk):
    application = (
        ExpertApplication.objects.select_related("person__employer", "library")
        .filter(pk=pk, status="notice")
        .first()
    )
    if application is None:
        raise Http404("公示不存在。")
    form = forms.ObjectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok, _ = attempt(
            form,
            services.objection_lodge,
            application=application,
            source_address=client_ip(request) or "",
            **form.cleaned_data,
        )
        if ok:
            messages.success(request, "您的异议已提交，市级中心将依规处理。")
            return redirect("experts:public_notice", pk=pk)
    return render(
        request,
        "experts/public_notice.html",
        {"application": application, "form": form, "open": services.notice_is_open(application)},
    )


@login_required
def expert_detail(request, pk):
    expert = get_scoped_or_404(
        request,
        Expert.objects.select_related(
            "person__employer", "library__jurisdiction", "exit_decided_by", "exit_document"
        ),
        pk=pk,
    )
    user = request.user
    exit_form = forms.ExitForm(initial={"on": today()})
    registry_form = guard_form(forms.RegistryForm(instance=expert), expert, services.REGISTRY_FIELDS)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "exit":
            exit_form = form = forms.ExitForm(request.POST)
            ok = (
                form.is_valid()
                and attempt(form, services.expert_exit, expert=expert, acting_user=user, **form.cleaned_data)[
                    0
                ]
            )
        elif action == "registry":
            registry_form = form = guard_form(
                forms.RegistryForm(request.POST, instance=Expert.objects.get(pk=expert.pk)),
                expert,
                services.REGISTRY_FIELDS,
            )
            ok = (
                form.is_valid()
                and attempt(
                    form,
                    services.registry_update,
                    expert=expert,
                    acting_user=user,
                    **{f: form.cleaned_data[f] for f in services.REGISTRY_FIELDS},
                )[0]
            )
        elif action in ("request_exit", "refuse_exit"):
            form = forms.ReasonForm(request.POST)
            service = (
                services.expert_request_exit if action == "request_exit" else services.expert_refuse_exit
            )
            ok = (
                form.is_valid()
                and attempt(
                    form, service, expert=expert, acting_user=user, reason=form.cleaned_data["reason"]
                )[0]
            )
        elif action == "renew":
            form = forms.forms.Form(request.POST)
            form.is_valid()
            ok = attempt(form, services.expert_renew, expert=expert, acting_user=user)[0]
        else:
            raise Http404
        if ok:
            messages.success(request, "已办理。")
            return redirect("experts:expert_detail", pk=pk)
        messages.error(request, "；".join(form.non_field_errors()) or "请修正表单。")
    try:
        renewal = services.renewal_check(expert)
        year_view = services.duty_year(expert.person, today().year)
    except NoRuleSetInForce:
        renewal, year_view = [], None
    return render(
        request,
        "experts/expert_detail.html",
        {
            "expert": expert,
            "exit_form": exit_form,
            "registry_form": registry_form,
            "renewal": renewal,
            "year_view": year_view,
            "grades": expert.grades.select_related("grading").order_by("-grading__year"),
            "may": {
                "exit": expert.status != "exited" and policies.may_decide_exit(user, expert),
                "registry": policies.may_edit_registry(user, expert),
                "request_exit": expert.status == "active" and policies.is_person(user, expert.person),
                "renew": expert.status == "active" and policies.may_appoint(user, expert.library),
            },
        },
    )


@login_required
def grading_open(request, library_pk):
    lib = get_scoped_or_404(request, Library.objects, pk=library_pk)
    if request.method != "POST":
        raise Http404
    form = forms.forms.Form(request.POST)
    form.is_valid()
    ok, grading = attempt(
        form,
        services.grading_open,
        library=lib,
        acting_user=request.user,
        year=int(request.POST.get("year") or today().year),
    )
    if ok:
        return redirect("experts:grading_detail", pk=grading.pk)
    messages.error(request, "；".join(form.non_field_errors()))
    return redirect("experts:library")


@login_required
def grading_detail(request, pk):
    grading = get_scoped_or_404(
        request, Grading.objects.select_related("library__jurisdiction", "finalised_by"), pk=pk
    )
    user = request.user
    may = grading.status == "draft" and policies.may_grade(user, grading.library)
    finalise_form = forms.FinaliseForm(initial={"filed_on": today()})
    grades = list(grading.grades.select_related("expert__person"))
    if request.method == "POST" and may:
        if request.POST.get("action") == "finalise":
            finalise_form = form = forms.FinaliseForm(request.POST)
            if (
                form.is_valid()
                and attempt(
                    form, services.grading_finalise, grading=grading, acting_user=user, **form.cleaned_data
                )[0]
            ):
                messages.success(request, "已定等。")
                return redirect("experts:grading_detail", pk=pk)
        else:
            form = forms.forms.Form(request.POST)
            form.is_valid()
            failed = False
            for grade in grades:
                value = request.POST.get(f"grade-{grade.pk}", grade.grade)
                ok, _ = attempt(
                    form,
                    services.grade_set,
                    grade=grade,
                    acting_user=user,
                    value=value,
                    contributions=request.POST.get(f"contrib-{grade.pk}", grade.contributions),
                )
                failed = failed or not ok
            if not failed:
                messages.success(request, "已保存。")
                return redirect("experts:grading_detail", pk=pk)
            messages.error(request, "；".join(form.non_field_errors()))
    table = services.quota_table(grading)
    return render(
        request,
        "experts/grading_detail.html",
        {
            "grading": grading,
            "grades": grades,
            "table": table,
            "may": may,
            "finalise_form": finalise_form,
            "choices": forms.GRADE_CHOICES,
            "timeline": timeline_for(grading),
        },
    )


# =============================================================================================
# The expert's own pages, conflicts
# =============================================================================================


@login_required
def mine(request):
    person = _require_person(request)
    user = request.user
    declaration_form = forms.DeclarationForm(user=user)
    recusal_form = forms.RecusalForm(user=user)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "declare":
            declaration_form = form = forms.DeclarationForm(request.POST, user=user)
            ok = (
                form.is_valid()
                and attempt(
                    form, services.declaration_add, person=person, acting_user=user, **form.cleaned_data
                )[0]
            )
        elif action == "withdraw_declaration":
            from .models import InterestDeclaration

            declaration = get_scoped_or_404(request, InterestDeclaration.objects, pk=request.POST.get("pk"))
            form = forms.forms.Form(request.POST)
            form.is_valid()
            ok = attempt(form, services.declaration_withdraw, declaration=declaration, acting_user=user)[0]
        elif action == "recuse":
            recusal_form = form = forms.RecusalForm(request.POST, user=user)
            ok = (
                form.is_valid()
                and attempt(
                    form, services.recusal_record, person=person, acting_user=user, **form.cleaned_data
                )[0]
            )
        else:
            raise Http404
        if ok:
            messages.success(request, "已保存。")
            return redirect("experts:mine")
    return render(
        request,
        "experts/mine.html",
        {
            "person": person,
            "seats": selectors.my_seats(person),
            "appointments": Expert.objects.filter(person=person).select_related("library"),
            "applications": ExpertApplication.objects.filter(person=person).select_related("library"),
            "grades": ExpertGrade.objects.filter(
                expert__person=person, grading__status="finalised"
            ).select_related("grading", "expert"),
            "declarations": selectors.declarations(user=user, person=person),
            "recusals": selectors.recusals(user=user).filter(person=person),
            "declaration_form": declaration_form,
            "recusal_form": recusal_form,
            "year_view": services.duty_year(person, today().year),
        },
    )


@login_required
@require_safe  # a page that is only read: other methods 405
def recusals(request):
    if (
        request.user.role not in (Role.COMMISSION, Role.QC_OFFICE, Role.AUDITOR, Role.DISTRICT_REVIEWER)
        and not request.user.is_sysadmin
    ):
        raise PermissionDenied("回避记录供卫健委、质控办和审计人员查看。")
    return render(
        request,
        "experts/recusals.html",
        {
            "recusals": selectors.recusals(user=request.user)[:300],
            "declarations": selectors.declarations(user=request.user)[:300],
        },
    )

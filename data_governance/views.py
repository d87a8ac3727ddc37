"""Browser pages of data governance. Thin: scoped reads through selectors, writes through services
(core.forms.run_service keeps what was typed and shows the refusal with its article)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST

from accounts.models import INSTITUTION_ROLES, Role
from audit.services import client_ip
from core.concurrency import guard_form
from core.errors import ServiceError
from core.forms import run_service
from core.lists import Column, list_page
from core.scoping import get_scoped_or_404
from core.workflow import timeline_for, today
from rulesets.selectors import NoRuleSetInForce

from . import filters, forms, policies, selectors, services
from .models import Grant, PublicationReview, ScanHit, ThirdPartyTransfer, UseRequest


def _step_form():
    """A bound, empty form to carry the refusal of a step that has no fields (a button)."""
    from django import forms as django_forms

    form = django_forms.Form({})
    form.is_valid()
    return form


REQUEST_EDITED_FIELDS = (
    "centre",
    "purpose_category",
    "purpose",
    "starts_on",
    "ends_on",
    "resources",
    "users",
)


def _attempt(form, action) -> bool:
    return run_service(form, action, also=(NoRuleSetInForce,))[0]


def _refusal_of_hidden_step(request, form, shown: bool) -> None:
    """A step's refusal is drawn with its form. When the page no longer offers that step (a second
    tab's double submit, a crafted POST by someone the step is not for) the form is not drawn, so
    the refusal is shown as a message at the top instead of being lost with it."""
    if shown or form is None or not form.is_bound or not form.errors:
        return
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else None
        for error in errors:
            messages.error(request, f"{label}：{error}" if label else error)


def _meta(request) -> dict:
    return {"ip": client_ip(request), "user_agent": request.META.get("HTTP_USER_AGENT", "")}


def _my_centres(user):
    """The active centres the user acts for (host staff, or the leader)."""
    from centres.selectors import centre_list

    if user.role not in (Role.HOST_SUBMITTER, Role.EXPERT) or user.is_read_only:
        return centre_list(user=user).none()
    return centre_list(user=user).filter(status="active")


def _writer_only(user):
    if user.is_read_only:
        raise PermissionDenied(_("审计人员只能查看和导出，不能修改。"))


# --- resources ---------------------------------------------------------------------------------


def _resource_file_or_404(resource, value):
    """One of the resource's live data files (the resource is already in the user's scope and the
    access is checked by the service); any other id — another resource's file, a withdrawn one, a
    malformed one — is a 404."""
    value = str(value or "")
    attachment = services.resource_files(resource).filter(pk=value).first() if value.isdigit() else None
    if attachment is None:
        raise Http404(_("该数据资源没有这个文件。"))
    return attachment


RESOURCE_COLUMNS = [
    Column(_("编号"), "code"),
    Column(_("名称"), "name"),
    Column(_("分级"), "classification"),
    Column(_("来源")),
    Column(_("所有者")),
    Column(_("管理人")),
]


@login_required
def resource_list(request):
    user = request.user
    may_register = bool(user.jurisdiction_id) and policies.may_register_resource(user, user.jurisdiction)
    # ids of its own: the filter bar above has fields of the same names (分级, 来源)
    form = forms.ResourceForm(request.POST or None, auto_id="id_new_%s") if may_register else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(_("只有卫生健康委或质控办可以登记数据资源。"))
        if form.is_valid() and _attempt(
            form,
            lambda: services.resource_register(
                jurisdiction=user.jurisdiction, steward=user, acting_user=user, **form.cleaned_data
            ),
        ):
            messages.success(request, _("已登记数据资源。"))
            return redirect("data_governance:resource_list")
    listing = list_page(
        request,
        queryset=selectors.resource_list(user=user),
        filterset_class=filters.ResourceFilter,
        columns=RESOURCE_COLUMNS,
        default_ordering="code",
    )
    return render(
        request,
        "data_governance/resource_list.html",
        {"list": listing, "page": listing.page, "form": form},
    )


@login_required
def resource_detail(request, pk):
    user = request.user
    resource = get_scoped_or_404(request, selectors.resource_list(user=user), pk=pk)
    grant, _code, reason = services.access_refusal(user, resource, on=today())
    context = {
        "resource": resource,
        "grant": grant,
        "refusal": services.with_access_article(resource, reason),
        # the export is offered only to who may take it (sensitive data: only under a grant)
        "export_refusal": services.with_access_article(
            resource, services.access_refusal(user, resource, on=today(), export=True)[2]
        )
        if not reason
        else "",
        "rows": None,
        "headers": None,
        "files": services.resource_files(resource) if not reason else [],
        "may_upload": policies.may_register_resource(user, resource.jurisdiction),
        "upload_form": forms.FileForm(),
    }
    if request.method == "POST" and request.POST.get("action") == "withdraw":
        if not context["may_upload"]:
            raise PermissionDenied(_("只有卫生健康委或质控办可以撤下数据文件。"))
        attachment = _resource_file_or_404(resource, request.POST.get("attachment"))
        form = forms.ReasonForm(request.POST)
        if form.is_valid() and _attempt(
            form,
            lambda: services.resource_file_withdraw(
                resource=resource, attachment=attachment, acting_user=user, reason=form.cleaned_data["reason"]
            ),
        ):
            messages.success(request, _("已撤下数据文件（文件留档）。"))
            return redirect("data_governance:resource_detail", pk=pk)
        errors = (
            [e for errs in form.errors.values() for e in errs]
            if form.is_bound and "reason" not in form.errors
            else []
        )
        messages.error(request, "；".join(errors) or _("请填写撤下理由。"))
        return redirect("data_governance:resource_detail", pk=pk)
    if request.method == "POST":
        form = forms.FileForm(request.POST, request.FILES)
        if not context["may_upload"]:
            raise PermissionDenied(_("只有卫生健康委或质控办可以上传数据文件。"))
        if form.is_valid() and _attempt(
            form,
            lambda: services.resource_file_add(
                resource=resource, file=form.cleaned_data["file"], acting_user=user
            ),
        ):
            messages.success(request, _("已上传数据文件。"))
            return redirect("data_governance:resource_detail", pk=pk)
        context["upload_form"] = form
    elif request.GET.get("open") and not reason:
        try:
            context["grant"], context["headers"], context["rows"] = services.resource_view(
                resource=resource, acting_user=user, **_meta(request)
            )
        except ServiceError as refused:
            context["refusal"] = refused.message
    return render(request, "data_governance/resource_detail.html", context)


@login_required
@require_POST
def resource_export(request, pk):
    user = request.user
    resource = get_scoped_or_404(request, selectors.resource_list(user=user), pk=pk)
    attachment = None
    if request.POST.get("attachment"):
        attachment = _resource_file_or_404(resource, request.POST["attachment"])
    try:
        filename, data, content_type, trace = services.resource_export(
            resource=resource,
            acting_user=user,
            fmt=request.POST.get("format", "xlsx"),
            attachment=attachment,
            **_meta(request),
        )
    except ServiceError as refused:
        messages.error(request, refused.message)
        return redirect("data_governance:resource_detail", pk=pk)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Trace-Code"] = trace.code
    return response


# --- use requests ------------------------------------------------------------------------------


REQUEST_COLUMNS = [
    Column(_("编号"), "pk"),
    Column(_("质控中心")),
    Column(_("用途类别")),
    Column(pgettext_lazy("period", "期限"), "starts_on"),
    Column(_("资源/人员")),
    Column(_("状态"), "status"),
]


@login_required
def request_list(request):
    listing = list_page(
        request,
        queryset=selectors.request_list(user=request.user),
        filterset_class=filters.RequestFilter,
        columns=REQUEST_COLUMNS,
        default_ordering="-pk",
    )
    return render(
        request,
        "data_governance/request_list.html",
        {"list": listing, "page": listing.page, "may_create": _my_centres(request.user).exists()},
    )


@login_required
def request_form(request, pk=None):
    user = request.user
    _writer_only(user)
    obj = get_scoped_or_404(request, selectors.request_detail_qs(user=user), pk=pk) if pk else None
    if obj is not None and not policies.may_edit_request(user, obj):
        messages.error(request, _("只有草稿状态的申请可以由质控中心修改。"))
        return redirect("data_governance:request_detail", pk=obj.pk)
    centres = _my_centres(user)
    if obj is None and not centres.exists():
        raise PermissionDenied(_("只有质控中心挂靠单位人员或负责人可以申请使用数据资源。"))
    initial = {}
    if obj is not None:
        initial = {
            "centre": obj.centre_id,
            "purpose_category": obj.purpose_category,
            "purpose": obj.purpose,
            "starts_on": obj.starts_on,
            "ends_on": obj.ends_on,
            "resources": list(obj.resources.all()),
            "users": list(obj.users.all()),
        }
        centres = centres.model.objects.filter(pk=obj.centre_id)
    form = forms.RequestForm(
        request.POST or None,
        user=user,
        initial=initial,
        centres=centres,
        resources=selectors.resource_list(user=user).filter(active=True),
        centre=obj.centre if obj else None,
    )
    guard_form(form, obj, REQUEST_EDITED_FIELDS)  # a draft changed since it was opened is refused
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        result = {}

        def act():
            result["request"] = services.request_save_draft(request=obj, acting_user=user, **d)

        if _attempt(form, act):
            messages.success(request, _("已保存草稿。请下载承诺书模板，签字后上传，再提交申请。"))
            return redirect("data_governance:request_detail", pk=result["request"].pk)
    return render(request, "data_governance/request_form.html", {"form": form, "obj": obj})


@login_required
def request_detail(request, pk):
    user = request.user
    obj = get_scoped_or_404(request, selectors.request_detail_qs(user=user), pk=pk)
    action = request.POST.get("action") if request.method == "POST" else None
    letter_form = forms.FileForm()
    ruleset = None
    try:
        from core.workflow import ruleset_for

        ruleset = ruleset_for(obj)
    except NoRuleSetInForce:
        pass
    needs_endorsement = bool(ruleset and services.chair_endorsement_required(ruleset))
    refuse_only = needs_endorsement and obj.status == UseRequest.Status.SUBMITTED
    endorse_form = forms.EndorseForm()
    decision_form = forms.DecisionForm(user=user, request_obj=obj, refuse_only=refuse_only)
    refusal_form = _step_form()  # carries the refusal of a button-only step
    if action:
        _writer_only(user)
        ok = False
        if action == "letter":
            letter_form = forms.FileForm(request.POST, request.FILES)
            ok = letter_form.is_valid() and _attempt(
                letter_form,
                lambda: services.request_letter_attach(
                    request=obj, file=letter_form.cleaned_data["file"], acting_user=user
                ),
            )
        elif action == "submit":
            ok = _attempt(refusal_form, lambda: services.request_submit(request=obj, acting_user=user))
        elif action == "withdraw":
            ok = _attempt(refusal_form, lambda: services.request_withdraw(request=obj, acting_user=user))
        elif action == "endorse":
            endorse_form = forms.EndorseForm(request.POST)
            ok = endorse_form.is_valid() and _attempt(
                endorse_form,
                lambda: services.request_endorse(request=obj, acting_user=user, **endorse_form.cleaned_data),
            )
        elif action == "decide":
            decision_form = forms.DecisionForm(
                request.POST, user=user, request_obj=obj
            )  # the service decides what is allowed
            if decision_form.is_valid():
                d = dict(decision_form.cleaned_data)
                if d["outcome"] != "narrow":
                    d.update(resources=None, users=None, ends_on=None)
                else:
                    d["resources"] = list(d["resources"]) or None
                    d["users"] = list(d["users"]) or None
                ok = _attempt(
                    decision_form, lambda: services.request_decide(request=obj, acting_user=user, **d)
                )
        if ok:
            messages.success(request, _("已完成。"))
            return redirect("data_governance:request_detail", pk=pk)
    status = obj.status
    may = {
        "edit": policies.may_edit_request(user, obj),
        "submit": policies.may_edit_request(user, obj),
        "withdraw": policies.may_withdraw_request(user, obj),
        "endorse": status == "submitted"
        and policies.may_endorse(user, obj)
        and bool(ruleset and services.chair_endorsement_required(ruleset)),
        "decide": status in ("submitted", "endorsed") and policies.may_decide_request(user, obj),
    }
    _refusal_of_hidden_step(
        request,
        {"letter": letter_form, "endorse": endorse_form, "decide": decision_form}.get(action),
        shown={"letter": may["submit"], "endorse": may["endorse"], "decide": may["decide"]}.get(action, True),
    )
    return render(
        request,
        "data_governance/request_detail.html",
        {
            "obj": obj,
            "may": may,
            "letter": services.commitment_letter(obj),
            "letter_form": letter_form,
            "endorse_form": endorse_form,
            "decision_form": decision_form,
            "refusal_form": refusal_form,
            "needs_endorsement": needs_endorsement,
            "endorsement_article": services._article(ruleset, "data.responsible_person") if ruleset else "",
            "grant": Grant.objects.filter(request=obj).first(),
            "timeline": timeline_for(obj),
        },
    )


@login_required
def request_letter_template(request, pk):
    from .documents import commitment_letter_pdf

    obj = get_scoped_or_404(request, selectors.request_detail_qs(user=request.user), pk=pk)
    response = HttpResponse(commitment_letter_pdf(obj), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="commitment-letter-{obj.pk}.pdf"'
    return response


# --- grants ------------------------------------------------------------------------------------


GRANT_COLUMNS = [
    Column(_("授权编号"), "number"),
    Column(_("质控中心")),
    Column(_("人员")),
    Column(_("数据资源")),
    Column(pgettext_lazy("period", "期限"), "ends_on"),
    Column(_("状态")),
]


@login_required
def grant_list(request):
    listing = list_page(
        request,
        queryset=selectors.grant_list(user=request.user),
        filterset_class=filters.GrantFilter,
        columns=GRANT_COLUMNS,
        default_ordering="-number",
    )
    on = today()
    for grant in listing.page:
        grant.standing_today = grant.standing(on)  # read at this moment, like every access
    return render(request, "data_governance/grant_list.html", {"list": listing, "page": listing.page})


@login_required
def grant_detail(request, pk):
    user = request.user
    grant = get_scoped_or_404(
        request, selectors.grant_list(user=user).select_related("request__centre"), pk=pk
    )
    form = forms.ReasonForm(request.POST or None)
    close_form = _step_form()
    if request.method == "POST":
        _writer_only(user)
        if request.POST.get("action") == "close_out":
            ok = _attempt(close_form, lambda: services.grant_close_out(grant=grant, acting_user=user))
        else:
            ok = form.is_valid() and _attempt(
                form,
                lambda: services.grant_revoke(
                    grant=grant, acting_user=user, reason=form.cleaned_data["reason"]
                ),
            )
        if ok:
            messages.success(request, _("已完成。"))
            return redirect("data_governance:grant_detail", pk=pk)
    accesses = selectors.access_log(user=user).filter(grant=grant)[:100]
    may_revoke = grant.status == "active" and policies.may_revoke(user, grant)
    deadlines = services.pending_deadlines(grant)
    may_close = policies.of_centre(user, grant.centre) and bool(deadlines)
    revoking = request.POST.get("action") != "close_out"
    _refusal_of_hidden_step(request, form if revoking else None, shown=may_revoke)
    _refusal_of_hidden_step(request, close_form, shown=may_close)
    return render(
        request,
        "data_governance/grant_detail.html",
        {
            "grant": grant,
            "standing": grant.standing(today()),
            "form": form,
            "close_form": close_form,
            "may_revoke": may_revoke,
            "may_close": may_close,
            "accesses": accesses,
            "deadlines": deadlines,
        },
    )


# --- the log and the traces --------------------------------------------------------------------


def _log_reader(user):
    if not (user.is_sysadmin or (user.jurisdiction_id and policies.may_read_log(user, user.jurisdiction))):
        raise PermissionDenied(_("导出溯源仅供卫生健康委、质控办和审计人员使用。"))


LOG_COLUMNS = [
    Column(_("时间"), "at"),
    Column(_("访问人"), "user__username"),
    Column(_("数据资源")),
    Column(_("授权编号")),
    Column(_("方式")),
    Column(_("数量"), "amount"),
    Column(_("来源地址")),
    Column(_("说明")),
]


@login_required
def access_log(request):
    """Everyone reads the log within their scope, as the API does (AccessLog.objects.for_user): the
    commission, its office and auditors their jurisdiction's; a host the accesses under its centres'
    grants; a person their own. Read and export only — no one changes it."""
    listing = list_page(
        request,
        queryset=selectors.access_log(user=request.user),
        filterset_class=filters.AccessLogFilter,
        columns=LOG_COLUMNS,
        default_ordering="-at",
    )
    role = request.user.role
    scope = (
        "institution" if role in INSTITUTION_ROLES else "person" if role == Role.EXPERT else "jurisdiction"
    )
    return render(
        request, "data_governance/access_log.html", {"list": listing, "page": listing.page, "scope": scope}
    )


@login_required
def trace(request):
    """The auditor's page: a file found elsewhere (or its hash) → the export, the person, the grant."""
    _log_reader(request.user)
    form = forms.TraceForm(request.POST or None, request.FILES or None)
    found, sha = None, ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        try:
            sha, found = services.trace_lookup(
                user=request.user,
                sha256=form.cleaned_data.get("sha256", ""),
                data=upload.read() if upload else None,
            )
            found = list(found)
        except ServiceError as refused:
            form.add_error(None, refused.message)
    recent = selectors.export_traces(user=request.user)[:20]
    return render(
        request, "data_governance/trace.html", {"form": form, "found": found, "sha": sha, "recent": recent}
    )


# --- publications ------------------------------------------------------------------------------


PUBLICATION_COLUMNS = [
    Column(_("题目"), "title"),
    Column(_("类型")),
    Column(_("质控中心")),
    Column(_("创建时间"), "created_at"),
    Column(_("状态"), "status"),
]


@login_required
def publication_list(request):
    user = request.user
    centres = _my_centres(user)
    form = (
        forms.PublicationForm(request.POST or None, user=user, centres=centres, auto_id="id_new_%s")
        if centres.exists()
        else None
    )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(_("只有质控中心挂靠单位人员或负责人可以提交成果发布审核。"))
        result = {}

        def act():
            result["review"] = services.publication_create(acting_user=user, **form.cleaned_data)

        if form.is_valid() and _attempt(form, act):
            messages.success(request, _("已创建。请上传文稿，系统将扫描个人信息。"))
            return redirect("data_governance:publication_detail", pk=result["review"].pk)
    listing = list_page(
        request,
        queryset=selectors.publication_list(user=user),
        filterset_class=filters.PublicationFilter,
        columns=PUBLICATION_COLUMNS,
        default_ordering="-created_at",
    )
    return render(
        request,
        "data_governance/publication_list.html",
        {"list": listing, "page": listing.page, "form": form},
    )


@login_required
def publication_detail(request, pk):
    user = request.user
    review = get_scoped_or_404(request, selectors.publication_detail_qs(user=user), pk=pk)
    try:
        from core.workflow import ruleset_for

        committee_first = services.committee_review_required(ruleset_for(review))
    except NoRuleSetInForce:
        committee_first = True
    refuse_only = committee_first and review.status == PublicationReview.Status.SUBMITTED
    upload_form, committee_form = forms.FileForm(), forms.CommitteeForm()
    decision_form, step_form = forms.PublicationDecisionForm(refuse_only=refuse_only), _step_form()
    if request.method == "POST":
        _writer_only(user)
        action, ok = request.POST.get("action"), False
        if action == "upload":
            upload_form = forms.FileForm(request.POST, request.FILES)
            ok = upload_form.is_valid() and _attempt(
                upload_form,
                lambda: services.publication_manuscript_upload(
                    review=review, file=upload_form.cleaned_data["file"], acting_user=user
                ),
            )
        elif action == "submit":
            ok = _attempt(step_form, lambda: services.publication_submit(review=review, acting_user=user))
        elif action == "committee":
            committee_form = forms.CommitteeForm(request.POST)
            ok = committee_form.is_valid() and _attempt(
                committee_form,
                lambda: services.publication_committee_decide(
                    review=review, acting_user=user, **committee_form.cleaned_data
                ),
            )
        elif action == "check":
            ok = _attempt(
                step_form,
                lambda: services.publication_check_confirm(
                    review=review,
                    code=request.POST.get("code", ""),
                    acting_user=user,
                    note=request.POST.get("note", ""),
                ),
            )
        elif action == "hit":
            hit = get_scoped_or_404(
                request, ScanHit.objects.filter(review=review), pk=request.POST.get("hit") or 0
            )
            ok = _attempt(
                step_form,
                lambda: services.publication_hit_resolve(
                    hit=hit,
                    resolution=request.POST.get("resolution", ""),
                    note=request.POST.get("note", ""),
                    acting_user=user,
                ),
            )
        elif action == "decide":
            decision_form = forms.PublicationDecisionForm(request.POST)
            ok = decision_form.is_valid() and _attempt(
                decision_form,
                lambda: services.publication_decide(
                    review=review, acting_user=user, **decision_form.cleaned_data
                ),
            )
        if ok:
            messages.success(request, _("已完成。"))
            return redirect("data_governance:publication_detail", pk=pk)
    open_review = review.status in ("draft", "submitted", "committee_agreed")
    may = {
        "upload": open_review and policies.may_submit_publication(user, review),
        "submit": review.status == "draft" and policies.may_submit_publication(user, review),
        "committee": review.status == "submitted" and policies.may_record_committee(user, review),
        "resolve": open_review and policies.may_confirm_check(user, review),
        "decide": review.status in ("submitted", "committee_agreed")
        and policies.may_decide_publication(user, review),
    }
    if request.method == "POST":
        action = request.POST.get("action")
        _refusal_of_hidden_step(
            request,
            {"upload": upload_form, "committee": committee_form, "decide": decision_form}.get(action),
            shown=may.get(action, True),
        )
    return render(
        request,
        "data_governance/publication_detail.html",
        {
            "review": review,
            "may": may,
            "manuscript": services.manuscript(review),
            "upload_form": upload_form,
            "committee_form": committee_form,
            "decision_form": decision_form,
            "step_form": step_form,
            "refuse_only": refuse_only,
            "timeline": timeline_for(review),
        },
    )


# --- third parties -----------------------------------------------------------------------------


TRANSFER_COLUMNS = [
    Column(_("接收方"), "recipient"),
    Column(_("质控中心")),
    Column(_("申请时间"), "requested_at"),
    Column(_("状态"), "status"),
]


@login_required
def transfer_list(request):
    user = request.user
    centres = _my_centres(user)
    form = (
        forms.TransferForm(
            request.POST or None,
            user=user,
            centres=centres,
            resources=selectors.resource_list(user=user),
            auto_id="id_new_%s",
        )
        if centres.exists()
        else None
    )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(_("只有质控中心挂靠单位人员或负责人可以申请向第三方提供数据。"))
        result = {}

        def act():
            result["t"] = services.transfer_request(acting_user=user, **form.cleaned_data)

        if form.is_valid() and _attempt(form, act):
            messages.success(request, _("已提交，待卫生健康委审批。"))
            return redirect("data_governance:transfer_detail", pk=result["t"].pk)
    listing = list_page(
        request,
        queryset=selectors.transfer_list(user=user),
        filterset_class=filters.TransferFilter,
        columns=TRANSFER_COLUMNS,
        default_ordering="-requested_at",
    )
    return render(
        request,
        "data_governance/transfer_list.html",
        {"list": listing, "page": listing.page, "form": form},
    )


@login_required
def transfer_detail(request, pk):
    user = request.user
    transfer = get_scoped_or_404(
        request, selectors.transfer_list(user=user).prefetch_related("resources"), pk=pk
    )
    form = forms.TransferDecisionForm(request.POST or None)
    if request.method == "POST":
        _writer_only(user)
        if form.is_valid() and _attempt(
            form, lambda: services.transfer_decide(transfer=transfer, acting_user=user, **form.cleaned_data)
        ):
            messages.success(request, _("已审批。"))
            return redirect("data_governance:transfer_detail", pk=pk)
    may_decide = transfer.status == ThirdPartyTransfer.Status.SUBMITTED and policies.may_decide_transfer(
        user, transfer
    )
    _refusal_of_hidden_step(request, form, shown=may_decide)
    return render(
        request,
        "data_governance/transfer_detail.html",
        {
            "transfer": transfer,
            "form": form,
            "timeline": timeline_for(transfer),
            "may_decide": may_decide,
        },
    )


# --- handover ----------------------------------------------------------------------------------


@login_required
def handovers(request):
    """The data, platform-account and permission items of the centres' open handovers, ticked from
    here (through the centres' own service), with the old host's grants that end at completion."""
    from centres.models import Handover

    user = request.user
    visible = Handover.objects.for_user(user).select_related("centre", "from_host", "to_host")
    form = _step_form()
    if request.method == "POST":
        _writer_only(user)
        handover = get_scoped_or_404(request, visible, pk=request.POST.get("handover") or 0)
        if _attempt(
            form,
            lambda: services.handover_item_tick(
                handover=handover,
                code=request.POST.get("code", ""),
                note=request.POST.get("note", ""),
                acting_user=user,
            ),
        ):
            messages.success(request, _("已勾选交接事项。"))
            return redirect("data_governance:handovers")
    rows = [
        {"handover": h, "items": services.handover_data_items(h), "grants": list(services.old_host_grants(h))}
        for h in visible.filter(status="open")
    ]
    return render(request, "data_governance/handovers.html", {"rows": rows, "form": form})

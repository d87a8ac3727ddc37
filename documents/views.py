from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.models import Role
from audit.models import SecurityEvent
from audit.services import security_event_record
from core.forms import run_service
from core.lists import Column, list_page
from core.scoping import get_scoped_or_404
from directory.models import HealthCommission

from . import selectors, services
from .filters import DocumentFilter
from .forms import NoticeForm, ReissueForm
from .models import IssuedDocument
from .types import commission_issuer, label_of

PAGE_SIZE = 50
DOCUMENT_COLUMNS = [
    Column(gettext_lazy("发文字号"), "number"),
    Column(gettext_lazy("标题"), "title"),
    Column(gettext_lazy("发文机关"), "issuer_name"),
    Column(gettext_lazy("成文日期"), "dated"),
    Column(gettext_lazy("版本"), "version"),
    Column(gettext_lazy("状态"), "status"),
]


def _commission_of(user) -> HealthCommission:
    """The commission a user issues notices for: commission staff, their own; nobody else."""
    if user.is_read_only or not (user.is_sysadmin or user.role == Role.COMMISSION):
        raise PermissionDenied(_("只有卫生健康委工作人员可以印发通知。"))
    commission = HealthCommission.objects.filter(jurisdiction_id=user.jurisdiction_id).first()
    if commission is None:
        raise PermissionDenied(_("当前账号未对应卫生健康委，不能发文。"))
    return commission


def _may_issue_notice(user) -> bool:
    return not user.is_read_only and user.role == Role.COMMISSION and user.jurisdiction_id is not None


def _run(form, action):
    """Call a service with a valid form (core.forms.run_service); its refusal goes back to the
    form, input kept."""
    if not form.is_valid():
        return None
    return run_service(form, lambda: action(form.cleaned_data))[1]


@login_required
def document_list(request):
    listing = list_page(
        request,
        queryset=selectors.document_list(user=request.user),
        filterset_class=DocumentFilter,
        columns=DOCUMENT_COLUMNS,
        page_size=PAGE_SIZE,
    )
    return render(
        request,
        "documents/list.html",
        {"list": listing, "page": listing.page, "may_issue": _may_issue_notice(request.user)},
    )


@login_required
def document_detail(request, pk):
    document = get_scoped_or_404(
        request,
        IssuedDocument.objects.select_related("jurisdiction", "issued_by", "approved_by", "supersedes"),
        pk=pk,
    )
    return render(
        request,
        "documents/detail.html",
        {
            "document": document,
            "versions": selectors.document_versions(user=request.user, document=document),
            "doc_type_label": label_of(document.doc_type),
            "is_current": document.is_current,
            "may_reissue": document.doc_type == "notice"
            and _may_issue_notice(request.user)
            and request.user.jurisdiction_id == document.jurisdiction_id,
        },
    )


@login_required
def document_status(request, pk):
    """Polled by static/documents/status.js while the PDF is being generated."""
    document = get_scoped_or_404(request, IssuedDocument.objects, pk=pk)
    return JsonResponse(
        {
            "status": document.status,
            "label": document.get_status_display(),
            "ready": document.status == IssuedDocument.Status.READY,
        }
    )


@login_required
def notice_issue(request):
    commission = _commission_of(request.user)
    form = NoticeForm(request.POST or None)
    if request.method == "POST":
        document = _run(
            form,
            lambda d: services.document_issue(
                doc_type="notice",
                acting_user=request.user,
                issuer=commission_issuer(commission),
                data=form.document_data(),
                on=d.get("dated") or timezone.localdate(),
            ),
        )
        if document:
            messages.success(request, _("已登记：%(number)s，正在生成PDF。") % {"number": document.number})
            return redirect("documents:detail", pk=document.pk)
    return render(
        request,
        "documents/issue_form.html",
        {"form": form, "title": _("印发通知"), "issuer": commission_issuer(commission)},
    )


@login_required
def document_reissue(request, pk):
    document = get_scoped_or_404(request, IssuedDocument.objects, pk=pk)
    _commission_of(request.user)
    if document.doc_type != "notice":
        raise PermissionDenied(_("该文种由其业务流程重新印发。"))
    form = ReissueForm(
        request.POST or None, initial=ReissueForm.initial_from(document.context.get("input", {}))
    )
    if request.method == "POST":
        new = _run(
            form,
            lambda d: services.document_reissue(
                document=document, acting_user=request.user, reason=d["reason"], data=form.document_data()
            ),
        )
        if new:
            messages.success(
                request,
                _("已重新印发：%(number)s（第%(version)s版）。")
                % {"number": new.number, "version": new.version},
            )
            return redirect("documents:detail", pk=new.pk)
    return render(
        request,
        "documents/issue_form.html",
        {
            "form": form,
            "title": _("重新印发：%(number)s") % {"number": document.number},
            "document": document,
        },
    )


@login_required
@require_POST
def document_retry(request, pk):
    document = get_scoped_or_404(request, IssuedDocument.objects, pk=pk)
    if request.user.is_read_only or not (
        request.user.is_sysadmin or request.user == document.issued_by or request.user.role == Role.COMMISSION
    ):
        raise PermissionDenied(_("无权重新生成。"))
    try:
        services.document_retry(document=document, acting_user=request.user)
        messages.success(request, _("已重新排队生成。"))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect("documents:detail", pk=pk)


@login_required
def document_download(request, pk):
    document = get_scoped_or_404(request, IssuedDocument.objects, pk=pk)
    try:
        data = services.document_verified_bytes(document=document)
    except FileNotFoundError:
        return HttpResponse(
            render_to_string(
                "documents/unavailable.html",
                {"document": document, "reason": _("PDF尚未生成，请稍后再试。")},
                request,
            ),
            status=404,
        )
    except services.DocumentTampered:
        security_event_record(
            kind=SecurityEvent.Kind.REFUSED,
            request=request,
            reason="hash_mismatch",
            document=document.pk,
            number=document.number,
            version=document.version,
        )
        return HttpResponse(
            render_to_string(
                "documents/unavailable.html",
                {
                    "document": document,
                    "reason": _("存档PDF与登记时的校验值不一致，已拒绝下载并记录。请联系系统管理员。"),
                },
                request,
            ),
            status=409,
        )
    security_event_record(
        kind=SecurityEvent.Kind.DOWNLOAD,
        request=request,
        document=document.pk,
        number=document.number,
        version=document.version,
        sha256=document.sha256,
    )
    from io import BytesIO

    return FileResponse(
        BytesIO(data), as_attachment=True, filename=document.download_name, content_type="application/pdf"
    )

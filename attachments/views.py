from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.scoping import get_scoped_or_404

from . import selectors, services
from .forms import AttachmentDeleteForm, AttachmentUploadForm
from .http import attachment_response
from .models import Attachment

STASH_KEY = "attachments_upload_form"


def stash_key(subject_type_id: int, subject_id: int) -> str:
    return f"{subject_type_id}:{subject_id}"


def _back(request, fallback: str = "home"):
    """Back to the page the form was on, if it is on this site; never to another host."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(fallback)


def _subject_or_404(request, content_type_id: int, object_id: int):
    content_type = ContentType.objects.filter(pk=content_type_id).first()
    model = content_type.model_class() if content_type else None
    queryset = selectors.subject_queryset(model) if model else None
    if queryset is None:
        raise Http404("记录不存在或无权访问。")
    return get_scoped_or_404(request, queryset, pk=object_id)


@login_required
@require_POST
def upload(request, content_type_id, object_id):
    subject = _subject_or_404(request, content_type_id, object_id)
    if selectors.subject_served_elsewhere(type(subject)):
        raise PermissionDenied(selectors.subject_served_elsewhere(type(subject)))
    if not selectors.may_attach(user=request.user, subject=subject):
        raise PermissionDenied(selectors.locked_reason(subject) or "当前角色只能查看和下载附件，不能上传。")
    form = AttachmentUploadForm(request.POST, request.FILES, subject=subject)
    if form.is_valid():
        try:
            attachment = services.attachment_store(
                file=form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
                subject=subject,
                acting_user=request.user,
                sensitive=form.cleaned_data["sensitive"],
            )
        except ValidationError as exc:
            form.add_error("file" if not hasattr(exc, "error_dict") else None, exc)
        else:
            messages.success(
                request, _("已上传：%(original_name)s") % {"original_name": attachment.original_name}
            )
            return _back(request)
    request.session.setdefault(STASH_KEY, {})[stash_key(content_type_id, object_id)] = form.stash()
    request.session.modified = True
    messages.error(request, _("附件未上传，请修正标红的字段。"))
    return _back(request)


@login_required
@require_GET
def download(request, pk):
    attachment = get_scoped_or_404(request, selectors.attachment_downloadable(user=request.user), pk=pk)
    services.attachment_download_record(attachment=attachment, request=request)
    return attachment_response(attachment)


@login_required
@require_POST
def delete(request, pk):
    attachment = get_scoped_or_404(request, Attachment.objects.alive(), pk=pk)
    if selectors.subject_served_elsewhere(attachment.subject_type.model_class()):
        raise PermissionDenied(selectors.subject_served_elsewhere(attachment.subject_type.model_class()))
    form = AttachmentDeleteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写删除原因。"))
        return _back(request)
    try:
        services.attachment_delete(
            attachment=attachment, acting_user=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(
            request,
            _("已删除：%(original_name)s（文件已留档）") % {"original_name": attachment.original_name},
        )
    return _back(request)

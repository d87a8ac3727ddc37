from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.models import SecurityEvent
from audit.services import security_event_record
from core.lists import Column, list_page
from core.scoping import get_scoped_or_404

from . import imports, selectors, services
from .filters import ExportJobFilter
from .forms import ImportForm
from .models import ExportJob
from .registry import get_spec, get_spec_or_404

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _require_importer(user):
    if not user.may_edit_directory:
        raise PermissionDenied(_("仅卫健委和质控办工作人员可导入医疗机构。"))


def _download_name(job: ExportJob) -> str:
    made = timezone.localtime(job.finished_at or job.created_at)
    return f"{job.title}_{made:%Y%m%d_%H%M}.xlsx"


@login_required
@require_POST
def export_start(request, code):
    """Queue an export of a list with the filters the list page was showing."""
    spec = get_spec_or_404(code)
    job = services.export_job_create(user=request.user, spec=spec, raw_filters=request.POST, request=request)
    return redirect("exports:job_detail", pk=job.pk)


@login_required
def job_list(request):
    columns = [
        Column(_("导出清单"), "title"),
        *([Column(_("导出人"))] if request.user.is_sysadmin else []),
        Column(_("状态"), "status"),
        Column(_("行数"), "rows_done"),
        Column(_("创建时间"), "created_at"),
    ]
    listing = list_page(
        request,
        queryset=selectors.export_job_list(user=request.user),
        filterset_class=ExportJobFilter,
        columns=columns,
        default_ordering="-created_at",
    )
    return render(request, "exports/job_list.html", {"list": listing, "page": listing.page})


@login_required
def job_detail(request, pk):
    job = get_scoped_or_404(request, ExportJob.objects.select_related("user"), pk=pk)
    spec = get_spec(job.spec_code)
    return render(
        request,
        "exports/job_detail.html",
        {
            "job": job,
            "filters": spec.describe_filters(job.filters) if spec else [],
            "may_download": job.user_id == request.user.pk,
        },
    )


@login_required
def job_progress(request, pk):
    """Polled by static/exports/job.js while the job runs."""
    job = get_scoped_or_404(request, ExportJob.objects, pk=pk)
    return JsonResponse(
        {
            "status": job.status,
            "status_display": job.get_status_display(),
            "finished": job.is_finished,
            "rows_done": job.rows_done,
            "rows_total": job.rows_total,
            "percent": job.percent,
            "download_url": reverse("exports:job_download", args=[job.pk])
            if job.status == ExportJob.Status.DONE and job.user_id == request.user.pk
            else None,
        }
    )


@login_required
def job_download(request, pk):
    """The file, to the job's own user only: it may hold identity numbers unmasked for them."""
    try:
        job = ExportJob.objects.owned_by(request.user).get(pk=pk, status=ExportJob.Status.DONE)
    except ExportJob.DoesNotExist:
        if ExportJob.objects.filter(pk=pk).exclude(user=request.user).exists():
            security_event_record(
                kind=SecurityEvent.Kind.REFUSED,
                request=request,
                model=ExportJob._meta.label,
                lookup={"pk": str(pk)},
            )
        raise Http404("文件不存在或无权下载。") from None
    if not job.file:
        raise Http404("文件不存在或无权下载。")
    services.export_download_record(job=job, request=request)
    return FileResponse(
        job.file.open("rb"), as_attachment=True, filename=_download_name(job), content_type=XLSX
    )


@login_required
def institution_import(request):
    _require_importer(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = imports.institutions_import(user=request.user, file=form.cleaned_data["file"])
        if result.ok:
            messages.success(request, _("已导入 %(count)s 个医疗机构。") % {"count": len(result.created)})
            return redirect("directory:institution_list")
    return render(
        request,
        "exports/institution_import.html",
        {
            "form": form,
            "result": result,
            "headings": imports.INSTITUTION_HEADINGS,
            "required": imports.REQUIRED_HEADINGS,
        },
    )


@login_required
def institution_import_template(request):
    _require_importer(request.user)
    response = HttpResponse(imports.institution_template(user=request.user), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, "医疗机构导入模板.xlsx")
    return response

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from core.lists import Column, list_page
from core.scoping import get_scoped_or_404

from .filters import SecurityEventFilter
from .selectors import record_history, security_event_list, trackable_model

EVENT_COLUMNS = [
    Column(gettext_lazy("时间"), "at"),
    Column(gettext_lazy("事件"), "kind"),
    Column(gettext_lazy("用户"), "username"),
    Column(gettext_lazy("IP地址"), "ip"),
    Column(gettext_lazy("地址")),
]

IDENTITY_FIELDS = {"id_number", "mobile"}


@login_required
@require_safe  # a page that is only read: other methods 405
def history(request, app_label, model_name, pk):
    """The change history of one record, for whoever may read the record."""
    model = trackable_model(app_label, model_name)
    if model is None:
        raise Http404("没有该类记录的修改历史。")
    obj = get_scoped_or_404(request, model.objects.all(), pk=pk)
    masked = set() if request.user.may_see_identity else IDENTITY_FIELDS
    return render(
        request,
        "audit/history.html",
        {
            "object": obj,
            "model_name": model._meta.verbose_name,
            "entries": record_history(obj, masked_fields=masked),
        },
    )


@login_required
def security_events(request):
    """等保 2.0 安全审计: logins, failures, refusals. System administrators and auditors."""
    user = request.user
    if not (user.is_sysadmin or user.role == "auditor"):
        raise PermissionDenied(_("仅系统管理员和审计人员可查看安全审计记录。"))
    listing = list_page(
        request,
        queryset=security_event_list(user=user),
        filterset_class=SecurityEventFilter,
        columns=EVENT_COLUMNS,
        default_ordering="-at",
    )
    return render(
        request,
        "audit/security_events.html",
        {"list": listing, "page": listing.page, "retention_days": settings.AUDIT_RETENTION_DAYS},
    )

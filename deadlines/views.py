import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.errors import ServiceError
from core.lists import Column, list_page
from core.pagination import CappedPaginator
from core.scoping import get_scoped_or_404

from . import ics, selectors, services
from .filters import DeadlineFilter
from .forms import WaiveForm
from .models import CalendarFeed

PAGE_SIZE = 50
DEADLINE_COLUMNS = [
    Column(gettext_lazy("事项"), "title"),
    Column(gettext_lazy("类型"), "kind"),
    Column(gettext_lazy("行政区划"), "jurisdiction__path"),
    Column(gettext_lazy("责任方")),
    Column(gettext_lazy("依据")),
    Column(gettext_lazy("截止时间"), "due_at"),
    Column(gettext_lazy("状态"), "state"),
]


@login_required
def mine(request):
    """我的期限: what this user has to meet or chase, soonest first."""
    include_closed = request.GET.get("closed") == "1"
    page = CappedPaginator(
        selectors.my_deadlines(user=request.user, include_closed=include_closed), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    feed = services.calendar_feed_for(user=request.user)
    feed_url = request.build_absolute_uri(reverse("deadlines:feed", kwargs={"token": feed.token}))
    return render(
        request,
        "deadlines/mine.html",
        {
            "page": page,
            "deadlines": page.object_list,
            "now": timezone.now(),
            "include_closed": include_closed,
            "feed_url": feed_url,
        },
    )


@login_required
def deadline_list(request):
    """Every deadline in the user's jurisdiction scope: the commission's overview."""
    if not selectors.may_list_all(request.user):
        raise PermissionDenied(_("仅卫生健康行政部门工作人员和审计人员可查看辖区全部期限。"))
    listing = list_page(
        request,
        queryset=selectors.deadline_list(user=request.user),
        filterset_class=DeadlineFilter,
        columns=DEADLINE_COLUMNS,
        page_size=PAGE_SIZE,
    )
    return render(
        request, "deadlines/list.html", {"list": listing, "page": listing.page, "now": timezone.now()}
    )


def _detail(request, deadline, form=None, status=200):
    reminders = deadline.reminders.select_related("recipient").order_by("sent_at", "pk")
    return render(
        request,
        "deadlines/detail.html",
        {
            "deadline": deadline,
            "subject": deadline.subject,
            "reminders": reminders,
            "now": timezone.now(),
            "may_waive": services.may_waive(request.user) and deadline.is_pending,
            "form": form or WaiveForm(),
        },
        status=status,
    )


@login_required
def detail(request, pk):
    return _detail(request, get_scoped_or_404(request, selectors.deadline_detail_queryset(), pk=pk))


@login_required
@require_POST
def waive(request, pk):
    deadline = get_scoped_or_404(request, selectors.deadline_detail_queryset(), pk=pk)
    if not services.may_waive(request.user):
        raise PermissionDenied(_("无权豁免期限。"))
    form = WaiveForm(request.POST)
    if form.is_valid():
        try:
            services.deadline_waive(
                deadline=deadline, reason=form.cleaned_data["reason"], acting_user=request.user
            )
        except ServiceError as exc:
            form.add_error("reason" if exc.code == "waive_reason_required" else None, exc.message)
        else:
            messages.success(request, _("已豁免：%(title)s") % {"title": deadline.title})
            return redirect("deadlines:detail", pk=deadline.pk)
    return _detail(request, deadline, form=form)


@login_required
def inbox(request):
    page = CappedPaginator(selectors.inbox(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "deadlines/inbox.html", {"page": page, "unread": selectors.unread_count(user=request.user)}
    )


@login_required
@require_POST
def inbox_read(request, pk=None):
    """Mark one message read (and follow its link when asked), or all of them."""
    if pk is None:
        services.inbox_mark_read(user=request.user)
        return redirect("deadlines:inbox")
    message = selectors.inbox(user=request.user).filter(pk=pk).first()
    if message is None:
        raise Http404(_("消息不存在。"))
    services.inbox_mark_read(user=request.user, message_ids=[message.pk])
    if request.POST.get("open") and message.url.startswith("/"):
        return redirect(message.url)
    return redirect("deadlines:inbox")


@login_required
@require_POST
def feed_reset(request):
    services.calendar_feed_reset(user=request.user)
    messages.success(request, _("已重置日历订阅地址，旧地址已失效。"))
    return redirect("deadlines:mine")


def feed(request, token):
    """The .ics feed: no session (calendar apps subscribe with the URL); the token is the key, and
    a wrong one is a 404 like any missing page."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token, user__is_active=True).first()
    if feed is None:
        raise Http404(_("订阅地址无效。"))
    user = feed.user
    deadlines = selectors.my_deadlines(user=user, include_closed=True).filter(
        due_at__gte=timezone.now() - datetime.timedelta(days=365)
    )[:1000]
    body = ics.calendar(
        deadlines,
        name=_("%(user)s 的期限") % {"user": user},
        host=request.get_host().split(":")[0],
        url_for=lambda d: request.build_absolute_uri(reverse("deadlines:detail", kwargs={"pk": d.pk})),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="deadlines.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response

import calendar as month_calendar
import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from . import calendar, selectors
from .forms import NoticeImportForm, NoticePeriodForm
from .notice import ParsedNotice, parse_notice, save_notice


@login_required
def calculator(request):
    """工作日计算: the end and close time of a period of N working days, with the days skipped
    shown, and the administrators' overrides. Any logged-in user may use it: the calendar is
    national and holds nothing personal."""
    form = NoticePeriodForm(request.GET if "start" in request.GET else None)
    period = days = None
    if form.is_bound and form.is_valid():
        try:
            period = calendar.notice_period(form.cleaned_data["start"], form.cleaned_data["days"])
            ordinals = {d: n for n, d in enumerate(period.days, start=1)}
            days = [(day, ordinals.get(day.date)) for day in calendar.days_between(period.start, period.end)]
        except calendar.CalendarError as exc:
            form.add_error(None, exc.message)
    return render(
        request,
        "workdays/calculator.html",
        {
            "form": form,
            "period": period,
            "calendar_days": days,
            "coverage": calendar.describe_years(calendar.covered_years()),
            "covered_until": calendar.coverage()[1],
            "next_year": timezone.localdate().year + 1,
            "package_years": calendar.package_years(),
            "overrides": selectors.holiday_override_list(),
            "covered_years": selectors.covered_year_list(),
        },
    )


@login_required
def import_notice(request):
    """录入节假日安排: the system administrator pastes the State Council's notice, reviews the
    days read as a calendar (and every line not read), and saves on confirmation. The notice is
    parsed again on saving: what is saved is what the text says, never what the browser sends."""
    if not request.user.is_sysadmin:
        raise PermissionDenied(_("仅系统管理员可录入节假日安排。"))
    parsed = None
    if request.method == "POST":
        form = NoticeImportForm(request.POST)
        if form.is_valid():
            parsed = parse_notice(form.cleaned_data["text"], form.cleaned_data["year"])
            if request.POST.get("action") == "save":
                if parsed.complete:
                    saved = save_notice(parsed)
                    messages.success(
                        request,
                        _("已录入%(year)s年节假日安排（%(saved)s天），工作日日历现连续覆盖至%(until)s年。")
                        % {"year": parsed.year, "saved": saved, "until": calendar.coverage()[1]},
                    )
                    return redirect("workdays:calculator")
                form.add_error(None, _("通知中有未能识别的内容，未保存任何日期。请核对下方列出的行。"))
    else:
        form = NoticeImportForm(initial={"year": calendar.coverage()[1] + 1})
    return render(
        request,
        "workdays/import_notice.html",
        {
            "form": form,
            "parsed": parsed,
            "months": _months(parsed) if parsed else [],
            "covered_until": calendar.coverage()[1],
        },
    )


def _months(parsed: ParsedNotice) -> list[dict]:
    """Each month the notice touches, as weeks of cells for the review calendar."""
    off = {d.date: d.name for d in parsed.holidays}
    on = {d.date: d.name for d in parsed.workdays}
    months = sorted({(d.year, d.month) for d in parsed.dates})
    grid = month_calendar.Calendar(firstweekday=0)
    result = []
    for year, month in months:
        weeks = []
        for week in grid.monthdatescalendar(year, month):
            cells = []
            for d in week:
                kind = (
                    "holiday" if d in off else "workday" if d in on else "weekend" if d.weekday() >= 5 else ""
                )
                cells.append(
                    {
                        "date": d,
                        "in_month": d.month == month,
                        "kind": kind,
                        "name": off.get(d) or on.get(d) or "",
                    }
                )
            weeks.append(cells)
        result.append(
            {
                "title": date_format(dt.date(year, month, 1), "YEAR_MONTH_FORMAT"),
                "first": dt.date(year, month, 1),
                "weeks": weeks,
            }
        )
    return result

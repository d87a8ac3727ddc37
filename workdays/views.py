from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from . import calendar, selectors
from .forms import NoticePeriodForm


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
    return render(request, "workdays/calculator.html", {
        "form": form, "period": period, "calendar_days": days,
        "coverage": calendar.describe_years(calendar.covered_years()),
        "package_years": calendar.package_years(),
        "overrides": selectors.holiday_override_list(), "covered_years": selectors.covered_year_list()})

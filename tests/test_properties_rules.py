"""Issue 15 (bad input): Hypothesis on the rule engine's date arithmetic — any start date and any
number of working days, including holidays, 调休 weekends and years the calendar does not cover.
The invariants: no crash other than the calendar's own refusal; a notice of N working days spans
exactly N working days, never ends before its start, and its end is start + N-1 working days (the
public gets the rule set's full working days to object, 九龙坡 第七条 / 济南 第十条 公示不少于5个工作日)."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from workdays import calendar
from workdays.calendar import CalendarError

pytestmark = pytest.mark.django_db

dates = st.dates(min_value=dt.date(2023, 1, 1), max_value=dt.date(2028, 12, 31))
SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@given(start=dates, days=st.integers(min_value=1, max_value=30))
@SETTINGS
def test_a_notice_spans_exactly_its_working_days(start, days):
    try:
        period = calendar.notice_period(start, days)
    except CalendarError:
        assume(False)  # a year the calendar does not cover: refused with its own message, never guessed
    assert period.start == start and period.end >= start
    assert len(period.days) == days and all(calendar.is_working_day(d) for d in period.days)
    assert period.days[-1] == period.end
    # the end is never before start + N working days counted the other way
    first = period.days[0]
    assert calendar.add_working_days(first, days - 1) == period.end
    working_in_between = [
        d
        for d in (start + dt.timedelta(n) for n in range((period.end - start).days + 1))
        if calendar.is_working_day(d)
    ]
    assert working_in_between == list(period.days)


@given(start=dates, days=st.integers(min_value=-40, max_value=40))
@SETTINGS
def test_adding_working_days_is_monotonic_and_lands_on_a_working_day(start, days):
    try:
        end = calendar.add_working_days(start, days)
    except CalendarError:
        assume(False)
    assert calendar.is_working_day(end)
    assert (end >= start) if days >= 0 else (end < start)


@given(days=st.one_of(st.integers(max_value=0), st.booleans(), st.floats(), st.text(max_size=3), st.none()))
@SETTINGS
def test_a_period_of_no_or_nonsense_days_is_refused_with_a_message(days):
    with pytest.raises(CalendarError):
        calendar.notice_period(dt.date(2026, 3, 2), days)

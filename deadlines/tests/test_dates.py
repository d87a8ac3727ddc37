"""Due dates are computed in one place, at the last second of their day in Shanghai."""

import datetime as dt

import pytest

from deadlines.dates import SHANGHAI, due_in_months, due_in_working_days, end_of_year

D = dt.date.fromisoformat


def eod(day: str) -> dt.datetime:
    return dt.datetime.combine(D(day), dt.time(23, 59, 59), tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    "start,months,due,why",
    [
        ("2026-01-15", 1, "2026-02-15", "same day of the next month"),
        ("2026-01-31", 1, "2026-02-28", "a shorter month ends on its last day"),
        ("2028-01-31", 1, "2028-02-29", "leap year"),
        ("2026-03-31", 1, "2026-04-30", "30-day month"),
        ("2026-11-30", 3, "2027-02-28", "across the year end"),
        ("2026-05-20", 0, "2026-05-20", "zero months: the same day, end of day"),
    ],
)
def test_due_in_months_counts_calendar_months(start, months, due, why):
    assert due_in_months(D(start), months) == eod(due), why


def test_due_in_months_takes_the_shanghai_date_of_a_datetime():
    # 2026-01-31 17:00 UTC is already 1 February in Shanghai
    start = dt.datetime(2026, 1, 31, 17, 0, tzinfo=dt.UTC)
    assert due_in_months(start, 1) == eod("2026-03-01")


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError):
        due_in_months(dt.datetime(2026, 1, 1, 12, 0), 1)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "start,days,due,why",
    [
        ("2025-09-22", 1, "2025-09-23", "Monday + 1 working day: Tuesday; the start day is not counted"),
        ("2025-09-26", 1, "2025-09-28", "Friday + 1: Sunday 28 September is a 调休 working day"),
        ("2025-09-30", 1, "2025-10-09", "across the National Day break"),
        ("2025-09-27", 1, "2025-09-28", "from a Saturday: the next working day"),
        ("2025-09-22", 5, "2025-09-28", "five working days, 调休 Sunday included"),
    ],
)
def test_due_in_working_days_follows_the_official_calendar(start, days, due, why):
    assert due_in_working_days(D(start), days) == eod(due), why


def test_annual_plan_is_due_at_the_end_of_31_december():
    assert end_of_year(2026) == eod("2026-12-31")

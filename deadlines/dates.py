"""Due dates. Nothing computes a due date on its own: a workflow asks here (or the working-day
calendar), and every due date is an aware datetime at the last second of its day, Asia/Shanghai —
"by 31 December" means until 23:59:59 on 31 December.

Rules:
- ``due_in_months(start, n)``: n calendar months after the start date, on the same day of the
  month; where that month is shorter, its last day (2026-01-31 + 1 month → 2026-02-28;
  2028-01-31 + 1 → 2028-02-29). The day of the event does not count as a day of the period, so a
  period that starts on 15 January ends on 15 February.
- ``due_in_working_days(start, n)``: the n-th working day after the start date, by China's
  official calendar (workdays.calendar: holidays and 调休 make-up days); the start date is not
  counted (期间开始之日不计算在内). Raises ``CalendarNotCovered`` for a year nobody has entered.
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
from zoneinfo import ZoneInfo

from workdays import calendar as workdays

SHANGHAI = ZoneInfo("Asia/Shanghai")
CLOSING_TIME = dt.time(23, 59, 59)


def local_date(value: dt.date | dt.datetime) -> dt.date:
    """The date in Shanghai of a date or an aware datetime (a naive datetime is refused)."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise ValueError("不接受不带时区的时间。")
        return value.astimezone(SHANGHAI).date()
    return value


def end_of_day(day: dt.date | dt.datetime) -> dt.datetime:
    return dt.datetime.combine(local_date(day), CLOSING_TIME, tzinfo=SHANGHAI)


def start_of_day(day: dt.date | dt.datetime) -> dt.datetime:
    return dt.datetime.combine(local_date(day), dt.time.min, tzinfo=SHANGHAI)


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, _cal.monthrange(year, month)[1]))


def due_in_months(start: dt.date | dt.datetime, months: int) -> dt.datetime:
    if not isinstance(months, int) or isinstance(months, bool) or months < 0:
        raise ValueError(f"月数须为非负整数，收到：{months!r}。")
    return end_of_day(add_months(local_date(start), months))


def due_in_working_days(start: dt.date | dt.datetime, n: int) -> dt.datetime:
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise workdays.InvalidWorkingDays(f"工作日数须为不小于 1 的整数，收到：{n!r}。")
    # Counting begins the day after the start; a non-working day there is skipped, not counted.
    first = local_date(start) + dt.timedelta(days=1)
    return end_of_day(workdays.notice_period(first, n).end)


def end_of_year(year: int) -> dt.datetime:
    """31 December of ``year``, 23:59:59 (e.g. the annual plan due by the end of the year)."""
    return end_of_day(dt.date(year, 12, 31))

"""China's official working-day calendar: the only place that answers "is this a working day?"
and "when does a period of N working days end?".

The order of authority for a date: an administrator's HolidayOverride, then the chinese_calendar
package (weekends off, statutory holidays off, 调休 make-up days on), and for a year only an
administrator has entered (CoveredYear), Monday to Friday. Outside the covered years every
function raises CalendarNotCovered: a deadline is never guessed.

The rule for periods (docs/calendar.md): a period of N working days starting on a date counts N
working days, the start date included when it is a working day (otherwise counting begins at the
next working day), and stays open until 23:59:59 Asia/Shanghai of its last working day.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import chinese_calendar

from core.errors import InvalidInput

from .models import CoveredYear, HolidayOverride

SHANGHAI = ZoneInfo("Asia/Shanghai")
CLOSING_TIME = dt.time(23, 59, 59)
WEEKDAYS = "一二三四五六日"


class CalendarError(InvalidInput, ValueError):
    """An error the user sees, with a stable code and a Chinese message."""

    default_code = "calendar_error"

    def __init__(self, message: str):
        super().__init__(self.default_code, message)


class CalendarNotCovered(CalendarError):
    """The computation needs a year whose holidays nobody has told us."""

    default_code = "calendar_not_covered"

    def __init__(self, message: str, *, year: int, covered: frozenset[int]):
        super().__init__(message)
        self.year = year
        self.covered = covered


class InvalidWorkingDays(CalendarError):
    code = "invalid_working_days"


@dataclass(frozen=True)
class NoticePeriod:
    """公示期/征求意见期 etc.: ``days`` are the working days counted, ``end`` the last of them."""

    start: dt.date
    end: dt.date
    days: tuple[dt.date, ...]
    closes_at: dt.datetime

    @property
    def opens_at(self) -> dt.datetime:
        return dt.datetime.combine(self.start, dt.time.min, tzinfo=SHANGHAI)


@dataclass(frozen=True)
class CalendarDay:
    """One date as the calculator shows it: 工作日, 周末, a holiday's name, or 调休上班."""

    date: dt.date
    is_working_day: bool
    label: str
    overridden: bool = False

    @property
    def weekday(self) -> str:
        return f"星期{WEEKDAYS[self.date.weekday()]}"


# --- coverage --------------------------------------------------------------------------------


@functools.cache
def package_years() -> tuple[int, int]:
    """The years the installed chinese_calendar has the State Council's schedule for."""
    years = [d.year for d in chinese_calendar.holidays]
    return min(years), max(years)


def covered_years() -> frozenset[int]:
    first, last = package_years()
    return frozenset(range(first, last + 1)) | frozenset(CoveredYear.objects.values_list("year", flat=True))


def coverage() -> tuple[int, int]:
    """The first and last year of the unbroken run of covered years around the package's years
    (a year entered with a gap before it is covered too, but is not part of this run)."""
    return _run_around_package(covered_years())


def _run_around_package(years: frozenset[int]) -> tuple[int, int]:
    first, last = package_years()
    while first - 1 in years:
        first -= 1
    while last + 1 in years:
        last += 1
    return first, last


def describe_years(years: frozenset[int]) -> str:
    """2004–2027、2029: the covered years as runs, for messages."""
    runs: list[list[int]] = []
    for year in sorted(years):
        if runs and year == runs[-1][1] + 1:
            runs[-1][1] = year
        else:
            runs.append([year, year])
    return "、".join(f"{a}–{b}" if a != b else f"{a}" for a, b in runs)


# --- the calendar ----------------------------------------------------------------------------


class _Calendar:
    """One computation's view of the tables: covered years read once, overrides once per year."""

    def __init__(self):
        self.covered = covered_years()
        self._overrides: dict[int, dict[dt.date, HolidayOverride]] = {}

    def not_covered(self, year: int, what: str) -> CalendarNotCovered:
        return CalendarNotCovered(
            f"工作日日历仅覆盖 {describe_years(self.covered)} 年，{what}；请管理员录入 {year} 年节假日安排。",
            year=year,
            covered=self.covered,
        )

    def override(self, d: dt.date) -> HolidayOverride | None:
        if d.year not in self._overrides:
            self._overrides[d.year] = {o.date: o for o in HolidayOverride.objects.filter(date__year=d.year)}
        return self._overrides[d.year].get(d)

    def is_working_day(self, d: dt.date, what: str) -> bool:
        if d.year not in self.covered:
            raise self.not_covered(d.year, what)
        if (override := self.override(d)) is not None:
            return override.is_working_day
        first, last = package_years()
        if first <= d.year <= last:
            return chinese_calendar.is_workday(d)
        return d.weekday() < 5  # a year entered by an administrator: its holidays are all overrides

    def day(self, d: dt.date) -> CalendarDay:
        working = self.is_working_day(d, f"无法判断 {d:%Y-%m-%d} 是否为工作日")
        if (override := self.override(d)) is not None:
            label = f"调休上班（{override.name}）" if working else override.name
            return CalendarDay(d, working, label, overridden=True)
        name, (first, last) = None, package_years()
        if first <= d.year <= last:
            name = chinese_calendar.get_holiday_detail(d)[1]
            name = name and chinese_calendar.Holiday(name).chinese
        if working:
            label = f"调休上班（{name}）" if d.weekday() >= 5 else "工作日"
        else:
            label = name or "周末"
        return CalendarDay(d, working, label)

    def walk(self, start: dt.date, days: int, what: str) -> list[dt.date]:
        """The first ``days`` working days from ``start`` on, ``start`` included."""
        counted, d = [], start
        while len(counted) < days:
            if self.is_working_day(d, what):
                counted.append(d)
            d += dt.timedelta(days=1)
        return counted


def _check_days(days: int, *, minimum: int) -> None:
    if not isinstance(days, int) or isinstance(days, bool) or days < minimum:
        raise InvalidWorkingDays(f"工作日数须为不小于 {minimum} 的整数，收到：{days!r}。")


def _as_date(d: dt.date) -> dt.date:
    # A datetime is a date too; take its date in Shanghai, never the server's.
    if isinstance(d, dt.datetime):
        if d.tzinfo is None:
            raise ValueError("不接受不带时区的时间。")
        return d.astimezone(SHANGHAI).date()
    return d


def is_working_day(d: dt.date) -> bool:
    d = _as_date(d)
    return _Calendar().is_working_day(d, f"无法判断 {d:%Y-%m-%d} 是否为工作日")


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The working day ``days`` working days after ``start`` (before it when negative): 1 is the
    next working day after ``start``; 0 is ``start`` itself, or the next working day when
    ``start`` is not one."""
    start = _as_date(start)
    if not isinstance(days, int) or isinstance(days, bool):
        raise InvalidWorkingDays(f"工作日数须为整数，收到：{days!r}。")
    calendar = _Calendar()
    what = f"无法计算 {start:%Y-%m-%d} {'后' if days >= 0 else '前'} {abs(days)} 个工作日的日期"
    step = dt.timedelta(days=1 if days >= 0 else -1)
    d = start
    if days >= 0:
        while not calendar.is_working_day(d, what):
            d += step
    for _ in range(abs(days)):
        d += step
        while not calendar.is_working_day(d, what):
            d += step
    return d


def notice_period(start: dt.date, days: int) -> NoticePeriod:
    """The period of ``days`` working days starting on ``start`` (the rule in the module docstring)."""
    start = _as_date(start)
    _check_days(days, minimum=1)
    calendar = _Calendar()
    if start.year not in calendar.covered:
        raise calendar.not_covered(start.year, f"无法计算 {start:%Y-%m-%d} 起的期限")
    counted = calendar.walk(start, days, f"无法计算 {start:%Y-%m-%d} 起 {days} 个工作日的期限")
    end = counted[-1]
    return NoticePeriod(
        start=start,
        end=end,
        days=tuple(counted),
        closes_at=dt.datetime.combine(end, CLOSING_TIME, tzinfo=SHANGHAI),
    )


def is_open(period: NoticePeriod, at: dt.datetime) -> bool:
    """Whether ``at`` falls from the start date through the whole last second of the closing day,
    in Shanghai time."""
    if not isinstance(at, dt.datetime) or at.tzinfo is None:
        raise ValueError("is_open 需要带时区的时间。")
    return period.start <= at.astimezone(SHANGHAI).date() <= period.end


def days_between(start: dt.date, end: dt.date) -> list[CalendarDay]:
    """Every date from ``start`` to ``end``, each labelled, for showing which days were skipped."""
    calendar = _Calendar()
    return [calendar.day(start + dt.timedelta(days=i)) for i in range((end - start).days + 1)]

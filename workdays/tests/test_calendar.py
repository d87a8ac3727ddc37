"""The working-day calendar, read as its specification (docs/calendar.md): periods counted in
China's official working days, administrators' overrides, and a refusal outside the years known."""

import datetime as dt
import json

import chinese_calendar
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from workdays import calendar
from workdays.calendar import CalendarNotCovered, is_open, is_working_day, notice_period
from workdays.management.commands.calendar import Command
from workdays.models import CoveredYear, HolidayOverride

pytestmark = pytest.mark.django_db

D = dt.date.fromisoformat
# The first year the installed package does not know; derived so that upgrading the package
# (which adds the next year's schedule) keeps these tests meaningful.
FIRST_UNKNOWN = max(chinese_calendar.holidays).year + 1
FIRST_KNOWN = min(chinese_calendar.holidays).year


# --- one working day at a time ---------------------------------------------------------------


@pytest.mark.parametrize(
    "day,working,why",
    [
        ("2025-09-26", True, "an ordinary Friday"),
        ("2025-09-27", False, "an ordinary Saturday"),
        ("2025-09-28", True, "Sunday, 调休 make-up day for National Day 2025"),
        ("2025-10-01", False, "National Day"),
        ("2025-10-06", False, "Mid-autumn Festival inside the National Day break"),
        ("2025-10-08", False, "Wednesday, last day of the National Day break"),
        ("2025-10-09", True, "Thursday, first working day after the break"),
        ("2025-10-11", True, "Saturday, 调休 make-up day for National Day 2025"),
    ],
)
def test_is_working_day_follows_the_state_councils_2025_schedule(day, working, why):
    assert is_working_day(D(day)) is working, why


# --- notice periods --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "start,days,end,counted,case",
    [
        # 2025 schedule (国办发明电〔2024〕12号): Oct 1–8 off, Sun Sep 28 and Sat Oct 11 worked.
        # Counting from Fri Sep 26: 26 (1), Sat 27 off, Sun 28 make-up (2), Mon 29 (3), Tue 30 (4),
        # Oct 1–8 off, Thu Oct 9 (5).
        (
            "2025-09-26",
            5,
            "2025-10-09",
            ["2025-09-26", "2025-09-28", "2025-09-29", "2025-09-30", "2025-10-09"],
            "crosses National Day 2025, counting the make-up Sunday",
        ),
        # Sat Mar 8 2025 is an ordinary weekend: counting begins on Monday.
        (
            "2025-03-08",
            5,
            "2025-03-14",
            ["2025-03-10", "2025-03-11", "2025-03-12", "2025-03-13", "2025-03-14"],
            "starts on a Saturday: counting begins at the next working day",
        ),
        # Sat Oct 11 2025 is a make-up working day, so it is day 1.
        (
            "2025-10-11",
            3,
            "2025-10-14",
            ["2025-10-11", "2025-10-13", "2025-10-14"],
            "starts on a make-up working day: the start date counts",
        ),
        ("2025-10-01", 1, "2025-10-09", ["2025-10-09"], "starts inside a holiday: counting begins after it"),
        (
            "2025-09-30",
            1,
            "2025-09-30",
            ["2025-09-30"],
            "one working day starting on a working day is that day",
        ),
    ],
)
def test_notice_period(start, days, end, counted, case):
    period = notice_period(D(start), days)
    assert period.start == D(start), case
    assert period.end == D(end), case
    assert period.days == tuple(map(D, counted)), case


def test_closes_at_is_235959_shanghai_time_of_the_last_working_day():
    period = notice_period(D("2025-09-26"), 5)
    assert period.closes_at.isoformat() == "2025-10-09T23:59:59+08:00"
    assert period.closes_at.utcoffset() == dt.timedelta(hours=8)


@pytest.mark.parametrize(
    "at,open_,case",
    [
        ("2025-09-25T23:59:59+08:00", False, "before the start date"),
        ("2025-09-26T00:00:00+08:00", True, "from the first moment of the start date"),
        ("2025-10-09T23:59:59+08:00", True, "at the closing second"),
        ("2025-10-09T15:59:59.900+00:00", True, "the last fraction of the closing second, given in UTC"),
        ("2025-10-09T16:00:00+00:00", False, "midnight in Shanghai, given in UTC"),
    ],
)
def test_is_open(at, open_, case):
    assert is_open(notice_period(D("2025-09-26"), 5), dt.datetime.fromisoformat(at)) is open_, case


def test_is_open_refuses_a_naive_datetime():
    with pytest.raises(ValueError):
        is_open(notice_period(D("2025-09-26"), 5), dt.datetime(2025, 10, 1))


@pytest.mark.parametrize("days", [0, -3])
def test_a_period_needs_at_least_one_working_day(days):
    with pytest.raises(calendar.InvalidWorkingDays):
        notice_period(D("2025-09-26"), days)


@pytest.mark.parametrize(
    "start,days,expected,case",
    [
        ("2025-09-26", 1, "2025-09-28", "the next working day is the make-up Sunday"),
        ("2025-09-30", 1, "2025-10-09", "the next working day after the eve of National Day"),
        ("2025-10-01", 0, "2025-10-09", "zero days from a holiday rolls forward to a working day"),
        ("2025-10-09", -1, "2025-09-30", "one working day back skips the holiday"),
    ],
)
def test_add_working_days(start, days, expected, case):
    assert calendar.add_working_days(D(start), days) == D(expected), case


# --- coverage ----------------------------------------------------------------------------------


def test_coverage_is_the_packages_years_when_nothing_was_entered():
    assert calendar.coverage() == (FIRST_KNOWN, FIRST_UNKNOWN - 1)


def test_a_period_starting_outside_coverage_names_the_years_covered():
    start = dt.date(FIRST_UNKNOWN, 1, 4)
    with pytest.raises(CalendarNotCovered) as refused:
        notice_period(start, 5)
    assert str(refused.value) == (
        f"工作日日历仅覆盖 {FIRST_KNOWN}–{FIRST_UNKNOWN - 1} 年，无法计算 {start:%Y-%m-%d} 起的期限；"
        f"请管理员录入 {FIRST_UNKNOWN} 年节假日安排。"
    )
    assert refused.value.code == "calendar_not_covered" and refused.value.year == FIRST_UNKNOWN
    assert isinstance(refused.value, ValueError)


@pytest.mark.parametrize(
    "compute,case",
    [
        (
            lambda: notice_period(dt.date(FIRST_UNKNOWN - 1, 12, 28), 10),
            "a period running into the next year",
        ),
        (lambda: is_working_day(dt.date(FIRST_UNKNOWN, 3, 2)), "a single date after coverage"),
        (lambda: is_working_day(dt.date(FIRST_KNOWN - 1, 3, 3)), "a single date before coverage"),
        (
            lambda: calendar.add_working_days(dt.date(FIRST_UNKNOWN - 1, 12, 31), 3),
            "adding days across the year end",
        ),
    ],
)
def test_no_computation_guesses_outside_coverage(compute, case):
    with pytest.raises(CalendarNotCovered, match=f"仅覆盖 {FIRST_KNOWN}–{FIRST_UNKNOWN - 1} 年"):
        compute()


def test_an_override_in_a_covered_year_changes_the_result():
    # Fri Mar 13 2026 and Mon Mar 16 are ordinary working days; a one-off holiday on the Monday
    # pushes the second working day to Tuesday.
    assert notice_period(D("2026-03-13"), 2).end == D("2026-03-16")
    HolidayOverride.objects.create(
        date=D("2026-03-16"), is_working_day=False, name="临时放假", source="国务院关于临时放假的通知（测试）"
    )
    period = notice_period(D("2026-03-13"), 2)
    assert period.days == (D("2026-03-13"), D("2026-03-17"))


def test_an_override_can_make_a_weekend_a_working_day():
    HolidayOverride.objects.create(date=D("2026-03-14"), is_working_day=True, name="调休", source="测试")
    assert notice_period(D("2026-03-13"), 2).end == D("2026-03-14")


def test_a_covered_year_extends_coverage_and_uses_its_overrides():
    year = FIRST_UNKNOWN
    CoveredYear.objects.create(year=year, source=f"国务院办公厅关于{year}年部分节假日安排的通知")
    new_years_day = dt.date(year, 1, 1)
    HolidayOverride.objects.create(date=new_years_day, is_working_day=False, name="元旦", source="同上")
    assert calendar.coverage() == (FIRST_KNOWN, year)
    assert not is_working_day(new_years_day)
    # Counting from the last day of the known year: Dec 31 if a working day, then the first
    # working day of the new year that is neither New Year's Day nor a weekend.
    last_day = dt.date(year - 1, 12, 31)
    period = notice_period(last_day, 2)
    assert period.end.year == year and period.end > new_years_day and period.end.weekday() < 5
    # The year after is still unknown.
    with pytest.raises(CalendarNotCovered, match=f"{FIRST_KNOWN}–{year} 年"):
        notice_period(dt.date(year + 1, 3, 1), 1)


def test_a_covered_year_with_a_gap_is_named_separately():
    CoveredYear.objects.create(year=FIRST_UNKNOWN + 1, source="测试")
    assert calendar.coverage() == (FIRST_KNOWN, FIRST_UNKNOWN - 1)
    with pytest.raises(
        CalendarNotCovered, match=f"{FIRST_KNOWN}–{FIRST_UNKNOWN - 1}、{FIRST_UNKNOWN + 1} 年"
    ):
        notice_period(dt.date(FIRST_UNKNOWN, 3, 1), 1)


def test_a_notice_period_reads_the_override_table_once_per_year(django_assert_num_queries):
    # one query for the covered years, one for each year's overrides
    with django_assert_num_queries(2):
        notice_period(D("2025-09-26"), 20)


def test_overrides_are_audited():
    override = HolidayOverride.objects.create(
        date=D("2026-03-16"), is_working_day=False, name="临时放假", source="测试"
    )
    assert override.events.count() == 1


# --- the command ---------------------------------------------------------------------------


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("calendar", *args, stdout=out)
    return out.getvalue()


def test_command_prints_end_close_time_and_counted_days():
    out = run("notice-period", "--start", "2025-09-26", "--days", "5")
    assert "截止日期：2025-10-09（星期四）" in out
    assert "截止时间：2025-10-09 23:59:59" in out
    for day in ("2025-09-26", "2025-09-28", "2025-09-29", "2025-09-30", "2025-10-09"):
        assert day in out
    assert "10-01（国庆节）" in out and "09-27（周末）" in out


def test_command_json():
    assert json.loads(run("notice-period", "--start", "2025-09-26", "--days", "5", "--json")) == {
        "start": "2025-09-26",
        "end": "2025-10-09",
        "closes_at": "2025-10-09T23:59:59+08:00",
        "days": ["2025-09-26", "2025-09-28", "2025-09-29", "2025-09-30", "2025-10-09"],
    }


def test_command_coverage():
    assert f"工作日日历覆盖 {FIRST_KNOWN}–{FIRST_UNKNOWN - 1} 年" in run("coverage")


@pytest.mark.parametrize(
    "start,days,message,case",
    [
        (f"{FIRST_UNKNOWN}-01-04", "5", f"仅覆盖 {FIRST_KNOWN}–{FIRST_UNKNOWN - 1} 年", "an uncovered year"),
        ("2025-13-01", "5", "YYYY-MM-DD", "a date that does not exist"),
        ("2025-09-26", "five", "正整数", "days that are not a number"),
        ("2025-09-26", "0", "工作日数", "zero days"),
    ],
)
def test_command_refuses_with_exit_status_2(start, days, message, case):
    with pytest.raises(CommandError, match=message) as refused:
        run("notice-period", "--start", start, "--days", days)
    assert refused.value.returncode == 2, case


def test_command_line_exit_status_2_and_no_traceback(capsys):
    # run_from_argv is what manage.py calls: it turns the refusal into the exit status.
    with pytest.raises(SystemExit) as exited:
        Command().run_from_argv(
            ["manage.py", "calendar", "notice-period", "--start", f"{FIRST_UNKNOWN}-01-04", "--days", "5"]
        )
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert f"请管理员录入 {FIRST_UNKNOWN} 年节假日安排" in err and "Traceback" not in err


# --- the page ----------------------------------------------------------------------------------


def test_calculator_shows_the_period_and_the_skipped_days(client_of):
    page = client_of("jlp_host").get(reverse("workdays:calculator"), {"start": "2025-09-26", "days": 5})
    assert page.status_code == 200
    html = page.content.decode()
    assert "2025-10-09 23:59:59" in html and "国庆节" in html and "跳过" in html
    assert "第 5 个工作日" in html and "调休上班（国庆节）" in html


def test_calculator_shows_the_refusal_outside_coverage(client_of):
    html = (
        client_of("admin")
        .get(reverse("workdays:calculator"), {"start": f"{FIRST_UNKNOWN}-01-04", "days": 5})
        .content.decode()
    )
    assert f"请管理员录入 {FIRST_UNKNOWN} 年节假日安排" in html


def test_calculator_lists_the_overrides(client_of):
    HolidayOverride.objects.create(
        date=D("2026-03-16"), is_working_day=False, name="临时放假", source="国办发明电〔2026〕99号（测试）"
    )
    html = client_of("admin").get(reverse("workdays:calculator")).content.decode()
    assert "国办发明电〔2026〕99号（测试）" in html


@pytest.mark.parametrize("username", ["admin", "jlp_commission", "jlp_host", "jlp_expert", "jn_auditor"])
def test_calculator_permissions(client, client_of, username):
    url = reverse("workdays:calculator")
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and reverse("login") in anonymous["Location"]
    assert client_of(username).get(url).status_code == 200


def test_calculator_is_in_every_users_navigation(client_of):
    html = client_of("jlp_expert").get(reverse("home")).content.decode()
    assert reverse("workdays:calculator") in html


@pytest.mark.parametrize(
    "url",
    [
        "/admin/workdays/holidayoverride/",
        "/admin/workdays/holidayoverride/add/",
        "/admin/workdays/coveredyear/",
        "/admin/workdays/coveredyear/add/",
    ],
)
def test_administrators_enter_overrides_in_the_django_admin(client, client_of, url):
    assert client_of("admin").get(url).status_code == 200
    assert client_of("jlp_commission").get(url).status_code == 302  # not staff: sent to log in


def test_administrator_is_told_before_the_calendar_runs_out(world, user_of, time_machine):
    """A notice crossing into a year the calendar does not know is refused; the administrator is
    reminded in the autumn to enter next year's holidays."""
    from core.todos import todos_for
    from workdays.calendar import package_years

    last = package_years()[1]
    time_machine.move_to(f"{last}-11-23 09:00 +08:00", tick=False)
    titles = [t.title for t in todos_for(user_of("admin"))]
    assert any(f"录入{last + 1}年节假日安排" in t for t in titles)
    assert not any("节假日安排" in t.title for t in todos_for(user_of("jlp_commission")))
    time_machine.move_to(f"{last}-06-01 09:00 +08:00", tick=False)
    assert not any("节假日安排" in t.title for t in todos_for(user_of("admin")))

"""Entering a new year's holidays by pasting the State Council's notice (docs/calendar.md,
"Entering a new year"). The answer key for 2020–2026 is the chinese_calendar package: the real
notices of those years, typed into tests/notices/, must parse to exactly its days."""

import datetime as dt
import json
from pathlib import Path

import chinese_calendar
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from workdays import calendar
from workdays.models import CoveredYear, HolidayOverride
from workdays.notice import NoticeIncomplete, parse_notice, save_notice

NOTICES = Path(__file__).parent / "notices"
PAST_YEARS = range(2020, 2027)
D = dt.date.fromisoformat

# 国务院办公厅关于延长2020年春节假期的通知（国办发明电〔2020〕1号）, published after the yearly
# notice, extended the Spring Festival to 2 February: the package has these days off, the yearly
# notice (which the parser reads) had 31 January off-less and 1 February as a make-up day.
EXTENDED_2020 = {D("2020-01-31"), D("2020-02-01"), D("2020-02-02")}


def notice(year) -> str:
    return (NOTICES / f"{year}.txt").read_text(encoding="utf-8")


def library_makeup_days(year):
    return {d for d in chinese_calendar.workdays if d.year == year and d.weekday() >= 5}


def library_name(d):
    return chinese_calendar.Holiday(chinese_calendar.holidays[d]).chinese


# --- the answer key: every past year -----------------------------------------------------------


@pytest.mark.parametrize("year", PAST_YEARS)
def test_past_notice_is_read_whole(year):
    parsed = parse_notice(notice(year), year)
    assert parsed.unread == [] and parsed.complete
    assert len({d.name for d in parsed.holidays}) >= 6  # 元旦, 春节, 清明, 劳动节, 端午, 中秋/国庆


@pytest.mark.parametrize("year", PAST_YEARS)
def test_past_notice_make_up_days_are_exactly_the_librarys(year):
    parsed = parse_notice(notice(year), year)
    extended = EXTENDED_2020 if year == 2020 else set()
    assert {d.date for d in parsed.workdays} - extended == library_makeup_days(year) - extended
    if year == 2020:  # the yearly notice had Saturday 1 February worked, before the extension
        assert D("2020-02-01") in {d.date for d in parsed.workdays}


@pytest.mark.parametrize("year", PAST_YEARS)
def test_past_notice_holidays_are_exactly_the_librarys(year):
    """Every day the notice gives off is a holiday of the same name in the package, and every
    holiday the package has on a weekday of that year is in the notice. The package also lists
    some weekend days next to a one-day holiday ("1月1日放假，与周末连休", 2024): the notice names
    no date for them, and they are days off either way."""
    parsed = parse_notice(notice(year), year)
    read = {d.date: d.name for d in parsed.holidays}
    for d, name in read.items():
        if d.year < year:  # a day of the year before (2023's 元旦 from 2022-12-31): the package
            assert library_name(d) == "元旦"  # files it under that year's notice; checked there too
        assert d in chinese_calendar.holidays, d
        assert library_name(d)[:2] in name, (d, name, library_name(d))
    weekday_holidays = {d for d in chinese_calendar.holidays if d.year == year and d.weekday() < 5}
    if year == 2020:
        weekday_holidays -= EXTENDED_2020
    assert weekday_holidays <= set(read)
    for d in {d for d in chinese_calendar.holidays if d.year == year} - set(read) - EXTENDED_2020:
        assert d.weekday() >= 5, d
        neighbours = {d + dt.timedelta(days=k) for k in (-2, -1, 1, 2)}
        attached = [n for n in neighbours if n in chinese_calendar.holidays and n.weekday() < 5]
        assert attached, f"{d} is a holiday in the package and in no notice"


def test_past_notices_give_the_librarys_answer_for_every_day_2020_to_2026():
    """What the calendar computes from: each day's working or not, from the notices alone, is the
    package's for all of 2020–2026 (but the three days of the later 2020 extension)."""
    off = set()
    on = set()
    for year in PAST_YEARS:
        parsed = parse_notice(notice(year), year)
        off |= {d.date for d in parsed.holidays}
        on |= {d.date for d in parsed.workdays}
    d = D("2020-01-01")
    while d <= D("2026-12-31"):
        if d not in EXTENDED_2020:
            from_notices = d in on or (d.weekday() < 5 and d not in off)
            assert from_notices is chinese_calendar.is_workday(d), d
        d += dt.timedelta(days=1)


def test_a_notice_reaches_into_the_year_before():
    """2023's 元旦 began on 31 December 2022 (国办发明电〔2022〕16号 一)."""
    parsed = parse_notice(notice(2023), 2023)
    assert [d.date for d in parsed.holidays if d.name == "元旦"] == [
        D("2022-12-31"),
        D("2023-01-01"),
        D("2023-01-02"),
    ]


def test_the_document_number_is_the_source():
    assert parse_notice(notice(2024), 2024).source == (
        "国务院办公厅关于2024年部分节假日安排的通知（国办发明电〔2023〕7号）"
    )


def test_half_width_punctuation_as_web_pages_copy_it_reads_the_same():
    half = notice(2025).translate(str.maketrans("（）：，　", "():, "))
    assert parse_notice(half, 2025).as_json() == parse_notice(notice(2025), 2025).as_json()


def test_advice_to_rest_on_new_years_eve_is_no_day_off():
    """2024 二: "鼓励各单位……安排职工在除夕（2月9日）休息" is advice, not a holiday."""
    parsed = parse_notice(notice(2024), 2024)
    assert D("2024-02-09") not in {d.date for d in parsed.holidays}


# --- lines it cannot read: listed, nothing guessed ---------------------------------------------


@pytest.mark.parametrize(
    "line,reason",
    [
        ("三、清明节：4月5日放假，4月7日（星期一）补休。", "补休"),
        ("一、元旦：1月1日（周四）放假，共1天。", "星期五"),  # 2027-01-01 is a Friday
        ("二、春节：2月5日至11日放假调休，共8天。", "共8天"),
        ("四、劳动节：5月1日至5日放假调休，共5天。4月25日（周日）、5月8日上班调整。", "无法识别"),
        ("五、端午节：端午前后放假。", "无法识别"),
        ("八、另行通知的安排。", "格式"),
        ("另：6月9日放假。", "不在编号条目中"),
        ("六、中秋节：9月18日（周六）放假1天。9月18日（周六）上班。", "既放假又上班"),
        ("七、国庆节：10月8日（周五）上班。", "不是周末"),
        ("国务院办公厅关于2026年部分节假日安排的通知", "2026 年的通知"),
        ("二、春节：2月30日放假。", "不是有效日期"),
    ],
)
def test_a_line_it_cannot_read_is_listed_with_its_reason_and_not_guessed(line, reason):
    text = notice("2027-constructed") + "\n" + line
    parsed = parse_notice(text, 2027)
    assert [u.line for u in parsed.unread] == [line]
    assert reason in parsed.unread[0].reason
    assert not parsed.complete
    # The readable items are still shown for review; nothing of the unread line is.
    assert len(parsed.holidays) == len(parse_notice(notice("2027-constructed"), 2027).holidays) + (
        1 if "既放假又上班" in reason else 0
    )


def test_text_without_any_item_is_not_a_notice():
    parsed = parse_notice("各省、自治区、直辖市人民政府：\n节假日期间，要妥善安排好值班。", 2027)
    assert not parsed.complete and "没有找到" in parsed.unread[0].reason


# --- saving ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_saving_a_notice_extends_the_calendar_to_its_year():
    year = 2027
    assert calendar.coverage()[1] < year or year in range(*calendar.package_years())
    parsed = parse_notice(notice("2027-constructed"), year)
    assert save_notice(parsed) == len(parsed.dates)
    assert calendar.coverage()[1] >= year
    assert CoveredYear.objects.get(year=year).source == "国务院办公厅关于2027年部分节假日安排的通知"
    # A period crossing into the new year is computed from the notice: 1–3 Jan 2027 off.
    period = calendar.notice_period(D("2026-12-30"), 3)
    assert period.days == (D("2026-12-30"), D("2026-12-31"), D("2027-01-04"))
    assert calendar.is_working_day(D("2027-01-31"))  # make-up Sunday
    assert not calendar.is_working_day(D("2027-06-09"))  # 端午, a Wednesday


@pytest.mark.django_db
def test_importing_the_same_years_notice_again_replaces_its_days():
    save_notice(parse_notice(notice("2027-constructed"), 2027))
    corrected = notice("2027-constructed").replace(
        "六、中秋节：9月15日（周三）放假1天，不调休。", "六、中秋节：9月16日（周四）放假1天，不调休。"
    )
    save_notice(parse_notice(corrected, 2027))
    assert not HolidayOverride.objects.filter(date=D("2027-09-15")).exists()
    assert HolidayOverride.objects.get(date=D("2027-09-16")).name == "中秋节"


@pytest.mark.django_db
def test_a_notice_with_an_unread_line_saves_nothing():
    parsed = parse_notice(notice("2027-constructed") + "\n八、另行通知。", 2027)
    with pytest.raises(NoticeIncomplete):
        save_notice(parsed)
    assert not HolidayOverride.objects.exists() and not CoveredYear.objects.exists()


@pytest.mark.django_db
def test_saved_days_are_audited():
    save_notice(parse_notice(notice("2027-constructed"), 2027))
    override = HolidayOverride.objects.get(date=D("2027-01-01"))
    assert override.events.count() == 1  # pghistory: who, when, what


# --- the command ---------------------------------------------------------------------------------


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("calendar", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_command_json_prints_what_it_read_and_saves():
    out = json.loads(run("import-notice", "--year", "2027", str(NOTICES / "2027-constructed.txt"), "--json"))
    assert out["unread"] == [] and "2027-01-01" in out["holidays"] and out["workdays"][0] == "2027-01-31"
    assert out["holidays"] == sorted(out["holidays"])
    assert CoveredYear.objects.filter(year=2027).exists()


@pytest.mark.django_db
def test_command_dry_run_saves_nothing():
    out = run("import-notice", "--year", "2027", str(NOTICES / "2027-constructed.txt"), "--dry-run")
    assert "元旦：2027-01-01、2027-01-02、2027-01-03" in out and "未保存" in out
    assert not HolidayOverride.objects.exists() and not CoveredYear.objects.exists()


@pytest.mark.django_db
def test_command_exits_1_when_a_line_is_unread_and_saves_nothing(tmp_path):
    from io import StringIO

    path = tmp_path / "notice.txt"
    path.write_text(notice("2027-constructed") + "\n八、另行通知。\n", encoding="utf-8")
    out = StringIO()
    with pytest.raises(CommandError, match="1 行未能识别") as refused:
        call_command("calendar", "import-notice", "--year", "2027", str(path), "--json", stdout=out)
    assert refused.value.returncode == 1
    assert json.loads(out.getvalue())["unread"] == ["八、另行通知。"]
    assert not HolidayOverride.objects.exists()


@pytest.mark.parametrize("content", [None, b"\xff\xfe\x00garbage\x99"])
@pytest.mark.django_db
def test_command_exits_2_when_the_file_cannot_be_read(tmp_path, content):
    path = tmp_path / "notice.txt"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CommandError, match="无法读取通知文件") as refused:
        run("import-notice", "--year", "2027", str(path))
    assert refused.value.returncode == 2


@pytest.mark.django_db
def test_command_coverage_names_the_year_it_reaches():
    save_notice(parse_notice(notice("2027-constructed"), 2027))
    assert "连续覆盖至 2027 年" in run("coverage")


# --- the page ------------------------------------------------------------------------------------


def test_import_page_permissions(client, client_of):
    url = reverse("workdays:import_notice")
    assert client.get(url).status_code == 302
    assert client_of("jlp_commission").get(url).status_code == 403
    assert (
        client_of("jlp_commission")
        .post(url, {"year": 2027, "text": notice("2027-constructed"), "action": "save"})
        .status_code
        == 403
    )
    assert not CoveredYear.objects.exists()
    assert client_of("admin").get(url).status_code == 200


def test_import_page_previews_as_a_calendar_then_saves_on_confirmation(client_of):
    admin = client_of("admin")
    url = reverse("workdays:import_notice")
    preview = admin.post(url, {"year": 2027, "text": notice("2027-constructed"), "action": "preview"})
    html = preview.content.decode()
    assert 'data-testid="review-calendar"' in html and "2027年1月" in html
    assert 'data-date="2027-01-31" data-kind="workday"' in html
    assert 'data-testid="confirm-save"' in html
    assert not CoveredYear.objects.exists()  # nothing saved before confirmation
    saved = admin.post(url, {"year": 2027, "text": notice("2027-constructed"), "action": "save"})
    assert saved.status_code == 302 and saved["Location"] == reverse("workdays:calculator")
    assert CoveredYear.objects.filter(year=2027).exists()
    page = admin.get(reverse("workdays:calculator")).content.decode()
    assert "日历覆盖至 2027 年" in page and "已录入2027年节假日安排" in page


def test_import_page_lists_unread_lines_and_refuses_a_crafted_save(client_of):
    admin = client_of("admin")
    text = notice("2027-constructed") + "\n三、清明节：4月5日放假，4月7日（星期一）补休。"
    preview = admin.post(reverse("workdays:import_notice"), {"year": 2027, "text": text, "action": "preview"})
    html = preview.content.decode()
    assert 'data-testid="unread"' in html and "4月7日（星期一）补休" in html
    assert 'data-testid="confirm-save"' not in html
    crafted = admin.post(reverse("workdays:import_notice"), {"year": 2027, "text": text, "action": "save"})
    assert crafted.status_code == 200 and "未保存任何日期" in crafted.content.decode()
    assert text in crafted.content.decode()  # the pasted text is kept
    assert not HolidayOverride.objects.exists()


def test_the_administrators_todo_leads_to_the_import_page(world, user_of, time_machine):
    from core.todos import todos_for

    last = calendar.package_years()[1]
    time_machine.move_to(f"{last}-12-01 09:00 +08:00", tick=False)
    todo = next(t for t in todos_for(user_of("admin")) if "节假日安排" in t.title)
    assert todo.url == reverse("workdays:import_notice")


def test_calculator_shows_how_far_the_calendar_reaches_and_offers_the_import(client_of, time_machine):
    last = calendar.package_years()[1]
    time_machine.move_to(f"{last}-12-01 09:00 +08:00", tick=False)
    admin_page = client_of("admin").get(reverse("workdays:calculator")).content.decode()
    assert f"日历覆盖至 {last} 年" in admin_page and 'data-testid="coverage-warning"' in admin_page
    assert reverse("workdays:import_notice") in admin_page
    host_page = client_of("jlp_host").get(reverse("workdays:calculator")).content.decode()
    assert f"日历覆盖至 {last} 年" in host_page and reverse("workdays:import_notice") not in host_page

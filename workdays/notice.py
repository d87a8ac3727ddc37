"""Reads the State Council's yearly holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知)
into the days off and the make-up working days it sets, so that an administrator extends the
working-day calendar to a new year by pasting the notice instead of typing each day.

The parser reads only what the notice says in the form it has used since 2014:

    二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。

Each numbered item names its holiday, then sentences of one of two kinds: a range of days off
("…至…放假[调休]", with its count "共N天" checked against the range) and a list of make-up working
days ("…、…上班"). A weekday written beside a date is checked against the date, and the year of
a date without one is the notice's year. Anything else in an item, or a numbered line that is no
holiday item, is returned in ``unread`` with the reason: nothing is guessed, and a notice with an
unread line is not saved (docs/calendar.md).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from django.db import transaction

WEEKDAY_NAMES = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
CN_NUMERALS = "一二三四五六七八九十"

# "一、元旦：…" — the numbered items that carry the schedule.
ITEM = re.compile(rf"^(?P<num>[{CN_NUMERALS}]+)、(?P<name>[^：:，。]{{1,30}})[：:](?P<body>.*)$")
# Any line that is numbered like an item, to list it when it is not one.
NUMBERED = re.compile(rf"^[{CN_NUMERALS}]+、")
# 2026年1月1日 / 1月1日 / 3日, each optionally followed by a bracket such as （周四） or
# （农历除夕、周二） or (星期日).
DATE = (
    r"(?:(?P<{p}y>\d{{4}})年)?(?:(?P<{p}m>\d{{1,2}})月)?(?P<{p}d>\d{{1,2}})日"
    r"(?:[（(](?P<{p}note>[^）)]*)[）)])?"
)
HOLIDAY = re.compile(
    "^" + DATE.format(p="a") + "(?:至" + DATE.format(p="b") + ")?" + r"放假(?:调休)?(?:(?P<days>\d+)天)?$"
)
WORKDAY = re.compile(DATE.format(p="a"))
COUNT = re.compile(r"^共(?P<days>\d+)天$")
TITLE_YEAR = re.compile(r"关于(?P<year>\d{4})年部分节假日安排")
DOC_NUMBER = re.compile(r"国办发明电〔\d{4}〕\d+号")
# Clauses that carry no date of their own and change nothing.
NEUTRAL_CLAUSES = {"与周末连休", "不调休"}


@dataclass(frozen=True)
class NoticeDay:
    date: dt.date
    name: str  # the item's holiday, e.g. 春节, or 国庆节、中秋节
    line: str  # the line of the notice that set it


@dataclass(frozen=True)
class UnreadLine:
    line: str
    reason: str


@dataclass
class ParsedNotice:
    year: int
    holidays: list[NoticeDay] = field(default_factory=list)
    workdays: list[NoticeDay] = field(default_factory=list)
    unread: list[UnreadLine] = field(default_factory=list)
    doc_number: str = ""

    @property
    def complete(self) -> bool:
        """Every line of the notice was read, and it set at least one day."""
        return not self.unread and bool(self.holidays)

    @property
    def source(self) -> str:
        title = f"国务院办公厅关于{self.year}年部分节假日安排的通知"
        return f"{title}（{self.doc_number}）" if self.doc_number else title

    @property
    def dates(self) -> list[dt.date]:
        return sorted({d.date for d in self.holidays} | {d.date for d in self.workdays})

    def as_json(self) -> dict:
        return {
            "holidays": [d.date.isoformat() for d in sorted(self.holidays, key=lambda d: d.date)],
            "workdays": [d.date.isoformat() for d in sorted(self.workdays, key=lambda d: d.date)],
            "unread": [u.line for u in self.unread],
        }


class _Unreadable(ValueError):
    pass


def normalise(text: str) -> str:
    """Full-width digits and brackets as typed or pasted from a web page become one form; the
    spaces a page indents with go."""
    text = unicodedata.normalize("NFKC", text)  # （→(, ：→:, １→1, but also 〔 stays
    return text.replace("\u3000", " ")


def _weekday_in(note: str | None) -> int | None:
    if not note:
        return None
    found = re.search(r"(?:星期|周)([一二三四五六日天])", note)
    return WEEKDAY_NAMES[found.group(1)] if found else None


def _date(match: re.Match, prefix: str, *, year: int, month: int | None) -> tuple[dt.date, int]:
    y = match.group(f"{prefix}y")
    m = match.group(f"{prefix}m")
    d = match.group(f"{prefix}d")
    year = int(y) if y else year
    if m:
        month = int(m)
    if month is None:
        raise _Unreadable(f"“{d}日”没有月份")
    try:
        date = dt.date(year, month, int(d))
    except ValueError:
        raise _Unreadable(f"{year}年{month}月{d}日不是有效日期") from None
    weekday = _weekday_in(match.group(f"{prefix}note"))
    if weekday is not None and weekday != date.weekday():
        raise _Unreadable(
            f"{date:%Y-%m-%d} 是星期{'一二三四五六日'[date.weekday()]}，"
            f"通知写的是星期{'一二三四五六日'[weekday]}"
        )
    return date, year


def _holiday_days(clause: str, *, year: int) -> tuple[list[dt.date], int | None]:
    match = HOLIDAY.match(clause)
    if not match:
        raise _Unreadable(f"无法识别的放假表述：“{clause}”")
    first, first_year = _date(match, "a", year=year, month=None)
    last = first
    if match.group("bd"):
        # "1月21日至27日": the end inherits the start's year and month unless it gives its own.
        last, _ = _date(match, "b", year=first_year, month=first.month)
        end_month = match.group("bm")
        if match.group("by") is None and end_month is not None and int(end_month) < first.month:
            last = last.replace(year=first_year + 1)
    if last < first:
        raise _Unreadable(f"放假止日 {last:%Y-%m-%d} 早于起日 {first:%Y-%m-%d}")
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    stated = int(match.group("days")) if match.group("days") else None
    return days, stated


def _workday_dates(sentence: str, *, year: int) -> list[dt.date]:
    body = sentence[: -len("上班")]
    parts = body.split("、")
    dates = []
    for part in parts:
        match = WORKDAY.fullmatch(part)
        if not match:
            raise _Unreadable(f"无法识别的上班日期：“{part}”")
        # A make-up day always names its month: "2月4日（星期日）、2月18日（星期日）上班".
        if not match.group("am"):
            raise _Unreadable(f"“{part}”没有月份")
        dates.append(_date(match, "a", year=year, month=None)[0])
    return dates


def _read_item(name: str, body: str, *, year: int, line: str, result: ParsedNotice) -> None:
    holidays: list[dt.date] = []
    workdays: list[dt.date] = []
    for sentence in filter(None, (s.strip() for s in body.split("。"))):
        if sentence.startswith("鼓励"):
            continue  # advice to employers (e.g. to let staff rest on 除夕), not a change to the calendar
        if sentence.endswith("上班"):
            workdays += _workday_dates(sentence, year=year)
            continue
        clauses = [c.strip() for c in sentence.split(",")]
        range_days: list[dt.date] | None = None
        for clause in clauses:
            if clause in NEUTRAL_CLAUSES:
                continue
            if (count := COUNT.match(clause)) is not None:
                if range_days is None:
                    raise _Unreadable(f"“{clause}”前没有放假日期")
                if int(count.group("days")) != len(range_days):
                    raise _Unreadable(f"写明共{count.group('days')}天，但所列日期为{len(range_days)}天")
                continue
            if range_days is not None:
                raise _Unreadable(f"无法识别的表述：“{clause}”")
            range_days, stated = _holiday_days(clause, year=year)
            if stated is not None and stated != len(range_days):
                raise _Unreadable(f"写明放假{stated}天，但所列日期为{len(range_days)}天")
        if range_days is None:
            raise _Unreadable(f"无法识别的表述：“{sentence}”")
        holidays += range_days
    if not holidays and not workdays:
        raise _Unreadable("这一条没有放假或上班的日期")
    result.holidays += [NoticeDay(d, name, line) for d in holidays]
    result.workdays += [NoticeDay(d, name, line) for d in workdays]


def parse_notice(text: str, year: int) -> ParsedNotice:
    """The holidays and make-up working days of the notice for ``year``; every line the parser
    cannot read is in ``unread`` with its reason."""
    result = ParsedNotice(year=year)
    if (number := DOC_NUMBER.search(normalise(text))) is not None:
        result.doc_number = number.group(0)
    for raw in text.splitlines():
        shown = raw.strip()
        line = re.sub(r"\s+", "", normalise(raw))
        if not line:
            continue
        if (title := TITLE_YEAR.search(line)) is not None and int(title.group("year")) != year:
            result.unread.append(UnreadLine(shown, f"这是 {title.group('year')} 年的通知，不是 {year} 年的"))
            continue
        item = ITEM.match(line)
        if item is None:
            if NUMBERED.match(line):
                result.unread.append(UnreadLine(shown, "编号条目不是“节日：日期安排”的格式"))
            elif (
                ("放假" in line or "上班" in line)
                and re.search(r"\d+月\d+日", line)
                and not _is_preamble(line)
            ):
                result.unread.append(UnreadLine(shown, "含有放假或上班日期，但不在编号条目中"))
            continue
        try:
            _read_item(item.group("name"), item.group("body"), year=year, line=shown, result=result)
        except _Unreadable as exc:
            result.unread.append(UnreadLine(shown, str(exc)))
    if not result.holidays and not result.unread:
        result.unread.append(UnreadLine("（全文）", "没有找到“一、元旦：1月1日放假……”这样的节假日安排条目"))
    _check_overlaps(result)
    return result


def _is_preamble(line: str) -> bool:
    """The introduction that states the principles (2025: "春节自农历除夕起放假调休8天，…") before
    "…具体安排通知如下": it has dates and 放假 but sets no day."""
    return "通知如下" in line or "放假调休原则" in line or "全体公民放假的假日" in line


def _check_overlaps(result: ParsedNotice) -> None:
    off = {d.date: d for d in result.holidays}
    for day in result.workdays:
        if day.date in off:
            result.unread.append(UnreadLine(day.line, f"{day.date:%Y-%m-%d} 既放假又上班"))
        if day.date.weekday() < 5:
            result.unread.append(UnreadLine(day.line, f"上班日 {day.date:%Y-%m-%d} 不是周末，无需调休"))
    seen: dict[dt.date, NoticeDay] = {}
    for day in result.holidays:
        if day.date in seen and seen[day.date].line != day.line:
            result.unread.append(UnreadLine(day.line, f"{day.date:%Y-%m-%d} 在两条中都放假"))
        seen[day.date] = day


# --- saving ----------------------------------------------------------------------------------


class NoticeIncomplete(ValueError):
    """A notice with unread lines is never saved in part."""


def save_notice(parsed: ParsedNotice) -> int:
    """Enters the notice's days as overrides and its year as covered, replacing what an earlier
    import of the same year's notice entered; all or nothing. Returns the number of days saved."""
    from .models import CoveredYear, HolidayOverride

    if not parsed.complete:
        raise NoticeIncomplete("通知中有未能识别的内容，未保存任何日期。")
    title = f"国务院办公厅关于{parsed.year}年部分节假日安排的通知"
    with transaction.atomic():
        dates = parsed.dates
        # A previous import of this year's notice: its days no longer in the notice go.
        HolidayOverride.objects.filter(source__startswith=title).exclude(date__in=dates).delete()
        for day, working in [(d, False) for d in parsed.holidays] + [(d, True) for d in parsed.workdays]:
            HolidayOverride.objects.update_or_create(
                date=day.date,
                defaults={
                    "is_working_day": working,
                    "name": day.name[:50],
                    "source": parsed.source[:200],
                    "note": "由通知全文导入",
                },
            )
        CoveredYear.objects.update_or_create(year=parsed.year, defaults={"source": parsed.source[:200]})
    return len(dates)

"""The working-day calendar from the shell:

    manage.py calendar notice-period --start 2025-09-26 --days 5 [--json]
    manage.py calendar coverage
    manage.py calendar import-notice --year 2027 NOTICE.txt [--dry-run] [--json]

import-notice reads the State Council's holiday notice (workdays/notice.py), prints what it read
and saves it unless --dry-run. Exit 0: every line read (and saved); 1: some lines not read, which
are listed, and nothing saved; 2: the file cannot be read or the year is malformed.

Any input the calendar cannot answer (an uncovered year, a malformed date, a non-positive number
of days) ends with exit status 2 and one line on stderr, never a traceback."""

import datetime as dt
import json

import chinese_calendar
from django.core.management.base import BaseCommand, CommandError

from workdays import calendar
from workdays.notice import parse_notice, save_notice
from workdays.selectors import covered_year_list

USAGE_ERROR = 2
UNREAD = 1


class Command(BaseCommand):
    help = "工作日日历：计算 N 个工作日的期限，或查看日历覆盖的年度。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, title="操作")
        period = sub.add_parser("notice-period", help="计算自起始日起 N 个工作日的期限及截止时间")
        # Both are parsed in handle(), so that a bad value exits like every other refusal.
        period.add_argument("--start", required=True, help="起始日期，YYYY-MM-DD")
        period.add_argument("--days", required=True, help="工作日数（正整数）")
        period.add_argument("--json", action="store_true", help="以 JSON 输出")
        sub.add_parser("coverage", help="显示日历覆盖的年度")
        notice = sub.add_parser(
            "import-notice", help="从国务院办公厅节假日安排通知全文导入某年的节假日与调休上班日"
        )
        notice.add_argument("--year", required=True, help="通知所安排的年度，如 2027")
        notice.add_argument("file", help="通知全文的文本文件（UTF-8）")
        notice.add_argument("--dry-run", action="store_true", help="只显示识别结果，不保存")
        notice.add_argument("--json", action="store_true", help="以 JSON 输出识别结果")

    def handle(self, *args, action, **options):
        if action == "coverage":
            return self.coverage()
        if action == "import-notice":
            return self.import_notice(
                options["year"], options["file"], dry_run=options["dry_run"], as_json=options["json"]
            )
        return self.notice_period(options["start"], options["days"], as_json=options["json"])

    def coverage(self):
        first, last = calendar.package_years()
        entered = ", ".join(f"{y.year}（{y.source}）" for y in covered_year_list().order_by("year")) or "无"
        self.stdout.write(
            f"工作日日历覆盖 {calendar.describe_years(calendar.covered_years())} 年，"
            f"连续覆盖至 {calendar.coverage()[1]} 年"
        )
        self.stdout.write(f"  chinese_calendar {chinese_calendar.__version__} 内置：{first}–{last} 年")
        self.stdout.write(f"  管理员录入的年度：{entered}")

    def notice_period(self, start: str, days: str, *, as_json: bool):
        try:
            start_date = dt.date.fromisoformat(start)
        except ValueError:
            raise CommandError(
                f"起始日期格式应为 YYYY-MM-DD，收到：{start}", returncode=USAGE_ERROR
            ) from None
        try:
            count = int(days)
        except ValueError:
            raise CommandError(f"工作日数应为正整数，收到：{days}", returncode=USAGE_ERROR) from None
        try:
            period = calendar.notice_period(start_date, count)
            skipped = [d for d in calendar.days_between(period.start, period.end) if not d.is_working_day]
        except calendar.CalendarError as exc:
            raise CommandError(exc.message, returncode=USAGE_ERROR) from None

        if as_json:
            self.stdout.write(
                json.dumps(
                    {
                        "start": period.start.isoformat(),
                        "end": period.end.isoformat(),
                        "closes_at": period.closes_at.isoformat(),
                        "days": [d.isoformat() for d in period.days],
                    },
                    ensure_ascii=False,
                )
            )
            return
        w = self.stdout.write
        w(f"起始日期：{period.start:%Y-%m-%d}")
        w(f"截止日期：{period.end:%Y-%m-%d}（星期{calendar.WEEKDAYS[period.end.weekday()]}）")
        w(f"截止时间：{period.closes_at:%Y-%m-%d %H:%M:%S}（北京时间，UTC+08:00）")
        w(f"计入的工作日（{len(period.days)} 个）：")
        for n, d in enumerate(period.days, start=1):
            w(f"  {n:>3}. {d:%Y-%m-%d} 星期{calendar.WEEKDAYS[d.weekday()]}")
        if skipped:
            w("跳过的非工作日：" + "、".join(f"{d.date:%m-%d}（{d.label}）" for d in skipped))

    def import_notice(self, year: str, path: str, *, dry_run: bool, as_json: bool):
        try:
            year_number = int(year)
            if not 1949 <= year_number <= 2100:
                raise ValueError
        except ValueError:
            raise CommandError(
                f"年度应为四位数字（1949–2100），收到：{year}", returncode=USAGE_ERROR
            ) from None
        try:
            with open(path, encoding="utf-8-sig") as f:
                text = f.read()
        except (OSError, UnicodeDecodeError) as exc:
            reason = "不是 UTF-8 编码的文本" if isinstance(exc, UnicodeDecodeError) else exc.strerror
            raise CommandError(f"无法读取通知文件 {path}：{reason}", returncode=USAGE_ERROR) from None

        parsed = parse_notice(text, year_number)
        if as_json:
            self.stdout.write(json.dumps(parsed.as_json(), ensure_ascii=False))
        else:
            self.print_notice(parsed)
        if parsed.unread:
            raise CommandError(f"有 {len(parsed.unread)} 行未能识别，未保存任何日期。", returncode=UNREAD)
        if dry_run:
            if not as_json:
                self.stdout.write("试运行（--dry-run）：未保存。")
            return
        saved = save_notice(parsed)
        if not as_json:
            self.stdout.write(
                f"已保存 {saved} 天，{year_number} 年已标记为已录入；"
                f"工作日日历连续覆盖至 {calendar.coverage()[1]} 年。"
            )

    def print_notice(self, parsed):
        w = self.stdout.write
        w(f"依据：{parsed.source}")
        by_name: dict[str, list] = {}
        for day in parsed.holidays:
            by_name.setdefault(day.name, []).append(day.date)
        w(f"放假（{len(parsed.holidays)} 天）：")
        for name, dates in by_name.items():
            w(f"  {name}：" + "、".join(f"{d:%Y-%m-%d}" for d in dates))
        w(f"调休上班（{len(parsed.workdays)} 天）：")
        for day in parsed.workdays:
            w(f"  {day.date:%Y-%m-%d} 星期{calendar.WEEKDAYS[day.date.weekday()]}（{day.name}）")
        if parsed.unread:
            w(f"未能识别（{len(parsed.unread)} 行）：")
            for u in parsed.unread:
                w(f"  {u.line}")
                w(f"    原因：{u.reason}")

"""The working-day calendar from the shell:

    manage.py calendar notice-period --start 2025-09-26 --days 5 [--json]
    manage.py calendar coverage

Any input the calendar cannot answer (an uncovered year, a malformed date, a non-positive number
of days) ends with exit status 2 and one line on stderr, never a traceback."""

import datetime as dt
import json

import chinese_calendar
from django.core.management.base import BaseCommand, CommandError

from workdays import calendar
from workdays.selectors import covered_year_list

USAGE_ERROR = 2


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

    def handle(self, *args, action, **options):
        if action == "coverage":
            return self.coverage()
        return self.notice_period(options["start"], options["days"], as_json=options["json"])

    def coverage(self):
        first, last = calendar.package_years()
        entered = ", ".join(f"{y.year}（{y.source}）" for y in covered_year_list().order_by("year")) or "无"
        self.stdout.write(f"工作日日历覆盖 {calendar.describe_years(calendar.covered_years())} 年")
        self.stdout.write(f"  chinese_calendar {chinese_calendar.__version__} 内置：{first}–{last} 年")
        self.stdout.write(f"  管理员录入的年度：{entered}")

    def notice_period(self, start: str, days: str, *, as_json: bool):
        try:
            start_date = dt.date.fromisoformat(start)
        except ValueError:
            raise CommandError(f"起始日期格式应为 YYYY-MM-DD，收到：{start}", returncode=USAGE_ERROR) from None
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
            self.stdout.write(json.dumps({
                "start": period.start.isoformat(), "end": period.end.isoformat(),
                "closes_at": period.closes_at.isoformat(), "days": [d.isoformat() for d in period.days],
            }, ensure_ascii=False))
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

"""One export in a process of its own, so its peak RSS is the export's (``python -m
benchmarks.export_job engine|xlsxwriter|openpyxl ROWS OUT``): prints JSON with the seconds, the
rows and the peak resident memory (``VmHWM`` from /proc, which counts C allocations as well —
tracemalloc would miss them)."""

from __future__ import annotations

import json
import os
import resource
import sys
import time


def _duty_hours() -> bool:
    """The duty-hour entries (the issue's 1,000,000 rows) once the experts app has seeded them;
    the security events before."""
    from django.apps import apps

    if not apps.is_installed("experts"):
        return False
    from experts.models import DutyLog

    return DutyLog.objects.exists()


def rows_queryset(n: int):
    if _duty_hours():
        from experts.models import DutyLog

        return DutyLog.objects.select_related("person", "centre").order_by("pk")[:n]
    from audit.models import SecurityEvent

    return SecurityEvent.objects.select_related("user").order_by("pk")[:n]


def columns() -> list[str]:
    if _duty_hours():
        return [
            "日期",
            "专家",
            "质控中心",
            "活动类别",
            "现场",
            "时长（小时）",
            "工作内容",
            "状态",
            "编号",
            "年份",
        ]
    return ["时间", "事件", "用户名", "显示名称", "IP地址", "地址", "用户编号", "事件编号", "年份", "备注"]


def values(e):
    if hasattr(e, "worked_on"):  # a duty-hour entry
        return [
            e.worked_on,
            e.person.name,
            e.centre.name if e.centre_id else "",
            e.get_kind_display(),
            "是" if e.on_site else "否",
            e.hours,
            e.description,
            e.get_status_display(),
            e.pk,
            e.worked_on.year,
        ]
    return [
        e.at.replace(tzinfo=None),
        e.get_kind_display(),
        e.username,
        str(e.user) if e.user_id else "",
        e.ip or "",
        e.path,
        e.user_id or 0,
        e.pk,
        e.at.year,
        "",
    ]


def run_engine(n: int, out: str) -> int:
    from accounts.models import Role, User
    from exports.registry import Column, ExportSpec
    from exports.writer import write_export

    if _duty_hours():
        cols = [
            Column("日期", "worked_on", kind="date"),
            Column("专家", "person.name"),
            Column("质控中心", lambda e: e.centre.name if e.centre_id else ""),
            Column("活动类别", "get_kind_display"),
            Column("现场", lambda e: "是" if e.on_site else "否"),
            Column("时长（小时）", "hours", kind="decimal"),
            Column("工作内容", "description"),
            Column("状态", "get_status_display"),
            Column("编号", "pk", kind="int"),
            Column("年份", "worked_on.year", kind="int"),
        ]
    else:
        cols = [
            Column("时间", "at", kind="datetime", width=18),
            Column("事件", "get_kind_display"),
            Column("用户名", "username"),
            Column("显示名称", "user"),
            Column("IP地址", "ip"),
            Column("地址", "path"),
            Column("用户编号", "user_id", kind="int"),
            Column("事件编号", "pk", kind="int"),
            Column("年份", "at.year", kind="int"),
            Column("备注", lambda e: ""),
        ]
    spec = ExportSpec(
        code="bench-rows",
        title="性能测试导出",
        queryset=lambda user, filters: rows_queryset(n).iterator(chunk_size=2000),
        columns=cols,
    )
    return write_export(spec=spec, user=User(username="bench", role=Role.AUDITOR), filters={}, output=out)


def run_xlsxwriter(n: int, out: str) -> int:
    import xlsxwriter

    book = xlsxwriter.Workbook(out, {"constant_memory": True})
    sheet = book.add_worksheet("数据")
    date_fmt = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    sheet.write_row(0, 0, columns())
    count = 0
    for count, e in enumerate(rows_queryset(n).iterator(chunk_size=2000), 1):
        v = values(e)
        sheet.write_datetime(count, 0, v[0], date_fmt)
        sheet.write_row(count, 1, v[1:])
    book.close()
    return count


def run_openpyxl(n: int, out: str) -> int:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("数据")
    sheet.append(columns())
    count = 0
    for count, e in enumerate(rows_queryset(n).iterator(chunk_size=2000), 1):
        sheet.append(values(e))
    book.save(out)
    return count


def _peak_rss_kb() -> int:
    """VmHWM: the peak resident set of this process's memory since it was exec'd (getrusage's
    ru_maxrss would carry the forking parent's peak across exec on Linux)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main():
    mode, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qc_admin.settings.dev")
    import django

    django.setup()
    started = time.perf_counter()
    count = {"engine": run_engine, "xlsxwriter": run_xlsxwriter, "openpyxl": run_openpyxl}[mode](n, out)
    elapsed = time.perf_counter() - started
    peak_kb = _peak_rss_kb()
    print(
        json.dumps(
            {
                "mode": mode,
                "rows": count,
                "seconds": round(elapsed, 2),
                "peak_rss_mb": round(peak_kb / 1024, 1),
                "bytes": os.path.getsize(out),
            }
        )
    )


if __name__ == "__main__":
    main()

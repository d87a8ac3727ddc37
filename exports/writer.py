"""The Excel engine: one list, streamed into an .xlsx in constant memory.

xlsxwriter's ``constant_memory`` mode flushes each row to a temporary file as soon as the next
row begins, so a 100,000-row export holds one row in memory (benchmarks/test_export_memory.py).
The price is that rows must be written in order; the cover sheet (封面), which needs the final
row count, is its own worksheet and is filled in after the data sheet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from zoneinfo import ZoneInfo

import xlsxwriter
from django.db.models import QuerySet
from django.utils import timezone

from directory.validators import mask_id_number, mask_mobile

from .registry import ExportSpec

SHANGHAI = ZoneInfo("Asia/Shanghai")
CHUNK_SIZE = 2000
PROGRESS_EVERY = 1000
DATA_SHEET = "数据"
COVER_SHEET = "封面"
MASKS = {"id": mask_id_number, "mobile": mask_mobile}


def _total(rows) -> int | None:
    if isinstance(rows, QuerySet):
        return rows.count()
    try:
        return len(rows)
    except TypeError:
        return None


def _iterate(rows):
    if isinstance(rows, QuerySet):
        return rows.iterator(chunk_size=CHUNK_SIZE)
    return iter(rows)


def _naive_shanghai(value: dt.datetime) -> dt.datetime:
    if timezone.is_aware(value):
        value = value.astimezone(SHANGHAI)
    return value.replace(tzinfo=None)


def _as_text(value) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


class _CellWriter:
    """Writes one typed value. Every string goes through write_string, never write(): a value
    beginning with =, +, - or @ stays text and can never become a formula (formula injection)."""

    def __init__(self, workbook):
        self.date = workbook.add_format({"num_format": "yyyy-mm-dd"})
        self.datetime = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
        self.int = workbook.add_format({"num_format": "0"})
        self.decimal = workbook.add_format({"num_format": "#,##0.00"})

    def write(self, sheet, row: int, col: int, kind: str, value) -> None:
        if value is None or value == "":
            return  # an empty cell; nothing to flush
        if kind == "date" and isinstance(value, dt.date):
            if isinstance(value, dt.datetime):
                value = _naive_shanghai(value).date()
            sheet.write_datetime(row, col, value, self.date)
        elif kind == "datetime" and isinstance(value, dt.datetime):
            sheet.write_datetime(row, col, _naive_shanghai(value), self.datetime)
        elif kind == "datetime" and isinstance(value, dt.date):
            sheet.write_datetime(row, col, value, self.date)
        elif kind == "int" and isinstance(value, int) and not isinstance(value, bool):
            sheet.write_number(row, col, value, self.int)
        elif kind == "decimal" and isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
            sheet.write_number(row, col, float(value), self.decimal)
        else:
            # Text, or a value that is not of its column's kind: shown as text, as it is.
            sheet.write_string(row, col, _as_text(value))


def write_export(
    *,
    spec: ExportSpec,
    user,
    filters: dict,
    output,
    on_progress: Callable[[int, int | None], None] | None = None,
    exported_at: dt.datetime | None = None,
) -> int:
    """Write ``spec``'s rows for ``user`` with ``filters`` to ``output`` (a path or a binary
    file object); return the number of data rows. ``on_progress(rows_done, rows_total)`` is
    called every PROGRESS_EVERY rows and at the end."""
    rows = spec.queryset(user, filters)
    total = _total(rows)
    unmasked = bool(getattr(user, "may_see_identity", False))
    workbook = xlsxwriter.Workbook(
        output,
        {
            "constant_memory": True,
            # Belt and braces: write() would not turn strings into formulas, links or numbers either.
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    try:
        cover = workbook.add_worksheet(COVER_SHEET)
        sheet = workbook.add_worksheet(DATA_SHEET)
        cells = _CellWriter(workbook)
        header = workbook.add_format(
            {"bold": True, "bg_color": "#E8F0FE", "border": 1, "text_wrap": True, "valign": "vcenter"}
        )

        columns = spec.columns
        for col, column in enumerate(columns):
            sheet.set_column(col, col, column.width)
            sheet.write_string(0, col, column.header, header)
        sheet.freeze_panes(1, 0)

        done = 0
        for row in _iterate(rows):
            done += 1
            for col, column in enumerate(columns):
                value = column.value(row)
                if column.sensitive and not unmasked and value:
                    value = MASKS[column.sensitive](str(value))
                cells.write(sheet, done, col, column.kind, value)
            if on_progress and done % PROGRESS_EVERY == 0:
                on_progress(done, total)
        if done:
            sheet.autofilter(0, 0, done, len(columns) - 1)

        _write_cover(
            workbook,
            cover,
            spec=spec,
            user=user,
            filters=filters,
            rows=done,
            exported_at=exported_at or timezone.now(),
            masked=not unmasked,
        )
    finally:
        workbook.close()
    if on_progress:
        on_progress(done, done)
    return done


def _write_cover(workbook, cover, *, spec, user, filters, rows, exported_at, masked) -> None:
    """封面: what was exported, by whom, with which filters, when (Asia/Shanghai), how many rows."""
    title = workbook.add_format({"bold": True, "font_size": 16})
    label = workbook.add_format({"bold": True, "align": "right", "valign": "top"})
    text = workbook.add_format({"text_wrap": True, "valign": "top"})
    cover.set_column(0, 0, 14)
    cover.set_column(1, 1, 60)
    cover.write_string(0, 0, f"{spec.title} 导出", title)

    role = (
        user.get_role_display() if getattr(user, "role", "") else ("超级管理员" if user.is_superuser else "")
    )
    who = f"{user}（{user.get_username()}{'，' + role if role else ''}）"
    described = spec.describe_filters(filters)
    lines = [
        ("导出清单", spec.title),
        ("导出人", who),
        ("数据范围", user.scope_label),
        ("筛选条件", "；".join(f"{k}：{v}" for k, v in described) if described else "无（全部记录）"),
        ("导出时间", exported_at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M:%S") + "（北京时间）"),
        ("记录条数", str(rows)),
        ("敏感信息", "身份证号、手机号已脱敏" if masked else "含未脱敏的身份证号、手机号，请妥善保管"),
    ]
    for n, (key, value) in enumerate(lines, start=2):
        cover.write_string(n, 0, key, label)
        cover.write_string(n, 1, value, text)

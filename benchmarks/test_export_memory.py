"""An export of 100,000 rows streams in constant memory: peak Python memory (tracemalloc) stays
under 50 MB however many rows there are. Run with `make bench` (not part of `make test`).
The rows are generated one at a time by a test-only spec, so the number measures the engine,
not the database driver."""

import datetime as dt
import time
import tracemalloc
from types import SimpleNamespace

from openpyxl import load_workbook

from accounts.models import Role, User
from exports.registry import Column, ExportSpec
from exports.writer import COVER_SHEET, DATA_SHEET, write_export

ROWS = 100_000
PEAK_BYTES = 50 * 1024 * 1024
START = dt.date(1990, 1, 1)
NOW = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)


def _rows(user, filters):
    for n in range(ROWS):
        yield SimpleNamespace(
            name=f"重庆市九龙坡区第{n}社区卫生服务中心", uscc=f"12500107{n:09d}X", kind="社区卫生服务中心",
            id_number=f"50010719800101{n % 10000:04d}", mobile=f"139{n:08d}",
            opened=START + dt.timedelta(days=n % 9000), beds=n % 500, cost=n / 7,
            updated=NOW - dt.timedelta(minutes=n), note="=1+1" if n % 1000 == 0 else "")


SPEC = ExportSpec(
    code="bench-rows", title="性能测试清单", queryset=_rows,
    columns=[
        Column("机构名称", "name", width=32), Column("统一社会信用代码", "uscc", width=22),
        Column("机构类别", "kind", width=16), Column("身份证号", "id_number", sensitive="id", width=22),
        Column("手机号", "mobile", sensitive="mobile", width=14), Column("开业日期", "opened", kind="date"),
        Column("床位数", "beds", kind="int"), Column("费用", "cost", kind="decimal"),
        Column("更新时间", "updated", kind="datetime", width=18), Column("备注", "note"),
    ],
)


def test_export_of_100000_rows_stays_under_50_mb(tmp_path):
    user = User(username="bench", role=Role.AUDITOR, display_name="性能测试")
    output = tmp_path / "bench.xlsx"
    tracemalloc.start()
    started = time.perf_counter()
    try:
        count = write_export(spec=SPEC, user=user, filters={}, output=str(output))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    elapsed = time.perf_counter() - started
    print(f"\n{count} rows, {output.stat().st_size / 1024 / 1024:.1f} MB file, "
          f"peak {peak / 1024 / 1024:.1f} MB Python memory, {elapsed:.1f} s (with tracemalloc)")
    assert count == ROWS
    assert peak < PEAK_BYTES

    book = load_workbook(output, read_only=True)
    cover = {r[0]: r[1] for r in book[COVER_SHEET].iter_rows(min_row=2, values_only=True) if r[0]}
    assert cover["记录条数"] == str(ROWS)
    first = next(book[DATA_SHEET].iter_rows(min_row=2, max_row=2, values_only=True))
    assert first[3] == "500107********0000" and first[9] == "=1+1"
    book.close()

"""Export of up to 1,000,000 rows from the database to .xlsx (the experts' duty-hour entries, the
issue's 1,000,000 rows; the security events where none are seeded): time as a ratio to the faster of bare
xlsxwriter (constant memory) and bare openpyxl (write-only) on the same rows from the same
query, and the peak RSS of the exporting process. Budgets: ratio ≤ 1.3, RSS ≤ 300 MB."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from benchmarks.conftest import PRESET

ROWS = int(os.environ.get("BENCH_EXPORT_ROWS", "1000000"))
RATIO_BUDGET, RSS_BUDGET_MB = 1.3, 300


def _run(mode: str, n: int, out) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.export_job", mode, str(n), str(out)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ},
        timeout=3600,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_export_against_bare_writers(seeded, recorder, tmp_path, django_db_blocker):
    from benchmarks.export_job import _duty_hours, rows_queryset

    n = min(ROWS, rows_queryset(ROWS).count())
    table = "履职时长" if _duty_hours() else "安全审计事件"
    runs = {mode: _run(mode, n, tmp_path / f"{mode}.xlsx") for mode in ("xlsxwriter", "openpyxl", "engine")}
    fastest = min(("xlsxwriter", "openpyxl"), key=lambda m: runs[m]["seconds"])
    ratio = runs["engine"]["seconds"] / runs[fastest]["seconds"]
    recorder.add(
        "导出",
        f"{runs['engine']['rows']:,} 行{table} → .xlsx（{PRESET}）",
        engine_s=runs["engine"]["seconds"],
        xlsxwriter_s=runs["xlsxwriter"]["seconds"],
        openpyxl_s=runs["openpyxl"]["seconds"],
        baseline=fastest,
        ratio=round(ratio, 2),
        engine_peak_rss_mb=runs["engine"]["peak_rss_mb"],
        xlsxwriter_peak_rss_mb=runs["xlsxwriter"]["peak_rss_mb"],
        openpyxl_peak_rss_mb=runs["openpyxl"]["peak_rss_mb"],
        budget_met=ratio <= RATIO_BUDGET and runs["engine"]["peak_rss_mb"] <= RSS_BUDGET_MB,
    )

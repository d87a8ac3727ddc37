"""Markdown tables of the latest benchmark results (bench/results/latest-<preset>.json →
bench/results/latest.md), one section per group, with the machine and the baseline."""

from __future__ import annotations

import json
from pathlib import Path

COLUMNS = {
    "页面": [
        ("name", "页面 @ 范围"),
        ("median_ms", "中位 ms"),
        ("p95_ms", "p95 ms"),
        ("baseline_median_ms", "基线中位 ms"),
        ("median_ratio", "中位/基线"),
        ("p95_ratio", "p95/基线p95"),
        ("queries", "查询数"),
        ("budget_met", "预算"),
    ],
    "提醒扫描": [
        ("name", "场景"),
        ("deadlines", "期限数"),
        ("seconds", "秒"),
        ("queries", "查询数"),
        ("seconds_per_100k", "秒/10万"),
        ("queries_per_100k", "查询/10万"),
        ("reminders", "提醒"),
        ("undeliverable", "未送达"),
        ("baseline_median_ms", "基线中位 ms"),
        ("ratio_per_deadline", "每期限/基线"),
    ],
    "导出": [
        ("name", "场景"),
        ("engine_s", "引擎 s"),
        ("xlsxwriter_s", "xlsxwriter s"),
        ("openpyxl_s", "openpyxl s"),
        ("baseline", "基线"),
        ("ratio", "比值"),
        ("engine_peak_rss_mb", "引擎峰值 RSS MB"),
        ("budget_met", "预算"),
    ],
    "公文": [
        ("name", "场景"),
        ("engine_median_s", "引擎 s"),
        ("weasyprint_median_s", "WeasyPrint s"),
        ("ratio", "比值"),
        ("budget_met", "预算"),
    ],
    "公文批量": [
        ("name", "场景"),
        ("seconds", "总秒数"),
        ("per_letter_s", "每份 s"),
        ("failed", "失败"),
        ("rss_before_mb", "之前 RSS MB"),
        ("rss_peak_mb", "峰值 RSS MB"),
        ("rss_after_mb", "之后 RSS MB"),
        ("child_before_mb", "子进程之前 MB"),
        ("child_peak_mb", "子进程峰值 MB"),
        ("rss_sum_peak_mb", "新旧子进程并存时 MB"),
        ("children", "所见子进程"),
        ("budget_met", "预算"),
    ],
    "负载": [
        ("name", "场景"),
        ("requests", "请求"),
        ("failures", "错误"),
        ("rps", "吞吐 req/s"),
        ("median_ms", "中位 ms"),
        ("p95_ms", "p95 ms"),
        ("budget_met", "预算"),
    ],
}
BUDGETS = {
    "页面": "中位 ≤ 5×、p95 ≤ 10× 基线（省级范围）；"
    "基线 = 已登录、只做一次索引查询的视图，同一轮内与页面交替测量",
    "提醒扫描": "随期限数线性增长、常数小；每批（500 个期限）查询数固定",
    "导出": "≤ 1.3 × 较快的裸写法（xlsxwriter constant_memory / openpyxl write_only，"
    "同一查询的同一批行）；峰值 RSS ≤ 300 MB",
    "公文": "≤ 1.5 × 同一 HTML 的裸 WeasyPrint",
    "公文批量": "真实 Celery worker（documents 队列，1 个子进程，--max-tasks-per-child 回收）；"
    "worker（主进程 + 子进程）RSS：批量之后 ≤ 1.25 × 之前，峰值 ≤ 1.5 × 之前，0 失败",
    "负载": "0 错误；gunicorn 2 workers × 4 threads（keep-alive 30 s），仅回环地址，自行结束",
}


def _fmt(v):
    if v is True:
        return "✅"
    if v is False:
        return "❌"
    return "—" if v is None else str(v)


def render(results: list[dict]) -> str:
    out = [
        "# 性能基准：最新结果",
        "",
        "由 `make bench` 生成（见 docs/performance.md）。每个数值都除以同一轮测得的基线。",
        "",
    ]
    for data in results:
        m = data["machine"]
        out += [
            f"## 预设 `{data['preset']}`（{data['started']} → {data['finished']}）",
            "",
            f"机器：{m['host']}，{m['cpus']} 核 {m['cpu']}，内存 {m['memory_gb']} GB，"
            f"开始时 1 分钟负载 {m['load_1m']}；Python {m['python']}；"
            f"每项 {data['requests_per_figure']} 次请求。",
            "",
        ]
        for group, cols in COLUMNS.items():
            rows = [r for r in data["rows"] if r["group"] == group]
            if not rows:
                continue
            out += [
                f"### {group}",
                "",
                f"预算：{BUDGETS[group]}",
                "",
                "| " + " | ".join(h for _, h in cols) + " |",
                "|" + "---|" * len(cols),
            ]
            out += ["| " + " | ".join(_fmt(r.get(k)) for k, _ in cols) + " |" for r in rows]
            out.append("")
    # query counts across presets
    by = {
        d["preset"]: {
            r["name"].split(" @ ")[0] + " @ " + r["name"].split(" @ ")[1]: r.get("queries")
            for r in d["rows"]
            if r["group"] == "页面"
        }
        for d in results
    }
    if len(by) > 1:
        presets = sorted(by)
        out += [
            "## 查询数：各预设对比",
            "",
            "| 页面 | " + " | ".join(presets) + " | 相同 |",
            "|" + "---|" * (len(presets) + 2),
        ]
        for name in sorted(set().union(*[set(v) for v in by.values()])):
            counts = [by[p].get(name) for p in presets]
            out.append(
                f"| {name} | " + " | ".join(_fmt(c) for c in counts) + f" | {_fmt(len(set(counts)) == 1)} |"
            )
        out.append("")
    return "\n".join(out)


def write_markdown(folder: Path) -> Path:
    results = [json.loads(p.read_text()) for p in sorted(folder.glob("latest-*.json"))]
    target = folder / "latest.md"
    target.write_text(render(results), encoding="utf-8")
    return target


if __name__ == "__main__":
    print(write_markdown(Path("bench/results")))

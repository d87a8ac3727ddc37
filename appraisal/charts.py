"""The data of each chart, one shape for all: the chart's categories and series, and the same
numbers as a table (for screen readers and copying). The page passes it with ``json_script``;
static/appraisal/charts.js draws it with ECharts. No numbers are computed in the browser."""

from __future__ import annotations

from .models import GRADE_CHOICES

GRADE_LABELS = dict(GRADE_CHOICES)
DUTY_STATUS = (("done", "已完成"), ("due", "待完成"), ("overdue", "已逾期"))


def _chart(
    chart_id: str, title: str, kind: str, categories: list, series: list[dict], *, stacked=False, y_max=None
) -> dict:
    table = {
        "headers": ["", *[s["name"] for s in series]],
        "rows": [[c, *[s["data"][i] for s in series]] for i, c in enumerate(categories)],
    }
    return {
        "id": chart_id,
        "title": title,
        "kind": kind,
        "categories": categories,
        "series": series,
        "stacked": stacked,
        "y_max": y_max,
        "table": table,
    }


def distribution_chart(distribution: dict[int, dict[str, int]]) -> dict:
    """Grades by year: one bar series per grade."""
    years = sorted(distribution)
    codes = [c for c, _ in GRADE_CHOICES if any(c in distribution[y] for y in years)]
    series = [{"name": GRADE_LABELS[c], "data": [distribution[y].get(c, 0) for y in years]} for c in codes]
    return _chart(
        "chart-grade-distribution",
        "各年度考核等次分布",
        "bar",
        [f"{y}年" for y in years],
        series,
        stacked=True,
    )


def grade_history_chart(centre, assessments, labels: dict, historical=()) -> dict:
    """A centre's grades over the years: the grade's rank (4 = 优秀 … 1 = 不合格) as a line — the
    platform's confirmed grades and those entered from the commission's documents (history.py)."""
    codes = [c for c, _ in GRADE_CHOICES]
    rows = sorted(
        [(a.year.year, a.grade) for a in assessments if a.grade] + [(h.year, h.grade) for h in historical]
    )
    data = [len(codes) - codes.index(grade) for _, grade in rows]
    chart = _chart(
        "chart-grade-history",
        f"{centre.name}历年考核等次",
        "line",
        [f"{year}年" for year, _ in rows],
        [{"name": "等次", "data": data}],
        y_max=len(codes),
    )
    chart["table"]["rows"] = [
        [f"{year}年", labels.get(grade, GRADE_LABELS.get(grade, grade))] for year, grade in rows
    ]
    chart["axis_labels"] = {str(len(codes) - i): label for i, (_, label) in enumerate(GRADE_CHOICES)}
    return chart


def duties_chart(rows: list[dict], year: int) -> dict:
    names = [r["centre"].name for r in rows]
    series = [{"name": label, "data": [r[code] for r in rows]} for code, label in DUTY_STATUS]
    return _chart("chart-duties", f"{year}年度各质控中心履职情况（项）", "bar", names, series, stacked=True)


def duty_kinds_chart(by_kind: dict[str, dict[str, int]], year: int) -> dict:
    """The year's duties of every centre in scope by duty (selectors.duty_status_counts): one group
    per duty of the rule sets, whatever the number of centres (issue 14)."""
    from .models import DutyRecord

    labels = dict(DutyRecord.Kind.choices)
    kinds = [k for k in labels if k in by_kind] + sorted(k for k in by_kind if k not in labels)
    series = [{"name": label, "data": [by_kind[k][code] for k in kinds]} for code, label in DUTY_STATUS]
    return _chart(
        "chart-duties",
        f"{year}年度各项履职完成情况（中心数）",
        "bar",
        [str(labels.get(k, k)) for k in kinds],
        series,
        stacked=True,
    )


def scores_chart(year, scores: dict[str, dict[str, float]]) -> dict:
    """Institutions' mean scores by criterion, one series per criterion, one group per centre."""
    criteria = year.criteria if year else []
    centres = list(scores)
    series = [
        {"name": c["label"], "data": [scores[name].get(c["code"]) for name in centres]} for c in criteria
    ]
    return _chart(
        "chart-scores",
        f"{year.year}年度医疗机构评分（各评分项平均分）" if year else "医疗机构评分",
        "bar",
        centres,
        series,
        y_max=100,
    )

"""The experts app's Excel lists (docs/exports.md): rosters with their check results, duty hours by
expert and month, grades with the quota shares. Each reads through the scoped querysets."""

from __future__ import annotations

from exports.registry import Column, ExportSpec
from rulesets.selectors import NoRuleSetInForce

from . import selectors, services
from .models import Committee


def roster_rows(user, filters):
    """Every seat of the committees the user sees, with the rule checks of its person and of the
    whole roster (the same verdict as the roster page and ``rulesets check-roster``)."""
    committees = selectors.committee_list(user=user, filters=filters).exclude(status="dissolved")
    rows = []
    for committee in committees:
        seats = list(services.active_seats(committee))
        try:
            violations = services.roster_violations(committee, seats=seats)
        except NoRuleSetInForce:  # the roster is listed without a verdict
            violations = []
        per_seat, overall = services.violations_by_seat(committee, violations, seats)
        whole = "；".join(v.message for v in overall)
        for seat in seats:
            seat.export_committee = committee
            seat.export_checks = "；".join(v.message for v in per_seat.get(seat.pk, [])) or "符合"
            seat.export_roster_checks = whole or "符合"
            rows.append(seat)
    return rows


def hours_rows(user, filters):
    try:
        year = int(filters.get("year") or services.today().year)
    except ValueError:
        year = services.today().year
    table: dict[int, dict] = {}
    for r in selectors.monthly_hours(user=user, year=year):
        row = table.setdefault(r["person"], {"name": r["person__name"], "year": year, "total": 0})
        row[r["month"]] = r["total"]
        row["total"] += r["total"]
    return list(table.values())


def grade_rows(user, filters):
    rows = []
    for grading in selectors.gradings(user=user):
        table = services.quota_table(grading)
        shares = "；".join(f"{r['label']}{r['count']}人（{r['share']}%）" for r in table["rows"])
        for grade in grading.grades.select_related("expert__person"):
            grade.export_grading = grading
            grade.export_shares = shares
            rows.append(grade)
    return rows


SPECS = [
    ExportSpec(
        code="experts_rosters",
        title="专家委员会名单及规则检查",
        queryset=roster_rows,
        columns=[
            Column("委员会", "export_committee.name", width=36),
            Column("状态", "export_committee.get_status_display", width=10),
            Column("姓名", "name", width=10),
            Column("职务", "get_role_display", width=12),
            Column("工作单位", "employer", width=28),
            Column("挂靠单位人员", lambda s: "是" if s.from_host else "否", width=8),
            Column("职称", "title", width=14),
            Column("出生日期", "birth_date", kind="date", width=12),
            Column("本人规则检查", "export_checks", width=60),
            Column("名单整体规则检查", "export_roster_checks", width=60),
        ],
        filter_labels={"q": "名称包含", "status": ("状态", Committee.Status.choices)},
    ),
    ExportSpec(
        code="experts_hours",
        title="专家履职时长（按月）",
        queryset=hours_rows,
        columns=[
            Column("专家", "name", width=12),
            Column("年度", "year", kind="int", width=8),
            *[Column(f"{m}月", (lambda r, m=m: r.get(m, 0)), kind="decimal", width=7) for m in range(1, 13)],
            Column("全年已确认", "total", kind="decimal", width=10),
        ],
        filter_labels={"year": "年度"},
    ),
    ExportSpec(
        code="experts_grades",
        title="年度专家考核等级及比例",
        queryset=grade_rows,
        columns=[
            Column("专家库", "export_grading.library.name", width=28),
            Column("年度", "export_grading.year", kind="int", width=8),
            Column("状态", "export_grading.get_status_display", width=8),
            Column("专家", "expert.person.name", width=10),
            Column("层级", "expert.get_level_display", width=12),
            Column("已确认时长", "confirmed_hours", kind="decimal", width=10),
            Column("等级", "get_grade_display", width=8),
            Column("各等级比例", "export_shares", width=60),
            Column("微调说明（报市级中心备案）", "export_grading.adjustment", width=40),
        ],
    ),
]

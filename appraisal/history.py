"""Grades given before a centre was on the platform (登记的历史考核等次): entered by the commission from
its own documents when an existing centre is registered (centres/registration.py), so that the grade
history (the yearly consequence) and the term's grades (the 4-year decision) are whole. What the grades
mean is the rule engine's (rulesets.engine.appraisal); here they are only checked and recorded."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from core.errors import InvalidInput, RuleRefusal
from core.workflow import ruleset_for, timeline_add, today

from . import error_codes as codes
from . import policies
from .models import CentreAssessment, HistoricalGrade
from .rules import grade_items


def _year(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def historical_grade_problems(
    *, centre, term, grades: list[dict], on: date | None = None
) -> tuple[list, list]:
    """(problems, duplicates): one Chinese sentence per row that cannot be recorded. A row is
    ``{year, grade, source_document, source_issued_on}``."""
    from centres.services.lifecycle import term_years

    on = on or today()
    ruleset = ruleset_for(centre, on=on)
    labels = {g.code: g.label for g in grade_items(ruleset)}
    years = term_years(term, ruleset)
    problems, duplicates, seen = [], [], set()
    on_record = set(
        CentreAssessment.objects.filter(centre=centre).exclude(grade="").values_list("year__year", flat=True)
    ) | set(HistoricalGrade.objects.filter(centre=centre).values_list("year", flat=True))
    for row in grades:
        year = _year(row.get("year"))
        if year is None:
            problems.append("考核年度须为整数年份。")
            continue
        what = f"{year}年度"
        if year in seen:
            duplicates.append(f"{what}填写了两次，每个年度只有一个考核等次。")
            continue
        seen.add(year)
        if year in on_record:
            duplicates.append(f"{what}已有考核等次，不能重复登记。")
        if year > on.year:
            problems.append(f"{what}晚于本年度，尚不可能有考核等次。")
        elif year not in years:
            problems.append(f"{what}不在第{term.number}挂靠周期的考核年度（{years[0]}—{years[-1]}年）之内。")
        if row.get("grade") not in labels:
            problems.append(f"{what}：等次须为{ruleset.code}规定的等次（{'、'.join(labels.values())}）。")
        if not (row.get("source_document") or "").strip():
            problems.append(f"{what}：请填写考核结果所依据的公文（文号或标题）。")
        issued = row.get("source_issued_on")
        if not isinstance(issued, date):
            problems.append(f"{what}：请填写该公文的日期。")
        elif issued > on:
            problems.append(f"{what}：公文日期{issued:%Y-%m-%d}晚于今天。")
        elif issued.year < year:
            problems.append(f"{what}：公文日期{issued:%Y-%m-%d}早于该考核年度。")
    return problems, duplicates


@transaction.atomic
def historical_grades_record(*, centre, term, grades: list[dict], acting_user) -> list[HistoricalGrade]:
    """Record the grades of years before the platform, each with its document and who entered it.
    Refused whole when one row cannot be (a later year, a year outside the term, a year twice)."""
    policies.require(
        policies.may_enter_historical_grades(acting_user, centre), "只有本辖区卫健委可以登记历史考核等次。"
    )
    ruleset = ruleset_for(centre)
    if not ruleset.has("appraisal.annual") or not ruleset.value("appraisal.annual"):
        raise RuleRefusal(
            codes.NO_APPRAISAL_RULE, f"规则集 {ruleset.code} 未规定年度考核，无历史等次可登记。"
        )
    problems, duplicates = historical_grade_problems(centre=centre, term=term, grades=grades)
    if duplicates:
        raise InvalidInput(codes.HISTORY_DUPLICATE, "".join(duplicates + problems))
    if problems:
        raise InvalidInput(codes.HISTORY_INVALID, "".join(problems))
    rows = [
        HistoricalGrade.objects.create(
            centre=centre,
            host=term.host,
            year=int(row["year"]),
            grade=row["grade"],
            ruleset_code=ruleset.code,
            source_document=row["source_document"].strip(),
            source_issued_on=row["source_issued_on"],
            entered_by=acting_user,
        )
        for row in sorted(grades, key=lambda r: int(r["year"]))
    ]
    if rows:
        labels = {g.code: g.label for g in grade_items(ruleset)}
        timeline_add(
            centre,
            kind="historical_grades",
            title="登记历史考核等次："
            + "；".join(f"{r.year}年{labels.get(r.grade, r.grade)}（{r.source_document}）" for r in rows),
            actor=acting_user,
        )
    return rows


def historical_grades(centre, *, host_id=None, years=None) -> dict[int, str]:
    rows = HistoricalGrade.objects.filter(centre=centre)
    if host_id is not None:
        rows = rows.filter(host_id=host_id)
    if years is not None:
        rows = rows.filter(year__in=years)
    return dict(rows.values_list("year", "grade"))

"""Recurring duties of a centre in a year (trainings, meetings, plan, dispatch meetings, evaluations).

``recorded`` holds what the centre did in ``year``:

  trainings: int                       duties.min_trainings_per_year
  committee_meetings: int              duties.min_committee_meetings_per_year
  annual_plan_submitted_on: date|None  duties.annual_plan_due (the plan for the next year)
  dispatch_meetings: list[date] | int  duties.dispatch_meetings_per_year (12 = one in every month)
  institution_evaluations: {institution: int}   duties.institution_evaluations_per_year, each
  city_centre_reviews: int             duties.city_centre_reviews_per_year

A duty missing from ``recorded`` counts as none done. With ``on`` inside the year only what is
already due is judged: yearly minimums after 31 December, the plan after its due day, a monthly
dispatch meeting after its month.
"""

from __future__ import annotations

from datetime import date

from ..loader import RuleSet
from .common import rule
from .violations import Violation, breach, setting_missing

_COUNTS = (
    ("duties.min_trainings_per_year", "trainings", "每年开展质控培训不少于{n}次，{year}年开展{have}次"),
    (
        "duties.min_committee_meetings_per_year",
        "committee_meetings",
        "每年至少召开{n}次专家委员会工作会议，{year}年召开{have}次",
    ),
    (
        "duties.city_centre_reviews_per_year",
        "city_centre_reviews",
        "每年组织市级质控中心述职评价{n}次，{year}年组织{have}次",
    ),
)


def _as_date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def check_duties(ruleset: RuleSet, year: int, recorded: dict, *, on: date | None = None) -> list[Violation]:
    out: list[Violation] = []
    year_over = on is None or on > date(year, 12, 31)

    for key, field, wording in _COUNTS:
        if (p := rule(ruleset, key)) and year_over:
            if p.value is None:
                out.append(setting_missing(p))
            elif (have := int(recorded.get(field, 0))) < p.value:
                out.append(breach(p, wording.format(n=p.value, year=year, have=have)))

    if p := rule(ruleset, "duties.annual_plan_due"):
        if p.value is None:
            out.append(setting_missing(p))
        else:
            month, day = map(int, p.value.split("-"))
            due = date(year, month, day)
            submitted = _as_date(recorded.get("annual_plan_submitted_on"))
            if submitted is not None and submitted > due:
                out.append(
                    breach(
                        p,
                        f"年度工作总结和下年度工作计划应于{due.isoformat()}前报送，{submitted.isoformat()}才报送",
                    )
                )
            elif submitted is None and (on is None or on > due):
                out.append(breach(p, f"年度工作总结和下年度工作计划应于{due.isoformat()}前报送，尚未报送"))

    if p := rule(ruleset, "duties.dispatch_meetings_per_year"):
        meetings = recorded.get("dispatch_meetings", [])
        if p.value is None:
            out.append(setting_missing(p))
        elif isinstance(meetings, int):
            if year_over and meetings < p.value:
                out.append(breach(p, f"每年召开工作调度会{p.value}次，{year}年召开{meetings}次"))
        elif p.value == 12:  # 每月一次: every month that has ended needs its own meeting
            held = {d.month for d in map(_as_date, meetings) if d.year == year}
            last_month = 12 if year_over else (on.month - 1 if on.year == year else 0)
            missing = [m for m in range(1, last_month + 1) if m not in held]
            if missing:
                out.append(
                    breach(p, f"每月召开一次调度会，{year}年{'、'.join(f'{m}月' for m in missing)}未召开")
                )
        elif year_over and len([d for d in map(_as_date, meetings) if d.year == year]) < p.value:
            out.append(breach(p, f"每年召开工作调度会{p.value}次，{year}年召开{len(meetings)}次"))

    if (p := rule(ruleset, "duties.institution_evaluations_per_year")) and year_over:
        for institution, n in sorted(recorded.get("institution_evaluations", {}).items()):
            if p.value is not None and n < p.value:
                out.append(
                    breach(
                        p,
                        f"对质控范围内的医疗卫生机构每年质控不少于{p.value}次，{year}年对{institution}{n}次",
                        institution,
                    )
                )
    return out

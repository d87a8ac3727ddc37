"""The appraisal's part of the province-scale data set (core/scale.py): eight years of yearly
assessments for every jurisdiction that has centres (published years with confirmed grades, and
this year's open for scoring), the institutions' scores of the district centres on the rule set's
criteria for the last three years (COPY), the consequences of the failed grades, and every
running centre's yearly duties under its rule set: the records, and the deadline per duty each
opened year carries, in the state the product's services leave it (``_duties``).

Set-based: rows are built in memory from the centres and institutions the earlier parts made and
inserted in batches; no per-row service call."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone

from centres.models import Centre
from core import scale
from deadlines.dates import end_of_day, end_of_year
from deadlines.models import Deadline
from deadlines.services import next_reminder_time
from directory.models import Institution
from rulesets.registry import get_ruleset

from . import duties
from .duties import DUTY_DEADLINE_PREFIX
from .models import (
    AssessmentYear,
    CentreAssessment,
    CentreScore,
    Consequence,
    DutyRecord,
    DutyYear,
    ScoringInvitation,
)
from .rules import criteria_items, grade_items

ORDER = 70
YEARS = 8
SCORED_YEARS = 3  # the institutions' scores are kept for the most recent years
SCORERS_PER_DISTRICT = 20
RULESETS = {
    "provincial_centre": "henan-seven-ones-2024",
    "city_centre": "jinan-city-2024",
    "district_centre": "cq-jiulongpo-2025",
}


def _weights(grades: list[str]) -> list[int]:
    """About one centre in twenty gets the lowest grade; the others share the rest."""
    return [95 // (len(grades) - 1)] * (len(grades) - 1) + [5] if len(grades) > 1 else [1]


def seed(ctx: scale.ScaleContext) -> None:
    rng = ctx.rng_for("appraisal")
    admin = ctx.users["scale_admin"]
    now = timezone.now()
    this_year = timezone.localdate().year
    centres = list(
        Centre.objects.filter(jurisdiction__path__startswith=ctx.province.path)
        .order_by("pk")
        .values("pk", "name", "status", "jurisdiction_id", "body_kind", "host_id")
    )
    groups: dict[tuple[int, str], list[dict]] = {}
    for c in centres:
        if c["body_kind"] in RULESETS:
            groups.setdefault((c["jurisdiction_id"], c["body_kind"]), []).append(c)
    by_jurisdiction: dict[int, list[int]] = {}
    for pk, j in ctx.institution_jurisdiction.items():
        by_jurisdiction.setdefault(j, []).append(pk)

    # --- the years: published for the past, scoring (district) or draft for this year
    years, year_meta = [], []
    for (jurisdiction_id, kind), members in groups.items():
        ruleset = get_ruleset(RULESETS[kind])
        criteria = [
            {"code": item.code, "label": item.label, "weight": None, "guidance": ""}
            for item in criteria_items(ruleset)
        ]
        if criteria:
            share = Decimal(100) / len(criteria)
            weights = [share.quantize(Decimal("1"))] * len(criteria)
            weights[0] += Decimal(100) - sum(weights)
            for item, w in zip(criteria, weights):
                item["weight"] = str(w)
        grades = [g.code for g in grade_items(ruleset)]
        thresholds = {g: str(90 - 10 * i) for i, g in enumerate(grades[:-1])}
        for back in range(YEARS + 1):
            year = this_year - back
            status = (
                AssessmentYear.Status.PUBLISHED
                if back
                else AssessmentYear.Status.SCORING
                if criteria
                else AssessmentYear.Status.DRAFT
            )
            years.append(
                AssessmentYear(
                    jurisdiction_id=jurisdiction_id,
                    body_kind=kind,
                    year=year,
                    ruleset_code=ruleset.code,
                    criteria=criteria,
                    thresholds=thresholds,
                    self_report_due_on=dt.date(year + 1, 1, 31),
                    annual_report_due_on=dt.date(year + 1, 3, 31),
                    status=status,
                    created_by=admin,
                )
            )
            year_meta.append((members, grades, criteria, back))
    with ctx.without_triggers():  # no history event per seeded row, no FK checks
        ctx.bulk(AssessmentYear, iter(years), total=len(years), label="年度考核")

        # --- one assessment per centre and year
        assessments, assessment_meta = [], []
        for year, (members, grades, criteria, back) in zip(years, year_meta):
            for c in members:
                grade = rng.choices(grades, weights=_weights(grades))[0] if back else ""
                score = Decimal(rng.randrange(550, 990)) / 10 if criteria and back else None
                assessments.append(
                    CentreAssessment(
                        year=year,
                        centre_id=c["pk"],
                        host_id=c["host_id"],
                        host_support="adequate" if back else "",
                        self_report="本年度完成了……" if back else "",
                        self_report_submitted_at=now - dt.timedelta(days=365 * back - 30) if back else None,
                        weighted_score=score,
                        proposed_grade=grade,
                        proposed_by=admin if back else None,
                        grade=grade,
                        confirmed_by=admin if back else None,
                        confirmed_at=now - dt.timedelta(days=365 * back - 60) if back else None,
                        status=CentreAssessment.Status.CONFIRMED if back else CentreAssessment.Status.OPEN,
                    )
                )
                assessment_meta.append((year, c, grades, back))
        ctx.bulk(CentreAssessment, iter(assessments), total=len(assessments), label="中心年度考核")

        # --- the consequences of the lowest grade
        consequences = [
            Consequence(
                assessment=a,
                centre_id=c["pk"],
                kind=Consequence.Kind.RECTIFICATION,
                article="第二十二条",
                text="考核不合格，责令整改。",
                due_on=dt.date(year.year + 2, 6, 30),
                status=Consequence.Status.CLOSED if back > 1 else Consequence.Status.ISSUED,
                issued_by=admin,
                issued_on=dt.date(year.year + 1, 4, 1),
            )
            for a, (year, c, grades, back) in zip(assessments, assessment_meta)
            if back and a.grade == grades[-1]
        ]
        ctx.bulk(Consequence, iter(consequences), total=len(consequences), label="考核结果处理")

        # --- the institutions' scores of the district years with criteria (the last three)
        invitations, invitation_meta = [], []
        for year, (members, grades, criteria, back) in zip(years, year_meta):
            if not criteria or back >= SCORED_YEARS:
                continue
            pool = by_jurisdiction.get(year.jurisdiction_id, [])
            for inst in rng.sample(pool, min(len(pool), SCORERS_PER_DISTRICT)):
                invitations.append(
                    ScoringInvitation(
                        year=year,
                        institution_id=inst,
                        status=ScoringInvitation.Status.SUBMITTED
                        if back
                        else ScoringInvitation.Status.INVITED,
                        submitted_at=now - dt.timedelta(days=365 * back - 20) if back else None,
                    )
                )
                invitation_meta.append((year, inst, criteria, back))
        ctx.bulk(ScoringInvitation, iter(invitations), total=len(invitations), label="评分邀请")
        assessments_of: dict[int, list[CentreAssessment]] = {}
        for a in assessments:
            assessments_of.setdefault(a.year_id, []).append(a)

        def scores():
            for invitation, (year, inst, criteria, back) in zip(invitations, invitation_meta):
                if not back:
                    continue  # this year's invitations are still to be scored
                for a in assessments_of.get(year.pk, []):
                    if a.host_id == inst:
                        continue  # an institution never scores the centre it hosts
                    for item in criteria:
                        yield (invitation.pk, a.pk, item["code"], rng.randrange(60, 100), "")

        expected = sum(
            len(assessments_of.get(y.pk, [])) * len(criteria)
            for y, _, criteria, back in invitation_meta
            if back
        )
        ctx.copy(
            CentreScore._meta.db_table,
            ["invitation_id", "assessment_id", "criterion", "score", "comment"],
            scores(),
            total=expected,
            label="机构评分",
        )

        # --- every running centre's yearly duties: the records, and the deadlines each year carries
        _duties(ctx, rng, admin, now, this_year, centres, by_jurisdiction)


def _duties_of(code: str) -> list[tuple[str, str, int]]:
    """(kind, article, how many a year) of every yearly duty the rule set sets, as duty_year_open
    opens them (a duty reported as needed is no yearly obligation)."""
    ruleset = get_ruleset(code)
    return [
        (rule.kind, p.article, int(p.value) if rule.count else 1)
        for rule, p in duties.duties_of(ruleset)
        if rule.kind not in duties.AS_NEEDED
    ]


def _duties(ctx, rng, admin, now, this_year, centres, by_jurisdiction) -> None:
    """The duty years of the running centres (duty_year_open refuses any other), the records of each
    duty of their rule set — done in full most years, short in about one in ten, this year's partly
    done and partly awaiting the office — and the deadline per duty that duty_year_open opens, in the
    state the product leaves it in: met once the confirmed records reach the rule set's count
    (duty_confirm), overdue past its date otherwise (the sweep), else open, with the sweep's
    ``next_reminder_at``. The dashboard's duty chart (selectors.duty_status_counts) counts these.

    The preset's number of deadlines is the province's total: the duty deadlines take the place of as
    many of the deadlines part's stand-ins (closed ones about an institution), so the total stays the
    preset's wherever it holds them all (district and up; ``tiny`` has fewer deadlines than duties)."""
    today = timezone.localdate()
    duty_ct = ContentType.objects.get_for_model(DutyYear)
    rulesets = {code: _duties_of(code) for code in set(RULESETS.values())}
    running = [c for c in centres if c["status"] == Centre.Status.ACTIVE]
    duty_years = [
        DutyYear(
            centre_id=c["pk"],
            year=this_year - back,
            ruleset_code=RULESETS.get(c["body_kind"], "cq-jiulongpo-2025"),
            plan_due_on=dt.date(this_year - back, 12, 31),  # where the office sets it (九龙坡 第十四条)
            opened_by=admin,
        )
        for c in running
        for back in range(YEARS)
    ]
    ctx.bulk(DutyYear, iter(duty_years), total=len(duty_years), label="年度履职")
    centre_of = {c["pk"]: c for c in running}

    def done_on(year: int, kind: str, i: int) -> dt.date:
        last = today if year == this_year else dt.date(year, 12, 31)
        if kind == "dispatch_meeting":  # every month (河南 四、)
            return min(dt.date(year, i % 12 + 1, 10), last)
        if kind == "plan":
            return min(dt.date(year, 1, rng.randrange(5, 28)), last)
        first = dt.date(year, 1, 1)
        return first + dt.timedelta(days=rng.randrange((last - first).days + 1))

    records, deadlines = [], []
    for dy in duty_years:
        centre = centre_of[dy.centre_id]
        ruleset = get_ruleset(dy.ruleset_code)
        pool = by_jurisdiction.get(centre["jurisdiction_id"]) or [centre["host_id"]]
        for kind, article, required in rulesets[dy.ruleset_code]:
            due = duties.plan_due(ruleset, dy.year, dy) if kind in ("plan", "summary") else None
            due_at = end_of_day(due) if due else end_of_year(dy.year)
            if dy.year < this_year:
                n = required if rng.random() < 0.9 else rng.randrange(required)
            else:
                n = rng.randrange(required + 1) if due_at > now else required
            days = sorted(done_on(dy.year, kind, i) for i in range(n))
            confirmed = []
            for day in days:
                status = "confirmed" if dy.year < this_year or rng.random() < 0.75 else "submitted"
                if status == "confirmed":
                    confirmed.append(day)
                records.append(
                    DutyRecord(
                        centre_id=dy.centre_id,
                        year=dy.year,
                        kind=kind,
                        title=f"{dy.year}年度{DutyRecord.Kind(kind).label}",
                        done_on=day,
                        details="……",
                        institution_id=rng.choice(pool) if kind == "institution_evaluation" else None,
                        status=status,
                        recorded_by=admin,
                        reviewed_by=admin if status == "confirmed" else None,
                    )
                )
            kind_code = f"{DUTY_DEADLINE_PREFIX}{kind}"
            if len(confirmed) >= required:
                state = Deadline.State.MET
                met_at = min(end_of_day(confirmed[required - 1] + dt.timedelta(days=7)), now)
            else:
                state = Deadline.State.OVERDUE if due_at < now else Deadline.State.OPEN
                met_at = None
            deadlines.append(
                Deadline(
                    kind=kind_code,
                    title=f"{centre['name']}：{dy.year}年度{DutyRecord.Kind(kind).label}",
                    content_type=duty_ct,
                    object_id=dy.pk,
                    jurisdiction_id=centre["jurisdiction_id"],
                    institution_id=centre["host_id"],
                    due_at=due_at,
                    article=article,
                    ruleset_code=dy.ruleset_code,
                    state=state,
                    met_at=met_at,
                    created_by=admin,
                    next_reminder_at=None if met_at else next_reminder_time(kind_code, due_at, after=now),
                )
            )
    ctx.bulk(DutyRecord, iter(records), total=len(records), label="履职记录")
    ctx.bulk(Deadline, iter(deadlines), total=len(deadlines), label="履职期限")
    stand_ins = (
        Deadline.objects.filter(
            jurisdiction__path__startswith=ctx.province.path,
            content_type=ContentType.objects.get_for_model(Institution),
            state__in=(Deadline.State.MET, Deadline.State.WAIVED),
        )
        .order_by("-pk")
        .values("pk")[: len(deadlines)]
    )
    sql, params = stand_ins.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {Deadline._meta.db_table} WHERE id IN ({sql})", params)


PAGES = [
    scale.BenchPage("appraisal_years", "年度考核", scale.fixed("/appraisal/")),
    scale.BenchPage(
        "appraisal_year_detail",
        "年度考核详情",
        scale.detail_url("appraisal.AssessmentYear", "/appraisal/years/{pk}/", status="published"),
    ),
    scale.BenchPage("appraisal_dashboard", "考核统计图", scale.fixed("/appraisal/dashboard/")),
    scale.BenchPage(
        "appraisal_assessment",
        "中心年度考核详情",
        scale.detail_url("appraisal.CentreAssessment", "/appraisal/assessments/{pk}/", status="confirmed"),
    ),
    scale.BenchPage(
        "appraisal_centre",
        "中心历年考核",
        scale.detail_url("centres.Centre", "/appraisal/centres/{pk}/", status="active"),
    ),
    scale.BenchPage("appraisal_duties", "年度履职", scale.fixed("/appraisal/duties/")),
    scale.BenchPage(
        "appraisal_duty_year",
        "中心年度履职",
        scale.detail_url("appraisal.DutyYear", "/appraisal/duties/{obj.centre_id}/{obj.year}/"),
    ),
    scale.BenchPage("api_appraisal_years", "API 年度考核", scale.fixed("/api/v1/appraisal/years/"), api=True),
    scale.BenchPage(
        "api_appraisal_assessments",
        "API 中心年度考核",
        scale.fixed("/api/v1/appraisal/assessments/"),
        api=True,
    ),
    scale.BenchPage(
        "api_appraisal_invitations", "API 评分邀请", scale.fixed("/api/v1/appraisal/invitations/"), api=True
    ),
    scale.BenchPage(
        "api_appraisal_consequences",
        "API 考核结果处理",
        scale.fixed("/api/v1/appraisal/consequences/"),
        api=True,
    ),
    scale.BenchPage(
        "api_appraisal_duties", "API 履职记录（考核）", scale.fixed("/api/v1/appraisal/duties/"), api=True
    ),
]

"""A centre's yearly duties: which the rule set in force sets (each with its article), their
deadlines, the host's records with evidence, the office's confirmation, and the year at a glance.
The verdict on the counted duties is rulesets.engine.duties.check_duties — not a second copy."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from core.errors import InvalidInput, RuleRefusal, WrongState
from core.workflow import refuse_unless_allowed, ruleset_for, timeline_add, today, transition
from deadlines.dates import end_of_day, end_of_year
from deadlines.services import deadline_meet, deadline_open
from rulesets.engine.duties import check_duties
from rulesets.engine.violations import Violation
from rulesets.selectors import NoRuleSetInForce

from . import error_codes as codes
from . import policies
from .models import DutyRecord, DutyYear, InstitutionRectification

K = DutyRecord.Kind


@dataclass(frozen=True)
class DutyRule:
    kind: str
    key: str  # the rule-set parameter that sets the duty
    count: bool  # its value is a number a year (else: once a year)


# Each kind of record and the parameter that makes it a duty. A kind whose parameter the rule set in
# force lacks is not a duty there (and cannot be recorded, except a plan's or summary's companion).
DUTY_RULES = [
    DutyRule(K.PLAN, "duties.annual_plan_required", False),
    DutyRule(K.SUMMARY, "duties.annual_summary_required", False),
    DutyRule(K.TRAINING, "duties.min_trainings_per_year", True),
    DutyRule(K.COMMITTEE_MEETING, "duties.min_committee_meetings_per_year", True),
    DutyRule(K.INSTITUTION_EVALUATION, "duties.institution_evaluations_per_year", True),
    DutyRule(K.ANNUAL_REPORT, "duties.annual_quality_report_required", False),
    DutyRule(K.DISPATCH_MEETING, "duties.dispatch_meetings_per_year", True),
    DutyRule(K.IMPROVEMENT_PLAN, "duties.improvement_goal_plan_required", False),
    DutyRule(K.CORE_KNOWLEDGE, "duties.core_knowledge_set_required", False),
    DutyRule(K.INDICATOR_SET, "duties.indicator_set_required", False),
    DutyRule(K.ROOT_CAUSE_REVIEW, "duties.root_cause_review_required", False),
    DutyRule(K.CITY_CENTRE_REVIEW, "duties.city_centre_reviews_per_year", True),
    DutyRule(K.UNPLANNED_ACTIVITY, "duties.unplanned_activities_reported_in_advance", False),
]
AS_NEEDED = {K.UNPLANNED_ACTIVITY}  # reported when it happens; not a yearly obligation
# Activities (重要活动与安排) that are either a task of the year's plan or, outside it, reported in
# advance where the rule set asks it (济南 第十一条).
ACTIVITY_KINDS = {K.TRAINING, K.INSTITUTION_EVALUATION, K.DISPATCH_MEETING}
ADVANCE_KEY = "duties.unplanned_activities_reported_in_advance"
RECTIFICATION_KEY = "duties.institution_rectification_report_required"


def _flag(ruleset, key):
    """The parameter ``key`` where the rule set sets it true, else None."""
    return ruleset.param(key) if ruleset.has(key) and ruleset.value(key) else None


def plan_tasks(centre, year: int) -> list[str]:
    """The tasks of the year's plan (the latest not returned)."""
    plan = (
        DutyRecord.objects.filter(centre=centre, year=year, kind=K.PLAN)
        .exclude(status=DutyRecord.Status.RETURNED)
        .order_by("-done_on", "-pk")
        .first()
    )
    return [t["task"] for t in plan.tasks] if plan else []


def advance_reports(centre, year: int):
    """济南 第十一条: the advance reports of activities outside the plan not yet used by an activity."""
    used = DutyRecord.objects.filter(advance_report__isnull=False).exclude(status=DutyRecord.Status.RETURNED)
    return (
        DutyRecord.objects.filter(centre=centre, year=year, kind=K.UNPLANNED_ACTIVITY)
        .exclude(status=DutyRecord.Status.RETURNED)
        .exclude(pk__in=used.values("advance_report"))
    )


def _check_in_plan_or_reported(
    *, centre, year, kind, title, done_on, plan_task, advance_report, ruleset, record
):
    """An activity carries out a task of the year's plan, or — outside the plan — was reported to the
    commission before it took place (济南 第十一条: 应当提前向市卫生健康委报告, mandatory)."""
    p = _flag(ruleset, ADVANCE_KEY)
    if plan_task:
        if plan_task not in plan_tasks(centre, year):
            raise InvalidInput(codes.ADVANCE_REPORT_MISSING, f"“{plan_task}”不是{year}年度工作计划中的任务。")
        return None
    if p is None or kind not in ACTIVITY_KINDS:
        return None
    problem = ""
    if advance_report is None:
        problem = "未选择事先报告"
    else:
        report = (
            DutyRecord.objects.filter(
                pk=advance_report.pk, centre=centre, year=year, kind=K.UNPLANNED_ACTIVITY
            )
            .exclude(status=DutyRecord.Status.RETURNED)
            .first()
        )
        if report is None:
            problem = "所选事先报告不是本中心本年度的计划外重要活动报告"
        elif report.done_on >= done_on:
            problem = f"事先报告于{report.done_on:%Y-%m-%d}报送，不早于活动日期{done_on:%Y-%m-%d}"
        elif (
            report.activities.exclude(status=DutyRecord.Status.RETURNED)
            .exclude(pk=getattr(record, "pk", None))
            .exists()
        ):
            problem = "所选事先报告已用于另一项活动"
    if problem:
        refuse_unless_allowed(
            [
                Violation(
                    p.key,
                    p.article,
                    f"{p.article}：{p.text}；“{title}”不在{year}年度工作计划之内，{problem}。",
                    p.strictness,
                    title,
                )
            ]
        )
    return advance_report


def duties_of(ruleset) -> list[tuple[DutyRule, object]]:
    """(rule, parameter) of every duty the rule set sets."""
    out = []
    for rule in DUTY_RULES:
        if ruleset.has(rule.key) and ruleset.value(rule.key) not in (None, False, 0):
            out.append((rule, ruleset.param(rule.key)))
    return out


def plan_due(ruleset, year: int, duty_year: DutyYear | None = None) -> date | None:
    """The summary (and next year's plan) are due on the rule set's day (济南 第十一条 12月底前), or the
    day the office set where the regulation says only 按要求 (九龙坡 第十四条)."""
    if ruleset.has("duties.annual_plan_due") and ruleset.value("duties.annual_plan_due"):
        month, day = map(int, ruleset.value("duties.annual_plan_due").split("-"))
        return date(year, month, day)
    return duty_year.plan_due_on if duty_year else None


def experts_meetings(centre, year: int) -> int | None:
    """The committee meetings the experts app holds for ``centre`` in ``year`` (its meeting records,
    through experts.services.meeting_year), or None where the centre has no committee there: then
    the host records its meetings here."""
    try:
        from experts.services import meeting_year
    except ImportError:  # the experts app is not installed
        return None
    committees = list(centre.committees.all()) if hasattr(centre, "committees") else []
    if not committees:
        return None
    return sum(meeting_year(c, year)["held"] for c in committees)


def recorded_for(centre, year: int) -> dict:
    """What the host did in ``year``, as rulesets.engine.duties reads it: confirmed records only."""
    rows = list(
        DutyRecord.objects.filter(
            centre=centre, year=year, status=DutyRecord.Status.CONFIRMED
        ).select_related("institution")
    )
    return _recorded(rows, experts_meetings(centre, year))


def _recorded(rows: list[DutyRecord], from_experts: int | None) -> dict:
    by_kind: dict[str, list[DutyRecord]] = {}
    for r in rows:
        by_kind.setdefault(r.kind, []).append(r)
    evaluations: dict[str, int] = {}
    for r in by_kind.get(K.INSTITUTION_EVALUATION, []):
        name = r.institution.name if r.institution else r.title
        evaluations[name] = evaluations.get(name, 0) + 1
    summaries = sorted(r.done_on for r in by_kind.get(K.SUMMARY, []))
    counts = {k: len(v) for k, v in by_kind.items()}
    if from_experts is not None:
        counts[K.COMMITTEE_MEETING] = from_experts
    return {
        "trainings": len(by_kind.get(K.TRAINING, [])),
        "committee_meetings": counts.get(K.COMMITTEE_MEETING, 0),
        "city_centre_reviews": len(by_kind.get(K.CITY_CENTRE_REVIEW, [])),
        "annual_plan_submitted_on": summaries[0] if summaries else None,
        "dispatch_meetings": [r.done_on for r in by_kind.get(K.DISPATCH_MEETING, [])],
        "institution_evaluations": evaluations,
        "_counts": counts,
    }


def year_at_a_glance(centre, year: int, *, on: date | None = None) -> list[dict]:
    """One row per duty: required, done, and done / due / overdue. Counted duties and the plan's due
    day are judged by check_duties; a once-a-year duty is overdue once the year is over undone."""
    on = on or today()
    try:
        ruleset = ruleset_for(centre, on=min(on, date(year, 12, 31)))
    except NoRuleSetInForce:  # a year before the regulation came into force: judged by today's
        ruleset = ruleset_for(centre, on=on)
    duty_year = DutyYear.objects.filter(centre=centre, year=year).first()
    recorded = recorded_for(centre, year)
    pending = dict(
        DutyRecord.objects.filter(centre=centre, year=year, status=DutyRecord.Status.SUBMITTED)
        .values_list("kind")
        .annotate(n=Count("pk"))
    )
    return _glance(ruleset, year, on, duty_year, recorded, pending)


def years_at_a_glance(centres, year: int, *, on: date | None = None) -> dict[int, list[dict]]:
    """``year_at_a_glance`` of many centres (a province's list) in a fixed number of queries
    whatever their number (issue 14): centre id -> its rows; a centre no rule set governs is left
    out. ``centres`` with their ``jurisdiction`` loaded."""
    from django.apps import apps

    from rulesets.selectors import rulesets_in_force

    on = on or today()
    centres = list(centres)
    ids = [c.pk for c in centres]
    subjects = [(c.jurisdiction, c.body_kind) for c in centres]
    in_year = rulesets_in_force(subjects, on=min(on, date(year, 12, 31)))
    now = rulesets_in_force(subjects, on=on)
    duty_years = {dy.centre_id: dy for dy in DutyYear.objects.filter(centre__in=ids, year=year)}
    rows: dict[int, list[DutyRecord]] = {}
    for r in DutyRecord.objects.filter(
        centre__in=ids, year=year, status=DutyRecord.Status.CONFIRMED
    ).select_related("institution"):
        rows.setdefault(r.centre_id, []).append(r)
    pending: dict[int, dict[str, int]] = {}
    for centre_id, kind, n in (
        DutyRecord.objects.filter(centre__in=ids, year=year, status=DutyRecord.Status.SUBMITTED)
        .values_list("centre_id", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        pending.setdefault(centre_id, {})[kind] = n
    with_committee: set[int] = set()
    held: dict[int, int] = {}
    if apps.is_installed("experts"):  # the committee meetings the experts app records (experts_meetings)
        from experts.models import Committee, Meeting

        with_committee = set(Committee.objects.filter(centre__in=ids).values_list("centre_id", flat=True))
        held = dict(
            Meeting.objects.filter(committee__centre__in=ids, held_on__year=year)
            .values_list("committee__centre")
            .annotate(n=Count("pk"))
            .order_by()
        )
    out = {}
    for c in centres:
        key = (c.jurisdiction.pk, c.body_kind)
        ruleset = in_year.get(key) or now.get(key)
        if ruleset is None:
            continue
        from_experts = held.get(c.pk, 0) if c.pk in with_committee else None
        recorded = _recorded(rows.get(c.pk, []), from_experts)
        out[c.pk] = _glance(ruleset, year, on, duty_years.get(c.pk), recorded, pending.get(c.pk, {}))
    return out


def _glance(ruleset, year: int, on: date, duty_year, recorded: dict, pending: dict) -> list[dict]:
    counts = recorded.pop("_counts")
    violations = check_duties(ruleset, year, recorded, on=on)
    broken = {v.code: v for v in violations}
    rows = []
    for rule, p in duties_of(ruleset):
        done = counts.get(rule.kind, 0)
        required = 0 if rule.kind in AS_NEEDED else (int(p.value) if rule.count else 1)
        if rule.kind == K.INSTITUTION_EVALUATION:
            required = int(p.value)  # per institution in scope; shown as a count of evaluations
        due = end_of_year(year).date()
        if rule.kind in (K.SUMMARY, K.PLAN):
            due = plan_due(ruleset, year, duty_year) or due
        key_violation = broken.get(rule.key) or (
            broken.get("duties.annual_plan_due") if rule.kind == K.SUMMARY else None
        )
        if key_violation is not None:
            status, message = "overdue", key_violation.message
        elif done >= required and (required or done):
            status, message = "done", ""
        elif rule.kind in AS_NEEDED:
            status, message = "none", ""
        elif on > due:
            status, message = "overdue", f"{p.article}：{p.text}；{year}年未完成。"
        else:
            status, message = "due", ""
        rows.append(
            {
                "kind": rule.kind,
                "label": K(rule.kind).label,
                "article": p.article,
                "text": p.text,
                "required": required,
                "done": done,
                "pending": pending.get(rule.kind, 0),
                "due": due,
                "status": status,
                "message": message,
            }
        )
    return rows


STATUS_LABELS = {"done": "已完成", "due": "待完成", "overdue": "已逾期", "none": "按需报告"}


# --- writes -------------------------------------------------------------------------------------


DUTY_DEADLINE_PREFIX = "appraisal.duty."  # a duty's yearly deadline: appraisal.duty.<kind>


def _deadline_kind(kind: str) -> str:
    return f"{DUTY_DEADLINE_PREFIX}{kind}"


@transaction.atomic
def duty_year_open(*, centre, year: int, acting_user, plan_due_on: date | None = None) -> DutyYear:
    """The office opens a centre's year of duties: each duty of the rule set becomes a deadline with
    reminders for the host."""
    require = policies.require
    require(policies.may_review_duty(acting_user, centre), "只有卫健委或质控办可以开启年度履职。")
    if centre.status != "active":
        raise WrongState(codes.WRONG_STATE, "只有运行中的质控中心有年度履职任务。")
    if year < today().year - 1 or year > today().year + 1:
        raise InvalidInput(codes.DATE_INVALID, "只能开启上一年度、本年度或下一年度的履职。")
    ruleset = ruleset_for(centre, on=max(today(), date(year, 1, 1)))
    if DutyYear.objects.filter(centre=centre, year=year).exists():
        raise WrongState(codes.WRONG_STATE, f"{centre.name}{year}年度履职已开启。")
    if (
        not ruleset.has("duties.annual_plan_due")
        and plan_due_on is None
        and ruleset.has("duties.annual_summary_required")
    ):
        p = ruleset.param("duties.annual_summary_required")
        raise InvalidInput(
            codes.DATE_INVALID, f"{p.article}规定“按要求”报送年度计划和总结，请设置报送截止日。"
        )
    if plan_due_on is not None and plan_due_on.year not in (year, year + 1):
        raise InvalidInput(codes.DATE_INVALID, "报送截止日须在该年度或次年。")
    duty_year = DutyYear.objects.create(
        centre=centre, year=year, ruleset_code=ruleset.code, plan_due_on=plan_due_on, opened_by=acting_user
    )
    for rule, p in duties_of(ruleset):
        if rule.kind in AS_NEEDED:
            continue
        due = plan_due(ruleset, year, duty_year) if rule.kind in (K.PLAN, K.SUMMARY) else None
        deadline_open(
            kind=_deadline_kind(rule.kind),
            title=f"{centre.name}：{year}年度{K(rule.kind).label}",
            subject=duty_year,
            due_at=end_of_day(due) if due else end_of_year(year),
            jurisdiction=centre.jurisdiction,
            institution=centre.host,
            article=p.article,
            ruleset_code=ruleset.code,
            acting_user=acting_user,
        )
    for row in year_at_a_glance(centre, year):  # opened late: what is already done is met
        _meet_if_reached(duty_year, row, acting_user)
    timeline_add(centre, kind="duty_year_opened", title=f"开启{year}年度履职", actor=acting_user)
    return duty_year


def _clean_tasks(kind, tasks, ruleset, year, centre) -> list[dict]:
    if kind == K.PLAN:
        p = (
            ruleset.param("duties.plan_must_be_measurable")
            if ruleset.has("duties.plan_must_be_measurable")
            else None
        )
        clean = []
        for t in tasks or []:
            task, measure, due = (
                str(t.get("task", "")).strip(),
                str(t.get("measure", "")).strip(),
                str(t.get("due", "")).strip(),
            )
            if not (task or measure or due):
                continue
            try:
                due_d = date.fromisoformat(due)
            except ValueError:
                due_d = None
            if not task or not measure or due_d is None:
                message = f"任务“{task or '（未填写）'}”须写明量化指标和完成时限"
                if p:
                    message = f"{p.article}：{p.text}；{message}"
                raise RuleRefusal(codes.PLAN_NOT_MEASURABLE, message + "。")
            if due_d.year != year:
                raise InvalidInput(codes.DATE_INVALID, f"任务“{task}”的完成时限须在{year}年内。")
            clean.append({"task": task, "measure": measure, "due": due_d.isoformat()})
        if not clean:
            raise InvalidInput(
                codes.PLAN_NOT_MEASURABLE, "年度工作计划至少列出一项任务（任务、量化指标、完成时限）。"
            )
        return clean
    if kind == K.SUMMARY:
        plan = (
            DutyRecord.objects.filter(centre=centre, year=year, kind=K.PLAN)
            .exclude(status=DutyRecord.Status.RETURNED)
            .order_by("-done_on")
            .first()
        )
        given = {str(t.get("task", "")).strip(): t for t in tasks or []}
        clean = []
        for pt in plan.tasks if plan else []:
            t = given.get(pt["task"])
            if t is None:
                raise InvalidInput(
                    codes.PLAN_NOT_MEASURABLE, f"年度工作总结须逐项报告计划任务“{pt['task']}”的完成情况。"
                )
            done = bool(t.get("done"))
            done_on = str(t.get("done_on") or "").strip()
            if done:
                try:
                    done_on_d = date.fromisoformat(done_on)
                except ValueError:
                    raise InvalidInput(codes.DATE_INVALID, f"请填写任务“{pt['task']}”的完成日期。") from None
                if done_on_d > today():
                    raise InvalidInput(codes.DATE_INVALID, f"任务“{pt['task']}”的完成日期不能晚于今天。")
                done_on = done_on_d.isoformat()
            clean.append(
                {
                    "task": pt["task"],
                    "due": pt["due"],
                    "done": done,
                    "done_on": done_on if done else "",
                    "note": str(t.get("note", "")).strip(),
                }
            )
        return clean
    if kind == K.CITY_CENTRE_REVIEW:
        return _clean_reviews(tasks, ruleset)
    return []


def _clean_reviews(rows, ruleset) -> list[dict]:
    """河南 七、: the provincial centre's 述职评价 of each city centre — a score (0–100) against the
    criteria it set (评价细则, in the record's text) and a comment."""
    p = ruleset.param("duties.city_centre_reviews_per_year")
    clean = []
    for r in rows or []:
        name, score, comment = (str(r.get(k, "")).strip() for k in ("city_centre", "score", "comment"))
        if not (name or score or comment):
            continue
        try:
            value = float(score)
        except ValueError:
            value = -1
        if not name or not 0 <= value <= 100:
            raise InvalidInput(
                codes.EVIDENCE_REQUIRED, f"{p.article}：述职评价须写明市级质控中心及其得分（0–100）。"
            )
        clean.append({"city_centre": name, "score": score, "comment": comment})
    if not clean:
        raise InvalidInput(
            codes.EVIDENCE_REQUIRED, f"{p.article}：述职评价至少列出一个市级质控中心的得分和评语。"
        )
    return clean


@transaction.atomic
def duty_record(
    *,
    centre,
    year: int,
    kind: str,
    title: str,
    done_on: date,
    acting_user,
    details: str = "",
    tasks: list | None = None,
    institution=None,
    record: DutyRecord | None = None,
    plan_task: str = "",
    advance_report: DutyRecord | None = None,
    planned_on: date | None = None,
    rectification_due_on: date | None = None,
) -> DutyRecord:
    """The host records a duty done (or, given ``record``, corrects one the office returned). An
    activity names its plan task, or its advance report (济南 第十一条); an advance report names the
    activity's date, after the report's; an evaluation sets the date by which the institution reports
    its rectification back (济南 第十二条)."""
    policies.require(policies.may_record_duty(acting_user, centre), "只有挂靠单位可以填报年度履职。")
    ruleset = ruleset_for(centre)
    kinds = {rule.kind for rule, _ in duties_of(ruleset)}
    if kind not in kinds:
        raise RuleRefusal(codes.DUTY_UNKNOWN, f"规则集 {ruleset.code} 未规定该履职事项。")
    if done_on is None or done_on > today():
        raise InvalidInput(codes.DATE_INVALID, "完成日期不能晚于今天。")
    allowed_years = (
        (year - 1, year)
        if kind == K.PLAN
        else (year, year + 1)
        if kind in (K.SUMMARY, K.ANNUAL_REPORT)
        else (year,)
    )
    if done_on.year not in allowed_years:
        raise InvalidInput(codes.DATE_INVALID, f"完成日期与履职年度{year}年不符。")
    if not title.strip():
        raise InvalidInput(codes.EVIDENCE_REQUIRED, "请填写标题。")
    if kind == K.COMMITTEE_MEETING and experts_meetings(centre, year) is not None:
        raise InvalidInput(
            codes.DUTY_UNKNOWN, "本中心的专家委员会会议在专家委员会页面登记，此处按其会议记录计数。"
        )
    if kind == K.INSTITUTION_EVALUATION and institution is None:
        raise InvalidInput(codes.EVIDENCE_REQUIRED, "请选择被评价的医疗机构。")
    if kind == K.CITY_CENTRE_REVIEW and not details.strip():
        raise InvalidInput(codes.EVIDENCE_REQUIRED, "请在“内容”中写明本中心制定的评价细则。")
    clean = _clean_tasks(kind, tasks, ruleset, year, centre)
    plan_task = (plan_task or "").strip()
    if kind == K.UNPLANNED_ACTIVITY:
        p = ruleset.param(ADVANCE_KEY)
        if planned_on is None:
            raise InvalidInput(codes.DATE_INVALID, f"{p.article}：请填写该活动的计划开展日期。")
        if planned_on <= done_on:  # 应当提前 … 报告: the report comes before the activity
            refuse_unless_allowed(
                [
                    Violation(
                        p.key,
                        p.article,
                        f"{p.article}：{p.text}；报告日期{done_on:%Y-%m-%d}须早于活动日期{planned_on:%Y-%m-%d}，"
                        "活动开展后不能再作事先报告。",
                        p.strictness,
                        title,
                    )
                ]
            )
        if planned_on.year != year:
            raise InvalidInput(codes.DATE_INVALID, f"活动日期须在{year}年内。")
    else:
        planned_on = None
    advance_report = _check_in_plan_or_reported(
        centre=centre,
        year=year,
        kind=kind,
        title=title.strip(),
        done_on=done_on,
        plan_task=plan_task,
        advance_report=advance_report,
        ruleset=ruleset,
        record=record,
    )
    rect = _flag(ruleset, RECTIFICATION_KEY) if kind == K.INSTITUTION_EVALUATION else None
    if rect is None:
        rectification_due_on = None
    elif rectification_due_on is None or rectification_due_on <= done_on:
        raise InvalidInput(
            codes.RECTIFICATION_INVALID,
            f"{rect.article}：{rect.text}；请设置被评价机构报送整改情况的期限（晚于评价日期）。",
        )
    fields = {
        "title": title.strip(),
        "done_on": done_on,
        "details": details.strip(),
        "tasks": clean,
        "institution": institution,
        "plan_task": plan_task,
        "advance_report": advance_report,
        "planned_on": planned_on,
        "rectification_due_on": rectification_due_on,
    }
    if record is not None:
        record = DutyRecord.objects.select_for_update().get(pk=record.pk, centre=centre)
        for k, v in fields.items():
            setattr(record, k, v)
        transition(
            record,
            "resubmit",
            code=codes.WRONG_STATE,
            message="只有被退回的记录可以修改后重新报送。",
            extra=fields,
        )
        return record
    return DutyRecord.objects.create(centre=centre, year=year, kind=kind, recorded_by=acting_user, **fields)


@transaction.atomic
def duty_confirm(*, record: DutyRecord, acting_user) -> DutyRecord:
    record = DutyRecord.objects.select_for_update(of=("self",)).select_related("centre").get(pk=record.pk)
    policies.require(
        policies.may_review_duty(acting_user, record.centre), "只有卫健委或质控办可以确认履职记录。"
    )
    transition(
        record,
        "confirm",
        code=codes.WRONG_STATE,
        message="只有待确认的记录可以确认。",
        extra={"reviewed_by": acting_user},
    )
    if record.kind == K.INSTITUTION_EVALUATION and record.rectification_due_on and record.institution_id:
        _rectification_open(record, acting_user)
    meet_if_done(record.centre, record.year, record.kind, acting_user=acting_user)
    return record


def meet_if_done(centre, year: int, kind: str, *, acting_user) -> None:
    """The year's deadline for a duty is met once what was done reaches what the rule set requires
    (a record confirmed here, or a meeting the centre's committee held in the experts app)."""
    duty_year = DutyYear.objects.filter(centre=centre, year=year).first()
    if duty_year is None:
        return
    row = next((r for r in year_at_a_glance(centre, year) if r["kind"] == kind), None)
    if row:
        _meet_if_reached(duty_year, row, acting_user)


def _meet_if_reached(duty_year, row: dict, acting_user) -> None:
    if row["required"] and row["done"] >= row["required"]:
        deadline_meet(subject=duty_year, kind=_deadline_kind(row["kind"]), acting_user=acting_user)


def committee_meeting_held(sender, instance, created, **kwargs) -> None:
    """A meeting recorded in the experts app counts as the centre's committee meeting (duties.
    experts_meetings): its year's deadline is met when the count is reached, as a confirmed record's
    is — else the dashboard showed the duty due or overdue for a centre that had held its meetings."""
    if created:
        meet_if_done(
            instance.committee.centre,
            instance.held_on.year,
            K.COMMITTEE_MEETING,
            acting_user=instance.recorded_by,
        )


@transaction.atomic
def duty_return(*, record: DutyRecord, reason: str, acting_user) -> DutyRecord:
    record = DutyRecord.objects.select_for_update(of=("self",)).select_related("centre").get(pk=record.pk)
    policies.require(
        policies.may_review_duty(acting_user, record.centre), "只有卫健委或质控办可以退回履职记录。"
    )
    if not reason.strip():
        raise InvalidInput(codes.REASON_REQUIRED, "请填写退回理由。")
    transition(
        record,
        "return_for_changes",
        code=codes.WRONG_STATE,
        message="只有待确认的记录可以退回。",
        extra={"reviewed_by": acting_user, "return_reason": reason.strip()},
    )
    return record


# --- 济南 第十二条: the evaluated institution reports its rectification back to the centre ---------------


def _rectification_open(evaluation: DutyRecord, acting_user) -> InstitutionRectification:
    """Once the evaluation (and its QC report) is on record, the institution owes its written report
    of rectification by the date the centre set (the rule set sets no period)."""
    ruleset = ruleset_for(evaluation.centre)
    p = _flag(ruleset, RECTIFICATION_KEY)
    rect, created = InstitutionRectification.objects.get_or_create(
        evaluation=evaluation,
        defaults={"institution": evaluation.institution, "due_on": evaluation.rectification_due_on},
    )
    if created:
        deadline_open(
            kind="appraisal.institution_rectification",
            title=f"{evaluation.institution}：向{evaluation.centre.name}书面报送整改情况",
            subject=rect,
            due_at=end_of_day(rect.due_on),
            jurisdiction=evaluation.centre.jurisdiction,
            institution=evaluation.institution,
            article=p.article if p else "",
            ruleset_code=ruleset.code,
            acting_user=acting_user,
        )
    return rect


@transaction.atomic
def institution_rectification_submit(
    *, rectification: InstitutionRectification, text: str, acting_user
) -> InstitutionRectification:
    """The evaluated institution reports its rectification in writing (济南 第十二条). A report after
    the centre's date is taken, and marked late."""
    rect = InstitutionRectification.objects.select_for_update().get(pk=rectification.pk)
    policies.require(
        policies.may_report_institution_rectification(acting_user, rect), "只有被评价机构可以报送整改情况。"
    )
    if not text.strip():
        raise InvalidInput(codes.EVIDENCE_REQUIRED, "请填写整改落实情况。")
    transition(
        rect,
        "report",
        code=codes.WRONG_STATE,
        message="整改情况已报送，待质控中心审核。",
        extra={"text": text.strip(), "submitted_by": acting_user, "submitted_at": timezone.now()},
    )
    deadline_meet(subject=rect, kind="appraisal.institution_rectification", acting_user=acting_user)
    late = today() > rect.due_on
    timeline_add(
        rect.evaluation.centre,
        kind="institution_rectification_reported",
        title=f"{rect.institution}报送整改情况" + (f"（逾期，期限{rect.due_on:%Y-%m-%d}）" if late else ""),
        actor=acting_user,
    )
    return rect


@transaction.atomic
def institution_rectification_review(
    *, rectification: InstitutionRectification, outcome: str, comments: str, acting_user
) -> InstitutionRectification:
    """The centre accepts the institution's report, or returns it with its reasons (a new deadline)."""
    rect = (
        InstitutionRectification.objects.select_for_update(of=("self",))
        .select_related("evaluation__centre")
        .get(pk=rectification.pk)
    )
    policies.require(
        policies.may_review_institution_rectification(acting_user, rect),
        "只有质控中心（挂靠单位）可以审核整改情况。",
    )
    if outcome not in ("accepted", "returned"):
        raise InvalidInput(codes.RECTIFICATION_INVALID, "请选择审核结论。")
    if outcome == "returned" and not comments.strip():
        raise InvalidInput(codes.REASON_REQUIRED, "退回整改情况须填写理由。")
    transition(
        rect,
        "accept" if outcome == "accepted" else "return_report",
        code=codes.WRONG_STATE,
        message="只有待审核的整改情况可以审核。",
        extra={
            "review_comments": comments.strip(),
            "reviewed_by": acting_user,
            "reviewed_at": timezone.now(),
        },
    )
    if outcome == "returned":
        deadline_open(
            kind="appraisal.institution_rectification",
            title=f"{rect.institution}：重新报送整改情况",
            subject=rect,
            due_at=end_of_day(max(rect.due_on, today())),
            jurisdiction=rect.evaluation.centre.jurisdiction,
            institution=rect.institution,
            acting_user=acting_user,
        )
    timeline_add(
        rect.evaluation.centre,
        kind="institution_rectification_reviewed",
        title=f"{rect.institution}的整改情况：{rect.get_status_display()}",
        actor=acting_user,
        comments=comments.strip(),
    )
    return rect

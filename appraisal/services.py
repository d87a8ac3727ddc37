"""Every write of the appraisal: keyword-only ``<entity>_<verb>`` functions, one transaction each,
built with the workflow kit (core/workflow.py). Rules come from the rule set in force with their
article; the yearly consequence and the retention proposal come from the rule engine
(rulesets.engine.appraisal), the duties' verdict from rulesets.engine.duties — never a second copy.
The centres app is driven only through its services (centres.services.lifecycle)."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from centres.models import Centre
from core.errors import InvalidInput, NotAllowed, RuleRefusal, WrongState
from core.workflow import ruleset_for, timeline_add, today, transition
from deadlines.dates import end_of_day
from deadlines.services import deadline_meet, deadline_open
from directory.models import Institution
from rulesets.engine.appraisal import ADVERSE_OUTCOMES, yearly_consequence
from rulesets.engine.common import rule
from rulesets.engine.violations import Violation
from rulesets.registry import get_ruleset

from . import documents, policies
from . import error_codes as codes
from .duties import duty_confirm, duty_record, duty_return, duty_year_open  # noqa: F401  (the duty services)
from .models import (
    AssessmentYear,
    CentreAssessment,
    CentreScore,
    Consequence,
    DutyRecord,
    FailCondition,
    ProhibitedActFinding,
    RectificationReport,
    ScoringInvitation,
)
from .rules import (
    condition_items,
    criteria_items,
    grade_items,
    host_support_param,
    lowest_grade,
    prohibited_items,
    rectification_due,
)

require = policies.require
TWO = Decimal("0.01")


def _refuse(code: str, param, message: str, subject: str = ""):
    """A rule-set refusal naming its article."""
    raise RuleRefusal(
        code, "", [Violation(param.key, param.article, f"{param.article}：{message}", "mandatory", subject)]
    )


def _locked(instance):
    return type(instance)._default_manager.select_for_update().get(pk=instance.pk)


# --- the assessment year ----------------------------------------------------------------------------


@transaction.atomic
def year_open(
    *,
    jurisdiction,
    body_kind: str,
    year: int,
    acting_user,
    self_report_due_on: date | None = None,
    annual_report_due_on: date | None = None,
) -> AssessmentYear:
    """The office opens a year's assessment for its jurisdiction: every active centre of the level is
    assessed; the criteria come from the rule set (weights set next)."""
    require(policies.may_open_year(acting_user, jurisdiction), "只有本辖区卫健委或质控办可以开启年度考核。")
    if not isinstance(year, int) or year < 2000 or year > today().year:
        raise InvalidInput(codes.DATE_INVALID, "考核年度不能晚于本年度。")

    class _Subject:
        pass

    subject = _Subject()
    subject.jurisdiction, subject.body_kind = jurisdiction, body_kind
    ruleset = ruleset_for(subject)
    if not (ruleset.has("appraisal.annual") and ruleset.value("appraisal.annual")):
        raise RuleRefusal(codes.NO_APPRAISAL_RULE, f"规则集 {ruleset.code} 未规定年度考核。")
    if year < ruleset.in_force_from.year:
        raise InvalidInput(
            codes.DATE_INVALID,
            f"规则集 {ruleset.code} 自 {ruleset.in_force_from:%Y-%m-%d} 起施行，"
            f"不能按其考核{year}年度；此前年度的等次请在质控中心页登记历史考核等次。",
        )
    if AssessmentYear.objects.filter(jurisdiction=jurisdiction, body_kind=body_kind, year=year).exists():
        raise WrongState(codes.YEAR_EXISTS, f"{jurisdiction.name}{year}年度考核已开启。")
    # A centre is assessed for a year it ran in (its first hosting term began by the year's end),
    # and not for a year already graded on paper (登记的历史考核等次).
    centres = list(
        Centre.objects.filter(jurisdiction=jurisdiction, body_kind=body_kind, status=Centre.Status.ACTIVE)
        .annotate(first_term=Min("terms__starts_on"))
        .filter(first_term__lte=date(year, 12, 31))
        .exclude(historical_grades__year=year)
        .select_related("host")
    )
    if not centres:
        raise InvalidInput(codes.NO_CENTRES, f"本辖区没有{year}年度须考核的运行中质控中心，无须考核。")
    criteria = [
        {"code": c.code, "label": c.label, "weight": None, "guidance": ""} for c in criteria_items(ruleset)
    ]
    assessment_year = AssessmentYear.objects.create(
        jurisdiction=jurisdiction,
        body_kind=body_kind,
        year=year,
        ruleset_code=ruleset.code,
        criteria=criteria,
        self_report_due_on=self_report_due_on,
        annual_report_due_on=annual_report_due_on,
        created_by=acting_user,
    )
    CentreAssessment.objects.bulk_create(
        [CentreAssessment(year=assessment_year, centre=c, host=c.host) for c in centres]
    )
    article = ruleset.param("appraisal.annual").article
    timeline_add(
        assessment_year,
        kind="opened",
        title=f"开启{year}年度考核（{len(centres)}个质控中心）",
        actor=acting_user,
        article=article,
    )
    if self_report_due_on:
        for a in assessment_year.assessments.select_related("centre"):
            deadline_open(
                kind="appraisal.self_report",
                title=f"{a.centre.name}：报送{year}年度述职材料",
                subject=a,
                due_at=end_of_day(self_report_due_on),
                jurisdiction=jurisdiction,
                institution=a.centre.host,
                article=article,
                ruleset_code=ruleset.code,
                acting_user=acting_user,
            )
    return assessment_year


def _decimal(value, what: str) -> Decimal:
    try:
        d = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        raise InvalidInput(codes.SCORE_INVALID, f"{what}须为数字。") from None
    if not d.is_finite():
        raise InvalidInput(codes.SCORE_INVALID, f"{what}须为数字。")
    return d


@transaction.atomic
def year_set_criteria(
    *, year: AssessmentYear, weights: dict, thresholds: dict, acting_user, guidance: dict | None = None
) -> AssessmentYear:
    """The office sets each criterion's weight (together 100) and the lowest weighted score of each
    grade above the lowest; only before scoring opens."""
    year = _locked(year)
    require(policies.may_manage_year(acting_user, year), "只有本辖区卫健委或质控办可以设置评分项。")
    if year.status != AssessmentYear.Status.DRAFT:
        raise WrongState(codes.WRONG_STATE, "评分开始后不能再修改评分项和权重。")
    ruleset = get_ruleset(year.ruleset_code)
    items = criteria_items(ruleset)
    if not items:
        raise RuleRefusal(
            codes.NO_APPRAISAL_RULE, f"规则集 {ruleset.code} 未规定由医疗机构评分，无须设置评分项。"
        )
    guidance = guidance or {}
    criteria, total = [], Decimal(0)
    for item in items:
        w = _decimal(weights.get(item.code), f"“{item.label}”的权重")
        if w <= 0:
            raise InvalidInput(codes.CRITERIA_INVALID, f"“{item.label}”的权重须大于0。")
        total += w
        criteria.append(
            {
                "code": item.code,
                "label": item.label,
                "weight": str(w),
                "guidance": (guidance.get(item.code) or "").strip(),
            }
        )
    if total != 100:
        raise InvalidInput(codes.CRITERIA_INVALID, f"各评分项权重之和须为100，现为{total}。")
    grades = [g for g in grade_items(ruleset)]
    cut, previous = {}, Decimal(101)
    for g in grades[:-1]:
        t = _decimal(thresholds.get(g.code), f"“{g.label}”的分数线")
        if not (0 <= t <= 100) or t >= previous:
            raise InvalidInput(codes.THRESHOLDS_INVALID, "各等次分数线须在0–100之间，且等次越高分数线越高。")
        cut[g.code], previous = str(t), t
    year.criteria, year.thresholds = criteria, cut
    year.save(update_fields=["criteria", "thresholds", "updated_at"])
    timeline_add(
        year,
        kind="criteria",
        title="设置评分项权重和等次分数线",
        actor=acting_user,
        article=ruleset.param("appraisal.scoring_criteria").article,
        criteria=criteria,
        thresholds=cut,
    )
    return year


def _weights_set(year) -> bool:
    return bool(year.criteria) and all(c.get("weight") for c in year.criteria) and bool(year.thresholds)


@transaction.atomic
def year_open_scoring(*, year: AssessmentYear, acting_user) -> AssessmentYear:
    """Invite every institution of the district to score every centre (九龙坡 第二十一条（二））."""
    year = _locked(year)
    require(policies.may_manage_year(acting_user, year), "只有本辖区卫健委或质控办可以组织评分。")
    ruleset = get_ruleset(year.ruleset_code)
    if not criteria_items(ruleset):
        raise RuleRefusal(codes.NO_APPRAISAL_RULE, f"规则集 {ruleset.code} 未规定由医疗机构评分。")
    if not _weights_set(year):
        raise InvalidInput(codes.CRITERIA_INVALID, "请先设置各评分项的权重和等次分数线。")
    transition(year, "open_scoring", code=codes.WRONG_STATE, message="只有准备中的年度考核可以开始评分。")
    institutions = Institution.objects.filter(jurisdiction__path__startswith=year.jurisdiction.path)
    ScoringInvitation.objects.bulk_create([ScoringInvitation(year=year, institution=i) for i in institutions])
    timeline_add(
        year,
        kind="scoring_opened",
        title=f"邀请{len(institutions)}家医疗机构评分",
        actor=acting_user,
        article=ruleset.param("appraisal.scorers").article,
    )
    return year


def scorable(invitation: ScoringInvitation):
    """The assessments an invited institution scores: every centre it does not host."""
    return (
        invitation.year.assessments.exclude(centre__host=invitation.institution_id)
        .exclude(host=invitation.institution_id)
        .select_related("centre")
    )


def _own(invitation, assessment) -> bool:
    return invitation.institution_id in (assessment.centre.host_id, assessment.host_id)


@transaction.atomic
def score_save(
    *,
    invitation: ScoringInvitation,
    assessment: CentreAssessment,
    scores: dict,
    acting_user,
    comment: str = "",
) -> list[CentreScore]:
    """An institution scores one centre on every criterion, 0–100. It never scores a centre it hosts
    (九龙坡 第二十一条（二）: the district's institutions assess the centres; the host is assessed)."""
    invitation = _locked(invitation)
    require(policies.may_score(acting_user, invitation), "只有受邀机构的评分人可以评分。")
    year = invitation.year
    if assessment.year_id != year.pk:
        raise InvalidInput(codes.SCORE_INVALID, "该质控中心不属于本次考核。")
    if _own(invitation, assessment):
        ruleset = get_ruleset(year.ruleset_code)
        raise NotAllowed(
            codes.OWN_CENTRE,
            f"{ruleset.param('appraisal.scorers').article}：本机构是"
            f"{assessment.centre.name}的挂靠单位，不能为其评分。",
        )
    if year.status != AssessmentYear.Status.SCORING:
        raise WrongState(codes.WRONG_STATE, "评分已结束或尚未开始。")
    if invitation.status != ScoringInvitation.Status.INVITED:
        raise WrongState(codes.WRONG_STATE, "本机构已提交评分，不能再修改。")
    saved = []
    for c in year.criteria:
        raw = scores.get(c["code"])
        if raw in (None, ""):
            raise InvalidInput(codes.SCORE_INVALID, f"请填写“{c['label']}”的得分。")
        value = _decimal(raw, f"“{c['label']}”的得分")
        if not (0 <= value <= 100) or value != value.quantize(Decimal("0.1")):
            raise InvalidInput(codes.SCORE_INVALID, f"“{c['label']}”的得分须在0–100之间，至多一位小数。")
        row, _ = CentreScore.objects.update_or_create(
            invitation=invitation,
            assessment=assessment,
            criterion=c["code"],
            defaults={"score": value, "comment": comment.strip()},
        )
        saved.append(row)
    return saved


@transaction.atomic
def invitation_submit(*, invitation: ScoringInvitation, acting_user) -> ScoringInvitation:
    """Submit once every centre the institution scores has a score on every criterion."""
    invitation = _locked(invitation)
    require(policies.may_score(acting_user, invitation), "只有受邀机构的评分人可以提交评分。")
    if invitation.year.status != AssessmentYear.Status.SCORING:
        raise WrongState(codes.WRONG_STATE, "评分已结束或尚未开始。")
    need = len(invitation.year.criteria)
    done = {}
    for s in invitation.scores.all():
        done[s.assessment_id] = done.get(s.assessment_id, 0) + 1
    missing = [a.centre.name for a in scorable(invitation) if done.get(a.pk, 0) < need]
    if missing:
        raise InvalidInput(codes.SCORES_INCOMPLETE, f"尚未完成评分：{'、'.join(missing)}。")
    transition(
        invitation,
        "submit",
        code=codes.WRONG_STATE,
        message="本机构已提交评分。",
        extra={"submitted_at": timezone.now(), "submitted_by": acting_user},
    )
    return invitation


@transaction.atomic
def year_close_scoring(*, year: AssessmentYear, acting_user) -> AssessmentYear:
    """Scoring closes (or, where the commission grades without institutions' scores, the year goes
    straight to grading); the conditions the record shows are derived."""
    year = _locked(year)
    require(policies.may_manage_year(acting_user, year), "只有本辖区卫健委或质控办可以结束评分。")
    ruleset = get_ruleset(year.ruleset_code)
    if year.status == AssessmentYear.Status.DRAFT and criteria_items(ruleset):
        raise WrongState(codes.WRONG_STATE, "本规则集由医疗机构评分，请先组织评分。")
    transition(year, "close_scoring", code=codes.WRONG_STATE, message="该年度考核当前不能进入拟定等次阶段。")
    for a in year.assessments.select_related("centre", "year"):
        conditions_derive(assessment=a)
    timeline_add(year, kind="scoring_closed", title="结束评分，进入拟定等次", actor=acting_user)
    return year


# --- the centre's record in the year ---------------------------------------------------------------


@transaction.atomic
def self_report_submit(*, assessment: CentreAssessment, text: str, acting_user) -> CentreAssessment:
    assessment = _locked(assessment)
    require(policies.may_self_report(acting_user, assessment), "只有挂靠单位可以报送述职材料。")
    if assessment.status != CentreAssessment.Status.OPEN:
        raise WrongState(codes.WRONG_STATE, "等次已拟定，不能再报送述职材料。")
    if not text.strip():
        raise InvalidInput(codes.EVIDENCE_REQUIRED, "请填写述职材料。")
    assessment.self_report, assessment.self_report_submitted_at = text.strip(), timezone.now()
    assessment.save(update_fields=["self_report", "self_report_submitted_at"])
    deadline_meet(subject=assessment, kind="appraisal.self_report", acting_user=acting_user)
    return assessment


@transaction.atomic
def host_support_assess(
    *, assessment: CentreAssessment, support: str, note: str, acting_user
) -> CentreAssessment:
    """The host's supervision, management and funding support is assessed (九龙坡 第二十一条（一）);
    under 济南 insufficient support fails the year (第二十条（六））."""
    assessment = _locked(assessment)
    require(
        policies.may_record_condition(acting_user, assessment), "只有卫健委或质控办可以评估挂靠单位支持保障。"
    )
    if assessment.status == CentreAssessment.Status.CONFIRMED:
        raise WrongState(codes.WRONG_STATE, "等次已审定，不能再修改。")
    ruleset = get_ruleset(assessment.year.ruleset_code)
    param = host_support_param(ruleset)
    if param is None:
        raise RuleRefusal(codes.NO_APPRAISAL_RULE, f"规则集 {ruleset.code} 未规定评估挂靠单位的支持保障。")
    if support not in (CentreAssessment.Support.ADEQUATE, CentreAssessment.Support.INSUFFICIENT):
        raise InvalidInput(codes.EVIDENCE_REQUIRED, "请选择支持保障是否到位。")
    if not note.strip():
        raise InvalidInput(codes.EVIDENCE_REQUIRED, "请填写评估依据（监督、管理与经费支持保障情况）。")
    assessment.host_support, assessment.host_support_note = support, note.strip()
    assessment.save(update_fields=["host_support", "host_support_note"])
    codes_in_rule = {c.code for c in condition_items(ruleset)}
    if "insufficient_host_support" in codes_in_rule:
        existing = assessment.fail_conditions.filter(code="insufficient_host_support")
        if support == CentreAssessment.Support.INSUFFICIENT and not existing.exists():
            _condition_create(
                assessment,
                ruleset,
                "insufficient_host_support",
                note.strip(),
                FailCondition.Source.ENTERED,
                acting_user,
            )
        elif support == CentreAssessment.Support.ADEQUATE:
            existing.delete()
    _repropose(assessment, ruleset, acting_user)
    return assessment


def _condition_create(assessment, ruleset, code, evidence, source, acting_user):
    p = ruleset.param("appraisal.automatic_fail_conditions")
    item = next(c for c in condition_items(ruleset) if c.code == code)
    return FailCondition.objects.create(
        assessment=assessment,
        code=code,
        label=item.label,
        article=p.article,
        source=source,
        evidence=evidence,
        recorded_by=acting_user,
    )


@transaction.atomic
def condition_record(*, assessment: CentreAssessment, code: str, evidence: str, acting_user) -> FailCondition:
    """The office enters an automatic-fail condition the record cannot show (济南 第二十条: a major
    incident, a data-security failure, …), with its evidence."""
    assessment = _locked(assessment)
    require(
        policies.may_record_condition(acting_user, assessment), "只有卫健委或质控办可以登记考核不合格情形。"
    )
    if assessment.status == CentreAssessment.Status.CONFIRMED:
        raise WrongState(codes.WRONG_STATE, "等次已审定，不能再登记。")
    ruleset = get_ruleset(assessment.year.ruleset_code)
    if code not in {c.code for c in condition_items(ruleset)}:
        raise RuleRefusal(codes.CONDITION_UNKNOWN, f"规则集 {ruleset.code} 未规定该考核不合格情形。")
    if not evidence.strip():
        raise InvalidInput(codes.EVIDENCE_REQUIRED, "请填写事实与证据。")
    if assessment.fail_conditions.filter(code=code).exists():
        raise WrongState(codes.WRONG_STATE, "该情形已登记。")
    condition = _condition_create(
        assessment, ruleset, code, evidence.strip(), FailCondition.Source.ENTERED, acting_user
    )
    _repropose(assessment, ruleset, acting_user)
    return condition


def _repropose(assessment: CentreAssessment, ruleset, acting_user) -> None:
    """A condition or the host's support changed after the grade was proposed: the proposal (and its
    arithmetic) is made again, so the commission never confirms a stale one."""
    if assessment.status != CentreAssessment.Status.PROPOSED:
        return
    assessment = CentreAssessment.objects.prefetch_related("scores", "fail_conditions").get(pk=assessment.pk)
    grade, weighted, arithmetic = proposal_for(assessment, ruleset)
    transition(
        assessment,
        "propose",
        code=codes.WRONG_STATE,
        extra={
            "proposed_grade": grade,
            "weighted_score": weighted,
            "arithmetic": arithmetic,
            "proposed_by": acting_user,
        },
    )


def derived_conditions(assessment: CentreAssessment, *, on: date | None = None) -> list[tuple[str, str]]:
    """(code, evidence) of each automatic-fail condition the record shows (济南 第二十条 (一)(二)(三))."""
    year = assessment.year
    ruleset = get_ruleset(year.ruleset_code)
    wanted = {c.code for c in condition_items(ruleset)}
    on = on or today()
    out = []
    records = DutyRecord.objects.filter(centre=assessment.centre, year=year.year)
    if "plan_tasks_late" in wanted:
        late = plan_tasks_late(assessment.centre, year.year, on=on)
        if late:
            out.append(("plan_tasks_late", "；".join(late)))
    if "annual_report_late" in wanted and year.annual_report_due_on and on > year.annual_report_due_on:
        report = (
            records.filter(kind=DutyRecord.Kind.ANNUAL_REPORT)
            .exclude(status=DutyRecord.Status.RETURNED)
            .order_by("done_on")
            .first()
        )
        if report is None:
            out.append(
                ("annual_report_late", f"年度质控报告截止{year.annual_report_due_on:%Y-%m-%d}，未报送。")
            )
        elif report.done_on > year.annual_report_due_on:
            out.append(
                (
                    "annual_report_late",
                    (
                        f"年度质控报告截止{year.annual_report_due_on:%Y-%m-%d}，"
                        f"{report.done_on:%Y-%m-%d}才报送。"
                    ),
                )
            )
    if "absent_from_appraisal" in wanted and year.self_report_due_on and on > year.self_report_due_on:
        submitted = assessment.self_report_submitted_at
        if submitted is None or timezone.localdate(submitted) > year.self_report_due_on:
            out.append(
                (
                    "absent_from_appraisal",
                    f"述职材料截止{year.self_report_due_on:%Y-%m-%d}，"
                    + ("未报送。" if submitted is None else "逾期报送。"),
                )
            )
    return out


def plan_tasks_late(centre, year: int, *, on: date) -> list[str]:
    """The plan's tasks not done by their deadline, read from the plan and the summary."""
    plan = (
        DutyRecord.objects.filter(
            centre=centre, year=year, kind=DutyRecord.Kind.PLAN, status=DutyRecord.Status.CONFIRMED
        )
        .order_by("-done_on")
        .first()
    )
    if plan is None:
        return []
    summary = (
        DutyRecord.objects.filter(centre=centre, year=year, kind=DutyRecord.Kind.SUMMARY)
        .exclude(status=DutyRecord.Status.RETURNED)
        .order_by("-done_on")
        .first()
    )
    reported = {t.get("task"): t for t in (summary.tasks if summary else [])}
    late = []
    for task in plan.tasks:
        due = date.fromisoformat(task["due"])
        if due >= on:
            continue
        r = reported.get(task["task"])
        done_on = date.fromisoformat(r["done_on"]) if r and r.get("done") and r.get("done_on") else None
        if done_on is None or done_on > due:
            late.append(
                f"“{task['task']}”应于{due:%Y-%m-%d}前完成"
                + (f"，{done_on:%Y-%m-%d}完成" if done_on else "，未完成")
            )
    return late


@transaction.atomic
def conditions_derive(*, assessment: CentreAssessment) -> list[FailCondition]:
    if assessment.status == CentreAssessment.Status.CONFIRMED:
        return []
    ruleset = get_ruleset(assessment.year.ruleset_code)
    found = dict(derived_conditions(assessment))
    assessment.fail_conditions.filter(source=FailCondition.Source.DERIVED).exclude(code__in=found).delete()
    out = []
    for code, evidence in found.items():
        existing = assessment.fail_conditions.filter(code=code).first()
        if existing is None:
            out.append(
                _condition_create(assessment, ruleset, code, evidence, FailCondition.Source.DERIVED, None)
            )
        elif existing.source == FailCondition.Source.DERIVED and existing.evidence != evidence:
            existing.evidence = evidence
            existing.save(update_fields=["evidence"])
    return out


# --- grades -------------------------------------------------------------------------------------


def proposal_for(assessment: CentreAssessment, ruleset) -> tuple[str, Decimal | None, dict]:
    """The grade the office proposes, with the arithmetic: each criterion's mean over the scoring
    institutions, times its weight; the thresholds; then any automatic-fail condition."""
    year = assessment.year
    grades = grade_items(ruleset)
    arithmetic = {"criteria": [], "conditions": [], "thresholds": year.thresholds}
    weighted = None
    if year.criteria:
        weighted = Decimal(0)
        for c in year.criteria:
            values = [s.score for s in assessment.scores.all() if s.criterion == c["code"]]
            mean = (sum(values) / len(values)).quantize(TWO, ROUND_HALF_UP) if values else Decimal(0)
            part = (mean * Decimal(c["weight"]) / 100).quantize(TWO, ROUND_HALF_UP)
            weighted += part
            arithmetic["criteria"].append(
                {
                    "code": c["code"],
                    "label": c["label"],
                    "weight": c["weight"],
                    "n": len(values),
                    "mean": str(mean),
                    "part": str(part),
                }
            )
        grade = lowest_grade(ruleset)
        for g in grades[:-1]:
            if weighted >= Decimal(year.thresholds[g.code]):
                grade = g.code
                break
        arithmetic["formula"] = (
            " + ".join(f"{x['mean']}×{x['weight']}%" for x in arithmetic["criteria"]) + f" = {weighted}"
        )
    else:
        passing = [g for g in grades if g.code != lowest_grade(ruleset)]
        grade = passing[0].code if len(passing) == 1 else ""
    conditions = list(assessment.fail_conditions.all())
    if conditions:
        grade = lowest_grade(ruleset)
        arithmetic["conditions"] = [
            {"code": c.code, "label": c.label, "article": c.article} for c in conditions
        ]
    return grade, weighted, arithmetic


@transaction.atomic
def grades_propose(*, year: AssessmentYear, acting_user) -> AssessmentYear:
    """The office proposes every centre's grade from the scores and the conditions."""
    year = _locked(year)
    require(policies.may_manage_year(acting_user, year), "只有本辖区卫健委或质控办可以拟定等次。")
    if year.status != AssessmentYear.Status.GRADING:
        raise WrongState(codes.WRONG_STATE, "只有拟定等次阶段可以拟定等次。")
    ruleset = get_ruleset(year.ruleset_code)
    support = rule(ruleset, "appraisal.host_support_assessed")
    assessments = list(
        year.assessments.select_related("centre").prefetch_related("scores", "fail_conditions")
    )
    if support is not None and support.value:
        missing = [a.centre.name for a in assessments if not a.host_support]
        if missing:
            _refuse(codes.SUPPORT_UNASSESSED, support, f"{support.text}；尚未评估：{'、'.join(missing)}。")
    for a in assessments:
        conditions_derive(assessment=a)
    for a in year.assessments.select_related("centre").prefetch_related("scores", "fail_conditions"):
        if a.status == CentreAssessment.Status.CONFIRMED:
            continue
        grade, weighted, arithmetic = proposal_for(a, ruleset)
        if (
            not grade
        ):  # 青浦 第十九条: an evaluation with no grading formula — the commission grades, with reasons
            arithmetic["note"] = "规则集未规定等次的计算方法，由卫生健康行政部门直接评定并说明理由。"
        transition(
            a,
            "propose",
            code=codes.WRONG_STATE,
            extra={
                "proposed_grade": grade,
                "weighted_score": weighted,
                "arithmetic": arithmetic,
                "proposed_by": acting_user,
            },
        )
    timeline_add(
        year,
        kind="proposed",
        title="拟定各质控中心考核等次",
        actor=acting_user,
        article=ruleset.param("appraisal.grades").article if ruleset.has("appraisal.grades") else "",
    )
    return year


@transaction.atomic
def grade_confirm(
    *, assessment: CentreAssessment, grade: str, acting_user, reason: str = ""
) -> CentreAssessment:
    """The commission confirms a centre's grade; a grade other than the proposal needs a reason."""
    assessment = _locked(assessment)
    year = assessment.year
    require(policies.may_confirm_grades(acting_user, year), "只有本辖区卫健委可以审定考核等次。")
    if year.status != AssessmentYear.Status.GRADING:
        raise WrongState(codes.WRONG_STATE, "只有拟定等次阶段可以审定等次。")
    ruleset = get_ruleset(year.ruleset_code)
    if grade not in {g.code for g in grade_items(ruleset)}:
        raise InvalidInput(codes.GRADE_UNKNOWN, "请选择本规则集规定的考核等次。")
    conditions = list(assessment.fail_conditions.all())
    if conditions and grade != lowest_grade(ruleset):
        # 济南 第二十条 (年度考核定为不合格): no grade change overrides a recorded condition
        p = ruleset.param("appraisal.automatic_fail_conditions")
        _refuse(
            codes.CONDITION_RECORDED,
            p,
            f"{p.text}；已登记：{'、'.join(c.label for c in conditions)}。",
            subject=str(assessment.centre),
        )
    if grade != assessment.proposed_grade and not reason.strip():
        raise InvalidInput(codes.REASON_REQUIRED, "审定等次与拟定等次不同，请填写变更理由。")
    transition(
        assessment,
        "confirm",
        code=codes.WRONG_STATE,
        message="只有已拟定等次的质控中心可以审定。",
        extra={
            "grade": grade,
            "grade_change_reason": reason.strip() if grade != assessment.proposed_grade else "",
            "confirmed_by": acting_user,
            "confirmed_at": timezone.now(),
        },
    )
    timeline_add(
        assessment.centre,
        kind="appraisal_graded",
        title=f"{year.year}年度考核审定为{assessment.get_grade_display()}",
        actor=acting_user,
        reason=assessment.grade_change_reason,
    )
    return assessment


@transaction.atomic
def year_confirm(*, year: AssessmentYear, acting_user) -> AssessmentYear:
    year = _locked(year)
    require(policies.may_confirm_grades(acting_user, year), "只有本辖区卫健委可以审定考核结果。")
    pending = [
        a.centre.name
        for a in year.assessments.exclude(status=CentreAssessment.Status.CONFIRMED).select_related("centre")
    ]
    if pending:
        raise WrongState(codes.NOT_ALL_GRADED, f"尚未审定等次：{'、'.join(pending)}。")
    transition(year, "confirm", code=codes.WRONG_STATE, message="只有拟定等次阶段的年度考核可以审定。")
    timeline_add(year, kind="confirmed", title="审定年度考核结果", actor=acting_user)
    return year


def grade_history(centre, *, host_id=None) -> dict[int, str]:
    """The centre's confirmed grades while hosted by ``host_id`` (the current host by default)."""
    from .history import historical_grades

    host_id = host_id or centre.host_id
    rows = CentreAssessment.objects.filter(
        centre=centre, status=CentreAssessment.Status.CONFIRMED, host_id=host_id
    )
    # grades given before the platform, entered from the commission's documents, count as well
    return {**historical_grades(centre, host_id=host_id), **dict(rows.values_list("year__year", "grade"))}


@transaction.atomic
def year_publish(*, year: AssessmentYear, acting_user) -> AssessmentYear:
    """The results go out as the commission's document; each adverse consequence the engine computes
    from the grade history is recorded with its article, its notice and its deadlines."""
    year = _locked(year)
    require(policies.may_confirm_grades(acting_user, year), "只有本辖区卫健委可以公布考核结果。")
    transition(year, "publish", code=codes.WRONG_STATE, message="只有已审定的年度考核可以公布。")
    ruleset = get_ruleset(year.ruleset_code)
    year.ruleset_title = f"《{ruleset.title}》"
    assessments = list(
        year.assessments.select_related("centre__host", "centre__jurisdiction__commission").order_by(
            "centre__name"
        )
    )
    document = documents.issue(
        doc_type=documents.RESULTS,
        jurisdiction=year.jurisdiction,
        subject=year,
        acting_user=acting_user,
        title=f"关于{year.year}年度质控中心考核结果的通报",
        body=documents.results_body(year, assessments),
        addressees="各质控中心，各医疗卫生机构",
    )
    AssessmentYear.objects.filter(pk=year.pk).update(results_document_id=document.pk)
    year.results_document_id = document.pk
    timeline_add(year, kind="published", title="公布年度考核结果", actor=acting_user, document=document)
    for a in assessments:
        consequence_issue(assessment=a, acting_user=acting_user)
    return year


@transaction.atomic
def consequence_issue(*, assessment: CentreAssessment, acting_user) -> Consequence | None:
    """The engine's consequence of this year's grade given the years before (yearly_consequence),
    recorded with its article and notice; rectification opens its report deadline."""
    centre = assessment.centre
    ruleset = get_ruleset(assessment.year.ruleset_code)
    decision = yearly_consequence(ruleset, grade_history(centre, host_id=assessment.host_id))
    if decision.outcome not in ADVERSE_OUTCOMES or decision.outcome not in Consequence.Kind.values:
        return None
    on = today()
    due_on = rectification_due(ruleset, on) if decision.outcome == Consequence.Kind.RECTIFICATION else None
    consequence = Consequence.objects.create(
        assessment=assessment,
        centre=centre,
        kind=decision.outcome,
        article=decision.article,
        text=decision.message,
        due_on=due_on,
        issued_by=acting_user,
        issued_on=on,
    )
    doc_type = documents.BY_CONSEQUENCE[consequence.kind]
    document = documents.issue(
        doc_type=doc_type,
        jurisdiction=centre.jurisdiction,
        subject=consequence,
        acting_user=acting_user,
        title=f"关于对{centre.name}{consequence.get_kind_display()}的通知",
        body=documents.consequence_body(consequence),
        addressees=str(centre.host) if centre.host_id else centre.name,
    )
    Consequence.objects.filter(pk=consequence.pk).update(document_id=document.pk)
    consequence.document_id = document.pk
    if due_on:
        deadline_open(
            kind="appraisal.rectification_report",
            title=f"{centre.name}：报送整改报告",
            subject=consequence,
            due_at=end_of_day(due_on),
            jurisdiction=centre.jurisdiction,
            institution=centre.host,
            article=decision.article,
            ruleset_code=ruleset.code,
            acting_user=acting_user,
        )
    timeline_add(
        centre,
        kind="appraisal_consequence",
        title=f"{assessment.year.year}年度考核：{consequence.get_kind_display()}",
        actor=acting_user,
        article=decision.article,
        document=document,
    )
    return consequence


@transaction.atomic
def consequence_execute(*, consequence: Consequence, reason: str, acting_user):
    """A red card (济南 第十九条（三）) or a disqualification (九龙坡 第二十二条（二）) ends the hosting: the
    centres app dissolves it with the rule set's bans (centres.services.lifecycle.centre_dissolve)."""
    from centres.models import Dissolution
    from centres.services import lifecycle

    consequence = _locked(consequence)
    require(policies.may_act_on_consequence(acting_user, consequence), "只有本辖区卫健委可以执行处理决定。")
    if not consequence.ends_hosting:
        raise WrongState(codes.WRONG_STATE, "该处理不涉及解除挂靠。")
    if not reason.strip():
        raise InvalidInput(codes.REASON_REQUIRED, "请填写事实与理由。")
    cause = {
        Consequence.Kind.RED_CARD: Dissolution.Cause.RED_CARD,
        Consequence.Kind.DISQUALIFICATION: Dissolution.Cause.DISQUALIFICATION,
    }[consequence.kind]
    transition(consequence, "execute", code=codes.WRONG_STATE, message="该处理已执行。")
    dissolution = lifecycle.centre_dissolve(
        centre=consequence.centre,
        cause=cause,
        reason=reason.strip(),
        acting_user=acting_user,
        article=consequence.article,
    )
    timeline_add(
        consequence.centre,
        kind="appraisal_executed",
        title=f"执行{consequence.get_kind_display()}：解除挂靠",
        actor=acting_user,
        article=consequence.article,
    )
    return dissolution


@transaction.atomic
def rectification_report_submit(*, consequence: Consequence, text: str, acting_user) -> RectificationReport:
    consequence = _locked(consequence)
    require(policies.may_report_rectification(acting_user, consequence), "只有挂靠单位可以报送整改报告。")
    if consequence.kind != Consequence.Kind.RECTIFICATION:
        raise WrongState(codes.WRONG_STATE, "该处理无须报送整改报告。")
    if not text.strip():
        raise InvalidInput(codes.EVIDENCE_REQUIRED, "请填写整改情况。")
    transition(consequence, "report", code=codes.WRONG_STATE, message="整改报告已报送，待审核。")
    report = RectificationReport.objects.create(
        consequence=consequence, text=text.strip(), submitted_by=acting_user
    )
    deadline_meet(subject=consequence, kind="appraisal.rectification_report", acting_user=acting_user)
    review_due = max(consequence.due_on or today(), today())
    deadline_open(
        kind="appraisal.rectification_review",
        title=f"{consequence.centre.name}：审核整改报告",
        subject=report,
        due_at=end_of_day(review_due),
        jurisdiction=consequence.centre.jurisdiction,
        article=consequence.article,
        ruleset_code=consequence.assessment.year.ruleset_code,
        acting_user=acting_user,
    )
    return report


@transaction.atomic
def rectification_review(
    *, report: RectificationReport, outcome: str, comments: str, acting_user
) -> RectificationReport:
    report = (
        RectificationReport.objects.select_for_update(of=("self",))
        .select_related("consequence")
        .get(pk=report.pk)
    )
    consequence = report.consequence
    require(
        policies.may_review_rectification(acting_user, consequence), "只有卫健委或质控办可以审核整改报告。"
    )
    if report.outcome:
        raise WrongState(codes.WRONG_STATE, "该整改报告已审核。")
    if outcome not in (RectificationReport.Outcome.ACCEPTED, RectificationReport.Outcome.RETURNED):
        raise InvalidInput(codes.WRONG_STATE, "请选择审核结论。")
    if outcome == RectificationReport.Outcome.RETURNED and not comments.strip():
        raise InvalidInput(codes.REASON_REQUIRED, "退回整改报告须填写理由。")
    transition(
        consequence,
        "close" if outcome == RectificationReport.Outcome.ACCEPTED else "return_report",
        code=codes.WRONG_STATE,
    )
    report.outcome, report.review_comments = outcome, comments.strip()
    report.reviewed_by, report.reviewed_at = acting_user, timezone.now()
    report.save(update_fields=["outcome", "review_comments", "reviewed_by", "reviewed_at"])
    deadline_meet(subject=report, kind="appraisal.rectification_review", acting_user=acting_user)
    if outcome == RectificationReport.Outcome.RETURNED and consequence.due_on:
        deadline_open(
            kind="appraisal.rectification_report",
            title=f"{consequence.centre.name}：重新报送整改报告",
            subject=consequence,
            due_at=end_of_day(max(consequence.due_on, today())),
            jurisdiction=consequence.centre.jurisdiction,
            institution=consequence.centre.host,
            article=consequence.article,
            acting_user=acting_user,
        )
    return report


# --- prohibited acts --------------------------------------------------------------------------------


@transaction.atomic
def finding_record(*, centre: Centre, act: str, severity: str, facts: str, found_on: date, acting_user):
    """A prohibited act found, with its facts; a severe one dissolves the centre at once with the
    rule set's bans (九龙坡 第二十条, 济南 第十七条) through the centres app."""
    from centres.models import Dissolution
    from centres.services import lifecycle

    centre = Centre.objects.select_for_update().get(pk=centre.pk)
    require(policies.may_record_finding(acting_user, centre), "只有本辖区卫健委可以认定违规行为。")
    ruleset = ruleset_for(centre)
    items = {i.code: i for i in prohibited_items(ruleset)}
    if act not in items:
        raise RuleRefusal(codes.ACT_UNKNOWN, f"规则集 {ruleset.code} 未规定该违规情形。")
    if severity not in ProhibitedActFinding.Severity.values:
        raise InvalidInput(codes.EVIDENCE_REQUIRED, "请选择情节。")
    if not facts.strip():
        raise InvalidInput(codes.EVIDENCE_REQUIRED, "请填写事实与证据。")
    if found_on is None or found_on > today():
        raise InvalidInput(codes.DATE_INVALID, "认定日期不能晚于今天。")
    term = centre.terms.order_by("starts_on").first()
    if term is not None and found_on < term.starts_on:
        raise InvalidInput(
            codes.DATE_INVALID, f"认定日期不能早于该质控中心挂靠开始之日（{term.starts_on:%Y-%m-%d}）。"
        )
    article = ruleset.param("violations.prohibited_acts").article
    finding = ProhibitedActFinding.objects.create(
        centre=centre,
        act=act,
        act_label=items[act].label,
        article=article,
        severity=severity,
        facts=facts.strip(),
        found_on=found_on,
        recorded_by=acting_user,
    )
    timeline_add(
        centre,
        kind="prohibited_act",
        title=f"认定违规行为（{finding.get_severity_display()}）：{items[act].label}",
        actor=acting_user,
        article=article,
    )
    consequence = rule(ruleset, "violations.severe_violation_consequence")
    if (
        severity == ProhibitedActFinding.Severity.SEVERE
        and consequence is not None
        and consequence.value == "dissolution"
        and centre.status != Centre.Status.DISSOLVED
    ):
        dissolution = lifecycle.centre_dissolve(
            centre=centre,
            cause=Dissolution.Cause.SEVERE_VIOLATION,
            reason=f"{items[act].label}：{facts.strip()}",
            acting_user=acting_user,
            article=consequence.article,
            on=found_on,
        )
        finding.dissolution_id = dissolution.pk
        finding.save(update_fields=["dissolution_id"])
    return finding


# --- the 4-year decision ------------------------------------------------------------------------


@transaction.atomic
def term_decide(*, centre: Centre, outcome: str, reasons: str, acting_user):
    """The commission's decision at the end of a term, from the term's grades, through
    centres.services.lifecycle.term_decision_record; its document is issued here."""
    from centres.services import lifecycle

    require(policies.may_decide_term(acting_user, centre), "只有本辖区卫健委可以作出周期届满决定。")
    term = centre.terms.filter(status="active").first()
    if term is None:
        raise WrongState(codes.NO_TERM, "该质控中心没有进行中的挂靠周期。")
    grades = term_grades(term)
    years = lifecycle.term_years(term, ruleset_for(centre))
    missing = [str(y) for y in years if y not in grades]
    if missing and term.ends_on:
        # 九龙坡 第二十二条（一）、济南 第十九条（一）: the decision rests on the term's yearly results
        proposal = lifecycle.term_proposal(term, grades)
        article = proposal.article or ""
        raise WrongState(
            codes.TERM_INCOMPLETE,
            f"{article + '：' if article else ''}周期届满决定依据任期内年度考核结果，"
            f"{'、'.join(missing)}年度尚无审定的考核等次（可先完成该年度考核，或登记平台启用前的历史等次）。",
        )
    decision = lifecycle.term_decision_record(
        term=term, outcome=outcome, reasons=reasons, grades_by_year=grades, acting_user=acting_user
    )
    proposal = decision.proposal.get("message", "")
    labels = dict(grade_choices_for(centre))
    document = documents.issue(
        doc_type=documents.TERM_DECISION,
        jurisdiction=centre.jurisdiction,
        subject=decision,
        acting_user=acting_user,
        title=f"关于{centre.name}第{term.number}挂靠周期届满的决定",
        body=documents.term_decision_body(
            term, decision, proposal, {y: labels.get(g, g) for y, g in grades.items()}
        ),
        addressees=str(term.host),
    )
    timeline_add(
        centre,
        kind="term_decided",
        title=f"周期届满决定：{decision.get_outcome_display()}",
        actor=acting_user,
        article=decision.proposal.get("article", ""),
        document=document,
    )
    return decision


def grade_choices_for(centre):
    from centres.services.lifecycle import grade_choices

    return grade_choices(ruleset_for(centre))


def term_grades(term) -> dict[int, str]:
    """The term's confirmed grades, one per appraisal year of its cycle — with the grades entered
    from the commission's documents for the years before the platform (appraisal/history.py)."""
    from centres.services.lifecycle import term_years

    from .history import historical_grades

    years = term_years(term, ruleset_for(term.centre))
    rows = CentreAssessment.objects.filter(
        centre=term.centre, host=term.host, year__year__in=years, status=CentreAssessment.Status.CONFIRMED
    )
    grades = {
        **historical_grades(term.centre, host_id=term.host_id, years=years),
        **dict(rows.values_list("year__year", "grade")),
    }
    return dict(sorted(grades.items()))

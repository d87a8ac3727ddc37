"""Every write of a centre's life after its establishment (issue 5, steps 9–12): the leader leaving
during the term, the commission's decision at the end of a term, dissolution with its bans, and the
handover to the next host. The same style as centres/services/selection.py: one keyword-only function per
business action, one transaction each; rules from the rule set in force on the action's date; a
breach is a RuleRefusal carrying the violations, a step out of order a WrongState (core.errors)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from core.dates import add_years
from core.errors import RuleRefusal, WrongState
from core.workflow import refuse_unless_allowed, ruleset_for, timeline_add, today, transition
from deadlines.dates import due_in_months, end_of_day
from deadlines.services import deadline_meet, deadline_open, deadline_waive
from directory.models import Institution, Person
from rulesets.engine.appraisal import retention_proposal
from rulesets.engine.committee import check_chair
from rulesets.engine.violations import Decision, Violation, setting_missing
from rulesets.models import RuleSetAssignment, RuleSetSetting
from rulesets.registry import get_ruleset
from rulesets.selectors import setting_value

from .. import documents, policies, selectors
from .. import error_codes as codes
from ..models import (
    Ban,
    Centre,
    Dissolution,
    Handover,
    HostingTerm,
    LeaderChange,
    PublicNotice,
    SelectionCall,
    TermDecision,
)
from ..policies import handover_party, is_commission, is_host_user, may_vacate, require
from ..signals import centre_dissolved, handover_completed
from .selection import leader_as_member

OPEN_CHANGE = (LeaderChange.Status.VACANT, LeaderChange.Status.NOMINATED)
DEFAULT_GRADES = (("excellent", "优秀"), ("good", "良好"), ("pass", "合格"), ("fail", "不合格"))


def active_term(centre: Centre) -> HostingTerm:
    term = centre.terms.filter(status=HostingTerm.Status.ACTIVE).first()
    if term is None:
        raise WrongState(codes.NO_ACTIVE_TERM, "该质控中心没有进行中的挂靠周期。")
    return term


# --- 9. the leader leaves during the term (九龙坡 第十二条, 济南 第十九条（二）, 青浦 第十四条) ------------


@transaction.atomic
def leader_vacate(*, centre: Centre, reason: str, vacated_on: date, acting_user) -> LeaderChange:
    """The leader leaves: the host must recommend a replacement within the rule set's months."""
    centre = Centre.objects.select_for_update().get(pk=centre.pk)
    require(may_vacate(acting_user, centre), "只有卫健委或挂靠单位可以登记负责人离任。")
    if centre.status != Centre.Status.ACTIVE:
        raise WrongState(codes.WRONG_STATE, "只有运行中的质控中心可以登记负责人离任。")
    if not reason.strip():
        raise WrongState(codes.REASON_REQUIRED, "请填写离任原因。")
    if centre.leader_changes.filter(status__in=OPEN_CHANGE).exists():
        raise WrongState(codes.CHANGE_IN_PROGRESS, "该质控中心已有进行中的负责人变更。")
    term = active_term(centre)
    ruleset = ruleset_for(centre, on=vacated_on)
    if not ruleset.has("chair.replacement_deadline_months"):
        raise WrongState(codes.NO_RULE, f"规则集 {ruleset.code} 未规定负责人更换期限。")
    p = ruleset.param("chair.replacement_deadline_months")
    due_at = due_in_months(vacated_on, p.value)
    change = LeaderChange.objects.create(
        centre=centre,
        term=term,
        old_leader=centre.leader or term.leader,
        reason=reason,
        vacated_on=vacated_on,
        due_at=due_at,
    )
    deadline_open(
        kind="chair.replacement",
        title=f"{centre.name}：推荐新任负责人",
        subject=change,
        due_at=due_at,
        jurisdiction=centre.jurisdiction,
        institution=centre.host,
        article=p.article,
        ruleset_code=ruleset.code,
        acting_user=acting_user,
    )
    timeline_add(
        centre,
        kind="leader_vacated",
        title=f"负责人{change.old_leader}离任，"
        f"挂靠单位须于 {timezone.localtime(due_at):%Y-%m-%d} 前推荐新任人选",
        actor=acting_user,
        article=p.article,
        reason=reason,
    )
    return change


def nominee_violations(
    change: LeaderChange, person: Person | None = None, *, on: date | None = None
) -> list[Violation]:
    """The chair rules the nominee breaks (check_chair; a first appointment if the person has never
    led a centre of this specialty)."""
    person = person or change.new_leader
    centre = change.centre
    on = on or today()
    terms = HostingTerm.objects.filter(centre__specialty=centre.specialty, leader=person).count()
    return check_chair(
        ruleset_for(centre, on=on),
        leader_as_member(person, host=centre.host, terms_served=terms),
        on=on,
        first_appointment=terms == 0,
        host_name=centre.host.name,
    )


def ineligible_reselects_host(ruleset) -> bool:
    return ruleset.has("chair.ineligible_replacement_reselects_host") and bool(
        ruleset.value("chair.ineligible_replacement_reselects_host")
    )


@transaction.atomic
def leader_nominate(
    *, change: LeaderChange, person: Person, acting_user, justification: str = ""
) -> LeaderChange:
    """The host recommends the new leader. A mandatory breach refuses — except where an ineligible
    nominee sends the commission to reselect the host (济南 第十九条（二）): there the nomination is
    recorded with its breaches and the commission decides."""
    change = (
        LeaderChange.objects.select_for_update(of=("self",)).select_related("centre__host").get(pk=change.pk)
    )
    centre = change.centre
    require(policies.may_nominate(acting_user, centre), "只有挂靠单位可以推荐新任负责人。")
    if not selectors.nominable_leaders(centre).filter(pk=person.pk).exists():
        raise WrongState(codes.LEADER_NOT_STAFF, f"只能推荐{centre.host}本单位人员为负责人。")
    ruleset = ruleset_for(centre)
    violations = nominee_violations(change, person)
    mandatory = [v for v in violations if v.strictness == "mandatory"]
    reselects = ineligible_reselects_host(ruleset)
    if not (mandatory and reselects):
        refuse_unless_allowed(violations, justification=justification)
    transition(change, "nominate", message="该负责人变更当前不能推荐人选。", extra={"new_leader": person})
    article = ruleset.article("chair.replacement_deadline_months")
    if mandatory:
        p = ruleset.param("chair.ineligible_replacement_reselects_host")
        timeline_add(
            centre,
            kind="leader_nominated",
            title=f"挂靠单位推荐{person}为负责人，人选不符合条件，由卫健委重新遴选挂靠单位",
            actor=acting_user,
            article=p.article,
            violations=[v.to_dict() for v in mandatory],
        )
    else:
        timeline_add(
            centre,
            kind="leader_nominated",
            title=f"挂靠单位推荐{person}为新任负责人",
            actor=acting_user,
            article=article,
            justification=justification,
        )
    return change


@transaction.atomic
def leader_approve(*, change: LeaderChange, acting_user, justification: str = "") -> LeaderChange:
    """The commission approves the nominee: the centre's and the term's leader change; the deadline
    is met."""
    change = (
        LeaderChange.objects.select_for_update(of=("self",))
        .select_related("centre", "term")
        .get(pk=change.pk)
    )
    centre = change.centre
    require(policies.may_decide(acting_user, centre), "只有卫健委可以批准新任负责人。")
    if change.status != LeaderChange.Status.NOMINATED or change.new_leader is None:
        raise WrongState(codes.WRONG_STATE, "只有已推荐人选的负责人变更可以批准。")
    ruleset = ruleset_for(centre)
    violations = nominee_violations(change)
    if ineligible_reselects_host(ruleset) and any(v.strictness == "mandatory" for v in violations):
        p = ruleset.param("chair.ineligible_replacement_reselects_host")
        raise RuleRefusal(
            codes.RULE_VIOLATION,
            f"{p.article}：{p.text}。",
            [v for v in violations if v.strictness == "mandatory"],
        )
    refuse_unless_allowed(violations, justification=justification)
    transition(change, "approve", message="该负责人变更当前不能批准。", extra={"decided_by": acting_user})
    centre.leader = change.new_leader
    centre.save(update_fields=["leader"])
    term = change.term
    term.leader = change.new_leader
    term.save(update_fields=["leader"])
    deadline_meet(subject=change, kind="chair.replacement", acting_user=acting_user)
    document = documents.issue(
        doc_type="centre_leader",
        centre=centre,
        subject=change,
        acting_user=acting_user,
        title=f"关于同意{change.new_leader}任{centre.name}负责人的批复",
        body=documents.leader_body(change),
        addressees=str(centre.host),
    )
    timeline_add(
        centre,
        kind="leader_approved",
        title=f"批准{change.new_leader}为负责人",
        actor=acting_user,
        article=ruleset.article("chair.replacement_deadline_months"),
        justification=justification,
        document=document,
    )
    return change


@transaction.atomic
def leader_reselect_host(*, change: LeaderChange, reason: str, acting_user) -> LeaderChange:
    """济南 第十九条（二）: the nominee is ineligible or unable to do the work (or none came in time) —
    the commission reselects the host; the term is terminated and the centre enters reselection."""
    change = (
        LeaderChange.objects.select_for_update(of=("self",))
        .select_related("centre", "term")
        .get(pk=change.pk)
    )
    centre = Centre.objects.select_for_update().get(pk=change.centre_id)
    require(policies.may_decide(acting_user, centre), "只有卫健委可以决定重新遴选挂靠单位。")
    ruleset = ruleset_for(centre)
    if not ineligible_reselects_host(ruleset):
        raise WrongState(
            codes.NO_RULE,
            f"规则集 {ruleset.code} 未规定因负责人人选重新遴选挂靠单位；请退回挂靠单位重新推荐。",
        )
    if not reason.strip():
        raise WrongState(codes.REASON_REQUIRED, "请填写重新遴选的理由。")
    if change.status == LeaderChange.Status.VACANT and timezone.now() <= change.due_at:
        raise WrongState(
            codes.NOMINATION_PENDING,
            f"挂靠单位推荐期限至 {timezone.localtime(change.due_at):%Y-%m-%d}，期限内尚未推荐人选。",
        )
    p = ruleset.param("chair.ineligible_replacement_reselects_host")
    transition(
        change,
        "reselect_host",
        message="该负责人变更当前不能转为重新遴选。",
        extra={"decided_by": acting_user},
    )
    _end_term_and_reselect(centre, change.term, status=HostingTerm.Status.TERMINATED)
    deadline = _pending_deadline(change, "chair.replacement")
    if deadline is not None:
        deadline_waive(
            deadline=deadline, reason=f"卫健委决定重新遴选挂靠单位：{reason}", acting_user=acting_user
        )
    timeline_add(
        centre,
        kind="leader_reselect",
        title="负责人人选不符合条件或无法承担工作，重新遴选挂靠单位",
        actor=acting_user,
        article=p.article,
        reason=reason,
    )
    return change


def _pending_deadline(subject, kind: str):
    from django.contrib.contenttypes.models import ContentType

    from deadlines.models import Deadline

    return (
        Deadline.objects.pending()
        .filter(content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk, kind=kind)
        .first()
    )


def _end_term_and_reselect(centre: Centre, term: HostingTerm, *, status: str) -> None:
    transition(
        term, "terminate" if status == HostingTerm.Status.TERMINATED else "end", message="该挂靠周期已结束。"
    )
    transition(centre, "start_reselection", message="只有运行中的质控中心可以重新遴选挂靠单位。")


# --- 10. the end of a term (九龙坡 第二十二条（一）, 济南 第十九条（一）) ---------------------------------


def grade_choices(ruleset) -> list[tuple[str, str]]:
    if ruleset.has("appraisal.grades"):
        return [(item.code, item.label) for item in ruleset.value("appraisal.grades")]
    return list(DEFAULT_GRADES)


def term_years(term: HostingTerm, ruleset) -> list[int]:
    """The appraisal years of a term: one per year of the cycle, from the year it started."""
    cycle = (
        ruleset.value("cycle.cycle_years")
        if ruleset.has("cycle.cycle_years")
        else (ruleset.value("setup.host_term_years") if ruleset.has("setup.host_term_years") else 4)
    )
    return [term.starts_on.year + i for i in range(cycle)]


def consecutive_terms(term: HostingTerm) -> int:
    """Terms the host has served this centre in a row, counting this one."""
    n = 0
    for earlier in term.centre.terms.filter(number__lte=term.number).order_by("-number"):
        if earlier.host_id != term.host_id:
            break
        n += 1
    return n


def term_proposal(term: HostingTerm, grades_by_year: dict, *, on: date | None = None) -> Decision:
    return retention_proposal(ruleset_for(term.centre, on=on), grades_by_year, consecutive_terms(term))


@transaction.atomic
def term_decision_record(
    *,
    term: HostingTerm,
    outcome: str,
    reasons: str,
    grades_by_year: dict,
    acting_user,
    on: date | None = None,
) -> TermDecision:
    """The commission's decision at the end of a term, stored beside the engine's proposal. Retain:
    the next term starts the day after this one ends; reselect: the centre enters reselection and a
    new call may be published."""
    centre = Centre.objects.select_for_update().get(pk=term.centre_id)
    term = HostingTerm.objects.select_for_update().get(pk=term.pk)
    require(policies.may_decide(acting_user, centre), "只有卫健委可以作出周期届满决定。")
    on = on or today()
    if term.status != HostingTerm.Status.ACTIVE or TermDecision.objects.filter(term=term).exists():
        raise WrongState(codes.WRONG_STATE, "该挂靠周期已结束或已作出决定。")
    if term.ends_on is None:  # 青浦, 河南: the rule set sets no cycle, so no term comes to an end
        raise WrongState(codes.NO_CYCLE, "规则集未规定挂靠周期，该挂靠没有周期届满决定。")
    if outcome not in TermDecision.Outcome.values:
        raise WrongState(codes.OUTCOME_REQUIRED, "请选择继续挂靠或重新遴选。")
    if (
        not reasons.strip()
    ):  # 九龙坡 第二十二条（一）: the decision rests on the results; its reasons are recorded
        raise WrongState(codes.REASON_REQUIRED, "请填写决定理由。")
    ruleset = ruleset_for(centre, on=on)
    known = {c for c, _ in grade_choices(ruleset)}
    grades = {int(y): g for y, g in grades_by_year.items() if g}
    if any(g not in known for g in grades.values()):
        raise WrongState(codes.UNKNOWN_GRADE, "考核等次不属于本规则集规定的等次。")
    served = consecutive_terms(term)
    proposal = retention_proposal(ruleset, grades, served)
    if outcome == TermDecision.Outcome.RETAIN and ruleset.has("setup.max_terms_before_reselection"):
        p = ruleset.param("setup.max_terms_before_reselection")
        if served >= p.value:  # 济南 第十九条（一）: after two terms, reselection is mandatory
            raise RuleRefusal(
                codes.RULE_VIOLATION,
                "",
                [
                    Violation(
                        p.key,
                        p.article,
                        f"{p.article}：{p.text}；{term.host}已连续挂靠{served}届，不能继续挂靠。",
                        "mandatory",
                        str(term.host),
                    )
                ],
            )
    decision = TermDecision.objects.create(
        term=term,
        outcome=outcome,
        reasons=reasons,
        proposal=proposal.to_dict(),
        grades={str(y): g for y, g in sorted(grades.items())},
        decided_by=acting_user,
        decided_on=on,
    )
    departs = proposal.outcome in TermDecision.Outcome.values and proposal.outcome != outcome
    article = proposal.article or ruleset.article("cycle.decision_basis")
    label = TermDecision.Outcome(outcome).label
    timeline_add(
        centre,
        kind="term_decided",
        title=f"第{term.number}周期届满决定：{label}"
        + ("（与规则引擎建议不同，已说明理由）" if departs else ""),
        actor=acting_user,
        article=article,
        reasons=reasons,
        proposal=proposal.to_dict(),
        departs=departs,
    )
    deadline_meet(subject=term, kind="term.end", acting_user=acting_user)
    if outcome == TermDecision.Outcome.RETAIN:
        transition(term, "end", message="该挂靠周期已结束。")
        years = ruleset.value("setup.host_term_years") if ruleset.has("setup.host_term_years") else 4
        starts = term.ends_on + timedelta(days=1)
        nxt = HostingTerm.objects.create(
            centre=centre,
            host=term.host,
            leader=centre.leader or term.leader,
            number=term.number + 1,
            starts_on=starts,
            ends_on=add_years(starts, years) - timedelta(days=1),
            call=term.call,
        )
        deadline_open(
            kind="term.end",
            title=f"{centre.name}第{nxt.number}周期届满",
            subject=nxt,
            due_at=end_of_day(nxt.ends_on),
            jurisdiction=centre.jurisdiction,
            article=ruleset.article("setup.host_term_years"),
            ruleset_code=ruleset.code,
            acting_user=acting_user,
        )
        timeline_add(
            centre,
            kind="term_renewed",
            title=f"继续挂靠{term.host}，第{nxt.number}周期至 {nxt.ends_on:%Y-%m-%d}",
            actor=acting_user,
            article=ruleset.article("setup.host_term_years"),
        )
    else:
        _end_term_and_reselect(centre, term, status=HostingTerm.Status.ENDED)
        timeline_add(centre, kind="reselection", title="重新遴选挂靠单位", actor=acting_user, article=article)
    return decision


# --- 11. dissolution (九龙坡 第二十条、第二十五条; 济南 第十七条、第十九条（三）) -------------------

DEFAULT_ARTICLE_KEYS = {
    Dissolution.Cause.SEVERE_VIOLATION: "violations.severe_violation_consequence",
    Dissolution.Cause.RED_CARD: "appraisal.second_consecutive_fail_consequence",
    Dissolution.Cause.DISQUALIFICATION: "appraisal.second_consecutive_fail_consequence",
}


def default_article(ruleset, cause: str) -> str:
    return ruleset.article(DEFAULT_ARTICLE_KEYS[cause]) if cause in DEFAULT_ARTICLE_KEYS else ""


def ban_plan(ruleset, cause: str) -> list[tuple[str, str, int | None, str]]:
    """(scope, parameter key, years or None, article) of each ban the rule set attaches to ``cause``."""
    out = []

    def flag(key):
        return ruleset.has(key) and bool(ruleset.value(key))

    if cause == Dissolution.Cause.SEVERE_VIOLATION:
        if ruleset.has("violations.severe_violation_ban_years"):
            p = ruleset.param("violations.severe_violation_ban_years")
            scope = (
                ruleset.value("violations.severe_violation_ban_scope")
                if ruleset.has("violations.severe_violation_ban_scope")
                else Ban.Scope.SAME_SPECIALTY
            )
            out.append((scope, p.key, p.value, p.article))
        if flag("violations.excluded_from_current_round"):
            out.append(
                (
                    Ban.Scope.CURRENT_ROUND,
                    "violations.excluded_from_current_round",
                    None,
                    ruleset.article("violations.excluded_from_current_round"),
                )
            )
    elif cause == Dissolution.Cause.RED_CARD:
        if ruleset.has("appraisal.red_card_ban_years"):
            p = ruleset.param("appraisal.red_card_ban_years")
            out.append((Ban.Scope.SAME_SPECIALTY, p.key, p.value, p.article))
    elif cause == Dissolution.Cause.DISQUALIFICATION:
        if flag("appraisal.second_fail_excluded_from_current_round"):
            out.append(
                (
                    Ban.Scope.CURRENT_ROUND,
                    "appraisal.second_fail_excluded_from_current_round",
                    None,
                    ruleset.article("appraisal.second_fail_excluded_from_current_round"),
                )
            )
    return out


@transaction.atomic
def centre_dissolve(
    *, centre: Centre, cause: str, reason: str, acting_user, article: str = "", on: date | None = None
) -> Dissolution:
    """解除挂靠, immediately: the term is terminated, the committee dissolved with the centre, the old
    host barred as the rule set says, any open call cancelled."""
    centre = Centre.objects.select_for_update().get(pk=centre.pk)
    require(policies.may_decide(acting_user, centre), "只有卫健委可以解除挂靠关系。")
    on = on or today()
    if cause not in Dissolution.Cause.values:
        raise WrongState(codes.CAUSE_REQUIRED, "请选择解除挂靠的原因类别。")
    if not reason.strip():
        raise WrongState(codes.REASON_REQUIRED, "请填写解除挂靠的事实与理由。")
    ruleset = ruleset_for(centre, on=on)
    article = article.strip() or default_article(ruleset, cause)
    if not article:
        raise WrongState(codes.ARTICLE_REQUIRED, "请填写依据条款。")
    transition(centre, "dissolve", message="该质控中心已解除挂靠。")
    dissolution = Dissolution.objects.create(
        centre=centre, cause=cause, article=article, reason=reason, decided_on=on, decided_by=acting_user
    )
    dissolved_entry = timeline_add(
        centre,
        kind="dissolved",
        title=f"解除挂靠（{Dissolution.Cause(cause).label}）",
        actor=acting_user,
        article=article,
        reason=reason,
    )
    for term in centre.terms.filter(status=HostingTerm.Status.ACTIVE):
        transition(term, "terminate", message="该挂靠周期已结束。")
    if ruleset.has("committee.dissolved_with_host") and ruleset.value("committee.dissolved_with_host"):
        p = ruleset.param("committee.dissolved_with_host")
        timeline_add(
            centre,
            kind="committee_dissolved",
            title="专家委员会同时解散",
            actor=acting_user,
            article=p.article,
        )
    if centre.host_id:
        for scope, key, years, ban_article in ban_plan(ruleset, cause):
            ends_on = add_years(on, years) - timedelta(days=1) if years else None
            ban = Ban.objects.create(
                institution=centre.host,
                jurisdiction=centre.jurisdiction,
                scope=scope,
                cause=cause,
                specialty=centre.specialty,
                starts_on=on,
                ends_on=ends_on,
                article=ban_article,
                reason=f"{centre.name}解除挂靠：{reason}",
                centre=centre,
            )
            until = f"至 {ends_on:%Y-%m-%d}" if ends_on else "本轮遴选"
            timeline_add(
                centre,
                kind="ban",
                title=f"{centre.host}不得申请{ban.get_scope_display()}挂靠单位（{until}）",
                actor=acting_user,
                article=ban_article,
                rule=key,
            )
    for call in centre.calls.exclude(
        status__in=[SelectionCall.Status.DECIDED, SelectionCall.Status.CANCELLED]
    ):
        notice = getattr(call, "notice", None)
        if notice is not None and notice.status == PublicNotice.Status.OPEN:
            transition(notice, "withdraw", message="公示已结束。")
        transition(call, "cancel", message="该遴选已结束。")
        timeline_add(
            centre, kind="call_cancelled", title=f"撤销遴选：{call.title}", actor=acting_user, article=article
        )
    for change in centre.leader_changes.filter(status__in=OPEN_CHANGE):
        deadline = _pending_deadline(change, "chair.replacement")
        if deadline is not None:
            deadline_waive(deadline=deadline, reason="质控中心已解除挂靠", acting_user=acting_user)
    document = documents.issue(
        doc_type="centre_dissolution",
        centre=centre,
        subject=dissolution,
        acting_user=acting_user,
        title=f"关于解除{centre.name}挂靠关系的决定",
        body=documents.dissolution_body(dissolution, Ban.objects.filter(centre=centre, starts_on=on)),
        addressees=f"{centre.host}，各医疗卫生机构" if centre.host_id else "各医疗卫生机构",
    )
    dissolved_entry.document_id = document.pk
    dissolved_entry.detail = {**dissolved_entry.detail, "document_number": document.number}
    dissolved_entry.save(update_fields=["document_id", "detail"])
    # the committee is dissolved with the centre, in this transaction (experts app: centres/signals.py)
    centre_dissolved.send(sender=Centre, centre=centre, dissolution=dissolution, acting_user=acting_user)
    return dissolution


# --- 12. handover to the next host (九龙坡 第二十四条, 济南 第二十一条) ---------------------------------

HANDOVER_KEY = "handover.deadline_months"


def handover_months(centre: Centre, ruleset) -> tuple[int, str]:
    """The handover deadline in months with its article: the rule set's number, or the commission's
    where the regulation leaves it open (九龙坡 第二十四条 按照卫生健康行政部门规定时限)."""
    if not ruleset.has(HANDOVER_KEY):
        raise WrongState(codes.NO_RULE, f"规则集 {ruleset.code} 未规定挂靠单位交接。")
    p = ruleset.param(HANDOVER_KEY)
    months = setting_value(centre.jurisdiction, ruleset, HANDOVER_KEY) if p.setting else p.value
    if months is None:
        raise RuleRefusal(codes.RULE_VIOLATION, "交接期限尚未设置。", [setting_missing(p, centre.name)])
    return int(months), p.article


@transaction.atomic
def handover_open(
    *, centre: Centre, from_host: Institution, to_host: Institution, acting_user, on: date | None = None
) -> Handover:
    centre = Centre.objects.select_for_update().get(pk=centre.pk)
    require(policies.may_decide(acting_user, centre), "只有卫健委可以启动交接。")
    on = on or today()
    if from_host.pk == to_host.pk:
        raise WrongState(codes.SAME_HOST, "原挂靠单位与新挂靠单位不能相同。")
    if not selectors.receiving_hosts(centre, acting_user).filter(pk=to_host.pk).exists():
        raise WrongState(
            codes.HOST_OUT_OF_SCOPE,
            f"新挂靠单位应为{centre.jurisdiction}辖区内的医疗卫生机构。",
        )
    if centre.handovers.filter(status=Handover.Status.OPEN).exists():
        raise WrongState(codes.HANDOVER_IN_PROGRESS, "该质控中心已有进行中的交接。")
    ruleset = ruleset_for(centre, on=on)
    months, article = handover_months(centre, ruleset)
    items = {
        item.code: {"label": item.label, "done": False, "note": ""}
        for item in (ruleset.value("handover.items") if ruleset.has("handover.items") else ())
    }
    due_at = due_in_months(on, months)
    handover = Handover.objects.create(
        centre=centre, from_host=from_host, to_host=to_host, items=items, due_at=due_at
    )
    deadline_open(
        kind="handover",
        title=f"{centre.name}：{from_host}向{to_host}交接",
        subject=handover,
        due_at=due_at,
        jurisdiction=centre.jurisdiction,
        institution=from_host,
        article=article,
        ruleset_code=ruleset.code,
        acting_user=acting_user,
    )
    timeline_add(
        centre,
        kind="handover_opened",
        title=f"启动交接：{from_host} → {to_host}，期限至 {timezone.localtime(due_at):%Y-%m-%d}",
        actor=acting_user,
        article=article,
    )
    return handover


def _items_article(handover: Handover) -> str:
    ruleset = ruleset_for(handover.centre)
    return ruleset.article("handover.items")


@transaction.atomic
def handover_item_update(*, handover: Handover, code: str, done: bool, note: str, acting_user) -> Handover:
    handover = Handover.objects.select_for_update(of=("self",)).select_related("centre").get(pk=handover.pk)
    require(handover_party(acting_user, handover) in ("from", "to"), "只有交接双方可以更新交接清单。")
    if handover.status != Handover.Status.OPEN:
        raise WrongState(codes.WRONG_STATE, "交接已完成，清单不能再修改。")
    if handover.from_signed_by_id or handover.to_signed_by_id:
        raise WrongState(codes.LOCKED, "已有单位签字确认，清单已锁定。")
    if code not in handover.items:
        raise WrongState(codes.UNKNOWN_ITEM, "交接清单中没有该事项。")
    item = handover.items[code]
    item.update(
        done=bool(done),
        note=note.strip(),
        by=acting_user.username,
        at=timezone.localtime().strftime("%Y-%m-%d %H:%M"),
    )
    handover.save(update_fields=["items"])
    timeline_add(
        handover.centre,
        kind="handover_item",
        title=f"交接事项“{item['label']}”{'已完成' if done else '未完成'}"
        + (f"：{item['note']}" if item["note"] else ""),
        actor=acting_user,
        article=_items_article(handover),
    )
    return handover


PARTY_LABELS = {"from": "原挂靠单位", "to": "新挂靠单位", "commission": "卫健委"}


@transaction.atomic
def handover_sign(*, handover: Handover, party: str, acting_user) -> Handover:
    """Each of the three parties signs once, and only its own line; the hosts sign when every item
    is done, the commission confirms after both. Three signatures complete the handover."""
    handover = (
        Handover.objects.select_for_update(of=("self",))
        .select_related("centre", "from_host", "to_host")
        .get(pk=handover.pk)
    )
    if party not in PARTY_LABELS:
        raise WrongState(codes.UNKNOWN_PARTY, "未知的签字方。")
    allowed = {
        "from": lambda: is_host_user(acting_user, handover.from_host),
        "to": lambda: is_host_user(acting_user, handover.to_host),
        "commission": lambda: is_commission(acting_user, handover.centre.jurisdiction),
    }[party]()
    require(allowed, f"只有{PARTY_LABELS[party]}可以在此签字。")
    if handover.status != Handover.Status.OPEN:
        raise WrongState(codes.WRONG_STATE, "交接已完成。")
    if getattr(handover, f"{party}_signed_by_id"):
        raise WrongState(codes.ALREADY_SIGNED, f"{PARTY_LABELS[party]}已签字。")
    pending = [i["label"] for i in handover.items.values() if not i.get("done")]
    if pending:
        raise WrongState(codes.ITEMS_PENDING, f"交接清单尚有未完成的事项：{'、'.join(pending)}。")
    if party == "commission" and not (handover.from_signed_by_id and handover.to_signed_by_id):
        raise WrongState(codes.HOSTS_FIRST, "原、新挂靠单位均签字后，卫健委方可确认。")
    setattr(handover, f"{party}_signed_by", acting_user)
    setattr(handover, f"{party}_signed_at", timezone.now())
    fields = [f"{party}_signed_by", f"{party}_signed_at"]
    ruleset = ruleset_for(handover.centre)
    article = ruleset.article(HANDOVER_KEY)
    timeline_add(
        handover.centre,
        kind="handover_signed",
        title=f"交接签字：{PARTY_LABELS[party]}",
        actor=acting_user,
        article=article,
    )
    if handover.from_signed_by_id and handover.to_signed_by_id and handover.commission_signed_by_id:
        transition(handover, "complete", message="该交接当前不能完成。", update_fields=fields)
        fields = []
        deadline_meet(subject=handover, kind="handover", acting_user=acting_user)
        document = documents.issue(
            doc_type="centre_handover",
            centre=handover.centre,
            subject=handover,
            acting_user=acting_user,
            title=f"关于{handover.centre.name}挂靠单位交接情况的通知",
            body=documents.handover_body(handover),
            addressees=f"{handover.from_host}，{handover.to_host}",
        )
        timeline_add(
            handover.centre,
            kind="handover_completed",
            title=f"交接完成：{handover.from_host} → {handover.to_host}",
            actor=acting_user,
            article=article,
            document=document,
        )
        # the old host's people lose their data grants (data-governance app: centres/signals.py)
        handover_completed.send(sender=Handover, handover=handover, acting_user=acting_user)
    if fields:
        handover.save(update_fields=fields)
    return handover


# --- the commission's own values where the regulation leaves them open ------------------------------


def settable_handover_assignments(user):
    """The rule-set assignments in the user's scope whose handover deadline is left to the commission."""
    out = []
    for assignment in RuleSetAssignment.objects.for_user(user).select_related("jurisdiction"):
        ruleset = get_ruleset(assignment.ruleset_code)
        if ruleset.has(HANDOVER_KEY) and ruleset.param(HANDOVER_KEY).setting:
            out.append(assignment)
    return out


@transaction.atomic
def handover_setting_set(
    *, jurisdiction, ruleset_code: str, months: int, basis: str, acting_user, on: date | None = None
) -> RuleSetSetting:
    """The commission sets the handover deadline its regulation leaves open (九龙坡 第二十四条)."""
    require(
        policies.may_set_handover_deadline(acting_user, jurisdiction), "只有本辖区卫健委可以设置交接期限。"
    )
    ruleset = get_ruleset(ruleset_code)
    if not (ruleset.has(HANDOVER_KEY) and ruleset.param(HANDOVER_KEY).setting):
        raise WrongState(codes.NOT_A_SETTING, f"规则集 {ruleset_code} 已规定交接期限，不由卫健委设置。")
    if not isinstance(months, int) or months < 1:
        raise WrongState(codes.INVALID_VALUE, "交接期限须为不少于1的整数月。")
    if not basis.strip():
        raise WrongState(codes.BASIS_REQUIRED, "请填写依据文件。")
    setting, _ = RuleSetSetting.objects.update_or_create(
        jurisdiction=jurisdiction,
        ruleset_code=ruleset_code,
        key=HANDOVER_KEY,
        defaults={"value": months, "decided_on": on or today(), "basis": basis},
    )
    return setting

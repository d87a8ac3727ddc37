"""Every write of the experts app: keyword-only ``<entity>_<verb>`` functions, each in one
transaction, with the workflow kit (core.workflow). Every number comes from the rule set in force
with its article (rulesets/data/*.yaml); the rule checks are the engine's (rulesets/engine/)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext

from core.errors import InvalidInput, NotAllowed, RuleRefusal, WrongState
from core.workflow import refuse_unless_allowed, ruleset_for, timeline_add, today, transition
from directory.models import Person
from rulesets.engine import committee as committee_engine
from rulesets.engine import experts as experts_engine
from rulesets.engine.common import rule
from rulesets.engine.inputs import CHAIR_ROLES, Candidate, Member
from rulesets.engine.inputs import Committee as EngineCommittee
from rulesets.engine.violations import Violation, breach
from rulesets.roster import RosterError, read_roster

from . import error_codes as codes
from . import policies
from .models import (
    Activity,
    Committee,
    CommitteeMember,
    DutyLog,
    Expert,
    ExpertApplication,
    ExpertGrade,
    Grading,
    HoursYear,
    InterestDeclaration,
    Level,
    Library,
    LibraryObjection,
    Meeting,
    Recusal,
    SignInCode,
)

require = policies.require


def _reason(text: str, what: str = "理由") -> str:
    text = (text or "").strip()
    if not text:
        raise InvalidInput(codes.REASON_REQUIRED, f"请填写{what}。")
    return text


# =============================================================================================
# Committees and their rosters
# =============================================================================================

COMMITTEE_KINDS_BY_BODY = {"qc_group": (Committee.Kind.EXPERT_GROUP, Committee.Kind.SUPERVISION_GROUP)}


def kinds_for(centre) -> tuple[str, ...]:
    """青浦 质控组 have an expert group and a supervision group (第五条); the others a committee."""
    return COMMITTEE_KINDS_BY_BODY.get(centre.body_kind, (Committee.Kind.COMMITTEE,))


@transaction.atomic
def committee_create(*, centre, acting_user, kind: str | None = None) -> Committee:
    require(policies.may_create_committee(acting_user, centre), "只有挂靠单位或质控办可以组建委员会。")
    if centre.status != "active":
        raise WrongState(codes.CENTRE_NOT_ACTIVE, "质控中心尚未运行（无挂靠周期），不能组建专家委员会。")
    allowed = kinds_for(centre)
    kind = kind or allowed[0]
    if kind not in allowed:
        raise InvalidInput(
            codes.KIND_NOT_ALLOWED,
            f"{centre.name}不设{Committee.Kind(kind).label}，"
            f"可设：{'、'.join(Committee.Kind(k).label for k in allowed)}。",
        )
    if Committee.objects.filter(centre=centre, kind=kind).exclude(status=Committee.Status.DISSOLVED).exists():
        ruleset = ruleset_for(centre)
        article = ruleset.param("committee.per_centre").article if ruleset.has("committee.per_centre") else ""
        raise WrongState(
            codes.COMMITTEE_EXISTS,
            f"{article + '：' if article else ''}{centre.name}已有{Committee.Kind(kind).label}。",
        )
    term = centre.terms.filter(status="active").first()
    label = Committee.Kind(kind).label
    try:
        with transaction.atomic():
            committee = Committee.objects.create(
                centre=centre,
                kind=kind,
                name=f"{centre.name}{label}",
                term_starts_on=term.starts_on if term else None,
                term_ends_on=term.ends_on if term else None,
            )
    except IntegrityError:
        raise WrongState(codes.COMMITTEE_EXISTS, f"{centre.name}已有{label}。") from None
    timeline_add(committee, kind="created", title=f"组建{label}", actor=acting_user)
    return committee


def _person_fields(person, centre) -> dict:
    host = centre.host
    site = person.first_practice_site or person.employer
    return {
        "name": person.name,
        "sex": person.get_sex_display(),
        "birth_date": person.birth_date,
        "employer": person.employer.name if person.employer else "",
        "from_host": bool(host and person.employer_id == host.pk),
        "title": person.title,
        "title_level": "" if person.title_level == "none" else person.title_level,
        "title_obtained_on": person.title_obtained_on,
        "specialty": person.specialty,
        "in_service": person.employment == "in_service",
        "main_practice_site": site.name if site else "",
        "district_practice_since": person.first_practice_since,
    }


def engine_member(seat: CommitteeMember) -> Member:
    return Member(
        name=seat.name,
        role=seat.role,
        sex=seat.sex or None,
        birth_date=seat.birth_date,
        employer=seat.employer or None,
        from_host=seat.from_host,
        title=seat.title or None,
        title_level=seat.title_level or None,
        title_obtained_on=seat.title_obtained_on,
        specialty=seat.specialty or None,
        in_service=seat.in_service,
        main_practice_site=seat.main_practice_site or None,
        district_practice_since=seat.district_practice_since,
        chair_terms_served=seat.chair_terms_served,
        penalised_within_2y=seat.penalised_within_2y,
        clinical_or_medtech=seat.clinical_or_medtech,
        row=seat.row,
    )


def active_seats(committee: Committee):
    return committee.members.filter(
        status__in=[CommitteeMember.Status.ACTIVE, CommitteeMember.Status.WITHDRAWAL_REQUESTED]
    ).order_by("pk")


def roster_violations(committee: Committee, *, on: date | None = None, seats=None) -> list[Violation]:
    """The engine's verdict on the roster (rulesets.engine.committee.check_roster): the same as
    ``manage.py rulesets check-roster`` on the same rows."""
    on = on or today()
    ruleset = ruleset_for(committee, on=on)
    seats = list(seats if seats is not None else active_seats(committee))
    members = tuple(engine_member(s) for s in seats)
    chairs = [m for m in members if m.role in CHAIR_ROLES]
    first = not any(m.chair_terms_served for m in chairs)
    engine_committee = EngineCommittee(
        members,
        host_name=committee.centre.host.name if committee.centre.host else None,
        group_kind=committee.group_kind,
    )
    return committee_engine.check_roster(ruleset, engine_committee, on=on, first_appointment=first)


# The parameters rulesets/engine/committee.py checks (composition, chair, members); the other
# parameters of these groups are judged by the approver and listed as such.
ENGINE_CHECKED = {
    "committee.max_members",
    "committee.max_from_host",
    "committee.host_role_caps",
    "committee.chairs",
    "committee.secretaries",
    "committee.leaders",
    "committee.liaisons",
    "committee.min_vice_chairs",
    "committee.max_vice_chairs",
    "committee.min_vice_chairs_from_outside_host",
    "committee.max_liaison_secretaries",
    "chair.must_be_host_staff",
    "chair.must_be_in_service",
    "chair.must_practise_mainly_at_host",
    "chair.max_age",
    "chair.max_age_at_first_appointment",
    "chair.min_title_level",
    "chair.min_title_years",
    "chair.max_terms",
    "chair.penalty_free_years",
    "members.liaison_min_title_level",
    "members.liaison_min_title_years",
    "members.min_title_level",
    "members.expert_group_min_title_level",
    "members.supervision_min_title_level",
    "members.supervision_min_title_years",
    "members.must_be_in_service",
    "members.min_years_at_district_first_practice_site",
}


# How the engine counts members (committee.max_members, max_from_host): applied, no breach of their own.
ENGINE_COUNTING = {"committee.liaison_counted_in_members", "committee.members_include_officers"}


def rule_list(ruleset, violations) -> list[dict]:
    """Every composition and eligibility rule of the rule set, with its article, its words, how
    binding it is and the roster's result: the people who breach it, or that the approver judges it."""
    by_code: dict[str, list[str]] = {}
    for v in violations:
        by_code.setdefault(v.code, []).append(v.subject or "名单")
    rows = []
    for key, p in ruleset.parameters.items():
        if p.group not in ("committee", "chair", "members"):
            continue
        rows.append(
            {
                "key": key,
                "article": p.article,
                "text": p.text,
                "strictness": p.strictness,
                "checked": key in ENGINE_CHECKED | ENGINE_COUNTING,
                "breaches": by_code.get(key, []),
            }
        )
    return rows


def violations_by_seat(committee: Committee, violations: list[Violation], seats) -> tuple[dict, list]:
    """Split violations into those of a person (by seat pk) and those of the whole roster."""
    by_label = {}
    for seat in seats:
        by_label.setdefault(engine_member(seat).label, []).append(seat.pk)
    per_seat: dict[int, list[Violation]] = {}
    overall: list[Violation] = []
    for v in violations:
        pks = by_label.get(v.subject) if v.subject else None
        if pks:
            for pk in pks:
                per_seat.setdefault(pk, []).append(v)
        else:
            overall.append(v)
    return per_seat, overall


def _require_editable(committee: Committee, acting_user) -> None:
    if not committee.editable:
        raise WrongState(
            codes.ROSTER_NOT_EDITABLE, "名单已提交或已批准，不能再修改；如需调整请使用任期内变更。"
        )
    require(policies.may_edit_roster(acting_user, committee), "只有挂靠单位可以编辑委员会名单。")


ENTERED_FIELDS = ("chair_terms_served", "penalised_within_2y", "clinical_or_medtech")


@transaction.atomic
def member_add(*, committee: Committee, acting_user, role: str, person=None, **fields) -> CommitteeMember:
    """Add a seat to a draft roster: a person from the directory (their qualifications copied from
    it) or a person entered with their qualifications."""
    committee = Committee.objects.select_for_update().get(pk=committee.pk)
    _require_editable(committee, acting_user)
    return _seat_create(committee, role=role, person=person, fields=fields)


def seat_add(*, committee: Committee, acting_user, role: str, person=None, **fields) -> CommitteeMember:
    """A seat added by the roster's keeper, page or API alike: to the roster while it is a draft
    (``member_add``), during the term once approved (``member_join``); a roster under review or
    decided otherwise is refused by ``member_add`` with the reason."""
    approved = committee.status == Committee.Status.APPROVED
    service = member_join if approved else member_add
    return service(committee=committee, acting_user=acting_user, role=role, person=person, **fields)


# What a person's entered qualifications may be (a value out of these is a typing error, refused
# with its field; the database column of 已任主任委员届数 is a small integer).
MAX_CHAIR_TERMS = 20
SEAT_CHECKED = ("chair_terms_served", "birth_date", "title_obtained_on", "district_practice_since")


def seat_value_problems(values: dict) -> list[str]:
    """The entered values of a seat that cannot be true: a date in the future, a title before
    birth, a count of chair terms out of range. Each message names its field."""
    on = today()
    problems = []
    terms = values.get("chair_terms_served")
    if terms is not None and not 0 <= terms <= MAX_CHAIR_TERMS:
        problems.append(f"已任主任委员届数应在0至{MAX_CHAIR_TERMS}之间，现为{terms}。")
    for key, label in (
        ("birth_date", "出生日期"),
        ("title_obtained_on", "取得职称时间"),
        ("district_practice_since", "在本区执业起始时间"),
    ):
        when = values.get(key)
        if when is not None and when > on:
            problems.append(f"{label}{when:%Y-%m-%d}晚于今天。")
    born, titled = values.get("birth_date"), values.get("title_obtained_on")
    if born and titled and titled < born:
        problems.append(f"取得职称时间{titled:%Y-%m-%d}早于出生日期{born:%Y-%m-%d}。")
    return problems


def _seat_create(committee, *, role, person, fields, joined_on=None) -> CommitteeMember:
    if role not in dict(CommitteeMember._meta.get_field("role").choices):
        raise InvalidInput("experts_role_unknown", "职务不正确。")
    values = _person_fields(person, committee.centre) if person is not None else {}
    values.update(
        {k: v for k, v in fields.items() if v is not None and (person is None or k in ENTERED_FIELDS)}
    )
    if not values.get("name"):
        raise InvalidInput("experts_name_required", "请从人员库选择人员，或填写姓名。")
    if problems := seat_value_problems(values):
        raise InvalidInput(codes.SEAT_VALUE, "；".join(problems))
    if person is not None and active_seats(committee).filter(person=person).exists():
        raise InvalidInput("experts_person_seated", f"{person.name}已在名单中。")
    return CommitteeMember.objects.create(
        committee=committee, person=person, role=role, joined_on=joined_on, **values
    )


@transaction.atomic
def member_delete(*, seat: CommitteeMember, acting_user) -> None:
    """Take a row off a draft roster (before submission nothing has been decided about it)."""
    _require_editable(seat.committee, acting_user)
    seat.delete()


@transaction.atomic
def roster_import(*, committee: Committee, file, acting_user) -> list[CommitteeMember]:
    """Replace the draft roster with the rows of the roster workbook (``rulesets roster-template``).
    A malformed cell refuses the whole file, each on its row and column; nothing is half-read."""
    committee = Committee.objects.select_for_update().get(pk=committee.pk)
    _require_editable(committee, acting_user)
    host = committee.centre.host
    try:
        parsed = read_roster(file, host_name=host.name if host else None, group_kind=committee.group_kind)
    except RosterError as error:
        cells = [Violation(codes.ROSTER_FILE, "", str(e), "mandatory", f"第{e.row}行") for e in error.errors]
        raise InvalidInput(codes.ROSTER_FILE, error.args[0], cells) from None
    cells = [
        Violation(codes.ROSTER_FILE, "", f"第{m.row}行 {m.name}：{problem}", "mandatory", f"第{m.row}行")
        for m in parsed.members
        for problem in seat_value_problems({key: getattr(m, key, None) for key in SEAT_CHECKED})
    ]
    if cells:
        raise InvalidInput(codes.ROSTER_FILE, "名册中有不可能的数值，未导入：", cells)
    committee.members.all().delete()
    seats = []
    for m in parsed.members:
        seats.append(
            CommitteeMember.objects.create(
                committee=committee,
                role=m.role,
                name=m.name,
                sex=m.sex or "",
                birth_date=m.birth_date,
                employer=m.employer or "",
                from_host=m.from_host,
                title=m.title or "",
                title_level=m.title_level or "",
                title_obtained_on=m.title_obtained_on,
                specialty=m.specialty or "",
                in_service=m.in_service,
                main_practice_site=m.main_practice_site or "",
                district_practice_since=m.district_practice_since,
                chair_terms_served=m.chair_terms_served,
                penalised_within_2y=m.penalised_within_2y,
                row=m.row,
            )
        )
    timeline_add(committee, kind="roster_imported", title=f"导入名册（{len(seats)}人）", actor=acting_user)
    return seats


@transaction.atomic
def roster_submit(*, committee: Committee, acting_user, justification: str = "") -> Committee:
    """Submit to the commission. A mandatory breach refuses; an in-principle departure needs a
    written justification and is flagged to the approver."""
    require(policies.roster_submitter(acting_user, committee), "只有挂靠单位可以提交委员会名单。")
    if not committee.editable:  # a second click, a stale page: the state, not a refusal of the person
        raise WrongState(codes.ROSTER_NOT_EDITABLE, f"名单已{committee.get_status_display()}，不能再次提交。")
    if not active_seats(committee).exists():
        raise InvalidInput(codes.ROSTER_EMPTY, "名单为空，请先添加委员或导入名册。")
    departures = refuse_unless_allowed(roster_violations(committee), justification=justification)
    transition(
        committee,
        "submit",
        message="只有草稿或已退回的名单可以提交。",
        extra={
            "submitted_at": timezone.now(),
            "justification": justification.strip() if departures else "",
            "departures": [v.to_dict() for v in departures],
            "return_reasons": "",
        },
    )
    timeline_add(
        committee,
        kind="roster_submitted",
        title="提交委员会名单",
        actor=acting_user,
        departures=[v.to_dict() for v in departures],
    )
    return committee


@transaction.atomic
def roster_return(*, committee: Committee, acting_user, reasons: str) -> Committee:
    require(policies.may_decide_roster(acting_user, committee), "只有本级卫生健康委可以审批委员会名单。")
    reasons = _reason(reasons, "退回理由")
    transition(
        committee,
        "send_back",
        message="只有待审批的名单可以退回。",
        extra={"return_reasons": reasons, "decided_at": timezone.now(), "decided_by": acting_user},
    )
    timeline_add(
        committee, kind="roster_returned", title="退回委员会名单", actor=acting_user, reasons=reasons
    )
    return committee


@transaction.atomic
def roster_approve(*, committee: Committee, acting_user) -> Committee:
    """Approve and issue the appointment notice (聘任通知, an official document of the commission).
    The rules are weighed again: a mandatory breach (the rule set changed, a birthday passed)
    still refuses; the in-principle departures were justified at submission."""
    require(policies.may_decide_roster(acting_user, committee), "只有本级卫生健康委可以审批委员会名单。")
    if committee.status != committee.Status.SUBMITTED:
        raise WrongState(codes.ROSTER_NOT_SUBMITTED, "只有待审批的名单可以批准。")
    refuse_unless_allowed(roster_violations(committee), justification=committee.justification or "已说明")
    term = committee.centre.terms.filter(status="active").first()
    from .documents import issue_roster_notice

    document = issue_roster_notice(committee=committee, acting_user=acting_user)
    transition(
        committee,
        "approve",
        message="只有待审批的名单可以批准。",
        extra={
            "decided_at": timezone.now(),
            "decided_by": acting_user,
            "notice": document,
            "term_starts_on": term.starts_on if term else today(),
            "term_ends_on": term.ends_on if term else None,
        },
    )
    active_seats(committee).update(joined_on=today())
    timeline_add(
        committee,
        kind="roster_approved",
        title="批准委员会名单并印发聘任通知",
        actor=acting_user,
        document=document,
    )
    if letters_permitted(committee)[0]:
        _letters_queue(committee, acting_user)
    return committee


# --- changes during the term -------------------------------------------------------------------


def _approved(committee: Committee) -> None:
    if committee.status != Committee.Status.APPROVED:
        raise WrongState(codes.COMMITTEE_NOT_APPROVED, "委员会名单尚未批准（或已解散），不能进行任期内变更。")


@transaction.atomic
def member_join(*, committee: Committee, acting_user, role: str, person=None, **fields) -> CommitteeMember:
    """A new seat during the term: a new chair after the chair left (within the month), or another
    member where the rule set allows replacement. 济南 第十九条（二）: 委员任期内因故不能继续履职的，
    不进行增补 — refused with the article."""
    committee = Committee.objects.select_for_update().get(pk=committee.pk)
    _approved(committee)
    require(policies.may_change_members(acting_user, committee), "只有挂靠单位或质控办可以办理任期内变更。")
    ruleset = ruleset_for(committee)
    is_chair = role in CHAIR_ROLES
    if is_chair and active_seats(committee).filter(role__in=CHAIR_ROLES).exists():
        raise WrongState(codes.CHAIR_OCCUPIED, "主任委员（组长）在任，须先办理离任再推荐新人选。")
    if not is_chair and (p := rule(ruleset, "committee.no_replacement_during_term")) and p.value:
        raise RuleRefusal(
            codes.NO_REPLACEMENT, "", [breach(p, "委员任期内因故不能继续履职的，不进行增补，不能新增委员")]
        )
    seat = _seat_create(committee, role=role, person=person, fields=fields, joined_on=today())
    seats = list(active_seats(committee))
    refuse_unless_allowed(
        [v for v in roster_violations(committee, seats=seats) if v.strictness == "mandatory"]
    )
    if is_chair:
        from deadlines.services import deadline_meet

        deadline_meet(subject=committee, kind="experts.chair_replacement")
    timeline_add(
        committee, kind="member_joined", title=f"{seat.get_role_display()}：{seat.name}", actor=acting_user
    )
    if letters_permitted(committee)[0] and policies.may_request_letters(acting_user, committee):
        _letters_queue(committee, acting_user)
    return seat


@transaction.atomic
def member_leave(*, seat: CommitteeMember, acting_user, reason: str) -> CommitteeMember:
    """A member cannot continue. A chair who leaves opens the one-month replacement deadline
    (九龙坡 第十二条, 济南 第十九条（二）, 青浦 第十四条: chair.replacement_deadline_months)."""
    committee = seat.committee
    _approved(committee)
    require(policies.may_change_members(acting_user, committee), "只有挂靠单位或质控办可以办理任期内变更。")
    reason = _reason(reason, "离任原因")
    transition(
        seat,
        "leave",
        message="该委员已不在任。",
        code=codes.MEMBER_NOT_ACTIVE,
        extra={"left_on": today(), "leave_reason": reason},
    )
    article = ""
    if seat.role in CHAIR_ROLES:
        ruleset = ruleset_for(committee)
        if p := rule(ruleset, "chair.replacement_deadline_months"):
            from deadlines.dates import due_in_months
            from deadlines.services import deadline_open

            article = p.article
            deadline_open(
                kind="experts.chair_replacement",
                title=f"{committee.name}：重新推荐主任委员（组长）人选",
                subject=committee,
                due_at=due_in_months(today(), p.value),
                jurisdiction=committee.centre.jurisdiction,
                institution=committee.centre.host,
                article=p.article,
                ruleset_code=ruleset.code,
                acting_user=acting_user,
            )
    timeline_add(
        committee, kind="member_left", title=f"{seat.name}离任：{reason}", actor=acting_user, article=article
    )
    return seat


@transaction.atomic
def member_request_withdrawal(*, seat: CommitteeMember, acting_user, reason: str) -> CommitteeMember:
    """青浦 第十四条: 应提前向组长提出退出申请 — the member applies to the leader."""
    committee = seat.committee
    _approved(committee)
    ruleset = ruleset_for(committee)
    p = rule(ruleset, "members.exit_application_in_advance")
    if not (p and p.value):
        raise InvalidInput(
            codes.WITHDRAWAL_NOT_PROVIDED, "适用的规则集未规定成员申请退出程序，请联系挂靠单位办理离任。"
        )
    require(seat.person_id is not None and policies.is_person(acting_user, seat.person), "只能申请本人退出。")
    reason = _reason(reason, "退出理由")
    transition(
        seat,
        "request_withdrawal",
        message="该成员不在任或已申请退出。",
        code=codes.MEMBER_NOT_ACTIVE,
        extra={"leave_reason": reason},
    )
    timeline_add(
        committee,
        kind="withdrawal_requested",
        title=f"{seat.name}申请退出",
        actor=acting_user,
        article=p.article,
    )
    return seat


@transaction.atomic
def member_withdraw(*, seat: CommitteeMember, acting_user) -> CommitteeMember:
    """The leader (the host) reports the withdrawal to the development centre; the seat is vacated."""
    committee = seat.committee
    _approved(committee)
    require(
        policies.may_change_members(acting_user, committee),
        "只有组长所在单位或区卫生健康事业发展中心可以办理。",
    )
    transition(
        seat,
        "withdraw",
        message="该成员没有待办的退出申请。",
        code=codes.MEMBER_NOT_ACTIVE,
        extra={"left_on": today()},
    )
    timeline_add(
        committee,
        kind="member_withdrawn",
        title=f"{seat.name}退出，已报区卫生健康事业发展中心",
        actor=acting_user,
    )
    return seat


@transaction.atomic
def member_remove(*, seat: CommitteeMember, acting_user, reason: str) -> CommitteeMember:
    """调出 for a violation or long inactivity (九龙坡 第二十三条（二）, 济南 第十八条, 青浦 第十九条:
    members.non_performance_consequence), with the decision as an official document."""
    committee = seat.committee
    _approved(committee)
    require(policies.may_remove_member(acting_user, committee), "只有本级卫生健康委可以作出调整决定。")
    reason = _reason(reason, "调整原因")
    ruleset = ruleset_for(committee)
    p = rule(ruleset, "members.non_performance_consequence")
    if seat.status not in (CommitteeMember.Status.ACTIVE, CommitteeMember.Status.WITHDRAWAL_REQUESTED):
        raise WrongState(codes.MEMBER_NOT_ACTIVE, "该委员已不在任。")
    from .documents import issue_removal_decision

    document = issue_removal_decision(
        seat=seat, reason=reason, article=p.article if p else "", acting_user=acting_user
    )
    transition(
        seat,
        "remove",
        message="该委员已不在任。",
        code=codes.MEMBER_NOT_ACTIVE,
        extra={"left_on": today(), "leave_reason": reason, "decision": document},
    )
    timeline_add(
        committee,
        kind="member_removed",
        title=f"调出{seat.name}：{reason}",
        actor=acting_user,
        article=p.article if p else "",
        document=document,
    )
    return seat


def _letter_rule(committee: Committee, ruleset=None):
    # ``ruleset``: the committee's, already looked up (a roster page asks for every seat: issue 14)
    return rule(ruleset or ruleset_for(committee), "committee.appointment_letters")


def letters_permitted(committee: Committee, *, ruleset=None) -> tuple[bool, str]:
    """Whether the rule set lets the centre issue letters at all (committee.appointment_letters:
    九龙坡 第十九条（六） with the commission's consent — its approval of the roster; 青浦 第十七条（六）
    never under the group's name). A rule set without the rule does not restrict them."""
    p = _letter_rule(committee, ruleset)
    if p is not None and p.value == "not_by_centre":
        return False, f"{p.article}：{p.text}。以卫生健康委的聘任通知为准。"
    return True, ""


def letter_allowed(seat: CommitteeMember, *, ruleset=None) -> tuple[bool, str]:
    """Whether the member may have an appointment letter (聘书) under the centre's name, and why (not)."""
    committee = seat.committee
    if committee.status != Committee.Status.APPROVED or seat.status != CommitteeMember.Status.ACTIVE:
        return False, "名单批准后，在任委员方可获得聘书。"
    permitted, why = letters_permitted(committee, ruleset=ruleset)
    if not permitted:
        return False, why
    p = _letter_rule(committee, ruleset)
    return True, (
        f"{p.article}：经卫生健康委批准名单"
        f"（{committee.notice.number if committee.notice else ''}）同意颁发。"
        if p is not None
        else ""
    )


def _letters_queue(committee: Committee, acting_user) -> None:
    """Hand the roster's letters to a worker (after the commit; core.outbox survives a broker down)."""
    from core import outbox

    from .tasks import issue_appointment_letters

    outbox.enqueue(issue_appointment_letters, committee.pk, acting_user.pk, subject=committee)


def letters_waiting(committee: Committee) -> list[CommitteeMember]:
    """Active seats of an approved roster still without their letter, where letters are allowed."""
    if committee.status != Committee.Status.APPROVED or not letters_permitted(committee)[0]:
        return []
    return list(active_seats(committee).filter(status=CommitteeMember.Status.ACTIVE, letter__isnull=True))


@transaction.atomic
def letters_request(*, committee: Committee, acting_user) -> int:
    """Ask for the roster's letters: a job issues them (not in the request). Returns how many seats
    it will letter; a seat already lettered is never lettered again, however often this is asked."""
    committee = Committee.objects.select_for_update().get(pk=committee.pk)
    _approved(committee)
    require(
        policies.may_request_letters(acting_user, committee),
        "只有卫生健康委、质控办或挂靠单位可以颁发聘书。",
    )
    permitted, why = letters_permitted(committee)
    if not permitted:
        p = _letter_rule(committee)
        raise RuleRefusal(codes.LETTERS_NOT_ALLOWED, "", [breach(p, why.split("：", 1)[-1])])
    waiting = letters_waiting(committee)
    if not waiting:
        raise WrongState(codes.LETTERS_DONE, "在任委员的聘书均已颁发。")
    _letters_queue(committee, acting_user)
    return len(waiting)


def letters_issue(*, committee_id: int, acting_user) -> list:
    """The job: each seat without a letter gets one, each in its own transaction (a failure leaves
    the others issued and gives its number back). Two jobs at once: the seat's row lock makes the
    second wait and then find the letter there."""
    import logging

    committee = Committee.objects.get(pk=committee_id)
    issued = []
    for seat in letters_waiting(committee):
        try:
            document = letter_issue(seat_id=seat.pk, acting_user=acting_user)
        except (RuleRefusal, NotAllowed, WrongState) as refused:
            logging.getLogger(__name__).warning("letter for seat %s refused: %s", seat.pk, refused)
            continue
        if document is not None:
            issued.append(document)
    return issued


@transaction.atomic
def letter_issue(*, seat_id: int, acting_user):
    """One member's 聘书, once: the seat is locked, and a seat with a letter is left as it is."""
    seat = CommitteeMember.objects.select_for_update().get(pk=seat_id)
    if seat.letter_id:
        return None
    allowed, _why = letter_allowed(seat)
    if not allowed:
        return None
    committee = seat.committee
    p = _letter_rule(committee)
    basis = f"《{ruleset_for(committee).title}》{p.article}" if p is not None else ""
    from .documents import issue_letter

    document = issue_letter(seat=seat, basis=basis, acting_user=acting_user)
    CommitteeMember.objects.filter(pk=seat.pk, letter__isnull=True).update(letter=document)
    timeline_add(
        committee, kind="letter_issued", title=f"颁发聘书：{seat.name}", actor=acting_user, document=document
    )
    return document


@transaction.atomic
def meeting_record(
    *, committee: Committee, acting_user, held_on: date, agenda: str, minutes: str = "", attendees=()
) -> Meeting:
    """A committee meeting (九龙坡 第十三条: 每年至少应召开2次), counted in the year's view."""
    require(policies.may_record_meeting(acting_user, committee), "只有挂靠单位或质控办可以记录委员会会议。")
    _approved(committee)
    if held_on > today():
        raise InvalidInput(codes.DATE_IN_FUTURE, "会议日期不能晚于今天；会议召开后再记录。")
    agenda = _reason(agenda, "会议议程")
    seated = set(active_seats(committee).exclude(person=None).values_list("person_id", flat=True))
    strangers = [p.name for p in attendees if p.pk not in seated]
    if strangers:
        raise InvalidInput("experts_attendee_not_member", f"出席人员须为本委员会委员：{'、'.join(strangers)}")
    meeting = Meeting.objects.create(
        committee=committee, held_on=held_on, agenda=agenda, minutes=minutes, recorded_by=acting_user
    )
    meeting.attendees.set(attendees)
    timeline_add(committee, kind="meeting", title=f"{held_on:%Y-%m-%d} 委员会会议", actor=acting_user)
    return meeting


def meeting_year(committee: Committee, year: int) -> dict:
    """The year's meetings against duties.min_committee_meetings_per_year."""
    from rulesets.engine.duties import check_duties

    ruleset = ruleset_for(committee)
    held = committee.meetings.filter(held_on__year=year).count()
    p = rule(ruleset, "duties.min_committee_meetings_per_year")
    violations = [
        v
        for v in check_duties(ruleset, year, {"committee_meetings": held}, on=today())
        if v.code == "duties.min_committee_meetings_per_year"
    ]
    return {
        "year": year,
        "held": held,
        "minimum": p.value if p else None,
        "article": p.article if p else "",
        "violations": violations,
    }


@transaction.atomic
def committee_dissolve_for_centre(*, centre, reason: str = "", acting_user=None) -> list[Committee]:
    """The centre's committees are dissolved with it (九龙坡 第二十五条: committee.dissolved_with_host).
    Called by the centres service that dissolves a centre — the only path."""
    out = []
    for committee in (
        Committee.objects.select_for_update().filter(centre=centre).exclude(status=Committee.Status.DISSOLVED)
    ):
        transition(
            committee,
            "dissolve",
            extra={"dissolved_on": today(), "dissolved_reason": (reason or "质控中心解除挂靠")[:200]},
        )
        from deadlines.models import Deadline
        from deadlines.services import deadline_meet, deadline_waive, may_waive

        for deadline in Deadline.objects.pending().filter(**_subject_lookup(committee)):
            # the obligation lapses with the committee: waived with the reason where the acting
            # commission may, otherwise closed (nobody can still owe it)
            if may_waive(acting_user):
                deadline_waive(
                    deadline=deadline,
                    reason=f"委员会随质控中心解散：{reason or '解除挂靠'}",
                    acting_user=acting_user,
                )
            else:
                deadline_meet(deadline=deadline)
        timeline_add(committee, kind="dissolved", title="随质控中心解除挂靠而解散", actor=acting_user)
        out.append(committee)
    return out


def _subject_lookup(subject) -> dict:
    from deadlines.services import _subject_lookup as lookup

    return lookup(subject)


# =============================================================================================
# Duty hours and QR sign-in
# =============================================================================================


def _hours(value) -> Decimal:
    try:
        hours = Decimal(str(value))
    except (InvalidOperation, TypeError):
        raise InvalidInput(codes.HOURS_OUT_OF_RANGE, "时长应为数字，如 2 或 1.5。") from None
    if not hours.is_finite():  # "NaN" parses, and then no comparison may be made with it
        raise InvalidInput(codes.HOURS_OUT_OF_RANGE, "时长应为数字，如 2 或 1.5。")
    if not (Decimal(0) < hours <= Decimal(24)):
        raise InvalidInput(codes.HOURS_OUT_OF_RANGE, "时长应大于 0 且不超过 24 小时。")
    return hours.quantize(Decimal("0.1"))


DAY_HOURS = Decimal(24)


def _check_day_total(person, worked_on: date, hours: Decimal, exclude=None) -> None:
    """A day has 24 hours: an expert's entries of one day (returned ones aside) add up to no more.
    The expert's row is locked first: two entries sent at once are summed one after the other."""
    list(Person.objects.select_for_update().filter(pk=person.pk).values_list("pk", flat=True))
    logs = DutyLog.objects.filter(person=person, worked_on=worked_on).exclude(status=DutyLog.Status.RETURNED)
    if exclude is not None:
        logs = logs.exclude(pk=exclude.pk)
    already = logs.aggregate(total=Sum("hours"))["total"] or Decimal(0)
    if already + hours > DAY_HOURS:
        raise InvalidInput(
            codes.HOURS_OUT_OF_RANGE,
            f"{worked_on:%Y-%m-%d}已填报{already}小时，再加{hours}小时将超过一天 24 小时。",
        )


def work_places(person) -> list[tuple[str, str, object]]:
    """Where ``person`` can record hours: (key, label, centre or library) for each committee they
    sit on and each library that appoints them."""
    out = []
    seats = CommitteeMember.objects.filter(
        person=person, status=CommitteeMember.Status.ACTIVE, committee__status=Committee.Status.APPROVED
    ).select_related("committee__centre__jurisdiction", "committee__centre__host")
    for seat in seats:
        centre = seat.committee.centre
        out.append((f"centre:{centre.pk}", centre.name, centre))
    for expert in Expert.objects.filter(person=person, status=Expert.Status.ACTIVE).select_related("library"):
        out.append((f"library:{expert.library_id}", expert.library.name, expert.library))
    seen, unique = set(), []
    for key, label, obj in out:
        if key not in seen:
            seen.add(key)
            unique.append((key, label, obj))
    return unique


def _place(person, work_for: str):
    for key, _label, obj in work_places(person):
        if key == work_for:
            return obj
    raise InvalidInput(
        codes.WORK_FOR_REQUIRED, "请选择履职所在的质控中心或专家库（须为您在任的委员会或专家库）。"
    )


def _in_post_since(person, place) -> date | None:
    """The day ``person``'s post began: the library appointment, or the committee's term."""
    if isinstance(place, Library):
        expert = (
            Expert.objects.filter(person=person, library=place).exclude(status=Expert.Status.EXITED).first()
        )
        return expert.appointed_on if expert else None
    seat = (
        CommitteeMember.objects.filter(
            person=person,
            status=CommitteeMember.Status.ACTIVE,
            committee__centre=place,
            committee__status=Committee.Status.APPROVED,
        )
        .select_related("committee")
        .first()
    )
    return seat.committee.term_starts_on if seat else None


def _graded_year(place, year: int) -> bool:
    return (
        isinstance(place, Library)
        and Grading.objects.filter(library=place, year=year, status=Grading.Status.FINALISED).exists()
    )


def _check_work_date(person, place, worked_on: date) -> None:
    """Hours count for the post from the day it was taken up, and not for a year already graded
    (the grading took that year's confirmed hours; 重庆全科 四、(二)4.)."""
    since = _in_post_since(person, place)
    if since and worked_on < since:
        raise InvalidInput(
            codes.DATE_BEFORE_POST, f"日期早于本人在{place}的任职（聘任）日期{since:%Y-%m-%d}。"
        )
    if _graded_year(place, worked_on.year):
        raise WrongState(
            codes.YEAR_GRADED, f"{place}{worked_on.year}年度考核已定等，不能再填报或确认该年度履职。"
        )


def _place_fields(place) -> dict:
    if isinstance(place, Library):
        return {"library": place, "centre": None, "jurisdiction": place.jurisdiction}
    return {"centre": place, "library": None, "jurisdiction": place.jurisdiction}


@transaction.atomic
def duty_record(
    *,
    person,
    acting_user,
    work_for: str,
    worked_on: date,
    kind: str,
    hours,
    description: str,
    on_site: bool = True,
    evidence: str = "",
) -> DutyLog:
    """An expert records hours of QC work; they count once the secretary confirms them."""
    require(policies.may_record_duty(acting_user, person), "只能填报本人的履职记录。")
    require(is_assignable(person), "您已退出专家库，不能再填报履职记录。", codes.NOT_ASSIGNABLE)
    if worked_on > today():
        raise InvalidInput(codes.DATE_IN_FUTURE, "日期不能晚于今天。")
    place = _place(person, work_for)
    _check_work_date(person, place, worked_on)
    hours = _hours(hours)
    _check_day_total(person, worked_on, hours)
    return DutyLog.objects.create(
        person=person,
        worked_on=worked_on,
        kind=kind,
        hours=hours,
        description=_reason(description, "工作内容"),
        on_site=on_site,
        evidence=evidence,
        **_place_fields(place),
    )


@transaction.atomic
def duty_update(*, log: DutyLog, acting_user, **changes) -> DutyLog:
    """The expert corrects a pending or returned entry; a returned one goes back for confirmation."""
    log = DutyLog.objects.select_for_update().get(pk=log.pk)
    require(policies.may_record_duty(acting_user, log.person), "只能修改本人的履职记录。")
    if log.status == DutyLog.Status.CONFIRMED:
        raise WrongState(codes.NOT_EDITABLE, "已确认的履职记录不能修改。")
    if "hours" in changes:
        changes["hours"] = _hours(changes["hours"])
    if log.activity_id:
        fixed = [
            label
            for field, label in (
                ("worked_on", "日期"),
                ("kind", "类别"),
                ("hours", "时长"),
                ("on_site", "形式"),
            )
            if field in changes and changes[field] != getattr(log, field)
        ]
        if fixed:
            raise InvalidInput(
                codes.SIGN_IN_FIXED,
                f"扫码签到记录的{'、'.join(fixed)}以活动为准，不能修改；可补充工作内容和佐证。",
            )
    if "worked_on" in changes and changes["worked_on"] > today():
        raise InvalidInput(codes.DATE_IN_FUTURE, "日期不能晚于今天。")
    if "worked_on" in changes:
        _check_work_date(log.person, log.library or log.centre, changes["worked_on"])
    if "description" in changes:
        changes["description"] = _reason(changes["description"], "工作内容")
    if "worked_on" in changes or "hours" in changes:
        _check_day_total(
            log.person, changes.get("worked_on", log.worked_on), changes.get("hours", log.hours), exclude=log
        )
    for field in ("worked_on", "kind", "hours", "description", "on_site", "evidence"):
        if field in changes:
            setattr(log, field, changes[field])
    log.save()
    if log.status == DutyLog.Status.RETURNED:
        transition(log, "resubmit", extra={"return_reason": ""})
    return log


@transaction.atomic
def duty_confirm(*, log: DutyLog, acting_user) -> DutyLog:
    require(
        policies.may_confirm_duty(acting_user, log), "只有质控中心秘书（挂靠单位或质控办）可以确认履职记录。"
    )
    if _graded_year(log.library, log.worked_on.year):
        raise WrongState(
            codes.YEAR_GRADED, f"{log.library}{log.worked_on.year}年度考核已定等，不能再确认该年度履职。"
        )
    transition(
        log,
        "confirm",
        message="只有待确认的记录可以确认。",
        code=codes.DUTY_NOT_PENDING,
        extra={"decided_by": acting_user, "decided_at": timezone.now()},
    )
    hours_deadline_check(log.person, log.worked_on.year)
    return log


@transaction.atomic
def duty_return(*, log: DutyLog, acting_user, reason: str) -> DutyLog:
    require(
        policies.may_confirm_duty(acting_user, log), "只有质控中心秘书（挂靠单位或质控办）可以退回履职记录。"
    )
    reason = _reason(reason, "退回理由")
    return transition(
        log,
        "send_back",
        message="只有待确认的记录可以退回。",
        code=codes.DUTY_NOT_PENDING,
        extra={"decided_by": acting_user, "decided_at": timezone.now(), "return_reason": reason},
    )


@transaction.atomic
def activity_create(
    *,
    acting_user,
    place,
    kind: str,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    hours=None,
    on_site: bool = True,
) -> Activity:
    """A meeting, training or inspection with its QR sign-in code, valid until the activity ends."""
    fields = _place_fields(place)
    require(
        policies.may_create_activity(
            acting_user,
            jurisdiction=fields["jurisdiction"],
            centre=fields["centre"],
            library=fields["library"],
        ),
        "只有质控中心秘书（挂靠单位或质控办）可以发起签到活动。",
    )
    if ends_at <= starts_at:
        raise InvalidInput(codes.ACTIVITY_TIMES, "结束时间应晚于开始时间。")
    if ends_at <= timezone.now():
        raise InvalidInput(codes.ACTIVITY_TIMES, "活动已结束，不能再生成签到码；请由专家填报履职记录。")
    span = Decimal((ends_at - starts_at).total_seconds() / 3600).quantize(Decimal("0.1"))
    if hours in (None, ""):
        if span > 24:
            raise InvalidInput(
                codes.HOURS_OUT_OF_RANGE,
                f"活动跨度{span}小时，超过一天：请填写每位签到专家的计入时长（不超过 24 小时）。",
            )
        hours = span
    elif _hours(hours) > span:  # everyone who signs in is credited these hours
        raise InvalidInput(codes.HOURS_OUT_OF_RANGE, f"计入时长{_hours(hours)}小时超过活动时长{span}小时。")
    activity = Activity.objects.create(
        kind=kind,
        title=_reason(title, "活动名称"),
        starts_at=starts_at,
        ends_at=ends_at,
        hours=_hours(hours),
        on_site=on_site,
        created_by=acting_user,
        **fields,
    )
    SignInCode.objects.create(activity=activity, expires_at=ends_at)
    return activity


SIGN_IN_OPENS_BEFORE = timedelta(hours=2)  # the code works from two hours before the start (arrivals)


def _eligible_for(person, activity: Activity) -> bool:
    if activity.centre_id:
        return CommitteeMember.objects.filter(
            person=person,
            status=CommitteeMember.Status.ACTIVE,
            committee__centre_id=activity.centre_id,
            committee__status=Committee.Status.APPROVED,
        ).exists()
    return Expert.objects.filter(
        person=person, library_id=activity.library_id, status=Expert.Status.ACTIVE
    ).exists()


def sign_in(*, token: str, acting_user, at: datetime | None = None) -> tuple[DutyLog, bool]:
    """签到: the logged-in expert scanning the activity's code gets one unconfirmed entry for it.
    Returns (entry, created); signing in again returns the same entry and creates nothing."""
    at = at or timezone.now()
    code = (
        SignInCode.objects.select_related("activity__centre", "activity__library", "activity__jurisdiction")
        .filter(token=token)
        .first()
    )
    if code is None:
        raise InvalidInput(codes.SIGN_IN_UNKNOWN, "签到码无效。")
    activity = code.activity
    person = acting_user.person if acting_user.is_authenticated and acting_user.person_id else None
    require(person is not None and policies.is_writer(acting_user), "请使用专家本人账号登录后扫码签到。")
    existing = DutyLog.objects.filter(person=person, activity=activity).first()
    if existing:
        return existing, False
    if at >= code.expires_at:
        raise WrongState(
            codes.SIGN_IN_EXPIRED,
            f"活动已于{timezone.localtime(code.expires_at):%Y-%m-%d %H:%M}结束，签到码已失效。",
        )
    if at < activity.starts_at - SIGN_IN_OPENS_BEFORE:
        raise WrongState(
            codes.SIGN_IN_NOT_STARTED,
            f"活动{timezone.localtime(activity.starts_at):%Y-%m-%d %H:%M}开始，尚未开放签到。",
        )
    require(is_assignable(person), "您已退出专家库，不能签到。", codes.NOT_ASSIGNABLE)
    require(
        _eligible_for(person, activity),
        "您不是该质控中心委员会或专家库的在任专家，不能签到。",
        codes.NOT_ELIGIBLE_FOR_ACTIVITY,
    )
    worked_on = timezone.localtime(activity.starts_at).date()
    try:
        with transaction.atomic():
            _check_day_total(person, worked_on, activity.hours)  # as a typed entry: a day has 24 hours
            log = DutyLog.objects.create(
                person=person,
                activity=activity,
                worked_on=worked_on,
                kind=activity.kind,
                on_site=activity.on_site,
                hours=activity.hours,
                description=f"签到：{activity.title}",
                evidence="扫码签到",
                jurisdiction=activity.jurisdiction,
                centre=activity.centre,
                library=activity.library,
            )
    except IntegrityError:  # a second scan racing the first
        return DutyLog.objects.get(person=person, activity=activity), False
    return log, True


def confirmed_hours(person, year: int) -> Decimal:
    """Only confirmed hours count (重庆全科 四、(二)1.: 以系统记录/工作台账为准)."""
    return DutyLog.objects.filter(
        person=person, worked_on__year=year, status=DutyLog.Status.CONFIRMED
    ).aggregate(total=Sum("hours"))["total"] or Decimal(0)


def minimum_for(expert: Expert) -> tuple[int | None, str]:
    """(minimum hours, article) for an appointed expert's level: experts.<level>_min_duty_hours."""
    ruleset = ruleset_for(expert)
    p = rule(ruleset, f"experts.{expert.level}_min_duty_hours")
    return (p.value, p.article) if p else (None, "")


def minimums_for(libraries, *, on: date | None = None) -> dict[tuple[int, str], tuple[int | None, str]]:
    """``minimum_for`` of every level of every library at once: (library id, level) -> (minimum
    hours, article), the rule sets in force resolved in one query whatever the number of
    libraries (a province's overview, issue 14). A library without a rule set in force: no minimum."""
    from rulesets.selectors import rulesets_in_force

    libraries = list({library.pk: library for library in libraries}.values())
    rulesets = rulesets_in_force(
        [(library.jurisdiction, library.body_kind) for library in libraries], on=on or today()
    )
    out = {}
    for library in libraries:
        ruleset = rulesets[(library.jurisdiction_id, library.body_kind)]
        for level in Level.values:
            p = rule(ruleset, f"experts.{level}_min_duty_hours") if ruleset is not None else None
            out[(library.pk, level)] = (p.value, p.article) if p else (None, "")
    return out


def duty_year(person, year: int) -> dict:
    """The expert's year: confirmed and pending hours, the minimum of their level where a rule set
    sets one, the share done (for the progress bar) and the engine's verdict."""
    confirmed = confirmed_hours(person, year)
    pending = DutyLog.objects.filter(
        person=person, worked_on__year=year, status=DutyLog.Status.PENDING
    ).aggregate(total=Sum("hours"))["total"] or Decimal(0)
    expert = (
        Expert.objects.filter(person=person, status__in=["active", "exit_requested"])
        .select_related("library__jurisdiction")
        .first()
    )
    minimum, article, violations = None, "", []
    if expert:
        minimum, article = minimum_for(expert)
        violations = experts_engine.check_duty_hours(
            ruleset_for(expert), expert.level, float(confirmed), subject=person.name
        )
    percent = min(100, int(confirmed * 100 / minimum)) if minimum else None
    return {
        "year": year,
        "confirmed": confirmed,
        "pending": pending,
        "minimum": minimum,
        "article": article,
        "percent": percent,
        "behind": bool(minimum and confirmed < minimum),
        "violations": violations,
        "expert": expert,
    }


# --- the year-end deadline: experts short of their minimum ----------------------------------

HOURS_KIND = "experts.duty_hours"


def _in_post(year: int):
    """Appointments in force during ``year`` (in post or asking to leave)."""
    return Expert.objects.filter(
        status__in=[Expert.Status.ACTIVE, Expert.Status.EXIT_REQUESTED],
        appointed_on__lte=date(year, 12, 31),
        ends_on__gte=date(year, 1, 1),
    )


def hours_deadline_open(*, expert: Expert, year: int, acting_user=None):
    """The year-end deadline of an expert short of the minimum of their level (重庆全科 四、(二)1.:
    experts.<level>_min_duty_hours, with its article), due at the end of the year, for the expert;
    reminded by the deadlines sweep (inbox and e-mail). Nothing is opened where the rule set sets
    no minimum, where the confirmed hours already reach it, or where the year's deadline exists
    (open, met or waived): opening is idempotent. Returns the deadline or None."""
    from deadlines.dates import end_of_year
    from deadlines.models import Deadline
    from deadlines.services import deadline_open

    ruleset = ruleset_for(expert, on=max(today(), date(year, 1, 1)))
    p = rule(ruleset, f"experts.{expert.level}_min_duty_hours")
    if p is None or p.value is None:
        return None
    minimum = Decimal(str(p.value))
    with transaction.atomic():
        existing = HoursYear.objects.select_for_update().filter(expert=expert, year=year).first()
        if existing is not None:
            return Deadline.objects.filter(**_subject_lookup(existing), kind=HOURS_KIND).first()
        if confirmed_hours(expert.person, year) >= minimum:
            return None
        try:
            with transaction.atomic():
                hours_year = HoursYear.objects.create(
                    expert=expert, year=year, minimum=minimum, article=p.article, ruleset_code=ruleset.code
                )
        except IntegrityError:  # another opener won the race: theirs is the one
            hours_year = HoursYear.objects.get(expert=expert, year=year)
            return Deadline.objects.filter(**_subject_lookup(hours_year), kind=HOURS_KIND).first()
        return deadline_open(
            kind=HOURS_KIND,
            title=f"{year}年度履职时长不少于{p.value}小时（{expert.library.name}，{expert.get_level_display()}）",
            subject=hours_year,
            due_at=end_of_year(year),
            jurisdiction=expert.jurisdiction,
            person=expert.person,
            article=p.article,
            ruleset_code=ruleset.code,
            acting_user=acting_user,
        )


def hours_deadlines_open(
    *, year: int | None = None, library: Library | None = None, acting_user=None
) -> list:
    """Open the year-end deadline for every expert in post who is short of their minimum (the daily
    task: every library; the office: its own library). Only the current year: a past year's would
    fall due at once, a future year's has no hours yet."""
    year = year or today().year
    if year != today().year:
        raise InvalidInput(codes.DATE_IN_FUTURE, f"只能开启本年度（{today().year}年）的履职时长期限。")
    if acting_user is not None:
        require(
            library is not None and policies.may_grade(acting_user, library),
            "只有聘任中心可以开启履职时长期限。",
        )
    experts = _in_post(year).select_related("library", "person", "jurisdiction")
    if library is not None:
        experts = experts.filter(library=library)
    opened = []
    for expert in experts:
        deadline = hours_deadline_open(expert=expert, year=year, acting_user=acting_user)
        if deadline is not None:
            opened.append(deadline)
    return opened


def hours_deadline_check(person, year: int) -> None:
    """Meet the year's deadline once the confirmed hours reach the minimum recorded with it (also
    after the year's end: an entry of December confirmed in January meets it late)."""
    from deadlines.services import deadline_meet

    years = list(HoursYear.objects.filter(expert__person=person, year=year))
    if not years:
        return
    confirmed = confirmed_hours(person, year)
    for hours_year in years:
        if confirmed >= hours_year.minimum:
            deadline_meet(subject=hours_year, kind=HOURS_KIND)


def _hours_deadlines_close(expert: Expert, reason: str, acting_user) -> None:
    """An expert who leaves the library owes no more hours: their pending deadlines are waived with
    the reason (or closed where the acting user may not waive)."""
    from deadlines.models import Deadline
    from deadlines.services import deadline_meet, deadline_waive, may_waive

    for hours_year in expert.hours_years.all():
        for deadline in Deadline.objects.pending().filter(**_subject_lookup(hours_year), kind=HOURS_KIND):
            if may_waive(acting_user):
                deadline_waive(deadline=deadline, reason=reason, acting_user=acting_user)
            else:
                deadline_meet(deadline=deadline)


# =============================================================================================
# Conflicts of interest
# =============================================================================================


@transaction.atomic
def declaration_add(
    *,
    person,
    acting_user,
    kind: str,
    institution,
    since: date | None = None,
    until: date | None = None,
    note: str = "",
) -> InterestDeclaration:
    require(policies.may_declare(acting_user, person), "只能申报本人的利益关系。")
    if since and until and until < since:
        raise InvalidInput("experts_declaration_dates", "截止日期不能早于起始日期。")
    return InterestDeclaration.objects.create(
        person=person, kind=kind, institution=institution, since=since, until=until, note=note
    )


@transaction.atomic
def declaration_withdraw(*, declaration: InterestDeclaration, acting_user) -> InterestDeclaration:
    """A declaration is withdrawn (no longer applies), never deleted: the record stays."""
    require(policies.may_declare(acting_user, declaration.person), "只能撤回本人的利益申报。")
    if declaration.withdrawn_at is None:
        declaration.withdrawn_at = timezone.now()
        declaration.save(update_fields=["withdrawn_at"])
    return declaration


@transaction.atomic
def recusal_record(
    *, person, institution, case: str, acting_user, reason: str = "", reasons: list[str] | None = None
) -> Recusal:
    """Record a recusal: the expert's own (with a reason), or one the engine found (``reasons``
    from ``selectors.conflicted``)."""
    if reasons:
        return Recusal.objects.create(
            person=person,
            institution=institution,
            case=case[:200],
            source=Recusal.Source.AUTOMATIC,
            reasons=list(reasons),
            recorded_by=acting_user,
        )
    require(policies.is_person(acting_user, person), "只能本人申请回避。")
    reason = _reason(reason, "回避理由")
    return Recusal.objects.create(
        person=person,
        institution=institution,
        case=_reason(case, "回避事项")[:200],
        source=Recusal.Source.SELF,
        reasons=[reason],
        recorded_by=acting_user,
    )


def is_assignable(person, on: date | None = None) -> bool:
    from .selectors import is_assignable as check

    return check(person, on)


# =============================================================================================
# The expert library
# =============================================================================================


def candidate_violations(person, level: str, library: Library, *, on: date | None = None) -> list[Violation]:
    on = on or today()
    candidate = Candidate(
        name=person.name,
        level=level,
        title_level=person.title_level,
        gp_registered=person.gp_registered,
        experience_since=person.gp_experience_since,
    )
    return experts_engine.check_candidate(ruleset_for(library, on=on), candidate, on=on)


# 重庆全科 二、(二)1.: 提交《全科质控专家申报表》（含职称证书、工作业绩等材料）: the reviewing centre
# passes an application only with the form and the title certificate attached (the achievements are
# "等材料": asked for, not every candidate has one to file).
MATERIALS_ARTICLE = "二、(二)1."
REQUIRED_MATERIALS = ("experts.application_form", "experts.title_certificate")


def missing_materials(application: ExpertApplication) -> list[str]:
    """The names of the required attachment kinds ``application`` does not have (withdrawn files do
    not count), in the order of REQUIRED_MATERIALS."""
    from attachments import kinds
    from attachments.models import Attachment

    files = Attachment.objects.of(application).alive().filter(kind__in=REQUIRED_MATERIALS)
    attached = set(files.values_list("kind", flat=True))
    return [str(kinds.label(kind)) for kind in REQUIRED_MATERIALS if kind not in attached]


def materials_violations(application: ExpertApplication) -> list[Violation]:
    missing = missing_materials(application)
    if not missing:
        return []
    return [
        Violation(
            codes.MATERIALS_MISSING,
            MATERIALS_ARTICLE,
            gettext(
                "{article}：申报须提交《全科质控专家申报表》（含职称证书、工作业绩等材料），尚未上传：{names}"
            ).format(article=MATERIALS_ARTICLE, names="、".join(missing)),
            "mandatory",
            application.person.name,
        )
    ]


@transaction.atomic
def application_submit(
    *,
    library: Library,
    person,
    acting_user,
    level: str,
    jurisdiction,
    fields: str,
    statement: str,
    source: str = "self",
    recommender: str = "",
) -> ExpertApplication:
    """申报 (the expert) or 推荐 (an institution or association) with the 申报表; proof is attached
    after (title certificate, achievements). The selection conditions (二、(一)) are mandatory."""
    require(policies.may_apply(acting_user, person), "只能本人申报，或由所在单位推荐。")
    if level not in ("city", "regional"):
        raise InvalidInput("experts_level", "请选择申报层级。")
    if level == "city" and jurisdiction.pk != library.jurisdiction_id:
        raise InvalidInput("experts_level_jurisdiction", "市级专家由市级中心审核，审核区划应为市级。")
    if level == "regional" and jurisdiction.pk == library.jurisdiction_id:
        raise InvalidInput(
            "experts_level_jurisdiction", "区域/区县专家由所在区域或区县中心审核，请选择区县。"
        )
    if not jurisdiction.path.startswith(library.jurisdiction.path):
        raise InvalidInput("experts_level_jurisdiction", "审核区划不在本专家库范围内。")
    if source != "self" and not recommender.strip():
        raise InvalidInput(codes.REASON_REQUIRED, "单位或学（协）会推荐须填写推荐单位。")
    refuse_unless_allowed(candidate_violations(person, level, library))
    try:
        with transaction.atomic():
            application = ExpertApplication.objects.create(
                library=library,
                person=person,
                level=level,
                jurisdiction=jurisdiction,
                source=source,
                recommender=recommender.strip(),
                fields=_reason(fields, "专业领域"),
                statement=_reason(statement, "申报表内容"),
                submitted_by=acting_user,
            )
    except IntegrityError:
        raise WrongState(codes.APPLICATION_STEP, f"{person.name}已有审核中的申报。") from None
    timeline_add(
        application,
        kind="submitted",
        title="提交申报" if source == "self" else f"{recommender}推荐",
        actor=acting_user,
    )
    return application


@transaction.atomic
def application_review(
    *, application: ExpertApplication, acting_user, passed: bool, note: str = ""
) -> ExpertApplication:
    """The reviewing centre: a regional/district one for its candidates (filed with the city centre),
    then the city centre. A candidate not passed is told why."""
    local = application.status == ExpertApplication.Status.SUBMITTED and application.level == "regional"
    allowed = (
        policies.may_review_local(acting_user, application)
        if local
        else policies.may_review_city(acting_user, application)
    )
    require(allowed, "只有负责审核的质控中心可以审核该申报。")
    if not passed:
        note = _reason(note, "不通过理由")
        transition(
            application,
            "reject",
            message="该申报当前不在审核阶段。",
            code=codes.APPLICATION_STEP,
            extra={"review_note": note},
        )
        timeline_add(application, kind="rejected", title="审核未通过", actor=acting_user, note=note)
        return application
    missing = materials_violations(application)
    if missing:
        raise RuleRefusal(codes.MATERIALS_MISSING, gettext("请先上传缺少的申报材料，再审核通过。"), missing)
    refuse_unless_allowed(candidate_violations(application.person, application.level, application.library))
    name = "pass_local" if local else "pass_city"
    transition(
        application,
        name,
        message="该申报当前不在审核阶段。",
        code=codes.APPLICATION_STEP,
        extra={"review_note": note},
    )
    timeline_add(
        application,
        kind=name,
        title="区域/区县中心审核通过，报市级中心备案" if local else "市级中心审核通过",
        actor=acting_user,
    )
    return application


@transaction.atomic
def application_approve(*, application: ExpertApplication, acting_user) -> ExpertApplication:
    """市卫健委审批."""
    require(
        policies.may_approve_library(acting_user, application.library), "只有市卫生健康委可以审批专家名单。"
    )
    transition(
        application, "approve", message="只有市级中心审核通过的申报可以审批。", code=codes.APPLICATION_STEP
    )
    timeline_add(application, kind="approved", title="市卫生健康委批准", actor=acting_user)
    return application


@transaction.atomic
def application_publish_notice(
    *, application: ExpertApplication, acting_user, starts_on: date, ends_on: date
) -> ExpertApplication:
    """公示 of the approved expert, on the dates the centre sets."""
    require(policies.may_appoint(acting_user, application.library), "只有市级中心可以发布公示。")
    if ends_on < starts_on or starts_on < today():
        raise InvalidInput(codes.NOTICE_DATES, "公示结束日期不能早于开始日期，开始日期不能早于今天。")
    transition(
        application,
        "publish_notice",
        message="只有已批准的申报可以公示。",
        code=codes.APPLICATION_STEP,
        extra={"notice_starts_on": starts_on, "notice_ends_on": ends_on},
    )
    timeline_add(
        application,
        kind="notice",
        title=f"公示 {starts_on:%Y-%m-%d} 至 {ends_on:%Y-%m-%d}",
        actor=acting_user,
    )
    return application


def notice_is_open(application: ExpertApplication, on: date | None = None) -> bool:
    on = on or today()
    return (
        application.status == ExpertApplication.Status.NOTICE
        and application.notice_starts_on <= on <= application.notice_ends_on
    )


@transaction.atomic
class TooManyObjections(WrongState):
    """The public objection form's limit is hit (429 on an API)."""

    status_code = 429


# Limits of the public objection form (issue 15), as for the centres' notices; settings may override.
OBJECTIONS_PER_ADDRESS = 5  # from one address in OBJECTION_WINDOW, over all notices
OBJECTIONS_PER_NOTICE = 500  # to one expert's notice in OBJECTION_WINDOW, from everyone
OBJECTION_WINDOW = timedelta(hours=24)


@transaction.atomic
def objection_lodge(
    *, application: ExpertApplication, name: str, contact: str, content: str, source_address: str = ""
) -> LibraryObjection:
    """Anyone may object during the 公示 (no login); outside it the objection is refused. Limited
    per sender's address and per notice, an exact duplicate refused, the text at most
    OBJECTION_MAX_LENGTH characters; what was received is kept when the limit is hit."""
    from django.conf import settings

    from centres.services.selection import objection_source

    from .models import OBJECTION_MAX_LENGTH

    if not notice_is_open(application):
        raise WrongState(codes.NOTICE_DATES, "该公示不在公示期内，不再受理异议。")
    name, contact = _reason(name, "姓名或单位"), _reason(contact, "联系方式")
    content = _reason(content, "异议内容")
    if len(content) > OBJECTION_MAX_LENGTH:
        raise InvalidInput(
            codes.OBJECTION_TOO_LONG,
            f"异议内容不能超过{OBJECTION_MAX_LENGTH}字，请精简后提交或附书面材料递交市级中心。",
        )
    # one lock per notice: concurrent senders are counted one after the other
    ExpertApplication.objects.select_for_update().filter(pk=application.pk).first()
    since = timezone.now() - OBJECTION_WINDOW
    source = objection_source(source_address)
    per_address = getattr(settings, "EXPERTS_OBJECTIONS_PER_ADDRESS", OBJECTIONS_PER_ADDRESS)
    per_notice = getattr(settings, "EXPERTS_OBJECTIONS_PER_NOTICE", OBJECTIONS_PER_NOTICE)
    if source and LibraryObjection.objects.filter(source=source, lodged_at__gte=since).count() >= per_address:
        raise TooManyObjections(
            codes.OBJECTION_TOO_MANY,
            f"提交过于频繁：同一来源24小时内最多提交{per_address}条异议，已达上限。"
            "请稍后再试，或按公示载明的方式书面反映。",
        )
    if application.objections.filter(lodged_at__gte=since).count() >= per_notice:
        raise TooManyObjections(
            codes.OBJECTION_TOO_MANY,
            f"本公示24小时内收到的异议已达上限（{per_notice}条），请稍后再试，"
            "或按公示载明的方式书面反映。已收到的异议均会依规处理。",
        )
    if application.objections.filter(name=name, contact=contact, content=content).exists():
        raise WrongState(codes.OBJECTION_DUPLICATE, "相同的异议已经收到，无需重复提交。")
    return LibraryObjection.objects.create(
        application=application, name=name, contact=contact, content=content, source=source
    )


@transaction.atomic
def objection_handle(
    *, objection: LibraryObjection, acting_user, handling: str, note: str
) -> LibraryObjection:
    """The city centre handles an objection; an objection upheld rejects the application."""
    application = objection.application
    require(policies.may_appoint(acting_user, application.library), "只有市级中心可以处理公示异议。")
    if handling not in (LibraryObjection.Handling.UPHELD, LibraryObjection.Handling.DISMISSED):
        raise InvalidInput("experts_objection_handling", "请选择处理结果。")
    note = _reason(note, "处理说明")
    changed = LibraryObjection.objects.filter(
        pk=objection.pk, handling=LibraryObjection.Handling.OPEN
    ).update(handling=handling, note=note, handled_by=acting_user)
    if not changed:
        raise WrongState(codes.APPLICATION_STEP, "该异议已处理。")
    objection.refresh_from_db()
    if handling == LibraryObjection.Handling.UPHELD:
        transition(
            application,
            "reject",
            message="该申报已不在公示阶段。",
            code=codes.APPLICATION_STEP,
            extra={"review_note": f"公示异议成立：{note}"},
        )
    timeline_add(
        application,
        kind="objection_handled",
        title=f"公示异议：{objection.get_handling_display()}",
        actor=acting_user,
        note=note,
    )
    return objection


@transaction.atomic
def application_appoint(*, application: ExpertApplication, acting_user) -> Expert:
    """After the notice: the appointment document, for experts.term_years (重庆全科 二、(二)3. 聘期4年)."""
    library = application.library
    require(policies.may_appoint(acting_user, library), "只有市级中心可以发文聘任。")
    if application.status == ExpertApplication.Status.NOTICE and application.notice_ends_on >= today():
        raise WrongState(
            codes.NOTICE_NOT_OVER, f"公示至{application.notice_ends_on:%Y-%m-%d}，公示期满后方可发文聘任。"
        )
    if application.objections.filter(handling=LibraryObjection.Handling.OPEN).exists():
        raise WrongState(codes.NOTICE_NOT_OVER, "公示期间有未处理的异议，处理后方可发文聘任。")
    ruleset = ruleset_for(library)
    p = ruleset.param("experts.term_years")
    from deadlines.dates import add_months

    from .documents import issue_library_appointment

    starts = today()
    ends = add_months(starts, 12 * p.value) - timedelta(days=1)
    previous = (
        Expert.objects.filter(library=library, person=application.person)
        .exclude(status=Expert.Status.EXITED)
        .first()
    )
    if previous:
        raise WrongState(codes.APPLICATION_STEP, f"{application.person.name}已在聘。")
    document = issue_library_appointment(
        application=application, starts=starts, ends=ends, article=p.article, acting_user=acting_user
    )
    transition(
        application,
        "appoint",
        message="只有公示中的申报可以发文聘任。",
        code=codes.APPLICATION_STEP,
        extra={"document": document},
    )
    person = application.person
    expert = Expert.objects.create(
        library=library,
        jurisdiction=application.jurisdiction,
        person=person,
        application=application,
        level=application.level,
        appointed_on=starts,
        ends_on=ends,
        fields=application.fields,
        contact_mobile=person.mobile,
        contact_email=person.email,
    )
    timeline_add(
        application,
        kind="appointed",
        title=f"发文聘任，聘期至{ends:%Y-%m-%d}",
        actor=acting_user,
        article=p.article,
        document=document,
    )
    return expert


REGISTRY_FIELDS = ("fields", "contact_mobile", "contact_email", "experience", "achievements")


@transaction.atomic
def registry_update(*, expert: Expert, acting_user, **changes) -> Expert:
    """The expert keeps their registry record current; every change is audited (pghistory)."""
    require(policies.may_edit_registry(acting_user, expert), "只能修改本人的专家档案。")
    from django.core.validators import validate_email

    for field, value in changes.items():
        if field not in REGISTRY_FIELDS:
            raise InvalidInput("experts_registry_field", f"不能修改：{field}")
        value = (value or "").strip()
        if field == "contact_email" and value:
            try:
                validate_email(value)
            except ValidationError:
                raise InvalidInput("experts_registry_email", "联系邮箱格式不正确。") from None
        setattr(expert, field, value)
    expert.save()
    return expert


@transaction.atomic
def expert_request_exit(*, expert: Expert, acting_user, reason: str) -> Expert:
    """主动申请 (四、(三)2.): takes effect when the appointing centre approves."""
    require(policies.is_person(acting_user, expert.person), "只能申请本人退出。")
    reason = _reason(reason, "退出理由")
    return transition(
        expert,
        "request_exit",
        message="该专家不在聘或已申请退出。",
        code=codes.EXIT_KIND,
        extra={"exit_reason": reason},
    )


@transaction.atomic
def expert_exit(*, expert: Expert, acting_user, kind: str, reason: str, on: date | None = None) -> Expert:
    """Record an exit (四、(三)) with its date, reason and who decided. A dismissal is immediate and
    announced (an official notice); a voluntary exit needs the expert's request first."""
    require(policies.may_decide_exit(acting_user, expert), "只有聘任中心可以决定专家退出。")
    ruleset = ruleset_for(expert)
    kinds = (
        {item.code for item in ruleset.value("experts.exit_reasons")}
        if ruleset.has("experts.exit_reasons")
        else set(Expert.ExitKind.values)
    )
    if kind not in kinds:
        raise InvalidInput(codes.EXIT_KIND, "退出情形不正确。")
    if kind == Expert.ExitKind.VOLUNTARY and expert.status != Expert.Status.EXIT_REQUESTED:
        raise WrongState(codes.EXIT_KIND, "主动退出须由专家本人先提出申请。")
    on = on or today()
    if on > today():
        raise InvalidInput(codes.DATE_IN_FUTURE, "退出日期不能晚于今天。")
    if on < expert.appointed_on:
        raise InvalidInput(codes.EXIT_KIND, f"退出日期不能早于聘任日期{expert.appointed_on:%Y-%m-%d}。")
    if kind == Expert.ExitKind.TERM_END and on < expert.ends_on:
        raise InvalidInput(codes.EXIT_KIND, f"聘期至{expert.ends_on:%Y-%m-%d}，尚未届满。")
    reason = _reason(reason, "退出原因")
    document = None
    if kind == Expert.ExitKind.DISMISSAL:
        from .documents import issue_dismissal_notice

        basis = f"《{ruleset.title}》" + (
            ruleset.param("experts.exit_reasons").article if ruleset.has("experts.exit_reasons") else ""
        )
        document = issue_dismissal_notice(expert=expert, reason=reason, basis=basis, acting_user=acting_user)
    transition(
        expert,
        "exit",
        message="该专家已退出。",
        code=codes.EXIT_KIND,
        extra={
            "exit_kind": kind,
            "exit_on": on,
            "exit_reason": reason,
            "exit_decided_by": acting_user,
            "exit_document": document,
        },
    )
    _hours_deadlines_close(expert, f"专家已退出专家库（{expert.get_exit_kind_display()}）", acting_user)
    return expert


@transaction.atomic
def expert_refuse_exit(*, expert: Expert, acting_user, reason: str) -> Expert:
    require(policies.may_decide_exit(acting_user, expert), "只有聘任中心可以审批退出申请。")
    _reason(reason, "不同意理由")
    return transition(expert, "refuse_exit", message="该专家没有待审批的退出申请。", code=codes.EXIT_KIND)


def renewal_check(expert: Expert) -> list[Violation]:
    """May ``expert`` renew for the next term? 重庆全科 四、(二)4.: 合格及以上者具备续聘资格，不合格者取消."""
    from rulesets import schema

    ruleset = ruleset_for(expert)
    p = rule(ruleset, "experts.renewal_min_grade")
    if p is None:
        return []
    last = (
        ExpertGrade.objects.filter(expert=expert, grading__status=Grading.Status.FINALISED)
        .order_by("-grading__year")
        .first()
    )
    if last is None or not last.grade:
        return []
    if not schema.appraisal_grade_at_least(last.grade, p.value):
        return [
            breach(
                p,
                f"{last.grading.year}年度考核{last.get_grade_display()}，取消下一聘期续聘资格",
                expert.person.name,
            )
        ]
    return []


@transaction.atomic
def expert_renew(*, expert: Expert, acting_user) -> Expert:
    """A new term for an expert graded 合格 or better; 不合格 may not renew and the step says why."""
    require(policies.may_appoint(acting_user, expert.library), "只有聘任中心可以办理续聘。")
    if expert.status != Expert.Status.ACTIVE:
        raise WrongState(codes.NOT_RENEWABLE, "只有在聘专家可以续聘。")
    violations = renewal_check(expert)
    if violations:
        raise RuleRefusal(codes.NOT_RENEWABLE, "", violations)
    from deadlines.dates import add_months

    p = ruleset_for(expert).param("experts.term_years")
    start = expert.ends_on + timedelta(days=1)
    expert.ends_on = add_months(start, 12 * p.value) - timedelta(days=1)
    expert.save(update_fields=["ends_on"])
    return expert


# =============================================================================================
# Yearly grading
# =============================================================================================


@transaction.atomic
def grading_open(*, library: Library, year: int, acting_user) -> Grading:
    """Open the year's grading with a row per expert in post during the year, their confirmed hours
    beside each name."""
    require(policies.may_grade(acting_user, library), "只有聘任中心可以组织年度考核。")
    if year > today().year:
        raise InvalidInput(codes.DATE_IN_FUTURE, "不能考核尚未开始的年度。")
    grading, created = Grading.objects.get_or_create(library=library, year=year)
    if created:
        experts = (
            Expert.objects.filter(library=library, appointed_on__year__lte=year)
            .exclude(status=Expert.Status.EXITED, exit_on__year__lt=year)
            .select_related("person")
        )
        for expert in experts:
            ExpertGrade.objects.create(
                grading=grading, expert=expert, confirmed_hours=confirmed_hours(expert.person, year)
            )
    return grading


def grade_counts(grading: Grading) -> dict[str, int]:
    counts: dict[str, int] = {}
    for grade in grading.grades.exclude(grade="").values_list("grade", flat=True):
        counts[grade] = counts.get(grade, 0) + 1
    return counts


def quota_table(grading: Grading, counts: dict[str, int] | None = None) -> dict:
    """Each grade's share against its quota (experts.grade_<g>_max/min_percent) and the violations,
    as the engine judges them (rulesets.engine.experts.check_grade_shares). The rounding rule is the
    engine's: a maximum allows floor(n × p %), a minimum requires ceil(n × p %)."""
    from rulesets import schema

    ruleset = ruleset_for(grading)
    counts = grade_counts(grading) if counts is None else counts
    n = grading.grades.count()
    rows = []
    for code, label in schema.GRADE_CODES.items():
        have = counts.get(code, 0)
        row = {"code": code, "label": label, "count": have, "share": round(have * 100 / n, 1) if n else 0}
        for bound in ("max", "min"):
            key = f"experts.grade_{code}_{bound}_percent"
            if key in schema.PARAMETERS and (p := rule(ruleset, key)):
                allowed, required = experts_engine.share_limits(n, p.value)
                row.update(
                    {
                        "bound": bound,
                        "percent": p.value,
                        "article": p.article,
                        "limit": allowed if bound == "max" else required,
                        "ok": have <= allowed if bound == "max" else have >= required,
                    }
                )
        rows.append(row)
    violations = experts_engine.check_grade_shares(ruleset, counts) if sum(counts.values()) == n else []
    return {"n": n, "rows": rows, "violations": violations}


@transaction.atomic
def grade_set(
    *,
    grade: ExpertGrade,
    acting_user,
    value: str,
    contributions: str | None = None,
    conduct: str | None = None,
) -> ExpertGrade:
    grading = Grading.objects.select_for_update().get(pk=grade.grading_id)
    require(policies.may_grade(acting_user, grading.library), "只有聘任中心可以评定等级。")
    if grading.status != Grading.Status.DRAFT:
        raise WrongState(codes.GRADING_FINALISED, "本年度考核已定等，不能修改。")
    if value not in ("", *ExpertGrade.Grade.values):
        raise InvalidInput("experts_grade", "等级不正确。")
    grade.grade = value
    if contributions is not None:
        grade.contributions = contributions
    if conduct is not None:
        grade.conduct = conduct
    grade.save()
    return grade


@transaction.atomic
def grading_finalise(
    *, grading: Grading, acting_user, adjustment: str = "", filed_on: date | None = None
) -> Grading:
    """定等. Outside the quotas only with the adjustment recorded and filed with the city centre
    (experts.quotas_adjustable: 具体比例可根据工作实际微调，报市级中心备案)."""
    require(policies.may_grade(acting_user, grading.library), "只有聘任中心可以定等。")
    if grading.status != Grading.Status.DRAFT:
        raise WrongState(codes.GRADING_FINALISED, "本年度考核已定等。")
    missing = grading.grades.filter(grade="").select_related("expert__person")
    if missing.exists():
        raise InvalidInput(
            codes.GRADE_MISSING, "尚有专家未评定等级：" + "、".join(g.expert.person.name for g in missing)
        )
    ruleset = ruleset_for(grading)
    violations = experts_engine.check_grade_shares(ruleset, grade_counts(grading))
    departures = []
    if violations:
        p = rule(ruleset, "experts.quotas_adjustable")
        if not (p and p.value):
            raise RuleRefusal(codes.RULE_VIOLATION, "", violations)
        if not (adjustment or "").strip() or filed_on is None:
            raise RuleRefusal(
                codes.ADJUSTMENT_REQUIRED,
                f"等级比例不符合规定。{p.article}：{p.text}——须填写微调说明和报市级中心备案日期后方可定等。",
                violations,
            )
        if filed_on > today():
            raise InvalidInput(codes.DATE_IN_FUTURE, "备案日期不能晚于今天。")
        if filed_on < date(grading.year, 1, 1):  # the adjustment of this year's grading
            raise InvalidInput(
                codes.DATE_BEFORE_POST,
                f"备案日期{filed_on:%Y-%m-%d}早于{grading.year}年度考核，请填写实际报备日期。",
            )
        departures = [v.to_dict() for v in violations]
    transition(
        grading,
        "finalise",
        message="本年度考核已定等。",
        code=codes.GRADING_FINALISED,
        extra={
            "adjustment": adjustment.strip() if departures else "",
            "adjustment_filed_on": filed_on if departures else None,
            "departures": departures,
            "finalised_by": acting_user,
            "finalised_at": timezone.now(),
        },
    )
    timeline_add(
        grading,
        kind="finalised",
        title=f"{grading.year}年度专家考核定等",
        actor=acting_user,
        departures=departures,
    )
    return grading

"""Every write of setting up a centre and selecting its host (steps 1–8 of docs/centres.md): one
keyword-only function per business action, one transaction each. Rules come from the rule set in
force on the action's date; a refusal is one of core.errors (NotAllowed, WrongState, RuleRefusal
with the engine's violations, InvalidInput)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, Q
from django.utils import timezone
from django_fsm import can_proceed

from core.dates import add_years
from core.errors import InvalidInput, RuleRefusal, WrongState
from core.workflow import refuse_unless_allowed, ruleset_for, timeline_add, today, transition
from deadlines.services import deadline_meet, deadline_open
from directory.models import Institution, Person
from rulesets.engine import inputs as engine_inputs
from rulesets.engine.committee import check_chair
from rulesets.engine.host import check_host
from rulesets.engine.violations import Violation, breach
from workdays import calendar as workdays

from .. import documents, policies
from .. import error_codes as codes
from ..models import (
    Application,
    ApplicationVersion,
    Ban,
    Centre,
    HostingTerm,
    Objection,
    PanelMember,
    PreliminaryReview,
    PublicNotice,
    QualityIncident,
    ReviewScore,
    SelectionCall,
    Specialty,
)
from ..policies import is_host_user, may_preliminary_review, require
from ..selectors import provided_attachment_kinds
from ..signals import conflicts_of

# --- setting up a centre ----------------------------------------------------------------------


@transaction.atomic
def centre_create(*, jurisdiction, body_kind: str, specialty: Specialty, name: str, acting_user) -> Centre:
    require(
        policies.may_create_centre(acting_user, jurisdiction), "只有本辖区卫健委或质控办可以设置质控中心。"
    )
    centre = Centre(jurisdiction=jurisdiction, body_kind=body_kind, specialty=specialty, name=name)
    ruleset = ruleset_for(centre)
    if ruleset.has("setup.one_per_specialty_direction") and ruleset.value(
        "setup.one_per_specialty_direction"
    ):
        existing = (
            Centre.objects.filter(jurisdiction=jurisdiction, body_kind=body_kind, specialty=specialty)
            .exclude(status=Centre.Status.DISSOLVED)
            .exists()
        )
        if existing:
            p = ruleset.param("setup.one_per_specialty_direction")
            raise RuleRefusal(
                codes.RULE_VIOLATION,
                "",
                [
                    Violation(
                        p.key,
                        p.article,
                        f"{p.article}：{p.text}，本辖区已设有{specialty}质控中心。",
                        "mandatory",
                        str(specialty),
                    )
                ],
            )
    centre.save()
    timeline_add(
        centre,
        kind="created",
        title=f"设置{name}",
        actor=acting_user,
        article=ruleset.param("setup.one_per_specialty_direction").article
        if ruleset.has("setup.one_per_specialty_direction")
        else "",
    )
    return centre


@transaction.atomic
def incident_record(
    *, institution: Institution, occurred_on: date, description: str, acting_user, department: str = ""
) -> QualityIncident:
    """Put a serious incident on record: the clean-record condition of host eligibility looks back
    over these (九龙坡 第六条（四）, 济南 第五条（三））."""
    require(policies.may_record_incident(acting_user, institution), "只有辖区卫健委可以登记严重事件。")
    if occurred_on > today():
        raise WrongState(codes.FUTURE_DATE, "发生日期不能晚于今天。")
    return QualityIncident.objects.create(
        institution=institution,
        occurred_on=occurred_on,
        department=department,
        description=description,
        recorded_by=acting_user,
    )


# --- the call -----------------------------------------------------------------------------------


@transaction.atomic
def call_publish(
    *,
    centre: Centre,
    title: str,
    method: str,
    acting_user,
    conditions: str = "",
    application_deadline: datetime | None = None,
    designation_reason: str = "",
) -> SelectionCall:
    """Publish a call (遴选公告), or record a designation with its reason where the rule set allows."""
    require(policies.may_decide(acting_user, centre), "只有本辖区卫健委可以发布遴选公告。")
    ruleset = ruleset_for(centre)
    if ruleset.has("setup.selection_methods"):
        p = ruleset.param("setup.selection_methods")
        if method not in p.value:
            raise RuleRefusal(
                codes.RULE_VIOLATION,
                "",
                [
                    breach(
                        p,
                        f"{p.text}；不允许以“{dict(SelectionCall.Method.choices)[method]}”方式确定。",
                        method,
                    )
                ],
            )
    if method == SelectionCall.Method.DESIGNATION and not designation_reason.strip():
        raise WrongState(codes.REASON_REQUIRED, "指定挂靠单位须记录指定理由。")
    if method != SelectionCall.Method.DESIGNATION and application_deadline is None:
        raise WrongState(codes.DEADLINE_REQUIRED, "请填写申报截止时间。")
    if method != SelectionCall.Method.DESIGNATION and application_deadline <= timezone.now():
        # a deadline already past would close the call on publication, shutting every hospital out
        raise InvalidInput(
            codes.DEADLINE_PASSED,
            f"申报截止时间 {timezone.localtime(application_deadline):%Y-%m-%d %H:%M} "
            "已过，请填写今后的时间。",
        )
    if centre.calls.exclude(
        status__in=[SelectionCall.Status.DECIDED, SelectionCall.Status.CANCELLED]
    ).exists():
        raise WrongState(codes.CALL_IN_PROGRESS, "该质控中心已有进行中的遴选。")
    if centre.status not in (Centre.Status.PREPARING, Centre.Status.RESELECTING):
        raise WrongState(codes.WRONG_STATE, "运行中或已解除的质控中心不能发布遴选公告。")
    call = SelectionCall(
        centre=centre,
        title=title,
        method=method,
        conditions=conditions,
        application_deadline=application_deadline,
        designation_reason=designation_reason,
        ruleset_code=ruleset.code,
        created_by=acting_user,
    )
    if method != SelectionCall.Method.DESIGNATION:
        call.publish()
        call.published_at = timezone.now()
    try:  # two publications at once: the database keeps one running call per centre
        with transaction.atomic():
            call.save()
    except IntegrityError:
        raise WrongState(codes.CALL_IN_PROGRESS, "该质控中心已有进行中的遴选。") from None
    document = None
    if method != SelectionCall.Method.DESIGNATION:
        document = documents.issue(
            doc_type="centre_call",
            centre=centre,
            subject=call,
            acting_user=acting_user,
            title=title,
            body=documents.call_body(call),
            addressees="各医疗卫生机构",
        )
    timeline_add(
        centre,
        kind="call",
        title=("记录指定：" if method == "designation" else "发布遴选公告：") + title,
        actor=acting_user,
        document=document,
        article=ruleset.param("setup.selection_methods").article
        if ruleset.has("setup.selection_methods")
        else "",
    )
    if call.application_deadline:
        deadline_open(
            kind="application.close",
            title=f"申报截止：{title}",
            subject=call,
            due_at=call.application_deadline,
            jurisdiction=centre.jurisdiction,
            acting_user=acting_user,
            ruleset_code=ruleset.code,
        )
    return call


def closes_early(call: SelectionCall, at: datetime | None = None) -> bool:
    """Whether closing now comes before the published application deadline."""
    return bool(call.application_deadline) and (at or timezone.now()) < call.application_deadline


def drafts_of(call: SelectionCall):
    """Applications still being prepared (a draft, or returned for changes): the hospitals a close
    shuts out."""
    return call.applications.filter(status__in=[Application.Status.DRAFT, Application.Status.RETURNED])


@transaction.atomic
def call_close_applications(*, call: SelectionCall, acting_user, reason: str = "") -> SelectionCall:
    """截止申报, into review. Before the published deadline it shuts out hospitals still preparing:
    a reason is then recorded (withdrawal, no applicants…), and each hospital with a draft is told
    (its 待办 says the call closed early, and why)."""
    require(policies.may_close_call(acting_user, call), "只有本辖区卫健委或质控办可以截止申报。")
    early = closes_early(call)
    if early and call.status == SelectionCall.Status.OPEN and not reason.strip():
        raise WrongState(
            codes.REASON_REQUIRED,
            f"公布的申报截止时间为 {timezone.localtime(call.application_deadline):%Y-%m-%d %H:%M}，"
            "请填写提前截止的理由（如申请单位撤回、无单位申报）。",
        )
    transition(
        call,
        "close_applications",
        message="只有接受申请中的遴选可以截止申报。",
        extra={"closing_reason": reason.strip() if early else ""},
    )
    deadline_meet(subject=call, kind="application.close", acting_user=acting_user)
    if early:
        told = drafts_of(call).count()
        timeline_add(
            call.centre,
            kind="call_closed",
            title=f"提前截止申报，进入评审：{call.closing_reason}",
            actor=acting_user,
            reason=call.closing_reason,
            drafts_told=told,
        )
    else:
        timeline_add(call.centre, kind="call_closed", title="截止申报，进入评审", actor=acting_user)
    return call


# --- applications -----------------------------------------------------------------------------


def host_applicant(application: Application, *, on: date) -> engine_inputs.HostApplicant:
    """The engine's view of an applicant, built from the record."""
    call, institution = application.call, application.institution
    ruleset = ruleset_for(call.centre, on=on)
    allowed = ruleset.value("host.allowed_kinds") if ruleset.has("host.allowed_kinds") else ()
    kind = institution.kind if institution.kind in allowed else "other_capable"
    # "This round" exclusions are judged below (application_violations): they are no term of years.
    bans = [
        engine_inputs.Ban(b.cause, b.ends_on, b.scope)
        for b in applicable_bans(institution, call)
        if b.scope != Ban.Scope.CURRENT_ROUND
    ]
    existing = (
        Centre.objects.filter(
            jurisdiction=call.centre.jurisdiction,
            body_kind=call.centre.body_kind,
            specialty=call.centre.specialty,
        )
        .exclude(pk=call.centre.pk)
        .exclude(status=Centre.Status.DISSOLVED)
        .count()
    )
    return engine_inputs.HostApplicant(
        grade=institution.grade,
        kind=kind,
        name=institution.name,
        serious_incidents=tuple(
            engine_inputs.Incident(on, department)
            for on, department in QualityIncident.objects.filter(institution=institution).values_list(
                "occurred_on", "department"
            )
        ),
        specialty=call.centre.specialty.name,
        bans=bans,
        existing_centres_same_specialty=existing,
        sections_provided=tuple(k for k, v in (application.sections or {}).items() if str(v).strip()),
        attachments_provided=tuple(provided_attachment_kinds(application)),
    )


def applicable_bans(institution: Institution, call: SelectionCall):
    """Bans in force that bar this institution from this call (九龙坡 第二十条、第二十二条（二）;
    济南 第十七条、第十九条（三））."""
    on = today()
    bans = Ban.objects.filter(institution=institution).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=on), starts_on__lte=on
    )
    centre = call.centre
    return [
        b
        for b in bans
        if (b.scope == Ban.Scope.SAME_SPECIALTY and b.specialty_id == centre.specialty_id)
        or (
            b.scope == Ban.Scope.NEW_OTHER_SPECIALTY
            and b.specialty_id != centre.specialty_id
            and centre.status == Centre.Status.PREPARING
        )
        or (b.scope == Ban.Scope.CURRENT_ROUND and _round_of_ban(b) == call.pk)
    ]


def _round_of_ban(ban: Ban) -> int | None:
    """The round a "this round" exclusion bars: the named call, or else the first call for the
    centre that replaces the dissolved one (same jurisdiction, kind and specialty)."""
    if ban.call_id:
        return ban.call_id
    old = ban.centre
    first = (
        SelectionCall.objects.filter(
            centre__jurisdiction=old.jurisdiction_id,
            centre__body_kind=old.body_kind,
            centre__specialty=old.specialty_id,
        )
        .exclude(centre=old)
        .exclude(status=SelectionCall.Status.CANCELLED)
        .order_by("pk")
        .first()
    )
    return first.pk if first else None


def application_violations(application: Application, *, on: date | None = None) -> list[Violation]:
    on = on or today()
    ruleset = ruleset_for(application.call.centre, on=on)
    excluded = [
        Violation(
            "host.excluded_from_round",
            b.article,
            f"{b.article}：原挂靠单位不得参加本轮遴选（{b.reason}）",
            "mandatory",
            application.institution.name,
        )
        for b in applicable_bans(application.institution, application.call)
        if b.scope == Ban.Scope.CURRENT_ROUND
    ]
    return excluded + check_host(ruleset, host_applicant(application, on=on), on=on)


@transaction.atomic
def application_save_draft(
    *,
    call: SelectionCall,
    acting_user,
    sections: dict,
    proposed_leader: Person | None = None,
    justification: str = "",
    application: Application | None = None,
) -> Application:
    """Create or update a draft. A submitted application is locked until returned for changes."""
    institution = acting_user.institution
    require(policies.may_apply(acting_user, institution), "只有医疗机构的填报人可以填写申请。")
    if call.status != SelectionCall.Status.OPEN:
        raise WrongState(codes.CALL_NOT_OPEN, "该遴选不在接受申请阶段。")
    if call.application_deadline and timezone.now() > call.application_deadline:
        raise WrongState(codes.DEADLINE_PASSED, "申报已截止。")
    if application is None:
        application = Application.objects.filter(call=call, institution=institution).first() or Application(
            call=call, institution=institution, created_by=acting_user
        )
    if application.locked:
        raise WrongState(codes.LOCKED, "申请已提交并锁定；如需修改，请等待退回。")
    if proposed_leader is not None and proposed_leader.employer_id != institution.pk:
        raise WrongState(codes.LEADER_NOT_STAFF, "拟任负责人应为本单位人员。")
    application.sections = {k: v for k, v in sections.items() if v is not None}
    application.proposed_leader = proposed_leader
    application.justification = justification
    application.save()
    return application


@transaction.atomic
def application_submit(*, application: Application, acting_user) -> Application:
    require(is_host_user(acting_user, application.institution), "只有申请单位的填报人可以提交申请。")
    call = application.call
    if call.status != SelectionCall.Status.OPEN:
        raise WrongState(codes.CALL_NOT_OPEN, "该遴选不在接受申请阶段。")
    if application.proposed_leader_id is None:
        raise WrongState(codes.LEADER_REQUIRED, "请选择拟任负责人。")
    refuse_unless_allowed(application_violations(application), justification=application.justification)
    transition(application, "submit", message="该申请当前不能提交。", extra={"submitted_at": timezone.now()})
    timeline_add(
        call.centre,
        kind="application_submitted",
        title=f"{application.institution} 提交申请（第{application.version}版）",
        actor=acting_user,
    )
    return application


@transaction.atomic
def application_preliminary_review(
    *, application: Application, outcome: str, acting_user, comments: str = ""
) -> PreliminaryReview:
    centre = application.call.centre
    ruleset = ruleset_for(centre)
    require(may_preliminary_review(acting_user, application, ruleset), "您不是该申请的初审人。")
    if outcome != PreliminaryReview.Outcome.PASSED and not comments.strip():
        raise WrongState(codes.COMMENTS_REQUIRED, "退回或不通过须填写意见。")
    steps = {"passed": "pass_preliminary", "returned": "return_for_changes", "rejected": "reject_preliminary"}
    returned = outcome == PreliminaryReview.Outcome.RETURNED
    transition(
        application,
        steps[outcome],
        message="只有已提交的申请可以初审。",
        extra={"version": application.version + 1} if returned else None,
    )
    if returned:  # the version as submitted is kept; the application opens again as the next version
        ApplicationVersion.objects.create(
            application=application,
            version=application.version - 1,
            sections=application.sections,
            proposed_leader_id=application.proposed_leader_id,
            returned_by=acting_user,
            reason=comments,
        )
    by = (
        ruleset.value("application.preliminary_review_by")
        if ruleset.has("application.preliminary_review_by")
        else ""
    )
    review = PreliminaryReview.objects.create(
        application=application, reviewer=acting_user, reviewed_by_kind=by, outcome=outcome, comments=comments
    )
    article = ruleset.param("application.preliminary_review_by").article if by else ""
    timeline_add(
        centre,
        kind="preliminary_review",
        title=f"初审{PreliminaryReview.Outcome(outcome).label}：{application.institution}",
        actor=acting_user,
        article=article,
    )
    return review


# --- expert review and oral defence (评审答辩) --------------------------------------------------


@transaction.atomic
def panel_add(*, call: SelectionCall, person: Person, acting_user) -> PanelMember:
    """Add a reviewer; one employed by an applicant is excluded automatically (回避)."""
    require(policies.may_form_panel(acting_user, call), "只有卫健委或质控办可以组建评审专家组。")
    member, _ = PanelMember.objects.get_or_create(call=call, person=person)
    applicant_ids = set(call.applications.values_list("institution_id", flat=True))
    if person.employer_id in applicant_ids:
        member.recused, member.recusal_reason = True, f"本人所在单位{person.employer}为申请单位，自动回避"
        member.save(update_fields=["recused", "recusal_reason"])
        return member
    # Declared interests and exits from the expert library (the experts app answers: centres/signals.py)
    reasons = conflicts_of(person, Institution.objects.filter(pk__in=applicant_ids), on=today())
    if reasons:
        member.recused, member.recusal_reason = True, f"自动回避：{'；'.join(reasons)}"[:200]
        member.save(update_fields=["recused", "recusal_reason"])
    return member


@transaction.atomic
def panel_declare_conflict(*, member: PanelMember, reason: str, acting_user) -> PanelMember:
    require(policies.may_score(acting_user, member), "只能由评审专家本人申报利益冲突。")
    if not reason.strip():
        raise WrongState(codes.REASON_REQUIRED, "请说明利益冲突情况。")
    member.conflict_declared, member.recused, member.recusal_reason = True, True, reason
    member.save(update_fields=["conflict_declared", "recused", "recusal_reason"])
    return member


@transaction.atomic
def score_record(
    *,
    member: PanelMember,
    application: Application,
    criterion: str,
    score: Decimal,
    acting_user,
    comment: str = "",
) -> ReviewScore:
    require(policies.may_score(acting_user, member), "只能由评审专家本人评分。")
    if member.recused:
        raise WrongState(codes.RECUSED, "已回避的专家不能评分。")
    if application.call_id != member.call_id or application.status != Application.Status.PRELIM_PASSED:
        raise WrongState(codes.NOT_SCORABLE, "只能对本轮初审通过的申请评分。")
    if member.call.status != SelectionCall.Status.REVIEWING:
        raise WrongState(codes.WRONG_STATE, "该遴选不在评审阶段。")
    row, _ = ReviewScore.objects.update_or_create(
        panel_member=member,
        application=application,
        criterion=criterion,
        defaults={"score": score, "comment": comment},
    )
    return row


def ranking(call: SelectionCall):
    """Applications passed in preliminary review, ranked by total score (sum over criteria of the
    average of the non-recused reviewers)."""
    apps = list(
        call.applications.filter(
            status__in=[
                Application.Status.PRELIM_PASSED,
                Application.Status.SELECTED,
                Application.Status.NOT_SELECTED,
            ]
        ).select_related("institution", "proposed_leader")
    )
    by_app = {}
    for row in (
        ReviewScore.objects.filter(application__in=apps, panel_member__recused=False)
        .values("application_id", "criterion")
        .annotate(avg=Avg("score"), n=Count("id"))
    ):
        by_app.setdefault(row["application_id"], Decimal(0))
        by_app[row["application_id"]] += row["avg"]
    # scores are kept to one decimal (ReviewScore.score): a total reads "88.5", not "88.5000000000000000"
    by_app = {pk: total.quantize(Decimal("0.1")) for pk, total in by_app.items()}
    ranked = sorted(apps, key=lambda a: by_app.get(a.pk, Decimal(-1)), reverse=True)
    return [(a, by_app.get(a.pk)) for a in ranked]


# --- selection, public notice, objections, establishment ---------------------------------------


def missing_reviewers(application: Application) -> list[PanelMember]:
    """The assigned, non-recused reviewers who have not scored ``application``."""
    scored = set(
        ReviewScore.objects.filter(application=application).values_list("panel_member_id", flat=True)
    )
    return [
        m for m in application.call.panel.filter(recused=False).select_related("person") if m.pk not in scored
    ]


def review_violations(
    application: Application, ruleset, *, missing_scores_reason: str = ""
) -> list[Violation]:
    """九龙坡 第七条（二）: the office organises an expert review and oral defence before the commission
    chooses — every assigned reviewer without a conflict has scored the application, or why one has
    not is recorded (``missing_scores_reason``); with no score at all there was no review."""
    key = "review.expert_review_and_defence"
    if application.call.method == SelectionCall.Method.DESIGNATION or not (
        ruleset.has(key) and ruleset.value(key)
    ):
        return []
    p = ruleset.param(key)
    if not ReviewScore.objects.filter(application=application, panel_member__recused=False).exists():
        return [breach(p, f"须{p.text}后择优确定，该申请尚无专家评分。", application.institution.name)]
    missing = missing_reviewers(application)
    if missing and not missing_scores_reason.strip():
        names = "、".join(str(m.person) for m in missing)
        return [
            breach(
                p,
                f"须{p.text}后择优确定，评审专家{names}尚未评分；请待其评分，或记录缺评原因。",
                application.institution.name,
            )
        ]
    return []


def leader_as_member(person: Person, *, host: Institution, terms_served: int = 0) -> engine_inputs.Member:
    return engine_inputs.Member(
        name=person.name,
        role="chair",
        sex=person.sex,
        birth_date=person.birth_date,
        employer=person.employer.name if person.employer_id else None,
        from_host=person.employer_id == host.pk,
        title=person.title,
        title_level=person.title_level if person.title_level != "none" else None,
        title_obtained_on=person.title_obtained_on,
        specialty=person.specialty,
        in_service=person.employment == Person.Employment.IN_SERVICE,
        main_practice_site=person.first_practice_site.name if person.first_practice_site_id else None,
        chair_terms_served=terms_served,
    )


@transaction.atomic
def call_select(
    *,
    call: SelectionCall,
    application: Application,
    reasons: str,
    acting_user,
    justification: str = "",
    missing_scores_reason: str = "",
) -> SelectionCall:
    """择优: the commission picks host and leader on merit, with reasons (九龙坡 第七条（四））."""
    centre = call.centre
    require(policies.may_decide(acting_user, centre), "只有卫健委可以确定挂靠单位和负责人。")
    if not reasons.strip():
        raise WrongState(codes.REASON_REQUIRED, "请填写择优理由。")
    if application.call_id != call.pk:
        raise WrongState(codes.WRONG_CALL, "该申请不属于本轮遴选。")
    # A step out of order is refused before any rule is weighed (the rules judge a step that may be taken).
    if not can_proceed(call.select) or (
        call.method != SelectionCall.Method.DESIGNATION and not can_proceed(application.mark_selected)
    ):
        raise WrongState(codes.WRONG_STATE, "只有初审通过、进入评审的申请可以被确定。")
    on = today()
    ruleset = ruleset_for(centre, on=on)
    leader = application.proposed_leader
    terms = HostingTerm.objects.filter(centre__specialty=centre.specialty, leader=leader).count()
    violations = application_violations(application, on=on) + review_violations(
        application, ruleset, missing_scores_reason=missing_scores_reason
    )
    if call.method == SelectionCall.Method.DESIGNATION:
        # A designation (九龙坡 第五条) has no application form: 第七条（三）'s contents do not apply.
        violations = [v for v in violations if not v.code.startswith("application.")]
    violations += check_chair(
        ruleset,
        leader_as_member(leader, host=application.institution, terms_served=terms),
        on=on,
        first_appointment=terms == 0,
    )
    refuse_unless_allowed(violations, justification=justification or application.justification)
    if call.method != SelectionCall.Method.DESIGNATION:
        transition(application, "mark_selected", message="只有初审通过的申请可以被确定。")
    transition(
        call,
        "select",
        message="该遴选当前不能确定挂靠单位。",
        extra={"selected_application": application, "selection_reasons": reasons},
    )
    for other in call.applications.exclude(pk=application.pk).filter(status=Application.Status.PRELIM_PASSED):
        transition(other, "mark_not_selected", message="该申请已不在评审中。")
    missing = (
        {
            "missing_scores_reason": missing_scores_reason.strip(),
            "missing_reviewers": [str(m.person) for m in missing_reviewers(application)],
        }
        if missing_scores_reason.strip()
        else {}
    )
    timeline_add(
        centre,
        kind="selected",
        title=f"择优确定挂靠单位 {application.institution}、负责人 {leader}",
        actor=acting_user,
        article="",
        reasons=reasons,
        **missing,
    )
    return call


@transaction.atomic
def designation_record(
    *, call: SelectionCall, institution: Institution, leader: Person, reasons: str, acting_user
) -> SelectionCall:
    """指定 (九龙坡 第五条): the commission names the host directly; an application is recorded for it."""
    require(policies.may_decide(acting_user, call.centre), "只有卫健委可以指定挂靠单位。")
    if call.method != SelectionCall.Method.DESIGNATION:
        raise WrongState(codes.NOT_DESIGNATION, "该轮为遴选，不能直接指定。")
    # the designated host is chosen by the designation itself (拟确定), and appointed at establishment
    application = Application.objects.create(
        call=call,
        institution=institution,
        proposed_leader=leader,
        created_by=acting_user,
        sections={"designation": reasons},
        status=Application.Status.SELECTED,
    )
    return call_select(call=call, application=application, reasons=reasons, acting_user=acting_user)


@transaction.atomic
def notice_publish(
    *, call: SelectionCall, starts_on: date, working_days: int, acting_user, body: str = ""
) -> PublicNotice:
    """公示 of at least the rule set's working days, counted on the official calendar."""
    centre = call.centre
    require(policies.may_decide(acting_user, centre), "只有卫健委可以发布公示。")
    ruleset = ruleset_for(centre, on=starts_on)
    if not ruleset.has("notice.min_working_days"):
        raise WrongState(codes.NO_NOTICE, f"规则集 {ruleset.code} 未规定公示，请直接作出设置决定。")
    p = ruleset.param("notice.min_working_days")
    if working_days < p.value:
        raise RuleRefusal(
            codes.RULE_VIOLATION, "", [breach(p, f"{p.text}，本次仅{working_days}个工作日。", call.title)]
        )
    on = today()
    if starts_on < on:  # the public gets every working day of the notice, counted from its publication
        raise RuleRefusal(
            codes.RULE_VIOLATION,
            "",
            [
                Violation(
                    p.key,
                    p.article,
                    f"{p.article}：{p.text}；公示自发布之日起计算，起始日 {starts_on:%Y-%m-%d} "
                    f"早于发布之日 {on:%Y-%m-%d}，请选择今天或以后的日期。",
                    "mandatory",
                    call.title,
                )
            ],
        )
    period = workdays.notice_period(starts_on, working_days)  # refuses beyond the known calendar years
    selected = call.selected_application
    transition(call, "start_notice", message="只有已择优确定的遴选可以公示。")
    notice = PublicNotice.objects.create(
        call=call,
        title=f"关于{centre.name}挂靠单位和负责人人选的公示",
        body=body
        or (
            f"经遴选评审，拟确定{selected.institution}为{centre.name}挂靠单位，"
            f"{selected.proposed_leader}为负责人。公示期间如有异议，请通过本页提出。"
        ),
        starts_on=starts_on,
        working_days=working_days,
        ends_on=period.end,
        closes_at=period.closes_at,
        published_by=acting_user,
    )
    document = documents.issue(
        doc_type="centre_notice",
        centre=centre,
        subject=notice,
        acting_user=acting_user,
        title=notice.title,
        body=documents.notice_body(notice),
        addressees="",
    )
    deadline_open(
        kind="notice.close",
        title=f"公示期满：{notice.title}",
        subject=notice,
        due_at=period.closes_at,
        jurisdiction=centre.jurisdiction,
        article=p.article,
        ruleset_code=ruleset.code,
        acting_user=acting_user,
    )
    timeline_add(
        centre,
        kind="notice",
        title=f"公示 {working_days} 个工作日，至 {period.end:%Y-%m-%d} 24时",
        actor=acting_user,
        article=p.article,
        document=document,
    )
    return notice


def notice_is_open(notice: PublicNotice, at: datetime | None = None) -> bool:
    at = at or timezone.now()
    starts = timezone.make_aware(datetime.combine(notice.starts_on, datetime.min.time()))
    return notice.status == PublicNotice.Status.OPEN and starts <= at <= notice.closes_at


# Limits of the public objection form (issue 15): settings may override them.
OBJECTIONS_PER_ADDRESS = 5  # from one address in LIMIT_WINDOW, over all notices
OBJECTIONS_PER_NOTICE = 500  # to one notice in LIMIT_WINDOW, from everyone
LIMIT_WINDOW = timedelta(hours=24)


def objection_source(address: str) -> str:
    """A keyed hash of the sender's address: the limit counts it, nobody can read it back."""
    import hashlib
    import hmac

    from django.conf import settings

    if not address:
        return ""
    return hmac.new(settings.SECRET_KEY.encode(), f"objection:{address}".encode(), hashlib.sha256).hexdigest()


class TooManyObjections(WrongState):
    """The public objection form's limit is hit: the API answers 429 (core.api.errors answers a
    service error with its class's status), the page shows the message beside the kept form."""

    status_code = 429

    def __init__(self, message: str):
        super().__init__(codes.TOO_MANY, message)


@transaction.atomic
def objection_lodge(
    *, notice: PublicNotice, name: str, contact: str, content: str, source_address: str = ""
) -> Objection:
    """Anyone may object while the notice is open; no login. Limited per sender's address and per
    notice, an exact duplicate refused, the text at most OBJECTION_MAX_LENGTH characters."""
    from django.conf import settings

    from ..models import OBJECTION_MAX_LENGTH

    if not notice_is_open(notice):
        raise WrongState(codes.NOTICE_CLOSED, "公示期已结束或尚未开始，不能提出异议。")
    name, contact, content = name.strip(), contact.strip(), content.strip()
    if not (name and contact and content):
        raise WrongState(codes.INCOMPLETE, "请填写姓名/单位、联系方式和异议内容。")
    if len(content) > OBJECTION_MAX_LENGTH:
        raise WrongState(
            codes.TOO_LONG,
            f"异议内容不能超过{OBJECTION_MAX_LENGTH}字，请精简后提交或附书面材料递交卫健委。",
        )
    # one lock per notice: concurrent senders are counted one after the other
    PublicNotice.objects.select_for_update().filter(pk=notice.pk).first()
    since = timezone.now() - LIMIT_WINDOW
    source = objection_source(source_address)
    per_address = getattr(settings, "CENTRES_OBJECTIONS_PER_ADDRESS", OBJECTIONS_PER_ADDRESS)
    per_notice = getattr(settings, "CENTRES_OBJECTIONS_PER_NOTICE", OBJECTIONS_PER_NOTICE)
    if source and Objection.objects.filter(source=source, lodged_at__gte=since).count() >= per_address:
        raise TooManyObjections(
            f"提交过于频繁：同一来源24小时内最多提交{per_address}条异议，已达上限。"
            "请稍后再试，或按公示载明的方式向卫生健康委员会书面反映。"
        )
    if notice.objections.filter(lodged_at__gte=since).count() >= per_notice:
        raise TooManyObjections(
            f"本公示24小时内收到的异议已达上限（{per_notice}条），请稍后再试，"
            "或按公示载明的方式向卫生健康委员会书面反映。已收到的异议均会依规处理。"
        )
    if notice.objections.filter(name=name, contact=contact, content=content).exists():
        raise WrongState(codes.DUPLICATE, "相同的异议已经收到，无需重复提交。")
    objection = Objection.objects.create(
        notice=notice, name=name, contact=contact, content=content, source=source
    )
    timeline_add(notice.call.centre, kind="objection", title="收到公示异议")
    return objection


@transaction.atomic
def objection_handle(*, objection: Objection, handling: str, note: str, acting_user) -> Objection:
    centre = objection.notice.call.centre
    require(policies.may_decide(acting_user, centre), "只有卫健委可以处理异议。")
    if handling not in (Objection.Handling.UPHELD, Objection.Handling.DISMISSED) or not note.strip():
        raise WrongState(codes.HANDLING_REQUIRED, "请选择处理结果并填写处理说明。")
    # open → upheld | dismissed, once: a decided objection is final
    transition(
        objection,
        "uphold" if handling == Objection.Handling.UPHELD else "dismiss",
        message=f"该异议已处理（{objection.get_handling_display()}），处理结果不能更改。",
        extra={"handling_note": note, "handled_by": acting_user, "handled_at": timezone.now()},
    )
    timeline_add(
        centre,
        kind="objection_handled",
        title=f"异议处理：{objection.get_handling_display()}",
        actor=acting_user,
    )
    return objection


@transaction.atomic
def centre_establish(*, call: SelectionCall, acting_user, on: date | None = None) -> HostingTerm:
    """Decision to establish: only after the notice has closed with no objection open, or upheld."""
    centre = Centre.objects.select_for_update().get(pk=call.centre_id)
    require(policies.may_decide(acting_user, centre), "只有卫健委可以作出设置决定。")
    on = on or today()
    ruleset = ruleset_for(centre, on=on)
    notice = getattr(call, "notice", None)
    if ruleset.has("notice.min_working_days"):
        if notice is None:
            p = ruleset.param("notice.min_working_days")
            raise RuleRefusal(
                codes.RULE_VIOLATION,
                "",
                [
                    Violation(
                        p.key,
                        p.article,
                        f"{p.article}：须经公示无异议后方可作出设置决定。",
                        "mandatory",
                        call.title,
                    )
                ],
            )
        if timezone.now() <= notice.closes_at:
            raise WrongState(
                codes.NOTICE_OPEN,
                f"公示期至 {timezone.localtime(notice.closes_at):%Y-%m-%d %H:%M} 结束，"
                "公示结束前不能作出设置决定。",
            )
        if notice.objections.filter(handling=Objection.Handling.OPEN).exists():
            raise WrongState(codes.OBJECTION_OPEN, "尚有未处理的异议，处理完毕前不能作出设置决定。")
        if notice.objections.filter(handling=Objection.Handling.UPHELD).exists():
            raise WrongState(codes.OBJECTION_UPHELD, "异议成立，不能按公示结果设置；请撤销本轮遴选。")
        if notice.status == PublicNotice.Status.OPEN:
            transition(notice, "close", message="公示已结束。")
    selected = call.selected_application
    transition(call, "decide", message="只有已择优并公示结束的遴选可以作出设置决定。")
    transition(selected, "appoint", message="只有拟确定的申请可以确定为挂靠单位。")
    # 九龙坡 第五条 / 济南 第十九条（一）: a cycle of host_term_years; a rule set without one (青浦, 河南)
    # sets no end, and the term runs until the commission decides otherwise.
    years = ruleset.value("setup.host_term_years") if ruleset.has("setup.host_term_years") else None
    number = centre.terms.count() + 1
    term = HostingTerm.objects.create(
        centre=centre,
        host=selected.institution,
        leader=selected.proposed_leader,
        number=number,
        starts_on=on,
        ends_on=add_years(on, years) - timedelta(days=1) if years else None,
        call=call,
    )
    centre.host, centre.leader = selected.institution, selected.proposed_leader
    transition(centre, "establish", message="该质控中心当前不能设置。", update_fields=("host", "leader"))
    article = ruleset.param("setup.host_term_years").article if ruleset.has("setup.host_term_years") else ""
    if notice is not None:
        deadline_meet(subject=notice, kind="notice.close", acting_user=acting_user)
    document = documents.issue(
        doc_type="centre_decision",
        centre=centre,
        subject=term,
        acting_user=acting_user,
        title=f"关于设置{centre.name}的通知",
        body=documents.decision_body(call, term),
        addressees=f"{selected.institution}，各医疗卫生机构",
    )
    until = f"，周期至 {term.ends_on:%Y-%m-%d}" if term.ends_on else ""
    timeline_add(
        centre,
        kind="established",
        title=f"决定设置，挂靠{selected.institution}{until}",
        actor=acting_user,
        article=article,
        document=document,
    )
    return term

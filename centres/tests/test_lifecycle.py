"""A centre's life after establishment (issue 5, steps 9–12), under 九龙坡 and 济南: the leader
leaving during the term (九龙坡 第十二条, 济南 第十九条（二））, the decision at the end of a term
(九龙坡 第二十二条（一）, 济南 第十九条（一）), dissolution with its bans (九龙坡 第二十条、第二十五条;
济南 第十七条、第十九条（三）) and the handover to the next host (九龙坡 第二十四条, 济南 第二十一条);
every refusal; and the pages, with a permission test for each."""

from datetime import date, datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from centres.models import (
    Ban,
    Centre,
    Dissolution,
    Handover,
    HostingTerm,
    LeaderChange,
    SelectionCall,
    Specialty,
    TermDecision,
)
from centres.services import lifecycle
from centres.services import selection as services
from core.errors import RuleRefusal, ServiceError
from deadlines.models import Deadline
from directory.models import Institution, Jurisdiction, Person

pytestmark = pytest.mark.django_db

DEADLINE = timezone.make_aware(datetime(2026, 3, 20, 17, 0))


# --- bringing centres to ACTIVE ---------------------------------------------------------------


def jlp_active(centre, u, at):
    """九龙坡 第五条: designation, notice of 5 working days, decision to establish on 9 March 2026."""
    at("2026-03-02 09:00")
    call = services.call_publish(
        centre=centre,
        title="指定挂靠单位",
        method="designation",
        designation_reason="区内唯一具备条件的单位",
        acting_user=u("jlp_commission"),
    )
    services.designation_record(
        call=call,
        institution=u("jlp_host").institution,
        leader=Person.objects.get(name="张建国"),
        reasons="区内唯一具备条件的单位",
        acting_user=u("jlp_commission"),
    )
    services.notice_publish(
        call=call, starts_on=date(2026, 3, 2), working_days=5, acting_user=u("jlp_commission")
    )
    at("2026-03-09 09:00")
    term = services.centre_establish(call=call, acting_user=u("jlp_commission"))
    centre.refresh_from_db()
    return term


@pytest.fixture
def jlp_active_centre(jlp_centre, u, at):
    jlp_active(jlp_centre, u, at)
    return jlp_centre


def jn_centre(u, at, name="呼吸内科"):
    at("2026-03-01 09:00")
    return services.centre_create(
        jurisdiction=Jurisdiction.objects.get(code="370100"),
        body_kind="city_centre",
        specialty=Specialty.objects.get_or_create(name=name)[0],
        name=f"济南市{name}质控中心",
        acting_user=u("jn_commission"),
    )


def jn_call(centre, u):
    return services.call_publish(
        centre=centre,
        title=f"{centre.name}挂靠单位申报",
        method="application",
        application_deadline=DEADLINE,
        acting_user=u("jn_commission"),
    )


@pytest.fixture
def jn_active_centre(world, u, at, complete):
    """济南 第八条: application, assessment, decision (no public notice in the rule set)."""
    centre = jn_centre(u, at)
    at("2026-03-02 09:00")
    call = jn_call(centre, u)
    application = complete(call, u("jn_host"), leader_name="马国栋")
    services.application_submit(application=application, acting_user=u("jn_host"))
    services.application_preliminary_review(
        application=application, outcome="passed", acting_user=u("jn_qc_office")
    )
    services.call_close_applications(
        call=call, acting_user=u("jn_qc_office"), reason="申请单位均已提交，提前进入评审"
    )
    services.call_select(
        call=call, application=application, reasons="呼吸专科实力最强", acting_user=u("jn_commission")
    )
    at("2026-03-09 09:00")
    services.centre_establish(call=call, acting_user=u("jn_commission"))
    centre.refresh_from_db()
    return centre


def deadline_of(subject, kind):
    return Deadline.objects.get(
        content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk, kind=kind
    )


def kinds(centre):
    return list(centre.timeline.values_list("kind", flat=True))


# --- 9. the leader leaves during the term ------------------------------------------------------


def test_jiulongpo_host_recommends_a_new_leader_within_a_month(jlp_active_centre, u, at):
    """九龙坡 第十二条: 由挂靠单位在一个月内重新推荐人选, the commission approves."""
    centre = jlp_active_centre
    at("2026-04-10 09:00")
    change = lifecycle.leader_vacate(
        centre=centre, reason="调任外区", vacated_on=date(2026, 4, 10), acting_user=u("jlp_host")
    )
    assert timezone.localtime(change.due_at).strftime("%Y-%m-%d %H:%M:%S") == "2026-05-10 23:59:59"
    deadline = deadline_of(change, "chair.replacement")
    assert (deadline.institution, deadline.article, deadline.state) == (centre.host, "第十二条", "open")

    newcomer = Person.objects.get(name="彭镕")
    lifecycle.leader_nominate(change=change, person=newcomer, acting_user=u("jlp_host"))
    lifecycle.leader_approve(change=change, acting_user=u("jlp_commission"))
    centre.refresh_from_db()
    change.refresh_from_db()
    assert change.status == LeaderChange.Status.APPROVED and change.decided_by == u("jlp_commission")
    assert centre.leader == newcomer and centre.terms.get(status="active").leader == newcomer
    assert Deadline.objects.get(pk=deadline.pk).state == Deadline.State.MET
    entries = centre.timeline.filter(kind__in=["leader_vacated", "leader_nominated", "leader_approved"])
    assert [e.article for e in entries] == ["第十二条"] * 3


def test_jiulongpo_ineligible_nominee_is_refused(jlp_active_centre, u, at):
    """九龙坡 第十一条（三）1: 年龄不超过65岁 is mandatory: the nomination is refused, nothing recorded."""
    at("2026-04-10 09:00")
    change = lifecycle.leader_vacate(
        centre=jlp_active_centre, reason="退休", vacated_on=date(2026, 4, 10), acting_user=u("jlp_commission")
    )
    elder = Person.objects.create(
        name="钱老",
        sex="M",
        birth_date=date(1958, 1, 1),
        id_number="500107195801010011",
        employer=jlp_active_centre.host,
        title="主任医师",
        title_level="senior",
        title_obtained_on=date(2000, 1, 1),
    )
    with pytest.raises(RuleRefusal) as refused:
        lifecycle.leader_nominate(change=change, person=elder, acting_user=u("jlp_host"))
    assert [v.article for v in refused.value.violations] == ["第十一条（三）1"]
    change.refresh_from_db()
    assert change.status == LeaderChange.Status.VACANT and change.new_leader is None
    # 九龙坡 has no reselection for an ineligible nominee: the host nominates again
    with pytest.raises(ServiceError) as refused:
        lifecycle.leader_reselect_host(
            change=change, reason="人选不符合条件", acting_user=u("jlp_commission")
        )
    assert refused.value.code == "no_rule"


def test_only_the_host_nominates_and_only_the_commission_approves(jlp_active_centre, u, at):
    at("2026-04-10 09:00")
    change = lifecycle.leader_vacate(
        centre=jlp_active_centre, reason="调任", vacated_on=date(2026, 4, 10), acting_user=u("jlp_host")
    )
    for user in ("jlp_commission", "jlp_scorer", "jn_host"):
        with pytest.raises(ServiceError):
            lifecycle.leader_nominate(
                change=change, person=Person.objects.get(name="彭镕"), acting_user=u(user)
            )
    lifecycle.leader_nominate(
        change=change, person=Person.objects.get(name="彭镕"), acting_user=u("jlp_host")
    )
    for user in ("jlp_host", "jlp_qc_office", "jn_commission"):
        with pytest.raises(ServiceError) as refused:
            lifecycle.leader_approve(change=change, acting_user=u(user))
        assert refused.value.code == "permission_denied"
    with pytest.raises(ServiceError):  # another vacancy while one is open
        lifecycle.leader_vacate(
            centre=jlp_active_centre, reason="再次", vacated_on=date(2026, 4, 11), acting_user=u("jlp_host")
        )


def test_jinan_ineligible_nominee_sends_the_commission_to_reselect_the_host(jn_active_centre, u, at):
    """济南 第十九条（二）: 推荐人选不符合市级质控中心主任基本条件…由市卫生健康委重新遴选挂靠单位."""
    centre = jn_active_centre
    at("2026-05-04 09:00")
    change = lifecycle.leader_vacate(
        centre=centre, reason="因病无法履职", vacated_on=date(2026, 5, 4), acting_user=u("jn_commission")
    )
    assert deadline_of(change, "chair.replacement").article == "第十九条（二）"
    junior = Person.objects.get(name="喆妍")  # 主治医师: below 副高级 (第六条（三）)
    lifecycle.leader_nominate(change=change, person=junior, acting_user=u("jn_host"))
    change.refresh_from_db()
    assert change.status == LeaderChange.Status.NOMINATED
    assert centre.timeline.get(kind="leader_nominated").article == "第十九条（二）"
    with pytest.raises(RuleRefusal) as refused:
        lifecycle.leader_approve(change=change, acting_user=u("jn_commission"))
    assert "第十九条（二）" in refused.value.message
    assert any(v.article == "第六条（三）" for v in refused.value.violations)

    lifecycle.leader_reselect_host(
        change=change, reason="推荐人选不具备副高级职称", acting_user=u("jn_commission")
    )
    centre.refresh_from_db()
    change.refresh_from_db()
    assert change.status == LeaderChange.Status.RESELECT
    assert centre.status == Centre.Status.RESELECTING
    assert centre.terms.get().status == HostingTerm.Status.TERMINATED
    assert deadline_of(change, "chair.replacement").state == Deadline.State.WAIVED
    assert centre.timeline.get(kind="leader_reselect").article == "第十九条（二）"
    # the selection workflow runs again from RESELECTING (with a deadline still ahead)
    call = services.call_publish(
        centre=centre,
        title=f"{centre.name}挂靠单位申报",
        method="application",
        application_deadline=timezone.make_aware(datetime(2026, 6, 30, 17, 0)),
        acting_user=u("jn_commission"),
    )
    assert call.status == SelectionCall.Status.OPEN


def test_jinan_eligible_nominee_is_approved(jn_active_centre, u, at):
    at("2026-05-04 09:00")
    change = lifecycle.leader_vacate(
        centre=jn_active_centre, reason="调任", vacated_on=date(2026, 5, 4), acting_user=u("jn_host")
    )
    lifecycle.leader_nominate(
        change=change, person=Person.objects.get(name="黄丽华"), acting_user=u("jn_host")
    )
    lifecycle.leader_approve(change=change, acting_user=u("jn_commission"))
    jn_active_centre.refresh_from_db()
    assert jn_active_centre.leader.name == "黄丽华"


# --- 10. the end of a term --------------------------------------------------------------------

GOOD = {2026: "good", 2027: "good", 2028: "excellent", 2029: "good"}
MIXED = {2026: "good", 2027: "pass", 2028: "pass", 2029: "good"}


def test_jiulongpo_retained_as_proposed_starts_the_next_cycle(jlp_active_centre, u, at):
    """九龙坡 第二十二条（一）: 4次年度考核结果均为良好及以上等次 — no change; the next cycle follows."""
    centre = jlp_active_centre
    term = centre.terms.get()
    at("2030-02-20 09:00")
    decision = lifecycle.term_decision_record(
        term=term,
        outcome="retain",
        reasons="四年考核均为良好及以上",
        grades_by_year=GOOD,
        acting_user=u("jlp_commission"),
    )
    assert decision.proposal["outcome"] == "retain" and decision.proposal["article"] == "第二十二条（一）"
    assert decision.grades == {"2026": "good", "2027": "good", "2028": "excellent", "2029": "good"}
    term.refresh_from_db()
    assert term.status == HostingTerm.Status.ENDED
    nxt = centre.terms.get(status="active")
    assert (nxt.number, nxt.host, nxt.starts_on, nxt.ends_on) == (
        2,
        term.host,
        date(2030, 3, 9),
        date(2034, 3, 8),
    )
    assert deadline_of(nxt, "term.end").due_at == timezone.make_aware(datetime(2034, 3, 8, 23, 59, 59))
    entry = centre.timeline.get(kind="term_decided")
    assert entry.article == "第二十二条（一）" and entry.detail["departs"] is False


def test_jiulongpo_commission_may_depart_from_the_proposal_with_reasons(jlp_active_centre, u, at):
    centre = jlp_active_centre
    term = centre.terms.get()
    at("2030-02-20 09:00")
    with pytest.raises(ServiceError) as refused:
        lifecycle.term_decision_record(
            term=term, outcome="retain", reasons=" ", grades_by_year=MIXED, acting_user=u("jlp_commission")
        )
    assert refused.value.code == "reason_required"
    decision = lifecycle.term_decision_record(
        term=term,
        outcome="retain",
        reasons="两年合格系疫情影响，整改到位",
        grades_by_year=MIXED,
        acting_user=u("jlp_commission"),
    )
    assert decision.proposal["outcome"] == "reselect" and decision.outcome == "retain"
    entry = centre.timeline.get(kind="term_decided")
    assert entry.detail["departs"] is True and "与规则引擎建议不同" in entry.title


def test_jiulongpo_reselection_lets_a_new_call_run(jlp_active_centre, u, at):
    centre = jlp_active_centre
    at("2030-02-20 09:00")
    lifecycle.term_decision_record(
        term=centre.terms.get(),
        outcome="reselect",
        reasons="考核结果不满足保留条件",
        grades_by_year=MIXED,
        acting_user=u("jlp_commission"),
    )
    centre.refresh_from_db()
    assert (
        centre.status == Centre.Status.RESELECTING and centre.terms.get().status == HostingTerm.Status.ENDED
    )
    call = services.call_publish(
        centre=centre,
        title="重新遴选",
        method="selection",
        acting_user=u("jlp_commission"),
        application_deadline=timezone.make_aware(datetime(2030, 3, 20, 17, 0)),
    )
    assert call.status == SelectionCall.Status.OPEN
    assert kinds(centre)[-3:] == ["term_decided", "reselection", "call"]


def test_only_the_commission_decides_and_only_once(jlp_active_centre, u, at):
    term = jlp_active_centre.terms.get()
    at("2030-02-20 09:00")
    for user in ("jlp_qc_office", "jlp_host", "jn_commission"):
        with pytest.raises(ServiceError):
            lifecycle.term_decision_record(
                term=term, outcome="retain", reasons="x", grades_by_year=GOOD, acting_user=u(user)
            )
    with pytest.raises(ServiceError):  # a grade outside the rule set's scale
        lifecycle.term_decision_record(
            term=term,
            outcome="retain",
            reasons="x",
            grades_by_year={2026: "A"},
            acting_user=u("jlp_commission"),
        )
    lifecycle.term_decision_record(
        term=term, outcome="retain", reasons="x", grades_by_year=GOOD, acting_user=u("jlp_commission")
    )
    with pytest.raises(ServiceError):
        lifecycle.term_decision_record(
            term=term, outcome="reselect", reasons="x", grades_by_year=GOOD, acting_user=u("jlp_commission")
        )


def test_jinan_third_term_retention_is_refused(jn_active_centre, u, at):
    """济南 第十九条（一）: 2 届任期届满后，重新遴选市级质控中心挂靠单位."""
    centre = jn_active_centre
    passes = {2026: "pass", 2027: "pass", 2028: "pass", 2029: "pass"}
    at("2030-02-20 09:00")
    first = lifecycle.term_decision_record(
        term=centre.terms.get(),
        outcome="retain",
        reasons="任期内考核均合格",
        grades_by_year=passes,
        acting_user=u("jn_commission"),
    )
    assert first.proposal["outcome"] == "commission_decides"
    second_term = centre.terms.get(status="active")
    assert second_term.number == 2
    at("2034-02-20 09:00")
    later = {2030: "pass", 2031: "pass", 2032: "pass", 2033: "pass"}
    with pytest.raises(RuleRefusal) as refused:
        lifecycle.term_decision_record(
            term=second_term,
            outcome="retain",
            reasons="考核均合格",
            grades_by_year=later,
            acting_user=u("jn_commission"),
        )
    assert [(v.code, v.article) for v in refused.value.violations] == [
        ("setup.max_terms_before_reselection", "第十九条（一）")
    ]
    decision = lifecycle.term_decision_record(
        term=second_term,
        outcome="reselect",
        reasons="两届届满，依规重新遴选",
        grades_by_year=later,
        acting_user=u("jn_commission"),
    )
    assert decision.proposal["outcome"] == "reselect"
    centre.refresh_from_db()
    assert centre.status == Centre.Status.RESELECTING


# --- 11. dissolution --------------------------------------------------------------------------


def test_jiulongpo_severe_violation_dissolves_and_bars_the_host_from_the_specialty(
    jlp_active_centre, u, at, complete
):
    """九龙坡 第二十条: 立即解除挂靠关系，四年内不得申请作为本专业质控中心的挂靠单位; 第二十五条: the
    committee is dissolved with it. The ban is enforced at the next application."""
    centre = jlp_active_centre
    host = centre.host
    at("2026-06-15 10:00")
    dissolution = lifecycle.centre_dissolve(
        centre=centre, cause="severe_violation", reason="违规收取培训费", acting_user=u("jlp_commission")
    )
    centre.refresh_from_db()
    assert centre.status == Centre.Status.DISSOLVED and dissolution.article == "第二十条"
    assert centre.terms.get().status == HostingTerm.Status.TERMINATED
    ban = Ban.objects.get(institution=host)
    assert (ban.scope, ban.starts_on, ban.ends_on, ban.article) == (
        "same_specialty",
        date(2026, 6, 15),
        date(2030, 6, 14),
        "第二十条",
    )
    assert [
        (e.kind, e.article)
        for e in centre.timeline.filter(kind__in=["dissolved", "committee_dissolved", "ban"])
    ] == [("dissolved", "第二十条"), ("committee_dissolved", "第二十五条"), ("ban", "第二十条")]

    # a new centre for the same specialty; the old host applies and is refused, citing the article
    new = services.centre_create(
        jurisdiction=centre.jurisdiction,
        body_kind="district_centre",
        specialty=centre.specialty,
        name="九龙坡区心血管内科医疗质量控制中心（重建）",
        acting_user=u("jlp_commission"),
    )
    call = services.call_publish(
        centre=new,
        title="重新设置遴选公告",
        method="selection",
        acting_user=u("jlp_commission"),
        application_deadline=timezone.make_aware(datetime(2026, 7, 20, 17, 0)),
    )
    application = complete(call, u("jlp_host"))
    with pytest.raises(RuleRefusal) as refused:
        services.application_submit(application=application, acting_user=u("jlp_host"))
    assert any(v.article == "第二十条" and "2030-06-14" in v.message for v in refused.value.violations)


def test_only_the_commission_dissolves(jlp_active_centre, u, at):
    at("2026-06-15 10:00")
    for user in ("jlp_qc_office", "jlp_host", "jlp_auditor", "jn_commission"):
        with pytest.raises(ServiceError) as refused:
            lifecycle.centre_dissolve(
                centre=jlp_active_centre, cause="severe_violation", reason="x", acting_user=u(user)
            )
        assert refused.value.code == "permission_denied"
    with pytest.raises(ServiceError):
        lifecycle.centre_dissolve(
            centre=jlp_active_centre, cause="severe_violation", reason="", acting_user=u("jlp_commission")
        )
    assert not Dissolution.objects.exists()


def test_dissolution_cancels_the_open_call(jlp_active_centre, u, at):
    centre = jlp_active_centre
    at("2030-02-20 09:00")
    lifecycle.term_decision_record(
        term=centre.terms.get(),
        outcome="reselect",
        reasons="不满足保留条件",
        grades_by_year=MIXED,
        acting_user=u("jlp_commission"),
    )
    centre.refresh_from_db()
    call = services.call_publish(
        centre=centre,
        title="重新遴选",
        method="selection",
        acting_user=u("jlp_commission"),
        application_deadline=timezone.make_aware(datetime(2030, 3, 20, 17, 0)),
    )
    lifecycle.centre_dissolve(
        centre=centre,
        cause="severe_violation",
        reason="遴选期间查实严重违规",
        acting_user=u("jlp_commission"),
    )
    call.refresh_from_db()
    assert call.status == SelectionCall.Status.CANCELLED
    assert centre.timeline.filter(kind="call_cancelled").get().article == "第二十条"


def test_jinan_severe_violation_bars_new_centres_of_other_specialties_and_this_round(
    jn_active_centre, u, at, complete
):
    """济南 第十七条: 原挂靠单位不参与本轮遴选，且4年内不得申请作为新成立其他专业质控中心的挂靠单位."""
    centre = jn_active_centre
    at("2026-06-15 10:00")
    lifecycle.centre_dissolve(
        centre=centre, cause="severe_violation", reason="违规颁发证书", acting_user=u("jn_commission")
    )
    bans = {b.scope: b for b in Ban.objects.filter(institution=centre.host)}
    assert set(bans) == {"new_other_specialty_centre", "current_round"}
    assert bans["new_other_specialty_centre"].ends_on == date(2030, 6, 14)
    assert {b.article for b in bans.values()} == {"第十七条"}
    assert not centre.timeline.filter(kind="committee_dissolved").exists()  # 济南 has no such article

    other = jn_centre(u, at, name="检验医学")
    at("2026-06-16 09:00")
    call = services.call_publish(
        centre=other,
        title="检验医学质控中心申报",
        method="application",
        application_deadline=timezone.make_aware(datetime(2026, 7, 20, 17, 0)),
        acting_user=u("jn_commission"),
    )
    application = complete(call, u("jn_host"), leader_name="马国栋")
    with pytest.raises(RuleRefusal) as refused:
        services.application_submit(application=application, acting_user=u("jn_host"))
    assert any(v.article == "第十七条" for v in refused.value.violations)


def test_jinan_red_card_bars_the_specialty_for_four_years(jn_active_centre, u, at, complete):
    """济南 第十九条（三）: 连续 2 年考核不合格…原挂靠单位 4 年内不得申请本专业质控中心."""
    centre = jn_active_centre
    at("2028-03-01 10:00")
    dissolution = lifecycle.centre_dissolve(
        centre=centre, cause="red_card", reason="2026、2027年度连续考核不合格", acting_user=u("jn_commission")
    )
    assert dissolution.article == "第十九条（三）"
    ban = Ban.objects.get(institution=centre.host)
    assert (ban.scope, ban.ends_on, ban.article) == ("same_specialty", date(2032, 2, 29), "第十九条（三）")
    new = services.centre_create(
        jurisdiction=centre.jurisdiction,
        body_kind="city_centre",
        specialty=centre.specialty,
        name="济南市呼吸内科质控中心（重建）",
        acting_user=u("jn_commission"),
    )
    call = services.call_publish(
        centre=new,
        title="重新遴选",
        method="application",
        acting_user=u("jn_commission"),
        application_deadline=timezone.make_aware(datetime(2028, 3, 20, 17, 0)),
    )
    application = complete(call, u("jn_host"), leader_name="马国栋")
    with pytest.raises(RuleRefusal) as refused:
        services.application_submit(application=application, acting_user=u("jn_host"))
    assert any(v.article == "第十九条（三）" or "2032-02-29" in v.message for v in refused.value.violations)


# --- 12. handover -----------------------------------------------------------------------------


def new_host_user(name):
    from accounts.models import User

    institution = Institution.objects.get(name=name)
    return User.objects.create(
        username=f"host_{institution.pk}",
        role="host_submitter",
        institution=institution,
        jurisdiction=institution.jurisdiction,
    )


def test_jinan_handover_within_one_month_with_three_signatures(jn_active_centre, u, at):
    """济南 第二十一条: 于1个月内一并转交新挂靠单位."""
    centre = jn_active_centre
    newcomer = new_host_user("济南市中医医院")
    at("2030-04-01 09:00")
    handover = lifecycle.handover_open(
        centre=centre, from_host=centre.host, to_host=newcomer.institution, acting_user=u("jn_commission")
    )
    assert timezone.localtime(handover.due_at).strftime("%Y-%m-%d %H:%M") == "2030-05-01 23:59"
    assert list(handover.items) == [
        "records",
        "qc_network",
        "information_platform",
        "admin_rights",
        "qc_data",
    ]
    deadline = deadline_of(handover, "handover")
    assert (deadline.institution, deadline.article) == (centre.host, "第二十一条")

    with pytest.raises(ServiceError) as refused:  # nothing signed before every item is handed over
        lifecycle.handover_sign(handover=handover, party="from", acting_user=u("jn_host"))
    assert refused.value.code == "items_pending"
    for i, code in enumerate(handover.items):
        lifecycle.handover_item_update(
            handover=handover,
            code=code,
            done=True,
            note="已移交",
            acting_user=u("jn_host") if i % 2 else newcomer,
        )
    with pytest.raises(ServiceError) as refused:  # the commission confirms after both hosts
        lifecycle.handover_sign(handover=handover, party="commission", acting_user=u("jn_commission"))
    assert refused.value.code == "hosts_first"
    lifecycle.handover_sign(handover=handover, party="from", acting_user=u("jn_host"))
    with pytest.raises(ServiceError) as refused:
        lifecycle.handover_item_update(
            handover=handover, code="qc_data", done=False, note="", acting_user=newcomer
        )
    assert refused.value.code == "locked"
    lifecycle.handover_sign(handover=handover, party="to", acting_user=newcomer)
    handover = lifecycle.handover_sign(handover=handover, party="commission", acting_user=u("jn_commission"))
    assert handover.status == Handover.Status.SIGNED
    assert Deadline.objects.get(pk=deadline.pk).state == Deadline.State.MET
    assert kinds(centre)[-3:] == ["handover_signed", "handover_signed", "handover_completed"]
    assert set(centre.timeline.filter(kind__startswith="handover").values_list("article", flat=True)) == {
        "第二十一条"
    }


def test_wrong_party_cannot_sign(jn_active_centre, u, at):
    centre = jn_active_centre
    newcomer = new_host_user("济南市中医医院")
    at("2030-04-01 09:00")
    handover = lifecycle.handover_open(
        centre=centre, from_host=centre.host, to_host=newcomer.institution, acting_user=u("jn_commission")
    )
    for party, user in (
        ("from", newcomer),
        ("to", u("jn_host")),
        ("commission", u("jn_qc_office")),
        ("commission", u("jn_host")),
        ("from", u("jn_commission")),
        ("to", u("jlp_host")),
    ):
        with pytest.raises(ServiceError) as refused:
            lifecycle.handover_sign(handover=handover, party=party, acting_user=user)
        assert refused.value.code == "permission_denied", (party, user)
    with pytest.raises(ServiceError):
        lifecycle.handover_item_update(
            handover=handover, code="records", done=True, note="", acting_user=u("jn_commission")
        )
    with pytest.raises(ServiceError):  # only the commission opens a handover
        lifecycle.handover_open(
            centre=centre, from_host=centre.host, to_host=newcomer.institution, acting_user=u("jn_host")
        )


def test_jiulongpo_handover_waits_for_the_commission_to_set_the_deadline(jlp_active_centre, u, at):
    """九龙坡 第二十四条: 按照卫生健康行政部门规定时限 — the platform never invents the number."""
    centre = jlp_active_centre
    to_host = Institution.objects.get(name="九龙坡区中医院")
    at("2030-04-01 09:00")
    with pytest.raises(RuleRefusal) as refused:
        lifecycle.handover_open(
            centre=centre, from_host=centre.host, to_host=to_host, acting_user=u("jlp_commission")
        )
    [violation] = refused.value.violations
    assert (violation.code, violation.article) == ("setting_missing", "第二十四条")
    assert "handover.deadline_months" in violation.message

    with pytest.raises(ServiceError):  # the office does not decide it
        lifecycle.handover_setting_set(
            jurisdiction=centre.jurisdiction,
            ruleset_code="cq-jiulongpo-2025",
            months=2,
            basis="x",
            acting_user=u("jlp_qc_office"),
        )
    with pytest.raises(ServiceError):  # 济南 fixes its own month
        lifecycle.handover_setting_set(
            jurisdiction=Jurisdiction.objects.get(code="370100"),
            ruleset_code="jinan-city-2024",
            months=2,
            basis="x",
            acting_user=u("jn_commission"),
        )
    lifecycle.handover_setting_set(
        jurisdiction=centre.jurisdiction,
        ruleset_code="cq-jiulongpo-2025",
        months=2,
        basis="九龙坡卫发〔2030〕3号",
        acting_user=u("jlp_commission"),
    )
    handover = lifecycle.handover_open(
        centre=centre, from_host=centre.host, to_host=to_host, acting_user=u("jlp_commission")
    )
    assert timezone.localtime(handover.due_at).date() == date(2030, 6, 1)
    assert len(handover.items) == 6 and deadline_of(handover, "handover").article == "第二十四条"


# --- the pages ----------------------------------------------------------------------------------


@pytest.fixture
def jlp_objects(jlp_active_centre, u, at):
    """One of each: a leader change, a term, a handover — for the permission tests."""
    centre = jlp_active_centre
    at("2026-04-10 09:00")
    change = lifecycle.leader_vacate(
        centre=centre, reason="调任", vacated_on=date(2026, 4, 10), acting_user=u("jlp_host")
    )
    lifecycle.handover_setting_set(
        jurisdiction=centre.jurisdiction,
        ruleset_code="cq-jiulongpo-2025",
        months=1,
        basis="区卫健委通知",
        acting_user=u("jlp_commission"),
    )
    handover = lifecycle.handover_open(
        centre=centre,
        from_host=Institution.objects.get(name="九龙坡区中医院"),
        to_host=centre.host,
        acting_user=u("jlp_commission"),
    )
    return {"centre": centre, "change": change, "term": centre.terms.get(), "handover": handover}


PAGES = [  # (url name, object, users who see 200)
    ("leader_vacate", "centre", ["jlp_commission", "jlp_host"]),
    ("leader_change", "change", ["jlp_commission", "jlp_host"]),
    ("term_decision", "term", ["jlp_commission"]),
    ("dissolve", "centre", ["jlp_commission"]),
    ("handover_open", "centre", ["jlp_commission"]),
    ("handover", "handover", ["jlp_commission", "jlp_host"]),
]
ACTIONS = [  # POST-only
    ("leader_nominate", "change"),
    ("leader_approve", "change"),
    ("leader_reselect", "change"),
    ("handover_item", "handover"),
    ("handover_sign", "handover"),
]


@pytest.mark.parametrize(("name", "obj", "allowed"), PAGES)
def test_page_permissions(name, obj, allowed, jlp_objects, client, client_of):
    url = reverse(f"centres:{name}", args=[jlp_objects[obj].pk])
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    for username in ("jn_commission", "jn_host", "jlp_scorer"):  # another jurisdiction, another hospital
        assert client_of(username).get(url).status_code == 404, username
    for username in allowed:
        assert client_of(username).get(url).status_code == 200, username


@pytest.mark.parametrize(("name", "obj"), ACTIONS)
def test_action_permissions(name, obj, jlp_objects, client, client_of):
    url = reverse(f"centres:{name}", args=[jlp_objects[obj].pk])
    response = client.post(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    for username in ("jn_commission", "jn_host", "jlp_scorer"):
        assert client_of(username).post(url).status_code == 404, username


def test_settings_page_permissions(world, client, client_of):
    url = reverse("centres:handover_setting")
    assert "/accounts/login/" in client.get(url)["Location"]
    for username in ("jlp_host", "jlp_scorer", "jlp_expert"):
        assert client_of(username).get(url).status_code == 404
    assert client_of("jlp_commission").get(url).status_code == 200
    page = client_of("jn_commission").get(url)  # 济南 fixes its own deadline: nothing to set
    assert page.status_code == 200 and "cq-jiulongpo-2025" not in page.content.decode()


def test_commission_sets_the_handover_deadline_in_the_browser(world, client_of):
    from rulesets.models import RuleSetAssignment, RuleSetSetting

    assignment = RuleSetAssignment.objects.get(ruleset_code="cq-jiulongpo-2025")
    c = client_of("jlp_commission")
    response = c.post(
        reverse("centres:handover_setting"), {"assignment": assignment.pk, "months": "", "basis": ""}
    )
    assert response.status_code == 200 and RuleSetSetting.objects.count() == 0
    response = c.post(
        reverse("centres:handover_setting"),
        {"assignment": assignment.pk, "months": "2", "basis": "九龙坡卫发〔2026〕5号"},
        follow=True,
    )
    assert "已设置" in response.content.decode()
    assert RuleSetSetting.objects.get().value == 2
    # another jurisdiction's commission cannot choose 九龙坡's assignment
    response = client_of("jn_commission").post(
        reverse("centres:handover_setting"), {"assignment": assignment.pk, "months": "3", "basis": "x"}
    )
    assert response.status_code == 200 and RuleSetSetting.objects.get().value == 2


def test_the_panel_offers_each_party_its_actions(jlp_active_centre, client_of):
    url = reverse("centres:detail", args=[jlp_active_centre.pk])
    commission = client_of("jlp_commission").get(url).content.decode()
    for label in ("登记负责人离任", "周期届满决定", "解除挂靠", "启动交接"):
        assert label in commission
    host = client_of("jlp_host").get(url).content.decode()
    assert "登记负责人离任" in host and "解除挂靠" not in host
    auditor = client_of("jlp_auditor").get(url).content.decode()
    assert "登记负责人离任" not in auditor


def test_leader_change_in_the_browser(jlp_active_centre, client_of, at):
    centre = jlp_active_centre
    at("2026-04-10 09:00")
    host = client_of("jlp_host")
    response = host.post(
        reverse("centres:leader_vacate", args=[centre.pk]),
        {"reason": "调任外区", "vacated_on": "2026-04-10"},
        follow=True,
    )
    assert "须于 2026-05-10 前推荐" in response.content.decode()
    change = centre.leader_changes.get()
    elder = Person.objects.create(
        name="钱老",
        sex="M",
        birth_date=date(1958, 1, 1),
        id_number="500107195801010011",
        employer=centre.host,
        title="主任医师",
        title_level="senior",
        title_obtained_on=date(2000, 1, 1),
    )
    response = host.post(reverse("centres:leader_nominate", args=[change.pk]), {"person": elder.pk})
    assert response.status_code == 200 and "第十一条（三）1" in response.content.decode()
    host.post(
        reverse("centres:leader_nominate", args=[change.pk]), {"person": Person.objects.get(name="彭镕").pk}
    )
    response = client_of("jlp_commission").post(
        reverse("centres:leader_approve", args=[change.pk]), follow=True
    )
    assert "已批准" in response.content.decode()
    centre.refresh_from_db()
    assert centre.leader.name == "彭镕"


def test_term_decision_in_the_browser(jn_active_centre, client_of, at):
    term = jn_active_centre.terms.get()
    at("2030-02-20 09:00")
    c = client_of("jn_commission")
    page = c.get(reverse("centres:term_decision", args=[term.pk])).content.decode()
    assert "2026年度" in page and "2029年度" in page and "不合格" in page
    data = {f"grade_{y}": "pass" for y in range(2026, 2030)}
    response = c.post(
        reverse("centres:term_decision", args=[term.pk]),
        {**data, "outcome": "retain", "reasons": "任期内考核均合格"},
        follow=True,
    )
    assert "第十九条（一）" in response.content.decode()
    nxt = jn_active_centre.terms.get(status="active")
    response = c.post(
        reverse("centres:term_decision", args=[nxt.pk]),
        {**{f"grade_{y}": "pass" for y in range(2030, 2034)}, "outcome": "retain", "reasons": "x"},
    )
    assert response.status_code == 200 and "不能继续挂靠" in response.content.decode()
    assert not TermDecision.objects.filter(term=nxt).exists()


def test_docs_diagrams_match_the_code():
    """docs/centres.md draws every declared edge of the six state machines, and no other."""
    import re
    from pathlib import Path

    from django.conf import settings as django_settings

    from centres.models import Application, Objection, PublicNotice

    text = Path(django_settings.BASE_DIR, "docs", "centres.md").read_text()
    blocks = dict(re.findall(r"### (\w+)[^\n]*\n\n```mermaid\n(.*?)```", text, re.S))
    for model in (
        Centre,
        SelectionCall,
        Application,
        PublicNotice,
        LeaderChange,
        Handover,
        HostingTerm,
        Objection,
    ):
        field = model._meta.get_field("handling" if model is Objection else "status")
        declared = {f"{t.source} --> {t.target} : {t.name}" for t in field.get_all_transitions(model)}
        drawn = {line.strip() for line in blocks[model.__name__].splitlines() if " : " in line}
        assert drawn == declared, model.__name__
        assert f"[*] --> {field.default}" in blocks[model.__name__]


def test_jinan_old_host_is_excluded_from_the_reselection_round(jn_active_centre, u, at, complete):
    """济南 第十七条: 原挂靠单位不参与本轮遴选 — the round that replaces the dissolved centre."""
    centre = jn_active_centre
    at("2026-06-15 10:00")
    lifecycle.centre_dissolve(
        centre=centre, cause="severe_violation", reason="违规颁发证书", acting_user=u("jn_commission")
    )
    successor = services.centre_create(
        jurisdiction=centre.jurisdiction,
        body_kind="city_centre",
        specialty=centre.specialty,
        name="济南市呼吸内科质控中心（重新遴选）",
        acting_user=u("jn_commission"),
    )
    call = services.call_publish(
        centre=successor,
        title="重新遴选挂靠单位",
        method="application",
        application_deadline=timezone.make_aware(datetime(2026, 7, 20, 17, 0)),
        acting_user=u("jn_commission"),
    )
    application = complete(call, u("jn_host"), leader_name="马国栋")
    with pytest.raises(RuleRefusal) as refused:
        services.application_submit(application=application, acting_user=u("jn_host"))
    assert [v.code for v in refused.value.violations] == ["host.excluded_from_round"]
    assert refused.value.violations[0].article == "第十七条"


def test_dissolution_is_an_official_document_stating_the_bans(jn_active_centre, u, at):
    """济南 第十七条: the decision to dissolve is issued with its number and states the bans."""
    from documents.models import IssuedDocument

    at("2026-06-15 10:00")
    dissolution = lifecycle.centre_dissolve(
        centre=jn_active_centre,
        cause="severe_violation",
        reason="违规颁发证书",
        acting_user=u("jn_commission"),
    )
    document = IssuedDocument.objects.get(doc_type="centre_dissolution", subject_id=dissolution.pk)
    assert document.number.startswith("济卫发〔2026〕") and document.title.startswith("关于解除")
    text = "".join(p["text"] + p["head"] for p in document.context["paragraphs"])
    assert "第十七条" in text and "2030年6月14日" in text
    entry = jn_active_centre.timeline.get(kind="dissolved")
    assert entry.document_id == document.pk and entry.detail["document_number"] == document.number

"""Committees and their rosters: every composition rule with its article, the refusals through the
service, the page (a crafted POST) and the API, the commission's approval with its document, and
the changes during the term."""

from datetime import date, timedelta
from io import BytesIO

import pytest
from openpyxl import Workbook

from core.errors import InvalidInput, NotAllowed, RuleRefusal, WrongState
from deadlines.models import Deadline
from experts import services
from experts.models import Committee, CommitteeMember
from rulesets.engine.committee import check_roster
from rulesets.registry import get_ruleset
from rulesets.roster import HEADINGS, read_roster

from .factories import CentreFactory, CommitteeFactory, SeatFactory, valid_jlp_roster

pytestmark = pytest.mark.django_db


@pytest.fixture
def jlp(world):
    return valid_jlp_roster(CommitteeFactory())


def codes(violations):
    return {v.code for v in violations}


# --- the rules, each with its article -------------------------------------------------------


def test_valid_roster_has_no_violations(jlp):
    assert services.roster_violations(jlp) == []


def test_host_share_over_five_refuses_submission_jiulongpo_art11_1(jlp, user_of):
    """九龙坡 第十一条（一）: 本中心挂靠单位委员数量不超过5人（包括主委） — mandatory."""
    for i in range(5):
        SeatFactory(committee=jlp, name=f"本院{i}", employer="九龙坡区人民医院", from_host=True)
    violations = services.roster_violations(jlp)
    assert "committee.max_from_host" in codes(violations)
    assert any("第十一条（一）" in v.article for v in violations)
    with pytest.raises(RuleRefusal) as refused:
        services.roster_submit(committee=jlp, acting_user=user_of("jlp_host"), justification="理由")
    assert refused.value.code == "rule_violation"
    jlp.refresh_from_db()
    assert jlp.status == "draft"


def test_in_principle_member_title_needs_justification_jiulongpo_art11_4(jlp, user_of):
    """九龙坡 第十一条（四）: 临床类、医技类委员原则上为副高级以上 — in principle: submitted only with a
    written justification, which is flagged to the approver."""
    SeatFactory(committee=jlp, name="主治医师甲", title_level="intermediate")
    with pytest.raises(RuleRefusal) as refused:
        services.roster_submit(committee=jlp, acting_user=user_of("jlp_host"))
    assert refused.value.code == "justification_required"
    services.roster_submit(
        committee=jlp, acting_user=user_of("jlp_host"), justification="该专业暂无副高人选。"
    )
    jlp.refresh_from_db()
    assert jlp.status == "submitted"
    assert [d["code"] for d in jlp.departures] == ["members.min_title_level"]
    assert jlp.justification == "该专业暂无副高人选。"


def test_violations_are_shown_per_person(jlp):
    seat = SeatFactory(committee=jlp, name="主治医师乙", title_level="intermediate")
    seats = list(services.active_seats(jlp))
    per_seat, overall = services.violations_by_seat(jlp, services.roster_violations(jlp, seats=seats), seats)
    assert [v.code for v in per_seat[seat.pk]] == ["members.min_title_level"]
    assert overall == []


def test_chair_over_65_jiulongpo_art11_3_1(world):
    """九龙坡 第十一条（三）1: 年龄不超过65岁."""
    committee = valid_jlp_roster(CommitteeFactory())
    committee.members.filter(role="chair").update(birth_date=date(1955, 1, 1))
    assert "chair.max_age" in codes(services.roster_violations(committee))


def test_jinan_vice_chairs_and_secretary_jinan_art6(world):
    """济南 第六条: 副主任（3-5人）、秘书（1人）."""
    centre = CentreFactory(code="370100", host_name="济南市中心医院", body_kind="city_centre")
    committee = CommitteeFactory(centre=centre)
    SeatFactory(
        committee=committee,
        role="chair",
        name="主任",
        from_host=True,
        employer="济南市中心医院",
        main_practice_site="济南市中心医院",
        title_level="senior",
        birth_date=date(1972, 1, 1),
    )
    SeatFactory(committee=committee, role="vice_chair", name="副主任")
    found = codes(services.roster_violations(committee))
    assert {"committee.min_vice_chairs", "committee.secretaries"} <= found


def test_qingpu_groups_are_checked_by_their_kind_qingpu_art9(world):
    """青浦 第九条1: 督查组成员具有中级及以上技术职称满3年."""
    centre = CentreFactory(code="310118", host_name="青浦区中心医院", body_kind="qc_group")
    group = CommitteeFactory(centre=centre, kind="supervision_group")
    SeatFactory(
        committee=group,
        role="member",
        name="新人",
        title_level="intermediate",
        title_obtained_on=date(2025, 6, 1),
        district_practice_since=date(2015, 1, 1),
    )
    assert "members.supervision_min_title_years" in codes(services.roster_violations(group))


def test_qingpu_centre_gets_two_groups_and_no_committee(world, user_of):
    centre = CentreFactory(code="310118", host_name="青浦区中心医院", body_kind="qc_group")
    host = user_of("qp_host")
    services.committee_create(centre=centre, acting_user=host, kind="expert_group")
    services.committee_create(centre=centre, acting_user=host, kind="supervision_group")
    with pytest.raises(InvalidInput):
        services.committee_create(centre=centre, acting_user=host, kind="committee")


def test_one_committee_per_centre_jiulongpo_art11_1(jlp, user_of):
    """九龙坡 第十一条（一）: 每个区级质控中心只设立1个专家委员会."""
    with pytest.raises(WrongState) as refused:
        services.committee_create(centre=jlp.centre, acting_user=user_of("jlp_host"))
    assert "第十一条（一）" in refused.value.message


# --- the workbook: the same result as ``rulesets check-roster`` ------------------------------


def workbook(rows) -> BytesIO:
    wb = Workbook()
    ws = wb.active
    ws.append(list(HEADINGS))
    for row in rows:
        ws.append([row.get(h) for h in HEADINGS])
    out = BytesIO()
    wb.save(out)
    out.seek(0)
    return out


ROWS = [
    {
        "姓名": "甲",
        "是否挂靠单位人员": "是",
        "拟任职务": "主任委员",
        "职称级别": "正高级",
        "出生日期": "1950-01-01",
    },
    {"姓名": "乙", "是否挂靠单位人员": "否", "拟任职务": "副主任委员", "职称级别": "副高级"},
    {"姓名": "丙", "是否挂靠单位人员": "否", "拟任职务": "委员", "职称级别": "中级"},
]


def test_workbook_import_matches_check_roster(jlp, user_of):
    seats = services.roster_import(committee=jlp, file=workbook(ROWS), acting_user=user_of("jlp_host"))
    assert [s.row for s in seats] == [2, 3, 4]
    ours = services.roster_violations(jlp)
    ruleset = get_ruleset("cq-jiulongpo-2025")
    theirs = check_roster(
        ruleset, read_roster(workbook(ROWS), host_name=jlp.centre.host.name), on=services.today()
    )
    assert [v.to_dict() for v in ours] == [v.to_dict() for v in theirs]
    assert any(v.subject == "第2行 甲" and v.code == "chair.max_age" for v in ours)


def test_malformed_workbook_refused_cell_by_cell_nothing_replaced(jlp, user_of):
    before = jlp.members.count()
    bad = [{**ROWS[0], "出生日期": "去年"}, {**ROWS[1], "拟任职务": "会长"}]
    with pytest.raises(InvalidInput) as refused:
        services.roster_import(committee=jlp, file=workbook(bad), acting_user=user_of("jlp_host"))
    messages = [v.message for v in refused.value.violations]
    assert any(m.startswith("第2行") and "出生日期" in m for m in messages)
    assert any(m.startswith("第3行") and "拟任职务" in m for m in messages)
    assert jlp.members.count() == before


# --- approval ------------------------------------------------------------------------------


def test_commission_approves_issues_notice_to_members(jlp, user_of):
    services.roster_submit(committee=jlp, acting_user=user_of("jlp_host"))
    services.roster_approve(committee=jlp, acting_user=user_of("jlp_commission"))
    jlp.refresh_from_db()
    assert jlp.status == "approved"
    assert jlp.notice.doc_type == "experts_roster_notice"
    assert jlp.term_ends_on == date(2029, 12, 31)  # 第十一条（五）: the host's term


def test_host_cannot_approve_and_second_approval_is_409(jlp, user_of):
    services.roster_submit(committee=jlp, acting_user=user_of("jlp_host"))
    with pytest.raises(NotAllowed):
        services.roster_approve(committee=jlp, acting_user=user_of("jlp_host"))
    services.roster_approve(committee=jlp, acting_user=user_of("jlp_commission"))
    with pytest.raises(WrongState):
        services.roster_approve(committee=jlp, acting_user=user_of("jlp_commission"))


def test_return_needs_reason_and_allows_resubmission(jlp, user_of):
    services.roster_submit(committee=jlp, acting_user=user_of("jlp_host"))
    with pytest.raises(InvalidInput):
        services.roster_return(committee=jlp, acting_user=user_of("jlp_commission"), reasons="  ")
    services.roster_return(committee=jlp, acting_user=user_of("jlp_commission"), reasons="请补充副主委简历。")
    jlp.refresh_from_db()
    assert jlp.status == "returned" and jlp.return_reasons == "请补充副主委简历。"
    services.member_add(
        committee=jlp,
        acting_user=user_of("jlp_host"),
        role="member",
        name="补充委员",
        title_level="associate_senior",
    )
    services.roster_submit(committee=jlp, acting_user=user_of("jlp_host"))


def test_submitted_roster_cannot_be_edited(jlp, user_of):
    services.roster_submit(committee=jlp, acting_user=user_of("jlp_host"))
    with pytest.raises(WrongState):
        services.member_add(committee=jlp, acting_user=user_of("jlp_host"), role="member", name="迟到的人")


# --- pages and API: scope, refusals ----------------------------------------------------------


def test_pages_scope_anonymous_stranger_owner(jlp, client, client_of):
    url = f"/experts/committees/{jlp.pk}/"
    assert client.get(url).status_code == 302
    assert client_of("jn_host").get(url).status_code == 404  # another centre's host
    assert client_of("jn_commission").get(url).status_code == 404  # another jurisdiction
    page = client_of("jlp_host").get(url)
    assert page.status_code == 200 and "主委" in page.content.decode()
    assert client_of("jlp_auditor").get(url).status_code == 200


def test_crafted_post_from_another_host_is_404(jlp, client_of):
    response = client_of("jn_host").post(f"/experts/committees/{jlp.pk}/submit/", {"justification": ""})
    assert response.status_code == 404
    jlp.refresh_from_db()
    assert jlp.status == "draft"


def test_page_shows_breach_and_refuses_submission_keeping_input(jlp, client_of):
    for i in range(5):
        SeatFactory(committee=jlp, name=f"本院{i}", employer="九龙坡区人民医院", from_host=True)
    host = client_of("jlp_host")
    page = host.get(f"/experts/committees/{jlp.pk}/").content.decode()
    assert "第十一条（一）" in page and 'data-testid="cannot-submit"' in page
    response = host.post(f"/experts/committees/{jlp.pk}/submit/", {"justification": "我的理由"})
    assert response.status_code == 200  # the form again, with the refusal and what was typed
    body = response.content.decode()
    assert "挂靠单位委员" in body and "我的理由" in body


def test_api_submit_approve_and_refusals(jlp, api_of):
    url = f"/api/v1/committees/{jlp.pk}/"
    assert api_of("jn_host").get(url).status_code == 404
    check = api_of("jlp_host").get(url + "check/").json()
    assert check["violations"] == []
    assert api_of("jlp_commission").post(url + "approve/").status_code == 409  # not submitted
    assert api_of("jlp_host").post(url + "submit/", {}, format="json").status_code == 200
    assert api_of("jlp_host").post(url + "approve/").status_code == 403
    assert api_of("jlp_commission").post(url + "return/", {"reason": ""}, format="json").status_code == 400
    response = api_of("jlp_commission").post(url + "approve/")
    assert response.status_code == 200 and response.json()["status"] == "approved"


def test_api_rule_breach_is_400_with_article(jlp, api_of):
    for i in range(5):
        SeatFactory(committee=jlp, name=f"本院{i}", employer="九龙坡区人民医院", from_host=True)
    response = api_of("jlp_host").post(
        f"/api/v1/committees/{jlp.pk}/submit/", {"justification": "x"}, format="json"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "rule_violation" and body["violations"][0]["article"] == "第十一条（一）"


def test_list_and_detail_query_counts(jlp, client_of, django_assert_max_num_queries):
    host = client_of("jlp_host")
    with django_assert_max_num_queries(15):
        assert host.get("/experts/").status_code == 200
    with django_assert_max_num_queries(45):
        assert host.get(f"/experts/committees/{jlp.pk}/").status_code == 200


# --- changes during the term -----------------------------------------------------------------


@pytest.fixture
def approved(jlp, user_of):
    services.roster_submit(committee=jlp, acting_user=user_of("jlp_host"))
    services.roster_approve(committee=jlp, acting_user=user_of("jlp_commission"))
    jlp.refresh_from_db()
    return jlp


def test_chair_leaving_opens_one_month_deadline_jiulongpo_art12(approved, user_of):
    """九龙坡 第十二条: 由挂靠单位在一个月内重新推荐人选."""
    chair = approved.members.get(role="chair")
    services.member_leave(seat=chair, acting_user=user_of("jlp_host"), reason="调离本院")
    deadline = Deadline.objects.get(kind="experts.chair_replacement")
    assert deadline.article == "第十二条"
    assert services.timezone.localtime(deadline.due_at).date() == services.today().replace(
        month=services.today().month % 12 + 1, year=services.today().year + (services.today().month == 12)
    )
    services.member_join(
        committee=approved,
        acting_user=user_of("jlp_host"),
        role="chair",
        name="新主委",
        employer="九龙坡区人民医院",
        from_host=True,
        title_level="senior",
        birth_date=date(1972, 1, 1),
    )
    assert Deadline.objects.get(pk=deadline.pk).state == "met"


def test_jinan_refuses_a_new_member_during_term_jinan_art19_2(world, user_of):
    """济南 第十九条（二）: 委员任期内因故不能继续履职的，不进行增补."""
    centre = CentreFactory(code="370100", host_name="济南市中心医院", body_kind="city_centre")
    committee = CommitteeFactory(centre=centre, approved=True)
    SeatFactory(committee=committee, role="member", name="离任委员")
    with pytest.raises(RuleRefusal) as refused:
        services.member_join(
            committee=committee, acting_user=user_of("jn_host"), role="member", name="新委员"
        )
    assert refused.value.violations[0].article == "第十九条（二）"
    assert "不进行增补" in str(refused.value)


def test_qingpu_withdrawal_by_application_to_leader_qingpu_art14(world, user_of):
    """青浦 第十四条: 应提前向组长提出退出申请，并由组长向区卫生健康事业发展中心上报."""
    from directory.models import Person

    centre = CentreFactory(code="310118", host_name="青浦区中心医院", body_kind="qc_group")
    group = CommitteeFactory(centre=centre, kind="expert_group", approved=True)
    seat = SeatFactory(committee=group, person=Person.objects.get(name="徐明"), name="徐明")
    with pytest.raises(NotAllowed):
        services.member_request_withdrawal(seat=seat, acting_user=user_of("jlp_expert"), reason="x")
    services.member_request_withdrawal(seat=seat, acting_user=user_of("qp_expert"), reason="工作调动")
    services.member_withdraw(seat=seat, acting_user=user_of("qp_host"))
    seat.refresh_from_db()
    assert seat.status == "withdrawn"


def test_withdrawal_not_offered_where_rule_set_has_none(approved, user_of):
    seat = approved.members.first()
    with pytest.raises(InvalidInput):
        services.member_request_withdrawal(seat=seat, acting_user=user_of("jlp_expert"), reason="x")


def test_removal_by_commission_with_decision_document_jiulongpo_art23(approved, user_of):
    seat = approved.members.filter(role="member").first()
    with pytest.raises(NotAllowed):
        services.member_remove(seat=seat, acting_user=user_of("jlp_host"), reason="长期不承担工作")
    services.member_remove(
        seat=seat, acting_user=user_of("jlp_commission"), reason="长期不承担质控中心工作任务"
    )
    seat.refresh_from_db()
    assert seat.status == "removed" and seat.decision.doc_type == "experts_removal"
    with pytest.raises(WrongState):
        services.member_remove(seat=seat, acting_user=user_of("jlp_commission"), reason="again")


def test_meetings_counted_against_two_a_year_jiulongpo_art13(approved, user_of, time_machine):
    """九龙坡 第十三条: 每年至少应召开2次本中心专家委员会工作会议."""
    services.meeting_record(
        committee=approved, acting_user=user_of("jlp_host"), held_on=date(2026, 6, 1), agenda="年度计划"
    )
    with pytest.raises(InvalidInput):
        services.meeting_record(
            committee=approved,
            acting_user=user_of("jlp_host"),
            held_on=services.today() + timedelta(days=1),
            agenda="未来",
        )
    time_machine.move_to("2027-01-05 10:00 +08:00", tick=False)
    year = services.meeting_year(approved, 2026)
    assert year["held"] == 1 and year["minimum"] == 2 and year["article"] == "第十三条"
    assert year["violations"]


def test_committee_dissolved_with_its_centre_jiulongpo_art25(approved, user_of):
    services.member_leave(
        seat=approved.members.get(role="chair"), acting_user=user_of("jlp_host"), reason="离任"
    )
    services.committee_dissolve_for_centre(
        centre=approved.centre, reason="解除挂靠", acting_user=user_of("jlp_commission")
    )
    approved.refresh_from_db()
    assert approved.status == "dissolved"
    assert Deadline.objects.get(kind="experts.chair_replacement").state == "waived"
    with pytest.raises(WrongState):
        services.member_join(committee=approved, acting_user=user_of("jlp_host"), role="member", name="x")


def test_race_two_approvals_one_winner(jlp, user_of):
    services.roster_submit(committee=jlp, acting_user=user_of("jlp_host"))
    stale = Committee.objects.get(pk=jlp.pk)
    services.roster_approve(committee=jlp, acting_user=user_of("jlp_commission"))
    with pytest.raises(WrongState):
        services.roster_approve(committee=stale, acting_user=user_of("jlp_commission"))
    assert CommitteeMember.objects.filter(committee=jlp).exists()


def test_appointment_letter_where_rule_set_allows_jiulongpo_art19_6_qingpu_art17_6(
    approved, world, client_of, user_of
):
    """九龙坡 第十九条（六）: letters with the commission's consent (its approval of the roster);
    青浦 第十七条（六）: 不得以质控组名义颁发专家聘书."""
    from directory.models import Person

    seat = approved.members.get(role="chair")
    allowed, basis = services.letter_allowed(seat)
    assert allowed and "第十九条（六）" in basis
    page = client_of("jlp_host").get(f"/experts/seats/{seat.pk}/letter/", follow=True)
    assert page.status_code == 200 and "聘书正在颁发" in page.content.decode()  # the job has not run
    assert client_of("jn_host").get(f"/experts/seats/{seat.pk}/letter/").status_code == 404
    centre = CentreFactory(code="310118", host_name="青浦区中心医院", body_kind="qc_group")
    group = CommitteeFactory(centre=centre, kind="expert_group", approved=True)
    member = SeatFactory(committee=group, person=Person.objects.get(name="徐明"), name="徐明")
    allowed, basis = services.letter_allowed(member)
    assert not allowed and basis.startswith("第十七条（六）")
    assert client_of("qp_expert").get(f"/experts/seats/{member.pk}/letter/").status_code == 302


def test_meeting_attendees_are_members(approved, user_of):
    from directory.models import Person

    outsider = Person.objects.get(name="马国栋")
    with pytest.raises(InvalidInput):
        services.meeting_record(
            committee=approved,
            acting_user=user_of("jlp_host"),
            held_on=services.today(),
            agenda="会议",
            attendees=[outsider],
        )
    member = Person.objects.get(name="张建国")
    SeatFactory(committee=approved, person=member, name="张建国")
    meeting = services.meeting_record(
        committee=approved,
        acting_user=user_of("jlp_host"),
        held_on=services.today(),
        agenda="会议",
        attendees=[member],
    )
    assert list(meeting.attendees.all()) == [member]


def test_every_rule_listed_with_article_and_result(jlp):
    SeatFactory(committee=jlp, name="主治医师丙", title_level="intermediate")
    ruleset = services.ruleset_for(jlp)
    rows = {r["key"]: r for r in services.rule_list(ruleset, services.roster_violations(jlp))}
    assert (
        rows["committee.max_from_host"]["article"] == "第十一条（一）"
        and rows["committee.max_from_host"]["checked"]
    )
    assert rows["members.min_title_level"]["breaches"] == ["主治医师丙"]
    assert rows["chair.basic_conditions"]["checked"] is False  # judged by the approver
    assert set(rows) >= {k for k in ruleset.parameters if k.startswith(("committee.", "chair.", "members."))}


def test_engine_checked_list_matches_the_engine():
    """The rule list marks as checked exactly the parameters rulesets/engine/committee.py reads."""
    import re
    from pathlib import Path

    import rulesets.engine.committee as engine

    source = Path(engine.__file__).read_text()
    read = set(re.findall(r'"((?:committee|chair|members)\.[a-z_]+)"', source))
    assert read == services.ENGINE_CHECKED | services.ENGINE_COUNTING


def test_meeting_minutes_attachment_section(approved, user_of, client_of):
    services.meeting_record(
        committee=approved, acting_user=user_of("jlp_host"), held_on=services.today(), agenda="年度计划"
    )
    page = client_of("jlp_host").get(f"/experts/committees/{approved.pk}/").content.decode()
    assert "会议纪要" in page and 'name="file"' in page


# --- entered values out of range (the walk: 已任主任委员届数 999999 was a 500) ------------------


def test_entered_person_out_of_range_is_refused_not_500(jlp, user_of, client_of):
    host = user_of("jlp_host")
    future = services.today() + timedelta(days=400)
    for bad in (
        {"chair_terms_served": 999999},
        {"birth_date": future},
        {"title_obtained_on": future},
        {"district_practice_since": future},
        {"birth_date": date(1980, 1, 1), "title_obtained_on": date(1970, 1, 1)},
    ):
        with pytest.raises(InvalidInput):
            services.member_add(committee=jlp, acting_user=host, role="member", name="测试人", **bad)
    assert not jlp.members.filter(name="测试人").exists()
    page = client_of("jlp_host").post(
        f"/experts/committees/{jlp.pk}/seats/add/",
        {"role": "member", "name": "测试人", "chair_terms_served": "999999", "in_service": "on"},
    )
    assert page.status_code == 200
    assert "已任主任委员届数" in page.content.decode() and "测试人" in page.content.decode()


def test_workbook_with_out_of_range_values_refused_on_its_row(jlp, user_of):
    bad = [{**ROWS[0], "已任主任委员届数": 99999}, {**ROWS[1], "出生日期": "2099-01-01"}]
    with pytest.raises(InvalidInput) as refused:
        services.roster_import(committee=jlp, file=workbook(bad), acting_user=user_of("jlp_host"))
    messages = [v.message for v in refused.value.violations]
    assert any(m.startswith("第2行") and "已任主任委员届数" in m for m in messages)
    assert any(m.startswith("第3行") and "出生日期" in m for m in messages)


def test_second_submit_is_a_state_message_not_a_403(jlp, user_of, client_of):
    """The walk: the host's second click on 提交 (or a stale page) was a bare 403 无权执行此操作."""
    host = client_of("jlp_host")
    assert host.post(f"/experts/committees/{jlp.pk}/submit/", {"justification": ""}).status_code == 302
    again = host.post(f"/experts/committees/{jlp.pk}/submit/", {"justification": ""}, follow=True)
    assert again.status_code == 200
    assert "不能再次提交" in again.content.decode()
    with pytest.raises(WrongState):
        services.roster_submit(committee=jlp, acting_user=user_of("jlp_host"))
    with pytest.raises(NotAllowed):
        services.roster_submit(committee=jlp, acting_user=user_of("jlp_commission"))

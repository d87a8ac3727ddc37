"""Rule defects found by reading the seeds again (issue 8, defect 11): each test names its article and
failed before the fix."""

from dataclasses import replace
from datetime import date

from rulesets.engine import Ban, HostApplicant, check_host
from rulesets.engine.committee import check_roster
from rulesets.engine.inputs import Committee, Incident, Member
from rulesets.registry import get_ruleset

JLP, JN = "cq-jiulongpo-2025", "jinan-city-2024"
ON = date(2026, 1, 1)


def complete(code, **kw):
    rs = get_ruleset(code)
    fields = dict(
        grade="3a",
        kind="general",
        sections_provided=[i.code for i in rs.value("application.required_sections")],
        attachments_provided=[i.code for i in rs.value("application.required_attachments")],
    )
    return HostApplicant(**{**fields, **kw})


def codes(code, applicant):
    return {v.code for v in check_host(get_ruleset(code), applicant, on=ON)}


def test_jinan_6_2_age_limit_is_at_first_appointment_only_in_check_roster():
    """济南 第六条（二）: 首次聘任年龄不超过 56 岁. A chair whose roster row says 已任主任委员届数 ≥ 1 is
    being re-appointed: check-roster must not refuse them for age."""
    chair = Member(
        "王五",
        "chair",
        birth_date=date(1960, 1, 1),
        from_host=True,
        in_service=True,
        title_level="senior",
        title_obtained_on=date(2000, 1, 1),
        employer="挂靠医院",
        main_practice_site="挂靠医院",
        chair_terms_served=1,
    )
    violations = check_roster(get_ruleset(JN), Committee([chair], host_name="挂靠医院"), on=ON)
    assert "chair.max_age_at_first_appointment" not in {v.code for v in violations}
    # the same person at a first appointment is refused
    first = check_roster(
        get_ruleset(JN), Committee([replace(chair, chair_terms_served=0)], host_name="挂靠医院"), on=ON
    )
    assert "chair.max_age_at_first_appointment" in {v.code for v in first}


def test_jinan_17_ban_message_states_its_real_scope():
    """济南 第十七条: 4年内不得申请作为新成立其他专业质控中心的挂靠单位 — not “本专业”."""
    [v] = check_host(
        get_ruleset(JN),
        complete(JN, bans=[Ban("severe_violation", date(2027, 1, 1), "new_other_specialty_centre")]),
        on=ON,
    )
    assert v.article == "第十七条"
    assert "新成立的其他专业质控中心" in v.message and "本专业" not in v.message


def test_jiulongpo_20_ban_message_says_same_specialty():
    """九龙坡 第二十条: 四年内不得申请作为本专业质控中心的挂靠单位."""
    [v] = check_host(
        get_ruleset(JLP),
        complete(JLP, bans=[Ban("severe_violation", date(2027, 1, 1), "same_specialty")]),
        on=ON,
    )
    assert v.article == "第二十条" and "本专业质控中心" in v.message


def test_jinan_5_1_grade_does_not_apply_to_other_capable_institutions():
    """济南 第五条（一）: the grade (二级甲等及以上) is of the four kinds of hospital;
    “具备相应技术和管理能力的其他医疗卫生机构” is an alternative without a grade."""
    assert codes(JN, complete(JN, grade="ungraded", kind="other_capable")) == set()
    assert codes(JN, complete(JN, grade="2b", kind="general")) == {"host.min_grade"}


def test_jinan_5_2_society_chair_proof_is_a_preference_not_a_requirement():
    """济南 第五条（二）: 担任……主委单位优先 — its proof is not demanded of every applicant."""
    rs = get_ruleset(JN)
    assert "society_chair_unit_proof" not in [i.code for i in rs.value("application.required_attachments")]
    assert "society_chair_unit_proof" in [i.code for i in rs.value("application.optional_attachments")]
    assert codes(JN, complete(JN)) == set()


def test_jiulongpo_6_4_clean_record_is_of_the_specialty_department():
    """九龙坡 第六条（四）: 三年内本专业所在科室未发生严重违法违纪和重大医疗质量安全事件."""
    elsewhere = complete(JLP, specialty="心血管内科", serious_incidents=[Incident(date(2025, 5, 1), "骨科")])
    assert codes(JLP, elsewhere) == set()
    own = complete(JLP, specialty="心血管内科", serious_incidents=[Incident(date(2025, 5, 1), "心血管内科")])
    [v] = check_host(get_ruleset(JLP), own, on=ON)
    assert v.code == "host.clean_record_years" and "违法违纪" in v.message and "本专业所在科室" in v.message
    unknown = complete(JLP, specialty="心血管内科", serious_incidents=[Incident(date(2025, 5, 1), "")])
    assert codes(JLP, unknown) == {"host.clean_record_years"}  # no department recorded: it may be this one


def test_jinan_5_3_clean_record_is_of_the_whole_institution():
    """济南 第五条（三）: 2年内未发生严重违法违规和重大医疗质量安全事件 — the institution, any department."""
    applicant = complete(JN, specialty="心血管内科", serious_incidents=[Incident(date(2025, 5, 1), "骨科")])
    assert codes(JN, applicant) == {"host.clean_record_years"}

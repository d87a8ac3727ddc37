"""Committee composition, chair and member eligibility: one row per case, each naming its article.

Plain functions, no database: the rule sets come straight from rulesets/data.
"""

from dataclasses import replace
from datetime import date
from types import MappingProxyType

import pytest

from rulesets.engine import Committee, Member, check_chair, check_committee, check_member, check_roster
from rulesets.registry import get_ruleset

JLP, JN, QP = "cq-jiulongpo-2025", "jinan-city-2024", "sh-qingpu-2025"
ON = date(2026, 1, 1)


def roster(
    *,
    chairs=1,
    vice=(False,),
    secretaries=0,
    liaison_secretaries=0,
    members_host=0,
    members_out=0,
    leaders=0,
    liaisons=0,
    chair_from_host=True,
    secretary_from_host=True,
):
    people = [Member(f"主委{i}", "chair", from_host=chair_from_host) for i in range(chairs)]
    people += [Member(f"副主委{i}", "vice_chair", from_host=h) for i, h in enumerate(vice)]
    people += [Member(f"秘书{i}", "secretary", from_host=secretary_from_host) for i in range(secretaries)]
    people += [
        Member(f"联络秘书{i}", "liaison_secretary", from_host=True) for i in range(liaison_secretaries)
    ]
    people += [Member(f"院内委员{i}", "member", from_host=True) for i in range(members_host)]
    people += [Member(f"院外委员{i}", "member", from_host=False) for i in range(members_out)]
    people += [Member(f"组长{i}", "leader") for i in range(leaders)]
    people += [Member(f"联络员{i}", "liaison") for i in range(liaisons)]
    return Committee(people, host_name="挂靠医院")


# 九龙坡 valid: 1 chair (host) + 1 outside vice-chair + 4 host members + 14 others = 20, 5 from host.
JLP_OK = dict(vice=(False,), members_host=4, members_out=14)
# 济南 valid: chair, 3 vice-chairs (1 host), secretary (host), 1 host member, 24 others = 30, 4 from host.
JN_OK = dict(vice=(True, False, False), secretaries=1, members_host=1, members_out=24)

COMMITTEE_CASES = [
    pytest.param(
        JLP,
        JLP_OK,
        set(),
        id="九龙坡 第十一条（一）（二） 20 members, 5 from host, 1 outside vice-chair accepted",
    ),
    pytest.param(
        JLP,
        {**JLP_OK, "members_out": 15},
        {"committee.max_members"},
        id="九龙坡 第十一条（一） 21 members refused",
    ),
    pytest.param(
        JLP,
        {**JLP_OK, "liaison_secretaries": 1},
        set(),
        id="九龙坡 第十一条（二） liaison secretary not counted in the 20",
    ),
    pytest.param(
        JLP,
        {**JLP_OK, "liaison_secretaries": 2},
        {"committee.max_liaison_secretaries"},
        id="九龙坡 第十一条（二） 2 liaison secretaries refused",
    ),
    pytest.param(
        JLP,
        {**JLP_OK, "members_host": 5, "members_out": 13},
        {"committee.max_from_host"},
        id="九龙坡 第十一条（一） 6 from host refused",
    ),
    pytest.param(
        JLP, {**JLP_OK, "chairs": 0}, {"committee.chairs"}, id="九龙坡 第十一条（二） no chair refused"
    ),
    pytest.param(
        JLP,
        {**JLP_OK, "chairs": 2, "members_out": 13, "chair_from_host": False},
        {"committee.chairs"},
        id="九龙坡 第十一条（二） 2 chairs refused",
    ),
    pytest.param(
        JLP,
        {**JLP_OK, "vice": ()},
        {"committee.min_vice_chairs", "committee.min_vice_chairs_from_outside_host"},
        id="九龙坡 第十一条（二） no vice-chair refused",
    ),
    pytest.param(
        JLP,
        {**JLP_OK, "vice": (False, False), "members_out": 13},
        set(),
        id="九龙坡 第十一条（二） 2 vice-chairs accepted",
    ),
    pytest.param(
        JLP,
        {**JLP_OK, "vice": (False, False, False), "members_out": 12},
        {"committee.max_vice_chairs"},
        id="九龙坡 第十一条（二） 3 vice-chairs refused",
    ),
    pytest.param(
        JLP,
        {**JLP_OK, "vice": (True,), "members_host": 3},
        {"committee.min_vice_chairs_from_outside_host"},
        id="九龙坡 第十一条（二） vice-chair only from host refused",
    ),
    pytest.param(JN, JN_OK, set(), id="济南 第六条 30 members incl. officers, host 1+1+1+1 accepted"),
    pytest.param(
        JN,
        {**JN_OK, "members_out": 25},
        {"committee.max_members"},
        id="济南 第六条 31 members incl. officers refused",
    ),
    pytest.param(
        JN,
        {**JN_OK, "vice": (True, True, False), "members_host": 0},
        {"committee.host_role_caps"},
        id="济南 第六条 2 host vice-chairs refused (caps 1+1+1+1)",
    ),
    pytest.param(
        JN,
        {**JN_OK, "members_host": 2, "members_out": 23},
        {"committee.host_role_caps", "committee.max_from_host"},
        id="济南 第六条 5 from host refused",
    ),
    pytest.param(
        JN,
        {**JN_OK, "secretaries": 0, "members_out": 25},
        {"committee.secretaries"},
        id="济南 第六条 no secretary refused",
    ),
    pytest.param(
        JN,
        {**JN_OK, "vice": (True, False)},
        {"committee.min_vice_chairs"},
        id="济南 第六条 2 vice-chairs refused",
    ),
    pytest.param(
        JN,
        {**JN_OK, "vice": (True, False, False, False, False), "members_out": 22},
        set(),
        id="济南 第六条 5 vice-chairs accepted",
    ),
    pytest.param(
        JN,
        {**JN_OK, "vice": (True,) + (False,) * 5, "members_out": 21},
        {"committee.max_vice_chairs"},
        id="济南 第六条 6 vice-chairs refused",
    ),
    pytest.param(
        QP,
        dict(chairs=0, vice=(), leaders=1, liaisons=1, members_out=6),
        set(),
        id="青浦 第五条 1 leader and 1 liaison accepted",
    ),
    pytest.param(
        QP,
        dict(chairs=0, vice=(), leaders=2, liaisons=1, members_out=6),
        {"committee.leaders"},
        id="青浦 第五条 2 leaders refused",
    ),
    pytest.param(
        QP,
        dict(chairs=0, vice=(), leaders=1, liaisons=0, members_out=6),
        {"committee.liaisons"},
        id="青浦 第五条 no liaison refused",
    ),
]


@pytest.mark.parametrize("code, shape, expected", COMMITTEE_CASES)
def test_committee_composition(code, shape, expected):
    violations = check_committee(get_ruleset(code), roster(**shape), on=ON)
    assert {v.code for v in violations} == expected, [v.message for v in violations]


def test_message_cites_article_and_numbers():
    [v] = check_committee(get_ruleset(JLP), roster(**{**JLP_OK, "members_out": 15}), on=ON)
    assert v.message == "第十一条（一）：委员数原则上不超过20人，现为21人"
    assert v.strictness == "in_principle" and v.article == "第十一条（一）"
    assert v.to_dict() == {
        "code": "committee.max_members",
        "article": "第十一条（一）",
        "message": v.message,
        "strictness": "in_principle",
        "subject": None,
    }


def _with_setting(code, key):
    rs = get_ruleset(code)
    params = dict(rs.parameters)
    params[key] = replace(params[key], value=None, setting=True)
    return replace(rs, parameters=MappingProxyType(params))


def test_setting_without_value_asks_the_commission_rather_than_inventing_a_number():
    rs = _with_setting(JLP, "committee.max_members")
    [v] = check_committee(rs, roster(**{**JLP_OK, "members_out": 40}), on=ON)
    assert v.code == "setting_missing" and "尚未设置" in v.message and v.article == "第十一条（一）"


def test_rule_absent_from_rule_set_is_not_checked():
    # 青浦 has no committee.max_members: 100 members is not a breach there.
    assert (
        check_committee(
            get_ruleset(QP), roster(chairs=0, vice=(), leaders=1, liaisons=1, members_out=100), on=ON
        )
        == []
    )


JLP_CHAIR = Member(
    "张三",
    "chair",
    birth_date=date(1970, 1, 1),
    from_host=True,
    in_service=True,
    title_level="senior",
    title_obtained_on=date(2010, 1, 1),
    employer="挂靠医院",
)
JN_CHAIR = replace(
    JLP_CHAIR, birth_date=date(1975, 1, 1), title_level="associate_senior", main_practice_site="挂靠医院"
)
QP_LEADER = replace(
    JLP_CHAIR, role="leader", title_level="associate_senior", title_obtained_on=date(2021, 1, 1)
)

CHAIR_CASES = [
    pytest.param(JLP, JLP_CHAIR, True, set(), id="九龙坡 第十一条（三） eligible chair accepted"),
    pytest.param(
        JLP,
        replace(JLP_CHAIR, from_host=False),
        True,
        {"chair.must_be_host_staff"},
        id="九龙坡 第十一条（三） chair not host staff refused",
    ),
    pytest.param(
        JLP,
        replace(JLP_CHAIR, in_service=False),
        True,
        {"chair.must_be_in_service"},
        id="九龙坡 第十一条（三） retired chair refused",
    ),
    pytest.param(
        JLP,
        replace(JLP_CHAIR, birth_date=date(1960, 1, 2)),
        True,
        set(),
        id="九龙坡 第十一条（三）1 aged 65 (66 tomorrow) accepted",
    ),
    pytest.param(
        JLP,
        replace(JLP_CHAIR, birth_date=date(1960, 1, 1)),
        True,
        {"chair.max_age"},
        id="九龙坡 第十一条（三）1 aged 66 refused",
    ),
    pytest.param(
        JLP,
        replace(JLP_CHAIR, birth_date=None),
        True,
        {"chair.max_age"},
        id="九龙坡 第十一条（三）1 no birth date refused",
    ),
    pytest.param(
        JLP,
        replace(JLP_CHAIR, title_level="associate_senior"),
        True,
        set(),
        id="九龙坡 第十一条（三）2 associate senior accepted",
    ),
    pytest.param(
        JLP,
        replace(JLP_CHAIR, title_level="intermediate"),
        True,
        {"chair.min_title_level"},
        id="九龙坡 第十一条（三）2 intermediate refused",
    ),
    pytest.param(
        JLP,
        replace(JLP_CHAIR, chair_terms_served=1),
        False,
        set(),
        id="九龙坡 第十一条（三） second term accepted",
    ),
    pytest.param(
        JLP,
        replace(JLP_CHAIR, chair_terms_served=2),
        False,
        {"chair.max_terms"},
        id="九龙坡 第十一条（三） third term refused",
    ),
    pytest.param(JN, JN_CHAIR, True, set(), id="济南 第六条 eligible chair accepted"),
    pytest.param(
        JN,
        replace(JN_CHAIR, from_host=False),
        True,
        {"chair.must_be_host_staff"},
        id="济南 第六条 chair not host staff refused",
    ),
    pytest.param(
        JN,
        replace(JN_CHAIR, in_service=False),
        True,
        {"chair.must_be_in_service"},
        id="济南 第六条（三） retired chair refused",
    ),
    pytest.param(
        JN,
        replace(JN_CHAIR, main_practice_site="别的医院"),
        True,
        {"chair.must_practise_mainly_at_host"},
        id="济南 第六条（三） main practice site elsewhere refused",
    ),
    pytest.param(
        JN,
        replace(JN_CHAIR, birth_date=date(1969, 1, 2)),
        True,
        set(),
        id="济南 第六条（二） 56 at first appointment accepted",
    ),
    pytest.param(
        JN,
        replace(JN_CHAIR, birth_date=date(1969, 1, 1)),
        True,
        {"chair.max_age_at_first_appointment"},
        id="济南 第六条（二） 57 at first appointment refused",
    ),
    pytest.param(
        JN,
        replace(JN_CHAIR, birth_date=date(1965, 1, 1)),
        False,
        set(),
        id="济南 第六条（二） 61 at reappointment not judged",
    ),
    pytest.param(
        JN,
        replace(JN_CHAIR, title_level="intermediate"),
        True,
        {"chair.min_title_level"},
        id="济南 第六条（三） intermediate refused",
    ),
    pytest.param(
        JN,
        replace(JN_CHAIR, penalised_within_2y=True),
        True,
        {"chair.penalty_free_years"},
        id="济南 第六条（五） penalised within 2 years refused",
    ),
    pytest.param(
        JN,
        replace(JN_CHAIR, last_penalty_on=date(2024, 1, 1)),
        True,
        set(),
        id="济南 第六条（五） penalty exactly 2 years ago accepted",
    ),
    pytest.param(
        JN,
        replace(JN_CHAIR, last_penalty_on=date(2024, 1, 2)),
        True,
        {"chair.penalty_free_years"},
        id="济南 第六条（五） penalty within 2 years by date refused",
    ),
    pytest.param(QP, QP_LEADER, True, set(), id="青浦 第七条1 associate senior for 5 years accepted"),
    pytest.param(
        QP,
        replace(QP_LEADER, title_obtained_on=date(2021, 1, 2)),
        True,
        {"chair.min_title_years"},
        id="青浦 第七条1 associate senior for 4 years refused",
    ),
    pytest.param(
        QP,
        replace(QP_LEADER, title_obtained_on=None),
        True,
        {"chair.min_title_years"},
        id="青浦 第七条1 no title date refused",
    ),
    pytest.param(
        QP,
        replace(QP_LEADER, title_level="intermediate"),
        True,
        {"chair.min_title_level"},
        id="青浦 第七条1 intermediate refused",
    ),
]


@pytest.mark.parametrize("code, member, first, expected", CHAIR_CASES)
def test_chair_eligibility(code, member, first, expected):
    violations = check_chair(get_ruleset(code), member, on=ON, first_appointment=first, host_name="挂靠医院")
    assert {v.code for v in violations} == expected, [v.message for v in violations]
    assert all(v.subject == member.label for v in violations)


JLP_MEMBER = Member("李四", "member", title_level="associate_senior", title_obtained_on=date(2015, 1, 1))
QP_MEMBER = replace(JLP_MEMBER, district_practice_since=date(2020, 1, 1))

MEMBER_CASES = [
    pytest.param(JLP, JLP_MEMBER, None, set(), id="九龙坡 第十一条（四） associate senior member accepted"),
    pytest.param(
        JLP,
        replace(JLP_MEMBER, title_level="intermediate"),
        None,
        {"members.min_title_level"},
        id="九龙坡 第十一条（四） intermediate clinical member refused",
    ),
    pytest.param(
        JLP,
        replace(JLP_MEMBER, title_level="intermediate", clinical_or_medtech=False),
        None,
        set(),
        id="九龙坡 第十一条（四） intermediate management member not judged",
    ),
    pytest.param(
        JLP,
        replace(JLP_MEMBER, role="liaison_secretary", title_level="junior"),
        None,
        set(),
        id="九龙坡 第十一条（二） liaison secretary is not a member",
    ),
    pytest.param(
        QP, QP_MEMBER, "expert_group", set(), id="青浦 第七条3 expert group associate senior accepted"
    ),
    pytest.param(
        QP,
        replace(QP_MEMBER, title_level="intermediate"),
        "expert_group",
        {"members.expert_group_min_title_level"},
        id="青浦 第七条3 expert group intermediate refused",
    ),
    pytest.param(
        QP,
        replace(QP_MEMBER, title_level="intermediate", title_obtained_on=date(2023, 1, 1)),
        "supervision_group",
        set(),
        id="青浦 第九条1 supervision intermediate 3 years accepted",
    ),
    pytest.param(
        QP,
        replace(QP_MEMBER, title_level="intermediate", title_obtained_on=date(2023, 1, 2)),
        "supervision_group",
        {"members.supervision_min_title_years"},
        id="青浦 第九条1 supervision intermediate 2 years refused",
    ),
    pytest.param(
        QP,
        replace(QP_MEMBER, title_level="junior"),
        "supervision_group",
        {"members.supervision_min_title_level"},
        id="青浦 第九条1 supervision junior refused",
    ),
    pytest.param(
        QP,
        replace(QP_MEMBER, role="liaison", title_level="intermediate", title_obtained_on=date(2021, 1, 1)),
        "expert_group",
        set(),
        id="青浦 第七条2 liaison intermediate 5 years accepted",
    ),
    pytest.param(
        QP,
        replace(QP_MEMBER, role="liaison", title_level="intermediate", title_obtained_on=date(2022, 1, 1)),
        "expert_group",
        {"members.liaison_min_title_years"},
        id="青浦 第七条2 liaison intermediate 4 years refused",
    ),
    pytest.param(
        QP,
        replace(QP_MEMBER, role="liaison", title_level="junior"),
        "expert_group",
        {"members.liaison_min_title_level"},
        id="青浦 第七条2 liaison junior refused",
    ),
    pytest.param(
        QP,
        replace(QP_MEMBER, in_service=False),
        "expert_group",
        {"members.must_be_in_service"},
        id="青浦 第七条5 retired member refused",
    ),
    pytest.param(
        QP,
        replace(QP_MEMBER, district_practice_since=date(2024, 1, 1)),
        "expert_group",
        set(),
        id="青浦 第十条 2 years in the district accepted",
    ),
    pytest.param(
        QP,
        replace(QP_MEMBER, district_practice_since=date(2024, 1, 2)),
        "expert_group",
        {"members.min_years_at_district_first_practice_site"},
        id="青浦 第十条 under 2 years in the district refused",
    ),
    pytest.param(
        QP,
        replace(QP_MEMBER, district_practice_since=None),
        "expert_group",
        {"members.min_years_at_district_first_practice_site"},
        id="青浦 第十条 no district start date refused",
    ),
]


@pytest.mark.parametrize("code, member, group_kind, expected", MEMBER_CASES)
def test_member_eligibility(code, member, group_kind, expected):
    violations = check_member(get_ruleset(code), member, on=ON, group_kind=group_kind)
    assert {v.code for v in violations} == expected, [v.message for v in violations]


def test_roster_combines_composition_chair_and_members():
    committee = Committee(
        [
            replace(JLP_CHAIR, birth_date=date(1950, 1, 1)),
            replace(JLP_MEMBER, role="vice_chair", title_level="junior"),
        ],
        host_name="挂靠医院",
    )
    codes = [v.code for v in check_roster(get_ruleset(JLP), committee, on=ON)]
    assert codes == ["chair.max_age", "members.min_title_level"]


def test_violation_has_an_english_rendering():
    """Violations read in zh-hans, with English available (rule-set issue)."""
    from datetime import date

    from rulesets.engine.committee import check_committee
    from rulesets.engine.inputs import Committee, Member
    from rulesets.registry import get_ruleset

    members = [Member(name=f"委员{i}", role="member") for i in range(22)] + [
        Member(name="主任", role="chair", from_host=True)
    ]
    violation = next(
        v
        for v in check_committee(
            get_ruleset("cq-jiulongpo-2025"), Committee(members=members), on=date(2026, 1, 5)
        )
        if v.code == "committee.max_members"
    )
    assert violation.message.startswith("第十一条（一）：")
    assert violation.message_en.startswith("第十一条（一）: ") and "in principle" in violation.message_en
    assert "member" in violation.message_en.lower()

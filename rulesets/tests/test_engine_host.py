"""Host eligibility, expert duty hours and grade shares: one row per case, each naming its article."""

from dataclasses import replace
from datetime import date

import pytest

from rulesets.engine import Ban, HostApplicant, check_duty_hours, check_grade_shares, check_host
from rulesets.engine.experts import share_limits
from rulesets.registry import get_ruleset

JLP, JN, QP, GP = "cq-jiulongpo-2025", "jinan-city-2024", "sh-qingpu-2025", "cq-gp-experts-2020"
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


HOST_CASES = [
    pytest.param(JLP, complete(JLP), set(), id="九龙坡 第六条 complete 3a application accepted"),
    pytest.param(JLP, complete(JLP, grade="2"), set(), id="九龙坡 第六条（一） 二级 accepted"),
    pytest.param(
        JLP, complete(JLP, grade="1a"), {"host.min_grade"}, id="九龙坡 第六条（一） 一级甲等 refused"
    ),
    pytest.param(JLP, complete(JLP, kind="community"), set(), id="九龙坡 no allowed-kinds rule: any kind"),
    pytest.param(
        JLP,
        complete(JLP, serious_incident_dates=[date(2023, 1, 1)]),
        set(),
        id="九龙坡 第六条（四） incident 3 years ago accepted",
    ),
    pytest.param(
        JLP,
        complete(JLP, serious_incident_dates=[date(2023, 1, 2)]),
        {"host.clean_record_years"},
        id="九龙坡 第六条（四） incident within 3 years refused",
    ),
    pytest.param(
        JLP,
        complete(JLP, existing_centres_same_specialty=1),
        {"setup.one_per_specialty_direction"},
        id="九龙坡 第四条 second centre for the specialty refused",
    ),
    pytest.param(
        JLP,
        replace(complete(JLP), sections_provided=("basic_information",)),
        {"application.required_sections"},
        id="九龙坡 第七条（三） missing sections refused",
    ),
    pytest.param(
        JLP,
        replace(complete(JLP), attachments_provided=()),
        {"application.required_attachments"},
        id="九龙坡 第七条（三） missing application form refused",
    ),
    pytest.param(JN, complete(JN, grade="2a"), set(), id="济南 第五条（一） 二级甲等 accepted"),
    pytest.param(JN, complete(JN, grade="2b"), {"host.min_grade"}, id="济南 第五条（一） 二级乙等 refused"),
    pytest.param(JN, complete(JN, grade="2"), {"host.min_grade"}, id="济南 第五条（一） 二级未定等 refused"),
    pytest.param(JN, complete(JN, kind="maternal_child"), set(), id="济南 第五条（一） 妇幼保健院 accepted"),
    pytest.param(
        JN, complete(JN, kind="community"), {"host.allowed_kinds"}, id="济南 第五条（一） other kind refused"
    ),
    pytest.param(
        JN,
        complete(JN, serious_incident_dates=[date(2024, 1, 2)]),
        {"host.clean_record_years"},
        id="济南 第五条（三） incident within 2 years refused",
    ),
    pytest.param(
        JN,
        complete(JN, serious_incident_dates=[date(2023, 12, 31)]),
        set(),
        id="济南 第五条（三） incident over 2 years ago accepted",
    ),
    pytest.param(
        JN,
        complete(JN, bans=[("red_card", date(2026, 1, 1))]),
        {"appraisal.red_card_ban_years"},
        id="济南 第十九条（三） red-card ban in force refused",
    ),
    pytest.param(
        JN,
        complete(JN, bans=[Ban("red_card", date(2025, 12, 31))]),
        set(),
        id="济南 第十九条（三） red-card ban over accepted",
    ),
    pytest.param(
        JN,
        complete(JN, existing_centres_same_specialty=1),
        {"setup.one_per_specialty_direction"},
        id="济南 第四条 second centre for the specialty refused",
    ),
    pytest.param(
        JN,
        replace(complete(JN), attachments_provided=("practice_licence_copy",)),
        {"application.required_attachments"},
        id="济南 第七条 missing attachments refused",
    ),
    pytest.param(
        JN,
        replace(complete(JN), sections_provided=()),
        {"application.required_sections"},
        id="济南 第七条（二） missing feasibility sections refused",
    ),
    pytest.param(
        QP,
        complete(JLP, grade="ungraded", existing_centres_same_specialty=0),
        set(),
        id="青浦 no host-grade rule: ungraded accepted",
    ),
]


@pytest.mark.parametrize("code, applicant, expected", HOST_CASES)
def test_host_eligibility(code, applicant, expected):
    violations = check_host(get_ruleset(code), applicant, on=ON)
    assert {v.code for v in violations} == expected, [v.message for v in violations]


def test_missing_items_are_one_violation_each_naming_the_item():
    rs = get_ruleset(JLP)
    violations = check_host(rs, replace(complete(JLP), attachments_provided=()), on=ON)
    assert [v.subject for v in violations] == ["written_application", "application_form"]
    assert violations[0].message.startswith("第七条（三）：应提交“")


def test_ban_without_a_rule_in_this_rule_set_still_refuses():
    [v] = check_host(get_ruleset(JLP), complete(JLP, bans=[("other", None)]), on=ON)
    assert v.code == "host.ban_in_force" and v.strictness == "mandatory"


DUTY_CASES = [
    pytest.param("city", 40, set(), id="重庆全科 四、(二)1. city expert 40 hours accepted"),
    pytest.param(
        "city", 39.5, {"experts.city_min_duty_hours"}, id="重庆全科 四、(二)1. city expert 39.5 hours refused"
    ),
    pytest.param("regional", 30, set(), id="重庆全科 四、(二)1. regional expert 30 hours accepted"),
    pytest.param(
        "regional",
        29,
        {"experts.regional_min_duty_hours"},
        id="重庆全科 四、(二)1. regional expert 29 hours refused",
    ),
]


@pytest.mark.parametrize("level, hours, expected", DUTY_CASES)
def test_duty_hours(level, hours, expected):
    assert {v.code for v in check_duty_hours(get_ruleset(GP), level, hours)} == expected


def test_duty_hours_not_checked_where_the_rule_set_has_no_such_rule():
    assert check_duty_hours(get_ruleset(JLP), "city", 0) == []


@pytest.mark.parametrize(
    "n, pct, expected",
    [
        pytest.param(7, 10, (0, 1), id="n=7 10%: at most 0, at least 1"),
        pytest.param(7, 30, (2, 3), id="n=7 30%: at most 2, at least 3"),
        pytest.param(7, 50, (3, 4), id="n=7 50%: at most 3, at least 4"),
        pytest.param(25, 10, (2, 3), id="n=25 10%: at most 2, at least 3"),
        pytest.param(25, 50, (12, 13), id="n=25 50%: at most 12, at least 13"),
        pytest.param(30, 10, (3, 3), id="n=30 10%: exactly 3 both ways"),
    ],
)
def test_share_rounding(n, pct, expected):
    assert share_limits(n, pct) == expected


GRADE_CASES = [
    pytest.param(
        {"excellent": 2, "good": 7, "pass": 13, "fail": 3},
        set(),
        id="重庆全科 四、(二)4. n=25 at every limit accepted",
    ),
    pytest.param(
        {"excellent": 3, "good": 6, "pass": 13, "fail": 3},
        {"experts.grade_excellent_max_percent"},
        id="重庆全科 四、(二)4. n=25 3 优秀 refused",
    ),
    pytest.param(
        {"excellent": 2, "good": 8, "pass": 13, "fail": 2},
        {"experts.grade_good_max_percent", "experts.grade_fail_min_percent"},
        id="重庆全科 四、(二)4. n=25 8 良好 and 2 不合格 refused",
    ),
    pytest.param(
        {"excellent": 2, "good": 7, "pass": 12, "fail": 4},
        {"experts.grade_pass_min_percent"},
        id="重庆全科 四、(二)4. n=25 12 合格 refused",
    ),
    pytest.param(
        {"excellent": 0, "good": 2, "pass": 4, "fail": 1},
        set(),
        id="重庆全科 四、(二)4. n=7 0/2/4/1 accepted",
    ),
    pytest.param(
        {"excellent": 1, "good": 1, "pass": 4, "fail": 1},
        {"experts.grade_excellent_max_percent"},
        id="重庆全科 四、(二)4. n=7 one 优秀 refused",
    ),
    pytest.param(
        {"good": 2, "pass": 5},
        {"experts.grade_fail_min_percent"},
        id="重庆全科 四、(二)4. n=7 no 不合格 refused",
    ),
]


@pytest.mark.parametrize("counts, expected", GRADE_CASES)
def test_grade_shares(counts, expected):
    violations = check_grade_shares(get_ruleset(GP), counts)
    assert {v.code for v in violations} == expected, [v.message for v in violations]
    assert all(v.strictness == "in_principle" for v in violations)

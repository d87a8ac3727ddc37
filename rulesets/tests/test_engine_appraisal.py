"""Yearly consequence of the appraisal and retention of the host: one row per case, naming its article."""

import pytest

from rulesets.engine import retention_proposal, yearly_consequence
from rulesets.registry import get_ruleset

JLP, JN, QP = "cq-jiulongpo-2025", "jinan-city-2024", "sh-qingpu-2025"

YEARLY_CASES = [
    pytest.param(JLP, {2025: "pass"}, "none", id="九龙坡 第二十二条（二） pass: nothing"),
    pytest.param(
        JLP, {2025: "fail"}, "rectification", id="九龙坡 第二十二条（二） first fail: rectification"
    ),
    pytest.param(
        JLP, {2024: "fail", 2025: "pass"}, "none", id="九龙坡 第二十二条（二） fail then pass: nothing"
    ),
    pytest.param(
        JLP,
        {2023: "fail", 2024: "pass", 2025: "fail"},
        "rectification",
        id="九龙坡 第二十二条（二） non-consecutive fails: rectification",
    ),
    pytest.param(
        JLP,
        {"2024": "fail", "2025": "fail"},
        "disqualification",
        id="九龙坡 第二十二条（二） second consecutive fail: disqualification",
    ),
    pytest.param(JN, {2025: "pass"}, "none", id="济南 第十九条（三） pass: nothing"),
    pytest.param(JN, {2025: "fail"}, "yellow_card", id="济南 第十九条（三） fail: yellow card"),
    pytest.param(
        JN, {2024: "fail", 2025: "fail"}, "red_card", id="济南 第十九条（三） 2 consecutive fails: red card"
    ),
    pytest.param(QP, {2025: "fail"}, "no_rule", id="青浦 no consequence rule"),
]


@pytest.mark.parametrize("code, grades, outcome", YEARLY_CASES)
def test_yearly_consequence(code, grades, outcome):
    assert yearly_consequence(get_ruleset(code), grades).outcome == outcome


def test_yearly_messages_carry_the_numbers_from_the_rule_set():
    d = yearly_consequence(get_ruleset(JLP), {2025: "fail"})
    assert (
        d.message == "第二十二条（二）：2025年度考核不合格，责令整改，整改期限1年。"
        and d.strictness == "mandatory"
    )
    d = yearly_consequence(get_ruleset(JLP), {2024: "fail", 2025: "fail"})
    assert "取消挂靠单位和专家委员会主任委员资格" in d.message and "不参与本轮遴选" in d.message
    d = yearly_consequence(get_ruleset(JN), {2024: "fail", 2025: "fail"})
    assert d.article == "第十九条（三）" and "4年内不得申请本专业质控中心" in d.message
    assert d.to_dict() == {
        "outcome": "red_card",
        "article": "第十九条（三）",
        "message": d.message,
        "strictness": "mandatory",
    }


RETENTION_CASES = [
    pytest.param(
        JLP,
        ["good", "good", "excellent", "good"],
        1,
        "retain",
        id="九龙坡 第二十二条（一） all four 良好 or better: retain",
    ),
    pytest.param(
        JLP,
        ["excellent", "pass", "excellent", "pass"],
        1,
        "retain",
        id="九龙坡 第二十二条（一） 2 优秀 no 不合格: retain",
    ),
    pytest.param(
        JLP,
        ["excellent", "fail", "excellent", "excellent"],
        1,
        "reselect",
        id="九龙坡 第二十二条（一） 3 优秀 with a 不合格: reselect",
    ),
    pytest.param(
        JLP,
        ["good", "pass", "excellent", "good"],
        1,
        "reselect",
        id="九龙坡 第二十二条（一） one 合格 and 1 优秀: reselect",
    ),
    pytest.param(
        JLP, ["good", "good", "good"], 1, "incomplete_cycle", id="九龙坡 第二十二条 only 3 years: incomplete"
    ),
    pytest.param(
        JN,
        ["pass", "pass", "pass", "pass"],
        1,
        "commission_decides",
        id="济南 第十九条（一） after first term: commission decides",
    ),
    pytest.param(
        JN,
        ["pass", "pass", "pass", "pass"],
        2,
        "reselect",
        id="济南 第十九条（一） after 2 terms: reselection mandatory",
    ),
    pytest.param(QP, ["pass"], 1, "no_rule", id="青浦 no retention rule"),
]


@pytest.mark.parametrize("code, grades, terms, outcome", RETENTION_CASES)
def test_retention_proposal(code, grades, terms, outcome):
    by_year = {2022 + i: g for i, g in enumerate(grades)}
    assert retention_proposal(get_ruleset(code), by_year, terms).outcome == outcome


def test_retention_uses_the_last_cycle_only():
    grades = {2021: "fail", 2022: "good", 2023: "good", 2024: "good", 2025: "good"}
    assert retention_proposal(get_ruleset(JLP), grades, 1).outcome == "retain"

"""The example cases of docs/rule-engine.md (rulesets/tests/cases/*.json), run through the engine
and through ``manage.py rulesets evaluate``."""

import json
from pathlib import Path

import pytest

from rulesets.engine import CaseError, evaluate_case
from rulesets.registry import get_ruleset
from rulesets.tests.test_commands import run

CASES = Path(__file__).parent / "cases"
DOC = Path(__file__).resolve().parents[2] / "docs" / "rule-engine.md"

# file → (rule set, date, exit status, violation codes or decision outcome)
EXPECTED = {
    "committee.json": ("cq-jiulongpo-2025", "2026-01-01", 1, ["committee.min_vice_chairs_from_outside_host"]),
    "chair.json": ("jinan-city-2024", "2026-01-01", 0, []),
    "member.json": ("sh-qingpu-2025", "2026-01-01", 1, ["members.supervision_min_title_years"]),
    # 济南 第五条（二）: the society-chair proof is a preference, so its absence is no violation
    "host.json": (
        "jinan-city-2024",
        "2026-01-01",
        1,
        ["host.clean_record_years", "appraisal.red_card_ban_years"],
    ),
    "duty_hours.json": ("cq-gp-experts-2020", "2026-01-01", 0, []),
    "grade_shares.json": (
        "cq-gp-experts-2020",
        "2026-01-01",
        1,
        ["experts.grade_excellent_max_percent", "experts.grade_pass_min_percent"],
    ),
    "yearly_consequence.json": ("cq-jiulongpo-2025", "2026-01-01", 1, "disqualification"),
    "retention.json": ("cq-jiulongpo-2025", "2026-01-01", 0, "retain"),
    "duties.json": (
        "jinan-city-2024",
        "2026-01-10",
        1,
        ["duties.annual_plan_due", "duties.institution_evaluations_per_year"],
    ),
}


def test_every_case_file_is_expected_and_documented():
    assert sorted(p.name for p in CASES.glob("*.json")) == sorted(EXPECTED)
    doc = DOC.read_text(encoding="utf-8")
    for name in EXPECTED:
        assert f"rulesets/tests/cases/{name}" in doc
        # the documented example is the file, verbatim
        assert (CASES / name).read_text(encoding="utf-8").strip() in doc


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_case_through_the_command(name):
    code, on, status, expected = EXPECTED[name]
    got_status, out, err = run("evaluate", "--ruleset", code, "--on", on, str(CASES / name))
    assert got_status == status, err
    result = json.loads(out)
    if isinstance(expected, str):
        assert result["decision"]["outcome"] == expected
    else:
        assert [v["code"] for v in result["violations"]] == expected
        assert all(
            set(v) == {"code", "article", "message", "strictness", "subject"} for v in result["violations"]
        )


@pytest.mark.parametrize(
    "case, where",
    [
        ({"check": "nope", "input": {}}, "check"),
        ({"check": "chair", "input": {"member": {"name": "x", "birth_date": "1970/1/1"}}}, "birth_date"),
        ({"check": "member", "input": {"member": {"name": "x", "role": "boss"}}}, "role"),
        ({"check": "host", "input": {"grade": "5"}}, "grade"),
        ({"check": "grade_shares", "input": {"counts": {"best": 1}}}, "counts"),
        (
            {"check": "retention", "input": {"grades_by_year": {"2025": "good"}, "terms_served": "one"}},
            "terms_served",
        ),
        ({"check": "committee", "input": {"members": [{"name": "x", "shoe_size": 42}]}}, "shoe_size"),
        ({"check": "committee"}, "input"),
    ],
)
def test_malformed_cases_are_case_errors(case, where):
    with pytest.raises(CaseError, match=where):
        evaluate_case(get_ruleset("cq-jiulongpo-2025"), case, on=__import__("datetime").date(2026, 1, 1))


def test_unreadable_case_file_exits_2(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    status, _, err = run("evaluate", "--ruleset", "cq-jiulongpo-2025", "--on", "2026-01-01", str(bad))
    assert status == 2 and "无法读取案例文件" in err
    bad.write_text('{"check": "host", "input": {"grade": "9z"}}')
    status, _, err = run("evaluate", "--ruleset", "cq-jiulongpo-2025", "--on", "2026-01-01", str(bad))
    assert status == 2 and "案例格式错误" in err

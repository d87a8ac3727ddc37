"""Recurring duties per year: one row per case, each naming its article."""

from datetime import date

import pytest

from rulesets.engine import check_duties
from rulesets.registry import get_ruleset

JLP, JN, HN, QP = "cq-jiulongpo-2025", "jinan-city-2024", "henan-seven-ones-2024", "sh-qingpu-2025"
MONTHLY = [date(2025, m, 15) for m in range(1, 13)]

CASES = [
    pytest.param(
        JLP,
        {"trainings": 2, "committee_meetings": 2},
        None,
        set(),
        id="九龙坡 第八条（五） 第十三条 2 trainings and 2 meetings accepted",
    ),
    pytest.param(
        JLP,
        {"trainings": 1, "committee_meetings": 2},
        None,
        {"duties.min_trainings_per_year"},
        id="九龙坡 第八条（五） 1 training refused",
    ),
    pytest.param(
        JLP,
        {"trainings": 2, "committee_meetings": 1},
        None,
        {"duties.min_committee_meetings_per_year"},
        id="九龙坡 第十三条 1 committee meeting refused",
    ),
    pytest.param(
        JLP, {}, date(2025, 6, 30), set(), id="九龙坡 第八条（五） yearly minimums not judged mid-year"
    ),
    pytest.param(
        JN,
        {
            "trainings": 1,
            "annual_plan_submitted_on": date(2025, 12, 31),
            "institution_evaluations": {"甲医院": 1},
        },
        None,
        set(),
        id="济南 第十一条 第十二条 第十三条 all done accepted",
    ),
    pytest.param(
        JN,
        {"trainings": 0, "annual_plan_submitted_on": "2025-12-20"},
        None,
        {"duties.min_trainings_per_year"},
        id="济南 第十三条 no training refused",
    ),
    pytest.param(
        JN,
        {"trainings": 1, "annual_plan_submitted_on": date(2026, 1, 5)},
        None,
        {"duties.annual_plan_due"},
        id="济南 第十一条 plan after 12-31 refused",
    ),
    pytest.param(
        JN, {"trainings": 1}, None, {"duties.annual_plan_due"}, id="济南 第十一条 plan not submitted refused"
    ),
    pytest.param(JN, {}, date(2025, 12, 1), set(), id="济南 第十一条 plan not yet due"),
    pytest.param(
        JN,
        {
            "trainings": 1,
            "annual_plan_submitted_on": date(2025, 12, 1),
            "institution_evaluations": {"甲医院": 1, "乙医院": 0},
        },
        None,
        {"duties.institution_evaluations_per_year"},
        id="济南 第十二条 an institution not evaluated refused",
    ),
    pytest.param(
        HN,
        {"dispatch_meetings": MONTHLY, "city_centre_reviews": 1},
        None,
        set(),
        id="河南 四、 七、 monthly dispatch meetings and 1 review accepted",
    ),
    pytest.param(
        HN,
        {"dispatch_meetings": MONTHLY[:5] + MONTHLY[6:], "city_centre_reviews": 1},
        None,
        {"duties.dispatch_meetings_per_year"},
        id="河南 四、 June without dispatch meeting refused",
    ),
    pytest.param(
        HN,
        {"dispatch_meetings": MONTHLY[:5], "city_centre_reviews": 0},
        date(2025, 6, 1),
        set(),
        id="河南 四、 months so far covered mid-year accepted",
    ),
    pytest.param(
        HN,
        {"dispatch_meetings": MONTHLY[:4]},
        date(2025, 6, 1),
        {"duties.dispatch_meetings_per_year"},
        id="河南 四、 May missed mid-year refused",
    ),
    pytest.param(
        HN,
        {"dispatch_meetings": 12, "city_centre_reviews": 0},
        None,
        {"duties.city_centre_reviews_per_year"},
        id="河南 七、 no city-centre review refused",
    ),
    pytest.param(QP, {}, None, set(), id="青浦 no counted duties"),
]


@pytest.mark.parametrize("code, recorded, on, expected", CASES)
def test_duties(code, recorded, on, expected):
    violations = check_duties(get_ruleset(code), 2025, recorded, on=on)
    assert {v.code for v in violations} == expected, [v.message for v in violations]


def test_missing_months_are_named():
    [v] = check_duties(
        get_ruleset(HN), 2025, {"dispatch_meetings": MONTHLY[:5] + MONTHLY[7:], "city_centre_reviews": 1}
    )
    assert v.message == "四、：每月召开一次调度会，2025年6月、7月未召开"

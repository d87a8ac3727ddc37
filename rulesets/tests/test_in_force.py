"""Which rule set judges a decision: by jurisdiction (inherited downwards), kind of body and date."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from directory.models import Jurisdiction
from rulesets.models import RuleSetAssignment
from rulesets.selectors import NoRuleSetInForce, ruleset_in_force

pytestmark = pytest.mark.django_db


def j(code):
    return Jurisdiction.objects.get(code=code)


def test_each_demo_jurisdiction_has_its_rule_set(world):
    assert ruleset_in_force(j("500107"), "district_centre", on=date(2026, 1, 5)).code == "cq-jiulongpo-2025"
    assert ruleset_in_force(j("370100"), "city_centre", on=date(2025, 3, 1)).code == "jinan-city-2024"
    assert ruleset_in_force(j("310118"), "qc_group", on=date(2025, 6, 1)).code == "sh-qingpu-2025"
    assert (
        ruleset_in_force(j("410000"), "provincial_centre", on=date(2024, 6, 1)).code
        == "henan-seven-ones-2024"
    )


def test_lower_jurisdictions_inherit_unless_they_have_their_own(world):
    # 重庆市's expert-team rule set governs its districts' GP expert teams too (二、(二)).
    assert ruleset_in_force(j("500112"), "expert_team", on=date(2021, 1, 1)).code == "cq-gp-experts-2020"


def test_a_decision_is_judged_by_the_version_in_force_on_its_date(world):
    # 九龙坡卫发〔2025〕15号 is in force from 2025-11-20 (第二十七条); before it, nothing assigned here.
    with pytest.raises(NoRuleSetInForce):
        ruleset_in_force(j("500107"), "district_centre", on=date(2025, 11, 19))
    assert ruleset_in_force(j("500107"), "district_centre", on=date(2025, 11, 20)).code == "cq-jiulongpo-2025"


def test_no_rule_set_for_another_kind_of_body(world):
    with pytest.raises(NoRuleSetInForce):
        ruleset_in_force(j("500107"), "city_centre", on=date(2026, 1, 5))


@pytest.mark.parametrize(
    "code,kind,start,error_field",
    [
        ("no-such-code", "district_centre", date(2026, 1, 1), "ruleset_code"),
        ("jinan-city-2024", "district_centre", date(2026, 1, 1), "body_kind"),
        ("cq-jiulongpo-2025", "district_centre", date(2025, 1, 1), "valid_from"),
    ],
)
def test_assignment_is_validated(world, code, kind, start, error_field):
    assignment = RuleSetAssignment(
        jurisdiction=j("500112"), body_kind=kind, ruleset_code=code, valid_from=start
    )
    with pytest.raises(ValidationError) as error:
        assignment.full_clean()
    assert error_field in error.value.message_dict

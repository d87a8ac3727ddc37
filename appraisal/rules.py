"""Reading the appraisal's parameters from a rule set (every number with its article). Nothing here
decides: the engine (rulesets.engine.appraisal, rulesets.engine.duties) does."""

from __future__ import annotations

from datetime import date

from rulesets.loader import Item

from .models import GRADE_CHOICES


def _items(ruleset, key) -> list[Item]:
    return list(ruleset.value(key)) if ruleset.has(key) and ruleset.value(key) else []


def criteria_items(ruleset) -> list[Item]:
    """The criteria institutions score (九龙坡 第二十一条（二）); none where the commission grades alone."""
    if not (
        ruleset.has("appraisal.scorers") and "institutions" in (ruleset.value("appraisal.scorers") or [])
    ):
        return []
    return _items(ruleset, "appraisal.scoring_criteria")


def grade_items(ruleset) -> list[Item]:
    """The grades, best first (九龙坡 第二十一条（一） four; 济南 第二十条 合格/不合格)."""
    items = _items(ruleset, "appraisal.grades")
    return items or [Item(code, label) for code, label in GRADE_CHOICES]


def lowest_grade(ruleset) -> str:
    return grade_items(ruleset)[-1].code


def condition_items(ruleset) -> list[Item]:
    """济南 第二十条: the conditions that fail the year."""
    return _items(ruleset, "appraisal.automatic_fail_conditions")


def prohibited_items(ruleset) -> list[Item]:
    return _items(ruleset, "violations.prohibited_acts")


def host_support_param(ruleset):
    """Where the host's support is assessed: 九龙坡 第二十一条（一） as part of the appraisal, 济南
    第二十条（六） as a condition that fails the year."""
    if ruleset.has("appraisal.host_support_assessed") and ruleset.value("appraisal.host_support_assessed"):
        return ruleset.param("appraisal.host_support_assessed")
    if any(i.code == "insufficient_host_support" for i in condition_items(ruleset)):
        return ruleset.param("appraisal.automatic_fail_conditions")
    return None


def rectification_due(ruleset, on: date) -> date | None:
    """The end of the rectification period (九龙坡 第二十二条（二） 整改期限一年)."""
    from core.dates import add_years

    if ruleset.has("appraisal.rectification_years") and ruleset.value("appraisal.rectification_years"):
        return add_years(on, int(ruleset.value("appraisal.rectification_years")))
    return None

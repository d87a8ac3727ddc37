"""Small helpers shared by the checks. (Kept here rather than in loader.py/schema.py.)"""

from __future__ import annotations

from datetime import date

from core.dates import years_before  # noqa: F401  (the engine's checks import it from here)

from .. import schema
from ..loader import Parameter, RuleSet


def rule(ruleset: RuleSet, key: str) -> Parameter | None:
    """The parameter ``key`` if the rule set has it, else None: an absent rule does not apply."""
    return ruleset.param(key) if ruleset.has(key) else None


def full_years(start: date, on: date) -> int:
    """Whole years from ``start`` to ``on`` (an age, or how long a title has been held)."""
    return on.year - start.year - ((on.month, on.day) < (start.month, start.day))


def in_principle(param: Parameter) -> str:
    """ "原则上" for an in-principle rule, to put in the message; "" otherwise."""
    return "原则上" if param.strictness == "in_principle" else ""


def title_label(level: str | None) -> str:
    return schema.TITLE_LEVELS.get(level, "未填写") if level else "未填写"


def grade_label(grade: str | None) -> str:
    return schema.INSTITUTION_GRADES.get(grade, str(grade)) if grade else "未填写"


def appraisal_label(grade: str | None) -> str:
    return schema.GRADE_CODES.get(grade, str(grade)) if grade else "未填写"

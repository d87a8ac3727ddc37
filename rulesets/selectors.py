"""Which rule set is in force for a body in a jurisdiction on a date."""

from __future__ import annotations

from datetime import date

from core.errors import WrongState

from .loader import RuleSet
from .models import RuleSetAssignment, RuleSetSetting
from .registry import get_ruleset


class NoRuleSetInForce(WrongState, LookupError):
    """No rule set governs this kind of body in this jurisdiction on this date."""

    def __init__(self, message: str):
        super().__init__("no_ruleset_in_force", message)


def ruleset_in_force(jurisdiction, body_kind: str, *, on: date) -> RuleSet:
    """The rule set that judges a decision of ``body_kind`` in ``jurisdiction`` taken on ``on``:
    the latest assignment starting on or before that date, of the jurisdiction itself or else of
    the nearest jurisdiction above it."""
    candidates = (
        RuleSetAssignment.objects.filter(
            jurisdiction__in=jurisdiction.ancestors_and_self(), body_kind=body_kind, valid_from__lte=on
        )
        .select_related("jurisdiction")
        .order_by("-jurisdiction__path", "-valid_from")
    )
    # Deepest jurisdiction first: a district's own assignment beats its city's.
    assignment = max(candidates, key=lambda a: (len(a.jurisdiction.path), a.valid_from), default=None)
    if assignment is None:
        raise NoRuleSetInForce(f"{jurisdiction.full_name} 在 {on} 没有适用于该类机构的规则集。")
    ruleset = get_ruleset(assignment.ruleset_code)
    if ruleset.in_force_from > on:
        raise NoRuleSetInForce(f"规则集 {ruleset.code} 自 {ruleset.in_force_from} 起施行，{on} 尚未生效。")
    return ruleset


def rulesets_in_force(subjects, *, on: date) -> dict[tuple[int, str], RuleSet | None]:
    """``ruleset_in_force`` for many (jurisdiction, body_kind) pairs in one query (a list of a
    province's centres): (jurisdiction id, body kind) -> the rule set, or None where none is in
    force. The same choice: the deepest jurisdiction's latest assignment started by ``on``."""
    subjects = list(subjects)
    kinds = {kind for _, kind in subjects}
    assignments = list(
        RuleSetAssignment.objects.filter(body_kind__in=kinds, valid_from__lte=on).select_related(
            "jurisdiction"
        )
    )
    out: dict[tuple[int, str], RuleSet | None] = {}
    for jurisdiction, kind in subjects:
        key = (jurisdiction.pk, kind)
        if key in out:
            continue
        candidates = [
            a
            for a in assignments
            if a.body_kind == kind and jurisdiction.path.startswith(a.jurisdiction.path)
        ]
        assignment = max(candidates, key=lambda a: (len(a.jurisdiction.path), a.valid_from), default=None)
        ruleset = get_ruleset(assignment.ruleset_code) if assignment else None
        out[key] = ruleset if ruleset is not None and ruleset.in_force_from <= on else None
    return out


def setting_value(jurisdiction, ruleset: RuleSet, key: str):
    """The commission's value for a parameter the regulation leaves open, or None if not yet set."""
    setting = (
        RuleSetSetting.objects.filter(
            jurisdiction__in=jurisdiction.ancestors_and_self(), ruleset_code=ruleset.code, key=key
        )
        .order_by("-jurisdiction__path")
        .first()
    )
    return setting.value if setting else None


def assignment_list(*, user):
    return RuleSetAssignment.objects.for_user(user).select_related("jurisdiction")

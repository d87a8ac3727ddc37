"""The rule sets' part of the province-scale data set (core/scale.py): 示范省 is governed by the
seeded rule sets, one per kind of body, assigned at the province (every city and district below it
inherits them) from the day each came into force — so the pages judge the data set as they would
a real province's, rather than saying that no rule set is in force."""

from __future__ import annotations

from core import scale

from .models import RuleSetAssignment
from .registry import get_ruleset

ORDER = 15

ASSIGNED = {
    "provincial_centre": "henan-seven-ones-2024",
    "city_centre": "jinan-city-2024",
    "district_centre": "cq-jiulongpo-2025",
    "expert_team": "cq-gp-experts-2020",
}


def seed(ctx: scale.ScaleContext) -> None:
    RuleSetAssignment.objects.bulk_create(
        [
            RuleSetAssignment(
                jurisdiction=ctx.province,
                body_kind=kind,
                ruleset_code=code,
                valid_from=get_ruleset(code).in_force_from,
                note="性能测试数据",
            )
            for kind, code in ASSIGNED.items()
        ],
        ignore_conflicts=True,
    )

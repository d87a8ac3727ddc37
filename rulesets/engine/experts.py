"""The 重庆全科 expert library: yearly duty hours and the shares of appraisal grades (四、(二))."""

from __future__ import annotations

from .. import schema
from ..loader import RuleSet
from .common import in_principle, rule
from .violations import Violation, breach, setting_missing

LEVEL_WORDS = {"city": "市级专家", "regional": "区域 / 区县专家"}


def check_duty_hours(
    ruleset: RuleSet, expert_level: str, hours: float, *, subject: str | None = None
) -> list[Violation]:
    """Hours of QC work an expert of ``expert_level`` ("city" | "regional") did in the year."""
    p = rule(ruleset, f"experts.{expert_level}_min_duty_hours")
    if p is None:
        return []
    if p.value is None:
        return [setting_missing(p, subject)]
    if hours < p.value:
        return [
            breach(
                p,
                f"{LEVEL_WORDS[expert_level]}年度参与质控工作不少于{p.value}小时，实为{hours:g}小时",
                subject,
            )
        ]
    return []


def share_limits(n: int, percent: int) -> tuple[int, int]:
    """(most allowed under a maximum share, fewest required under a minimum share) of ``n`` experts.

    A maximum share allows floor(n × pct / 100) experts; a minimum share requires ceil(n × pct / 100).
    Integer arithmetic, so 10 % of 30 is exactly 3 either way."""
    return n * percent // 100, -(-n * percent // 100)


def check_grade_shares(ruleset: RuleSet, counts: dict[str, int]) -> list[Violation]:
    """Whether a year's expert appraisal keeps the grade shares: 优秀 ≤ max, 良好 ≤ max, 合格 ≥ min,
    不合格 ≥ min (所占比例 of all experts graded). ``counts`` maps grade code → number of experts."""
    out: list[Violation] = []
    n = sum(counts.values())
    if n == 0:
        return out
    for grade in schema.GRADE_CODES:
        label, have = schema.GRADE_CODES[grade], counts.get(grade, 0)
        # Only some grades have a max or a min share in the vocabulary; ask for those that exist.
        max_key, min_key = f"experts.grade_{grade}_max_percent", f"experts.grade_{grade}_min_percent"
        if max_key in schema.PARAMETERS and (p := rule(ruleset, max_key)):
            if p.value is None:
                out.append(setting_missing(p, grade))
                continue
            allowed, _ = share_limits(n, p.value)
            if have > allowed:
                out.append(
                    breach(
                        p,
                        f"{label}比例{in_principle(p)}不超过{p.value}%，{n}人中至多{allowed}人，现为{have}人",
                        grade,
                    )
                )
        if min_key in schema.PARAMETERS and (p := rule(ruleset, min_key)):
            if p.value is None:
                out.append(setting_missing(p, grade))
                continue
            _, required = share_limits(n, p.value)
            if have < required:
                out.append(
                    breach(
                        p,
                        f"{label}比例{in_principle(p)}不低于{p.value}%，{n}人中至少{required}人，现为{have}人",
                        grade,
                    )
                )
    return out


def check_candidate(ruleset: RuleSet, candidate, *, on) -> list[Violation]:
    """Whether ``candidate`` (``inputs.Candidate``) meets the library's selection conditions for
    their level on ``on``: title (experts.<level>_min_title_level), general-practice registration
    (experts.gp_registration_required) and years of experience (experts.<level>_min_experience_years)."""
    from .common import full_years, title_label

    out: list[Violation] = []
    who = candidate.name
    level = candidate.level
    if p := rule(ruleset, f"experts.{level}_min_title_level"):
        if p.value is None:
            out.append(setting_missing(p, who))
        elif (
            candidate.title_level is None
            or candidate.title_level == "none"
            or not schema.title_at_least(candidate.title_level, p.value)
        ):
            out.append(
                breach(
                    p,
                    f"{LEVEL_WORDS[level]}应具备{schema.TITLE_LEVELS[p.value]}及以上职称，"
                    f"{who}为"
                    f"{title_label(candidate.title_level if candidate.title_level != 'none' else None)}",
                    who,
                )
            )
    if (p := rule(ruleset, "experts.gp_registration_required")) and p.value and not candidate.gp_registered:
        out.append(breach(p, f"应具有有效的注册或加注全科医学专业执业资质，{who}未注册或加注全科", who))
    if p := rule(ruleset, f"experts.{level}_min_experience_years"):
        if p.value is None:
            out.append(setting_missing(p, who))
        elif candidate.experience_since is None:
            out.append(breach(p, f"未填写从事相关工作起始时间，无法核对“≥{p.value}年”", who))
        elif (years := full_years(candidate.experience_since, on)) < p.value:
            out.append(breach(p, f"从事相关工作应≥{p.value}年，{who}为{years}年", who))
    return out

"""What follows from the annual appraisal: the yearly consequence and, at the end of the cycle,
whether the host is kept (九龙坡 第二十二条; 济南 第十九条)."""

from __future__ import annotations

from .. import schema
from ..loader import RuleSet
from .common import appraisal_label, rule
from .violations import Decision

# Outcomes that are bad news for the centre; the CLI exits 1 on them.
ADVERSE_OUTCOMES = frozenset({"rectification", "yellow_card", "disqualification", "red_card", "reselect"})


def _grades(grades_by_year) -> dict[int, str]:
    return {int(y): g for y, g in grades_by_year.items()}


def yearly_consequence(ruleset: RuleSet, grades_by_year: dict[int, str]) -> Decision:
    """The consequence of the latest year's grade, given the years before it."""
    first = rule(ruleset, "appraisal.first_fail_consequence")
    if first is None or not grades_by_year:
        return Decision("no_rule", "", "本规则集未规定年度考核不合格的处理。", "mandatory")
    grades = _grades(grades_by_year)
    year = max(grades)
    if grades[year] != "fail":
        return Decision(
            "none",
            first.article,
            f"{first.article}：{year}年度考核为{appraisal_label(grades[year])}，无须处理。",
            first.strictness,
        )

    second = rule(ruleset, "appraisal.second_consecutive_fail_consequence")
    if second is not None and grades.get(year - 1) == "fail":
        years = f"{year - 1}、{year}年度连续考核不合格"
        if second.value == "disqualification":
            who = (
                "挂靠单位和专家委员会主任委员"
                if (p := rule(ruleset, "appraisal.second_fail_chair_disqualified")) and p.value
                else "挂靠单位"
            )
            text = f"{years}，取消{who}资格，重新遴选"
            if (p := rule(ruleset, "appraisal.second_fail_excluded_from_current_round")) and p.value:
                text += "；原挂靠单位不参与本轮遴选"
        else:  # red_card
            text = f"{years}，给予红牌处罚，解除挂靠关系并重新遴选挂靠单位"
            if p := rule(ruleset, "appraisal.red_card_ban_years"):
                text += f"；原挂靠单位{p.value}年内不得申请本专业质控中心"
        return Decision(second.value, second.article, f"{second.article}：{text}。", second.strictness)

    if first.value == "rectification":
        text = f"{year}年度考核不合格，责令整改"
        if p := rule(ruleset, "appraisal.rectification_years"):
            text += f"，整改期限{p.value}年" if p.value is not None else "，整改期限待卫生健康行政部门设置"
    else:  # yellow_card
        text = f"{year}年度考核不合格，给予黄牌警告"
    return Decision(first.value, first.article, f"{first.article}：{text}。", first.strictness)


def retention_proposal(ruleset: RuleSet, grades_by_year: dict[int, str], terms_served: int) -> Decision:
    """At the end of a host's term: keep it, reselect, or leave it to the commission.

    ``terms_served``: host terms completed, counting the one now ending."""
    grades = _grades(grades_by_year)
    all_years = rule(ruleset, "appraisal.retention_min_grade_all_years")
    if all_years is not None:  # 九龙坡 第二十二条（一）
        cycle = ruleset.value("cycle.cycle_years") if ruleset.has("cycle.cycle_years") else len(grades)
        last = [grades[y] for y in sorted(grades)[-cycle:]]
        if len(last) < cycle:
            return Decision(
                "incomplete_cycle",
                all_years.article,
                f"{all_years.article}：按{cycle}年一个周期判断，现仅有{len(last)}个年度考核结果。",
                all_years.strictness,
            )
        if all(schema.appraisal_grade_at_least(g, all_years.value) for g in last):
            return Decision(
                "retain",
                all_years.article,
                f"{all_years.article}：{cycle}次年度考核结果均为{appraisal_label(all_years.value)}及以上，不作调整。",
                all_years.strictness,
            )
        excellent = rule(ruleset, "appraisal.retention_alt_min_excellent_years")
        no_fail = rule(ruleset, "appraisal.retention_alt_no_fail")
        if (
            excellent is not None
            and last.count("excellent") >= excellent.value
            and not (no_fail and no_fail.value and "fail" in last)
        ):
            return Decision(
                "retain",
                excellent.article,
                f"{excellent.article}：{last.count('excellent')}次年度考核结果为优秀且未出现不合格，不作调整。",
                excellent.strictness,
            )
        summary = "、".join(appraisal_label(g) for g in last)
        return Decision(
            "reselect",
            all_years.article,
            f"{all_years.article}：周期内年度考核结果为{summary}，不满足不作调整的条件，重新遴选挂靠单位。",
            all_years.strictness,
        )

    max_terms = rule(ruleset, "setup.max_terms_before_reselection")
    if max_terms is not None:  # 济南 第十九条（一）
        if terms_served >= max_terms.value:
            return Decision(
                "reselect",
                max_terms.article,
                f"{max_terms.article}：{max_terms.value}届任期届满后，重新遴选挂靠单位（已任{terms_served}届）。",
                max_terms.strictness,
            )
        basis = rule(ruleset, "cycle.decision_basis") or max_terms
        return Decision(
            "commission_decides",
            basis.article,
            f"{basis.article}：任期届满后，由卫生健康委根据任期内年度考核结果决定是否重新遴选。",
            basis.strictness,
        )
    return Decision("no_rule", "", "本规则集未规定挂靠单位任期届满后的保留或重新遴选。", "mandatory")

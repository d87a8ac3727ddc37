"""Whether an institution may host a centre (九龙坡 第六条、第七条; 济南 第五条、第七条)."""

from __future__ import annotations

from datetime import date

from .. import schema
from ..loader import RuleSet
from .common import grade_label, in_principle, rule, years_before
from .inputs import Ban, HostApplicant, Incident
from .violations import Violation, breach, setting_missing

# Which parameter imposes a ban of each scope; its article is cited when the ban is in force.
BAN_SOURCES = {
    "red_card": "appraisal.red_card_ban_years",
    "severe_violation": "violations.severe_violation_ban_years",
}
KIND_LABELS = schema.PARAMETERS["host.allowed_kinds"].choices
# What each ban bars, in words (济南 第十七条 bars new centres of other specialties,
# 九龙坡 第二十条 this one).
BAN_REACH = {"same_specialty": "本专业质控中心", "new_other_specialty_centre": "新成立的其他专业质控中心"}


def _ban_reach(ruleset: RuleSet, ban: Ban) -> str:
    if ban.reach:
        return ban.reach
    if ban.scope == "severe_violation" and ruleset.has("violations.severe_violation_ban_scope"):
        return ruleset.value("violations.severe_violation_ban_scope")
    return "same_specialty"


def _in_department(incident: Incident, specialty: str | None) -> bool:
    """Whether an incident is of the department of the specialty (本专业所在科室). An incident whose
    department was not recorded may be of this one, so it counts."""
    department = (incident.department or "").strip()
    if not department or not specialty:
        return True
    return department == specialty or department in specialty or specialty in department


def _incidents(applicant: HostApplicant) -> list[Incident]:
    return [*(Incident(d) for d in applicant.serious_incident_dates), *applicant.serious_incidents]


def _ban(b) -> Ban:
    return b if isinstance(b, Ban) else Ban(*b)


def check_host(ruleset: RuleSet, applicant: HostApplicant, *, on: date) -> list[Violation]:
    out: list[Violation] = []
    who = applicant.name

    graded = rule(ruleset, "host.min_grade_applies_to_kinds")
    exempt = graded is not None and applicant.kind is not None and applicant.kind not in graded.value
    if (
        p := rule(ruleset, "host.min_grade")
    ) and not exempt:  # 济南 第五条（一）: 其他医疗卫生机构 carry no grade
        if p.value is None:
            out.append(setting_missing(p, who))
        elif applicant.grade not in schema.INSTITUTION_GRADES or not schema.grade_at_least(
            applicant.grade, p.value
        ):
            out.append(
                breach(
                    p,
                    f"挂靠单位{in_principle(p)}应为{grade_label(p.value)}及以上医疗机构，申请单位为{grade_label(applicant.grade)}",
                    who,
                )
            )

    if p := rule(ruleset, "host.allowed_kinds"):
        if applicant.kind not in p.value:
            allowed = "、".join(KIND_LABELS[k] for k in p.value)
            out.append(
                breach(
                    p,
                    f"申请单位类别应为{allowed}，"
                    f"申请单位为{KIND_LABELS.get(applicant.kind, applicant.kind or '未填写')}",
                    who,
                )
            )

    if p := rule(ruleset, "host.clean_record_years"):
        if p.value is None:
            out.append(setting_missing(p, who))
        else:
            since = years_before(on, p.value)
            scope = rule(ruleset, "host.clean_record_scope")
            by_department = scope is not None and scope.value == "specialty_department"
            recent = sorted(
                i.on
                for i in _incidents(applicant)
                if since < i.on <= on and (not by_department or _in_department(i, applicant.specialty))
            )
            if recent:
                dates = "、".join(d.isoformat() for d in recent)
                if by_department:  # 九龙坡 第六条（四）, in the seed's own words (违法违纪)
                    out.append(
                        breach(
                            p,
                            f"{p.value}年内本专业所在科室不得发生严重违法违纪和重大医疗质量安全事件，"
                            f"申请单位{applicant.specialty or '本专业'}所在科室于{dates}发生",
                            who,
                        )
                    )
                else:
                    out.append(
                        breach(
                            p,
                            f"{p.value}年内不得发生严重违法违规和重大医疗质量安全事件，申请单位于{dates}发生",
                            who,
                        )
                    )

    for ban in map(_ban, applicant.bans):
        if ban.until is None or ban.until >= on:
            key = BAN_SOURCES.get(ban.scope)
            until = f"至{ban.until.isoformat()}" if ban.until else "（无期限）"
            if key and ruleset.has(key):
                p = ruleset.param(key)
                reach = BAN_REACH.get(_ban_reach(ruleset, ban), "质控中心")
                out.append(
                    breach(
                        p, f"原挂靠单位{p.value}年内不得申请作为{reach}的挂靠单位，申请单位受限{until}", who
                    )
                )
            else:
                out.append(
                    Violation(
                        "host.ban_in_force",
                        "",
                        f"申请单位处于禁止申请期内{until}（{ban.scope}）",
                        "mandatory",
                        who,
                    )
                )

    if p := rule(ruleset, "setup.one_per_specialty_direction"):
        if p.value and applicant.existing_centres_same_specialty > 0:
            out.append(
                breach(
                    p,
                    f"同一专业领域和工作方向{in_principle(p)}只设立一个质控中心，已有{applicant.existing_centres_same_specialty}个",
                    who,
                )
            )

    for key, provided, word in (
        ("application.required_sections", applicant.sections_provided, "申请材料应包括"),
        ("application.required_attachments", applicant.attachments_provided, "应提交"),
    ):
        if p := rule(ruleset, key):
            for item in p.value:
                if item.code not in provided:
                    out.append(breach(p, f"{word}“{item.label}”，申请中缺少", item.code))
    return out

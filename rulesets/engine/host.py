"""Whether an institution may host a centre (九龙坡 第六条、第七条; 济南 第五条、第七条)."""

from __future__ import annotations

from datetime import date

from .. import schema
from ..loader import RuleSet
from .common import grade_label, in_principle, rule, years_before
from .inputs import Ban, HostApplicant
from .violations import Violation, breach, setting_missing

# Which parameter imposes a ban of each scope; its article is cited when the ban is in force.
BAN_SOURCES = {"red_card": "appraisal.red_card_ban_years", "severe_violation": "violations.severe_violation_ban_years"}
KIND_LABELS = schema.PARAMETERS["host.allowed_kinds"].choices


def _ban(b) -> Ban:
    return b if isinstance(b, Ban) else Ban(*b)


def check_host(ruleset: RuleSet, applicant: HostApplicant, *, on: date) -> list[Violation]:
    out: list[Violation] = []
    who = applicant.name

    if p := rule(ruleset, "host.min_grade"):
        if p.value is None:
            out.append(setting_missing(p, who))
        elif applicant.grade not in schema.INSTITUTION_GRADES or not schema.grade_at_least(applicant.grade, p.value):
            out.append(breach(p, f"挂靠单位{in_principle(p)}应为{grade_label(p.value)}及以上医疗机构，申请单位为{grade_label(applicant.grade)}", who))

    if p := rule(ruleset, "host.allowed_kinds"):
        if applicant.kind not in p.value:
            allowed = "、".join(KIND_LABELS[k] for k in p.value)
            out.append(breach(p, f"申请单位类别应为{allowed}，申请单位为{KIND_LABELS.get(applicant.kind, applicant.kind or '未填写')}", who))

    if p := rule(ruleset, "host.clean_record_years"):
        if p.value is None:
            out.append(setting_missing(p, who))
        else:
            since = years_before(on, p.value)
            recent = sorted(d for d in applicant.serious_incident_dates if since < d <= on)
            if recent:
                out.append(breach(p, f"{p.value}年内不得发生严重违法违规和重大医疗质量安全事件，申请单位于"
                                     f"{'、'.join(d.isoformat() for d in recent)}发生", who))

    for ban in map(_ban, applicant.bans):
        if ban.until is None or ban.until >= on:
            key = BAN_SOURCES.get(ban.scope)
            until = f"至{ban.until.isoformat()}" if ban.until else "（无期限）"
            if key and ruleset.has(key):
                p = ruleset.param(key)
                out.append(breach(p, f"原挂靠单位{p.value}年内不得申请本专业质控中心，申请单位受限{until}", who))
            else:
                out.append(Violation("host.ban_in_force", "", f"申请单位处于禁止申请期内{until}（{ban.scope}）", "mandatory", who))

    if p := rule(ruleset, "setup.one_per_specialty_direction"):
        if p.value and applicant.existing_centres_same_specialty > 0:
            out.append(breach(p, f"同一专业领域和工作方向{in_principle(p)}只设立一个质控中心，已有{applicant.existing_centres_same_specialty}个", who))

    for key, provided, word in (("application.required_sections", applicant.sections_provided, "申请材料应包括"),
                                ("application.required_attachments", applicant.attachments_provided, "应提交")):
        if p := rule(ruleset, key):
            for item in p.value:
                if item.code not in provided:
                    out.append(breach(p, f"{word}“{item.label}”，申请中缺少", item.code))
    return out

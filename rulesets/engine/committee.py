"""Composition of an expert committee or QC group, and who may be chair or member.

Every number comes from the rule set; a rule the rule set lacks is not checked.
"""

from __future__ import annotations

from datetime import date

from .. import schema
from ..loader import RuleSet
from .common import full_years, in_principle, rule, title_label, years_before
from .inputs import CHAIR_ROLES, ROLES, Committee, Member
from .violations import Violation, breach, setting_missing


def _value(p, out: list, subject=None):
    """The parameter's value, or None after appending ``setting_missing`` for an unset setting."""
    if p.setting and p.value is None:
        out.append(setting_missing(p, subject))
        return None
    return p.value


def counted_members(ruleset: RuleSet, members) -> list[Member]:
    """Members counted against committee.max_members / max_from_host.

    A liaison secretary is left out where committee.liaison_counted_in_members is false (九龙坡
    第十一条（二） 不占委员数量); officers are left out only where committee.members_include_officers
    is false (济南 第六条 counts them: 含主任、副主任、秘书)."""
    out = list(members)
    p = rule(ruleset, "committee.liaison_counted_in_members")
    if p is not None and p.value is False:
        out = [m for m in out if m.role != "liaison_secretary"]
    p = rule(ruleset, "committee.members_include_officers")
    if p is not None and p.value is False:
        out = [m for m in out if m.role not in ("chair", "vice_chair", "secretary")]
    return out


def check_committee(ruleset: RuleSet, committee: Committee, *, on: date | None = None) -> list[Violation]:
    """Size and make-up of the committee (or group). ``on`` is accepted for symmetry with the other
    checks; composition rules do not depend on the date."""
    out: list[Violation] = []
    members = list(committee.members)
    counted = counted_members(ruleset, members)

    def count(role, pool=members):
        return sum(1 for m in pool if m.role == role)

    if p := rule(ruleset, "committee.max_members"):
        if (limit := _value(p, out)) is not None and len(counted) > limit:
            out.append(breach(p, f"委员数{in_principle(p)}不超过{limit}人，现为{len(counted)}人"))

    if p := rule(ruleset, "committee.max_from_host"):
        from_host = [m for m in counted if m.from_host]
        if (limit := _value(p, out)) is not None and len(from_host) > limit:
            out.append(
                breach(
                    p,
                    f"挂靠单位委员{in_principle(p)}不超过{limit}人，现为{len(from_host)}人"
                    f"（{'、'.join(m.name for m in from_host)}）",
                )
            )

    if p := rule(ruleset, "committee.host_role_caps"):
        for role, cap in p.value.items():
            n = sum(1 for m in members if m.from_host and m.role == role)
            if n > cap:
                out.append(
                    breach(
                        p,
                        f"挂靠单位人员担任{ROLES.get(role, role)}不超过{cap}人，现为{n}人",
                        ROLES.get(role, role),
                    )
                )

    for key, role in (
        ("committee.chairs", "chair"),
        ("committee.secretaries", "secretary"),
        ("committee.leaders", "leader"),
        ("committee.liaisons", "liaison"),
    ):
        if p := rule(ruleset, key):
            if (want := _value(p, out)) is not None and count(role) != want:
                out.append(breach(p, f"{in_principle(p)}设{ROLES[role]}{want}人，现为{count(role)}人"))

    if p := rule(ruleset, "committee.min_vice_chairs"):
        if (low := _value(p, out)) is not None and count("vice_chair") < low:
            out.append(breach(p, f"副主任委员不少于{low}人，现为{count('vice_chair')}人"))
    if p := rule(ruleset, "committee.max_vice_chairs"):
        if (high := _value(p, out)) is not None and count("vice_chair") > high:
            out.append(breach(p, f"副主任委员不超过{high}人，现为{count('vice_chair')}人"))
    if p := rule(ruleset, "committee.min_vice_chairs_from_outside_host"):
        outsiders = sum(1 for m in members if m.role == "vice_chair" and not m.from_host)
        if (low := _value(p, out)) is not None and outsiders < low:
            out.append(breach(p, f"副主任委员中至少{low}人由非挂靠单位专家担任，现为{outsiders}人"))
    if p := rule(ruleset, "committee.max_liaison_secretaries"):
        if (high := _value(p, out)) is not None and count("liaison_secretary") > high:
            out.append(breach(p, f"联络秘书不超过{high}人，现为{count('liaison_secretary')}人"))
    return out


def check_chair(
    ruleset: RuleSet,
    member: Member,
    *,
    on: date,
    first_appointment: bool = True,
    host_name: str | None = None,
) -> list[Violation]:
    """Whether ``member`` may be chair (主任委员/主任/组长) on ``on``.

    ``host_name`` is the host institution, compared with the member's main practice site where the
    rule set requires the chair to practise mainly at the host; without it the employer is used."""
    out: list[Violation] = []
    who = member.label

    if p := rule(ruleset, "chair.must_be_host_staff"):
        if p.value and not member.from_host:
            out.append(
                breach(
                    p,
                    f"主任委员{in_principle(p)}由挂靠单位正式在职人员担任，{member.name}不是挂靠单位人员",
                    who,
                )
            )
    if p := rule(ruleset, "chair.must_be_in_service"):
        if p.value and not member.in_service:
            out.append(breach(p, f"主任委员{in_principle(p)}由在职人员担任，{member.name}已退休", who))
    if p := rule(ruleset, "chair.must_practise_mainly_at_host"):
        site_of_host = host_name or member.employer
        if (
            p.value
            and member.main_practice_site
            and site_of_host
            and member.main_practice_site != site_of_host
        ):
            out.append(
                breach(
                    p,
                    f"主执业地点非本单位人员不可担任主任，{member.name}的主执业地点为{member.main_practice_site}",
                    who,
                )
            )

    age_rules = [("chair.max_age", "年龄不超过{limit}岁")]
    # 济南 第六条（二） 首次聘任: a chair who has served a term already (已任主任委员届数 ≥ 1)
    # is re-appointed.
    if first_appointment and member.chair_terms_served == 0:
        age_rules.append(("chair.max_age_at_first_appointment", "首次聘任年龄不超过{limit}岁"))
    for key, wording in age_rules:
        if p := rule(ruleset, key):
            if (limit := _value(p, out, who)) is None:
                continue
            if member.birth_date is None:
                out.append(breach(p, f"未填写出生日期，无法核对“{wording.format(limit=limit)}”", who))
            elif (age := full_years(member.birth_date, on)) > limit:
                out.append(
                    breach(p, f"{wording.format(limit=limit)}，{member.name}于{on.isoformat()}为{age}岁", who)
                )

    out += _title_rule(ruleset, member, on, "chair.min_title_level", "chair.min_title_years", "主任委员")

    if p := rule(ruleset, "chair.max_terms"):
        if (limit := _value(p, out, who)) is not None and member.chair_terms_served >= limit:
            out.append(
                breach(p, f"主任委员任期不超过{limit}届，{member.name}已任{member.chair_terms_served}届", who)
            )

    if p := rule(ruleset, "chair.penalty_free_years"):
        if (years := _value(p, out, who)) is not None:
            if member.last_penalty_on is not None:
                penalised = member.last_penalty_on > years_before(on, years)
            else:
                penalised = member.penalised_within_2y  # the roster's 近两年 column
            if penalised:
                out.append(
                    breach(
                        p,
                        f"{years}年内未受过卫生健康等行政部门的行政处罚，{member.name}近{years}年内受过行政处罚",
                        who,
                    )
                )
    return out


def _title_rule(
    ruleset, member: Member, on: date, level_key: str, years_key: str | None, role_word: str
) -> list[Violation]:
    """Title level ``level_key`` and, where the rule set has ``years_key``, years held at that
    level or above."""
    out: list[Violation] = []
    who = member.label
    p = rule(ruleset, level_key)
    if p is None:
        return out
    minimum = _value(p, out, who)
    if minimum is None:
        return out
    wanted = f"{schema.TITLE_LEVELS[minimum]}及以上职称"
    if member.title_level is None or not schema.title_at_least(member.title_level, minimum):
        out.append(
            breach(
                p,
                f"{role_word}{in_principle(p)}应具有{wanted}，{member.name}为{title_label(member.title_level)}",
                who,
            )
        )
        return out
    if years_key and (py := rule(ruleset, years_key)):
        years = _value(py, out, who)
        if years is None:
            return out
        if member.title_obtained_on is None:
            out.append(breach(py, f"未填写取得职称时间，无法核对“{wanted}满{years}年”", who))
        elif (held := full_years(member.title_obtained_on, on)) < years:
            out.append(
                breach(py, f"{role_word}应具有{wanted}满{years}年，{member.name}取得职称{held}年", who)
            )
    return out


def check_member(
    ruleset: RuleSet, member: Member, *, on: date, group_kind: str | None = None
) -> list[Violation]:
    """Whether ``member`` may sit on the committee (or QC group) in the role given.

    Title rules by role: the chair/leader is judged by ``check_chair``; a liaison (青浦 联络员) by
    members.liaison_*; other members by members.min_title_level (九龙坡, clinical and
    medical-technical members only) and, for 青浦, by the group kind: expert_group →
    members.expert_group_min_title_level, supervision_group → members.supervision_min_title_*."""
    out: list[Violation] = []
    who = member.label
    if member.role == "liaison":
        out += _title_rule(
            ruleset,
            member,
            on,
            "members.liaison_min_title_level",
            "members.liaison_min_title_years",
            "联络员",
        )
    elif member.role not in CHAIR_ROLES and member.role != "liaison_secretary":
        if member.clinical_or_medtech:
            out += _title_rule(ruleset, member, on, "members.min_title_level", None, "临床类、医技类委员")
        if group_kind == "expert_group":
            out += _title_rule(
                ruleset, member, on, "members.expert_group_min_title_level", None, "专家组成员"
            )
        elif group_kind == "supervision_group":
            out += _title_rule(
                ruleset,
                member,
                on,
                "members.supervision_min_title_level",
                "members.supervision_min_title_years",
                "督查组成员",
            )

    if p := rule(ruleset, "members.must_be_in_service"):
        if p.value and not member.in_service:
            out.append(breach(p, f"成员应在职在岗，{member.name}已退休", who))
    if p := rule(ruleset, "members.min_years_at_district_first_practice_site"):
        if (years := _value(p, out, who)) is not None:
            if member.district_practice_since is None:
                out.append(
                    breach(
                        p,
                        f"未填写在本区执业起始时间，无法核对“{in_principle(p)}在本区医疗机构工作满{years}年”",
                        who,
                    )
                )
            elif (held := full_years(member.district_practice_since, on)) < years:
                out.append(
                    breach(
                        p,
                        f"成员{in_principle(p)}应在本区医疗机构工作（第一执业点）满{years}年，{member.name}为{held}年",
                        who,
                    )
                )
    return out


def check_roster(
    ruleset: RuleSet, committee: Committee, *, on: date, first_appointment: bool = True
) -> list[Violation]:
    """Everything about a roster: the composition, the chair's eligibility and each member's."""
    out = check_committee(ruleset, committee, on=on)
    for m in committee.members:
        if m.role in CHAIR_ROLES:
            out += check_chair(
                ruleset, m, on=on, first_appointment=first_appointment, host_name=committee.host_name
            )
        out += check_member(ruleset, m, on=on, group_kind=committee.group_kind)
    return out

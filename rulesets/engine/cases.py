"""JSON cases → engine inputs → result: one entry point for ``manage.py rulesets evaluate`` and the API.

A case is ``{"check": NAME, "input": {...}}``; the input of every check is documented, with an
example, in docs/rule-engine.md (and the examples are tested: rulesets/tests/cases/).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from .. import schema
from ..loader import RuleSet
from .appraisal import ADVERSE_OUTCOMES, retention_proposal, yearly_consequence
from .committee import check_chair, check_committee, check_member
from .duties import check_duties
from .experts import check_duty_hours, check_grade_shares
from .host import check_host
from .inputs import GROUP_KINDS, ROLES, Ban, Committee, HostApplicant, Incident, Member
from .violations import Decision, Violation


class CaseError(ValueError):
    """The case is not well formed; the message (Chinese) says where."""


@dataclass(frozen=True)
class Result:
    violations: list[Violation] | None = None
    decision: Decision | None = None

    @property
    def failed(self) -> bool:
        if self.decision is not None:
            return self.decision.outcome in ADVERSE_OUTCOMES
        return bool(self.violations)

    def to_dict(self) -> dict:
        if self.decision is not None:
            return {"decision": self.decision.to_dict()}
        return {"violations": [v.to_dict() for v in self.violations or []]}


def _date(where: str, value) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise CaseError(f"{where}：“{value}”不是 YYYY-MM-DD 日期") from None


def _obj(where: str, value) -> dict:
    if not isinstance(value, dict):
        raise CaseError(f"{where}：应为 JSON 对象")
    return value


_MEMBER_DATES = {"birth_date", "title_obtained_on", "district_practice_since", "last_penalty_on"}
_MEMBER_FIELDS = {f.name for f in fields(Member)}


def member_from_dict(data, where="member") -> Member:
    data = dict(_obj(where, data))
    unknown = set(data) - _MEMBER_FIELDS
    if unknown:
        raise CaseError(f"{where}：未知字段 {', '.join(sorted(unknown))}")
    if "name" not in data:
        raise CaseError(f"{where}：缺少 name")
    if data.get("role", "member") not in ROLES:
        raise CaseError(f"{where}.role：应为 {'/'.join(ROLES)}")
    if data.get("title_level") is not None and data["title_level"] not in schema.TITLE_LEVELS:
        raise CaseError(f"{where}.title_level：应为 {'/'.join(schema.TITLE_LEVELS)}")
    for key in _MEMBER_DATES & set(data):
        data[key] = _date(f"{where}.{key}", data[key])
    return Member(**data)


def _group_kind(data: dict):
    kind = data.get("group_kind")
    if kind is not None and kind not in GROUP_KINDS:
        raise CaseError(f"input.group_kind：应为 {'/'.join(GROUP_KINDS)}")
    return kind


def _grades(where, data) -> dict[int, str]:
    data = _obj(where, data)
    out = {}
    for year, grade in data.items():
        if not str(year).isdigit() or grade not in schema.GRADE_CODES:
            raise CaseError(
                f'{where}：应为 {{"年份": "{"/".join(schema.GRADE_CODES)}"}}，“{year}: {grade}”不合格式'
            )
        out[int(year)] = grade
    return out


def evaluate_case(ruleset: RuleSet, case, *, on: date) -> Result:
    case = _obj("案例", case)
    check, data = case.get("check"), _obj("input", case.get("input"))
    try:
        if check == "committee":
            members = data.get("members")
            if not isinstance(members, list):
                raise CaseError("input.members：应为成员列表")
            committee = Committee(
                tuple(member_from_dict(m, f"input.members[{i}]") for i, m in enumerate(members)),
                host_name=data.get("host_name"),
                group_kind=_group_kind(data),
            )
            return Result(violations=check_committee(ruleset, committee, on=on))
        if check == "chair":
            return Result(
                violations=check_chair(
                    ruleset,
                    member_from_dict(data.get("member"), "input.member"),
                    on=on,
                    first_appointment=bool(data.get("first_appointment", True)),
                    host_name=data.get("host_name"),
                )
            )
        if check == "member":
            return Result(
                violations=check_member(
                    ruleset,
                    member_from_dict(data.get("member"), "input.member"),
                    on=on,
                    group_kind=_group_kind(data),
                )
            )
        if check == "host":
            applicant = HostApplicant(
                grade=data.get("grade"),
                kind=data.get("kind"),
                name=data.get("name"),
                serious_incident_dates=tuple(
                    _date("input.serious_incident_dates", d) for d in data.get("serious_incident_dates", [])
                ),
                bans=tuple(
                    Ban(
                        _obj("input.bans[]", b).get("scope"),
                        _date("input.bans[].until", b.get("until")),
                        b.get("reach"),
                    )
                    for b in data.get("bans", [])
                ),
                serious_incidents=tuple(
                    Incident(
                        _date("input.serious_incidents[].on", _obj("input.serious_incidents[]", i).get("on")),
                        str(i.get("department") or ""),
                    )
                    for i in data.get("serious_incidents", [])
                ),
                specialty=data.get("specialty"),
                existing_centres_same_specialty=int(data.get("existing_centres_same_specialty", 0)),
                sections_provided=tuple(data.get("sections_provided", [])),
                attachments_provided=tuple(data.get("attachments_provided", [])),
            )
            if applicant.grade not in schema.INSTITUTION_GRADES:
                raise CaseError(f"input.grade：应为 {'/'.join(schema.INSTITUTION_GRADES)}")
            return Result(violations=check_host(ruleset, applicant, on=on))
        if check == "duty_hours":
            level, hours = data.get("expert_level"), data.get("hours")
            if (
                level not in ("city", "regional")
                or not isinstance(hours, (int, float))
                or isinstance(hours, bool)
            ):
                raise CaseError('input：应为 {"expert_level": "city"|"regional", "hours": 数字}')
            return Result(violations=check_duty_hours(ruleset, level, float(hours)))
        if check == "grade_shares":
            counts = _obj("input.counts", data.get("counts"))
            if any(
                g not in schema.GRADE_CODES or not isinstance(n, int) or isinstance(n, bool) or n < 0
                for g, n in counts.items()
            ):
                raise CaseError(f"input.counts：应为 {{等次: 人数}}，等次为 {'/'.join(schema.GRADE_CODES)}")
            return Result(violations=check_grade_shares(ruleset, counts))
        if check == "yearly_consequence":
            return Result(
                decision=yearly_consequence(
                    ruleset, _grades("input.grades_by_year", data.get("grades_by_year"))
                )
            )
        if check == "retention":
            terms = data.get("terms_served", 0)
            if not isinstance(terms, int) or isinstance(terms, bool) or terms < 0:
                raise CaseError("input.terms_served：应为非负整数")
            return Result(
                decision=retention_proposal(
                    ruleset, _grades("input.grades_by_year", data.get("grades_by_year")), terms
                )
            )
        if check == "duties":
            year = data.get("year")
            if not isinstance(year, int) or isinstance(year, bool):
                raise CaseError("input.year：应为年份（整数）")
            try:
                return Result(
                    violations=check_duties(
                        ruleset, year, _obj("input.recorded", data.get("recorded", {})), on=on
                    )
                )
            except ValueError as exc:
                raise CaseError(f"input.recorded：日期应为 YYYY-MM-DD（{exc}）") from None
    except (TypeError, AttributeError) as exc:
        raise CaseError(f"input 格式不正确：{exc}") from None
    raise CaseError(
        "check 应为 committee/chair/member/host/duty_hours/grade_shares/yearly_consequence/retention/duties"
    )

"""Plain inputs to the rule checks, shared by the CLI, forms and API (no ORM models here).

Codes: title levels as in ``schema.TITLE_LEVELS`` (senior/associate_senior/intermediate/junior),
institution grades as in ``schema.INSTITUTION_GRADES`` ("3a", "2", "ungraded", …), appraisal
grades as in ``schema.GRADE_CODES`` (excellent/good/pass/fail).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

ROLES = {
    "chair": "主任委员",
    "vice_chair": "副主任委员",
    "secretary": "秘书",
    "liaison_secretary": "联络秘书",
    "member": "委员",
    "leader": "组长",
    "liaison": "联络员",
}
CHAIR_ROLES = ("chair", "leader")
GROUP_KINDS = ("expert_group", "supervision_group")  # 青浦 质控专家组 / 质控督查组


@dataclass(frozen=True)
class Member:
    """One person on a committee or QC group roster (one row of the roster workbook)."""

    name: str
    role: str = "member"  # a key of ROLES
    sex: str | None = None
    birth_date: date | None = None
    employer: str | None = None
    from_host: bool = False  # 是否挂靠单位人员
    title: str | None = None  # 职称, e.g. 主任医师
    title_level: str | None = None  # senior | associate_senior | intermediate | junior
    title_obtained_on: date | None = None
    specialty: str | None = None
    in_service: bool = True  # 在职 (False: 退休)
    main_practice_site: str | None = None
    district_practice_since: date | None = None  # 在本区（第一执业点）执业起始时间
    chair_terms_served: int = 0
    penalised_within_2y: bool = False  # 近两年受行政处罚 (roster column)
    last_penalty_on: date | None = None  # when known, judged against chair.penalty_free_years
    clinical_or_medtech: bool = True  # 九龙坡 第十一条（四） applies to clinical and med-tech members
    row: int | None = None  # roster row, for messages

    @property
    def label(self) -> str:
        return f"第{self.row}行 {self.name}" if self.row else self.name


@dataclass(frozen=True)
class Committee:
    members: tuple[Member, ...] | list[Member]
    host_name: str | None = None
    group_kind: str | None = None  # 青浦: expert_group | supervision_group


@dataclass(frozen=True)
class Ban:
    """A bar on applying, e.g. after a red card (济南 第十九条（三）) or a severe violation."""

    scope: str  # red_card | severe_violation | … (the cause of the bar)
    until: date | None  # last day barred; None: open-ended
    reach: str | None = None  # what is barred: same_specialty | new_other_specialty_centre (None: the
    #                            rule set's violations.severe_violation_ban_scope, else the same specialty)


@dataclass(frozen=True)
class Incident:
    """A serious violation or major quality/safety incident on record against an institution."""

    on: date
    department: str = ""  # 科室/专业; empty when not recorded


@dataclass(frozen=True)
class HostApplicant:
    """An institution applying to host a centre."""

    grade: str  # institution grade code
    kind: str | None = None  # general | tcm | specialty | maternal_child | other_capable
    serious_incident_dates: tuple[date, ...] | list[date] = ()  # incidents of an unrecorded department
    serious_incidents: tuple[Incident, ...] | list = ()  # incidents with their department
    bans: tuple[Ban, ...] | list = ()  # Ban or (scope, until) pairs
    existing_centres_same_specialty: int = 0  # centres already set up for this specialty and direction
    sections_provided: tuple[str, ...] | list[str] = ()  # application.required_sections codes
    attachments_provided: tuple[str, ...] | list[str] = ()  # application.required_attachments codes
    name: str | None = None
    specialty: str | None = None  # the specialty of the centre applied for


@dataclass(frozen=True)
class Candidate:
    """A candidate for an expert library (重庆全科 二、(一)): what the selection conditions look at."""

    name: str
    level: str = "city"  # city | regional
    title_level: str | None = None
    gp_registered: bool = False  # 注册或加注全科医学专业
    experience_since: date | None = None  # 从事全科医疗、公共卫生或医疗管理工作起始时间

"""The rule-set vocabulary: every group and parameter name a rule-set file may use.

The engine reads parameters by these names (``ruleset.param("committee.max_members")``), so a
name, once used, is never renamed: a new meaning gets a new name. Names are shared across rule
sets wherever the meaning is the same (``committee.max_members`` is 20 in 九龙坡 and 30 in 济南).

Pure Python, no Django: the loader (rulesets/loader.py) validates every file against this module,
and docs/rulesets.md carries the same table for readers.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

# How binding a rule is, read off the regulation's wording (docs/rulesets.md, "Strictness").
STRICTNESS: Mapping[str, str] = MappingProxyType(
    {
        "mandatory": "必须/应当/不得，或无限定语的要求",  # refused when broken
        "in_principle": "原则上",  # departed from only with a recorded justification and approver
        "preferred": "优先",  # ranks candidates, never refuses
    }
)

UNITS = (
    "persons",
    "years",
    "months",
    "working_days",
    "hours",
    "percent",
    "count",
    "per_year",
    "date",
    "grade",
    "level",
    "bool",
    "list",
    "none",
)

# Professional title levels (职称级别). The same codes as directory.Person.TitleLevel.
TITLE_LEVELS: Mapping[str, str] = MappingProxyType(
    {
        "senior": "正高级",
        "associate_senior": "副高级",
        "intermediate": "中级",
        "junior": "初级",
    }
)
_TITLE_RANK = {"senior": 4, "associate_senior": 3, "intermediate": 2, "junior": 1}

# Institution grades (医院等级). The same codes as directory.Institution.Grade.
INSTITUTION_GRADES: Mapping[str, str] = MappingProxyType(
    {
        "3a": "三级甲等",
        "3b": "三级乙等",
        "3c": "三级丙等",
        "3": "三级",
        "2a": "二级甲等",
        "2b": "二级乙等",
        "2c": "二级丙等",
        "2": "二级",
        "1a": "一级甲等",
        "1b": "一级乙等",
        "1c": "一级丙等",
        "1": "一级",
        "ungraded": "未定级",
    }
)

LEVELS: Mapping[str, str] = MappingProxyType({"province": "省级", "city": "市级", "district": "区县级"})

BODY_KINDS: Mapping[str, str] = MappingProxyType(
    {
        "district_centre": "区级质控中心",
        "city_centre": "市级质控中心",
        "qc_group": "质控组",
        "expert_team": "质控专家团队",
        "provincial_centre": "省级质控中心",
    }
)

# Value types a parameter may have. The loader checks each value against its parameter's type.
TYPES = {
    "bool": "true or false",
    "int": "a whole number, 0 or more",
    "choice": "one code from the parameter's choices",
    "codes": "a non-empty list of codes from the parameter's choices, no repeats",
    "items": "a non-empty list of {code, label} mappings: code in snake_case (from the choices, if any), "
    "label in the regulation's own Chinese",
    "counts": "a mapping of code (from the choices) to a whole number",
    "title_level": "one of the title-level codes (TITLE_LEVELS)",
    "grade": "one of the institution-grade codes (INSTITUTION_GRADES), quoted in YAML",
    "month_day": "a calendar day as 'MM-DD', quoted in YAML",
}

GROUPS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "setup": ("Setting up centres and choosing hosts", "设置与遴选"),
        "host": ("Conditions on the host institution", "挂靠单位条件"),
        "application": ("What an application to host must contain", "挂靠申请材料"),
        "review": ("Review of applications", "评审"),
        "notice": ("Public notice of the result", "公示与公布"),
        "committee": ("Composition of the expert committee or QC group", "专家委员会/质控组组成"),
        "chair": ("The chair (主任委员/主任/组长): conditions, term, replacement", "主任委员/主任/组长"),
        "members": ("Committee and group members", "委员/成员"),
        "experts": ("Expert library of the 重庆全科 centres", "专家库"),
        "duties": ("Recurring duties of a centre", "日常职责"),
        "appraisal": ("Annual appraisal", "年度考核"),
        "cycle": ("The management cycle and the host-retention decision", "管理周期"),
        "violations": ("Prohibited acts and their consequences", "违规与处理"),
        "data": ("Data governance", "数据管理"),
        "handover": ("Handover to a new host", "交接"),
    }
)

# Appraisal grades (考核等次), best first; used by appraisal.* and experts.*.
GRADE_CODES: Mapping[str, str] = MappingProxyType(
    {"excellent": "优秀", "good": "良好", "pass": "合格", "fail": "不合格"}
)
_PASSING_GRADES: Mapping[str, str] = MappingProxyType({"excellent": "优秀", "good": "良好", "pass": "合格"})


@dataclass(frozen=True)
class ParamSpec:
    """One parameter name: its type, unit and meaning."""

    key: str  # "group.name"
    type: str  # a key of TYPES
    unit: str  # one of UNITS; the YAML must state the same unit
    en: str  # one-line meaning in English
    zh: str  # one-line meaning in Chinese
    choices: Mapping[str, str] | None = None  # code -> Chinese label, for choice/codes/items/counts

    @property
    def group(self) -> str:
        return self.key.split(".", 1)[0]

    @property
    def name(self) -> str:
        return self.key.split(".", 1)[1]


def _c(**codes: str) -> Mapping[str, str]:
    return MappingProxyType(dict(codes))


_SPECS = [
    # --- setup -----------------------------------------------------------------------------
    ParamSpec(
        "setup.one_per_specialty_direction",
        "bool",
        "bool",
        "Only one centre (or group) per specialty field and work direction in a jurisdiction",
        "同一专业领域和工作方向只设一个质控中心（质控组）",
    ),
    ParamSpec(
        "setup.categories",
        "items",
        "list",
        "The categories centres or groups are divided into",
        "质控中心（质控组）的分类",
        _c(
            clinical="临床类",
            medtech="医技类",
            management="管理类",
            expert_group="质控专家组",
            supervision_group="质控督查组",
        ),
    ),
    ParamSpec(
        "setup.selection_methods",
        "codes",
        "list",
        "How a host institution is chosen",
        "挂靠单位的确定方式",
        _c(selection="遴选", designation="指定", application="申请与评估"),
    ),
    ParamSpec(
        "setup.host_term_years",
        "int",
        "years",
        "Length of one hosting term (cycle)",
        "挂靠单位每届任期（周期）年数",
    ),
    ParamSpec(
        "setup.max_terms_before_reselection",
        "int",
        "count",
        "Consecutive hosting terms after which the host must be reselected",
        "连续任期届数达到后必须重新遴选挂靠单位",
    ),
    # --- host ------------------------------------------------------------------------------
    ParamSpec(
        "host.min_grade",
        "grade",
        "grade",
        "Lowest institution grade a host may have (a grade code; '2' means 二级及以上)",
        "挂靠单位的最低医院等级",
    ),
    ParamSpec(
        "host.allowed_kinds",
        "codes",
        "list",
        "Kinds of institution that may host",
        "可申请挂靠的机构类别",
        _c(
            general="综合医院",
            tcm="中医医院",
            specialty="专科医院",
            maternal_child="妇幼保健院",
            other_capable="具备相应技术和管理能力的其他医疗卫生机构",
        ),
    ),
    ParamSpec(
        "host.min_grade_applies_to_kinds",
        "codes",
        "list",
        "Kinds of institution the minimum grade applies to (others, e.g. 其他医疗卫生机构, carry no grade)",
        "最低医院等级适用的机构类别",
        _c(
            general="综合医院",
            tcm="中医医院",
            specialty="专科医院",
            maternal_child="妇幼保健院",
            other_capable="具备相应技术和管理能力的其他医疗卫生机构",
        ),
    ),
    ParamSpec(
        "host.clean_record_years",
        "int",
        "years",
        "Years without a serious violation or major quality/safety incident before applying",
        "申请前若干年内未发生严重违法违规和重大医疗质量安全事件",
    ),
    ParamSpec(
        "host.clean_record_scope",
        "choice",
        "none",
        "Whose record the clean-record condition looks at: the whole institution or the "
        "specialty's department",
        "无严重事件要求的范围",
        _c(institution="整个机构", specialty_department="本专业所在科室"),
    ),
    ParamSpec(
        "host.society_chair_unit_preferred",
        "bool",
        "bool",
        "Preference for a unit chairing a city-level-or-higher society sub-committee",
        "担任市级及以上学会/协会二级专业委员会主委单位者优先",
    ),
    ParamSpec(
        "host.basic_conditions",
        "items",
        "list",
        "Qualitative conditions on the host, judged by reviewers",
        "挂靠单位的基本条件（定性，由评审判断）",
    ),
    # --- application -----------------------------------------------------------------------
    ParamSpec(
        "application.required_sections",
        "items",
        "list",
        "Contents the application (or its feasibility report) must cover",
        "申请书（可行性报告）必须包括的内容",
    ),
    ParamSpec(
        "application.required_attachments",
        "items",
        "list",
        "Documents the applicant must submit",
        "申请单位须提交的材料",
    ),
    ParamSpec(
        "application.optional_attachments",
        "items",
        "list",
        "Documents an applicant submits where they apply (e.g. the proof of a preference)",
        "申请单位符合相应情形时提交的材料",
    ),
    ParamSpec(
        "application.preliminary_review_by",
        "choice",
        "none",
        "Who reviews applications first",
        "申请材料的初审机构",
        _c(district_bureau="区县（功能区）卫生健康局", qc_office="区质控办"),
    ),
    # --- review ----------------------------------------------------------------------------
    ParamSpec(
        "review.expert_review_and_defence",
        "bool",
        "bool",
        "Applications go through an expert review with an oral defence",
        "组织专家评审答辩",
    ),
    # --- notice ----------------------------------------------------------------------------
    ParamSpec(
        "notice.min_working_days",
        "int",
        "working_days",
        "Shortest public-notice (公示) period, in official working days",
        "公示期最少工作日数",
    ),
    ParamSpec(
        "notice.published_by_official_document",
        "bool",
        "bool",
        "The result is published by an official document of the commission",
        "由卫生健康委正式发文公布",
    ),
    # --- committee -------------------------------------------------------------------------
    ParamSpec(
        "committee.per_centre",
        "int",
        "count",
        "Number of expert committees a centre has",
        "每个质控中心设立的专家委员会个数",
    ),
    ParamSpec(
        "committee.max_members", "int", "persons", "Most members of the committee", "专家委员会委员数上限"
    ),
    ParamSpec(
        "committee.members_include_officers",
        "bool",
        "bool",
        "The member count includes the chair, vice-chairs and secretary",
        "委员数含主任、副主任、秘书",
    ),
    ParamSpec(
        "committee.max_from_host",
        "int",
        "persons",
        "Most committee places (chair and every officer included) held by host staff",
        "挂靠单位人员（含主任委员等）在专家委员会中的人数上限",
    ),
    ParamSpec(
        "committee.host_role_caps",
        "counts",
        "persons",
        "Most host staff per committee role",
        "挂靠单位人员按职务的人数上限",
        _c(chair="主任", vice_chair="副主任", secretary="秘书", member="委员"),
    ),
    ParamSpec(
        "committee.chairs", "int", "persons", "Number of chairs (主任委员/主任)", "主任委员（主任）人数"
    ),
    ParamSpec("committee.min_vice_chairs", "int", "persons", "Fewest vice-chairs", "副主任委员最少人数"),
    ParamSpec("committee.max_vice_chairs", "int", "persons", "Most vice-chairs", "副主任委员最多人数"),
    ParamSpec(
        "committee.min_vice_chairs_from_outside_host",
        "int",
        "persons",
        "Fewest vice-chairs who are not host staff",
        "非挂靠单位专家担任副主任委员的最少人数",
    ),
    ParamSpec(
        "committee.max_liaison_secretaries",
        "int",
        "persons",
        "Most liaison secretaries (联络秘书); the post is optional",
        "可设联络秘书人数上限",
    ),
    ParamSpec(
        "committee.liaison_counted_in_members",
        "bool",
        "bool",
        "The liaison secretary counts toward committee.max_members",
        "联络秘书是否占委员数量",
    ),
    ParamSpec("committee.secretaries", "int", "persons", "Number of secretaries (秘书)", "秘书人数"),
    ParamSpec(
        "committee.leaders",
        "int",
        "persons",
        "Number of leaders (组长) of a QC group; the leader's conditions are under chair.*",
        "质控组组长人数",
    ),
    ParamSpec(
        "committee.liaisons",
        "int",
        "persons",
        "Number of liaisons (联络员) of a QC group",
        "质控组联络员人数",
    ),
    ParamSpec(
        "committee.term_follows_host",
        "bool",
        "bool",
        "The chair's and members' term is the host's term",
        "主任委员及成员与挂靠单位任期相同",
    ),
    ParamSpec(
        "committee.no_replacement_during_term",
        "bool",
        "bool",
        "A member who leaves during the term is not replaced",
        "委员任期内不能履职的不进行增补",
    ),
    ParamSpec(
        "committee.dissolved_with_host",
        "bool",
        "bool",
        "The committee is dissolved when the hosting relationship ends",
        "解除挂靠关系后专家委员会同时解散",
    ),
    ParamSpec(
        "committee.appointment_letters",
        "choice",
        "none",
        "Whether a centre or group may issue appointment letters (聘书) to its experts in its own name",
        "以质控中心（质控组）名义颁发专家聘书",
        _c(with_commission_consent="经卫生健康委同意后可颁发", not_by_centre="不得以质控组名义颁发"),
    ),
    # --- chair -----------------------------------------------------------------------------
    ParamSpec(
        "chair.is_centre_leader",
        "bool",
        "bool",
        "The committee chair is the centre's leader (负责人)",
        "主任委员由质控中心负责人担任",
    ),
    ParamSpec(
        "chair.must_be_host_staff",
        "bool",
        "bool",
        "The chair is formal staff of the host",
        "主任委员（主任）由挂靠单位正式工作人员担任",
    ),
    ParamSpec(
        "chair.must_be_in_service",
        "bool",
        "bool",
        "The chair is in service, not retired",
        "主任委员（主任）须在职，退休人员不可担任",
    ),
    ParamSpec(
        "chair.must_head_specialty",
        "bool",
        "bool",
        "The chair is the head (负责人) of the specialty at the host",
        "主任委员由相应专业负责人担任",
    ),
    ParamSpec(
        "chair.must_practise_mainly_at_host",
        "bool",
        "bool",
        "The chair's main practice site is the host",
        "主执业地点须为挂靠单位",
    ),
    ParamSpec(
        "chair.must_practise_specialty",
        "bool",
        "bool",
        "The chair currently practises in the specialty",
        "正在从事本专业临床、业务工作",
    ),
    ParamSpec(
        "chair.max_age", "int", "years", "Oldest age at which a person may be chair", "主任委员年龄上限"
    ),
    ParamSpec(
        "chair.max_age_at_first_appointment",
        "int",
        "years",
        "Oldest age at first appointment as chair",
        "首次聘任年龄上限",
    ),
    ParamSpec(
        "chair.min_title_level",
        "title_level",
        "level",
        "Lowest professional title of the chair",
        "主任委员（主任、组长）最低职称级别",
    ),
    ParamSpec(
        "chair.min_title_years",
        "int",
        "years",
        "Years the chair must have held chair.min_title_level (or above)",
        "取得该级别职称须满的年数",
    ),
    ParamSpec(
        "chair.max_terms", "int", "count", "Most terms a person may serve as chair", "主任委员任期届数上限"
    ),
    ParamSpec("chair.term_years", "int", "years", "Length of one term of the chair", "主任每届任期年数"),
    ParamSpec(
        "chair.penalty_free_years",
        "int",
        "years",
        "Years without an administrative penalty before appointment",
        "若干年内未受过行政处罚",
    ),
    ParamSpec(
        "chair.society_vice_chair_preferred",
        "bool",
        "bool",
        "Preference for a vice-chair or above of a city-level-or-higher society sub-committee",
        "担任市级及以上学会/协会二级专业委员会副主委及以上者优先",
    ),
    ParamSpec(
        "chair.replacement_deadline_months",
        "int",
        "months",
        "Months within which a replacement chair must be proposed",
        "重新推荐主任委员（组长）人选的期限（月）",
    ),
    ParamSpec(
        "chair.ineligible_replacement_reselects_host",
        "bool",
        "bool",
        "If the proposed replacement is ineligible or unable, the host is reselected",
        "推荐人选不符合条件或无法承担工作的，重新遴选挂靠单位",
    ),
    ParamSpec(
        "chair.basic_conditions",
        "items",
        "list",
        "Qualitative conditions on the chair, judged by reviewers",
        "主任委员（主任、组长）的定性条件（由评审判断）",
    ),
    # --- members ---------------------------------------------------------------------------
    ParamSpec(
        "members.min_title_level",
        "title_level",
        "level",
        "Lowest professional title of (clinical and medical-technical) committee members",
        "（临床类、医技类）委员最低职称级别",
    ),
    ParamSpec(
        "members.expert_group_min_title_level",
        "title_level",
        "level",
        "Lowest professional title of expert-group (质控专家组) members",
        "质控专家组成员最低职称级别",
    ),
    ParamSpec(
        "members.liaison_min_title_level",
        "title_level",
        "level",
        "Lowest professional title of the liaison (联络员)",
        "联络员最低职称级别",
    ),
    ParamSpec(
        "members.liaison_min_title_years",
        "int",
        "years",
        "Years the liaison must have held that title (or above)",
        "联络员取得该级别职称须满的年数",
    ),
    ParamSpec(
        "members.supervision_min_title_level",
        "title_level",
        "level",
        "Lowest professional title of supervision-group (质控督查组) members",
        "质控督查组成员最低职称级别",
    ),
    ParamSpec(
        "members.supervision_min_title_years",
        "int",
        "years",
        "Years a supervision-group member must have held that title (or above)",
        "督查组成员取得该级别职称须满的年数",
    ),
    ParamSpec(
        "members.must_be_in_service",
        "bool",
        "bool",
        "Members are in service and at their post (在职在岗)",
        "成员须在职在岗",
    ),
    ParamSpec(
        "members.min_years_at_district_first_practice_site",
        "int",
        "years",
        "Years a member must have worked at an institution of the district as first practice site",
        "在本区医疗机构（第一执业点）工作须满的年数",
    ),
    ParamSpec(
        "members.city_centre_experts_included",
        "bool",
        "bool",
        "Experts of the city-level centre are included in the district group automatically",
        "列入市级质控中心的专家自然纳入区级质控组名单",
    ),
    ParamSpec(
        "members.drawn_first_from_supervision_group",
        "bool",
        "bool",
        "Expert-group members are chosen from the supervision group first",
        "质控组专家优先从督查组中遴选产生",
    ),
    ParamSpec(
        "members.exit_application_in_advance",
        "bool",
        "bool",
        "A member who leaves applies to the leader in advance; the leader reports it",
        "成员退出须提前向组长提出申请，由组长上报",
    ),
    ParamSpec(
        "members.non_performance_consequence",
        "choice",
        "none",
        "What happens to a member who does not carry out the work",
        "成员不承担工作任务（不按要求履职）的处理",
        _c(
            chair_proposes_adjustment="由主任委员提出调整意见并报区质控办",
            removed="调出专家委员会",
            adjusted="按程序做出调整",
        ),
    ),
    # --- experts (重庆全科) ----------------------------------------------------------------
    ParamSpec(
        "experts.city_min_title_level",
        "title_level",
        "level",
        "Lowest professional title of a city expert",
        "市级专家最低职称级别",
    ),
    ParamSpec(
        "experts.regional_min_title_level",
        "title_level",
        "level",
        "Lowest professional title of a regional or district expert",
        "区域/区县专家最低职称级别",
    ),
    ParamSpec(
        "experts.gp_registration_required",
        "bool",
        "bool",
        "Valid registration (or added registration) in general practice",
        "具有有效的注册或加注全科医学专业执业资质",
    ),
    ParamSpec(
        "experts.city_min_experience_years",
        "int",
        "years",
        "Years in general practice, public health or medical management for a city expert",
        "市级专家从事全科医疗、公共卫生或医疗管理工作的最少年数",
    ),
    ParamSpec(
        "experts.regional_min_experience_years",
        "int",
        "years",
        "Years in general practice or related work for a regional or district expert",
        "区域/区县专家从事全科医疗或相关工作的最少年数",
    ),
    ParamSpec(
        "experts.min_committed_duty_hours",
        "int",
        "hours",
        "Yearly hours a candidate must be able to commit at selection",
        "选聘时须能保证的每年参与质控工作时间",
    ),
    ParamSpec(
        "experts.city_min_duty_hours",
        "int",
        "hours",
        "Yearly duty hours of a city expert, assessed",
        "市级专家年度参与质控工作最少小时数",
    ),
    ParamSpec(
        "experts.regional_min_duty_hours",
        "int",
        "hours",
        "Yearly duty hours of a regional or district expert, assessed",
        "区域/区县专家年度参与质控工作最少小时数",
    ),
    ParamSpec("experts.term_years", "int", "years", "Length of an expert's appointment", "专家聘期年数"),
    ParamSpec(
        "experts.min_suggestion_reports_per_year",
        "int",
        "per_year",
        "Suggestion reports a city expert submits each year, at least",
        "市级专家每年提交全科质控工作建议报告的最少份数",
    ),
    ParamSpec(
        "experts.conflict_recusal",
        "bool",
        "bool",
        "Experts declare conflicts of interest and recuse themselves",
        "执行回避制度，主动申报并规避利益冲突",
    ),
    ParamSpec(
        "experts.confidentiality_required",
        "bool",
        "bool",
        "Experts keep institution, patient and unpublished information confidential",
        "专家须遵守保密规定",
    ),
    ParamSpec(
        "experts.basic_conditions",
        "items",
        "list",
        "Qualitative conditions on every expert, judged by reviewers",
        "专家的基本条件（定性，由审核判断）",
    ),
    ParamSpec(
        "experts.grades",
        "items",
        "list",
        "Grades of the yearly expert assessment",
        "专家考核等级",
        GRADE_CODES,
    ),
    ParamSpec(
        "experts.grade_excellent_max_percent",
        "int",
        "percent",
        "Largest share of experts graded 优秀",
        "优秀等级比例上限",
    ),
    ParamSpec(
        "experts.grade_good_max_percent",
        "int",
        "percent",
        "Largest share of experts graded 良好",
        "良好等级比例上限",
    ),
    ParamSpec(
        "experts.grade_pass_min_percent",
        "int",
        "percent",
        "Smallest share of experts graded 合格",
        "合格等级比例下限",
    ),
    ParamSpec(
        "experts.grade_fail_min_percent",
        "int",
        "percent",
        "Smallest share of experts graded 不合格",
        "不合格等级比例下限",
    ),
    ParamSpec(
        "experts.quotas_adjustable",
        "bool",
        "bool",
        "A centre may adjust the shares slightly, filing the adjustment with the city centre",
        "等级比例可微调，报市级中心备案",
    ),
    ParamSpec(
        "experts.renewal_min_grade",
        "choice",
        "none",
        "Lowest assessment grade that keeps the right to renewal",
        "具备续聘资格的最低考核等级",
        _PASSING_GRADES,
    ),
    ParamSpec("experts.exit_reasons", "items", "list", "Ways an expert leaves the library", "专家退出情形"),
    # --- duties ----------------------------------------------------------------------------
    ParamSpec(
        "duties.long_term_plan_required",
        "bool",
        "bool",
        "The centre makes a plan for its term",
        "制定本专业质控工作规划（任期规划）",
    ),
    ParamSpec(
        "duties.annual_plan_required",
        "bool",
        "bool",
        "The centre makes an annual work plan",
        "制定年度工作计划",
    ),
    ParamSpec(
        "duties.annual_summary_required",
        "bool",
        "bool",
        "The centre reports an annual work summary",
        "报送年度工作总结",
    ),
    ParamSpec(
        "duties.annual_plan_recipients",
        "codes",
        "list",
        "To whom the annual plan and summary go",
        "年度工作计划和总结的报送对象",
        _c(
            commission="卫生健康委",
            city_centre="本专业市级质控中心",
            development_centre="区卫生健康事业发展中心",
        ),
    ),
    ParamSpec(
        "duties.annual_plan_due",
        "month_day",
        "date",
        "Day of the year by which next year's plan and this year's summary are due",
        "年度工作总结和下年度工作计划的报送截止日",
    ),
    ParamSpec(
        "duties.plan_must_be_measurable",
        "bool",
        "bool",
        "Plans are operable and quantifiable, with measures and deadlines",
        "工作计划遵循可操作、易量化的原则，明确措施和完成时限",
    ),
    ParamSpec(
        "duties.plan_numeric_targets_required",
        "bool",
        "bool",
        "The improvement-goal plan states numeric target values",
        "明确改进目标具体数值",
    ),
    ParamSpec(
        "duties.improvement_goal_plan_required",
        "bool",
        "bool",
        "The centre makes a work plan for the year's improvement goals",
        "制定改进目标工作方案",
    ),
    ParamSpec(
        "duties.unplanned_activities_reported_in_advance",
        "bool",
        "bool",
        "Important activities outside the annual plan are reported in advance",
        "年度计划之外的重要活动提前报告",
    ),
    ParamSpec(
        "duties.min_trainings_per_year",
        "int",
        "per_year",
        "QC trainings a year, at least",
        "每年质控培训最少次数",
    ),
    ParamSpec(
        "duties.min_committee_meetings_per_year",
        "int",
        "per_year",
        "Expert-committee meetings a year, at least",
        "每年专家委员会工作会议最少次数",
    ),
    ParamSpec(
        "duties.institution_evaluations_per_year",
        "int",
        "per_year",
        "Evaluations of each institution in scope a year, at least",
        "对质控范围内每个医疗机构的年度质控最少次数",
    ),
    ParamSpec(
        "duties.evaluation_report_recipients",
        "codes",
        "list",
        "To whom an evaluation report goes",
        "质控（评估）报告的报送对象",
        _c(evaluated_institution="被质控医疗机构", commission="卫生健康委", qc_office="区质控办"),
    ),
    ParamSpec(
        "duties.institution_rectification_report_required",
        "bool",
        "bool",
        "An evaluated institution reports its rectification to the centre in writing",
        "医疗机构向质控中心书面报送整改情况",
    ),
    ParamSpec(
        "duties.dispatch_meetings_per_year",
        "int",
        "per_year",
        "Dispatch meetings (调度会) a year, at least; 12 means one in every month",
        "每年工作调度会次数（12 即每月一次）",
    ),
    ParamSpec(
        "duties.city_centre_reviews_per_year",
        "int",
        "per_year",
        "Reviews (述职评价) of each city-level centre a year",
        "每年组织市级质控中心述职评价次数",
    ),
    ParamSpec(
        "duties.supervision_bulletin_months",
        "int",
        "months",
        "Interval of the office's bulletin on every centre's supervision",
        "质控办通报各质控中心督查情况的间隔（月）",
    ),
    ParamSpec(
        "duties.annual_quality_report_required",
        "bool",
        "bool",
        "An annual medical service and quality-safety report of the specialty",
        "编写（报送）年度医疗服务与质量安全报告",
    ),
    ParamSpec(
        "duties.indicator_set_required",
        "bool",
        "bool",
        "The centre sets up its specialty's quality-control indicators",
        "制定（建立）本专业质控指标（体系）",
    ),
    ParamSpec(
        "duties.core_knowledge_set_required",
        "bool",
        "bool",
        "The centre compiles and publishes a core-knowledge set (应知应会)",
        "梳理并公告一套应知应会",
    ),
    ParamSpec(
        "duties.root_cause_review_required",
        "bool",
        "bool",
        "The centre runs root-cause review of deaths and adverse events",
        "建立健全根因溯源机制",
    ),
    ParamSpec(
        "duties.documents_need_commission_approval",
        "bool",
        "bool",
        "Documents in the centre's name are issued only with the commission's approval",
        "以质控中心名义印制文件须经卫生健康委审核同意",
    ),
    ParamSpec(
        "duties.documents_copied_to_office",
        "bool",
        "bool",
        "Documents are issued through the host's procedures and copied to the QC office",
        "按挂靠单位流程发文并抄送区质控办",
    ),
    ParamSpec(
        "duties.internal_rules",
        "items",
        "list",
        "Internal management rules the centre must have",
        "须建立的内部管理制度",
    ),
    # --- appraisal -------------------------------------------------------------------------
    ParamSpec("appraisal.annual", "bool", "bool", "Centres are appraised every year", "实行年度考核（评估）"),
    ParamSpec(
        "appraisal.grades", "items", "list", "Grades of the annual appraisal", "年度考核等次", GRADE_CODES
    ),
    ParamSpec(
        "appraisal.scorers",
        "codes",
        "list",
        "Who appraises or scores the centres",
        "考核（评估、打分）主体",
        _c(commission="卫生健康委", institutions="辖区医疗机构", development_centre="区卫生健康事业发展中心"),
    ),
    ParamSpec("appraisal.scoring_criteria", "items", "list", "What the scorers assess", "评价重点"),
    ParamSpec(
        "appraisal.host_support_assessed",
        "bool",
        "bool",
        "The host's supervision and support of the centre counts in the appraisal",
        "挂靠单位的监督、管理与经费支持保障列入考核内容",
    ),
    ParamSpec(
        "appraisal.automatic_fail_conditions",
        "items",
        "list",
        "Any one of these makes the year's grade 不合格",
        "年度考核定为不合格的情形",
    ),
    ParamSpec(
        "appraisal.first_fail_consequence",
        "choice",
        "none",
        "Consequence of a 不合格 year",
        "年度考核不合格的处理",
        _c(rectification="责令整改", yellow_card="黄牌警告"),
    ),
    ParamSpec(
        "appraisal.rectification_years",
        "int",
        "years",
        "Length of the rectification period",
        "整改期限（年）",
    ),
    ParamSpec(
        "appraisal.second_consecutive_fail_consequence",
        "choice",
        "none",
        "Consequence of a second consecutive 不合格 year",
        "连续第二年考核不合格的处理",
        _c(disqualification="取消挂靠单位资格并重新遴选", red_card="红牌处罚，解除挂靠关系并重新遴选"),
    ),
    ParamSpec(
        "appraisal.second_fail_chair_disqualified",
        "bool",
        "bool",
        "After the second consecutive fail the chair is disqualified and reselected too",
        "连续不合格时同时取消主任委员资格并重新遴选",
    ),
    ParamSpec(
        "appraisal.second_fail_excluded_from_current_round",
        "bool",
        "bool",
        "After the second consecutive fail the old host may not apply in this round",
        "原挂靠单位不参与本轮遴选",
    ),
    ParamSpec(
        "appraisal.red_card_ban_years",
        "int",
        "years",
        "Years the red-carded host may not apply for this specialty's centre",
        "红牌后原挂靠单位不得申请本专业质控中心的年数",
    ),
    ParamSpec(
        "appraisal.retention_min_grade_all_years",
        "choice",
        "none",
        "Host kept if every annual grade of the cycle is at least this",
        "周期内各年度均达到该等次则不调整",
        _PASSING_GRADES,
    ),
    ParamSpec(
        "appraisal.retention_alt_min_excellent_years",
        "int",
        "count",
        "Or: host kept with at least this many 优秀 years in the cycle",
        "或周期内优秀次数达到该数",
    ),
    ParamSpec(
        "appraisal.retention_alt_no_fail",
        "bool",
        "bool",
        "The 优秀 alternative also needs no 不合格 year",
        "且未出现不合格",
    ),
    # --- cycle -----------------------------------------------------------------------------
    ParamSpec(
        "cycle.cycle_years",
        "int",
        "years",
        "Length of the management cycle over which annual grades decide the host's future",
        "动态管理周期年数",
    ),
    ParamSpec(
        "cycle.decision_basis",
        "choice",
        "none",
        "What the retention or reselection decision rests on",
        "是否调整挂靠单位的依据",
        _c(annual_results="年度考核结果"),
    ),
    # --- violations ------------------------------------------------------------------------
    ParamSpec(
        "violations.prohibited_acts",
        "items",
        "list",
        "Acts a centre (or group) must not commit",
        "质控中心（质控组）不得有的行为",
    ),
    ParamSpec(
        "violations.severe_violation_consequence",
        "choice",
        "none",
        "Consequence of a prohibited act with serious circumstances",
        "违规且情节严重的处理",
        _c(dissolution="立即解除挂靠关系"),
    ),
    ParamSpec(
        "violations.severe_violation_ban_years",
        "int",
        "years",
        "Years the old host is barred after a severe violation",
        "严重违规后原挂靠单位不得申请的年数",
    ),
    ParamSpec(
        "violations.severe_violation_ban_scope",
        "choice",
        "none",
        "What the barred host may not apply for",
        "禁止申请的范围",
        _c(same_specialty="本专业质控中心", new_other_specialty_centre="新成立其他专业质控中心"),
    ),
    ParamSpec(
        "violations.excluded_from_current_round",
        "bool",
        "bool",
        "The old host is excluded from the reselection that follows a severe violation",
        "原挂靠单位不参与本轮遴选",
    ),
    ParamSpec(
        "violations.member_violation_consequence",
        "choice",
        "none",
        "Consequence for a member who breaks the rules of conduct",
        "委员违规的处理",
        _c(removed="取消成员资格", removed_if_severe="情节严重的调出专家委员会"),
    ),
    # --- data ------------------------------------------------------------------------------
    ParamSpec(
        "data.owner",
        "choice",
        "none",
        "Who owns the centre's quality-control data",
        "质控数据的所有者",
        _c(commission="卫生健康委"),
    ),
    ParamSpec(
        "data.compliant_systems_required",
        "bool",
        "bool",
        "Data is held in systems meeting national network and data-security rules",
        "使用符合国家网络和数据安全规定的信息系统",
    ),
    ParamSpec(
        "data.use_only_for_qc",
        "bool",
        "bool",
        "Data is used within scope and only for quality-control work",
        "数据仅在规定范围内用于质控工作",
    ),
    ParamSpec(
        "data.access_strictly_controlled",
        "bool",
        "bool",
        "Access to and use of data is strictly controlled",
        "严格控制数据获取和使用权限",
    ),
    ParamSpec(
        "data.use_request_with_commitment_letter",
        "bool",
        "bool",
        "Using data needs a use request and a signed commitment letter",
        "使用数据须提交使用需求申请并签订数据资源使用承诺书",
    ),
    ParamSpec(
        "data.third_party_requires_consent",
        "bool",
        "bool",
        "No transfer, publication or disclosure to third parties without the commission's consent",
        "未经同意不得向第三方传输、公开、披露",
    ),
    ParamSpec(
        "data.publication_committee_review",
        "bool",
        "bool",
        "A publication from the data is approved by the expert committee first",
        "发布成果须事前经专家委员会审议同意",
    ),
    ParamSpec(
        "data.publication_commission_review",
        "bool",
        "bool",
        "A publication from the data is reviewed by the commission before release",
        "发布成果前须经卫生健康委审核",
    ),
    ParamSpec(
        "data.publication_deidentified",
        "bool",
        "bool",
        "Published data is de-identified",
        "发布成果须脱敏处理",
    ),
    ParamSpec(
        "data.publication_cite_source",
        "bool",
        "bool",
        "A publication cites the data source",
        "发布成果须注明数据来源",
    ),
    ParamSpec(
        "data.publication_centre_first_unit",
        "bool",
        "bool",
        "A publication names the centre as first unit",
        "发布成果须使用质控中心作为第一单位",
    ),
    ParamSpec(
        "data.responsible_person",
        "choice",
        "none",
        "First person responsible for data security",
        "数据安全管理第一责任人",
        _c(committee_chair="专家委员会主任委员"),
    ),
    # --- handover --------------------------------------------------------------------------
    ParamSpec(
        "handover.deadline_months",
        "int",
        "months",
        "Months within which the old host hands over to the new one",
        "交接期限（月）",
    ),
    ParamSpec("handover.items", "items", "list", "What is handed over", "交接内容"),
    ParamSpec(
        "handover.old_host_seals_records",
        "bool",
        "bool",
        "The old host seals the paper and electronic records",
        "原挂靠单位封存纸质和电子资料",
    ),
    ParamSpec(
        "handover.paper_records_digitised",
        "bool",
        "bool",
        "Paper records are kept also in electronic form",
        "纸质资料须转成电子版保存",
    ),
]

PARAMETERS: Mapping[str, ParamSpec] = MappingProxyType({spec.key: spec for spec in _SPECS})
assert len(PARAMETERS) == len(_SPECS), "duplicate parameter name in rulesets/schema.py"


def appraisal_grade_at_least(grade: str, minimum: str) -> bool:
    """True if appraisal grade ``grade`` (GRADE_CODES) is ``minimum`` or better (``良好及以上``)."""
    order = list(GRADE_CODES)  # best first
    return order.index(grade) <= order.index(minimum)


def title_at_least(level: str, minimum: str) -> bool:
    """True if title level ``level`` is ``minimum`` or higher (``副高级及以上``)."""
    return _TITLE_RANK[level] >= _TITLE_RANK[minimum]


def _grade_parts(code: str) -> tuple[int, str | None]:
    if code == "ungraded":
        return 0, None
    return int(code[0]), (code[1] if len(code) > 1 else None)


def grade_at_least(grade: str, minimum: str) -> bool:
    """True if institution grade ``grade`` meets a minimum such as '2' (二级及以上) or '2a' (二级甲等及以上).

    A higher level always meets a lower minimum (三级乙等 meets 二级甲等及以上). At the same level, a
    minimum without a sub-grade ('2') is met by every grade of that level; one with a sub-grade ('2a')
    only by that sub-grade or better, not by an ungraded one ('2', 二级未定等).
    """
    if grade not in INSTITUTION_GRADES or minimum not in INSTITUTION_GRADES:
        raise KeyError(f"unknown institution grade: {grade!r} or {minimum!r}")
    g_level, g_sub = _grade_parts(grade)
    m_level, m_sub = _grade_parts(minimum)
    if minimum == "ungraded" or g_level > m_level:
        return True
    if g_level < m_level:
        return False
    return m_sub is None or (g_sub is not None and g_sub <= m_sub)

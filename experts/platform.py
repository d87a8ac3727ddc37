"""The experts app's one registration point (docs/new-workflow-app.md §7)."""

from datetime import timedelta

from accounts.models import Role
from attachments.kinds import AttachmentKind
from core.navigation import ALL, STAFF, NavItem
from core.platform import AppPlatform
from deadlines.kinds import DeadlineKind


def _document_types():
    from . import documents

    return documents.TYPES


def _export_specs():
    from . import export_specs

    return export_specs.SPECS


def _todos():
    from . import todos

    return [todos.expert_todos]


def _demo(stdout=None):
    from .demo import seed_experts

    return seed_experts(stdout=stdout)


EXPERT = frozenset({Role.EXPERT})
HOSTS = frozenset({Role.HOST_SUBMITTER})

PLATFORM = AppPlatform(
    app="experts",
    urls="experts.urls",
    url_prefix="experts/",
    api_routes=[
        ("committees", "experts.api.CommitteeViewSet", "committee"),
        ("committee-members", "experts.api.MemberViewSet", "committee-member"),
        ("duty-logs", "experts.api.DutyLogViewSet", "duty-log"),
        ("activities", "experts.api.ActivityViewSet", "activity"),
        ("library-experts", "experts.api.ExpertViewSet", "library-expert"),
        ("expert-applications", "experts.api.ApplicationViewSet", "expert-application"),
        ("interest-declarations", "experts.api.DeclarationViewSet", "interest-declaration"),
        ("expert-gradings", "experts.api.GradingViewSet", "expert-grading"),
    ],
    nav=[
        NavItem("专家委员会", "experts:committee_list", STAFF | HOSTS, "专家"),
        NavItem("履职确认", "experts:duty_queue", STAFF | HOSTS, "专家"),
        NavItem("履职时长总览", "experts:hours_overview", STAFF | HOSTS, "专家"),
        NavItem("专家库", "experts:library", STAFF | HOSTS | EXPERT, "专家"),
        NavItem("我的履职", "experts:my_hours", EXPERT, "专家"),
        NavItem("我的聘任与申报", "experts:mine", EXPERT, "专家"),
        NavItem("回避记录", "experts:recusals", STAFF, "专家"),
        NavItem("专家聘任公示", "experts:public_notices", ALL, "专家"),
    ],
    deadline_kinds=[
        DeadlineKind(
            "experts.chair_replacement",
            "主任委员（组长）重新推荐（一个月内）",
            remind_before=(timedelta(days=14), timedelta(days=3)),
            area="专家",
        ),
        # 重庆全科 四、(二)1.: the year's minimum (experts.<level>_min_duty_hours) by 31 December,
        # opened for each expert short of it (experts.tasks.open_hours_deadlines), met when the
        # confirmed hours reach it. The lead times are the platform's, not a rule set's.
        DeadlineKind(
            "experts.duty_hours",
            "年度履职时长（年底前达到最低时长）",
            remind_before=(timedelta(days=61), timedelta(days=30), timedelta(days=7)),
            area="专家",
        ),
    ],
    attachment_kinds=[
        AttachmentKind("experts.minutes", "会议纪要", subject_models=("experts.meeting",)),
        AttachmentKind(
            "experts.application_form", "专家申报表", subject_models=("experts.expertapplication",)
        ),
        AttachmentKind(
            "experts.title_certificate",
            "职称证书",
            sensitive=True,
            subject_models=("experts.expertapplication",),
        ),
        AttachmentKind("experts.achievements", "业绩成果证明", subject_models=("experts.expertapplication",)),
        AttachmentKind("experts.duty_evidence", "履职佐证", subject_models=("experts.dutylog",)),
        AttachmentKind("experts.grading_filing", "比例微调备案材料", subject_models=("experts.grading",)),
    ],
    document_types=_document_types,
    todo_providers=_todos,
    export_specs=_export_specs,
    demo=_demo,
)

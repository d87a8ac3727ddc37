"""The appraisal app's one registration point (core/platform.py)."""

from __future__ import annotations

from datetime import timedelta

from accounts.models import Role
from attachments.kinds import AttachmentKind
from core.navigation import ALL, STAFF, NavItem
from core.platform import AppPlatform
from deadlines.kinds import DeadlineKind


def _deadline_kinds():
    from .duties import DUTY_DEADLINE_PREFIX
    from .models import DutyRecord

    kinds = [
        DeadlineKind("appraisal.self_report", "年度考核述职材料", area="考核"),
        DeadlineKind(
            "appraisal.rectification_report",
            "考核不合格整改报告",
            remind_before=(timedelta(days=30), timedelta(days=7)),
            area="考核",
        ),
        DeadlineKind("appraisal.rectification_review", "整改报告审核", area="考核"),
        DeadlineKind(
            "appraisal.institution_rectification",
            "被评价机构书面报送整改情况",
            remind_before=(timedelta(days=7),),
            area="履职",
        ),
    ]
    kinds += [
        DeadlineKind(
            f"{DUTY_DEADLINE_PREFIX}{code}",
            f"年度履职：{label}",
            remind_before=(timedelta(days=30), timedelta(days=7)),
            area="履职",
        )
        for code, label in DutyRecord.Kind.choices
    ]
    return kinds


def _documents():
    from . import documents

    return documents.types()


def _exports():
    from . import export_specs

    return export_specs.SPECS


def _todos():
    from . import todos

    return [todos.appraisal_todos]


def _demo(stdout=None):
    from .demo import seed_appraisal

    return seed_appraisal(stdout=stdout)


PLATFORM = AppPlatform(
    app="appraisal",
    urls="appraisal.urls",
    url_prefix="appraisal/",
    api_routes=[
        ("appraisal/years", "appraisal.api.AssessmentYearViewSet", "appraisal-year"),
        ("appraisal/invitations", "appraisal.api.InvitationViewSet", "appraisal-invitation"),
        ("appraisal/assessments", "appraisal.api.AssessmentViewSet", "appraisal-assessment"),
        ("appraisal/consequences", "appraisal.api.ConsequenceViewSet", "appraisal-consequence"),
        ("appraisal/findings", "appraisal.api.FindingViewSet", "appraisal-finding"),
        ("appraisal/duties", "appraisal.api.DutyRecordViewSet", "appraisal-duty"),
        (
            "appraisal/rectifications",
            "appraisal.api.InstitutionRectificationViewSet",
            "appraisal-rectification",
        ),
    ],
    nav=[
        NavItem(
            "年度考核", "appraisal:year_list", STAFF | {Role.INSTITUTION_SCORER, Role.HOST_SUBMITTER}, "考核"
        ),
        NavItem("考核统计图", "appraisal:dashboard", STAFF, "考核"),
        NavItem("年度履职", "appraisal:duty_centres", ALL - {Role.EXPERT, Role.INSTITUTION_SCORER}, "考核"),
        NavItem("机构整改情况", "appraisal:rectification_list", ALL - {Role.EXPERT}, "考核"),
    ],
    deadline_kinds=_deadline_kinds,
    attachment_kinds=[
        AttachmentKind(
            "appraisal.evidence",
            "证明材料",
            subject_models=(
                "appraisal.dutyrecord",
                "appraisal.failcondition",
                "appraisal.prohibitedactfinding",
                "appraisal.rectificationreport",
                "appraisal.centreassessment",
                "appraisal.institutionrectification",
            ),
        )
    ],
    document_types=_documents,
    todo_providers=_todos,
    export_specs=_exports,
    demo=_demo,
)

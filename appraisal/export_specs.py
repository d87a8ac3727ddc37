"""The appraisal's lists in Excel (docs/exports.md): scores by centre and criterion, grades by year,
consequences. Each reads through the same scoped querysets as the pages."""

from __future__ import annotations

from accounts.models import Role
from exports.registry import Column, ExportSpec

from .models import CentreAssessment, CentreScore, Consequence

SCORE_ROLES = {Role.COMMISSION, Role.QC_OFFICE, Role.AUDITOR, Role.SYSADMIN}


def score_rows(user, filters):
    if not (user.is_sysadmin or user.role in SCORE_ROLES):  # a scorer's own scores are on its page
        return CentreScore.objects.none()
    qs = CentreScore.objects.for_user(user).select_related(
        "assessment__centre", "assessment__year", "invitation__institution"
    )
    if filters.get("year"):
        qs = qs.filter(assessment__year__year=filters["year"])
    return qs.order_by(
        "assessment__year__year", "assessment__centre__name", "invitation__institution__name", "criterion"
    )


def grade_rows(user, filters):
    qs = CentreAssessment.objects.for_user(user).select_related("centre", "year", "host")
    if filters.get("year"):
        qs = qs.filter(year__year=filters["year"])
    return qs.order_by("year__year", "centre__name")


def consequence_rows(user, filters):
    return (
        Consequence.objects.for_user(user).select_related("centre", "assessment__year").order_by("-issued_on")
    )


SPECS = [
    ExportSpec(
        code="appraisal_scores",
        title="年度考核机构评分",
        queryset=score_rows,
        columns=[
            Column("考核年度", "assessment.year.year", kind="int", width=10),
            Column("质控中心", "assessment.centre.name", width=36),
            Column("评分机构", "invitation.institution.name", width=30),
            Column("评分项", "criterion", width=14),
            Column("得分", "score", kind="decimal", width=10),
            Column("评语", "comment", width=40),
        ],
        filter_labels={"year": "考核年度"},
    ),
    ExportSpec(
        code="appraisal_grades",
        title="年度考核等次",
        queryset=grade_rows,
        columns=[
            Column("考核年度", "year.year", kind="int", width=10),
            Column("质控中心", "centre.name", width=36),
            Column("挂靠单位", "host.name", width=30),
            Column("加权得分", "weighted_score", kind="decimal", width=10),
            Column("拟定等次", "get_proposed_grade_display", width=10),
            Column("审定等次", "get_grade_display", width=10),
            Column("变更理由", "grade_change_reason", width=30),
            Column("状态", "get_status_display", width=10),
        ],
        filter_labels={"year": "考核年度"},
    ),
    ExportSpec(
        code="appraisal_consequences",
        title="年度考核结果处理",
        queryset=consequence_rows,
        columns=[
            Column("考核年度", "assessment.year.year", kind="int", width=10),
            Column("质控中心", "centre.name", width=36),
            Column("处理", "get_kind_display", width=14),
            Column("依据条款", "article", width=16),
            Column("规则引擎结论", "text", width=50),
            Column("整改期限", "due_on", kind="date", width=12),
            Column("状态", "get_status_display", width=12),
            Column("下达日期", "issued_on", kind="date", width=12),
        ],
    ),
]

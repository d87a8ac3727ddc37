"""The appraisal's 待办: the scorer's invitations, the host's self-report, rectification reports and
returned duty records, the office's and commission's next steps."""

from __future__ import annotations

from django.urls import reverse

from accounts.models import Role
from core.todos import Todo

from .models import (
    AssessmentYear,
    CentreAssessment,
    Consequence,
    DutyRecord,
    RectificationReport,
    ScoringInvitation,
)


def appraisal_todos(user) -> list[Todo]:
    if not user.is_authenticated or getattr(user, "is_read_only", False):
        return []
    todos = []
    if user.role == Role.INSTITUTION_SCORER and user.institution_id:
        for inv in ScoringInvitation.objects.filter(
            institution=user.institution_id, status="invited", year__status="scoring"
        ).select_related("year__jurisdiction"):
            todos.append(
                Todo(
                    title=f"为{inv.year}评分",
                    url=reverse("appraisal:invitation_detail", args=[inv.pk]),
                    area="考核",
                )
            )
    if user.role == Role.HOST_SUBMITTER and user.institution_id:
        for a in CentreAssessment.objects.filter(
            centre__host=user.institution_id,
            status="open",
            self_report_submitted_at__isnull=True,
            year__status__in=["draft", "scoring"],
        ).select_related("year", "centre"):
            todos.append(
                Todo(
                    title=f"报送{a.year.year}年度述职材料：{a.centre.name}",
                    url=reverse("appraisal:assessment_detail", args=[a.pk]),
                    due=a.year.self_report_due_on,
                    area="考核",
                )
            )
        for c in Consequence.objects.filter(
            centre__host=user.institution_id, kind="rectification", status="issued"
        ).select_related("centre"):
            todos.append(
                Todo(
                    title=f"报送整改报告：{c.centre.name}",
                    due=c.due_on,
                    article=c.article,
                    url=reverse("appraisal:consequence_detail", args=[c.pk]),
                    area="考核",
                )
            )
        for r in DutyRecord.objects.filter(
            centre__host=user.institution_id, status="returned"
        ).select_related("centre"):
            todos.append(
                Todo(
                    title=f"修改后重新报送：{r}",
                    area="履职",
                    url=reverse("appraisal:duty_year", args=[r.centre_id, r.year]),
                )
            )
    if user.role in (Role.QC_OFFICE, Role.COMMISSION) and user.jurisdiction_id:
        years = AssessmentYear.objects.filter(jurisdiction=user.jurisdiction_id)
        for y in years.filter(status__in=["draft", "scoring", "grading", "confirmed"]):
            step = {
                "draft": "设置评分项并邀请评分",
                "scoring": "评分进行中，评分完成后结束评分",
                "grading": "拟定并审定等次",
                "confirmed": "公布考核结果",
            }[y.status]
            todos.append(
                Todo(title=f"{y}：{step}", url=reverse("appraisal:year_detail", args=[y.pk]), area="考核")
            )
        for r in RectificationReport.objects.filter(
            consequence__centre__jurisdiction=user.jurisdiction_id, outcome=""
        ).select_related("consequence__centre"):
            todos.append(
                Todo(
                    title=f"审核整改报告：{r.consequence.centre.name}",
                    area="考核",
                    url=reverse("appraisal:consequence_detail", args=[r.consequence_id]),
                )
            )
        pending = DutyRecord.objects.filter(
            centre__jurisdiction=user.jurisdiction_id, status="submitted"
        ).count()
        if pending:
            todos.append(
                Todo(
                    title=f"确认履职记录（{pending}条待确认）",
                    url=reverse("appraisal:duty_centres"),
                    area="履职",
                )
            )
    return todos

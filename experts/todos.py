"""The experts app's 待办: rosters to build, submit or decide; hours to confirm; a chair to
replace; library applications to review. (An expert behind their yearly minimum has the
deadline ``experts.duty_hours``, listed with the other deadlines.)"""

from __future__ import annotations

from django.urls import reverse

from accounts.models import Role
from core.todos import Todo

from .models import Committee, DutyLog, ExpertApplication


def expert_todos(user) -> list[Todo]:
    todos: list[Todo] = []
    if not user.is_authenticated:
        return todos
    if user.role == Role.HOST_SUBMITTER and user.institution_id:
        for c in Committee.objects.filter(centre__host=user.institution_id, status__in=["draft", "returned"]):
            todos.append(
                Todo(
                    title=f"{'修改后重新提交' if c.status == 'returned' else '完成并提交'}名单：{c.name}",
                    url=reverse("experts:committee_detail", args=[c.pk]),
                    area="专家",
                )
            )
    if user.role == Role.COMMISSION and user.jurisdiction_id:
        for c in Committee.objects.filter(centre__jurisdiction=user.jurisdiction_id, status="submitted"):
            todos.append(
                Todo(
                    title=f"审批委员会名单：{c.name}",
                    url=reverse("experts:committee_detail", args=[c.pk]),
                    area="专家",
                )
            )
        n = ExpertApplication.objects.filter(
            library__jurisdiction=user.jurisdiction_id, status="city_passed"
        ).count()
        if n:
            todos.append(Todo(title=f"审批入库专家（{n}人）", url=reverse("experts:library"), area="专家"))
    if user.role in (Role.QC_OFFICE, Role.HOST_SUBMITTER, Role.COMMISSION):
        n = DutyLog.objects.for_user(user).filter(status="pending").count()
        if n:
            todos.append(Todo(title=f"确认履职记录（{n}条）", url=reverse("experts:duty_queue"), area="专家"))
    if user.role in (Role.QC_OFFICE, Role.DISTRICT_REVIEWER):
        n = ExpertApplication.objects.for_user(user).filter(status__in=["submitted", "local_passed"]).count()
        if n:
            todos.append(
                Todo(title=f"审核专家入库申报（{n}人）", url=reverse("experts:library"), area="专家")
            )
    if user.role == Role.EXPERT and user.person_id:
        n = DutyLog.objects.filter(person=user.person_id, status="returned").count()
        if n:
            todos.append(
                Todo(title=f"修改被退回的履职记录（{n}条）", url=reverse("experts:my_hours"), area="专家")
            )
    return todos

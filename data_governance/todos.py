"""The data-governance 待办: the chair's endorsements and committee decisions, the commission's
decisions, and the centre's grants about to end."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse

from accounts.models import Role
from core.todos import Todo
from core.workflow import today

from .models import Grant, PublicationReview, ThirdPartyTransfer, UseRequest

AREA = "数据治理"


def data_governance_todos(user) -> list[Todo]:
    todos: list[Todo] = []
    if user.person_id:
        for r in UseRequest.objects.filter(centre__leader=user.person_id, status="submitted").select_related(
            "centre"
        ):
            todos.append(
                Todo(
                    f"主任委员审核数据使用申请 #{r.pk}（{r.centre}）",
                    reverse("data_governance:request_detail", args=[r.pk]),
                    area=AREA,
                )
            )
        for p in PublicationReview.objects.filter(centre__leader=user.person_id, status="submitted"):
            todos.append(
                Todo(
                    f"记录专家委员会审议：{p.title}",
                    reverse("data_governance:publication_detail", args=[p.pk]),
                    area=AREA,
                )
            )
    if user.role == Role.COMMISSION and user.jurisdiction_id:
        mine = {"centre__jurisdiction": user.jurisdiction_id}
        for r in UseRequest.objects.filter(**mine, status__in=["submitted", "endorsed"]).select_related(
            "centre"
        ):
            todos.append(
                Todo(
                    f"审批数据使用申请 #{r.pk}（{r.centre}）",
                    reverse("data_governance:request_detail", args=[r.pk]),
                    area=AREA,
                )
            )
        for p in PublicationReview.objects.filter(**mine, status="committee_agreed"):
            todos.append(
                Todo(
                    f"审核成果发布：{p.title}",
                    reverse("data_governance:publication_detail", args=[p.pk]),
                    area=AREA,
                )
            )
        for t in ThirdPartyTransfer.objects.filter(**mine, status="submitted"):
            todos.append(
                Todo(
                    f"审批向{t.recipient}提供数据",
                    reverse("data_governance:transfer_detail", args=[t.pk]),
                    area=AREA,
                )
            )
    if user.role in (Role.HOST_SUBMITTER, Role.EXPERT):
        soon = today() + timedelta(days=14)
        for g in Grant.objects.filter(users=user, status="active", ends_on__gte=today(), ends_on__lte=soon):
            todos.append(
                Todo(
                    f"数据使用授权 {g.number} 即将到期",
                    reverse("data_governance:grant_detail", args=[g.pk]),
                    due=g.ends_on,
                    area=AREA,
                )
            )
    return todos

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role
from core.todos import Todo

from .models import Application, PanelMember, SelectionCall


def centre_todos(user):
    todos = []
    if user.role == Role.HOST_SUBMITTER and user.institution_id:
        applied = set(
            Application.objects.filter(institution=user.institution).values_list("call_id", flat=True)
        )
        for call in SelectionCall.objects.for_user(user).filter(status="open").exclude(pk__in=applied):
            due = timezone.localdate(call.application_deadline) if call.application_deadline else None
            todos.append(
                Todo(
                    title=_("可申报：%(title)s") % {"title": call.title},
                    url=reverse("centres:application_edit", args=[call.pk]),
                    due=due,
                    area=_("质控中心"),
                )
            )
        for a in Application.objects.filter(
            institution=user.institution, status__in=["draft", "returned"]
        ).select_related("call"):
            if a.call.status != "open":  # closed (early, with its reason) before this draft was submitted
                reason = a.call.closing_reason
                title = (
                    _("申报已提前截止（%(reason)s），申请未提交：%(title)s")
                    if reason
                    else _("申报已截止，申请未提交：%(title)s")
                ) % {"reason": reason, "title": a.call.title}
                todos.append(
                    Todo(
                        title=title, url=reverse("centres:call_detail", args=[a.call_id]), area=_("质控中心")
                    )
                )
                continue
            due = timezone.localdate(a.call.application_deadline) if a.call.application_deadline else None
            todos.append(
                Todo(
                    title=(
                        _("修改后重新提交申请：%(title)s")
                        if a.status == "returned"
                        else _("完成并提交申请：%(title)s")
                    )
                    % {"title": a.call.title},
                    url=reverse("centres:application_edit", args=[a.call_id]),
                    due=due,
                    area=_("质控中心"),
                )
            )
    if user.person_id:  # a reviewer: one entry per application to score, straight to it
        for seat in PanelMember.objects.filter(
            person=user.person, recused=False, call__status="reviewing"
        ).select_related("call"):
            scored = set(seat.scores.values_list("application_id", flat=True))
            for a in seat.call.applications.filter(status="prelim_passed").select_related("institution"):
                if a.pk not in scored:
                    todos.append(
                        Todo(
                            title=_("评分：%(institution)s — %(title)s")
                            % {"institution": a.institution, "title": seat.call.title},
                            url=reverse("centres:application_detail", args=[a.pk]),
                            area=_("评审"),
                        )
                    )
    if user.role in (Role.QC_OFFICE, Role.COMMISSION, Role.DISTRICT_REVIEWER):
        pending = (
            Application.objects.for_user(user)
            .filter(status="submitted")
            .select_related("call", "institution")
        )
        for a in pending[:20]:
            todos.append(
                Todo(
                    title=_("初审：%(institution)s — %(title)s")
                    % {"institution": a.institution, "title": a.call.title},
                    url=reverse("centres:application_detail", args=[a.pk]),
                    area=_("质控中心"),
                )
            )
    return todos


def lifecycle_todos(user):
    """The host's nomination of a new leader and its part of a handover; the commission's approvals."""
    from .models import Handover, LeaderChange

    todos = []
    if user.role == Role.HOST_SUBMITTER and user.institution_id:
        for change in LeaderChange.objects.filter(
            centre__host=user.institution, status="vacant"
        ).select_related("centre"):
            todos.append(
                Todo(
                    title=_("推荐新任负责人：%(centre)s") % {"centre": change.centre},
                    url=reverse("centres:detail", args=[change.centre_id]),
                    due=timezone.localdate(change.due_at),
                    area=_("质控中心"),
                )
            )
        for handover in (
            Handover.objects.filter(status="open")
            .filter(Q(from_host=user.institution) | Q(to_host=user.institution))
            .select_related("centre")
        ):
            todos.append(
                Todo(
                    title=_("交接：%(centre)s") % {"centre": handover.centre},
                    url=reverse("centres:detail", args=[handover.centre_id]),
                    due=timezone.localdate(handover.due_at),
                    area=_("质控中心"),
                )
            )
    if user.role == Role.COMMISSION:
        for change in LeaderChange.objects.for_user(user).filter(status="nominated").select_related("centre"):
            todos.append(
                Todo(
                    title=_("审批负责人人选：%(centre)s") % {"centre": change.centre},
                    url=reverse("centres:detail", args=[change.centre_id]),
                    area=_("质控中心"),
                )
            )
    return todos

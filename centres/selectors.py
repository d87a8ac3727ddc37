"""Reads of the centres workflow, already scoped to the user."""

from __future__ import annotations

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from core.workflow import timeline_for

from .models import (
    Application,
    Centre,
    HostingTerm,
    LeaderChange,
    PublicNotice,
    QualityIncident,
    SelectionCall,
)


def provided_attachment_kinds(application: Application) -> set[str]:
    """The attachment kinds (rule-set codes of application.required_attachments) uploaded so far."""
    from attachments.models import Attachment

    return set(Attachment.objects.alive().of(application).values_list("kind", flat=True))


def centre_list(*, user):
    """The centres the user sees; the lists narrow them with centres.filters.CentreFilter."""
    return Centre.objects.for_user(user).select_related("jurisdiction", "specialty", "host", "leader")


def centre_timeline(centre: Centre):
    """The centre's 大事记, oldest first (core.TimelineEntry, written by the services)."""
    return timeline_for(centre)


def call_list(*, user):
    # each call's applications counted by a subquery: a GROUP BY over the whole scope would have to
    # be built and sorted before the first page could be taken
    applications = (
        Application.objects.filter(call=OuterRef("pk")).order_by().values("call").annotate(n=Count("pk"))
    )
    return (
        SelectionCall.objects.for_user(user)
        .select_related("centre__jurisdiction", "centre__specialty")
        .annotate(application_count=Coalesce(Subquery(applications.values("n")), 0))
    )


def application_list(*, user, call: SelectionCall | None = None):
    qs = Application.objects.for_user(user).select_related("call__centre", "institution", "proposed_leader")
    return qs.filter(call=call) if call else qs


def term_list(*, user):
    """Hosting terms of the centres in the user's scope (挂靠周期)."""
    return HostingTerm.objects.for_user(user).select_related("centre__jurisdiction", "host", "leader")


def leader_change_list(*, user):
    return LeaderChange.objects.for_user(user).select_related(
        "centre__jurisdiction", "old_leader", "new_leader"
    )


def incident_list(*, user):
    return QualityIncident.objects.for_user(user).select_related("institution", "recorded_by")


def open_notices():
    """Public notices shown without login (公示)."""
    return PublicNotice.objects.filter(status=PublicNotice.Status.OPEN).select_related(
        "call__centre__jurisdiction"
    )


def nominable_leaders(centre: Centre):
    """Whom the host may nominate as its centre's leader: its own staff (九龙坡 第十一条（三）, 济南 第六条:
    主任由挂靠单位正式在职工作人员担任); the rule set then judges the person."""
    from directory.models import Person

    return Person.objects.filter(employer=centre.host_id) if centre.host_id else Person.objects.none()


def receiving_hosts(centre: Centre, user=None):
    """Institutions a centre may be handed over to: those of its own jurisdiction (and below it),
    within the acting user's scope."""
    from directory.models import Institution

    qs = Institution.objects.for_user(user) if user is not None else Institution.objects.all()
    return qs.filter(jurisdiction__path__startswith=centre.jurisdiction.path)


def application_files(application: Application):
    """The application's files, for whoever may see the application (its reviewers included, who
    are not in the files' own scope): the list a reviewer scores from."""
    from attachments.models import Attachment

    return Attachment.objects.alive().of(application).select_related("uploaded_by").order_by("kind", "pk")


def review_criteria(ruleset) -> list[tuple[str, str]]:
    """(criterion, article) the experts score against: the host's basic conditions, which the rule
    set leaves to the reviewers' judgement (九龙坡 第六条, 济南 第五条); one general criterion where it
    names none."""
    if ruleset.has("host.basic_conditions"):
        p = ruleset.param("host.basic_conditions")
        return [(item.label, p.article) for item in p.value]
    return [("综合评分", "")]


def may_see_centre(user, centre: Centre) -> bool:
    return Centre.objects.for_user(user).filter(pk=centre.pk).exists()


def handover_list(*, user):
    """Handovers the user may see: the centre's scope, and both hosts' users (HandoverQuerySet)."""
    from .models import Handover

    return Handover.objects.for_user(user).select_related("centre", "from_host", "to_host")


def panel_seat(user, call: SelectionCall):
    """The user's seat on the call's expert panel, or None."""
    from .models import PanelMember

    if not user.is_authenticated or not user.person_id:
        return None
    return (
        PanelMember.objects.filter(call=call, person=user.person_id).select_related("call", "person").first()
    )

"""Who gets what on each of this app's routes: core/access.py explains the columns
(anonymous, another hospital, another jurisdiction, an expert, an auditor, the right user) and
tests/test_role_matrix.py checks every route against its row."""

from core.access import Route


def _attachment_of(application):
    from django.contrib.contenttypes.models import ContentType

    from attachments.models import Attachment

    ct = ContentType.objects.get_for_model(application)
    return (
        Attachment.objects.filter(subject_type=ct, subject_id=application.pk)
        .values_list("pk", flat=True)
        .first()
        or 0
    )


def SAMPLES():  # noqa: N802 — records the demo lacks, made once for the matrix through the services
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from centres.models import Centre, Handover, Objection, PublicNotice
    from centres.services import lifecycle
    from core.workflow import today
    from directory.models import Institution

    commission = get_user_model().objects.get(username="jlp_commission")
    notice = PublicNotice.objects.for_user(commission).order_by("pk").first()
    Objection.objects.create(notice=notice, name="王某", contact="13800000000", content="资历不符")
    active = list(Centre.objects.for_user(commission).filter(status="active").order_by("pk"))
    lifecycle.leader_vacate(centre=active[0], reason="调离", vacated_on=today(), acting_user=commission)
    other = Institution.objects.for_user(commission).exclude(pk=active[-1].host_id).order_by("pk").first()
    # 九龙坡's rule set leaves the handover period to the commission (not set in the demo): made directly
    Handover.objects.create(
        centre=active[-1], from_host=active[-1].host, to_host=other, items={}, due_at=timezone.now()
    )


ACCESS = {
    "centres:list": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 405 405 405 403 -"
    ),
    "centres:create": Route(
        None, "jlp_commission", get="login 403 200 403 403 200", post="login 403 200 403 403 -"
    ),
    "centres:incidents": Route(
        None, "jlp_commission", get="login 403 200 403 200 200", post="login 403 200 403 403 -"
    ),
    "centres:detail": Route(
        "centres.Centre", "jlp_commission", get="login 404 404 200 200 200", post="login 405 405 405 403 -"
    ),
    "centres:call_create": Route(
        "centres.Centre", "jlp_commission", get="login 404 404 200 200 200", post="login 404 404 200 403 -"
    ),
    "centres:call_detail": Route(
        "centres.SelectionCall",
        "jlp_commission",
        get="login 200 404 404 200 200",
        post="login 405 405 405 403 -",
    ),
    "centres:call_close": Route(
        "centres.SelectionCall",
        "jlp_commission",
        get="login 405 405 405 405 405",
        post="login 200 404 404 403 -",
    ),
    "centres:panel_add": Route(
        "centres.SelectionCall",
        "jlp_commission",
        get="login 405 405 405 405 405",
        post="login 200 404 404 403 -",
    ),
    "centres:call_select": Route(
        "centres.SelectionCall",
        "jlp_commission",
        get="login 405 405 405 405 405",
        post="login 200 404 404 403 -",
    ),
    "centres:call_designate": Route(
        "centres.SelectionCall",
        "jlp_commission",
        get="login 405 405 405 405 405",
        post="login 200 404 404 403 -",
    ),
    "centres:notice_publish": Route(
        "centres.SelectionCall",
        "jlp_commission",
        get="login 405 405 405 405 405",
        post="login 200 404 404 403 -",
    ),
    "centres:establish": Route(
        "centres.SelectionCall",
        "jlp_commission",
        get="login 405 405 405 405 405",
        post="login 200 404 404 403 -",
    ),
    "centres:application_edit": Route(
        "centres.SelectionCall", "jlp_host", get="login 404 404 404 404 200", post="login 404 404 404 403 -"
    ),
    "centres:application_detail": Route(
        "centres.Application",
        "jlp_commission",
        get="login 404 404 404 200 200",
        post="login 404 404 404 403 -",
    ),
    "centres:application_file": Route(
        "centres.Application",
        "jlp_commission",
        get="login 404 404 404 200 200",
        post="login 405 405 405 403 -",
        params=lambda a: {"attachment_pk": _attachment_of(a)},
    ),
    "centres:score": Route(
        "centres.Application", "jlp_reviewer", get="login 405 405 405 405 405", post="login 404 404 404 403 -"
    ),
    "centres:declare_conflict": Route(
        "centres.Application", "jlp_reviewer", get="login 405 405 405 405 405", post="login 404 404 404 403 -"
    ),
    "centres:objection_handle": Route(
        "centres.Objection", "jlp_commission", get="login 404 404 404 200 200", post="login 404 404 404 403 -"
    ),
    "centres:leader_vacate": Route(
        "centres.Centre", "jlp_commission", get="login 404 404 404 404 200", post="login 404 404 404 403 -"
    ),
    "centres:leader_change": Route(
        "centres.LeaderChange",
        "jlp_commission",
        get="login 404 404 200 200 200",
        post="login 405 405 405 403 -",
    ),
    "centres:leader_nominate": Route(
        "centres.LeaderChange",
        "jlp_commission",
        get="login 405 405 405 405 405",
        post="login 404 404 404 403 -",
    ),
    "centres:leader_approve": Route(
        "centres.LeaderChange",
        "jlp_commission",
        get="login 405 405 405 405 405",
        post="login 404 404 404 403 -",
    ),
    "centres:leader_reselect": Route(
        "centres.LeaderChange",
        "jlp_commission",
        get="login 405 405 405 405 405",
        post="login 404 404 404 403 -",
    ),
    "centres:term_decision": Route(
        "centres.HostingTerm",
        "jlp_commission",
        get="login 404 404 404 404 200",
        post="login 404 404 404 403 -",
    ),
    "centres:dissolve": Route(
        "centres.Centre", "jlp_commission", get="login 404 404 404 404 200", post="login 404 404 404 403 -"
    ),
    "centres:handover_open": Route(
        "centres.Centre", "jlp_commission", get="login 404 404 404 404 200", post="login 404 404 404 403 -"
    ),
    "centres:handover": Route(
        "centres.Handover", "jlp_commission", get="login 404 404 404 200 200", post="login 405 405 405 403 -"
    ),
    "centres:handover_item": Route(
        "centres.Handover", "jlp_commission", get="login 405 405 405 405 405", post="login 404 404 404 403 -"
    ),
    "centres:handover_sign": Route(
        "centres.Handover", "jlp_commission", get="login 405 405 405 405 405", post="login 404 404 404 403 -"
    ),
    "centres:handover_setting": Route(
        None, "jlp_commission", get="login 404 200 404 404 200", post="login 404 200 404 403 -"
    ),
    "centre-list": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 403 400 403 403 -"
    ),
    "centre-detail": Route(
        "centres.Centre", "jlp_commission", get="login 404 404 200 200 200", post="- - - - - -"
    ),
    "centre-dissolve": Route(
        "centres.Centre", "jlp_commission", get="- - - - - -", post="login 404 404 403 403 -"
    ),
    "centre-handover": Route(
        "centres.Centre", "jlp_commission", get="- - - - - -", post="login 404 404 403 403 -"
    ),
    "centre-leader-vacate": Route(
        "centres.Centre", "jlp_commission", get="- - - - - -", post="login 404 404 403 403 -"
    ),
    "centre-term-decision": Route(
        "centres.Centre", "jlp_commission", get="- - - - - -", post="login 404 404 403 403 -"
    ),
    "selection-call-list": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 403 400 403 403 -"
    ),
    "selection-call-detail": Route(
        "centres.SelectionCall", "jlp_commission", get="login 200 404 404 200 200", post="- - - - - -"
    ),
    "selection-call-close": Route(
        "centres.SelectionCall", "jlp_commission", get="- - - - - -", post="login 403 404 404 403 -"
    ),
    "selection-call-designate": Route(
        "centres.SelectionCall", "jlp_commission", get="- - - - - -", post="login 403 404 404 403 -"
    ),
    "selection-call-establish": Route(
        "centres.SelectionCall", "jlp_commission", get="- - - - - -", post="login 403 404 404 403 -"
    ),
    "selection-call-notice": Route(
        "centres.SelectionCall",
        "jlp_commission",
        get="login 200 404 404 200 200",
        post="login 403 404 404 403 -",
    ),
    "selection-call-ranking": Route(
        "centres.SelectionCall", "jlp_commission", get="login 403 404 404 403 200", post="- - - - - -"
    ),
    "selection-call-select": Route(
        "centres.SelectionCall", "jlp_commission", get="- - - - - -", post="login 403 404 404 403 -"
    ),
    "centre-application-list": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 403 403 403 403 -"
    ),
    "centre-application-detail": Route(
        "centres.Application",
        "jlp_commission",
        get="login 404 404 404 200 200",
        post="login 404 404 404 403 -",
    ),
    "centre-application-preliminary-review": Route(
        "centres.Application", "jlp_commission", get="- - - - - -", post="login 404 404 404 403 -"
    ),
    "centre-application-submit": Route(
        "centres.Application", "jlp_commission", get="- - - - - -", post="login 404 404 404 403 -"
    ),
    "panel-member-list": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 403 400 400 403 -"
    ),
    "panel-member-detail": Route(
        "centres.PanelMember", "jlp_commission", get="login 404 404 404 200 200", post="- - - - - -"
    ),
    "panel-member-declare-conflict": Route(
        "centres.PanelMember", "jlp_commission", get="- - - - - -", post="login 404 404 404 403 -"
    ),
    "review-score-list": Route(None, "jlp_commission", get="- - - - - -", post="login 403 403 400 403 -"),
    "objection-list": Route(None, "jlp_commission", get="login 200 200 200 200 200", post="- - - - - -"),
    "objection-detail": Route(
        "centres.Objection", "jlp_commission", get="login 404 404 404 200 200", post="- - - - - -"
    ),
    "objection-handle": Route(
        "centres.Objection", "jlp_commission", get="- - - - - -", post="login 404 404 404 403 -"
    ),
    "leader-change-list": Route(None, "jlp_commission", get="login 200 200 200 200 200", post="- - - - - -"),
    "leader-change-detail": Route(
        "centres.LeaderChange", "jlp_commission", get="login 404 404 200 200 200", post="- - - - - -"
    ),
    "leader-change-approve": Route(
        "centres.LeaderChange", "jlp_commission", get="- - - - - -", post="login 404 404 403 403 -"
    ),
    "leader-change-nominate": Route(
        "centres.LeaderChange", "jlp_commission", get="- - - - - -", post="login 404 404 403 403 -"
    ),
    "leader-change-reselect-host": Route(
        "centres.LeaderChange", "jlp_commission", get="- - - - - -", post="login 404 404 403 403 -"
    ),
    "handover-list": Route(None, "jlp_commission", get="login 200 200 200 200 200", post="- - - - - -"),
    "handover-detail": Route(
        "centres.Handover", "jlp_commission", get="login 404 404 404 200 200", post="- - - - - -"
    ),
    "handover-item": Route(
        "centres.Handover", "jlp_commission", get="- - - - - -", post="login 404 404 404 403 -"
    ),
    "handover-sign": Route(
        "centres.Handover", "jlp_commission", get="- - - - - -", post="login 404 404 404 403 -"
    ),
    "centres:call_list": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 405 405 405 403 -"
    ),
    "centres:application_list": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 405 405 405 403 -"
    ),
    "centres:term_list": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 405 405 405 403 -"
    ),
    "centres:leader_change_list": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 405 405 405 403 -"
    ),
}

"""Who gets what on each of this app's routes: core/access.py explains the columns
(anonymous, another hospital, another jurisdiction, an expert, an auditor, the right user) and
tests/test_role_matrix.py checks every route against its row."""

from core.access import Route


def SAMPLES():  # noqa: N802 — an interest declared by the demo expert
    from django.contrib.auth import get_user_model

    from experts.services import declaration_add

    expert = get_user_model().objects.get(username="jlp_expert")
    declaration_add(
        person=expert.person, acting_user=expert, kind="employer", institution=expert.person.employer
    )


ACCESS = {
    "experts:committee_list": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 405 405 405 403 -"
    ),
    "experts:committee_create": Route(
        "centres.Centre",
        "jlp_commission",
        get="login 405 405 405 405 405",
        post="login 404 404 403 403 -",
        pk="centre_pk",
    ),
    "experts:committee_detail": Route(
        "experts.Committee", "jlp_commission", get="login 404 404 200 200 200", post="login 405 405 405 403 -"
    ),
    "experts:seat_add": Route(
        "experts.Committee", "jlp_host", get="login 405 405 405 405 405", post="login 404 404 403 403 -"
    ),
    "experts:roster_import": Route(
        "experts.Committee", "jlp_host", get="login 405 405 405 405 405", post="login 404 404 403 403 -"
    ),
    "experts:roster_submit": Route(
        "experts.Committee", "jlp_host", get="login 405 405 405 405 405", post="login 404 404 403 403 -"
    ),
    "experts:roster_approve": Route(
        "experts.Committee", "jlp_commission", get="login 405 405 405 405 405", post="login 404 404 403 403 -"
    ),
    "experts:roster_return": Route(
        "experts.Committee", "jlp_commission", get="login 405 405 405 405 405", post="login 404 404 403 403 -"
    ),
    "experts:meeting_add": Route(
        "experts.Committee", "jlp_host", get="login 405 405 405 405 405", post="login 404 404 403 403 -"
    ),
    "experts:appointment_letter": Route(
        "experts.CommitteeMember",
        "jlp_commission",
        get="login 404 404 302 302 302",
        post="login 405 405 405 403 -",
    ),
    "experts:seat_delete": Route(
        "experts.CommitteeMember", "jlp_host", get="login 405 405 405 405 405", post="login 404 404 403 403 -"
    ),
    "experts:seat_action": Route(
        "experts.CommitteeMember",
        "jlp_commission",
        get="login 405 405 405 405 405",
        post="login 404 404 403 403 -",
        params={"action": "remove"},
    ),
    "experts:my_hours": Route(
        None, "jlp_expert", get="login 403 200 200 403 200", post="login 403 200 200 403 -"
    ),
    "experts:duty_edit": Route(
        "experts.DutyLog",
        "jlp_expert",
        get="login 404 404 404 404 200",
        post="login 404 404 404 403 -",
        where={"status": "pending"},  # a confirmed entry's edit page sends the expert back (已确认)
    ),
    "experts:mine": Route(
        None, "jlp_expert", get="login 403 200 200 403 200", post="login 403 404 404 403 -"
    ),
    "experts:duty_queue": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 405 405 405 403 -"
    ),
    "experts:duty_decide": Route(
        "experts.DutyLog",
        "jlp_host",
        get="login 405 405 405 405 405",
        post="login 404 404 403 403 -",
        params={"action": "confirm"},
    ),
    "experts:hours_overview": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 405 405 405 403 -"
    ),
    "experts:activity_list": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 200 200 200 403 -"
    ),
    "experts:activity_detail": Route(
        "experts.Activity", "jlp_host", get="login 404 404 200 200 200", post="login 405 405 405 403 -"
    ),
    "experts:sign_in": Route(
        None,
        "jlp_expert",
        get="login 404 404 404 404 404",
        post="login 404 404 404 403 -",
        params={"token": "nosuchtoken"},
    ),
    "experts:library": Route(
        None, "cq_qc_office", get="login 200 200 200 200 200", post="login 405 405 405 403 -"
    ),
    "experts:apply": Route(
        None, "cq_qc_office", get="login 200 200 200 200 200", post="login 200 200 200 403 -"
    ),
    "experts:application_detail": Route(
        "experts.ExpertApplication",
        "cq_qc_office",
        get="login 404 404 404 200 200",
        post="login 404 404 404 403 -",
    ),
    "experts:expert_detail": Route(
        "experts.Expert", "cq_qc_office", get="login 404 404 404 200 200", post="login 404 404 404 403 -"
    ),
    "experts:grading_open": Route(
        "experts.Library",
        "cq_qc_office",
        get="login 404 404 404 404 404",
        post="login 404 404 403 403 -",
        pk="library_pk",
    ),
    "experts:grading_detail": Route(
        "experts.Grading", "cq_qc_office", get="login 404 404 404 200 200", post="login 404 404 404 403 -"
    ),
    "experts:recusals": Route(
        None, "cq_qc_office", get="login 403 200 403 200 200", post="login 405 405 405 403 -"
    ),
    "committee-list": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 403 400 400 403 -"
    ),
    "committee-detail": Route(
        "experts.Committee", "jlp_commission", get="login 404 404 200 200 200", post="- - - - - -"
    ),
    "committee-approve": Route(
        "experts.Committee", "jlp_commission", get="- - - - - -", post="login 404 404 403 403 -"
    ),
    "committee-check": Route(
        "experts.Committee", "jlp_commission", get="login 404 404 200 200 200", post="- - - - - -"
    ),
    "committee-import-roster": Route(
        "experts.Committee", "jlp_commission", get="- - - - - -", post="login 404 404 403 403 -"
    ),
    "committee-members": Route(
        "experts.Committee", "jlp_commission", get="- - - - - -", post="login 404 404 403 403 -"
    ),
    "committee-send-back": Route(
        "experts.Committee", "jlp_commission", get="- - - - - -", post="login 404 404 403 403 -"
    ),
    "committee-submit": Route(
        "experts.Committee", "jlp_commission", get="- - - - - -", post="login 404 404 403 403 -"
    ),
    "committee-member-list": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="- - - - - -"
    ),
    "committee-member-detail": Route(
        "experts.CommitteeMember",
        "jlp_commission",
        get="login 404 404 200 200 200",
        post="login 404 404 409 403 -",
    ),
    "committee-member-leave": Route(
        "experts.CommitteeMember", "jlp_commission", get="- - - - - -", post="login 404 404 403 403 -"
    ),
    "committee-member-remove": Route(
        "experts.CommitteeMember", "jlp_commission", get="- - - - - -", post="login 404 404 403 403 -"
    ),
    "committee-member-withdraw": Route(
        "experts.CommitteeMember", "jlp_commission", get="- - - - - -", post="login 404 404 403 403 -"
    ),
    "committee-member-withdrawal-request": Route(
        "experts.CommitteeMember", "jlp_commission", get="- - - - - -", post="login 404 404 400 403 -"
    ),
    "duty-log-list": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 403 400 400 403 -"
    ),
    "duty-log-year": Route(None, "jlp_commission", get="login 400 400 200 400 400", post="- - - - - -"),
    "duty-log-detail": Route(
        "experts.DutyLog", "jlp_host", get="login 404 404 200 200 200", post="login 404 404 409 403 -"
    ),
    "duty-log-confirm": Route(
        "experts.DutyLog", "jlp_host", get="- - - - - -", post="login 404 404 403 403 -"
    ),
    "duty-log-send-back": Route(
        "experts.DutyLog", "jlp_host", get="- - - - - -", post="login 404 404 403 403 -"
    ),
    "activity-list": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 403 400 400 403 -"
    ),
    "activity-sign-in": Route(None, "jlp_commission", get="- - - - - -", post="login 403 400 400 403 -"),
    "activity-detail": Route(
        "experts.Activity", "jlp_commission", get="login 404 404 200 200 200", post="- - - - - -"
    ),
    "library-expert-list": Route(None, "jlp_commission", get="login 200 200 200 200 200", post="- - - - - -"),
    "library-expert-detail": Route(
        "experts.Expert", "cq_qc_office", get="login 404 404 404 200 200", post="login 404 404 404 403 -"
    ),
    "library-expert-exit": Route(
        "experts.Expert", "cq_qc_office", get="- - - - - -", post="login 404 404 404 403 -"
    ),
    "library-expert-exit-request": Route(
        "experts.Expert", "cq_qc_office", get="- - - - - -", post="login 404 404 404 403 -"
    ),
    "library-expert-renew": Route(
        "experts.Expert", "cq_qc_office", get="- - - - - -", post="login 404 404 404 403 -"
    ),
    "expert-application-list": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 403 400 400 403 -"
    ),
    "expert-application-detail": Route(
        "experts.ExpertApplication", "cq_qc_office", get="login 404 404 404 200 200", post="- - - - - -"
    ),
    "expert-application-appoint": Route(
        "experts.ExpertApplication", "cq_qc_office", get="- - - - - -", post="login 404 404 404 403 -"
    ),
    "expert-application-approve": Route(
        "experts.ExpertApplication", "cq_qc_office", get="- - - - - -", post="login 404 404 404 403 -"
    ),
    "expert-application-notice": Route(
        "experts.ExpertApplication", "cq_qc_office", get="- - - - - -", post="login 404 400 400 403 -"
    ),
    "expert-application-review": Route(
        "experts.ExpertApplication", "cq_qc_office", get="- - - - - -", post="login 404 400 400 403 -"
    ),
    "interest-declaration-list": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 403 400 400 403 -"
    ),
    "interest-declaration-detail": Route(
        "experts.InterestDeclaration", "jlp_expert", get="login 404 404 404 200 200", post="- - - - - -"
    ),
    "interest-declaration-withdraw": Route(
        "experts.InterestDeclaration", "jlp_expert", get="- - - - - -", post="login 404 404 404 403 -"
    ),
    "expert-grading-list": Route(None, "jlp_commission", get="login 200 200 200 200 200", post="- - - - - -"),
    "expert-grading-detail": Route(
        "experts.Grading", "cq_qc_office", get="login 404 404 404 200 200", post="- - - - - -"
    ),
    "expert-grading-finalise": Route(
        "experts.Grading", "cq_qc_office", get="- - - - - -", post="login 404 404 404 403 -"
    ),
    "expert-grading-grade": Route(
        "experts.Grading", "cq_qc_office", get="- - - - - -", post="login 404 404 404 403 -"
    ),
    "experts:letters_request": Route(
        "experts.Committee", "jlp_commission", get="login 405 405 405 405 405", post="login 404 404 403 403 -"
    ),
    "experts:hours_deadlines": Route(
        "experts.Library",
        "cq_qc_office",
        get="login 405 405 405 405 405",
        post="login 404 404 403 403 -",
        pk="library_pk",
    ),
    "committee-letters": Route(
        "experts.Committee", "jlp_commission", get="- - - - - -", post="login 404 404 403 403 -"
    ),
    "duty-log-open-deadlines": Route(None, "jlp_host", get="- - - - - -", post="login 403 400 400 403 -"),
}

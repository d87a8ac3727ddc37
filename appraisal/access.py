"""Who gets what on each of this app's routes: core/access.py explains the columns
(anonymous, another hospital, another jurisdiction, an expert, an auditor, the right user) and
tests/test_role_matrix.py checks every route against its row."""

from core.access import Route


def _assessment_of(invitation):
    return invitation.year.assessments.values_list("pk", flat=True).first() or 0


def SAMPLES():  # noqa: N802 — an ordinary prohibited-act finding in 九龙坡
    from django.contrib.auth import get_user_model

    from appraisal.rules import prohibited_items
    from appraisal.services import finding_record
    from centres.models import Centre
    from core.workflow import ruleset_for, today

    commission = get_user_model().objects.get(username="jlp_commission")
    centre = Centre.objects.for_user(commission).filter(status="active").order_by("pk").first()
    act = prohibited_items(ruleset_for(centre))[0].code
    finding_record(
        centre=centre, act=act, severity="ordinary", facts="记录", found_on=today(), acting_user=commission
    )


# An assessment of the year open for scoring, of the centre 中医院 hosts: the "other hospital" user
# (jlp_scorer, of 中医院) sees it as its host's and may not act on it.
OPEN_YEAR = {"year__status": "scoring", "centre__host__name": "九龙坡区中医院"}

ACCESS = {
    "appraisal:year_list": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 200 200 200 403 -"
    ),
    "appraisal:year_open": Route(
        None, "jlp_commission", get="login 200 200 200 403 200", post="login 200 200 200 403 -"
    ),
    "appraisal:dashboard": Route(
        None, "jlp_commission", get="login 200 200 403 200 200", post="login 200 200 403 403 -"
    ),
    "appraisal:year_detail": Route(
        "appraisal.AssessmentYear",
        "jlp_commission",
        get="login 200 404 404 200 200",
        post="login 200 404 404 403 -",
    ),
    "appraisal:year_criteria": Route(
        "appraisal.AssessmentYear",
        "jlp_commission",
        get="login 200 404 404 403 200",
        post="login 200 404 404 403 -",
    ),
    "appraisal:year_action": Route(
        "appraisal.AssessmentYear",
        "jlp_commission",
        get="login 405 405 405 405 405",
        post="login 404 404 404 403 -",
        params={"step": "close-scoring"},
    ),
    "appraisal:invitation_detail": Route(
        "appraisal.ScoringInvitation",
        "jlp_scorer",
        get="login 404 404 404 200 200",
        post="login 404 404 404 403 -",
    ),
    "appraisal:invitation_submit": Route(
        "appraisal.ScoringInvitation",
        "jlp_scorer",
        get="login 405 405 405 405 405",
        post="login 404 404 404 403 -",
    ),
    "appraisal:score": Route(
        "appraisal.ScoringInvitation",
        "jlp_scorer",
        get="login 404 404 404 200 200",
        post="login 404 404 404 403 -",
        params=lambda i: {"assessment_pk": _assessment_of(i)},
    ),
    "appraisal:assessment_detail": Route(
        "appraisal.CentreAssessment",
        "jlp_commission",
        get="login 200 404 404 200 200",
        post="login 403 404 404 403 -",
        where=OPEN_YEAR,
    ),
    "appraisal:consequence_detail": Route(
        "appraisal.Consequence",
        "jlp_commission",
        get="login 200 404 404 200 200",
        post="login 403 404 404 403 -",
    ),
    "appraisal:centre": Route(
        "centres.Centre", "jlp_commission", get="login 404 404 200 200 200", post="login 404 404 403 403 -"
    ),
    "appraisal:finding_create": Route(
        "centres.Centre", "jlp_commission", get="login 404 404 200 403 200", post="login 404 404 200 403 -"
    ),
    "appraisal:duty_centres": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 200 200 200 403 -"
    ),
    "appraisal:duty_year": Route(
        "centres.Centre",
        "jlp_commission",
        get="login 404 404 200 200 200",
        post="login 404 404 403 403 -",
        params={"year": "2025"},
    ),
    "appraisal-year-list": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 403 400 403 403 -"
    ),
    "appraisal-year-detail": Route(
        "appraisal.AssessmentYear", "jlp_commission", get="login 200 404 404 200 200", post="- - - - - -"
    ),
    "appraisal-year-close-scoring": Route(
        "appraisal.AssessmentYear", "jlp_commission", get="- - - - - -", post="login 403 404 404 403 -"
    ),
    "appraisal-year-confirm": Route(
        "appraisal.AssessmentYear", "jlp_commission", get="- - - - - -", post="login 403 404 404 403 -"
    ),
    "appraisal-year-criteria": Route(
        "appraisal.AssessmentYear", "jlp_commission", get="- - - - - -", post="login 403 400 404 403 -"
    ),
    "appraisal-year-open-scoring": Route(
        "appraisal.AssessmentYear", "jlp_commission", get="- - - - - -", post="login 403 404 404 403 -"
    ),
    "appraisal-year-propose": Route(
        "appraisal.AssessmentYear", "jlp_commission", get="- - - - - -", post="login 403 404 404 403 -"
    ),
    "appraisal-year-publish": Route(
        "appraisal.AssessmentYear", "jlp_commission", get="- - - - - -", post="login 403 404 404 403 -"
    ),
    "appraisal-invitation-list": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="- - - - - -"
    ),
    "appraisal-invitation-detail": Route(
        "appraisal.ScoringInvitation", "jlp_scorer", get="login 404 404 404 200 200", post="- - - - - -"
    ),
    "appraisal-invitation-score": Route(
        "appraisal.ScoringInvitation", "jlp_scorer", get="- - - - - -", post="login 404 404 404 403 -"
    ),
    "appraisal-invitation-submit": Route(
        "appraisal.ScoringInvitation", "jlp_scorer", get="- - - - - -", post="login 404 404 404 403 -"
    ),
    "appraisal-assessment-list": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="- - - - - -"
    ),
    "appraisal-assessment-detail": Route(
        "appraisal.CentreAssessment",
        "jlp_commission",
        get="login 200 404 404 200 200",
        post="- - - - - -",
        where=OPEN_YEAR,
    ),
    "appraisal-assessment-conditions": Route(
        "appraisal.CentreAssessment",
        "jlp_commission",
        get="- - - - - -",
        post="login 403 400 404 403 -",
        where=OPEN_YEAR,
    ),
    "appraisal-assessment-grade": Route(
        "appraisal.CentreAssessment",
        "jlp_commission",
        get="- - - - - -",
        post="login 403 400 404 403 -",
        where=OPEN_YEAR,
    ),
    "appraisal-assessment-host-support": Route(
        "appraisal.CentreAssessment",
        "jlp_commission",
        get="- - - - - -",
        post="login 403 400 404 403 -",
        where=OPEN_YEAR,
    ),
    "appraisal-assessment-self-report": Route(
        "appraisal.CentreAssessment",
        "jlp_commission",
        get="- - - - - -",
        post="login 403 400 404 403 -",
        where=OPEN_YEAR,
    ),
    "appraisal-consequence-list": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="- - - - - -"
    ),
    "appraisal-consequence-detail": Route(
        "appraisal.Consequence", "jlp_commission", get="login 200 404 404 200 200", post="- - - - - -"
    ),
    "appraisal-consequence-execute": Route(
        "appraisal.Consequence", "jlp_commission", get="- - - - - -", post="login 403 404 404 403 -"
    ),
    "appraisal-consequence-report": Route(
        "appraisal.Consequence", "jlp_commission", get="- - - - - -", post="login 403 404 404 403 -"
    ),
    "appraisal-consequence-review": Route(
        "appraisal.Consequence", "jlp_commission", get="- - - - - -", post="login 403 404 404 403 -"
    ),
    "appraisal-finding-list": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 403 400 403 403 -"
    ),
    "appraisal-finding-detail": Route(
        "appraisal.ProhibitedActFinding",
        "jlp_commission",
        get="login 404 404 200 200 200",
        post="- - - - - -",
    ),
    "appraisal-duty-list": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 403 400 403 403 -"
    ),
    "appraisal-duty-detail": Route(
        "appraisal.DutyRecord", "jlp_commission", get="login 404 404 200 200 200", post="- - - - - -"
    ),
    "appraisal-duty-confirm": Route(
        "appraisal.DutyRecord", "jlp_commission", get="- - - - - -", post="login 404 404 403 403 -"
    ),
    "appraisal-duty-return-": Route(
        "appraisal.DutyRecord", "jlp_commission", get="- - - - - -", post="login 404 404 403 403 -"
    ),
    # 济南 第十二条: the evaluated institution's rectification report back, received by the centre
    "appraisal:rectification_list": Route(
        None, "jn_host", get="login 200 200 200 200 200", post="login 200 200 200 403 -"
    ),
    "appraisal:rectification_detail": Route(
        "appraisal.InstitutionRectification",
        "jn_host",
        get="login 404 404 404 200 200",
        post="login 404 404 404 403 -",
    ),
    "appraisal-rectification-list": Route(
        None, "jn_host", get="login 200 200 200 200 200", post="- - - - - -"
    ),
    "appraisal-rectification-detail": Route(
        "appraisal.InstitutionRectification", "jn_host", get="login 404 404 404 200 200", post="- - - - - -"
    ),
    "appraisal-rectification-report": Route(
        "appraisal.InstitutionRectification", "jn_host", get="- - - - - -", post="login 404 404 404 403 -"
    ),
    "appraisal-rectification-review": Route(
        "appraisal.InstitutionRectification", "jn_host", get="- - - - - -", post="login 404 404 404 403 -"
    ),
}

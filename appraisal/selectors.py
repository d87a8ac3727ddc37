"""Every read of the appraisal, already scoped to the user (``for_user``)."""

from __future__ import annotations

from django.db.models import Count, Q

from centres.models import Centre

from .models import AssessmentYear, CentreAssessment, CentreScore, Consequence, DutyRecord, ScoringInvitation


def year_list(*, user):
    return (
        AssessmentYear.objects.for_user(user)
        .select_related("jurisdiction")
        .annotate(
            n_centres=Count("assessments", distinct=True),
            n_invited=Count("invitations", distinct=True),
            n_submitted=Count("invitations", filter=Q(invitations__status="submitted"), distinct=True),
        )
        # An aggregate (GROUP BY) drops the model's Meta.ordering: the latest year first, explicitly.
        .order_by("-year", "jurisdiction__path", "pk")
    )


def year_assessments(year, *, user):
    return (
        CentreAssessment.objects.for_user(user)
        .filter(year=year)
        .select_related("centre", "host")
        .prefetch_related("fail_conditions", "scores")
        .order_by("centre__name")
    )


def assessment_list(*, user):
    return (
        CentreAssessment.objects.for_user(user)
        .select_related("centre", "year")
        .prefetch_related("fail_conditions")
    )


def invitation_for(year, *, user):
    """The user's own invitation to score ``year`` (None if the user's institution is not invited)."""
    if not user.institution_id:
        return None
    return ScoringInvitation.objects.filter(year=year, institution=user.institution_id).first()


def scores_by_criterion(year, *, user) -> dict:
    """The institutions' mean score of each centre on each criterion (chart and table)."""
    rows = {}
    for centre, criterion, score in (
        CentreScore.objects.for_user(user)
        .filter(assessment__year=year)
        .values_list("assessment__centre__name", "criterion", "score")
    ):
        rows.setdefault(centre, {}).setdefault(criterion, []).append(float(score))
    return {c: {k: round(sum(v) / len(v), 2) for k, v in crit.items()} for c, crit in sorted(rows.items())}


def centre_grades(centre, *, user):
    return (
        CentreAssessment.objects.for_user(user)
        .filter(centre=centre)
        .select_related("year")
        .order_by("year__year")
    )


def consequences_for(centre, *, user):
    return (
        Consequence.objects.for_user(user)
        .filter(centre=centre)
        .select_related("assessment__year")
        .prefetch_related("reports")
    )


def duty_centres(*, user):
    return (
        Centre.objects.for_user(user)
        .filter(status=Centre.Status.ACTIVE)
        .select_related("jurisdiction", "host", "specialty")
    )


def duty_records(centre, year, *, user):
    return (
        DutyRecord.objects.for_user(user)
        .filter(centre=centre, year=year)
        .select_related("institution", "recorded_by", "advance_report", "rectification")
        .order_by("kind", "done_on")
    )


def grade_distribution(*, user) -> dict:
    """Confirmed grades by year: {year: {grade: n}} in the user's scope."""
    out: dict = {}
    for year, grade, n in (
        CentreAssessment.objects.for_user(user)
        .filter(status="confirmed")
        .values_list("year__year", "grade")
        .annotate(n=Count("pk"))
        .order_by("year__year")
    ):
        out.setdefault(year, {})[grade] = n
    return out


def institution_rectifications(*, user):
    """济南 第十二条: the evaluated institutions' reports back, scoped (the institution its own, the
    centre's host those it receives, the commission its jurisdiction's)."""
    from .models import InstitutionRectification

    return (
        InstitutionRectification.objects.for_user(user)
        .select_related("evaluation__centre", "institution")
        .order_by("status", "due_on")
    )

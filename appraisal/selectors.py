"""Every read of the appraisal, already scoped to the user (``for_user``)."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from centres.models import Centre

from .models import AssessmentYear, CentreAssessment, CentreScore, Consequence, DutyRecord, ScoringInvitation


def years(*, user):
    """The years in the user's scope, the latest first: plain rows, no aggregate (the API, the
    dashboard's latest year)."""
    return (
        AssessmentYear.objects.for_user(user)
        .select_related("jurisdiction")
        .order_by("-year", "jurisdiction__path", "pk")
    )


def _count(queryset):
    """How many rows of ``queryset`` (filtered on ``year=OuterRef("pk")``) belong to the outer year:
    a correlated subquery through the foreign key's index, which PostgreSQL evaluates only for the
    rows of the page shown (after ORDER BY … LIMIT), never for the whole province (issue 14)."""
    counted = queryset.order_by().values("year_id").annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def year_list(*, user):
    """年度考核: the years with their centres and scoring institutions counted. The counts are
    subqueries, not a join of both child tables with COUNT(DISTINCT) and GROUP BY over every year
    (700 ms at province scale, issue 14); the criteria and thresholds (JSON) are not shown."""
    return (
        years(user=user)
        .defer("criteria", "thresholds")
        .annotate(
            n_centres=_count(CentreAssessment.objects.filter(year=OuterRef("pk"))),
            n_invited=_count(ScoringInvitation.objects.filter(year=OuterRef("pk"))),
            n_submitted=_count(ScoringInvitation.objects.filter(year=OuterRef("pk"), status="submitted")),
        )
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


def duty_status_counts(*, user, year: int) -> dict[str, dict[str, int]]:
    """The year's duties of the running centres in scope, counted by duty and status in one
    aggregate query (issue 14): {duty kind: {"done", "due", "overdue"}}. Read from the deadlines
    each opened duty year carries (duties.duty_year_open), which the duty's confirmation meets when
    the rule set's count is reached and the sweep marks overdue — the yearly status kept as it
    changes, so the chart judges no centre on load. A deadline past due the sweep has not reached
    yet counts as overdue; a waived one is not counted."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from deadlines.models import Deadline

    from .duties import DUTY_DEADLINE_PREFIX
    from .models import DutyYear

    now = timezone.now()
    opened = DutyYear.objects.for_user(user).filter(year=year, centre__status=Centre.Status.ACTIVE)
    S = Deadline.State
    rows = (
        Deadline.objects.filter(
            content_type=ContentType.objects.get_for_model(DutyYear),
            object_id__in=opened.values("pk"),
            kind__startswith=DUTY_DEADLINE_PREFIX,
        )
        .values_list("kind")
        .annotate(
            done=Count("pk", filter=Q(state=S.MET)),
            due=Count("pk", filter=Q(state=S.OPEN, due_at__gte=now)),
            overdue=Count("pk", filter=Q(state=S.OVERDUE) | Q(state=S.OPEN, due_at__lt=now)),
        )
        .order_by()
    )
    return {
        kind.removeprefix(DUTY_DEADLINE_PREFIX): {"done": done, "due": due, "overdue": overdue}
        for kind, done, due, overdue in rows
    }


def duty_years_not_opened(*, user, year: int) -> int:
    """How many running centres in scope have no duty year opened for ``year`` (one count)."""
    return duty_centres(user=user).exclude(duty_years__year=year).order_by().count()


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

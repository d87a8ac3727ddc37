"""Every read of the experts app, scoped to the user; and the two questions other apps ask:
``conflicted(person, institution, on=…)`` and ``is_assignable(person, on)``."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce

from core.workflow import today

from .models import (
    Activity,
    Committee,
    CommitteeMember,
    DutyLog,
    Expert,
    ExpertApplication,
    Grading,
    InterestDeclaration,
    Library,
    Recusal,
)

# --- the questions other apps ask ---------------------------------------------------------------


def conflicted(person, institution, on: date | None = None) -> list[str]:
    """Why ``person`` may not act on ``institution``'s case on ``on`` (today by default): the
    evident interests (their own employer, their first practice site) and the interests they
    declared that are in force on that day. An empty list: no known conflict.

    The centres panel, inspections and evaluations call this wherever an expert is assigned to an
    institution's case (重庆全科 一、(三)4.: 严格执行回避制度); each hit is recorded with
    ``services.recusal_record(..., reasons=...)``."""
    on = on or today()
    reasons: list[str] = []
    if person.employer_id and person.employer_id == institution.pk:
        reasons.append(f"本人工作单位为{institution.name}")
    if (
        person.first_practice_site_id
        and person.first_practice_site_id == institution.pk
        and person.first_practice_site_id != person.employer_id
    ):
        reasons.append(f"本人第一执业地点为{institution.name}")
    declared = (
        InterestDeclaration.objects.filter(person=person, institution=institution, withdrawn_at__isnull=True)
        .filter(Q(since__isnull=True) | Q(since__lte=on))
        .filter(Q(until__isnull=True) | Q(until__gte=on))
    )
    for d in declared:
        reasons.append(f"已申报：{d.get_kind_display()}{('（' + d.note + '）') if d.note else ''}")
    return reasons


def is_assignable(person, on: date | None = None) -> bool:
    """Whether ``person`` may be assigned work anywhere in the product on ``on``: not when they have
    exited an expert library (任期届满 without renewal, dismissal, failed assessment, …) and hold no
    other appointment in force. A person never in a library is assignable (committees and panels
    draw on the directory)."""
    on = on or today()
    appointments = Expert.objects.filter(person=person)
    if not appointments.exists():
        return True
    in_force = appointments.filter(appointed_on__lte=on).filter(
        Q(status__in=[Expert.Status.ACTIVE, Expert.Status.EXIT_REQUESTED]) | Q(exit_on__gt=on)
    )
    return in_force.exists() or not appointments.filter(status=Expert.Status.EXITED, exit_on__lte=on).exists()


# --- committees -------------------------------------------------------------------------------


def committee_list(*, user, filters: dict | None = None):
    filters = filters or {}
    qs = (
        Committee.objects.for_user(user)
        .select_related("centre__jurisdiction", "centre__host")
        .annotate(
            seats=Count(
                "members", filter=Q(members__status__in=["active", "withdrawal_requested"]), distinct=True
            )
        )
    )
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("q"):
        qs = qs.filter(Q(name__icontains=filters["q"]) | Q(centre__name__icontains=filters["q"]))
    return qs.order_by("centre__jurisdiction__path", "centre__name", "kind")


def committee_detail_qs():
    return Committee.objects.select_related(
        "centre__jurisdiction__commission", "centre__host", "notice", "decided_by"
    )


def seat_pool(committee, user):
    """The people ``user`` may pick for ``committee``'s roster (page and API): the directory as the
    user sees it, plus everyone in the centre's jurisdiction (committees draw on the district's
    experts) — always within what the user may seat at all (the fields' ``seatable_by``,
    experts/pickers.py). Searched, never listed whole (issue 14)."""
    from directory.models import Person

    from .pickers import people

    visible = Person.objects.for_user(user).values("pk")
    return (
        people()
        .filter(
            Q(employer__jurisdiction__path__startswith=committee.centre.jurisdiction.path) | Q(pk__in=visible)
        )
        .select_related("employer")
        .order_by("name")
    )


def seats_of(committee):
    return committee.members.select_related("person", "decision", "letter").order_by("status", "pk")


# --- duty hours -------------------------------------------------------------------------------


def duty_logs_of(*, user, person):
    return (
        DutyLog.objects.for_user(user).filter(person=person).select_related("centre", "library", "activity")
    )


def duty_queue(*, user, status: str = "pending"):
    qs = DutyLog.objects.for_user(user).select_related(
        "person", "centre__host", "library", "activity", "jurisdiction"
    )
    return qs.filter(status=status) if status else qs


def activities(*, user):
    return Activity.objects.for_user(user).select_related("centre", "library", "sign_in_code")


def hours_overview(*, user, year: int, place=None, sort: str = "name"):
    """Everyone's year, one row per expert: confirmed and pending hours, the minimum of their level
    and who is behind. ``place`` limits it to a centre or a library."""
    from decimal import Decimal

    from .services import minimums_for

    zero = Value(Decimal(0), output_field=DecimalField(max_digits=8, decimal_places=1))
    logs = DutyLog.objects.for_user(user).filter(worked_on__year=year)
    if isinstance(place, Library):
        logs = logs.filter(library=place)
    elif place is not None:
        logs = logs.filter(centre=place)
    rows = logs.values("person", "person__name").annotate(
        confirmed=Coalesce(Sum("hours", filter=Q(status="confirmed")), zero),
        pending=Coalesce(Sum("hours", filter=Q(status="pending")), zero),
    )
    rows = {r["person"]: dict(r) for r in rows}
    experts = (
        Expert.objects.for_user(user)
        .filter(status__in=["active", "exit_requested"])
        .select_related("person", "library__jurisdiction")
    )
    if isinstance(place, Library):
        experts = experts.filter(library=place)
    experts = list(experts)
    # the minimum of each library and level, from the rule sets in force, in one go (issue 14)
    minimums = minimums_for(expert.library for expert in experts)
    for expert in experts:
        key = (expert.library_id, expert.level)
        row = rows.setdefault(
            expert.person_id,
            {
                "person": expert.person_id,
                "person__name": expert.person.name,
                "confirmed": Decimal(0),
                "pending": Decimal(0),
            },
        )
        row["minimum"], row["article"] = minimums[key]
        row["level"] = expert.get_level_display()
    out = []
    for row in rows.values():
        minimum = row.get("minimum")
        row["percent"] = min(100, int(row["confirmed"] * 100 / minimum)) if minimum else None
        row["behind"] = bool(minimum and row["confirmed"] < minimum)
        row["missing"] = (minimum - row["confirmed"]) if row["behind"] else Decimal(0)
        out.append(row)
    keys = {
        "name": lambda r: r["person__name"],
        "hours": lambda r: r["confirmed"],
        "-hours": lambda r: -r["confirmed"],
        "behind": lambda r: (not r["behind"], -(r["missing"])),
    }
    return sorted(out, key=keys.get(sort, keys["name"]))


def evidence_of(*, user, logs) -> dict[int, list]:
    """The evidence files of the entries the secretary confirms (one query), by entry id."""
    from django.contrib.contenttypes.models import ContentType

    from attachments.models import Attachment

    if not logs:
        return {}
    files = (
        Attachment.objects.for_user(user)
        .alive()
        .filter(
            subject_type=ContentType.objects.get_for_model(DutyLog),
            subject_id__in=[log.pk for log in logs],
            kind="experts.duty_evidence",
        )
        .order_by("pk")
    )
    out: dict[int, list] = {}
    for f in files:
        out.setdefault(f.subject_id, []).append(f)
    return out


def monthly_hours(*, user, year: int):
    """Confirmed hours by expert and month (for the export)."""
    from django.db.models.functions import ExtractMonth

    return (
        DutyLog.objects.for_user(user)
        .filter(worked_on__year=year, status="confirmed")
        .annotate(month=ExtractMonth("worked_on"))
        .values("person__name", "month")
        .annotate(total=Sum("hours"))
        .order_by("person__name", "month")
    )


# --- library ----------------------------------------------------------------------------------


def libraries(*, user):
    return Library.objects.for_user(user).select_related("jurisdiction")


def experts_list(*, user, filters: dict | None = None):
    filters = filters or {}
    qs = Expert.objects.for_user(user).select_related("person__employer", "library", "jurisdiction")
    if filters.get("q"):
        qs = qs.filter(Q(person__name__icontains=filters["q"]) | Q(fields__icontains=filters["q"]))
    if filters.get("field"):
        qs = qs.filter(fields__icontains=filters["field"])
    if filters.get("title_level"):
        qs = qs.filter(person__title_level=filters["title_level"])
    if filters.get("level"):
        qs = qs.filter(level=filters["level"])
    if filters.get("jurisdiction"):
        qs = qs.filter(jurisdiction__name__icontains=filters["jurisdiction"])
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    return qs


def applications(*, user, status: str = ""):
    qs = ExpertApplication.objects.for_user(user).select_related(
        "person__employer", "library", "jurisdiction"
    )
    return qs.filter(status=status) if status else qs


def gradings(*, user):
    return Grading.objects.for_user(user).select_related("library")


# --- conflicts --------------------------------------------------------------------------------


def declarations(*, user, person=None):
    qs = InterestDeclaration.objects.for_user(user).select_related("person", "institution")
    return qs.filter(person=person) if person is not None else qs


def recusals(*, user):
    return Recusal.objects.for_user(user).select_related("person", "institution", "recorded_by")


def my_seats(person):
    return CommitteeMember.objects.filter(person=person).select_related(
        "committee__centre", "committee__notice", "letter"
    )

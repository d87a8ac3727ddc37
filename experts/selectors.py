"""Every read of the experts app, scoped to the user; and the two questions other apps ask:
``conflicted(person, institution, on=…)`` and ``is_assignable(person, on)``."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import EmptyResultSet
from django.db.models import (
    Case,
    Count,
    DecimalField,
    F,
    IntegerField,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast

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

HOURS = DecimalField(max_digits=8, decimal_places=1)


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


HOURS_SORTS = ("name", "hours", "-hours", "behind")


def hours_overview(*, user, year: int, sort: str = "name"):
    """Everyone's year, one row per person, computed, sorted and paged in the database (a province
    has ~40,000 experts and a million entries a year, issue 14): the people in scope — the active
    experts of the libraries the user sees, and anyone with entries in scope that year — with their
    confirmed and pending hours, the yearly minimum of their library and level from the rule sets in
    force (重庆全科 四、(二)1.) and the hours they still miss; ``top``, the largest of anyone's hours
    and minimum, scales the page's bars. ``sort`` is one of HOURS_SORTS. Page it (``HoursRows``),
    then ``hours_rows`` finishes the page's rows.

    A person in two libraries is measured against their latest appointment.

    The year's entries in scope are summed once, grouped by person, and joined to each person's
    latest appointment (``DISTINCT ON``): a sum per person in a correlated subquery read a
    province's year 38,000 times over (1.9 s, issue 14)."""
    from .services import minimums_for

    logs = DutyLog.objects.for_user(user).filter(worked_on__year=year)
    experts = Expert.objects.for_user(user).filter(
        status__in=[Expert.Status.ACTIVE, Expert.Status.EXIT_REQUESTED]
    )

    # the minimum of each library and level in one query (issue 14), as one CASE per level and
    # minimum over the libraries that set it
    libraries = Library.objects.filter(pk__in=experts.values("library")).select_related("jurisdiction")
    same_minimum: dict[tuple[str, int], list[int]] = {}
    for (library, level), (minimum, _article) in minimums_for(libraries).items():
        if minimum is not None:
            same_minimum.setdefault((level, minimum), []).append(library)
    minimum_of = Case(
        *[When(level=level, library__in=ids, then=Value(m)) for (level, m), ids in same_minimum.items()],
        default=None,
        output_field=IntegerField(),
    )

    def tenths(status):
        # summed as whole tenths of an hour (integers: a third of the time of NUMERIC sums over a
        # province's year), then back to hours with one decimal, as the column is
        total = Sum(Cast(F("hours") * 10, IntegerField()), filter=Q(status=status))
        return Cast(Cast(total, DecimalField(max_digits=12, decimal_places=1)) / Value(10), HOURS)

    sums = (
        logs.order_by()
        .values("person")
        .annotate(confirmed=tenths(DutyLog.Status.CONFIRMED), pending=tenths(DutyLog.Status.PENDING))
        .values("person", "confirmed", "pending")
    )
    latest = (
        experts.order_by("person", "-appointed_on", "-pk")
        .distinct("person")
        .annotate(minimum=minimum_of)
        .values("person", "minimum")
    )
    return HoursRows(sums, latest, sort)


class HoursRows:
    """The rows of ``hours_overview``: sliced (a page, ``LIMIT``/``OFFSET``), counted, iterated, as
    dicts ``pk, name, confirmed, pending, minimum, missing, top``. One statement per page, built
    from the two scoped querysets (the year's sums, the latest appointments); the page's statement
    also counts the rows (``COUNT(*) OVER ()``), so ``prefetch(page, per_page)`` before paging
    spares the paginator a second pass over the year."""

    ordered = True  # the paginator's check: the order is always given

    ORDER = {
        "name": 'p.name COLLATE "C"',  # code-point order, as the page always sorted
        "hours": 'confirmed, p.name COLLATE "C"',
        "-hours": 'confirmed DESC, p.name COLLATE "C"',
        "behind": 'missing DESC, p.name COLLATE "C"',  # the behind first, the furthest behind first
    }
    COLUMNS = ("pk", "name", "confirmed", "pending", "minimum", "missing", "top")

    def __init__(self, sums, latest, sort):
        self.sums, self.latest = sums, latest
        self.order = self.ORDER.get(sort, self.ORDER["name"])
        self._total: int | None = None
        self._fetched: tuple[int, int, list[dict]] | None = None  # offset, limit, rows

    EMPTY = {  # a queryset that can match nothing (``none()``, an empty scope) has no SQL
        "sums": "SELECT NULL::integer AS person, 0::numeric AS confirmed, 0::numeric AS pending WHERE false",
        "latest": "SELECT NULL::integer AS person, NULL::integer AS minimum WHERE false",
    }

    def _parts(self):
        parts = []
        for name, queryset in (("sums", self.sums), ("latest", self.latest)):
            try:
                parts.append(queryset.query.sql_with_params())
            except EmptyResultSet:
                parts.append((self.EMPTY[name], ()))
        (sums_sql, sums_params), (latest_sql, latest_params) = parts
        return sums_sql, latest_sql, (*sums_params, *latest_params)

    def _fetch(self, limit=None, offset=0) -> list[dict]:
        from django.db import connection

        sums_sql, latest_sql, params = self._parts()
        # the two subqueries name their person column "person" (values("person"))
        sql = f"""
            SELECT p.id, p.name, r.confirmed, r.pending, r.minimum,
                   GREATEST(r.minimum - r.confirmed, 0) AS missing,
                   MAX(GREATEST(r.confirmed, r.minimum, 1)) OVER () AS top,
                   COUNT(*) OVER () AS total
            FROM (
                SELECT COALESCE(s.person, e.person) AS person_id,
                       COALESCE(s.confirmed, 0) AS confirmed, COALESCE(s.pending, 0) AS pending,
                       e.minimum::integer AS minimum
                FROM ({sums_sql}) s FULL OUTER JOIN ({latest_sql}) e ON e.person = s.person
            ) r
            JOIN directory_person p ON p.id = r.person_id
            ORDER BY {self.order}, p.id
        """
        if limit is not None:
            sql += " LIMIT %s OFFSET %s"
            params = (*params, limit, offset)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if rows:
            self._total = rows[0][-1]
        elif not offset:
            self._total = 0
        return [dict(zip(self.COLUMNS, row[:-1], strict=True)) for row in rows]

    def prefetch(self, page, per_page: int) -> None:
        """Read page ``page`` (a page number as the request gives it) and the number of rows in one
        statement; the paginator then reads both from here."""
        try:
            number = max(int(page), 1)
        except (TypeError, ValueError):
            number = 1
        offset = (number - 1) * per_page
        self._fetched = (offset, per_page, self._fetch(limit=per_page, offset=offset))

    def count(self) -> int:
        from django.db import connection

        if self._total is None:
            sums_sql, latest_sql, params = self._parts()
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT COUNT(*) FROM (SELECT person FROM ({sums_sql}) s"
                    f" UNION SELECT person FROM ({latest_sql}) e) people",
                    params,
                )
                self._total = cursor.fetchone()[0]
        return self._total

    def __len__(self) -> int:
        return self.count()

    def exists(self) -> bool:
        return bool(self[:1])

    def __iter__(self):
        return iter(self._fetch())

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self[key : key + 1][0]
        if key.step not in (None, 1):
            raise ValueError("a page of rows is contiguous")
        start = key.start or 0
        if key.stop is None:
            return self._fetch()[start:]
        limit = max(key.stop - start, 0)
        if self._fetched is not None:
            offset, fetched_limit, rows = self._fetched
            # the page read ahead, or its shorter end (the paginator's last page stops at the count)
            if offset == start and (limit <= fetched_limit or len(rows) < fetched_limit):
                return rows[:limit]
        return self._fetch(limit=limit, offset=start)


def hours_rows(rows, *, user) -> list[dict]:
    """The page's rows of ``hours_overview``, finished: the level and the article of each person's
    appointment (one query for the page), the share done and the bars. Python work for a page, never
    for a province."""
    from .services import minimums_for

    rows = list(rows)
    experts = Expert.objects.for_user(user).filter(
        status__in=[Expert.Status.ACTIVE, Expert.Status.EXIT_REQUESTED], person__in=[r["pk"] for r in rows]
    )
    latest = {}
    for expert in experts.select_related("library__jurisdiction").order_by("person", "-appointed_on", "-pk"):
        latest.setdefault(expert.person_id, expert)
    minimums = minimums_for(expert.library for expert in latest.values())
    out = []
    for r in rows:
        minimum, top = r["minimum"], float(r["top"])
        row = {
            "person": r["pk"],
            "person__name": r["name"],
            "confirmed": r["confirmed"],
            "pending": r["pending"],
            "minimum": minimum,
            "article": "",
            "level": None,
            "percent": min(100, int(r["confirmed"] * 100 / minimum)) if minimum else None,
            "behind": r["missing"] > 0,
            "missing": r["missing"],
            "bar": round(float(r["confirmed"]) * 100 / top, 1),
            "mark": round(float(minimum) * 100 / top, 1) if minimum else None,
        }
        expert = latest.get(r["pk"])
        if expert is not None:
            row["level"] = expert.get_level_display()
            row["article"] = minimums[(expert.library_id, expert.level)][1]
        out.append(row)
    return out


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
        .values("person", "person__name", "month")  # by person: two experts may share a name
        .annotate(total=Sum("hours"))
        .order_by("person__name", "person", "month")
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


def grade_rows(gradings) -> dict[int, list[dict]]:
    """The grades of ``gradings`` (already scoped) as the API shows them (``GradeSerializer``'s
    fields, the hours as text with their one decimal), by grading: one query of the columns shown,
    in the grades' order (by name), never a model per grade."""
    from .models import ExpertGrade

    rows = (
        ExpertGrade.objects.filter(grading__in=[g.pk for g in gradings])
        .order_by("expert__person__name", "pk")
        .values_list(
            "grading_id",
            "id",
            "expert_id",
            "expert__person__name",
            "grade",
            "confirmed_hours",
            "contributions",
            "conduct",
        )
    )
    out: dict[int, list[dict]] = {}
    for grading, pk, expert, name, grade, hours, contributions, conduct in rows:
        out.setdefault(grading, []).append(
            {
                "id": pk,
                "expert": expert,
                "person_name": name,
                "grade": grade,
                "confirmed_hours": f"{hours:.1f}",  # as DecimalField(decimal_places=1) gives it
                "contributions": contributions,
                "conduct": conduct,
            }
        )
    return out


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

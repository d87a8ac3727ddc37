"""The experts' part of the province-scale data set (core/scale.py): an approved expert committee
for every centre that has a host (about 40,000 seats at the province preset: ``experts``), two
meetings a year, sign-in activities, 1,000,000 duty-hour entries over eight years (``duty_hours``,
loaded with COPY), a city expert library in every city with its experts and three years of
gradings. Bulk paths only; ``scale_expert`` sits on a committee and has duty hours of their own.

Set-based: every row is built in memory from what the earlier parts made and inserted in batches
(``bulk_create``; ``COPY`` for the duty hours), with no per-row service call."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from centres.models import Centre
from core import scale
from directory.models import Institution, Person

from .models import (
    Activity,
    ActivityKind,
    Committee,
    CommitteeMember,
    DutyLog,
    Expert,
    ExpertGrade,
    Grading,
    Library,
    Meeting,
    SignInCode,
)

ORDER = 60
KINDS = [k for k, _ in ActivityKind.choices]
ACTIVITIES_PER_COMMITTEE = 10
GRADED_YEARS = 3


def _centres(ctx) -> list[dict]:
    return list(
        Centre.objects.filter(jurisdiction__path__startswith=ctx.province.path, host__isnull=False)
        .order_by("pk")
        .values("pk", "name", "jurisdiction_id", "host_id")
    )


def seed(ctx: scale.ScaleContext) -> None:
    rng = ctx.rng_for("experts")
    admin = ctx.users["scale_admin"]
    now = timezone.now()
    today = timezone.localdate()
    centres = _centres(ctx)
    if not centres:
        return
    employer_names = dict(
        Institution.objects.filter(jurisdiction__path__startswith=ctx.province.path)
        .values_list("pk", "name")
        .iterator(chunk_size=5000)
    )
    people = {
        row[0]: row
        for row in Person.objects.filter(employer__jurisdiction__path__startswith=ctx.province.path)
        .values_list("pk", "name", "sex", "birth_date", "title", "title_level", "specialty", "employer_id")
        .iterator(chunk_size=5000)
    }

    # --- committees and their seats: distinct people, the expert login's person on the first
    committees = [
        Committee(
            centre_id=c["pk"],
            kind=Committee.Kind.COMMITTEE,
            name=f"{c['name']}专家委员会",
            status=Committee.Status.APPROVED if i % 20 else Committee.Status.SUBMITTED,
            term_starts_on=today - dt.timedelta(days=365 * 2 + rng.randrange(365)),
            term_ends_on=today + dt.timedelta(days=365 + rng.randrange(365)),
            submitted_at=now - dt.timedelta(days=900),
            decided_at=now - dt.timedelta(days=880) if i % 20 else None,
            decided_by=admin if i % 20 else None,
        )
        for i, c in enumerate(centres, 1)
    ]
    ctx.bulk(Committee, iter(committees), total=len(committees), label="专家委员会")
    pool = [p for p in ctx.people if p in people]
    rng.shuffle(pool)
    expert = ctx.users.get("scale_expert")
    if expert and expert.person_id in people:
        pool.remove(expert.person_id)
        pool.insert(0, expert.person_id)
    per = max(3, round(ctx.size("experts") / len(committees)))
    seats, seat_meta = [], []  # seat_meta: (committee index, person id)
    cursor = 0
    for ci, committee in enumerate(committees):
        chosen = pool[cursor : cursor + per] if cursor + per <= len(pool) else rng.sample(pool, per)
        cursor += per
        for k, person_id in enumerate(chosen):
            _, name, sex, birth, title, level, specialty, employer = people[person_id]
            role = "chair" if k == 0 else "vice_chair" if k < 3 else "secretary" if k == 3 else "member"
            seats.append(
                CommitteeMember(
                    committee=committee,
                    person_id=person_id,
                    role=role,
                    name=name,
                    sex={"M": "男", "F": "女"}.get(sex, ""),
                    birth_date=birth,
                    employer=employer_names.get(employer, "")[:100],
                    from_host=employer == centres[ci]["host_id"],
                    title=title,
                    title_level="" if level == "none" else level,
                    specialty=specialty,
                    joined_on=committee.term_starts_on,
                    row=k + 1,
                )
            )
            seat_meta.append((ci, person_id))
    ctx.bulk(CommitteeMember, iter(seats), total=len(seats), label="委员")
    members_of: dict[int, list[int]] = {}
    for ci, person_id in seat_meta:
        members_of.setdefault(ci, []).append(person_id)

    # --- meetings: two a year for the last two years
    meetings = [
        Meeting(
            committee=committee,
            held_on=dt.date(today.year - back, month, 15),
            agenda="年度工作计划与质控指标分析",
            minutes="会议讨论了……",
            recorded_by=admin,
        )
        for committee in committees
        if committee.status == Committee.Status.APPROVED
        for back in (1, 2)
        for month in (3, 9)
    ]
    ctx.bulk(Meeting, iter(meetings), total=len(meetings), label="委员会会议")

    # --- sign-in activities, then the duty hours (COPY)
    start = today - dt.timedelta(days=365 * 8)
    activities = []
    for ci, committee in enumerate(committees):
        for _ in range(ACTIVITIES_PER_COMMITTEE):
            begins = now - dt.timedelta(days=rng.randrange(365 * 8), hours=rng.randrange(24))
            hours = Decimal(rng.choice(("2.0", "3.0", "4.0", "8.0")))
            kind = rng.choice(KINDS)
            activities.append(
                Activity(
                    jurisdiction_id=centres[ci]["jurisdiction_id"],
                    centre_id=centres[ci]["pk"],
                    kind=kind,
                    title=f"{centres[ci]['name']}{ActivityKind(kind).label}",
                    starts_at=begins,
                    ends_at=begins + dt.timedelta(hours=float(hours)),
                    hours=hours,
                    created_by=admin,
                )
            )
    ctx.bulk(Activity, iter(activities), total=len(activities), label="履职活动")
    ctx.bulk(
        SignInCode,
        (SignInCode(activity=a, expires_at=a.ends_at) for a in activities),
        total=len(activities),
        label="签到码",
    )

    n_logs = ctx.size("duty_hours")
    columns = [
        "person_id",
        "jurisdiction_id",
        "centre_id",
        "library_id",
        "activity_id",
        "worked_on",
        "kind",
        "on_site",
        "hours",
        "description",
        "evidence",
        "status",
        "return_reason",
        "decided_by_id",
        "decided_at",
        "created_at",
        "updated_at",
    ]
    stamp = now.isoformat()

    def logs():
        made = 0
        # sign-ins: about half the committee at each activity, once each
        for ai, activity in enumerate(activities):
            ci = ai // ACTIVITIES_PER_COMMITTEE
            centre = centres[ci]
            for person_id in members_of[ci]:
                if made >= n_logs // 5:
                    break
                if rng.random() < 0.5:
                    continue
                made += 1
                yield (
                    person_id,
                    centre["jurisdiction_id"],
                    centre["pk"],
                    None,
                    activity.pk,
                    activity.starts_at.date().isoformat(),
                    activity.kind,
                    "t",
                    activity.hours,
                    activity.title[:200],
                    "",
                    "confirmed",
                    "",
                    admin.pk,
                    stamp,
                    stamp,
                    stamp,
                )
        # entries the experts filled in themselves (the expert login has a few hundred)
        for i in range(n_logs - made):
            ci = 0 if i % 2000 == 0 else rng.randrange(len(committees))
            centre = centres[ci]
            person_id = members_of[ci][0 if ci == 0 and i % 2000 == 0 else rng.randrange(len(members_of[ci]))]
            status = rng.choices(("confirmed", "pending", "returned"), weights=(90, 7, 3))[0]
            kind = rng.choice(KINDS)
            yield (
                person_id,
                centre["jurisdiction_id"],
                centre["pk"],
                None,
                None,
                (start + dt.timedelta(days=rng.randrange(365 * 8))).isoformat(),
                kind,
                "t" if rng.random() < 0.8 else "f",
                rng.choice(("0.5", "1.0", "1.5", "2.0", "3.0", "4.0")),
                f"{ActivityKind(kind).label}（第{i + 1}项）",
                "",
                status,
                "佐证不足，请补充。" if status == "returned" else "",
                admin.pk if status == "confirmed" else None,
                stamp if status == "confirmed" else None,
                stamp,
                stamp,
            )

    with ctx.without_triggers():  # 1,000,000 rows: no history event per seeded row, no FK checks
        ctx.copy(DutyLog._meta.db_table, columns, logs(), total=n_logs, label="履职时长")

    # --- the city expert libraries, their experts and three years of gradings
    libraries = [
        Library(
            jurisdiction=city,
            name=f"{city.name}质控专家库",
            issuer_name=f"{city.name}全科医疗质量控制中心",
            issuer_code=f"{city.name[-3:]}质控",
        )
        for city in ctx.cities
    ]
    ctx.bulk(Library, iter(libraries), total=len(libraries), label="专家库")
    n_experts = max(len(libraries), ctx.size("experts") // 4)
    in_library = pool[: min(n_experts, len(pool))]
    experts = [
        Expert(
            library=libraries[i % len(libraries)],
            jurisdiction_id=libraries[i % len(libraries)].jurisdiction_id,
            person_id=person_id,
            level="city" if i % 3 == 0 else "regional",
            status=Expert.Status.ACTIVE,
            appointed_on=today - dt.timedelta(days=rng.randrange(365 * 3)),
            ends_on=today + dt.timedelta(days=365 + rng.randrange(365 * 2)),
            fields=people[person_id][6] or "全科医学",
        )
        for i, person_id in enumerate(in_library)
    ]
    ctx.bulk(Expert, iter(experts), total=len(experts), label="库内专家")
    gradings = [
        Grading(
            library=library,
            year=today.year - back,
            status=Grading.Status.FINALISED,
            finalised_by=admin,
            finalised_at=now - dt.timedelta(days=365 * back - 30),
        )
        for library in libraries
        for back in range(1, GRADED_YEARS + 1)
    ]
    ctx.bulk(Grading, iter(gradings), total=len(gradings), label="专家考核")
    grades_of = list(ExpertGrade.Grade.values)

    def grades():
        for g in gradings:
            for e in experts:
                if e.library_id == g.library_id:
                    yield ExpertGrade(
                        grading=g,
                        expert=e,
                        grade=rng.choices(grades_of, weights=(15, 35, 45, 5))[0],
                        confirmed_hours=Decimal(rng.randrange(0, 200)),
                    )

    ctx.bulk(ExpertGrade, grades(), total=len(gradings) * len(experts) // len(libraries), label="专家等级")
    ctx.extra["committees"] = [c.pk for c in committees]


PAGES = [
    scale.BenchPage("committees", "专家委员会", scale.fixed("/experts/")),
    scale.BenchPage(
        "committee_detail",
        "专家委员会详情",
        scale.detail_url("experts.Committee", "/experts/committees/{pk}/", status="approved"),
    ),
    scale.BenchPage("duty_queue", "履职确认", scale.fixed("/experts/duty/")),
    scale.BenchPage("hours_overview", "履职时长总览", scale.fixed("/experts/hours/")),
    scale.BenchPage("activities", "履职活动", scale.fixed("/experts/activities/")),
    scale.BenchPage(
        "activity_detail", "履职活动详情", scale.detail_url("experts.Activity", "/experts/activities/{pk}/")
    ),
    scale.BenchPage("library", "专家库", scale.fixed("/experts/library/")),
    scale.BenchPage(
        "expert_detail", "库内专家详情", scale.detail_url("experts.Expert", "/experts/library/experts/{pk}/")
    ),
    scale.BenchPage(
        "grading_detail",
        "年度专家考核",
        scale.detail_url("experts.Grading", "/experts/library/gradings/{pk}/"),
    ),
    scale.BenchPage("recusals", "回避记录", scale.fixed("/experts/recusals/")),
    scale.BenchPage(
        "my_hours",
        "我的履职",
        scale.fixed("/experts/me/hours/"),
        user={"district": "scale_expert", "province": "scale_expert"},
    ),
    scale.BenchPage("api_committees", "API 专家委员会", scale.fixed("/api/v1/committees/"), api=True),
    scale.BenchPage("api_members", "API 委员", scale.fixed("/api/v1/committee-members/"), api=True),
    scale.BenchPage("api_duty_logs", "API 履职记录", scale.fixed("/api/v1/duty-logs/"), api=True),
    scale.BenchPage("api_activities", "API 履职活动", scale.fixed("/api/v1/activities/"), api=True),
    scale.BenchPage("api_library_experts", "API 库内专家", scale.fixed("/api/v1/library-experts/"), api=True),
    scale.BenchPage("api_gradings", "API 专家考核", scale.fixed("/api/v1/expert-gradings/"), api=True),
]

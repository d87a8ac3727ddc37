"""The centres' part of the province-scale data set (core/scale.py): 2,000 centres at every level
with eight years of history — two selection rounds each (call, applications, public notice,
hosting term), the timeline — and one centre whose leader changed many times (its audit history
is a benchmark). Bulk paths; the audit triggers record every row."""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from core import scale
from core.models import TimelineEntry

from .models import Application, Centre, HostingTerm, PublicNotice, SelectionCall, Specialty

ORDER = 30

SPECIALTIES = [
    "心血管内科",
    "呼吸内科",
    "消化内科",
    "神经内科",
    "肾脏病学",
    "内分泌",
    "血液病学",
    "感染性疾病",
    "普通外科",
    "骨科",
    "神经外科",
    "泌尿外科",
    "妇产科",
    "儿科",
    "眼科",
    "耳鼻咽喉科",
    "口腔科",
    "皮肤科",
    "麻醉",
    "重症医学",
    "急诊医学",
    "医学影像",
    "临床检验",
    "病理",
    "护理",
]
RULESETS = {"province": "henan-seven-ones-2024", "city": "jinan-city-2024", "district": "cq-jiulongpo-2025"}
BODY_KINDS = {"province": "provincial_centre", "city": "city_centre", "district": "district_centre"}


def _plan(ctx) -> list:
    """(jurisdiction, level, specialty index) for every centre, about the preset's number."""
    n = ctx.size("centres")
    per_province = min(len(SPECIALTIES), max(1, round(n * 0.0125)))
    per_city = min(len(SPECIALTIES), max(1, round(n * 0.2 / len(ctx.cities))))
    rest = n - per_province - per_city * len(ctx.cities)
    per_district = min(len(SPECIALTIES), max(1, round(rest / len(ctx.districts))))
    plan = [(ctx.province, "province", i) for i in range(per_province)]
    plan += [(c, "city", i) for c in ctx.cities for i in range(per_city)]
    plan += [(d, "district", i) for d in ctx.districts for i in range(per_district)]
    return plan


def seed(ctx: scale.ScaleContext) -> None:
    rng = ctx.rng_for("centres")
    admin = ctx.users["scale_admin"]
    now = timezone.now()
    specialties = []
    for name in SPECIALTIES:
        s, _ = Specialty.objects.get_or_create(name=name, work_direction=scale.PROVINCE_NAME)
        specialties.append(s)
    plan = _plan(ctx)
    by_jurisdiction: dict[int, list[int]] = {}
    for pk, j in ctx.institution_jurisdiction.items():
        by_jurisdiction.setdefault(j, []).append(pk)

    def hosts_near(j):
        pool = by_jurisdiction.get(j.pk) or ctx.institutions
        return pool

    statuses = rng.choices(["active", "reselecting", "preparing"], weights=[85, 10, 5], k=len(plan))
    chosen = []
    centres = []
    for (j, level, si), status in zip(plan, statuses):
        host = rng.choice(hosts_near(j)) if status == "active" else None
        leader = rng.choice(ctx.people) if status == "active" else None
        chosen.append((host, leader))
        centres.append(
            Centre(
                jurisdiction=j,
                body_kind=BODY_KINDS[level],
                specialty=specialties[si],
                name=f"{j.name}{SPECIALTIES[si]}质控中心",
                status=status,
                host_id=host,
                leader_id=leader,
            )
        )
    ctx.bulk(Centre, iter(centres), total=len(centres), label="质控中心")
    ctx.extra["centres"] = [c.pk for c in centres]

    # Two rounds each over eight years: 8 and 4 years ago (decided), and an open one for those
    # being reselected or prepared.
    calls, meta = [], []
    for c, (level_plan, status) in zip(centres, zip(plan, statuses)):
        level = level_plan[1]
        rounds = [8, 4] if status == "active" else [8, 0] if status == "reselecting" else [0]
        for years_ago in rounds:
            published = now - dt.timedelta(days=365 * years_ago + rng.randrange(60))
            decided = years_ago > 0
            calls.append(
                SelectionCall(
                    centre=c,
                    title=f"{c.name}挂靠单位遴选公告（{published:%Y}年）",
                    ruleset_code=RULESETS[level],
                    status="decided" if decided else "open",
                    published_at=published,
                    created_by=admin,
                    application_deadline=published + dt.timedelta(days=20),
                    conditions="见规则集。",
                )
            )
            meta.append((c, years_ago))
    ctx.bulk(SelectionCall, iter(calls), total=len(calls), label="遴选公告")

    per_call = max(1, round(ctx.size("applications") / max(len(calls), 1)))
    apps, app_meta = [], []
    for call, (c, years_ago) in zip(calls, meta):
        pool = hosts_near(c.jurisdiction)
        picks = rng.sample(pool, min(len(pool), rng.randint(max(1, per_call - 1), per_call + 1)))
        for k, inst in enumerate(picks):
            decided = years_ago > 0
            apps.append(
                Application(
                    call=call,
                    institution_id=inst,
                    proposed_leader_id=rng.choice(ctx.people),
                    sections={"basic": "单位基本情况……", "plan": "工作计划……"},
                    status=("selected" if k == 0 else "not_selected") if decided else "submitted",
                    submitted_at=call.published_at + dt.timedelta(days=5),
                    created_by=admin,
                )
            )
            app_meta.append(call)
    ctx.bulk(Application, iter(apps), total=len(apps), label="挂靠申请")

    selected = {}
    for a in apps:
        if a.status == "selected":
            selected[a.call_id] = a
    notices, terms, timeline = [], [], []
    centre_type = ContentType.objects.get_for_model(Centre)
    for call, (c, years_ago) in zip(calls, meta):
        if years_ago == 0:
            continue
        a = selected.get(call.pk)
        starts = (call.published_at + dt.timedelta(days=40)).date()
        notices.append(
            PublicNotice(
                call=call,
                title=f"{c.name}挂靠单位公示",
                body="经遴选，拟确定……",
                starts_on=starts - dt.timedelta(days=10),
                working_days=5,
                ends_on=starts - dt.timedelta(days=3),
                status="closed",
                published_by=admin,
                closes_at=call.published_at + dt.timedelta(days=37),
            )
        )
        current = years_ago == 4 and c.status == "active"
        term_host = c.host_id if current else (a.institution_id if a else rng.choice(ctx.institutions))
        term_leader = c.leader_id if current else rng.choice(ctx.people)
        terms.append(
            HostingTerm(
                centre=c,
                host_id=term_host,
                leader_id=term_leader,
                number=1 if years_ago == 8 else 2,
                starts_on=starts,
                ends_on=starts + dt.timedelta(days=4 * 365),
                status="active" if current else "ended",
                call=call,
            )
        )
        for kind, title in (("call_published", "发布遴选公告"), ("notice", "公示"), ("decided", "决定设置")):
            timeline.append(
                TimelineEntry(
                    content_type=centre_type,
                    object_id=c.pk,
                    kind=kind,
                    title=f"{title}：{call.title}",
                    actor=admin,
                    detail={"call": call.pk},
                )
            )
    ctx.bulk(PublicNotice, iter(notices), total=len(notices), label="公示")
    ctx.bulk(HostingTerm, iter(terms), total=len(terms), label="挂靠周期")
    ctx.bulk(TimelineEntry, iter(timeline), total=len(timeline), label="大事记")
    SelectionCall.objects.bulk_update(
        [SelectionCall(pk=call_id, selected_application_id=a.pk) for call_id, a in selected.items()],
        ["selected_application"],
        batch_size=2000,
    )

    # A centre with years of history: its leader changed many times (the audit history benchmark).
    centre = next(c for c in centres if c.status == "active" and c.body_kind == "district_centre")
    for _ in range(ctx.size("history_events")):
        Centre.objects.filter(pk=centre.pk).update(
            leader_id=rng.choice(ctx.people), host_id=rng.choice(hosts_near(centre.jurisdiction))
        )
    ctx.extra["history_centre"] = centre.pk

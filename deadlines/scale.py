"""The deadlines' part of the province-scale data set (core/scale.py): 200,000 deadlines over
eight years and the year ahead, in every state, about institutions, people and centres, each
with the ``next_reminder_at`` the sweep would have left."""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from core import scale
from directory.models import Institution, Person

from . import kinds
from .models import Deadline
from .services import next_reminder_time

ORDER = 40


def seed(ctx: scale.ScaleContext) -> None:
    rng = ctx.rng_for("deadlines")
    now = timezone.now()
    n = ctx.size("deadlines")
    codes = [k.code for k in kinds.all_kinds()]
    inst_ct = ContentType.objects.get_for_model(Institution)
    person_ct = ContentType.objects.get_for_model(Person)
    people = ctx.people
    admin = ctx.users["scale_admin"]

    def rows():
        pending_slot = 0
        for i in range(n):
            state = rng.choices(["met", "open", "overdue", "waived"], weights=[60, 25, 10, 5])[0]
            inst = rng.choice(ctx.institutions)
            jurisdiction = ctx.institution_jurisdiction[inst]
            if state in ("open", "overdue"):
                # one pending deadline of a kind per subject: walk the people × kinds grid
                person = people[pending_slot % len(people)]
                kind = codes[(pending_slot // len(people)) % len(codes)]
                pending_slot += 1
                ct, object_id = person_ct, person
            else:
                kind = rng.choice(codes)
                ct, object_id = inst_ct, inst
            if state == "open":
                due = now + dt.timedelta(days=rng.uniform(0, 365))
            elif state == "overdue":
                due = now - dt.timedelta(days=rng.uniform(0, 200))
            else:
                due = now - dt.timedelta(days=rng.uniform(0, 365 * 8))
            d = Deadline(
                kind=kind,
                title=f"{kinds.get(kind).label}（第{i + 1}项）",
                content_type=ct,
                object_id=object_id,
                jurisdiction_id=jurisdiction,
                institution_id=inst if rng.random() < 0.7 else None,
                person_id=object_id if ct is person_ct and rng.random() < 0.5 else None,
                due_at=due,
                article="第十二条",
                ruleset_code="cq-jiulongpo-2025",
                state=state,
                met_at=due - dt.timedelta(days=1) if state == "met" else None,
                waived_at=due if state == "waived" else None,
                waived_reason="不适用（性能测试数据）" if state == "waived" else "",
                waived_by=admin if state == "waived" else None,
                next_reminder_at=next_reminder_time(kind, due, after=now)
                if state in ("open", "overdue")
                else None,
            )
            yield d

    with ctx.without_triggers():  # 200,000 rows: no history event per seeded row, no FK checks
        ctx.bulk(Deadline, rows(), total=n, label="期限")

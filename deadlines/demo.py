"""Demo deadlines for the demo world (directory/demo.py). ``seed_deadlines()`` is idempotent:
deadline_open returns the pending deadline of a subject and kind if there is one."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from core.errors import WrongState
from directory.models import HealthCommission, Institution
from rulesets.models import RuleSetAssignment

from . import services
from .dates import due_in_months, end_of_day, local_date
from .models import Deadline


def seed_deadlines() -> list[Deadline]:
    commission = (
        HealthCommission.objects.select_related("jurisdiction").filter(jurisdiction__code="500107").first()
    )
    if commission is None:  # the demo world is not there
        return []
    jlp = commission.jurisdiction
    today = local_date(timezone.now())
    out = []
    assignment = RuleSetAssignment.objects.filter(jurisdiction=jlp, ruleset_code="cq-jiulongpo-2025").first()
    if assignment is not None:
        # 第二十四条 leaves the handover deadline "按照卫生健康行政部门规定时限" to the commission: until it
        # sets one, handovers under this rule set have no due date, so the setting is itself an obligation.
        out.append(
            _open_once(
                kind="setting.missing",
                subject=assignment,
                jurisdiction=jlp,
                title="填报《九龙坡区医疗质量控制中心管理办法》第二十四条交接时限",
                due_at=due_in_months(today, 1),
                article="第二十四条",
                ruleset_code="cq-jiulongpo-2025",
            )
        )
    hospital = Institution.objects.filter(name="九龙坡区人民医院").first()
    if hospital is not None:
        # An annual plan (第十四条: 按要求上报; the due date is the commission's) that fell due a week
        # ago: shows the overdue tag and the escalation.
        out.append(
            _open_once(
                kind="annual_plan",
                subject=hospital,
                jurisdiction=jlp,
                institution=hospital,
                title="九龙坡区人民医院：报送年度质控工作计划",
                due_at=end_of_day(today - dt.timedelta(days=7)),
                article="第十四条",
                ruleset_code="cq-jiulongpo-2025",
            )
        )
    return [d for d in out if d is not None]


def _open_once(**kwargs) -> Deadline | None:
    subject = kwargs["subject"]
    existing = Deadline.objects.filter(
        object_id=subject.pk,
        kind=kwargs["kind"],
        content_type__model=subject._meta.model_name,
        content_type__app_label=subject._meta.app_label,
    ).first()
    if existing is not None:  # seeded before (maybe met or waived since): leave it as users left it
        return existing
    deadline = services.deadline_open(**kwargs)
    deadline = Deadline.objects.get(
        pk=deadline.pk
    )  # a sweep queued on commit may already have marked it overdue
    if deadline.due_at < timezone.now() and deadline.state == Deadline.State.OPEN:
        try:
            services.deadline_mark_overdue(deadline=deadline)
        except WrongState:  # a concurrent sweep did it first: the same outcome
            pass
    return deadline

"""The demo world shows each state under 九龙坡, 济南, 青浦 and 重庆全科."""

from datetime import timedelta

import pytest

from experts.models import Committee, DutyLog, Expert, ExpertApplication, Grading

pytestmark = pytest.mark.django_db


def test_demo_shows_each_state(world, settings, tmp_path):
    """seed_demo's experts section, after the centres' (as manage.py seed_demo runs them)."""
    from io import StringIO

    from centres.demo import seed_centres
    from experts.demo import seed_experts

    out = StringIO()
    seed_centres(stdout=out)
    seed_experts(stdout=out)
    assert "跳过专家示例" not in out.getvalue(), out.getvalue()
    counts = (Committee.objects.count(), DutyLog.objects.count(), Expert.objects.count())
    seed_experts(stdout=out)  # idempotent
    assert (Committee.objects.count(), DutyLog.objects.count(), Expert.objects.count()) == counts
    states = set(Committee.objects.values_list("centre__jurisdiction__code", "status"))
    assert ("500107", "approved") in states  # 九龙坡: approved, with its notice
    assert ("310118", "approved") in states and ("310118", "draft") in states  # 青浦 two groups
    assert ("370100", "submitted") in states  # 济南 waiting for the commission
    assert set(DutyLog.objects.values_list("status", flat=True)) == {"pending", "confirmed", "returned"}
    assert Expert.objects.filter(status="exited", exit_kind="dismissal").exists()
    assert Expert.objects.filter(status="exit_requested").exists()
    from experts.models import CommitteeMember

    assert CommitteeMember.objects.filter(status="withdrawal_requested").exists()
    assert ExpertApplication.objects.filter(status="submitted").exists()
    # 重庆全科 二、(二)1.: every application the demo's centres passed has its 申报表 and 职称证书
    from experts import services

    reviewed = ExpertApplication.objects.exclude(status__in=["submitted", "rejected"])
    assert reviewed.exists() and all(not services.missing_materials(a) for a in reviewed)
    assert Grading.objects.filter(status="draft").exists()
    assert Committee.objects.get(centre__jurisdiction__code="500107").notice is not None
    # each appointment is the rule set's 4 years (二、(二)3.): the demo's backdating moved only its start
    from deadlines.dates import add_months

    for expert in Expert.objects.all():
        assert expert.ends_on == add_months(expert.appointed_on, 48) - timedelta(days=1), expert

"""The demo world shows the appraisal in every state the issue asks for, made through the services."""

import io

import pytest
from django.core.management import call_command

from appraisal.models import AssessmentYear, Consequence, DutyRecord

pytestmark = pytest.mark.django_db


def test_demo_states(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "跳过考核示例" not in out.getvalue(), out.getvalue()
    assert AssessmentYear.objects.get(jurisdiction__code="500107", year=2025).status == "published"
    assert AssessmentYear.objects.get(jurisdiction__code="500107", year=2026).status == "scoring"
    kinds = dict(Consequence.objects.values_list("centre__name", "kind"))
    assert kinds == {
        "九龙坡区医院感染管理质量控制中心": "rectification",
        "济南市检验医学质量控制中心": "yellow_card",
    }
    assert DutyRecord.objects.filter(status="submitted", title="院内质控员培训").exists()
    call_command("seed_demo", stdout=io.StringIO())  # idempotent
    assert Consequence.objects.count() == 2

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


def test_demo_has_a_retained_centre_and_one_at_its_4_year_decision(full_demo, world):
    """The issue's demo states that need a term with four graded years: centres established before the
    platform, registered with their earlier grades (centres/registration.py)."""
    from appraisal import services
    from appraisal.models import HistoricalGrade, InstitutionRectification
    from centres.models import Centre
    from centres.services.lifecycle import term_proposal

    retained = Centre.objects.get(name="九龙坡区急诊医学医疗质量控制中心")
    first = retained.terms.get(number=1)
    assert first.decision.outcome == "retain" and first.decision.proposal["outcome"] == "retain"
    assert first.decision.grades == {"2022": "good", "2023": "excellent", "2024": "good", "2025": "good"}
    assert retained.terms.get(status="active").number == 2
    assert HistoricalGrade.objects.filter(centre=retained).count() == 3  # 2025 was graded on the platform

    waiting = Centre.objects.get(name="济南市针灸推拿质量控制中心")
    term = waiting.terms.get(status="active")
    assert not hasattr(term, "decision")
    grades = services.term_grades(term)
    assert grades == {2022: "pass", 2023: "pass", 2024: "pass", 2025: "pass"}
    proposal = term_proposal(term, grades)
    assert (proposal.outcome, proposal.article) == ("commission_decides", "第十九条（一）")
    # 济南 第十二条: the evaluated institution's report back is awaited
    assert InstitutionRectification.objects.get(institution__name="济南市妇幼保健院").status == "awaiting"

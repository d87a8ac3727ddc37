"""Issue 15 (ASVS V2.3): two staff taking the same decision at the same moment, on PostgreSQL with two
real connections — exactly one wins, the other gets a clear conflict (a ``WrongState`` with its code,
409 in the API), and there is one change in the audit trail. Establishment has its own in
centres/tests/test_races.py (test_two_decisions_to_establish_at_once); here: a grade confirmation,
a grant revocation and a roster approval."""

from __future__ import annotations

import pytest
from django.apps import apps

from accounts.models import User
from tests.concurrency import race

pytestmark = pytest.mark.django_db(transaction=True)


def audit_entries(instance, field="status") -> int:
    """Change-history rows of ``instance`` that changed ``field`` (pghistory)."""
    event_model = apps.get_model(instance._meta.app_label, f"{type(instance).__name__}Event")
    values = list(
        event_model.objects.filter(pgh_obj_id=instance.pk).order_by("pgh_id").values_list(field, flat=True)
    )
    return sum(1 for before, after in zip(values, values[1:], strict=False) if before != after)


def one_winner(outcomes):
    assert len(outcomes) == 2 and outcomes.count("won") == 1, outcomes
    loser = next(o for o in outcomes if o != "won")
    assert not loser.startswith("error"), loser
    return loser


def test_two_grade_confirmations_at_once(world):
    from appraisal import services
    from appraisal.models import AssessmentYear, CentreAssessment
    from appraisal.rules import grade_items
    from appraisal.tests.factories import CentreFactory, graded
    from rulesets.registry import get_ruleset

    commission = User.objects.get(username="jlp_commission")
    assessment = graded(CentreFactory(specialty__name="心血管内科"), 2026, "pass", status="grading")
    CentreAssessment.objects.filter(pk=assessment.pk).update(status="proposed", grade="", confirmed_by=None)
    year = AssessmentYear.objects.get(pk=assessment.year_id)
    grades = [g.code for g in grade_items(get_ruleset(year.ruleset_code))]
    CentreAssessment.objects.filter(pk=assessment.pk).update(proposed_grade=grades[0])
    before = audit_entries(assessment)

    def confirm(grade, reason):
        return lambda: services.grade_confirm(
            assessment=CentreAssessment.objects.get(pk=assessment.pk),
            grade=grade,
            reason=reason,
            acting_user=commission,
        )

    loser = one_winner(race(confirm(grades[0], ""), confirm(grades[-1], "复核后调整")))
    assert loser in ("wrong_state", "changed_concurrently", "appraisal_wrong_state"), loser
    assert CentreAssessment.objects.get(pk=assessment.pk).status == "confirmed"
    assert audit_entries(assessment) - before == 1


def test_two_grant_revocations_at_once(world):
    from data_governance import services
    from data_governance.models import Grant
    from data_governance.tests.factories import GrantFactory

    grant = GrantFactory()
    commission = User.objects.get(username="jlp_commission")
    before = audit_entries(grant)

    def revoke(reason):
        return lambda: services.grant_revoke(
            grant=Grant.objects.get(pk=grant.pk), acting_user=commission, reason=reason
        )

    loser = one_winner(race(revoke("违规使用"), revoke("超范围使用")))
    assert loser in ("wrong_state", "changed_concurrently"), loser
    revoked = Grant.objects.get(pk=grant.pk)
    assert revoked.status == "revoked" and revoked.revoke_reason in ("违规使用", "超范围使用")
    assert audit_entries(grant) - before == 1


def test_two_roster_approvals_at_once(world):
    from experts import services
    from experts.models import Committee
    from experts.tests.factories import CommitteeFactory, valid_jlp_roster

    centre = CommitteeFactory(approved=True).centre
    draft = Committee.objects.create(centre=centre, kind="expert_group", name="竞态测试", status="submitted")
    valid_jlp_roster(draft)
    commission = User.objects.get(username="jlp_commission")
    before = audit_entries(draft)

    def approve():
        services.roster_approve(committee=Committee.objects.get(pk=draft.pk), acting_user=commission)

    loser = one_winner(race(approve, approve))
    assert loser in ("changed_concurrently", "experts_roster_not_submitted", "wrong_state"), loser
    assert Committee.objects.get(pk=draft.pk).status == "approved"
    assert audit_entries(draft) - before == 1

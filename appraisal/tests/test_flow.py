"""The yearly grading from opening to consequences, through the services (九龙坡 第二十一条、第二十二条)."""

from datetime import date
from decimal import Decimal

import pytest

from appraisal import services
from appraisal.models import AssessmentYear, CentreAssessment, Consequence
from core.errors import InvalidInput, NotAllowed, WrongState
from directory.models import Institution, Jurisdiction

pytestmark = pytest.mark.django_db

JLP = "500107"
WEIGHTS = {"results": 40, "competence": 30, "work_style": 30}
THRESHOLDS = {"excellent": 90, "good": 80, "pass": 60}


def open_year(u, year=2025):
    y = services.year_open(
        jurisdiction=Jurisdiction.objects.get(code=JLP),
        body_kind="district_centre",
        year=year,
        acting_user=u("jlp_qc_office"),
    )
    services.year_set_criteria(year=y, weights=WEIGHTS, thresholds=THRESHOLDS, acting_user=u("jlp_qc_office"))
    return services.year_open_scoring(year=y, acting_user=u("jlp_qc_office"))


def test_open_year_assesses_every_active_centre_and_invites_every_institution(u, jlp_centres):
    y = open_year(u)
    assert y.status == AssessmentYear.Status.SCORING
    assert set(y.assessments.values_list("centre__name", flat=True)) == {c.name for c in jlp_centres}
    district = Institution.objects.filter(jurisdiction__code=JLP).count()
    assert y.invitations.count() == district


def test_weights_must_sum_to_100(u, jlp_centres):
    y = services.year_open(
        jurisdiction=Jurisdiction.objects.get(code=JLP),
        body_kind="district_centre",
        year=2025,
        acting_user=u("jlp_qc_office"),
    )
    with pytest.raises(InvalidInput) as e:
        services.year_set_criteria(
            year=y,
            weights={"results": 50, "competence": 30, "work_style": 30},
            thresholds=THRESHOLDS,
            acting_user=u("jlp_qc_office"),
        )
    assert "100" in e.value.message


def test_scorer_never_scores_a_centre_its_institution_hosts(u, jlp_centres):
    """九龙坡 第二十一条（二）: jlp_scorer works at 九龙坡区中医院, host of the second centre."""
    y = open_year(u)
    scorer = u("jlp_scorer")
    invitation = y.invitations.get(institution=scorer.institution)
    own = y.assessments.get(centre=jlp_centres[1])
    with pytest.raises(NotAllowed) as e:
        services.score_save(
            invitation=invitation,
            assessment=own,
            scores={"results": 90, "competence": 90, "work_style": 90},
            acting_user=scorer,
        )
    assert "第二十一条（二）" in e.value.message
    assert not own.scores.exists()


def test_a_year_end_to_end_with_a_fail_and_its_rectification(u, jlp_centres):
    y = open_year(u)
    good, bad = jlp_centres
    for inv in y.invitations.select_related("institution"):
        for a in services.scorable(inv):
            value = 85 if a.centre == good else 50
            services.score_save(
                invitation=inv,
                assessment=a,
                scores={k: value for k in WEIGHTS},
                acting_user=_scorer_of(inv.institution),
            )
    services.year_close_scoring(year=y, acting_user=u("jlp_qc_office"))
    for a in y.assessments.all():
        services.host_support_assess(
            assessment=a, support="adequate", note="经费、场地到位。", acting_user=u("jlp_qc_office")
        )
    services.grades_propose(year=y, acting_user=u("jlp_qc_office"))
    a_good, a_bad = y.assessments.get(centre=good), y.assessments.get(centre=bad)
    assert (a_good.proposed_grade, a_good.weighted_score) == ("good", Decimal("85.00"))
    assert a_bad.proposed_grade == "fail"
    assert "85.00×40%" in a_good.arithmetic["formula"]
    with pytest.raises(InvalidInput):  # a grade other than the proposal needs a reason
        services.grade_confirm(assessment=a_good, grade="excellent", acting_user=u("jlp_commission"))
    services.grade_confirm(
        assessment=a_good, grade="excellent", reason="全年工作突出。", acting_user=u("jlp_commission")
    )
    services.grade_confirm(assessment=a_bad, grade="fail", acting_user=u("jlp_commission"))
    services.year_confirm(year=y, acting_user=u("jlp_commission"))
    services.year_publish(year=y, acting_user=u("jlp_commission"))
    y.refresh_from_db()
    assert y.status == "published" and y.results_document_id
    consequence = Consequence.objects.get(centre=bad)
    assert consequence.kind == "rectification" and consequence.article == "第二十二条（二）"
    assert consequence.document_id and consequence.due_on
    assert not Consequence.objects.filter(centre=good).exists()


def _scorer_of(institution):
    from accounts.models import User

    user, _ = User.objects.get_or_create(
        username=f"scorer_{institution.pk}",
        defaults={"role": "institution_scorer", "institution": institution},
    )
    return user


def test_host_cannot_confirm_its_own_grade(u, jlp_centres):
    y = open_year(u)
    AssessmentYear.objects.filter(pk=y.pk).update(status="grading")
    a = y.assessments.get(centre=jlp_centres[0])
    CentreAssessment.objects.filter(pk=a.pk).update(status="proposed", proposed_grade="pass")
    a.refresh_from_db()
    with pytest.raises(NotAllowed):
        services.grade_confirm(assessment=a, grade="excellent", reason="我们很好", acting_user=u("jlp_host"))


def test_second_click_on_publish_is_wrong_state(u, jlp_centres):
    y = open_year(u)
    AssessmentYear.objects.filter(pk=y.pk).update(status="published")
    y.refresh_from_db()
    with pytest.raises(WrongState):
        services.year_publish(year=y, acting_user=u("jlp_commission"))


def test_future_year_refused(u, jlp_centres):
    with pytest.raises(InvalidInput):
        services.year_open(
            jurisdiction=Jurisdiction.objects.get(code=JLP),
            body_kind="district_centre",
            year=date.today().year + 1,
            acting_user=u("jlp_qc_office"),
        )

"""The API: the same services, so the same refusals — 401 anonymous, 404 out of scope, 403 the
wrong person (the auditor, a scorer on its own hosted centre), 409 a step out of order."""

import pytest
from rest_framework.test import APIClient

from appraisal.models import CentreScore

from .test_flow import open_year

pytestmark = pytest.mark.django_db
BASE = "/api/v1/appraisal"


@pytest.fixture
def year(u, jlp_centres):
    return open_year(u)


def test_read_scope(api_of, year, django_assert_max_num_queries):
    assert APIClient().get(f"{BASE}/years/").status_code in (401, 403)
    with django_assert_max_num_queries(12):
        assert api_of("jlp_qc_office").get(f"{BASE}/years/{year.pk}/").status_code == 200
    with django_assert_max_num_queries(12):
        assert api_of("jlp_qc_office").get(f"{BASE}/assessments/").status_code == 200
    assert api_of("jn_qc_office").get(f"{BASE}/years/{year.pk}/").status_code == 404
    assert api_of("jlp_auditor").get(f"{BASE}/years/{year.pk}/").status_code == 200


def test_auditor_writes_nothing(api_of, year):
    assert api_of("jlp_auditor").post(f"{BASE}/years/{year.pk}/close-scoring/").status_code == 403


def test_scorer_own_centre_is_403_and_others_scored(api_of, u, year, jlp_centres):
    """九龙坡 第二十一条（二）."""
    scorer = u("jlp_scorer")
    inv = year.invitations.get(institution=scorer.institution)
    own, other = year.assessments.get(centre=jlp_centres[1]), year.assessments.get(centre=jlp_centres[0])
    api = api_of("jlp_scorer")
    body = {"scores": {"results": "90", "competence": "90", "work_style": "90"}}
    r = api.post(f"{BASE}/invitations/{inv.pk}/score/", {**body, "assessment": own.pk}, format="json")
    assert r.status_code == 403 and r.json()["code"] == "appraisal_scores_own_centre"
    r = api.post(f"{BASE}/invitations/{inv.pk}/score/", {**body, "assessment": other.pk}, format="json")
    assert r.status_code == 200 and CentreScore.objects.filter(assessment=other).count() == 3
    r = api.post(f"{BASE}/invitations/{inv.pk}/submit/")
    assert r.status_code == 200
    r = api.post(f"{BASE}/invitations/{inv.pk}/submit/")  # a second click
    assert r.status_code == 409


def test_office_steps_and_order(api_of, year):
    api = api_of("jlp_qc_office")
    assert api.post(f"{BASE}/years/{year.pk}/propose/").status_code == 409  # still scoring
    assert api.post(f"{BASE}/years/{year.pk}/close-scoring/").status_code == 200
    assert api.post(f"{BASE}/years/{year.pk}/publish/").status_code == 403  # the commission publishes


def test_host_cannot_grade_its_own_centre(api_of, year, jlp_centres):
    a = year.assessments.get(centre=jlp_centres[0])
    r = api_of("jlp_host").post(
        f"{BASE}/assessments/{a.pk}/grade/", {"grade": "excellent", "reason": "自评"}, format="json"
    )
    assert r.status_code == 403

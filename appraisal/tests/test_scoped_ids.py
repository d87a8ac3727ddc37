"""Ids in writes are scoped (issue 15): a centre, an institution or a jurisdiction of another city
named in a duty record, a finding or a new year is refused exactly like an id that does not exist —
on the page and through the API — and nothing is saved. A host still names the hospitals of its
centre's jurisdiction it cannot otherwise see (济南 第十二条: the centre evaluates them)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from appraisal.models import AssessmentYear, DutyRecord, ProhibitedActFinding
from directory.models import Institution, Jurisdiction

from .factories import CentreFactory

pytestmark = pytest.mark.django_db

MISSING = 10**9


@pytest.fixture
def centre(world, settings, tmp_path, at):
    settings.MEDIA_ROOT = tmp_path
    at("2026-05-04 09:00")
    return CentreFactory(body_kind="city_centre", specialty__name="检验医学")  # 济南, hosted by jn_host


@pytest.fixture
def jiulongpo(world):
    return CentreFactory(specialty__name="心血管内科")  # 九龙坡, hosted by jlp_host


def _evaluation(institution_pk, **changes):
    return {
        "form": "record",
        "kind": "institution_evaluation",
        "title": "危急值专项督查",
        "done_on": "2026-04-25",
        "institution": institution_pk,
        "rectification_due_on": "2026-06-30",
        **changes,
    }


def test_the_duty_page_offers_and_takes_only_the_centres_hospitals(client_of, centre):
    """The host picks among 济南's hospitals (not only itself); a 九龙坡 hospital is refused like a
    missing one, and no record is made."""
    client = client_of("jn_host")
    url = reverse("appraisal:duty_year", args=[centre.pk, 2026])
    form = client.get(url).context["record_form"]
    offered = set(form.fields["institution"].queryset.values_list("name", flat=True))
    assert "济南市中医医院" in offered and "九龙坡区人民医院" not in offered
    errors = {}
    for label, pk in (
        ("other", Institution.objects.get(name="九龙坡区人民医院").pk),
        ("missing", MISSING),
    ):
        response = client.post(url, _evaluation(pk))
        assert response.status_code == 200
        errors[label] = response.context["record_form"].errors["institution"]
    assert errors["other"] == errors["missing"]
    assert not DutyRecord.objects.exists()


def test_the_duty_api_refuses_another_citys_institution_and_centre_like_missing_ones(
    api_of, centre, jiulongpo
):
    api = api_of("jn_host")
    body = {
        "centre": centre.pk,
        "year": 2026,
        "kind": "institution_evaluation",
        "title": "危急值专项督查",
        "done_on": "2026-04-25",
        "rectification_due_on": "2026-06-30",
    }
    answers = {}
    for label, changes in (
        ("other institution", {"institution": Institution.objects.get(name="九龙坡区人民医院").pk}),
        ("missing institution", {"institution": MISSING}),
        ("other centre", {"centre": jiulongpo.pk, "institution": None}),
        ("missing centre", {"centre": MISSING, "institution": None}),
    ):
        response = api.post("/api/v1/appraisal/duties/", {**body, **changes}, format="json")
        assert response.status_code == 400, (label, response.content)
        answers[label] = response.json()["code"]
    assert answers["other institution"] == answers["missing institution"]
    assert answers["other centre"] == answers["missing centre"]
    assert not DutyRecord.objects.exists()


def test_a_finding_against_another_citys_centre_is_refused_like_a_missing_one(api_of, centre, jiulongpo):
    api = api_of("jlp_commission")
    body = {"act": "fabricate", "severity": "ordinary", "facts": "伪造数据", "found_on": "2026-05-01"}
    codes = [
        api.post("/api/v1/appraisal/findings/", {**body, "centre": pk}, format="json")
        for pk in (centre.pk, MISSING)
    ]
    assert [r.status_code for r in codes] == [400, 400]
    assert codes[0].json()["code"] == codes[1].json()["code"]
    assert not ProhibitedActFinding.objects.exists()


def test_a_year_is_opened_only_for_the_offices_own_jurisdiction(client_of, world):
    client = client_of("jlp_qc_office")
    url = reverse("appraisal:year_open")
    body = {"body_kind": "district_centre", "year": 2025}
    for code in ("370100", "500000"):  # another city; the city above its own district
        response = client.post(url, {**body, "jurisdiction": Jurisdiction.objects.get(code=code).pk})
        assert response.status_code == 200 and "jurisdiction" in response.context["form"].errors
    assert not AssessmentYear.objects.exists()
    own = client.get(url).context["form"]
    assert list(own.fields["jurisdiction"].queryset.values_list("code", flat=True)) == ["500107"]


def _violations(response):
    return tuple((v.get("field"), v["code"]) for v in response.json()["violations"])


def test_the_api_opens_a_year_only_for_the_offices_own_jurisdiction_as_the_page_does(api_of, jlp_centres):
    """九龙坡 第二十一条: the commission of the level assesses its own centres. A district below the
    city's office, the city above the district's, another city: each is the same 400 on
    ``jurisdiction`` as a missing id (the page's rule, YearOpenForm), and no year is opened; the
    office's own is."""
    body = {"body_kind": "district_centre", "year": 2025}
    answers = {}
    for label, user, pk in (
        ("below", "cq_qc_office", Jurisdiction.objects.get(code="500107").pk),
        ("above", "jlp_qc_office", Jurisdiction.objects.get(code="500000").pk),
        ("other city", "jlp_qc_office", Jurisdiction.objects.get(code="370100").pk),
        ("missing", "jlp_qc_office", MISSING),
    ):
        response = api_of(user).post("/api/v1/appraisal/years/", {**body, "jurisdiction": pk}, format="json")
        assert response.status_code == 400, (label, response.content)
        answers[label] = (response.json()["code"], _violations(response))
    assert len(set(answers.values())) == 1
    assert answers["missing"][1] == (("jurisdiction", "does_not_exist"),)
    assert not AssessmentYear.objects.exists()
    own = {**body, "jurisdiction": Jurisdiction.objects.get(code="500107").pk}
    response = api_of("jlp_qc_office").post("/api/v1/appraisal/years/", own, format="json")
    assert response.status_code == 201, response.content


@pytest.fixture
def scoring(u, jlp_centres):
    """九龙坡 2025 open for scoring; 济南's city centres assessed in a year of their own."""
    from .test_flow import open_year

    year = open_year(u)
    jn_centre = CentreFactory(body_kind="city_centre", specialty__name="检验医学")
    from appraisal import services

    jn_year = services.year_open(
        jurisdiction=Jurisdiction.objects.get(code="370100"),
        body_kind="city_centre",
        year=2025,
        acting_user=u("jn_qc_office"),
    )
    return year, jn_year.assessments.get(centre=jn_centre)


def test_a_scorer_names_only_the_centres_of_its_invitations_year(api_of, u, scoring, jlp_centres):
    """九龙坡 第二十一条（二）: the scorer scores every centre of the district — centres it cannot see
    otherwise — but an assessment of another city's year, or one that does not exist, is the same 400
    on ``assessment``, and no score is saved; the centre it hosts is still refused with its reason."""
    from appraisal.models import CentreScore

    year, other_city = scoring
    scorer = u("jlp_scorer")
    invitation = year.invitations.get(institution=scorer.institution)
    url = f"/api/v1/appraisal/invitations/{invitation.pk}/score/"
    body = {"scores": {"results": "90", "competence": "90", "work_style": "90"}}
    api = api_of("jlp_scorer")
    answers = {}
    for label, pk in (("other city", other_city.pk), ("missing", MISSING)):
        response = api.post(url, {**body, "assessment": pk}, format="json")
        assert response.status_code == 400, (label, response.content)
        answers[label] = (response.json()["code"], _violations(response))
    assert answers["other city"] == answers["missing"]
    assert answers["missing"][1] == (("assessment", "does_not_exist"),)
    assert not CentreScore.objects.exists()
    own = year.assessments.get(centre=jlp_centres[1])  # hosted by the scorer's 九龙坡区中医院
    response = api.post(url, {**body, "assessment": own.pk}, format="json")
    assert response.status_code == 403 and response.json()["code"] == "appraisal_scores_own_centre"
    other = year.assessments.get(centre=jlp_centres[0])
    assert api.post(url, {**body, "assessment": other.pk}, format="json").status_code == 200


def test_a_rectification_review_names_only_the_consequences_own_report(api_of, u, jlp_centres):
    """九龙坡 第二十二条（二）: the office reviews the report of the consequence in the URL. Another
    consequence's report (the same district's), another city's, or one that does not exist is the same
    400 on ``report``, and nothing is reviewed; the consequence's own is accepted."""
    from appraisal import services
    from appraisal.models import Consequence, RectificationReport

    from .factories import graded

    def issued(centre, commission):
        return services.consequence_issue(assessment=graded(centre, 2025, "fail"), acting_user=u(commission))

    consequence = issued(jlp_centres[0], "jlp_commission")
    own = services.rectification_report_submit(
        consequence=consequence, text="已完成全部整改。", acting_user=u("jlp_host")
    )
    neighbour = RectificationReport.objects.create(
        consequence=issued(jlp_centres[1], "jlp_commission"), text="已整改。", submitted_by=u("jlp_host")
    )
    jn_centre = CentreFactory(body_kind="city_centre", specialty__name="检验医学")
    jinan = RectificationReport.objects.create(
        consequence=issued(jn_centre, "jn_commission"),
        text="已整改。",
        submitted_by=u("jn_host"),
    )
    api = api_of("jlp_qc_office")
    url = f"/api/v1/appraisal/consequences/{consequence.pk}/review/"
    body = {"outcome": "accepted", "comments": ""}
    answers = {}
    for label, pk in (("neighbour", neighbour.pk), ("other city", jinan.pk), ("missing", MISSING)):
        response = api.post(url, {**body, "report": pk}, format="json")
        assert response.status_code == 400, (label, response.content)
        answers[label] = (response.json()["code"], _violations(response))
    assert answers["neighbour"] == answers["other city"] == answers["missing"]
    assert answers["missing"][1] == (("report", "does_not_exist"),)
    assert set(RectificationReport.objects.values_list("outcome", flat=True)) == {""}
    assert api.post(url, {**body, "report": own.pk}, format="json").status_code == 200
    assert Consequence.objects.get(pk=consequence.pk).status == "closed"

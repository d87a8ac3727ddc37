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

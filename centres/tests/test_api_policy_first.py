"""Who may take a step is decided before what they sent is read: a user the step's rule
(centres/policies.py) refuses gets the 403 whatever the body — not first a 400 listing the fields the
step needs — and one it allows gets the 400 for an incomplete body, then the step for a complete one.
Both orders, for setting up a centre (POST /api/v1/centres/) and for the steps on a record."""

from datetime import datetime

import pytest
from django.utils import timezone

from centres.models import Centre, Dissolution
from directory.models import Jurisdiction

pytestmark = pytest.mark.django_db

CENTRES = "/api/v1/centres/"


def centre_body(**overrides):
    return {
        "jurisdiction": Jurisdiction.objects.get(code="500107").pk,
        "body_kind": "district_centre",
        "specialty": "呼吸内科",
        "name": "九龙坡区呼吸内科医疗质量控制中心",
        **overrides,
    }


@pytest.mark.parametrize(
    "body", [{}, {"name": "只填了名称"}, "complete"], ids=["empty", "incomplete", "complete"]
)
def test_a_hospital_user_setting_up_a_centre_is_refused_403_whatever_it_sends(api_of, body):
    """九龙坡 第四条: a centre is set up by the commission or its QC office — never by a hospital."""
    body = centre_body() if body == "complete" else body
    response = api_of("jlp_host").post(CENTRES, body, format="json")
    assert response.status_code == 403, response.content.decode()
    assert response.json()["code"] == "permission_denied" and response.json()["violations"] == []
    assert not Centre.objects.filter(name="九龙坡区呼吸内科医疗质量控制中心").exists()


def test_the_commission_is_told_what_is_missing_then_sets_the_centre_up(api_of):
    commission = api_of("jlp_commission")
    incomplete = commission.post(CENTRES, {"jurisdiction": centre_body()["jurisdiction"]}, format="json")
    assert incomplete.status_code == 400
    assert {v["field"] for v in incomplete.json()["violations"]} == {"body_kind", "specialty", "name"}
    created = commission.post(CENTRES, centre_body(), format="json")
    assert created.status_code == 201, created.content.decode()
    assert created.json()["name"] == "九龙坡区呼吸内科医疗质量控制中心"


@pytest.mark.parametrize(
    "body", [{}, {"cause": "severe_violation", "reason": "违规"}], ids=["empty", "complete"]
)
def test_a_step_on_a_visible_centre_is_refused_403_before_its_body_is_read(jlp_centre, api_of, body):
    """九龙坡 第二十条: dissolution is the commission's decision. The QC office sees the centre (so it is
    a 403, not a 404) and may not dissolve it, whatever it sends."""
    response = api_of("jlp_qc_office").post(f"{CENTRES}{jlp_centre.pk}/dissolve/", body, format="json")
    assert response.status_code == 403, response.content.decode()
    assert response.json()["code"] == "permission_denied"
    assert not Dissolution.objects.filter(centre=jlp_centre).exists()


def test_the_commission_dissolving_with_an_empty_body_gets_the_field_errors(jlp_centre, api_of):
    response = api_of("jlp_commission").post(f"{CENTRES}{jlp_centre.pk}/dissolve/", {}, format="json")
    assert response.status_code == 400
    assert {v["field"] for v in response.json()["violations"]} == {"cause", "reason"}


def test_a_centre_outside_the_users_scope_is_a_404_whatever_the_body(jlp_centre, api_of):
    for body in ({}, {"cause": "severe_violation", "reason": "违规"}):
        response = api_of("jn_commission").post(f"{CENTRES}{jlp_centre.pk}/dissolve/", body, format="json")
        assert response.status_code == 404, body


@pytest.mark.parametrize("body", [{}, {"reasons": "综合实力最强"}], ids=["empty", "incomplete"])
def test_selecting_a_host_is_the_commissions_act_not_the_offices(jlp_centre, api_of, u, body):
    """九龙坡 第七条（四）: the commission selects; the QC office (which may write to calls) gets 403."""
    from centres.services.selection import call_publish

    call = call_publish(
        centre=jlp_centre,
        title="遴选公告",
        method="selection",
        application_deadline=timezone.make_aware(datetime(2026, 3, 20, 17, 0)),
        acting_user=u("jlp_commission"),
    )
    office = api_of("jlp_qc_office").post(f"/api/v1/selection-calls/{call.pk}/select/", body, format="json")
    assert office.status_code == 403, office.content.decode()
    commission = api_of("jlp_commission").post(
        f"/api/v1/selection-calls/{call.pk}/select/", body, format="json"
    )
    assert commission.status_code == 400  # the commission is told what is missing

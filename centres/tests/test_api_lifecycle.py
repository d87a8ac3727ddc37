"""The term's lifecycle through the API, with the same checks as the browser: a leader change,
dissolution with its bans, and a handover signed by its three parties (济南 第十九条（二）,
第十七条, 第二十一条)."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from centres.models import Ban, Centre, Handover
from centres.tests.test_lifecycle import jn_active_centre  # noqa: F401 — the fixture
from directory.models import Institution, Person

pytestmark = pytest.mark.django_db


def test_leader_change_through_the_api(jn_active_centre, api_of, at):  # noqa: F811
    at("2026-05-04 09:00")
    centre = jn_active_centre
    change = api_of("jn_host").post(
        f"/api/v1/centres/{centre.pk}/leader-vacate/",
        {"reason": "调离", "vacated_on": "2026-05-04"},
        format="json",
    )
    assert change.status_code == 201 and change.json()["due_at"].startswith("2026-06-04")
    pk = change.json()["id"]
    # the commission may not nominate; the host may not approve
    assert (
        api_of("jn_commission")
        .post(f"/api/v1/leader-changes/{pk}/nominate/", {"person": Person.objects.get(name="黄丽华").pk})
        .status_code
        == 403
    )
    nominated = api_of("jn_host").post(
        f"/api/v1/leader-changes/{pk}/nominate/", {"person": Person.objects.get(name="黄丽华").pk}
    )
    assert nominated.status_code == 200 and nominated.json()["status"] == "nominated"
    assert api_of("jn_host").post(f"/api/v1/leader-changes/{pk}/approve/").status_code == 403
    approved = api_of("jn_commission").post(f"/api/v1/leader-changes/{pk}/approve/")
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert Centre.objects.get(pk=centre.pk).leader.name == "黄丽华"
    # another jurisdiction sees nothing of it
    assert api_of("jlp_commission").get(f"/api/v1/leader-changes/{pk}/").status_code == 404


def test_dissolution_and_handover_through_the_api(jn_active_centre, api_of, at, user_of):  # noqa: F811
    from accounts.models import User

    at("2026-06-15 10:00")
    centre = jn_active_centre
    assert (
        api_of("jn_host")
        .post(f"/api/v1/centres/{centre.pk}/dissolve/", {"cause": "severe_violation", "reason": "违规"})
        .status_code
        == 403
    )
    assert APIClient().post(f"/api/v1/centres/{centre.pk}/dissolve/", {}).status_code == 401
    assert (
        api_of("jlp_commission")
        .post(f"/api/v1/centres/{centre.pk}/dissolve/", {"cause": "severe_violation", "reason": "违规"})
        .status_code
        == 404
    )
    dissolved = api_of("jn_commission").post(
        f"/api/v1/centres/{centre.pk}/dissolve/",
        {"cause": "severe_violation", "reason": "违规颁发证书"},
        format="json",
    )
    assert dissolved.status_code == 201 and dissolved.json()["article"] == "第十七条"
    assert Ban.objects.filter(institution=centre.host, article="第十七条").exists()

    successor = Institution.objects.get(name="济南市中医医院")
    new_host = User.objects.create(
        username="jn_tcm_host",
        role="host_submitter",
        institution=successor,
        jurisdiction=successor.jurisdiction,
    )
    opened = api_of("jn_commission").post(f"/api/v1/centres/{centre.pk}/handover/", {"to_host": successor.pk})
    assert opened.status_code == 201 and opened.json()["due_at"].startswith(
        "2026-07-15"
    )  # 第二十一条: 1个月内
    pk = opened.json()["id"]
    for code in opened.json()["items"]:
        assert (
            api_of("jn_host").post(f"/api/v1/handovers/{pk}/item/", {"code": code, "done": True}).status_code
            == 200
        )
    assert (
        api_of("jn_commission").post(f"/api/v1/handovers/{pk}/sign/", {"party": "commission"}).status_code
        == 409
    )
    assert api_of("jn_host").post(f"/api/v1/handovers/{pk}/sign/", {"party": "to"}).status_code == 403
    assert api_of("jn_host").post(f"/api/v1/handovers/{pk}/sign/", {"party": "from"}).status_code == 200
    client = APIClient()
    client.force_authenticate(new_host)
    assert client.post(f"/api/v1/handovers/{pk}/sign/", {"party": "to"}).status_code == 200
    done = api_of("jn_commission").post(f"/api/v1/handovers/{pk}/sign/", {"party": "commission"})
    assert done.status_code == 200 and done.json()["status"] == Handover.Status.SIGNED
    assert date.fromisoformat(done.json()["commission_signed_at"][:10]) == date(2026, 6, 15)

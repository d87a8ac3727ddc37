"""The deadlines API: scoped reads, waiving by the commission, errors as {code, message}."""

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.urls("deadlines.tests.api_urls")]


def test_anonymous_is_401(client, jlp_deadline_id):
    assert client.get("/api/v1/deadlines/").status_code == 401


@pytest.fixture
def jlp_deadline_id(open_deadline):
    return open_deadline(due="2026-03-10 23:59:59").pk


def test_reads_are_scoped(api_of, jlp_deadline_id, user_of):
    from deadlines.models import Deadline

    host = user_of("jlp_host")
    seen = [d["id"] for d in api_of("jlp_host").get("/api/v1/deadlines/").json()["results"]]
    assert jlp_deadline_id in seen
    # the demo world has deadlines of its own: the host sees only its institution's
    assert set(Deadline.objects.filter(pk__in=seen).values_list("institution", flat=True)) == {
        host.institution_id
    }
    assert api_of("jn_commission").get("/api/v1/deadlines/").json()["results"] == []
    assert api_of("jn_commission").get(f"/api/v1/deadlines/{jlp_deadline_id}/").status_code == 404
    body = api_of("jlp_auditor").get(f"/api/v1/deadlines/{jlp_deadline_id}/").json()
    assert body["article"] == "第十二条" and body["state"] == "open" and body["subject_type"] == "institution"


def test_waive_needs_the_commission_and_a_reason(api_of, jlp_deadline_id):
    url = f"/api/v1/deadlines/{jlp_deadline_id}/waive/"
    assert api_of("jlp_auditor").post(url, {"reason": "x"}).status_code == 403
    assert api_of("jlp_host").post(url, {"reason": "x"}).status_code == 403
    assert api_of("jn_commission").post(url, {"reason": "x"}).status_code == 404
    response = api_of("jlp_commission").post(url, {"reason": ""})
    assert response.status_code == 400 and response.json()["violations"][0]["message"] == "请填写豁免理由。"
    response = api_of("jlp_commission").post(url, {"reason": "中心已撤销"})
    assert response.status_code == 200 and response.json()["state"] == "waived"
    response = api_of("jlp_commission").post(url, {"reason": "再次豁免"})
    assert response.status_code == 409 and response.json()["code"] == "deadline_not_pending"

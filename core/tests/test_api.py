"""The API conventions every endpoint follows: /api/v1/, session and token auth, one error
format {code, message, violations}, pagination and filtering, an OpenAPI schema and docs."""

import pytest
from rest_framework.test import APIClient

from core.api.errors import RuleViolationError
from directory.models import Institution

pytestmark = pytest.mark.django_db


def test_validation_error_format_names_the_field(world, api_of):
    pk = Institution.objects.get(name="九龙坡区中医院").pk
    response = api_of("jlp_commission").patch(f"/api/v1/institutions/{pk}/", {"grade": "9z"}, format="json")
    body = response.json()
    assert response.status_code == 400
    assert body["code"] == "invalid" and body["message"]
    assert body["violations"][0]["field"] == "grade"
    assert set(body["violations"][0]) >= {"code", "article", "message", "strictness"}


def test_model_validation_error_from_service_uses_the_same_format(world, api_of):
    pk = Institution.objects.get(name="九龙坡区中医院").pk
    response = api_of("jlp_commission").patch(
        f"/api/v1/institutions/{pk}/", {"uscc": "12500107000000000X"}, format="json"
    )
    assert response.status_code == 400
    assert any(v["field"] == "uscc" for v in response.json()["violations"])


def test_rule_violation_carries_article_and_strictness():
    from core.api.errors import exception_handler

    class V:
        code, article, message, strictness = (
            "committee.max_members",
            "第十一条（一）",
            "委员数原则上不超过20人",
            "in_principle",
        )

    response = exception_handler(RuleViolationError([V()]), {})
    assert response.status_code == 400
    assert response.data == {
        "code": "rule_violation",
        "message": "操作违反规则集规定。",
        "violations": [
            {
                "code": "committee.max_members",
                "article": "第十一条（一）",
                "message": "委员数原则上不超过20人",
                "strictness": "in_principle",
            }
        ],
    }


def test_not_found_and_unauthenticated_format():
    assert APIClient().get("/api/v1/institutions/").json() == {
        "code": "not_authenticated",
        "message": "请先登录。",
        "violations": [],
    }


def test_pagination_and_filtering(world, api_of):
    api = api_of("admin")
    page = api.get("/api/v1/institutions/", {"page_size": 5}).json()
    assert page["count"] == Institution.objects.count() and len(page["results"]) == 5 and page["next"]
    graded = api.get("/api/v1/institutions/", {"grade": "3a"}).json()
    assert graded["count"] == Institution.objects.filter(grade="3a").count()
    assert {r["grade"] for r in graded["results"]} == {"3a"}
    found = api.get("/api/v1/institutions/", {"search": "青浦"}).json()
    assert found["count"] == Institution.objects.filter(name__contains="青浦").count()


def test_create_institution_through_api_is_scoped(world, api_of):
    from directory.demo import demo_uscc
    from directory.models import HealthCommission, Jurisdiction

    jlp, jinan = Jurisdiction.objects.get(code="500107"), Jurisdiction.objects.get(code="370100")
    body = {
        "name": "九龙坡区新建社区卫生服务中心",
        "uscc": demo_uscc("500107", 900),
        "kind": "community",
        "grade": "ungraded",
        "ownership": "public",
        "jurisdiction": jlp.pk,
        "supervising_commission": HealthCommission.objects.get(jurisdiction=jlp).pk,
    }
    assert api_of("jlp_commission").post("/api/v1/institutions/", body, format="json").status_code == 201
    other = {**body, "name": "越权机构", "uscc": demo_uscc("370100", 901), "jurisdiction": jinan.pk}
    refused = api_of("jlp_commission").post("/api/v1/institutions/", other, format="json")
    assert refused.status_code == 400 and refused.json()["violations"][0]["field"] == "jurisdiction"


def test_schema_and_docs_are_served_locally(world, client_of):
    client = client_of("admin")
    schema = client.get("/api/schema/")
    assert schema.status_code == 200 and b"/api/v1/institutions/" in schema.content
    docs = client.get("/api/docs/").content.decode()
    assert "swagger-ui" in docs and "cdn" not in docs.lower() and "//unpkg" not in docs


def test_a_service_refusal_goes_back_to_the_form_with_its_article():
    """core.forms.run_service: the browser's one way to show a refusal beside what was typed."""
    from django import forms

    from core.errors import RuleRefusal, WrongState
    from core.forms import run_service

    class V:
        message, strictness = "第十一条（一）：委员数原则上不超过20人，现为21人", "in_principle"

    form = forms.Form(data={})
    form.is_valid()

    def refuse(exc):
        raise exc

    assert run_service(form, lambda: refuse(RuleRefusal([V()]))) == (False, None)
    assert run_service(form, lambda: refuse(WrongState("notice_open", "公示期未结束。"))) == (False, None)
    assert form.non_field_errors() == [
        "第十一条（一）：委员数原则上不超过20人，现为21人（原则上，可说明理由后报批）",
        "公示期未结束。",
    ]
    assert run_service(form, lambda: "saved") == (True, "saved")
    with pytest.raises(ZeroDivisionError):  # a bug is not a refusal
        run_service(form, lambda: 1 / 0)

"""Ids in writes are scoped (issue 15): a centre, a resource or a user of another city named in a use
request, a transfer or a narrowing is refused exactly like an id that does not exist — on the page
and through the API — and nothing is saved. No refusal names the other city's user (九龙坡 第十六条（二）
is checked only on the users the acting user may pick)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from data_governance.models import DataResource, Grant, ThirdPartyTransfer, UseRequest
from directory.models import Jurisdiction

from .factories import CentreFactory, ResourceFactory, UseRequestFactory

pytestmark = pytest.mark.django_db

MISSING = 10**9


@pytest.fixture
def setting(world):
    """A 九龙坡 centre and resource; 济南's own centre, resource and host user."""
    jinan = Jurisdiction.objects.get(code="370100")
    return {
        "centre": CentreFactory(),
        "resource": ResourceFactory(),
        "other_centre": CentreFactory(
            jurisdiction=jinan,
            name="济南市测试医疗质量控制中心",
            host=User.objects.get(username="jn_host").institution,
        ),
        "other_resource": ResourceFactory(
            jurisdiction=jinan, steward=User.objects.get(username="jn_commission")
        ),
        "other_user": User.objects.get(username="jn_host"),
    }


def _request_post(setting, **changes):
    today = timezone.localdate()
    data = {
        "centre": setting["centre"].pk,
        "purpose_category": "indicator_analysis",
        "purpose": "分析本专业季度质控指标",
        "starts_on": today.isoformat(),
        "ends_on": (today + dt.timedelta(days=30)).isoformat(),
        "resources": [setting["resource"].pk],
        "users": [User.objects.get(username="jlp_host").pk],
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    "field, other",
    [("users", "other_user"), ("resources", "other_resource"), ("centre", "other_centre")],
)
def test_the_request_page_refuses_another_citys_id_like_a_missing_one(client_of, setting, field, other):
    client = client_of("jlp_host")
    url = reverse("data_governance:request_new")
    as_list = field != "centre"
    answers = {}
    for label, pk in (("other", setting[other].pk), ("missing", MISSING)):
        response = client.post(url, _request_post(setting, **{field: [pk] if as_list else pk}))
        assert response.status_code == 200  # the form again, with what was typed
        answers[label] = response.context["form"].errors[field]
    assert answers["other"] == [e.replace(str(MISSING), str(setting[other].pk)) for e in answers["missing"]]
    assert str(setting["other_user"]) not in str(answers["other"])
    assert not UseRequest.objects.exists()
    # and the same page with the user's own ids is saved
    assert client.post(url, _request_post(setting)).status_code == 302


@pytest.mark.parametrize(
    "field, other",
    [("users", "other_user"), ("resources", "other_resource"), ("centre", "other_centre")],
)
def test_the_request_api_refuses_another_citys_id_like_a_missing_one(api_of, setting, field, other):
    api = api_of("jlp_host")
    as_list = field != "centre"
    codes = {}
    for label, pk in (("other", setting[other].pk), ("missing", MISSING)):
        response = api.post(
            "/api/v1/data-use-requests/",
            _request_post(setting, **{field: [pk] if as_list else pk}),
            format="json",
        )
        assert response.status_code == 400, response.content
        assert str(setting["other_user"]) not in response.content.decode()
        codes[label] = response.json()["code"], sorted(response.json().get("fields", {}) or [field])
    assert codes["other"] == codes["missing"]
    assert not UseRequest.objects.exists()
    assert api.post("/api/v1/data-use-requests/", _request_post(setting), format="json").status_code == 201


def test_a_transfer_naming_another_citys_resource_is_refused_on_the_page_and_the_api(
    client_of, api_of, setting
):
    data = {
        "centre": setting["centre"].pk,
        "recipient": "某大学公共卫生学院",
        "data_description": "季度指标汇总",
        "purpose": "联合分析",
        "safeguards": "脱敏、加密传输",
    }
    page = client_of("jlp_host").post(
        reverse("data_governance:transfer_list"), {**data, "resources": [setting["other_resource"].pk]}
    )
    assert page.status_code == 200 and "resources" in page.context["form"].errors
    api = api_of("jlp_host")
    for pk in (setting["other_resource"].pk, MISSING):
        response = api.post("/api/v1/data-transfers/", {**data, "resources": [pk]}, format="json")
        assert response.status_code == 400
    response = api.post(
        "/api/v1/data-transfers/", {**data, "centre": setting["other_centre"].pk}, format="json"
    )
    assert response.status_code == 400
    assert not ThirdPartyTransfer.objects.exists()


def test_a_publication_for_another_citys_centre_is_refused_like_a_missing_one(client_of, api_of, setting):
    data = {
        "kind": "report",
        "title": "季度质控报告",
        "first_unit": "九龙坡区人民医院",
        "data_source": "平台指标",
    }
    for pk in (setting["other_centre"].pk, MISSING):
        page = client_of("jlp_host").post(reverse("data_governance:publication_list"), {**data, "centre": pk})
        assert page.status_code == 200 and "centre" in page.context["form"].errors
        assert (
            api_of("jlp_host")
            .post("/api/v1/data-publications/", {**data, "centre": pk}, format="json")
            .status_code
            == 400
        )
    from data_governance.models import PublicationReview

    assert not PublicationReview.objects.exists()


def test_the_commission_narrows_to_a_province_resource_its_centre_asked_for_but_to_no_stranger(
    client_of, setting
):
    """A district commission decides on the resources on the request — a 重庆市 resource its own
    catalogue does not list included — and refuses any other id, another city's user among them."""
    province = ResourceFactory(
        jurisdiction=Jurisdiction.objects.get(code="500000"),
        steward=User.objects.get(username="cq_commission"),
    )
    assert not DataResource.objects.for_user(User.objects.get(username="jlp_commission")).filter(
        pk=province.pk
    )
    request = UseRequestFactory(centre=setting["centre"], endorsed=True)
    request.resources.set([setting["resource"], province])
    host = User.objects.get(username="jlp_host")
    url = reverse("data_governance:request_detail", args=[request.pk])
    decision = {
        "action": "decide",
        "outcome": "narrow",
        "qc_judgement": "属于质控工作",
        "reasons": "缩减",
        "ends_on": (request.starts_on + dt.timedelta(days=10)).isoformat(),
    }
    client = client_of("jlp_commission")
    refused = client.post(url, {**decision, "resources": [province.pk], "users": [setting["other_user"].pk]})
    assert refused.status_code == 200 and "users" in refused.context["decision_form"].errors
    assert UseRequest.objects.get(pk=request.pk).status == "endorsed"
    ok = client.post(url, {**decision, "resources": [province.pk], "users": [host.pk]})
    assert ok.status_code == 302
    assert UseRequest.objects.get(pk=request.pk).status == "narrowed"
    assert list(Grant.objects.get(request=request).resources.all()) == [province]


def test_the_api_narrows_only_to_the_requests_own_rows_as_the_page_does(api_of, setting):
    """/decide/ takes what the page's form takes: a user or resource not on the request — another
    city's, or one that does not exist — is a 400 on its field (it used to be dropped silently), and
    the request stays undecided; the request's own are kept."""
    request = UseRequestFactory(centre=setting["centre"], endorsed=True)
    request.resources.set([setting["resource"]])
    api = api_of("jlp_commission")
    url = f"/api/v1/data-use-requests/{request.pk}/decide/"
    decision = {
        "outcome": "narrow",
        "qc_judgement": "属于质控工作",
        "reasons": "缩减",
        "ends_on": (request.starts_on + dt.timedelta(days=10)).isoformat(),
    }
    for changes in (
        {"users": [setting["other_user"].pk]},
        {"users": [MISSING]},
        {"resources": [setting["other_resource"].pk]},
        {"resources": [MISSING]},
    ):
        response = api.post(url, {**decision, **changes}, format="json")
        assert response.status_code == 400, (changes, response.content)
        assert str(setting["other_user"]) not in response.content.decode()
    assert UseRequest.objects.get(pk=request.pk).status == "endorsed"
    host = User.objects.get(username="jlp_host")
    response = api.post(
        url, {**decision, "users": [host.pk], "resources": [setting["resource"].pk]}, format="json"
    )
    assert response.status_code == 200 and response.json()["status"] == "narrowed"


def _violations(response):
    return [(v.get("field"), v["code"]) for v in response.json()["violations"]]


def test_a_scan_hit_of_another_publication_or_city_is_refused_like_a_missing_one(api_of, setting):
    """/resolve_hit/ takes a hit of the publication in the URL only, through the scoped field: another
    publication's hit (same district), another city's, or one that does not exist are the same 400 on
    ``hit``, and no hit is resolved; the publication's own is."""
    from data_governance.models import ScanHit

    from .factories import PublicationFactory

    def hit(review):
        return ScanHit.objects.create(review=review, kind="name", text="张*", location="第1段")

    review = PublicationFactory(centre=setting["centre"], submitted=True)
    own = hit(review)
    neighbour = hit(PublicationFactory(centre=setting["centre"], submitted=True))
    jinan = hit(PublicationFactory(centre=setting["other_centre"], first_unit="济南", submitted=True))
    api = api_of("jlp_commission")
    url = f"/api/v1/data-publications/{review.pk}/resolve_hit/"
    body = {"resolution": "confirmed"}
    answers = {}
    for label, pk in (("neighbour", neighbour.pk), ("other city", jinan.pk), ("missing", MISSING)):
        response = api.post(url, {**body, "hit": pk}, format="json")
        assert response.status_code == 400, (label, response.content)
        answers[label] = (response.json()["code"], _violations(response))
    assert answers["neighbour"] == answers["other city"] == answers["missing"]
    assert answers["missing"][1][0][0] == "hit"
    assert set(ScanHit.objects.values_list("resolution", flat=True)) == {"open"}
    assert api.post(url, {**body, "hit": own.pk}, format="json").status_code == 200
    assert ScanHit.objects.get(pk=own.pk).resolution == "confirmed"

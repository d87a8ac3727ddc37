"""Issue 15 item 2: malformed input is a 400 or a 404, never a 500 — on every route of the URLconf,
including the ones not written yet. One id converter (web and API) and one request-body check
(the API's JSON parser) are the roots; these tests walk every route."""

import json

import pytest
from django.test import Client

from accounts.models import User
from tests.routes import all_routes

pytestmark = pytest.mark.django_db

ROUTES = all_routes()
ID_PARAMS = {"pk", "content_type_id", "object_id", "id"}
# a non-integer, non-ASCII digits (superscript three, Arabic-Indic three, full-width one),
# a negative, a decimal, and an integer beyond bigint
BAD_IDS = ["abc", "³", "٣", "１", "-1", "1.5"]
TOO_BIG = "99999999999999999999"  # digits, so the route matches: a 404, or 405 for a wrong method


def _client(username):
    c = Client(raise_request_exception=False)
    c.force_login(User.objects.get(username=username))
    return c


@pytest.fixture
def admin_client(world):
    return _client("admin")


ID_ROUTES = [r for r in ROUTES if ID_PARAMS & set(r.params)]


@pytest.mark.parametrize("route", ID_ROUTES, ids=lambda r: r.template)
def test_a_malformed_id_is_a_404_on_every_route(admin_client, route):
    for bad in BAD_IDS:
        # refused by the URL's id converter, before any view and whatever the method (a POST
        # resolves the same way: test_a_malformed_id_is_a_404_for_a_post_too)
        url = route.fill(**{p: bad for p in route.params if p in ID_PARAMS}, **{"*": "x"})
        response = admin_client.get(url)
        assert response.status_code == 404, (url, response.status_code)
    url = route.fill(**{p: TOO_BIG for p in route.params if p in ID_PARAMS}, **{"*": "x"})
    for method in ("get", "post"):
        response = getattr(admin_client, method)(url)
        assert response.status_code in (400, 404, 405), (method, url, response.status_code)


@pytest.mark.parametrize("route", ID_ROUTES[:: max(1, len(ID_ROUTES) // 12)], ids=lambda r: r.template)
def test_a_malformed_id_is_a_404_for_a_post_too(admin_client, route):
    for bad in BAD_IDS:
        url = route.fill(**{p: bad for p in route.params if p in ID_PARAMS}, **{"*": "x"})
        response = admin_client.post(url)
        assert response.status_code == 404, (url, response.status_code)


STR_ROUTES = [r for r in ROUTES if set(r.params) - ID_PARAMS]


@pytest.mark.parametrize("route", STR_ROUTES, ids=lambda r: r.template)
def test_strange_text_parameters_are_not_server_errors(admin_client, route):
    for bad in ["³", "..", "%00", "x" * 300, "<script>"]:
        url = route.fill(**{"*": bad, **{p: "1" for p in route.params if p in ID_PARAMS}})
        for method in ("get", "post"):
            response = getattr(admin_client, method)(url)
            assert response.status_code < 500, (method, url, response.status_code)


API_WRITE_ROUTES = [r for r in ROUTES if r.template.startswith("/api/v1/") and r.template != "/api/v1/"]


@pytest.mark.parametrize("route", API_WRITE_ROUTES, ids=lambda r: r.template)
def test_a_json_body_that_is_not_an_object_is_a_400(admin_client, route, world):
    url = route.fill(**{"*": "1"})
    for body in ([], [1, 2], "text", 3, None):
        for method in ("post", "put", "patch"):
            response = getattr(admin_client, method)(url, json.dumps(body), content_type="application/json")
            assert response.status_code < 500, (method, url, body, response.status_code)
            # 400 (parse_error, or the view's own refusal before it reads the body), 415 for an
            # upload-only endpoint, 403/404/405: anything but a server error or an acceptance
            assert response.status_code in (400, 403, 404, 405, 415), (
                method,
                url,
                body,
                response.status_code,
            )

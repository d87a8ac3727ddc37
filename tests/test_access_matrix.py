"""Issue 15 (access control for every route, including future ones — ASVS 5.0 V8, 等保 2.0 访问控制).
Generated from the URLconf, so a route added tomorrow is covered without editing this file:

- anonymous: every route sends the user to the login page (401 on the API) unless the module that
  defines it declares it in its ``PUBLIC_ROUTES``; a declared public route that no longer exists
  fails too;
- auditors change nothing: checked on every route, with every unsafe method, by the role matrix
  (tests/test_role_matrix.py), which also checks that not one tracked row changes.
"""

import importlib

import pytest
from django.test import Client
from django.urls import get_resolver

from tests.routes import all_routes

pytestmark = pytest.mark.django_db
ROUTES = all_routes()


def declared_public() -> set[str]:
    names, seen = set(), set()

    def walk(resolver):
        module = resolver.urlconf_module
        module = importlib.import_module(module) if isinstance(module, str) else module
        if id(module) not in seen:
            seen.add(id(module))
            names.update(getattr(module, "PUBLIC_ROUTES", ()))
        for entry in resolver.url_patterns:
            if hasattr(entry, "url_patterns") and not str(entry.pattern).startswith("admin/"):
                walk(entry)

    walk(get_resolver())
    return names


def key(route):
    return route.name or route.template


def test_every_declared_public_route_exists():
    assert declared_public() <= {key(r) for r in ROUTES}


@pytest.mark.parametrize("route", ROUTES, ids=key)
def test_anonymous_users_are_sent_to_log_in_unless_the_route_is_declared_public(world, route):
    if key(route) in declared_public():
        return
    client = Client(raise_request_exception=False)
    url = route.fill(**{"*": "1"})
    for method in ("get", "post"):
        response = getattr(client, method)(url)
        if route.template.startswith("/api/"):
            assert response.status_code == 401, (method, url, response.status_code)
        else:
            assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), (
                method,
                url,
                response.status_code,
            )

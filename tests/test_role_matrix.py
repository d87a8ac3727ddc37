"""Issue 15: every route × {anonymous, another hospital, another jurisdiction, an expert, an auditor,
the right user} gets exactly the answer its app declares in ``<app>/access.py`` (core/access.py
says how). Generated from the URLconf and the OpenAPI schema: a route, or an API operation, with
no declaration fails, so a new app's routes are covered the day they land.

The full demo world is seeded once for the module (inside a transaction rolled back at the end);
each route's requests run in the test's own savepoint. Not one tracked row may change on any
route's checks (the pghistory trail is the witness): no write by the wrong user goes through, not
even one answered with an error.

Re-measure (prints every route's actual row, to compare with the declarations):
``ACCESS_MATRIX_PRINT=1 pytest tests/test_role_matrix.py -s``.
"""

from __future__ import annotations

import functools
import os
import re

import pghistory.models
import pytest
from django.apps import apps as django_apps
from django.db import connection, transaction
from django.test import Client

from accounts.models import User
from core.access import KINDS, declarations, users_for
from tests.routes import all_routes

ROUTES = all_routes()
DECLARED = declarations()
UNSAFE = ("post", "put", "patch", "delete")


def key(route):
    return route.name or route.template


def _norm(path: str) -> str:
    return re.sub(r"<[^>]+>|\{[^}]+\}", "{}", path)


def schema_operations() -> dict[str, set[str]]:
    """The OpenAPI schema's operations: normalised path -> its methods."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    return {_norm(path): {m for m in ops if m in ("get", *UNSAFE)} for path, ops in schema["paths"].items()}


OPERATIONS = schema_operations()


def methods_of(route) -> tuple[list[str], list[str]]:
    """(safe, unsafe) methods to try: the schema's for an API operation, GET and POST on a page."""
    ops = OPERATIONS.get(_norm(route.template))
    if ops is not None:
        return (["get"] if "get" in ops else []), [m for m in UNSAFE if m in ops]
    return ["get"], list(UNSAFE)  # on a page PUT, PATCH and DELETE are tried by the auditor only


def test_every_route_has_a_declared_expectation():
    from tests.test_access_matrix import declared_public

    public = declared_public()
    missing = sorted(key(r) for r in ROUTES if key(r) not in DECLARED and key(r) not in public)
    assert missing == [], "routes without a declaration in their app's access.py: " + ", ".join(missing)


def test_every_declaration_names_a_route():
    assert set(DECLARED) <= {key(r) for r in ROUTES}


def test_every_api_operation_in_the_schema_is_a_route():
    templates = {_norm(r.template) for r in ROUTES}
    assert sorted(set(OPERATIONS) - templates) == []


@pytest.fixture(autouse=True)
def _media_in_tmp():
    """The module's files stay in the module's folder (overrides conftest's per-test folder)."""


@pytest.fixture(scope="module")
def matrix_world(demo_with_samples, django_db_blocker):
    """A client for every demo user of the full demo (every app's records in every state), logged in
    once for the module, outside each test's rollback."""
    with django_db_blocker.unblock():
        clients: dict[str, Client] = {"": Client(raise_request_exception=False)}
        for user in User.objects.exclude(username=""):
            clients[user.username] = Client(raise_request_exception=False)
            clients[user.username].force_login(user)
    return clients.__getitem__


def history_writes() -> int:
    """Rows written to the change-history (pghistory event) tables in this transaction so far: a
    tracked row changed by a request adds one (PostgreSQL's own per-transaction counters)."""
    with connection.cursor() as cursor:
        # the counter function on the tables' ids: through the pg_stat_xact_user_tables view it
        # costs ten times more, and this runs twice per request of the matrix
        cursor.execute(
            "SELECT coalesce(sum(pg_stat_get_xact_tuples_inserted(t)), 0) FROM unnest(%s::oid[]) t",
            [_event_table_ids()],
        )
        return cursor.fetchone()[0]


@functools.cache
def _event_table_ids() -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT oid FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relname = ANY(%s)",
            [EVENT_TABLES],
        )
        return [row[0] for row in cursor.fetchall()]


EVENT_TABLES = sorted(
    m._meta.db_table for m in django_apps.get_models() if issubclass(m, pghistory.models.Event)
)


def _answer(response, api: bool) -> str:
    if response.status_code == 302 and response.get("Location", "").startswith("/accounts/login/"):
        return "login"
    if api and response.status_code == 401:
        return "login"
    return str(response.status_code)


def _url(route, decl) -> str:
    if not route.params:
        return route.template
    values = {}
    if decl.model:
        from django.apps import apps

        model = apps.get_model(decl.model)
        right = User.objects.get(username=users_for(decl)["right"])
        manager = model._default_manager
        queryset = manager.for_user(right) if hasattr(manager, "for_user") else manager.all()
        sample = queryset.filter(**decl.where).order_by("pk").first()
        assert sample is not None, f"no {decl.model} visible to {right.username} in the demo ({decl.where})"
        values[decl.pk] = sample.pk
        extra = decl.params(sample) if callable(decl.params) else decl.params
    else:
        extra = decl.params
    values.update(extra)
    missing = set(route.params) - set(values)
    assert not missing, f"{key(route)}: no value for {missing} (declare params=)"
    return route.fill(**values)


def _request(client, method, url, api):
    if method == "get":
        return client.get(url)
    if api or method != "post":
        return getattr(client, method)(url, "{}", content_type="application/json")
    return client.post(url, {})


@pytest.mark.parametrize("route", [r for r in ROUTES if key(r) in DECLARED], ids=key)
def test_route_answers_each_kind_of_user_as_declared(matrix_world, db, route):
    decl = DECLARED[key(route)]
    api = route.template.startswith("/api/")
    url = _url(route, decl)
    users = users_for(decl)
    safe, unsafe = methods_of(route)
    wrong, actual = [], {}
    for group, methods in (("get", safe), ("post", unsafe)):
        expected = decl.expected(group)
        for method in methods:
            row = []
            for kind in KINDS:
                if expected[kind] == "-" and not os.environ.get("ACCESS_MATRIX_PRINT"):
                    row.append("-")
                    continue
                if kind == "right" and group == "post":
                    row.append("-")  # the right user's writes: the app's own tests
                    continue
                if not api and group == "post" and method != "post" and kind != "auditor":
                    row.append("-")
                    continue
                with transaction.atomic():
                    before = history_writes()
                    got = _answer(_request(matrix_world(users[kind]), method, url, api), api)
                    if history_writes() != before:
                        wrong.append(f"{method.upper()} {url} as {kind}: a tracked row changed ({got})")
                    transaction.set_rollback(True)
                row.append(got)
                if (
                    expected[kind] != "-"
                    and got != expected[kind]
                    and not (kind == "auditor" and method != "post" and not api and got in ("403", "405"))
                ):
                    wrong.append(
                        f"{method.upper()} {url} as {kind} ({users[kind] or 'anonymous'}): "
                        f"{got}, declared {expected[kind]}"
                    )
            actual[method] = " ".join(row)
    if os.environ.get("ACCESS_MATRIX_PRINT"):
        print(f"\nACTUAL {key(route)} {actual}")
    assert wrong == [], "\n".join(wrong)


def test_the_history_witness_sees_a_tracked_change(matrix_world, db):
    from directory.models import Institution

    before = history_writes()
    institution = Institution.objects.order_by("pk").first()
    institution.name += "（改）"
    institution.save()
    assert history_writes() == before + 1

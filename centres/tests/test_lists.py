"""Every centres list on the shared list component (core/lists.py, docs/lists.md; issue 13): the
centres, calls, applications, hosting terms, leader changes and the serious-incident register. For
each: its filters narrow, it pages with a visible count, another jurisdiction's rows never appear
(not even when asked for by its 区划), and the page costs the same queries for 3 rows or 51. The
API and the Excel export run the same FilterSet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from centres.models import Application, Centre, HostingTerm, LeaderChange, QualityIncident, SelectionCall
from centres.tests.factories import (
    ApplicationFactory,
    CallFactory,
    CentreFactory,
    LeaderChangeFactory,
    TermFactory,
)
from core.lists import chinese_collation
from directory.models import Institution, Jurisdiction
from exports.registry import get_spec

pytestmark = pytest.mark.django_db

JLP, JN = "500107", "370100"


def _j(code):
    return Jurisdiction.objects.get(code=code)


def _centre(code, **kw):
    return CentreFactory(jurisdiction=_j(code), **kw)


def _incident(code, *, occurred_on=date(2025, 6, 1)):
    institution = Institution.objects.filter(jurisdiction__code=code).order_by("pk").first()
    return QualityIncident.objects.create(
        institution=institution,
        occurred_on=occurred_on,
        description="医疗质量安全事件",
        recorded_by=User.objects.get(username="admin"),
    )


@dataclass
class Listing:
    url_name: str
    model: type
    make: Callable  # make(jurisdiction code) → a row in its default state
    make_other: Callable  # a row the filter below excludes
    only_other: dict  # the filter (URL parameters) that keeps make_other's rows only
    api: str = ""  # the API list of the same rows, filtered by the same FilterSet
    export: str = ""  # the Excel list of the same rows
    jurisdiction_filter: bool = True
    user: str = "jlp_commission"


LISTS = {
    "centres": Listing(
        "centres:list",
        Centre,
        lambda code: _centre(code),
        lambda code: _centre(code, dissolved=True),
        {"status": "dissolved"},
        api="/api/v1/centres/",
        export="centres",
    ),
    "calls": Listing(
        "centres:call_list",
        SelectionCall,
        lambda code: CallFactory(centre=_centre(code)),
        lambda code: CallFactory(centre=_centre(code), draft=True),
        {"status": "draft"},
        api="/api/v1/selection-calls/",
        export="centre_calls",
    ),
    "applications": Listing(
        "centres:application_list",
        Application,
        lambda code: ApplicationFactory(call=CallFactory(centre=_centre(code))),
        lambda code: ApplicationFactory(call=CallFactory(centre=_centre(code)), submitted=True),
        {"status": "submitted"},
        api="/api/v1/centre-applications/",
        export="centre_applications",
    ),
    "terms": Listing(
        "centres:term_list",
        HostingTerm,
        lambda code: _centre(code, active=True).terms.get(),
        lambda code: TermFactory(centre=_centre(code), status="ended"),
        {"status": "ended"},
        export="centre_terms",
    ),
    "leader changes": Listing(
        "centres:leader_change_list",
        LeaderChange,
        lambda code: LeaderChangeFactory(centre=_centre(code, active=True)),
        lambda code: LeaderChangeFactory(centre=_centre(code, active=True), status="approved"),
        {"status": "approved"},
        api="/api/v1/leader-changes/",
    ),
    "incidents": Listing(
        "centres:incidents",
        QualityIncident,
        lambda code: _incident(code),
        lambda code: _incident(code, occurred_on=date(2024, 1, 15)),
        {"occurred_after": "2024-01-01", "occurred_before": "2024-12-31"},
        jurisdiction_filter=False,
    ),
}


def page_of(client, listing, **params):
    response = client.get(reverse(listing.url_name), params)
    assert response.status_code == 200, response.content.decode()[:500]
    return response


def pks(response) -> set:
    return {row.pk for row in response.context["page"].object_list}


@pytest.fixture(params=list(LISTS), ids=list(LISTS))
def listing(request, world):
    return LISTS[request.param]


def test_the_filter_narrows_the_rows_and_stays_in_the_url(listing, client_of):
    kept, other = listing.make(JLP), listing.make_other(JLP)
    client = client_of(listing.user)
    assert {kept.pk, other.pk} <= pks(page_of(client, listing))
    filtered = page_of(client, listing, **listing.only_other)
    assert other.pk in pks(filtered) and kept.pk not in pks(filtered)
    page = filtered.content.decode()
    assert 'data-testid="filter-bar"' in page and 'data-testid="list-count"' in page
    for value in listing.only_other.values():  # the filter bar shows what is applied
        assert f'value="{value}"' in page or f'<option value="{value}" selected>' in page


def test_it_pages_with_a_visible_count(listing, client_of):
    ours = {listing.make(JLP).pk for _ in range(51)}
    client = client_of(listing.user)
    first, second = page_of(client, listing), page_of(client, listing, page=2)
    in_scope = listing.model.objects.for_user(User.objects.get(username=listing.user)).count()
    assert first.context["page"].paginator.count == in_scope >= 51
    assert len(first.context["page"].object_list) == 50
    assert "共 {} 条".format(first.context["page"].paginator.count) in first.content.decode()
    assert pks(first).isdisjoint(pks(second)) and ours <= pks(first) | pks(second)


def test_another_jurisdictions_rows_never_appear(listing, client_of):
    ours, theirs = listing.make(JLP), listing.make(JN)
    client = client_of(listing.user)
    rows = pks(page_of(client, listing))
    assert ours.pk in rows and theirs.pk not in rows
    assert theirs.pk not in pks(page_of(client, listing, **listing.only_other))
    if listing.jurisdiction_filter:  # asking for 济南 by its 区划 is an invalid choice: an error, no rows
        asked = page_of(client, listing, jurisdiction=_j(JN).pk)
        assert pks(asked) == set() and 'data-testid="filter-errors"' in asked.content.decode()
        below = page_of(client, listing, jurisdiction=_j(JLP).pk)  # its own 区划, with everything below
        assert ours.pk in pks(below)


def test_the_page_costs_the_same_queries_for_3_rows_or_51(listing, client_of):
    for _ in range(3):
        listing.make(JLP)
    client = client_of(listing.user)
    page_of(client, listing)  # warm the caches (content types, the rule sets)
    with CaptureQueriesContext(connection) as few:
        page_of(client, listing)
    for _ in range(48):
        listing.make(JLP)
    with CaptureQueriesContext(connection) as many:
        page_of(client, listing)
    assert len(many.captured_queries) == len(few.captured_queries), [q["sql"] for q in many.captured_queries]


@pytest.mark.parametrize("name", [n for n, lst in LISTS.items() if lst.api or lst.export])
def test_the_api_and_the_export_run_the_same_filters_in_the_same_scope(name, world, api_of):
    """(The incident register is a page only.)"""
    listing = LISTS[name]
    kept, other, theirs = listing.make(JLP), listing.make_other(JLP), listing.make_other(JN)
    user = User.objects.get(username=listing.user)
    if listing.api:
        body = api_of(listing.user).get(listing.api, listing.only_other).json()
        ids = {row["id"] for row in body["results"]}
        assert other.pk in ids and kept.pk not in ids and theirs.pk not in ids
    if listing.export:
        rows = get_spec(listing.export).queryset(user, listing.only_other)
        assert {r.pk for r in rows} == {other.pk}


def test_the_api_sorts_centres_by_the_lists_columns(world, api_of):
    for name in ("乙中心", "甲中心"):
        CentreFactory(jurisdiction=_j(JLP), name=name)
    body = api_of("jlp_commission").get("/api/v1/centres/", {"ordering": "-name"}).json()
    names = [row["name"] for row in body["results"] if row["name"] in ("甲中心", "乙中心")]
    # the FilterSet's ordering, not DRF's: pinyin (jia, yi) reversed where the server has ICU
    assert names == (["乙中心", "甲中心"] if chinese_collation() else ["甲中心", "乙中心"])


@pytest.mark.parametrize("name", [n for n in LISTS if n != "incidents"])
def test_a_list_page_only_reads(name, world, client_of):
    """Nothing is written through a list: the commission's POST is a 405 (an auditor's never gets that
    far: the read-only refusal, 403, comes first)."""
    url = reverse(LISTS[name].url_name)
    assert client_of("jlp_commission").post(url, {}).status_code == 405
    assert client_of("jlp_auditor").post(url, {}).status_code == 403


def test_the_api_lists_sort_on_one_table_without_grouping_the_scope(world, api_of):
    """Issue 14: the API's calls and applications lists take their first page without sorting or
    grouping the whole scope across tables: newest applications first on their own key, each call's
    applications counted by a subquery (no GROUP BY, no DISTINCT)."""
    from centres.tests.factories import ApplicationFactory

    older, newer = ApplicationFactory(), ApplicationFactory()
    commission = api_of("admin")
    with CaptureQueriesContext(connection) as queries:
        rows = commission.get("/api/v1/centre-applications/").json()["results"]
    ids = [row["id"] for row in rows]
    assert ids.index(newer.pk) < ids.index(older.pk)
    listing = next(
        q["sql"]
        for q in queries
        if q["sql"].startswith('SELECT "centres_application"') and "LIMIT" in q["sql"]
    )
    assert 'ORDER BY "centres_application"."id" DESC' in listing
    with CaptureQueriesContext(connection) as queries:
        calls = commission.get("/api/v1/selection-calls/").json()["results"]
    assert {c["id"] for c in calls} >= {older.call_id, newer.call_id}
    counted = next(c for c in calls if c["id"] == newer.call_id)["application_count"]
    assert counted == Application.objects.filter(call=newer.call_id).count()
    listing = next(
        q["sql"]
        for q in queries
        if q["sql"].startswith('SELECT "centres_selectioncall"') and "LIMIT" in q["sql"]
    )
    assert 'GROUP BY "centres_selectioncall"' not in listing and "DISTINCT" not in listing

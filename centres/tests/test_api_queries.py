"""Every list and detail endpoint of the centres API answers in a number of queries that does not
grow with the rows it shows: one centre or five, one objection or five, the same count. An N+1
fails here before it reaches a province."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import (
    ApplicationFactory,
    CallFactory,
    CentreFactory,
    HandoverFactory,
    LeaderChangeFactory,
    NoticeFactory,
    ObjectionFactory,
    PanelMemberFactory,
)

pytestmark = pytest.mark.django_db

# endpoint → how to make one more row of it (each row with its own parents, as in real data).
# review-scores takes scores only (no list or detail: the ranking shows them).
ROWS = {
    "centres": lambda: CentreFactory(active=True),
    "selection-calls": lambda: ApplicationFactory(submitted=True).call,
    "centre-applications": lambda: ApplicationFactory(submitted=True),
    "panel-members": lambda: PanelMemberFactory(),
    "public-notices": lambda: NoticeFactory(),
    "objections": lambda: ObjectionFactory(),
    "leader-changes": lambda: LeaderChangeFactory(),
    "handovers": lambda: HandoverFactory(),
}


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries)


@pytest.mark.parametrize("endpoint", sorted(ROWS))
def test_a_list_costs_the_same_queries_for_one_row_and_for_five(world, api_of, endpoint):
    client = api_of("admin")
    ROWS[endpoint]()
    one = _queries(client, f"/api/v1/{endpoint}/")
    for _ in range(4):
        ROWS[endpoint]()
    five = _queries(client, f"/api/v1/{endpoint}/")
    assert client.get(f"/api/v1/{endpoint}/").json()["count"] >= 5
    assert five == one, f"/api/v1/{endpoint}/: {one} queries for one row, {five} for five"


@pytest.mark.parametrize("endpoint", sorted(ROWS))
def test_a_detail_costs_the_same_queries_whatever_its_row(world, api_of, endpoint):
    client = api_of("admin")
    first, second = ROWS[endpoint](), ROWS[endpoint]()
    _queries(client, f"/api/v1/{endpoint}/{first.pk}/")  # warm the per-process caches (content types, rules)
    assert _queries(client, f"/api/v1/{endpoint}/{first.pk}/") == _queries(
        client, f"/api/v1/{endpoint}/{second.pk}/"
    )


def test_a_call_with_many_applications_costs_what_a_call_with_one_does(world, api_of):
    client = api_of("admin")
    small, large = CallFactory(), CallFactory()
    ApplicationFactory(call=small, submitted=True)
    for name in ("九龙坡区人民医院", "九龙坡区中医院"):
        from directory.models import Institution

        ApplicationFactory(call=large, institution=Institution.objects.get(name=name), submitted=True)
    _queries(client, f"/api/v1/selection-calls/{small.pk}/")
    assert _queries(client, f"/api/v1/selection-calls/{small.pk}/") == _queries(
        client, f"/api/v1/selection-calls/{large.pk}/"
    )

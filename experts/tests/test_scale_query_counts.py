"""Issue 14: every page and API list of the experts app that `make bench` times at province scale
(`experts/scale.py` PAGES) costs the same number of queries with less than a page of rows (the
`tiny` preset) as with several pages (`district`), for a district's and the province's
commission: no query per row (core/tests/scale_counts.py)."""

import pytest

from core.tests.scale_counts import assert_flat
from experts import scale

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_database")]


def test_the_apps_pages_cost_the_same_queries_whatever_the_number_of_rows():
    measured = assert_flat(scale.PAGES)
    assert len(measured) >= len(scale.PAGES)  # every page measured at both scopes or more


def test_the_hours_overview_costs_the_same_queries_for_one_library_as_for_many():
    """履职时长总览 reads the minimum of each library and level from the rule sets in force in one
    go (重庆全科 四、(二)1.): a province with a library in every city costs what a district does
    (it looked the rule set up once per library and level: 7 queries at a district, 37 at the
    province)."""
    import datetime as dt

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from core.tests.scale_counts import load
    from directory.models import Jurisdiction, Person
    from experts.models import Expert, Library

    load("tiny")
    client = Client()
    client.force_login(User.objects.get(username="scale_province"))

    def queries() -> int:
        client.get("/experts/hours/")
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/experts/hours/").status_code == 200
        return len(captured.captured_queries)

    one = queries()
    assert Library.objects.count() == 1
    people = Person.objects.exclude(pk__in=Expert.objects.values("person")).order_by("pk")
    districts = Jurisdiction.objects.filter(level="district").order_by("code")[:3]
    for i, district in enumerate(districts):
        library = Library.objects.create(
            jurisdiction=district,
            name=f"{district.name}专家库{i}",
            issuer_name="中心",
            issuer_code=f"代字{i}",
        )
        for level, who in zip(("city", "regional"), people[2 * i : 2 * i + 2], strict=True):
            Expert.objects.create(
                library=library,
                jurisdiction=district,
                person=who,
                level=level,
                appointed_on=dt.date(2025, 1, 1),
                ends_on=dt.date(2028, 12, 31),
            )
    assert queries() == one

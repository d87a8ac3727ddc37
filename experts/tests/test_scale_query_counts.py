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

"""Issue 14: every page and API list of the appraisal app that `make bench` times at province scale
(`appraisal/scale.py` PAGES) costs the same number of queries with less than a page of rows (the
`tiny` preset) as with several pages (`district`), for a district's and the province's
commission: no query per row (core/tests/scale_counts.py)."""

import pytest

from appraisal import scale
from core.tests.scale_counts import assert_flat

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_database")]


def test_the_apps_pages_cost_the_same_queries_whatever_the_number_of_rows():
    measured = assert_flat(scale.PAGES)
    assert len(measured) >= len(scale.PAGES)  # every page measured at both scopes or more


def test_the_batched_year_at_a_glance_says_what_each_centre_s_own_does():
    """The 年度履职 list reads every centre's year in a fixed number of queries
    (duties.years_at_a_glance); each centre's rows are exactly those of its own page
    (duties.year_at_a_glance), this year and last, rule set by rule set."""
    from appraisal import duties
    from centres.models import Centre
    from core.tests.scale_counts import load
    from core.workflow import today

    load("tiny")
    centres = list(Centre.objects.filter(status="active").select_related("jurisdiction"))
    assert centres
    for year in (today().year, today().year - 1):
        batched = duties.years_at_a_glance(centres, year)
        assert set(batched) == {c.pk for c in centres}  # 示范省 is governed by the seeded rule sets
        for c in centres:
            assert batched[c.pk] == duties.year_at_a_glance(c, year), (c, year)

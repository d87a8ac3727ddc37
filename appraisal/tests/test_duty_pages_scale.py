"""Issue 14: the 年度履职 list and the 考核统计图 do not grow with the number of centres in scope (a
province's 2,000). The list judges fifty centres a page; the chart counts the duty years' deadlines
by duty in the database and judges no centre — the same queries, rows and HTML for 6 centres as
for 60 (docs/performance.md)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from appraisal import duties, selectors, services

from .factories import CentreFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def centres(world, settings, tmp_path, at, u):
    """Running 九龙坡 centres, added to ``n``; each with its 2026 duty year opened."""
    settings.MEDIA_ROOT = tmp_path
    at("2026-07-01 09:00")
    made = []

    def grow(n: int):
        while len(made) < n:
            centre = CentreFactory(specialty__name=f"规模测试专业{len(made):03d}")
            services.duty_year_open(
                centre=centre, year=2026, plan_due_on=date(2026, 1, 31), acting_user=u("jlp_qc_office")
            )
            made.append(centre)
        return made

    return grow


def _get(client, url, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return response, len(queries)


def test_the_duty_list_judges_a_page_of_fifty_whatever_the_number_of_centres(client_of, centres, monkeypatch):
    judged = []
    real = duties.years_at_a_glance
    monkeypatch.setattr(
        duties, "years_at_a_glance", lambda cs, year, **kw: judged.append(len(cs)) or real(cs, year)
    )
    client = client_of("jlp_qc_office")
    url = reverse("appraisal:duty_centres")
    centres(6)
    small, small_queries = _get(client, url, year=2026)
    centres(60)
    large, large_queries = _get(client, url, year=2026)
    assert [len(small.context["rows"]), len(large.context["rows"])] == [6, 50]
    assert judged == [6, 50]  # the centres judged: the page's, not the scope's
    assert large_queries == small_queries
    assert "共 60 条" in large.content.decode()
    rest, _ = _get(client, url, year=2026, page=2)
    assert len(rest.context["rows"]) == 10
    shown = {r["centre"].pk for r in large.context["rows"]} | {r["centre"].pk for r in rest.context["rows"]}
    assert len(shown) == 60  # every centre on one page or the other


def test_the_chart_counts_by_duty_in_the_database_not_by_centre(client_of, centres, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the chart judges no centre in Python")

    monkeypatch.setattr(duties, "years_at_a_glance", refuse)
    client = client_of("jlp_commission")
    url = reverse("appraisal:dashboard")
    centres(6)
    small, small_queries = _get(client, url, year=2026)
    centres(60)
    large, large_queries = _get(client, url, year=2026)
    assert large_queries == small_queries
    assert small.context["duties"]["categories"] == large.context["duties"]["categories"]  # the duties

    def chart(response):
        html = response.content.decode()
        return re.search(
            r'<figure class="chart-figure" aria-labelledby="chart-duties-caption">.*?</figure>', html, re.S
        )[0]

    assert abs(len(chart(large)) - len(chart(small))) < 200  # only the figures' digits differ
    due = dict(zip(large.context["duties"]["categories"], large.context["duties"]["series"][1]["data"]))
    assert due["质控培训"] == 60  # every centre's training still due: counted, not listed


def test_the_counts_follow_the_duty_years_deadlines(centres, u, at):
    """Two confirmed trainings meet a centre's training deadline (九龙坡 第八条（五）): done for it,
    still due for the others; past the year's end the unmet ones are overdue."""
    made = centres(3)
    for day in (date(2026, 3, 1), date(2026, 6, 1)):
        record = services.duty_record(
            centre=made[0],
            year=2026,
            kind="training",
            title="质控培训",
            done_on=day,
            acting_user=u("jlp_host"),
        )
        services.duty_confirm(record=record, acting_user=u("jlp_qc_office"))
    counts = selectors.duty_status_counts(user=u("jlp_commission"), year=2026)
    assert counts["training"] == {"done": 1, "due": 2, "overdue": 0}
    assert selectors.duty_status_counts(user=u("jn_commission"), year=2026) == {}  # another city's
    at("2027-01-05 09:00")
    assert selectors.duty_status_counts(user=u("jlp_commission"), year=2026)["training"] == {
        "done": 1,
        "due": 0,
        "overdue": 2,
    }
    assert selectors.duty_years_not_opened(user=u("jlp_commission"), year=2026) == 0
    assert selectors.duty_years_not_opened(user=u("jlp_commission"), year=2027) == 3

"""The query-count guard of the benchmark's pages (issue 14): every page and API list an app
declares in its ``scale.py`` (``PAGES``) costs the same number of queries on the ``tiny`` preset
(less than a page of every list) as on the ``district`` preset (several pages of most), for the
district's and the province's commission alike. ``make bench`` times the same pages at province
scale; this runs in ``make test`` so that no N+1 can land.

Used by the apps' ``tests/test_scale_query_counts.py`` inside a test with ``empty_database``."""

from __future__ import annotations

import io

from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

SCOPES = {"district": "scale_district", "province": "scale_province"}


def load(preset: str) -> None:
    from django.core.management import call_command

    call_command("seed_scale", preset=preset, stdout=io.StringIO(), stderr=io.StringIO())


def counts(pages) -> dict[str, tuple[str, int]]:
    """(page @ scope) -> (URL, queries) of every page that has something in the user's scope."""
    from accounts.models import User

    out = {}
    for page in pages:
        for scope, default in SCOPES.items():
            user = User.objects.get(username=(page.user or SCOPES).get(scope, default))
            url = page.url(user)
            if url is None:
                continue
            client = APIClient() if page.api else Client()
            client.force_login(user)
            client.get(url)  # once untimed: per-process caches (rule sets, content types) filled
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            out[f"{page.name} @ {scope}"] = (url, len(queries.captured_queries))
    return out


class _Rollback(Exception):
    pass


def assert_flat(pages) -> dict:
    """Load the tiny preset, count, roll it back; load the district preset, count; compare."""
    small: dict = {}
    try:
        with transaction.atomic():
            load("tiny")
            small = counts(pages)
            raise _Rollback
    except _Rollback:
        pass
    load("district")
    large = counts(pages)
    grown = {
        name: (small[name], large[name])
        for name in large
        if name in small and large[name][1] > small[name][1]
    }
    assert not grown, f"query count grows with the data (tiny → district): {grown}"
    assert large, "no page measured"
    return large

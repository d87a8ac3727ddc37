"""Pages and API lists at district and province scope: median and p95 of N requests as ratios to
the baseline (an authenticated view making one indexed query), and each page's query count.
Budget (issue 14): median ≤ 5×, p95 ≤ 10× the baseline, at province scope."""

from __future__ import annotations

import os

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from benchmarks.conftest import interleaved, summary
from core import scale

MEDIAN_BUDGET, P95_BUDGET = 5.0, 10.0
SCOPES = {"district": "scale_district", "province": "scale_province"}
TIMING = os.environ.get("BENCH_TIMING", "1") != "0"
# the scopes whose pages are timed (the others: query counts only); the budget is the province's
TIMED_SCOPES = set(os.environ.get("BENCH_TIMED_SCOPES", "district province").split())


# Each app's scale.py adds its own pages: PAGES = [BenchPage(...), ...] (core/scale.py).
Page = scale.BenchPage
_detail = scale.detail_url


def _long_history(api: bool):
    def url(user):
        from django.db.models import Count
        from pghistory.models import Events

        from centres.models import Centre

        visible = set(Centre.objects.for_user(user).values_list("pk", flat=True))
        top = (
            Events.objects.filter(pgh_model="centres.CentreEvent")
            .values("pgh_obj_id")
            .annotate(n=Count("pgh_id"))
            .order_by("-n")[:20]
        )
        pk = next((int(t["pgh_obj_id"]) for t in top if int(t["pgh_obj_id"]) in visible), None)
        if pk is None:
            return None
        return f"/api/v1/history/centres/centre/{pk}/" if api else f"/audit/history/centres/centre/{pk}/"

    return url


PAGES = [
    Page("home", "首页（待办）", lambda u: "/"),
    Page("deadlines", "辖区期限", lambda u: "/deadlines/all/"),
    Page("deadlines_overdue", "辖区期限·已逾期", lambda u: "/deadlines/all/?state=overdue"),
    Page("my_deadlines", "我的期限", lambda u: "/deadlines/"),
    Page("deadline_detail", "期限详情", _detail("deadlines.Deadline", "/deadlines/{pk}/")),
    Page("documents", "发文登记", lambda u: "/documents/"),
    Page("document_detail", "发文详情", _detail("documents.IssuedDocument", "/documents/{pk}/")),
    Page("institutions", "医疗机构", lambda u: "/directory/institutions/"),
    Page(
        "institution_detail",
        "医疗机构详情",
        _detail("directory.Institution", "/directory/institutions/{pk}/"),
    ),
    Page("people", "人员", lambda u: "/directory/people/"),
    Page("person_detail", "人员详情", _detail("directory.Person", "/directory/people/{pk}/")),
    Page("centres", "质控中心", lambda u: "/centres/"),
    Page("centre_detail", "质控中心详情", _detail("centres.Centre", "/centres/{pk}/", status="active")),
    Page("call_detail", "遴选公告详情", _detail("centres.SelectionCall", "/centres/calls/{pk}/")),
    Page("history_long", "修改历史（长）", _long_history(api=False)),
    Page(
        "security_events",
        "安全审计",
        lambda u: "/audit/security-events/",
        user={"district": "scale_auditor", "province": "scale_auditor"},
    ),
    Page("api_deadlines", "API 期限", lambda u: "/api/v1/deadlines/", api=True),
    Page("api_documents", "API 发文", lambda u: "/api/v1/documents/", api=True),
    Page("api_institutions", "API 医疗机构", lambda u: "/api/v1/institutions/", api=True),
    Page("api_people", "API 人员", lambda u: "/api/v1/people/", api=True),
    Page("api_centres", "API 质控中心", lambda u: "/api/v1/centres/", api=True),
    Page("api_calls", "API 遴选公告", lambda u: "/api/v1/selection-calls/", api=True),
    Page("api_applications", "API 挂靠申请", lambda u: "/api/v1/centre-applications/", api=True),
    Page("api_notices", "API 公示", lambda u: "/api/v1/public-notices/", api=True),
    Page("api_history_long", "API 修改历史（长）", _long_history(api=True), api=True),
    *scale.bench_pages(),  # experts, appraisal, data governance … (each app's scale.py)
]


@pytest.mark.parametrize("scope", list(SCOPES))
@pytest.mark.parametrize("page", PAGES, ids=[p.slug for p in PAGES])
def test_page(seeded, bench_urls, recorder, page, scope):
    from accounts.models import User

    username = (page.user or SCOPES)[scope]
    user = User.objects.get(username=username)
    url = page.url(user)
    if url is None:
        pytest.skip(f"{page.name}: nothing in scope")
    web = Client()
    web.force_login(user)
    client = web
    if page.api:
        client = APIClient()
        client.force_login(user)
    base = Client()
    base.force_login(user)

    def get_page():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    def get_base():
        assert base.get("/bench/baseline/").status_code == 200

    get_page()  # once first: per-process caches (content types, rule sets) filled
    with CaptureQueriesContext(connection) as queries:
        get_page()
    n_queries = len(queries.captured_queries)  # now: later requests reset the connection's log
    if not TIMING or scope not in TIMED_SCOPES:  # the query counts only (BENCH_TIMING=0 …)
        recorder.add("页面", f"{page.name} @ {scope}", queries=n_queries, user=username, url=url)
        return
    times, base_times = interleaved(get_page, get_base)
    figures = summary(times, base_times)
    figures.update(
        queries=n_queries,
        user=username,
        url=url,
        budget_met=figures["median_ratio"] <= MEDIAN_BUDGET and figures["p95_ratio"] <= P95_BUDGET,
    )
    recorder.add("页面", f"{page.name} @ {scope}", **figures)

"""Lists people can filter (issue 13, docs/lists.md): one FilterSet per list serves the page, the
API and the Excel export; filters and sorting live in the URL; the list pages with "共 N 条"; a
filter narrows the user's scope and never widens it."""

import datetime as dt
from urllib.parse import parse_qs, urlparse

import pgtrigger
import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import SecurityEvent
from directory.models import Jurisdiction, Person
from exports.models import ExportJob
from exports.registry import get_spec

pytestmark = pytest.mark.django_db


def rows(html, testid):
    """The names in the first cell of each row of the table."""
    import re

    table = html.split(f'data-testid="{testid}"', 1)[1].split("</table>", 1)[0]
    return re.findall(r'class="card-title"><a [^>]*>([^<]+)</a>', table)


# --- the page --------------------------------------------------------------------------------------


def test_people_filter_by_the_fields_a_user_thinks_in(client_of):
    page = client_of("admin").get(reverse("directory:person_list"), {"specialty": "心血管", "sex": "M"})
    names = rows(page.content.decode(), "people")
    expected = Person.objects.filter(specialty__icontains="心血管", sex="M").values_list("name", flat=True)
    assert names and sorted(names) == sorted(expected)
    assert f"共 {len(expected)} 条" in page.content.decode()


def test_people_sort_by_a_column_and_back(client_of):
    client = client_of("admin")
    url = reverse("directory:person_list")
    ascending = rows(client.get(url, {"ordering": "name"}).content.decode(), "people")
    descending = rows(client.get(url, {"ordering": "-name"}).content.decode(), "people")
    assert len(ascending) > 2 and descending == list(reversed(ascending))
    html = client.get(reverse("directory:person_list"), {"ordering": "name", "sex": "F"}).content.decode()
    assert 'aria-sort="ascending"' in html
    # The header's link reverses the order and keeps the filter.
    link = html.split('data-sort="name"', 1)[0].rsplit('href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    assert parse_qs(urlparse(link).query) == {"ordering": ["-name"], "sex": ["F"]}


def test_names_sort_in_pinyin_order(client_of):
    """彭 (péng) before 张 (zhāng), although 张 U+5F20 comes before 彭 U+5F6D by code point."""
    from core.lists import chinese_collation

    if chinese_collation() is None:
        pytest.skip("PostgreSQL without ICU: names sort by code point")
    html = (
        client_of("admin")
        .get(reverse("directory:person_list"), {"specialty": "心血管", "ordering": "name"})
        .content.decode()
    )
    names = rows(html, "people")
    assert names.index("彭镕") < names.index("张建国")


def test_paging_keeps_the_filters_and_shows_the_count(client_of, settings):
    from directory import views

    client = client_of("admin")
    total = Person.objects.count()
    views.PAGE_SIZE, saved = 2, views.PAGE_SIZE
    try:
        html = client.get(reverse("directory:person_list"), {"ordering": "name", "page": 1}).content.decode()
    finally:
        views.PAGE_SIZE = saved
    assert f"共 {total} 条" in html
    next_link = html.split("下一页", 1)[0].rsplit('href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    assert parse_qs(urlparse(next_link).query) == {"ordering": ["name"], "page": ["2"]}


def test_a_filter_never_widens_the_scope(client_of):
    """九龙坡's staff filtering by another district's jurisdiction get an error, not its rows."""
    other = Jurisdiction.objects.get(code="370100")
    page = client_of("jlp_commission").get(reverse("directory:institution_list"), {"jurisdiction": other.pk})
    html = page.content.decode()
    assert page.status_code == 200 and 'data-testid="filter-errors"' in html
    assert rows(html, "institutions") == []


def test_an_invalid_filter_says_which_and_keeps_the_others(client_of):
    html = (
        client_of("admin")
        .get(reverse("audit:security_events"), {"at_after": "2026-13-40", "username": "admin"})
        .content.decode()
    )
    assert 'data-testid="filter-errors"' in html and "日期" in html
    assert 'value="admin"' in html  # what the user typed stays


def test_list_pages_answer_in_a_bounded_number_of_queries(client_of, django_assert_max_num_queries):
    client = client_of("admin")
    for name in [
        "directory:person_list",
        "directory:institution_list",
        "documents:list",
        "deadlines:list",
        "exports:job_list",
        "audit:security_events",
    ]:
        with django_assert_max_num_queries(14):
            assert client.get(reverse(name)).status_code == 200


# --- the API uses the same filters -------------------------------------------------------------------


def test_the_api_filters_with_the_pages_filterset(client_of, api_of):
    page = client_of("admin").get(
        reverse("directory:person_list"), {"specialty": "心血管", "ordering": "name"}
    )
    api = api_of("admin").get("/api/v1/people/", {"specialty": "心血管", "ordering": "name"}).json()
    assert [p["name"] for p in api["results"]] == rows(page.content.decode(), "people")


def test_the_api_refuses_a_malformed_filter(api_of):
    response = api_of("admin").get("/api/v1/deadlines/", {"due_after": "not-a-date"})
    assert response.status_code == 400


# --- export takes the same filters ------------------------------------------------------------------


def test_export_takes_the_lists_filters(client_of, user_of):
    client = client_of("admin")
    html = client.get(reverse("directory:person_list"), {"specialty": "心血管", "sex": "M"}).content.decode()
    form = html.split('data-testid="export"', 1)[1].split("</form>", 1)[0]
    assert 'name="specialty" value="心血管"' in form and 'name="sex" value="M"' in form
    assert "按当前筛选导出" in form
    client.post(reverse("exports:start", args=["people"]), {"specialty": "心血管", "sex": "M"})
    job = ExportJob.objects.get(spec_code="people")
    assert job.filters == {"specialty": "心血管", "sex": "M"}
    exported = list(get_spec("people").queryset(user_of("admin"), job.filters))
    assert sorted(p.name for p in exported) == sorted(rows(html, "people"))
    assert ("性别", "男") in get_spec("people").describe_filters(job.filters)


# --- the security audit ---------------------------------------------------------------------------


def test_security_audit_filters_by_user_and_date_and_pages(client_of):
    now = timezone.now()
    for i in range(60):
        SecurityEvent.objects.create(
            kind=SecurityEvent.Kind.LOGIN, username="jlp_host" if i % 2 else "cq_commission"
        )
    old = SecurityEvent.objects.create(kind=SecurityEvent.Kind.LOGIN, username="jlp_host")
    with pgtrigger.ignore("audit.SecurityEvent:append_only"):  # back-date it (the trail is append-only)
        SecurityEvent.objects.filter(pk=old.pk).update(at=now - dt.timedelta(days=30))
    client = client_of("admin")
    html = client.get(reverse("audit:security_events")).content.decode()
    total = SecurityEvent.objects.count()
    assert f"共 {total} 条" in html and "下一页" in html
    today = timezone.localdate().isoformat()
    html = client.get(
        reverse("audit:security_events"), {"username": "jlp_host", "at_after": today, "at_before": today}
    ).content.decode()
    assert "共 30 条" in html


def test_security_audit_permissions(client, client_of):
    url = reverse("audit:security_events")
    assert client.get(url).status_code == 302
    assert client_of("jlp_commission").get(url).status_code == 403
    assert client_of("jlp_auditor").get(url).status_code == 200


def test_deadlines_filter_by_whos_responsible_and_due_date(client_of, user_of):
    from deadlines import services as deadline_services
    from deadlines.dates import SHANGHAI
    from directory.models import Institution

    def open_for(name, due, kind="chair.replacement"):
        hospital = Institution.objects.get(name=name)
        return deadline_services.deadline_open(
            kind=kind,
            title=f"{hospital.name}：{due[:7]}",
            subject=hospital,
            due_at=dt.datetime.fromisoformat(due).replace(tzinfo=SHANGHAI),
            jurisdiction=hospital.jurisdiction,
            institution=hospital,
            article="第十二条",
            ruleset_code="cq-jiulongpo-2025",
        )

    march = open_for("九龙坡区人民医院", "2026-03-10 23:59:59")
    april = open_for("九龙坡区人民医院", "2026-04-10 23:59:59", kind="annual_plan")
    other = open_for("九龙坡区中医院", "2026-03-10 23:59:59")
    client = client_of("jlp_commission")

    def listed(**params):
        html = client.get(reverse("deadlines:list"), params).content.decode()
        links = {d: f'href="{reverse("deadlines:detail", args=[d.pk])}"' for d in (march, april, other)}
        return {d for d, link in links.items() if link in html}

    assert listed(responsible="人民医院") == {march, april}
    assert listed(due_after="2026-03-01", due_before="2026-03-31") == {march, other}
    assert listed(responsible="人民医院", due_before="2026-03-31") == {march}


def test_institution_page_leads_to_its_staff_in_the_people_list(client_of):
    from directory.models import Institution

    institution = Institution.objects.get(name="九龙坡区人民医院")
    client = client_of("jlp_commission")
    html = client.get(reverse("directory:institution_detail", args=[institution.pk])).content.decode()
    assert f"{reverse('directory:person_list')}?employer={institution.pk}" in html
    page = client.get(reverse("directory:person_list"), {"employer": institution.pk})
    staff = rows(page.content.decode(), "people")
    assert sorted(staff) == sorted(Person.objects.filter(employer=institution).values_list("name", flat=True))

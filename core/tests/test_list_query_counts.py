"""The main lists cost the same number of queries whatever the size of the scope (issue 14):
the deadlines list and API, the document register and API, the directory lists and the home
page's 待办. Each is measured with a few rows, then with several pages' worth; the count must not
move. ``make bench`` measures the time at district and province scale."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from core.pagination import CappedPaginator, capped_count
from deadlines.models import Deadline
from directory.models import Institution, Person
from documents.models import IssuedDocument

pytestmark = pytest.mark.django_db


def _deadlines(n):
    hospital = Institution.objects.filter(jurisdiction__code="500107").first()
    ct = ContentType.objects.get_for_model(Institution)
    now = timezone.now()
    start = Deadline.objects.count()
    Deadline.objects.bulk_create(
        [
            Deadline(
                kind=("chair.replacement", "handover", "term.end")[i % 3],
                title=f"事项{start + i}",
                content_type=ct,
                object_id=100000 + start + i,
                jurisdiction=hospital.jurisdiction,
                institution=hospital if i % 2 else None,
                due_at=now + dt.timedelta(days=i % 90),
                state=("open", "overdue", "met")[i % 3],
            )
            for i in range(n)
        ]
    )


def _documents(n):
    hospital = Institution.objects.filter(jurisdiction__code="500107").first()
    admin = User.objects.get(username="admin")
    start = IssuedDocument.objects.count()
    IssuedDocument.objects.bulk_create(
        [
            IssuedDocument(
                doc_type="notice",
                issuer_kind="commission",
                issuer_name="九龙坡区卫生健康委员会",
                issuer_code="九龙卫",
                year=2020 + i % 6,
                sequence=1000 + start + i,
                number=f"九龙卫〔{2020 + i % 6}〕{1000 + start + i}号",
                title=f"通知{i}",
                dated=dt.date(2020 + i % 6, 1 + i % 12, 1),
                context={"input": {"body": "正文" * 500}},
                jurisdiction=hospital.jurisdiction,
                issued_by=admin,
            )
            for i in range(n)
        ]
    )


def _people(n):
    hospital = Institution.objects.filter(jurisdiction__code="500107").first()
    start = Person.objects.count()
    Person.objects.bulk_create(
        [
            Person(
                name=f"人员{start + i:05d}",
                sex="M",
                birth_date=dt.date(1980, 1, 1),
                id_number=f"T{start + i:017d}",
                employer=hospital,
            )
            for i in range(n)
        ]
    )


def _count(client, url, django_assert_max_num_queries):
    with django_assert_max_num_queries(200) as captured:
        response = client.get(url)
        assert response.status_code == 200, url
    return len(captured.captured_queries)


PAGES = [
    ("web", "jlp_commission", "/deadlines/all/", _deadlines),
    ("web", "jlp_commission", "/deadlines/", _deadlines),
    ("api", "jlp_commission", "/api/v1/deadlines/", _deadlines),
    ("api", "jlp_host", "/api/v1/deadlines/", _deadlines),
    ("web", "jlp_commission", "/documents/", _documents),
    ("api", "jlp_commission", "/api/v1/documents/", _documents),
    ("web", "admin", "/directory/people/", _people),
    ("api", "jlp_commission", "/api/v1/people/", _people),
    ("web", "jlp_commission", "/", _people),
]


@pytest.mark.parametrize("kind,username,url,grow", PAGES)
def test_list_query_count_is_flat(
    world, client_of, api_of, django_assert_max_num_queries, kind, username, url, grow
):
    client = client_of(username) if kind == "web" else api_of(username)
    grow(3)
    small = _count(client, url, django_assert_max_num_queries)
    grow(130)  # more than two pages
    large = _count(client, url, django_assert_max_num_queries)
    assert large <= small, (url, small, large)


def test_deadline_list_url_is_the_one_measured(world):
    assert reverse("deadlines:list") == "/deadlines/all/"
    assert reverse("documents:list") == "/documents/"
    assert reverse("directory:person_list") == "/directory/people/"


def test_the_capped_count_says_when_there_are_more(world):
    _people(30)
    n, more = capped_count(Person.objects.all(), cap=10)
    assert (n, more) == (10, True)
    n, more = capped_count(Person.objects.all(), cap=100000)
    assert n == Person.objects.count() and more is False


def test_a_capped_list_still_reaches_every_page(world):
    _people(120)
    qs = Person.objects.order_by("pk")
    paginator = CappedPaginator(qs, 10, cap=25)
    first = paginator.get_page(1)
    assert paginator.capped and first.has_next() and paginator.count == 35
    # a page far beyond the first count: counted from there, with its own rows
    total = qs.count()
    last_number = (total + 9) // 10
    paginator = CappedPaginator(qs, 10, cap=25)
    last = paginator.get_page(last_number)
    assert last.number == last_number and not last.has_next() and not paginator.capped
    assert list(last.object_list) == list(qs[(last_number - 1) * 10 :])
    # past the end: the last page, as Django's paginator does
    assert CappedPaginator(qs, 10, cap=25).get_page(last_number + 50).number == last_number


def test_the_api_says_when_its_count_is_capped(world, api_of, settings):
    settings.LIST_COUNT_CAP = 20
    _deadlines(80)
    body = api_of("jlp_commission").get("/api/v1/deadlines/?page_size=10").json()
    assert body["count_capped"] is True and body["count"] == 30 and body["next"]
    body = api_of("jlp_commission").get("/api/v1/deadlines/?page_size=10&page=2").json()
    assert len(body["results"]) == 10 and body["previous"]


def test_the_register_page_shows_capped_counts_in_chinese(world, client_of, settings):
    settings.LIST_COUNT_CAP = 20
    _documents(80)
    page = client_of("jlp_commission").get("/documents/").content.decode()
    assert "条以上" in page and "下一页" in page

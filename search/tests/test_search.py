"""全局搜索 (issue 13, docs/search.md): by name, pinyin initials or 文号, within the user's scope
only; the index follows every save and delete."""

import pytest
from django.urls import reverse

from directory.models import HealthCommission, Institution, Person
from documents import services as document_services
from documents.types import commission_issuer
from search.index import initials, reindex
from search.models import SearchEntry
from search.query import search

pytestmark = pytest.mark.django_db

NOTICE = {
    "title": "关于开展医疗质量控制工作检查的通知",
    "addressees": "区内各医疗卫生机构",
    "body": "现就有关事项通知如下。",
    "attachments": [],
    "cc": [],
    "public": True,
}


@pytest.fixture
def notice(world, user_of):
    commission = HealthCommission.objects.get(jurisdiction__code="500107")
    return document_services.document_issue(
        doc_type="notice",
        acting_user=user_of("jlp_commission"),
        issuer=commission_issuer(commission),
        data=NOTICE,
    )


def titles(user, q, **kw):
    return [h.title for h in search(user, q, **kw)]


def test_initials():
    assert initials("九龙坡区人民医院") == "jlpqrmyy"
    assert initials("重庆市2026年") == "cqs2026n"


def test_finds_an_institution_by_name_and_by_pinyin_initials(world, user_of):
    user = user_of("jlp_commission")
    assert "九龙坡区人民医院" in titles(user, "人民医院")
    assert "九龙坡区人民医院" in titles(user, "jlp")
    assert titles(user, "JLPQRMYY")[0] == "九龙坡区人民医院"


def test_a_query_of_two_characters_matches_the_start_of_a_name(world, user_of):
    """Two characters have no trigram: "九龙" finds 九龙坡…, "医院" is not searched inside names."""
    user = user_of("jlp_commission")
    assert "九龙坡区人民医院" in titles(user, "九龙")
    assert "九龙坡区人民医院" not in titles(user, "医院")


def test_finds_a_document_by_its_number_however_the_brackets_are_typed(notice, user_of):
    user = user_of("jlp_commission")
    number = notice.number  # e.g. 九龙坡卫发〔2026〕1号
    assert "〔" in number
    for left, right in [("〔", "〕"), ("(", ")"), ("（", "）"), ("[", "]")]:
        typed = number.replace("〔", left).replace("〕", right)
        hits = search(user, typed)
        assert [h.title for h in hits if h.kind == "document"] == [notice.title], typed
        assert hits[0].url == reverse("documents:detail", args=[notice.pk])


def test_nothing_outside_the_users_scope_is_found(world, user_of, notice):
    """A 九龙坡 commission user does not find 济南's hospital; 济南's auditor does not find
    九龙坡's notice; the system administrator finds both."""
    assert "济南市中心医院" not in titles(user_of("jlp_commission"), "济南市中心医院")
    assert "济南市中心医院" in titles(user_of("admin"), "济南市中心医院")
    assert notice.title not in titles(user_of("jn_auditor"), "质量控制")
    assert notice.title in titles(user_of("admin"), "质量控制")


def test_a_hospital_user_finds_only_its_own_institution(world, user_of):
    found = titles(user_of("jlp_host"), "区人民医院", kinds=["institution"], per_kind=50)
    assert found == ["九龙坡区人民医院"]


def test_the_index_follows_saves_and_deletes(world, user_of):
    user = user_of("admin")
    institution = Institution.objects.get(name="九龙坡区人民医院")
    institution.name = "九龙坡区第一人民医院"
    institution.save()
    assert "九龙坡区第一人民医院" in titles(user, "第一人民")
    assert "九龙坡区第一人民医院" in titles(user, "jlpqdyrmyy")
    person = Person.objects.filter(employer__isnull=False).first()
    assert person.name in titles(user, person.name)


def test_reindex_rebuilds_what_bulk_imports_left_out(world, user_of):
    SearchEntry.objects.all().delete()
    assert titles(user_of("admin"), "人民医院") == []
    assert reindex() > 0
    assert "九龙坡区人民医院" in titles(user_of("admin"), "人民医院")


def test_search_page_and_suggestions(client, client_of):
    assert client.get(reverse("search:results"), {"q": "医院"}).status_code == 302
    assert client.get(reverse("search:suggest"), {"q": "医院"}).status_code == 302
    page = client_of("jlp_commission").get(reverse("search:results"), {"q": "jlp"}).content.decode()
    assert 'data-testid="search-hit"' in page and "九龙坡区人民医院" in page and "济南" not in page
    data = client_of("jlp_commission").get(reverse("search:suggest"), {"q": "人民医院"}).json()
    assert data["results"][0]["title"] == "九龙坡区人民医院"
    assert data["results"][0]["url"].startswith("/directory/institutions/")
    empty = client_of("jlp_commission").get(reverse("search:results"), {"q": "不存在的名称"}).content.decode()
    assert 'data-testid="no-results"' in empty


def test_suggestions_take_one_query_per_kind(client_of, django_assert_max_num_queries):
    client = client_of("jlp_commission")
    with django_assert_max_num_queries(7 + 5):  # session, user, its scope… then one query per kind
        assert client.get(reverse("search:suggest"), {"q": "人民医院"}).status_code == 200


def test_an_empty_or_overlong_query(world, user_of):
    assert search(user_of("admin"), "   ") == []
    assert search(user_of("admin"), "医" * 500) == []


def test_centres_and_calls_are_found_within_scope(world, user_of, time_machine):
    """A centre and its open call: found by the district's staff and, for the call, by a hospital
    of the district that may apply (SelectionCall.for_user); not by another city's auditor."""
    import datetime as dt

    from centres.models import Specialty
    from centres.services import selection as centre_services
    from directory.models import Jurisdiction

    time_machine.move_to("2026-03-02 10:00 +08:00", tick=False)
    commission = user_of("jlp_commission")
    centre = centre_services.centre_create(
        jurisdiction=Jurisdiction.objects.get(code="500107"),
        body_kind="district_centre",
        specialty=Specialty.objects.create(name="心血管内科"),
        name="九龙坡区心血管内科医疗质量控制中心",
        acting_user=commission,
    )
    call = centre_services.call_publish(
        centre=centre,
        title="九龙坡区心血管内科医疗质量控制中心挂靠单位遴选公告",
        method="selection",
        acting_user=commission,
        conditions="三级医院",
        application_deadline=dt.datetime(2026, 3, 20, 17, 0, tzinfo=dt.UTC),
    )
    assert centre.name in titles(commission, "xxgnk", kinds=["centre"])
    assert call.title in titles(user_of("jlp_host"), "遴选公告", kinds=["call"])
    assert titles(user_of("jn_auditor"), "心血管内科") == []
    hit = search(commission, "心血管内科医疗质量", kinds=["call"])[0]
    assert hit.url == reverse("centres:call_detail", args=[call.pk])

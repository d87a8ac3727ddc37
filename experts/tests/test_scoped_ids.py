"""Issue 15: every id the experts' pages and API accept is looked up among what the acting user may
pick (experts/pickers.py through core/fields.py), further narrowed by the view: another city's or
province's person, institution or jurisdiction is refused like a missing one, through the page form
and the API, and nothing changes. Issue 14: the roster's person is searched, never listed whole."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import Institution, Jurisdiction, Person
from experts.models import ExpertApplication, InterestDeclaration, Meeting, Recusal

from .factories import CommitteeFactory, LibraryFactory, person

pytestmark = pytest.mark.django_db

MISSING = 10**8


@pytest.fixture
def committee(world):
    return CommitteeFactory()  # 九龙坡's draft roster, hosted by 九龙坡区人民医院 (jlp_host)


def seat_post(client, committee, pk):
    return client.post(f"/experts/committees/{committee.pk}/seats/add/", {"role": "member", "person": pk})


# --- the roster: whom a host may seat ---------------------------------------------------------


def test_a_host_seats_a_doctor_of_another_hospital_of_the_centres_district(committee, client_of):
    """The host's own staff is not the rule: the centre's jurisdiction is (其他医疗机构的专家)."""
    other_hospital = person("邻院医生", "九龙坡区中医院")
    response = seat_post(client_of("jlp_host"), committee, other_hospital.pk)
    assert response.status_code == 302
    assert committee.members.filter(person=other_hospital).exists()


@pytest.mark.parametrize("outsider", ["马国栋", "吴立新"])  # 济南; 重庆市 above the district's centre
def test_a_person_outside_the_pool_is_refused_like_a_missing_one_on_the_page(committee, client_of, outsider):
    host = client_of("jlp_host")
    outside = seat_post(host, committee, Person.objects.get(name=outsider).pk)
    missing = seat_post(host, committee, MISSING)
    assert outside.status_code == missing.status_code == 200  # the form again, with the error
    for response in (outside, missing):
        assert "所选人员不存在，或不在本委员会可选的人员范围内。" in response.content.decode()
    assert not committee.members.exists()


@pytest.mark.parametrize("outsider", ["马国栋", "吴立新"])
def test_a_person_outside_the_pool_is_refused_like_a_missing_one_on_the_api(committee, api_of, outsider):
    api = api_of("jlp_host")
    url = f"/api/v1/committees/{committee.pk}/members/"
    outside = api.post(url, {"role": "member", "person": Person.objects.get(name=outsider).pk}, format="json")
    missing = api.post(url, {"role": "member", "person": MISSING}, format="json")
    assert outside.status_code == missing.status_code == 400
    assert outside.json()["code"] == missing.json()["code"]
    assert not committee.members.exists()
    inside = person("接口邻院医生", "九龙坡区中医院")
    assert api.post(url, {"role": "member", "person": inside.pk}, format="json").status_code == 201


def test_meeting_attendees_outside_the_committee_are_refused(committee, user_of, client_of):
    from experts import services

    from .factories import valid_jlp_roster

    valid_jlp_roster(committee)
    services.roster_submit(committee=committee, acting_user=user_of("jlp_host"))
    services.roster_approve(committee=committee, acting_user=user_of("jlp_commission"))
    response = client_of("jlp_host").post(
        f"/experts/committees/{committee.pk}/meetings/add/",
        {"held_on": "2026-01-05", "agenda": "年度会议", "attendees": [Person.objects.get(name="马国栋").pk]},
    )
    assert response.status_code == 200 and "年度会议" in response.content.decode()
    assert not Meeting.objects.filter(committee=committee).exists()


# --- the roster's person is searched, never listed (issue 14) --------------------------------


def _options(body: str) -> int:
    return body.count("<option") if 'name="person"' in body else 0


def test_the_search_offers_at_most_twenty_of_the_pool_and_none_outside(committee, client_of):
    for i in range(25):
        person(f"检索医生{i:02d}", "九龙坡区中医院")
    person("检索医生济南", "济南市中心医院")
    host = client_of("jlp_host")
    body = host.get(f"/experts/committees/{committee.pk}/?who=检索医生").content.decode()
    assert body.count("检索医生") >= 20 and "检索医生济南" not in body
    assert body.count('<option value="') <= 20 + 30  # 20 people, the role and title-level choices
    by_employer = host.get(f"/experts/committees/{committee.pk}/?who=九龙坡区中医院").content.decode()
    assert "检索医生00（九龙坡区中医院，职称）" in by_employer
    nothing = host.get(f"/experts/committees/{committee.pk}/?who=查无此人").content.decode()
    assert "没有找到匹配的人员" in nothing


def test_the_roster_page_does_not_grow_with_the_number_of_people(committee, client_of):
    host = client_of("jlp_host")
    url = f"/experts/committees/{committee.pk}/"
    host.get(url)

    def measure(path):
        with CaptureQueriesContext(connection) as queries:
            body = host.get(path).content.decode()
        return len(body), len(queries.captured_queries)

    before, before_search = measure(url), measure(url + "?who=批量医生")
    for i in range(60):
        person(f"批量医生{i:02d}", "九龙坡区中医院")
    after, after_search = measure(url), measure(url + "?who=批量医生")
    assert after == before  # same HTML, same queries, whatever the size of the district
    assert after_search[1] == before_search[1]
    assert after_search[0] - before_search[0] < 20 * 200  # at most 20 options were added


def test_a_picked_person_is_kept_when_the_form_comes_back(committee, client_of):
    chosen = person("保留选择医生", "九龙坡区中医院")
    response = client_of("jlp_host").post(
        f"/experts/committees/{committee.pk}/seats/add/",
        {"role": "nosuchrole", "person": chosen.pk},
    )
    assert response.status_code == 200
    assert f'<option value="{chosen.pk}" selected>' in response.content.decode()


# --- the library: applicant and the reviewing jurisdiction -----------------------------------


def _application(person_pk, jurisdiction_pk):
    return {
        "person": person_pk,
        "level": "city",
        "jurisdiction": jurisdiction_pk,
        "source": "self",
        "recommender": "",
        "fields": "全科",
        "statement": "申报表",
    }


def test_an_application_for_another_provinces_person_or_jurisdiction_is_refused(world, api_of, client_of):
    LibraryFactory()
    own = person(
        "本市候选人", "重庆医科大学附属示范医院", title_level="senior", gp=True, gp_since="2005-01-01"
    )
    chongqing = Jurisdiction.objects.get(code="500000").pk
    jinan = Jurisdiction.objects.get(code="370100").pk
    stranger = Person.objects.get(name="马国栋").pk
    api = api_of("cq_qc_office")
    for body, field in (
        (_application(stranger, chongqing), "person"),
        (_application(MISSING, chongqing), "person"),
        (_application(own.pk, jinan), "jurisdiction"),
        (_application(own.pk, MISSING), "jurisdiction"),
    ):
        response = api.post("/api/v1/expert-applications/", body, format="json")
        assert response.status_code == 400, (field, response.content)
        assert field in response.content.decode()
        page = client_of("cq_qc_office").post("/experts/library/apply/", body)
        assert page.status_code == 200 and "申报表" in page.content.decode()  # typed text kept
    assert not ExpertApplication.objects.exists()
    assert (
        api.post("/api/v1/expert-applications/", _application(own.pk, chongqing), format="json").status_code
        == 201
    )


# --- interests and recusals: institutions of the expert's own province -----------------------


def test_a_declaration_or_recusal_naming_another_provinces_institution_is_refused(world, api_of, client_of):
    jinan = Institution.objects.get(name="济南市中心医院").pk
    api = api_of("jlp_expert")
    for pk in (jinan, MISSING):
        response = api.post(
            "/api/v1/interest-declarations/", {"kind": "collaboration", "institution": pk}, format="json"
        )
        assert response.status_code == 400 and "institution" in response.content.decode()
        page = client_of("jlp_expert").post(
            "/experts/me/", {"action": "declare", "kind": "collaboration", "institution": pk, "note": "合作"}
        )
        assert "所选机构不存在，或不在本省（市）范围内。" in page.content.decode()
        page = client_of("jlp_expert").post(
            "/experts/me/", {"action": "recuse", "institution": pk, "case": "评审", "reason": "亲属"}
        )
        assert "所选机构不存在，或不在本省（市）范围内。" in page.content.decode()
    assert not InterestDeclaration.objects.exists() and not Recusal.objects.exists()
    city = Institution.objects.get(name="重庆医科大学附属示范医院").pk  # another hospital, same city
    response = api.post(
        "/api/v1/interest-declarations/", {"kind": "collaboration", "institution": city}, format="json"
    )
    assert response.status_code == 201


def test_the_application_form_searches_the_applicant_and_offers_an_expert_their_own_name(world, client_of):
    LibraryFactory()
    office = client_of("cq_qc_office")
    few = office.get("/experts/library/apply/").content.decode()
    assert "周晓燕（" in few  # up to twenty people: all offered
    for i in range(21):
        person(f"申报检索{i:02d}", "渝北区人民医院")
    page = office.get("/experts/library/apply/").content.decode()  # more: searched, not listed
    assert 'data-testid="people-search"' in page and "周晓燕（" not in page and "申报检索" not in page
    found = office.get("/experts/library/apply/?who=周晓燕").content.decode()
    assert "周晓燕（杨家坪街道社区卫生服务中心" in found and "马国栋" not in found
    stranger = office.get("/experts/library/apply/?who=马国栋").content.decode()  # 济南
    assert "马国栋（" not in stranger and "没有找到匹配的人员" in stranger
    own = client_of("cq_expert").get("/experts/library/apply/").content.decode()
    assert "周晓燕（" in own and 'data-testid="people-search"' not in own

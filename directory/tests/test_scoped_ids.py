"""Issue 15: ids in the directory's writes are scoped (core/fields.py). An institution's jurisdiction,
a person's employer and first practice site are among the rows the user sees; an institution's
supervising commission may also be one above the user's jurisdiction (the nearest commission at or
above the institution's jurisdiction supervises it: ``HealthCommission.objects.supervisors_for``).
Anything else — another city's or province's — is refused exactly like a missing id, through the
page and the API, and nothing is saved."""

import re

import pytest
from django.urls import reverse

from directory.demo import demo_id_number, demo_uscc
from directory.models import HealthCommission, Institution, Jurisdiction, Person

pytestmark = pytest.mark.django_db

MISSING = 10**9


def jlp(code="500107"):
    return Jurisdiction.objects.get(code=code).pk


def commission(code):
    return HealthCommission.objects.get(jurisdiction__code=code).pk


def institution_data(**changes):
    return {
        "name": "九龙坡区康复医院",
        "uscc": demo_uscc("500107", 901),
        "kind": "specialty",
        "grade": "2a",
        "ownership": "public",
        "jurisdiction": jlp(),
        "supervising_commission": commission("500107"),
        "opened_on": "2001-05-01",
        **changes,
    }


def person_data(**changes):
    return {
        "name": "宋立民",
        "sex": "M",
        "birth_date": "1975-03-04",
        "id_number": demo_id_number("500107", "1975-03-04", 901),
        "title_level": "senior",
        "employer": Institution.objects.get(name="九龙坡区中医院").pk,
        "employment": "in_service",
        **changes,
    }


def page_error(client, url, data, field):
    response = client.post(url, data)
    assert response.status_code == 200, response.status_code
    errors = response.context["form"].errors
    assert field in errors, errors
    assert data["name"] in response.content.decode()  # nothing typed is lost
    return errors[field]


def api_error(client, url, data, field):
    response = client.post(url, data, format="json")
    assert response.status_code == 400, (response.status_code, response.content.decode()[:300])
    [violation] = [v for v in response.json()["violations"] if v.get("field") == field]
    return violation["code"], re.sub(r"\d+", "…", violation["message"])  # the message quotes the id


@pytest.mark.parametrize(
    "field, outside",
    [
        ("jurisdiction", lambda: jlp("370100")),  # 济南
        ("jurisdiction", lambda: jlp("500112")),  # 渝北区, the city's other district
        ("supervising_commission", lambda: commission("370100")),  # 济南's
        ("supervising_commission", lambda: commission("500112")),  # 渝北区's: beside, not above
    ],
)
def test_an_institution_is_registered_only_with_ids_in_reach(world, field, outside, client_of, api_of):
    page, api = client_of("jlp_commission"), api_of("jlp_commission")
    url = reverse("directory:institution_create")
    assert page_error(page, url, institution_data(**{field: outside()}), field) == page_error(
        page, url, institution_data(**{field: MISSING}), field
    )
    assert api_error(api, "/api/v1/institutions/", institution_data(**{field: outside()}), field) == (
        api_error(api, "/api/v1/institutions/", institution_data(**{field: MISSING}), field)
    )
    assert not Institution.objects.filter(name="九龙坡区康复医院").exists()


def test_the_city_commission_above_may_supervise_a_districts_institution(world, client_of, api_of):
    """The supervising commission is the nearest at or above the institution's jurisdiction: a district
    commission may name the city's, which it does not otherwise see."""
    city = commission("500000")
    form = client_of("jlp_commission").get(reverse("directory:institution_create")).context["form"]
    offered = {int(str(pk)) for pk, _ in form.fields["supervising_commission"].choices if pk}
    assert offered == {city, commission("500107")}
    response = client_of("jlp_commission").post(
        reverse("directory:institution_create"), institution_data(supervising_commission=city)
    )
    assert response.status_code == 302
    assert Institution.objects.get(name="九龙坡区康复医院").supervising_commission_id == city
    created = api_of("jlp_commission").post(
        "/api/v1/institutions/",
        institution_data(name="九龙坡区口腔医院", uscc=demo_uscc("500107", 902), supervising_commission=city),
        format="json",
    )
    assert created.status_code == 201, created.content.decode()[:300]


@pytest.mark.parametrize("field", ["employer", "first_practice_site"])
@pytest.mark.parametrize("outside", ["济南市中心医院", "渝北区人民医院"])
def test_a_person_is_registered_only_with_institutions_in_scope(world, field, outside, client_of, api_of):
    outside = Institution.objects.get(name=outside).pk
    page, api = client_of("jlp_commission"), api_of("jlp_commission")
    url = reverse("directory:person_create")
    assert page_error(page, url, person_data(**{field: outside}), field) == page_error(
        page, url, person_data(**{field: MISSING}), field
    )
    assert api_error(api, "/api/v1/people/", person_data(**{field: outside}), field) == api_error(
        api, "/api/v1/people/", person_data(**{field: MISSING}), field
    )
    assert not Person.objects.filter(name="宋立民").exists()


def test_a_person_is_not_moved_to_an_institution_out_of_scope(world, api_of):
    zhang = Person.objects.get(name="张建国")
    outside = Institution.objects.get(name="济南市中心医院").pk
    response = api_of("jlp_commission").patch(
        f"/api/v1/people/{zhang.pk}/", {"employer": outside}, format="json"
    )
    assert response.status_code == 400
    zhang.refresh_from_db()
    assert zhang.employer.name == "九龙坡区人民医院"


@pytest.mark.parametrize("route", ["jurisdictions", "commissions"])
def test_jurisdictions_and_commissions_are_read_only_through_the_api(world, route, api_of):
    """Their serializers are output only (read_only): the API offers no write."""
    response = api_of("admin").post(f"/api/v1/{route}/", {"name": "某地", "parent": jlp()}, format="json")
    assert response.status_code == 405

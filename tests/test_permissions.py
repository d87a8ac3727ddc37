"""Nobody sees or changes what is not theirs: for every view and endpoint, anonymous users are
sent to log in (401 on the API), users of another hospital or jurisdiction get 404, and the
right user gets 200. New views and endpoints add their rows to these tables."""

import pytest
from django.urls import reverse

from directory.models import Institution, Person

pytestmark = pytest.mark.django_db


def inst(name):
    return Institution.objects.get(name=name).pk


def person(name):
    return Person.objects.get(name=name).pk


# (url name, kwargs builder, a user who may see it, a user of another hospital/jurisdiction)
OBJECT_VIEWS = [
    (
        "directory:institution_detail",
        lambda: {"pk": inst("九龙坡区中医院")},
        "jlp_commission",
        "jn_commission",
    ),
    ("directory:institution_detail", lambda: {"pk": inst("九龙坡区人民医院")}, "jlp_host", "jlp_scorer"),
    (
        "directory:institution_detail",
        lambda: {"pk": inst("历下区人民医院")},
        "jn_commission",
        "qp_commission",
    ),
    (
        "directory:institution_detail",
        lambda: {"pk": inst("历下区人民医院")},
        "jn_district_reviewer",
        "hn_auditor",
    ),
    (
        "directory:institution_detail",
        lambda: {"pk": inst("市中区人民医院")},
        "jn_auditor",
        "jn_district_reviewer",
    ),
    ("directory:institution_detail", lambda: {"pk": inst("九龙坡区人民医院")}, "jlp_expert", "qp_expert"),
    ("directory:institution_edit", lambda: {"pk": inst("九龙坡区中医院")}, "jlp_commission", "qp_commission"),
    ("directory:person_detail", lambda: {"pk": person("张建国")}, "jlp_qc_office", "jn_qc_office"),
    ("directory:person_detail", lambda: {"pk": person("张建国")}, "jlp_expert", "cq_expert"),
    ("directory:person_detail", lambda: {"pk": person("张建国")}, "jlp_host", "jlp_scorer"),
    ("directory:person_edit", lambda: {"pk": person("马国栋")}, "jn_commission", "jlp_commission"),
    (
        "audit:history",
        lambda: {"app_label": "directory", "model_name": "institution", "pk": inst("青浦区中医医院")},
        "qp_auditor",
        "jlp_auditor",
    ),
    (
        "audit:history",
        lambda: {"app_label": "directory", "model_name": "person", "pk": person("徐明")},
        "qp_expert",
        "jlp_expert",
    ),
]

LIST_VIEWS = [
    "home",
    "directory:jurisdiction_list",
    "directory:institution_list",
    "directory:person_list",
    "rulesets:list",
    "workdays:calculator",
]


@pytest.mark.parametrize("name,kwargs,owner,stranger", OBJECT_VIEWS)
def test_object_view_scoped(world, client, client_of, name, kwargs, owner, stranger):
    url = reverse(name, kwargs=kwargs())
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and reverse("login") in anonymous["Location"]
    assert client_of(stranger).get(url).status_code == 404
    assert client_of(owner).get(url).status_code == 200


@pytest.mark.parametrize("name", LIST_VIEWS)
def test_list_views_need_login(world, client, client_of, name):
    assert client.get(reverse(name)).status_code == 302
    assert client_of("jlp_commission").get(reverse(name)).status_code == 200


def test_institution_list_shows_only_the_users_scope(client_of):
    page = client_of("jlp_commission").get(reverse("directory:institution_list")).content.decode()
    assert "九龙坡区中医院" in page and "济南市中心医院" not in page and "渝北区人民医院" not in page
    page = client_of("jn_commission").get(reverse("directory:institution_list")).content.decode()
    # a city commission sees its districts' institutions too
    assert "历下区人民医院" in page and "济南市中心医院" in page and "九龙坡区中医院" not in page
    page = client_of("jlp_host").get(reverse("directory:institution_list")).content.decode()
    assert "九龙坡区人民医院" in page and "九龙坡区中医院" not in page


def test_auditor_reads_but_cannot_change(client_of):
    auditor = client_of("jlp_auditor")
    pk = inst("九龙坡区中医院")
    assert auditor.get(reverse("directory:institution_detail", kwargs={"pk": pk})).status_code == 200
    assert auditor.get(reverse("directory:institution_edit", kwargs={"pk": pk})).status_code == 403
    assert (
        auditor.post(reverse("directory:institution_edit", kwargs={"pk": pk}), {"name": "x"}).status_code
        == 403
    )


def test_hospital_user_cannot_edit_directory(client_of):
    pk = inst("九龙坡区人民医院")
    assert (
        client_of("jlp_host").get(reverse("directory:institution_edit", kwargs={"pk": pk})).status_code == 403
    )


def test_security_events_only_for_auditors_and_admins(client_of):
    assert client_of("jlp_commission").get(reverse("audit:security_events")).status_code == 403
    assert client_of("jlp_auditor").get(reverse("audit:security_events")).status_code == 200
    assert client_of("admin").get(reverse("audit:security_events")).status_code == 200


def test_profile_only_for_people(client_of):
    assert client_of("jlp_expert").get(reverse("directory:profile")).status_code == 200
    assert client_of("jlp_commission").get(reverse("directory:profile")).status_code == 403


# --- the API -------------------------------------------------------------------------------

API_OBJECTS = [
    ("institution-detail", lambda: inst("九龙坡区中医院"), "jlp_commission", "jn_commission"),
    ("institution-detail", lambda: inst("九龙坡区人民医院"), "jlp_host", "jlp_scorer"),
    ("institution-detail", lambda: inst("历下区人民医院"), "jn_auditor", "hn_auditor"),
    ("person-detail", lambda: person("张建国"), "jlp_expert", "jn_expert"),
    ("person-detail", lambda: person("马国栋"), "jn_qc_office", "jlp_qc_office"),
]


@pytest.mark.parametrize("name,pk,owner,stranger", API_OBJECTS)
def test_api_object_scoped(world, api_of, name, pk, owner, stranger):
    from rest_framework.test import APIClient

    url = reverse(name, kwargs={"pk": pk()})
    anonymous = APIClient().get(url)
    assert anonymous.status_code == 401 and anonymous.json()["code"] == "not_authenticated"
    refused = api_of(stranger).get(url)
    assert refused.status_code == 404 and refused.json()["code"] == "not_found"
    assert api_of(owner).get(url).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/jurisdictions/",
        "/api/v1/commissions/",
        "/api/v1/institutions/",
        "/api/v1/people/",
        "/api/v1/me/",
    ],
)
def test_api_lists_need_login(world, api_of, url):
    from rest_framework.test import APIClient

    assert APIClient().get(url).status_code == 401
    assert api_of("jlp_commission").get(url).status_code == 200


def test_api_history_scoped(world, api_of):
    url = f"/api/v1/history/directory/institution/{inst('青浦区中医医院')}/"
    assert api_of("jlp_commission").get(url).status_code == 404
    assert api_of("qp_commission").get(url).status_code == 200


def test_api_auditor_cannot_write(world, api_of):
    response = api_of("jlp_auditor").patch(f"/api/v1/institutions/{inst('九龙坡区中医院')}/", {"grade": "3a"})
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    assert Institution.objects.get(name="九龙坡区中医院").grade == "2a"


def test_api_stranger_cannot_write(world, api_of):
    response = api_of("jn_commission").patch(
        f"/api/v1/institutions/{inst('九龙坡区中医院')}/", {"grade": "3a"}
    )
    assert response.status_code == 404
    assert Institution.objects.get(name="九龙坡区中医院").grade == "2a"


def test_refusals_are_recorded(world, client_of):
    from audit.models import SecurityEvent

    client_of("jn_commission").get(
        reverse("directory:institution_detail", kwargs={"pk": inst("九龙坡区中医院")})
    )
    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.REFUSED)
    assert event.username == "jn_commission" and event.detail["model"] == "directory.Institution"


def test_django_admin_only_for_system_administrators(world, client, client_of):
    assert client.get("/admin/").status_code == 302
    assert client_of("jlp_commission").get("/admin/").status_code == 302  # not staff: sent to log in
    admin = client_of("admin")
    assert admin.get("/admin/").status_code == 200
    assert admin.get("/admin/accounts/user/").status_code == 200
    assert admin.get("/admin/directory/institution/").status_code == 200


def test_ruleset_assignments_are_administered_with_history(world, client_of):
    from rulesets.models import RuleSetAssignment

    admin = client_of("admin")
    assert admin.get("/admin/rulesets/rulesetassignment/").status_code == 200
    assignment = RuleSetAssignment.objects.get(ruleset_code="cq-jiulongpo-2025")
    assert (
        client_of("jlp_commission")
        .get(f"/admin/rulesets/rulesetassignment/{assignment.pk}/change/")
        .status_code
        == 302
    )
    history = admin.get(f"/audit/history/rulesets/rulesetassignment/{assignment.pk}/")
    assert history.status_code == 200 and "cq-jiulongpo-2025" in history.content.decode()

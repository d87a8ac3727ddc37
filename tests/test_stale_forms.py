"""A form submitted from a stale version of a record is refused with the changes shown, never
silently written over (issue 15, ASVS V2.3; core/concurrency.py). Each edit form of the directory
here; the other apps' forms in their own tests (test_stale_forms.py beside each app)."""

import html
import re

import pytest
from django.urls import reverse

from core.concurrency import check_token, edit_token, guard_form
from directory import services
from directory.forms import InstitutionForm
from directory.models import Institution, Person

pytestmark = pytest.mark.django_db


def token_in(page: str, prefix: str = "") -> str:
    name = f"{prefix}-edit_token" if prefix else "edit_token"
    found = re.search(rf'name="{name}" value="([^"]+)"', page)
    assert found, f"no {name} in the form"
    return html.unescape(found.group(1))


def form_data(form) -> dict:
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None:
            continue
        data[name] = [v.pk if hasattr(v, "pk") else v for v in value] if isinstance(value, list) else value
    return data


def other_grade(institution) -> str:
    return "3b" if institution.grade != "3b" else "3c"


def test_institution_edit_opened_before_a_colleagues_change_is_refused_with_the_change(client_of, user_of):
    institution = Institution.objects.get(name="九龙坡区人民医院")
    url = reverse("directory:institution_edit", args=[institution.pk])
    client = client_of("jlp_commission")
    page = client.get(url)
    data = form_data(page.context["form"]) | {"edit_token": token_in(page.content.decode())}
    grade = other_grade(institution)
    services.institution_update(institution=institution, acting_user=user_of("jlp_qc_office"), grade=grade)
    data["name"] = "九龙坡区人民医院（我改的名称）"
    response = client.post(url, data)
    text = response.content.decode()
    assert response.status_code == 200
    assert "他人已修改了该记录" in text and f"现为「{Institution.Grade(grade).label}」" in text
    assert "九龙坡区人民医院（我改的名称）" in text  # what was typed is kept
    institution.refresh_from_db()
    assert institution.grade == grade and institution.name == "九龙坡区人民医院"
    # Sent again from the form as shown (it carries the record as it is now): saved, knowingly.
    again = dict(data, edit_token=token_in(text), grade=grade)
    assert client.post(url, again).status_code == 302
    institution.refresh_from_db()
    assert institution.name == "九龙坡区人民医院（我改的名称）" and institution.grade == grade


def test_unchanged_record_saves_as_before(client_of):
    institution = Institution.objects.get(name="九龙坡区人民医院")
    url = reverse("directory:institution_edit", args=[institution.pk])
    client = client_of("jlp_commission")
    page = client.get(url)
    data = form_data(page.context["form"]) | {"edit_token": token_in(page.content.decode())}
    assert client.post(url, dict(data, name="九龙坡区人民医院（新）")).status_code == 302


@pytest.mark.parametrize("token", [None, "", "forged:abc", edit_token.__name__])
def test_a_crafted_post_without_a_valid_token_is_refused(client_of, token):
    institution = Institution.objects.get(name="九龙坡区人民医院")
    url = reverse("directory:institution_edit", args=[institution.pk])
    client = client_of("jlp_commission")
    data = form_data(client.get(url).context["form"]) | {"name": "覆盖"}
    data.pop("edit_token")
    if token is not None:
        data["edit_token"] = token
    response = client.post(url, data)
    assert response.status_code == 200 and "表单已过期或不完整" in response.content.decode()
    assert Institution.objects.get(pk=institution.pk).name != "覆盖"


def test_person_edit_is_refused_when_stale(client_of, user_of):
    person = Person.objects.get(name="张建国")
    url = reverse("directory:person_edit", args=[person.pk])
    client = client_of("jlp_commission")
    page = client.get(url)
    data = form_data(page.context["form"]) | {"edit_token": token_in(page.content.decode())}
    services.person_update(person=person, acting_user=user_of("jlp_qc_office"), specialty="老年医学")
    response = client.post(url, dict(data, specialty="心血管内科（我改的）"))
    assert response.status_code == 200 and "老年医学" in response.content.decode()
    assert Person.objects.get(pk=person.pk).specialty == "老年医学"


def test_an_experts_own_profile_is_refused_when_stale(client_of, user_of):
    expert = user_of("jlp_expert")
    url = reverse("directory:profile")
    client = client_of("jlp_expert")
    page = client.get(url)
    data = form_data(page.context["form"]) | {"edit_token": token_in(page.content.decode())}
    services.person_update(person=expert.person, acting_user=user_of("jlp_commission"), specialty="全科医学")
    response = client.post(url, dict(data, specialty="心血管内科（我改的）"))
    assert response.status_code == 200 and "他人已修改了该记录" in response.content.decode()
    assert Person.objects.get(pk=expert.person_id).specialty == "全科医学"


def test_the_check_runs_in_the_services_transaction_with_the_row_locked(user_of):
    """A form checked, then the record changed before the service ran: the check is made again
    inside run_service's transaction (select_for_update), so the window is that transaction."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    institution = Institution.objects.get(name="九龙坡区人民医院")
    fields = InstitutionForm._meta.fields
    token = edit_token(institution, fields)
    with CaptureQueriesContext(connection) as queries:
        check_token(institution, token, fields)
    assert any("FOR UPDATE" in q["sql"] for q in queries.captured_queries)


def test_a_long_text_is_kept_as_its_hash_and_still_compared():
    from core.concurrency import changes_between, snapshot

    before = Person(name="张三", specialty="甲" * 5000)
    then = snapshot(before, ["specialty"])
    assert then["specialty"][0].startswith("#") and len(edit_token(before, ["specialty"])) < 400
    after = Person(name="张三", specialty="甲" * 4999 + "乙")
    assert [c.field for c in changes_between(after, then, ["specialty"])] == ["specialty"]
    assert changes_between(before, then, ["specialty"]) == []


def test_a_new_record_form_has_no_token():
    form = guard_form(InstitutionForm(user=None), None, InstitutionForm._meta.fields)
    assert "edit_token" not in form.fields


# --- the API: ETag and If-Match ---------------------------------------------------------------


def test_api_stale_if_match_is_412_with_the_changes(api_of, user_of):
    institution = Institution.objects.get(name="九龙坡区人民医院")
    api = api_of("jlp_commission")
    url = f"/api/v1/institutions/{institution.pk}/"
    read = api.get(url)
    etag = read["ETag"]
    assert etag.startswith('"')
    grade = other_grade(institution)
    services.institution_update(institution=institution, acting_user=user_of("jlp_qc_office"), grade=grade)
    response = api.patch(url, {"name": "覆盖"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 412
    body = response.json()
    assert body["code"] == "stale_edit" and body["violations"][0]["field"] == "grade"
    assert body["violations"][0]["now"] == Institution.Grade(grade).label
    assert Institution.objects.get(pk=institution.pk).name != "覆盖"
    fresh = api.get(url)["ETag"]
    done = api.patch(url, {"name": "九龙坡区人民医院（新）"}, format="json", HTTP_IF_MATCH=fresh)
    assert done.status_code == 200 and done["ETag"] != fresh
    # Without If-Match the API behaves as before (a client that asks for no condition).
    assert api.patch(url, {"name": "九龙坡区人民医院"}, format="json").status_code == 200


def test_api_garbage_if_match_is_412(api_of):
    institution = Institution.objects.get(name="九龙坡区人民医院")
    response = api_of("jlp_commission").patch(
        f"/api/v1/institutions/{institution.pk}/", {"name": "x"}, format="json", HTTP_IF_MATCH='"nonsense"'
    )
    assert response.status_code == 412 and response.json()["code"] == "stale_edit"


def test_personal_data_never_travels_readable_in_a_token_or_an_etag(api_of):
    """The token is signed, not encrypted: an identity number or a mobile is kept as a keyed hash,
    so the API's ETag tells a user who sees them masked nothing."""
    import base64
    import zlib

    from accounts.models import User

    host = User.objects.get(username="jlp_host")
    person = Person.objects.filter(employer=host.institution).exclude(id_number="").exclude(mobile="").first()
    response = api_of("jlp_host").get(f"/api/v1/people/{person.pk}/")
    assert person.id_number not in response.content.decode()  # masked for this role…
    etag = response["ETag"]
    payload = etag.strip('"').split(":")[0].lstrip(".")
    raw = zlib.decompress(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))).decode()
    assert person.id_number not in raw and person.mobile not in raw  # …and in the ETag too

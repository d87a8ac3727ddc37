import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.selectors import record_history
from directory import demo
from directory.models import Institution, Jurisdiction, Person
from directory.validators import mask_id_number, mask_mobile, validate_id_number, validate_uscc

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "value,ok",
    [
        ("91350100M000100Y43", True),  # a published example of GB 32100-2015
        ("91350100M000100Y44", False),  # wrong check character
        ("91350100M00010OY43", False),  # O is not in the alphabet
        ("123", False),
    ],
)
def test_uscc_check_character(value, ok):
    if ok:
        validate_uscc(value)
    else:
        with pytest.raises(ValidationError):
            validate_uscc(value)


@pytest.mark.parametrize(
    "value,ok",
    [
        ("11010519491231002X", True),  # GB 11643-1999's example
        ("110105194912310021", False),
        ("11010519491231002", False),
    ],
)
def test_id_number_check_character(value, ok):
    if ok:
        validate_id_number(value)
    else:
        with pytest.raises(ValidationError):
            validate_id_number(value)


def test_masks():
    assert mask_id_number("110101199001011234") == "110101********1234"
    assert mask_mobile("13812345678") == "138****5678"


def test_jurisdiction_tree(world):
    jinan = Jurisdiction.objects.get(code="370100")
    assert set(jinan.subtree().values_list("name", flat=True)) == {"济南市", "历下区", "市中区"}
    assert Jurisdiction.objects.get(code="370102").full_name == "山东省济南市历下区"


def test_seed_demo_is_idempotent(world):
    from django.core.management import call_command

    call_command("seed_demo", minimal=True, stdout=open("/dev/null", "w"))
    counts = (Institution.objects.count(), Person.objects.count())
    call_command("seed_demo", minimal=True, stdout=open("/dev/null", "w"))
    assert (Institution.objects.count(), Person.objects.count()) == counts


def test_every_demo_login_lands_on_its_home_page(world, client):
    for login in demo.LOGINS:
        client.logout()
        response = client.post(
            reverse("login"), {"username": login.username, "password": demo.DEMO_PASSWORD}, follow=True
        )
        assert response.status_code == 200, login.username
        assert "待办事项" in response.content.decode(), login.username


def test_identity_masked_for_roles_that_do_not_need_it(world, client_of):
    zhang = Person.objects.get(name="张建国")
    url = reverse("directory:person_detail", kwargs={"pk": zhang.pk})
    assert zhang.id_number in client_of("jlp_commission").get(url).content.decode()
    host_page = client_of("jlp_host").get(url).content.decode()
    assert zhang.id_number not in host_page and zhang.masked_id_number in host_page
    assert zhang.mobile not in host_page and zhang.masked_mobile in host_page
    assert zhang.id_number in client_of("jlp_expert").get(url).content.decode()  # their own


def test_api_masks_identity(world, api_of):
    zhang = Person.objects.get(name="张建国")
    data = api_of("jlp_auditor").get(f"/api/v1/people/{zhang.pk}/").json()
    assert data["id_number"] == zhang.masked_id_number and data["mobile"] == zhang.masked_mobile
    assert api_of("jlp_qc_office").get(f"/api/v1/people/{zhang.pk}/").json()["id_number"] == zhang.id_number


def test_bad_input_keeps_what_was_typed(world, client_of):
    institution = Institution.objects.get(name="九龙坡区中医院")
    wrong_check = institution.uscc[:17] + ("0" if institution.uscc[17] != "0" else "1")
    response = client_of("jlp_commission").post(
        reverse("directory:institution_edit", kwargs={"pk": institution.pk}),
        {
            "name": "九龙坡区中医院（新院区）",
            "uscc": wrong_check,
            "kind": "tcm",
            "grade": "3a",
            "ownership": "public",
            "jurisdiction": institution.jurisdiction_id,
            "supervising_commission": institution.supervising_commission_id,
            "opened_on": "1984-07-01",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "统一社会信用代码" in page and "校验位不正确" in page
    assert "九龙坡区中医院（新院区）" in page  # nothing typed is lost
    institution.refresh_from_db()
    assert institution.grade == "2a"


def test_change_is_attributable_with_before_and_after(world, client_of, user_of):
    institution = Institution.objects.get(name="九龙坡区中医院")
    client = client_of("jlp_commission")
    url = reverse("directory:institution_edit", kwargs={"pk": institution.pk})
    opened = client.get(url).context["form"]["edit_token"].value()  # the form as opened (core/concurrency.py)
    response = client.post(
        url,
        {
            "edit_token": opened,
            "name": institution.name,
            "uscc": institution.uscc,
            "kind": "tcm",
            "grade": "3a",
            "ownership": "public",
            "jurisdiction": institution.jurisdiction_id,
            "supervising_commission": institution.supervising_commission_id,
            "opened_on": "1984-07-01",
        },
    )
    assert response.status_code == 302
    last = record_history(Institution.objects.get(pk=institution.pk))[-1]
    assert last.action == "修改" and last.actor == str(user_of("jlp_commission"))
    assert [(c.label, c.before, c.after) for c in last.changes] == [("等级", "二级甲等", "三级甲等")]
    page = client.get(
        reverse(
            "audit:history",
            kwargs={"app_label": "directory", "model_name": "institution", "pk": institution.pk},
        )
    ).content.decode()
    assert "二级甲等" in page and "三级甲等" in page and "九龙坡区卫健委" in page


def test_history_masks_identity_for_other_roles(world, client_of, api_of):
    zhang = Person.objects.get(name="张建国")
    api_of("jlp_commission").patch(f"/api/v1/people/{zhang.pk}/", {"mobile": "13900001111"}, format="json")
    url = reverse("audit:history", kwargs={"app_label": "directory", "model_name": "person", "pk": zhang.pk})
    assert "13900001111" in client_of("jlp_commission").get(url).content.decode()
    assert "13900001111" not in client_of("jlp_auditor").get(url).content.decode()


def test_expert_edits_own_profile_only_in_self_service_fields(world, api_of):
    zhang = Person.objects.get(name="张建国")
    expert = api_of("jlp_expert")
    assert (
        expert.patch(f"/api/v1/people/{zhang.pk}/", {"specialty": "心血管病学"}, format="json").status_code
        == 200
    )
    refused = expert.patch(f"/api/v1/people/{zhang.pk}/", {"employment": "retired"}, format="json")
    assert refused.status_code == 403 and "employment" in refused.json()["message"]
    zhang.refresh_from_db()
    assert zhang.specialty == "心血管病学" and zhang.employment == "in_service"


def test_institution_list_query_count_does_not_grow(world, client_of, django_assert_max_num_queries):
    client = client_of("admin")
    with django_assert_max_num_queries(12):
        assert client.get(reverse("directory:institution_list")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("directory:person_list")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/api/v1/people/").status_code == 200


def test_full_demo_with_platform_records_is_idempotent(db, settings, tmp_path):
    """make run seeds the full demo every time: the second run adds nothing."""
    from django.core.management import call_command

    from attachments.models import Attachment
    from deadlines.models import Deadline

    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    counts = (Attachment.objects.count(), Deadline.objects.count())
    assert counts[0] >= 1 and counts[1] >= 1
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert (Attachment.objects.count(), Deadline.objects.count()) == counts


@pytest.mark.parametrize(
    "route, model",
    [
        ("directory:jurisdiction_list", None),
        ("directory:institution_list", None),
        ("directory:institution_detail", Institution),
        ("directory:person_list", None),
        ("directory:person_detail", Person),
    ],
)
def test_a_page_that_is_only_read_refuses_a_post(world, client_of, route, model):
    """docs/security.md: a GET-only page answers any other method 405 (it answered a POST with 200)."""
    args = (
        [model.objects.get(name={Institution: "九龙坡区中医院", Person: "张建国"}[model]).pk] if model else []
    )
    client = client_of("jlp_commission")
    assert client.get(reverse(route, args=args)).status_code == 200
    assert client.post(reverse(route, args=args), {"name": "改名"}).status_code == 405
    assert client.put(reverse(route, args=args)).status_code == 405

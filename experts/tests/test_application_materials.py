"""重庆全科 二、(二)1.: 推荐报名…提交《全科质控专家申报表》（含职称证书、工作业绩等材料）. The reviewing
centre — the district's for a regional candidate, the city's for a city one — passes an application
only with the 申报表 and the title certificate (职称证书) attached; the refusal names what is missing
and the article, on the page and through the API, and nothing changes."""

import pytest

from core.errors import RuleRefusal
from experts import services
from experts.demo import attach_materials
from experts.models import ExpertApplication

from .factories import LibraryFactory, person
from .test_library import apply

pytestmark = pytest.mark.django_db

FORM, CERTIFICATE = "experts.application_form", "experts.title_certificate"


@pytest.fixture
def library(world):
    return LibraryFactory()


def candidate(name="候选人庚"):
    return person(name, "重庆医科大学附属示范医院", title_level="senior", gp=True, gp_since="2005-01-01")


@pytest.mark.parametrize(
    ("attached", "missing"),
    [
        ((CERTIFICATE,), "专家申报表"),  # 二、(二)1.: the form
        ((FORM,), "职称证书"),  # 二、(二)1.: the title certificate
        ((), "专家申报表、职称证书"),
        (("experts.achievements",), "专家申报表、职称证书"),  # other proof is not the form
    ],
)
def test_the_city_review_is_refused_without_the_form_or_the_certificate_cq_gp_2_2_1(
    library, user_of, attached, missing
):
    office = user_of("cq_qc_office")
    application = apply(library, candidate(), office, level="city", code="500000", materials=attached)
    with pytest.raises(RuleRefusal) as refused:
        services.application_review(application=application, acting_user=office, passed=True)
    (violation,) = refused.value.violations
    assert violation.code == "experts_materials_missing" and violation.article == "二、(二)1."
    assert violation.message.endswith(f"尚未上传：{missing}") and "全科质控专家申报表" in violation.message
    assert ExpertApplication.objects.get(pk=application.pk).status == "submitted"


def test_the_districts_review_of_a_regional_candidate_is_refused_too_cq_gp_2_2_1(library, user_of):
    regional = person(
        "候选人辛", "渝北区人民医院", title_level="intermediate", gp=True, gp_since="2015-01-01"
    )
    application = apply(library, regional, user_of("cq_qc_office"), materials=(FORM,))
    with pytest.raises(RuleRefusal):
        services.application_review(
            application=application, acting_user=user_of("cq_district_reviewer"), passed=True
        )
    assert ExpertApplication.objects.get(pk=application.pk).status == "submitted"


def test_with_both_attached_the_review_passes_and_a_rejection_needs_neither(library, user_of):
    office = user_of("cq_qc_office")
    application = apply(library, candidate(), office, level="city", code="500000")
    services.application_review(application=application, acting_user=office, passed=True)
    assert application.status == "city_passed"
    other = apply(library, candidate("候选人壬"), office, level="city", code="500000", materials=())
    services.application_review(
        application=other, acting_user=office, passed=False, note="材料不全，不予通过。"
    )
    assert other.status == "rejected"


def test_a_withdrawn_certificate_does_not_count(library, user_of):
    from attachments.models import Attachment
    from attachments.services import attachment_delete

    office = user_of("cq_qc_office")
    application = apply(library, candidate(), office, level="city", code="500000")
    certificate = Attachment.objects.of(application).get(kind=CERTIFICATE)
    attachment_delete(attachment=certificate, acting_user=office, reason="传错了文件")
    assert services.missing_materials(application) == ["职称证书"]
    with pytest.raises(RuleRefusal):
        services.application_review(application=application, acting_user=office, passed=True)


def test_the_page_names_what_is_missing_and_a_crafted_post_cannot_skip_it(library, user_of, client_of):
    office = user_of("cq_qc_office")
    application = apply(library, candidate(), office, level="city", code="500000", materials=(FORM,))
    client = client_of("cq_qc_office")
    url = f"/experts/library/applications/{application.pk}/"
    page = client.get(url).content.decode()
    assert "审核通过前须上传：职称证书" in page and "二、(二)1." in page
    response = client.post(url, {"action": "review", "passed": "1", "note": "同意"}, follow=True)
    body = response.content.decode()
    assert "尚未上传：职称证书" in body and "请先上传缺少的申报材料" in body
    assert ExpertApplication.objects.get(pk=application.pk).status == "submitted"
    attach_materials(application, office, (CERTIFICATE,))
    assert "审核通过前须上传" not in client.get(url).content.decode()
    client.post(url, {"action": "review", "passed": "1", "note": "同意"})
    assert ExpertApplication.objects.get(pk=application.pk).status == "city_passed"


def test_the_api_refuses_the_same_way(library, user_of, api_of):
    office = user_of("cq_qc_office")
    application = apply(library, candidate(), office, level="city", code="500000", materials=(CERTIFICATE,))
    url = f"/api/v1/expert-applications/{application.pk}/review/"
    response = api_of("cq_qc_office").post(url, {"passed": True}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "experts_materials_missing"
    (violation,) = body["violations"]
    assert violation["article"] == "二、(二)1." and "专家申报表" in violation["message"]
    assert ExpertApplication.objects.get(pk=application.pk).status == "submitted"
    attach_materials(application, office, (FORM,))
    assert api_of("cq_qc_office").post(url, {"passed": True}, format="json").status_code == 200
    assert ExpertApplication.objects.get(pk=application.pk).status == "city_passed"

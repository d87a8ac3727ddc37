"""The register: rendering once, re-issuing as a new version, refusing a tampered PDF, the rule
set's say over centre documents, the pages and the demo."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse

from audit.models import SecurityEvent
from core.errors import WrongState
from directory.models import Institution, Jurisdiction
from documents import services
from documents.demo import seed_documents
from documents.models import IssuedDocument
from documents.tests.conftest import NOTICE_DATA
from documents.types import Approval, centre_issuer


def test_ready_pdf_is_never_regenerated(issue_notice):
    doc = issue_notice(render=True)
    sha, name = doc.sha256, doc.pdf.name
    services.document_render(document_id=doc.pk)
    doc.refresh_from_db()
    assert (doc.sha256, doc.pdf.name) == (sha, name)


def test_reissue_keeps_the_old_version_and_the_number(issue_notice, user_of):
    old = issue_notice(render=True)
    with pytest.raises(ValidationError):
        services.document_reissue(document=old, acting_user=user_of("jlp_commission"), reason=" ")
    new = services.document_reissue(
        document=old,
        acting_user=user_of("jlp_commission"),
        reason="更正附件名称",
        data={**NOTICE_DATA, "attachments": ["2025年度检查安排表"]},
        render_sync=True,
    )
    old.refresh_from_db()
    assert (new.number, new.version, new.supersedes, new.reissue_reason) == (
        old.number,
        2,
        old,
        "更正附件名称",
    )
    assert old.status == "ready" and old.pdf and not old.is_current and new.is_current
    assert services.document_verified_bytes(document=old) != services.document_verified_bytes(document=new)
    with pytest.raises(WrongState):  # only the latest version is re-issued
        services.document_reissue(document=old, acting_user=user_of("jlp_commission"), reason="再次更正")


def test_reissue_form_requires_a_reason_and_keeps_what_was_typed(client_of, issue_notice):
    doc = issue_notice()
    response = client_of("jlp_commission").post(
        reverse("documents:reissue", args=[doc.pk]),
        {"title": "改过的标题", "body": "改过的正文", "reason": ""},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "请填写重新印发的理由。" in page and "改过的正文" in page
    assert IssuedDocument.objects.count() == 1


def test_tampered_pdf_is_refused_and_logged(client_of, issue_notice):
    doc = issue_notice(render=True)
    with doc.pdf.open("wb") as f:
        f.write(b"%PDF-1.7 forged")
    response = client_of("jlp_commission").get(reverse("documents:download", args=[doc.pk]))
    assert response.status_code == 409
    assert SecurityEvent.objects.filter(
        kind="refused", detail__reason="hash_mismatch", detail__document=doc.pk
    ).exists()


def test_download_sends_the_chinese_filename_and_records_the_download(client_of, issue_notice):
    doc = issue_notice(render=True)
    response = client_of("jlp_commission").get(reverse("documents:download", args=[doc.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "filename*=utf-8''" in response["Content-Disposition"].lower()
    assert "%E5%85%B3%E4%BA%8E" in response["Content-Disposition"]  # 关于, percent-encoded (RFC 5987)
    assert SecurityEvent.objects.filter(kind="download", detail__document=doc.pk).exists()


def test_issue_form_numbers_renders_and_shows_the_pdf(client_of, django_capture_on_commit_callbacks):
    client = client_of("jlp_commission")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("documents:notice_issue"),
            {
                "title": NOTICE_DATA["title"],
                "addressees": NOTICE_DATA["addressees"],
                "body": NOTICE_DATA["body"],
                "attachments": "检查安排表",
                "cc": "重庆市卫生健康委员会医政医管处",
                "public": "on",
                "dated": "2025-12-01",
            },
        )
    assert response.status_code == 302
    doc = IssuedDocument.objects.get()
    assert doc.status == "ready" and doc.number == "九龙坡卫发〔2025〕1号"
    page = client.get(response["Location"]).content.decode()
    assert reverse("documents:download", args=[doc.pk]) in page


def test_issue_form_errors_sit_beside_fields_and_nothing_typed_is_lost(client_of, world):
    response = client_of("jlp_commission").post(
        reverse("documents:notice_issue"),
        {"title": "", "body": "", "addressees": "区内各医疗卫生机构", "attachments": "附件甲"},
    )
    page = response.content.decode()
    assert response.status_code == 200 and "请填写标题。" in page and "请填写正文。" in page
    assert "区内各医疗卫生机构" in page and "附件甲" in page


def test_list_filters_by_type_year_and_status(client_of, issue_notice, django_assert_max_num_queries):
    issue_notice(on=date(2025, 5, 1))
    issue_notice(on=date(2026, 1, 5))
    client = client_of("jlp_commission")
    with django_assert_max_num_queries(12):
        page = client.get(
            reverse("documents:list"), {"year": "2025", "doc_type": "notice", "status": "pending"}
        )
    html = page.content.decode()
    assert "九龙坡卫发〔2025〕1号" in html and "九龙坡卫发〔2026〕1号" not in html


@pytest.fixture
def centre_letter(user_of):
    def issue(code, jurisdiction, institution, body_kind, approval=None):
        return services.document_issue(
            doc_type="centre_letter",
            acting_user=user_of(code),
            body_kind=body_kind,
            approval=approval,
            issuer=centre_issuer(
                name="济南市心血管病医疗质量控制中心",
                code="济心血管质控函",
                jurisdiction=Jurisdiction.objects.get(code=jurisdiction),
                institution=Institution.objects.get(name=institution),
            ),
            data={**NOTICE_DATA, "cc": []},
            on=date(2025, 6, 1),
        )

    return issue


def test_jinan_centre_document_needs_commission_approval_first(centre_letter, user_of):
    with pytest.raises(services.IssueRefused) as refused:
        centre_letter("jn_host", "370100", "济南市中心医院", "city_centre")
    violation = refused.value.violations[0]
    assert violation.article == "第十七条（一）" and violation.message.startswith("第十七条（一）：")
    with pytest.raises(services.IssueRefused):  # a hospital cannot approve its own letter
        centre_letter(
            "jn_host",
            "370100",
            "济南市中心医院",
            "city_centre",
            approval=Approval(approved_by=user_of("jn_host"), approved_on=date(2025, 5, 30)),
        )
    doc = centre_letter(
        "jn_host",
        "370100",
        "济南市中心医院",
        "city_centre",
        approval=Approval(approved_by=user_of("jn_commission"), approved_on=date(2025, 5, 30)),
    )
    assert doc.approved_by == user_of("jn_commission") and doc.institution.name == "济南市中心医院"


def test_centre_document_only_through_its_host(centre_letter):
    with pytest.raises(services.IssueRefused) as refused:
        centre_letter("jn_scorer", "370100", "济南市中心医院", "city_centre")
    assert refused.value.violations[0].code == "documents.host_only"


def test_hospital_sees_documents_concerning_it(client_of, centre_letter, user_of):
    doc = centre_letter(
        "jn_host",
        "370100",
        "济南市中心医院",
        "city_centre",
        approval=Approval(approved_by=user_of("jn_commission"), approved_on=date(2025, 5, 30)),
    )
    assert client_of("jn_host").get(reverse("documents:detail", args=[doc.pk])).status_code == 200
    assert client_of("jn_scorer").get(reverse("documents:detail", args=[doc.pk])).status_code == 404


def test_failed_rendering_can_be_queued_again(issue_notice, monkeypatch, user_of):
    doc = issue_notice()
    monkeypatch.setattr(
        "documents.rendering.render_pdf", lambda *a, **k: (_ for _ in ()).throw(OSError("no fonts"))
    )
    assert services.document_render(document_id=doc.pk).status == "failed"
    monkeypatch.undo()
    services.document_retry(
        document=IssuedDocument.objects.get(pk=doc.pk), acting_user=user_of("jlp_commission")
    )
    assert services.document_render(document_id=doc.pk).status == "ready"


def test_demo_notice_is_issued_once_and_ready(world):
    doc = seed_documents()
    assert doc.number == "九龙坡卫发〔2025〕16号" and doc.status == "ready"
    assert doc.title == "关于执行《九龙坡区医疗质量控制中心管理办法（修订）》的通知"
    assert seed_documents().pk == doc.pk and IssuedDocument.objects.count() == 1


def test_ready_requires_a_hash_in_the_database(issue_notice):
    doc = issue_notice()
    doc.pdf.save("x.pdf", ContentFile(b"x"), save=False)
    with pytest.raises(Exception):
        IssuedDocument.objects.filter(pk=doc.pk).update(status="ready")

"""A data resource's files leave the platform only through data governance: the grant check, the
access log and the traced export (九龙坡 第十六条（二）: 严格控制数据资源获取和使用权限). The generic
attachment views — page and API, download, upload and delete — refuse them to everyone, by the
declaration on the kind and the model (attachments.selectors.served_elsewhere), never by scope
luck: a commission, an auditor (who may download even withdrawn files elsewhere), the host, a
grantee whose grant was revoked, the system administrator."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from attachments.demo import minimal_pdf
from attachments.models import Attachment
from audit.models import SecurityEvent
from data_governance import services
from data_governance.models import RESOURCE_FILES_SERVED_BY, AccessLog, ExportTrace

from .factories import GrantFactory, ResourceFactory

pytestmark = pytest.mark.django_db

EVERYONE = ("jlp_commission", "jlp_auditor", "jlp_host", "jlp_expert", "jn_commission", "admin")


@pytest.fixture
def data_file(u):
    """A sensitive file resource holding one PDF, granted to jlp_host (the grant is returned)."""
    resource = ResourceFactory(source="files", dataset="", classification="sensitive")
    attachment = services.resource_file_add(
        resource=resource,
        file=ContentFile(minimal_pdf(["patient rows 2026Q3"]), name="明细.pdf"),
        acting_user=u("jlp_commission"),
    )
    grant = GrantFactory(resources=[resource], users=[u("jlp_host")])
    return resource, attachment, grant


def test_the_kind_and_the_model_declare_that_data_governance_serves_the_files(data_file):
    from attachments import kinds, selectors

    _resource, attachment, _grant = data_file
    assert kinds.get("data_governance.resource_file").served_by == RESOURCE_FILES_SERVED_BY
    assert selectors.served_elsewhere(attachment) == RESOURCE_FILES_SERVED_BY
    # any other kind on a data resource too (an "other" file uploaded some day by a service)
    other = Attachment(kind="other", subject_type=attachment.subject_type)
    assert selectors.served_elsewhere(other) == RESOURCE_FILES_SERVED_BY


@pytest.mark.parametrize("username", EVERYONE)
def test_no_generic_download_serves_a_resource_file_page_or_api(username, data_file, client_of, api_of):
    """第十六条（二）: every download goes through the grant check and the trace."""
    _resource, attachment, _grant = data_file
    page = client_of(username).get(reverse("attachments:download", args=[attachment.pk]))
    api = api_of(username).get(f"/api/v1/attachments/{attachment.pk}/download/")
    for response in (page, api):
        assert response.status_code in (403, 404), (username, response.status_code)
        assert not getattr(response, "streaming", False)
        assert b"%PDF" not in b"".join(getattr(response, "streaming_content", [response.content]))
    assert not AccessLog.objects.filter(user__username=username).exists()


def test_the_commission_and_auditor_are_told_where_and_the_refusal_is_recorded(data_file, client_of, api_of):
    _resource, attachment, _grant = data_file
    for username in ("jlp_commission", "jlp_auditor"):
        page = client_of(username).get(reverse("attachments:download", args=[attachment.pk]))
        assert page.status_code == 403
        api = api_of(username).get(f"/api/v1/attachments/{attachment.pk}/download/")
        assert api.status_code == 403 and "留痕导出" in api.json()["message"]
    refused = SecurityEvent.objects.filter(kind="refused", detail__lookup={"pk": str(attachment.pk)})
    assert refused.count() == 4
    assert not SecurityEvent.objects.filter(kind="download", detail__attachment=attachment.pk).exists()


def test_a_withdrawn_resource_file_is_not_served_to_the_auditor_either(data_file, u, api_of, client_of):
    resource, attachment, _grant = data_file
    services.resource_file_withdraw(
        resource=resource, attachment=attachment, acting_user=u("jlp_commission"), reason="上传错了"
    )
    assert (
        client_of("jlp_auditor").get(reverse("attachments:download", args=[attachment.pk])).status_code == 403
    )
    assert api_of("admin").get(f"/api/v1/attachments/{attachment.pk}/download/").status_code == 403


def test_a_grantee_with_a_revoked_grant_gets_the_file_nowhere(data_file, u, client_of, api_of):
    resource, attachment, grant = data_file
    services.grant_revoke(grant=grant, acting_user=u("jlp_commission"), reason="违反承诺")
    host = client_of("jlp_host")
    assert host.get(reverse("attachments:download", args=[attachment.pk])).status_code in (403, 404)
    r = host.post(
        reverse("data_governance:resource_export", args=[resource.pk]),
        {"attachment": attachment.pk},
        follow=True,
    )
    assert "已于" in r.content.decode() and "撤销" in r.content.decode()
    r = api_of("jlp_host").post(f"/api/v1/data-resources/{resource.pk}/export/?attachment={attachment.pk}")
    assert r.status_code == 403 and r.json()["code"] == "dg_grant_revoked"
    assert not ExportTrace.objects.filter(resource=resource).exists()


def test_the_grantee_takes_the_file_out_traced_page_and_api(data_file, client_of, api_of):
    resource, attachment, grant = data_file
    r = client_of("jlp_host").post(
        reverse("data_governance:resource_export", args=[resource.pk]), {"attachment": attachment.pk}
    )
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    trace = ExportTrace.objects.get(code=r["X-Trace-Code"])
    assert trace.grant == grant and trace.access.action == "export"
    r = api_of("jlp_host").post(f"/api/v1/data-resources/{resource.pk}/export/?attachment={attachment.pk}")
    assert r.status_code == 200 and ExportTrace.objects.filter(code=r["X-Trace-Code"], grant=grant).exists()
    assert r.content != attachment.file.open("rb").read()  # the watermarked copy, never the raw file


def test_the_commission_cannot_take_a_sensitive_file_out_even_through_its_own_page(data_file, client_of):
    resource, attachment, _grant = data_file
    page = client_of("jlp_commission").get(reverse("data_governance:resource_detail", args=[resource.pk]))
    body = page.content.decode()
    assert 'data-testid="export-file"' not in body and 'data-testid="export-refusal"' in body  # not offered
    host = client_of("jlp_host").get(reverse("data_governance:resource_detail", args=[resource.pk]))
    assert 'data-testid="export-file"' in host.content.decode()  # the grantee is offered it
    r = client_of("jlp_commission").post(
        reverse("data_governance:resource_export", args=[resource.pk]),
        {"attachment": attachment.pk},
        follow=True,
    )
    assert "只能由授权名单内的人员" in r.content.decode()


def test_a_crafted_file_id_is_a_404(data_file, client_of, api_of, u):
    resource, attachment, _grant = data_file
    other = ResourceFactory(source="files", dataset="")
    foreign = services.resource_file_add(
        resource=other, file=ContentFile(minimal_pdf(["x"]), name="x.pdf"), acting_user=u("jlp_commission")
    )
    url = reverse("data_governance:resource_export", args=[resource.pk])
    for value in (foreign.pk, "abc", "99999999999999999999"):
        assert client_of("jlp_host").post(url, {"attachment": value}).status_code == 404, value
        r = api_of("jlp_host").post(f"/api/v1/data-resources/{resource.pk}/export/?attachment={value}")
        assert r.status_code == 404, value
    assert not ExportTrace.objects.exists()


def test_the_api_lists_a_resource_file_without_a_download_link(data_file, api_of):
    _resource, attachment, _grant = data_file
    rows = api_of("jlp_commission").get("/api/v1/attachments/", {"kind": "data_governance.resource_file"})
    row = next(r for r in rows.json()["results"] if r["id"] == attachment.pk)
    assert row["download_url"] is None


def test_no_generic_upload_or_delete_of_a_resource_file(data_file, client_of, api_of):
    """A hospital sees the commission's catalogue (to ask for data): it may not add or withdraw
    the commission's files through the generic attachment views — nor may the commission."""
    from django.contrib.contenttypes.models import ContentType

    resource, attachment, _grant = data_file
    content_type = ContentType.objects.get_for_model(resource)
    for username in ("jlp_host", "jlp_commission"):
        upload = SimpleUploadedFile("假数据.pdf", minimal_pdf(["x"]), "application/pdf")
        r = client_of(username).post(
            reverse("attachments:upload", args=[content_type.pk, resource.pk]),
            {"file": upload, "kind": "other"},
        )
        assert r.status_code == 403, username
        r = api_of(username).post(
            "/api/v1/attachments/",
            {
                "file": SimpleUploadedFile("假数据.pdf", minimal_pdf(["x"]), "application/pdf"),
                "kind": "data_governance.resource_file",
                "subject_type": "data_governance.dataresource",
                "subject_id": resource.pk,
            },
            format="multipart",
        )
        assert r.status_code in (403, 404), username
    r = client_of("jlp_commission").post(reverse("attachments:delete", args=[attachment.pk]), {"reason": "x"})
    assert r.status_code == 403
    r = api_of("jlp_commission").post(f"/api/v1/attachments/{attachment.pk}/delete/", {"reason": "x"})
    assert r.status_code == 403
    assert services.resource_files(resource).get() == attachment


def test_the_commission_withdraws_a_file_here_with_a_reason_and_the_host_cannot(data_file, client_of):
    resource, attachment, _grant = data_file
    url = reverse("data_governance:resource_detail", args=[resource.pk])
    data = {"action": "withdraw", "attachment": attachment.pk, "reason": "数据有误"}
    assert client_of("jlp_host").post(url, data).status_code == 403
    assert client_of("jlp_auditor").post(url, data).status_code == 403
    r = client_of("jlp_commission").post(url, {**data, "reason": ""}, follow=True)
    assert "请填写撤下理由" in r.content.decode()
    assert services.resource_files(resource).exists()
    assert client_of("jlp_commission").post(url, data).status_code == 302
    assert not services.resource_files(resource).exists()
    assert Attachment.objects.get(pk=attachment.pk).deletion_reason == "数据有误"  # kept, with the reason


def test_the_response_helper_itself_refuses_a_resource_file(data_file):
    """The last line: any path that calls attachments.http.attachment_response (centres' own file
    view, a future one) cannot hand the raw file out."""
    from attachments.http import attachment_response

    _resource, attachment, _grant = data_file
    with pytest.raises(PermissionDenied):
        attachment_response(attachment)


@pytest.mark.parametrize("fmt, content_type", [("xlsx", "spreadsheetml"), ("pdf", "application/pdf")])
def test_the_api_export_takes_the_format_it_documents(fmt, content_type, api_of):
    """The format goes in the body: ``?format=`` in the URL is DRF's renderer switch (a 404 for "pdf")."""
    grant = GrantFactory()
    url = f"/api/v1/data-resources/{grant.resources.get().pk}/export/"
    r = api_of("jlp_host").post(url, {"format": fmt}, format="json")
    assert r.status_code == 200 and content_type in r["Content-Type"]
    assert ExportTrace.objects.get(code=r["X-Trace-Code"]).format == fmt

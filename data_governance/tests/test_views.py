"""The pages and the API: scope (anonymous → login/401, stranger → 404, owner → 200), auditors read
only, crafted POSTs meet the same refusals, and query counts stay flat."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from data_governance.models import AccessLog, ExportTrace, Grant, UseRequest

from .factories import (
    CentreFactory,
    GrantFactory,
    PublicationFactory,
    ResourceFactory,
    TransferFactory,
    UseRequestFactory,
)

pytestmark = pytest.mark.django_db


def detail_urls():
    grant = GrantFactory()
    request = grant.request
    review = PublicationFactory(centre=grant.centre)
    transfer = TransferFactory(centre=grant.centre)
    return [
        reverse("data_governance:request_detail", args=[request.pk]),
        reverse("data_governance:grant_detail", args=[grant.pk]),
        reverse("data_governance:publication_detail", args=[review.pk]),
        reverse("data_governance:transfer_detail", args=[transfer.pk]),
        reverse("data_governance:request_letter_template", args=[request.pk]),
    ]


def test_scope_of_every_detail_page(client, client_of):
    urls = detail_urls()
    for url in urls:
        assert client.get(url).status_code == 302  # anonymous → login
        assert client_of("jn_host").get(url).status_code == 404  # another city's hospital
        assert client_of("jn_commission").get(url).status_code == 404  # another commission
        for owner in ("jlp_host", "jlp_commission", "jlp_auditor", "jlp_expert"):
            assert client_of(owner).get(url).status_code == 200, (owner, url)


def test_list_pages_open_for_their_users(client_of):
    GrantFactory()
    for name in ("resource_list", "request_list", "grant_list", "publication_list", "transfer_list"):
        for user in ("jlp_host", "jlp_commission", "jlp_auditor"):
            assert client_of(user).get(reverse(f"data_governance:{name}")).status_code == 200
    for name in ("access_log", "trace"):
        assert client_of("jlp_auditor").get(reverse(f"data_governance:{name}")).status_code == 200
    # the log is read by everyone within their scope (as the API); tracing a leak is the oversight's
    assert client_of("jlp_host").get(reverse("data_governance:access_log")).status_code == 200
    assert client_of("jlp_host").get(reverse("data_governance:trace")).status_code == 403


def test_a_crafted_post_by_an_auditor_changes_nothing(client_of):
    auditor = client_of("jlp_auditor")
    grant = GrantFactory()
    request = UseRequestFactory(endorsed=True)
    r = auditor.post(reverse("data_governance:grant_detail", args=[grant.pk]), {"reason": "试图撤销"})
    assert r.status_code == 403
    r = auditor.post(
        reverse("data_governance:request_detail", args=[request.pk]),
        {"action": "decide", "outcome": "refuse", "reasons": "x"},
    )
    assert r.status_code == 403
    assert Grant.objects.get(pk=grant.pk).status == "active"
    assert UseRequest.objects.get(pk=request.pk).status == "endorsed"


def test_the_page_refuses_a_non_qc_purpose_and_keeps_what_was_typed(client_of, u):
    centre = CentreFactory()
    resource = ResourceFactory()
    host = client_of("jlp_host")
    today = timezone.localdate()
    r = host.post(
        reverse("data_governance:request_new"),
        {
            "centre": centre.pk,
            "purpose_category": "commercial",
            "purpose": "给药企做市场分析",
            "starts_on": today,
            "ends_on": today + dt.timedelta(days=10),
            "resources": [resource.pk],
            "users": [u("jlp_host").pk],
        },
    )
    assert r.status_code == 302
    request = UseRequest.objects.get(centre=centre)
    host.post(
        reverse("data_governance:request_detail", args=[request.pk]),
        {"action": "letter", "file": SimpleUploadedFile("承诺书.pdf", _pdf(), "application/pdf")},
    )
    r = host.post(reverse("data_governance:request_detail", args=[request.pk]), {"action": "submit"})
    assert r.status_code == 200
    assert "第十六条（二）" in r.content.decode()
    assert UseRequest.objects.get(pk=request.pk).status == "draft"


def _pdf():
    from attachments.demo import minimal_pdf

    return minimal_pdf(["signed"])


def test_commitment_letter_template_is_filled_with_the_request(client_of):
    from pypdf import PdfReader

    request = UseRequestFactory(purpose="分析九龙坡区季度指标")
    r = client_of("jlp_host").get(reverse("data_governance:request_letter_template", args=[request.pk]))
    assert r["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(r.content)).pages)
    assert "数据资源使用承诺书" in text.replace(" ", "") and "九龙坡区季度指标" in text.replace(" ", "")


def test_export_through_the_page_is_traced_and_an_outsider_is_told_why(client_of):
    grant = GrantFactory()
    resource = grant.resources.get()
    url = reverse("data_governance:resource_export", args=[resource.pk])
    r = client_of("jlp_host").post(url, {"format": "xlsx"})
    assert r.status_code == 200 and r["X-Trace-Code"]
    trace = ExportTrace.objects.get(code=r["X-Trace-Code"])
    assert trace.grant == grant and trace.access.ip == "127.0.0.1"
    r = client_of("jlp_commission").post(url, {"format": "xlsx"}, follow=True)
    assert "只能由授权名单内的人员" in r.content.decode()


def test_the_auditor_traces_an_uploaded_file(client_of):
    grant = GrantFactory()
    r = client_of("jlp_host").post(
        reverse("data_governance:resource_export", args=[grant.resources.get().pk])
    )
    leaked = SimpleUploadedFile("leaked.xlsx", r.content)
    page = client_of("jlp_auditor").post(reverse("data_governance:trace"), {"file": leaked}).content.decode()
    assert grant.number in page and "jlp_host" in page


# --- API ---------------------------------------------------------------------------------------


def test_api_scope_and_refusals(api_of, client):
    grant = GrantFactory()
    request = UseRequestFactory(submitted=True)
    assert client.get("/api/v1/data-grants/").status_code in (401, 403)
    assert api_of("jn_commission").get(f"/api/v1/data-grants/{grant.pk}/").status_code == 404
    assert api_of("jlp_host").get(f"/api/v1/data-grants/{grant.pk}/").status_code == 200
    # an auditor reads the log but cannot revoke
    assert api_of("jlp_auditor").get("/api/v1/data-access-log/").status_code == 200
    assert (
        api_of("jlp_auditor").post(f"/api/v1/data-grants/{grant.pk}/revoke/", {"reason": "x"}).status_code
        == 403
    )
    # the commission cannot approve before the chair: the same refusal as the page, with its article
    r = api_of("jlp_commission").post(
        f"/api/v1/data-use-requests/{request.pk}/decide/",
        {"outcome": "approve", "qc_judgement": "质控"},
        format="json",
    )
    assert r.status_code == 400 and r.json()["code"] == "dg_endorsement_required"
    assert r.json()["violations"][0]["article"] == "第十六条（五）"
    # the log has no write endpoint at all
    from data_governance import services

    services.resource_view(resource=grant.resources.get(), acting_user=grant.users.get())
    entry = AccessLog.objects.get(grant=grant)
    for method in ("delete", "put", "patch"):
        r = getattr(api_of("jlp_commission"), method)(
            f"/api/v1/data-access-log/{entry.pk}/", {}, format="json"
        )
        assert r.status_code in (403, 405), (method, r.status_code)
    assert AccessLog.objects.filter(pk=entry.pk).exists()


def test_api_export_outside_a_grant_is_refused_with_the_reason(api_of):
    resource = ResourceFactory(classification="personal")
    r = api_of("jlp_commission").post(f"/api/v1/data-resources/{resource.pk}/export/")
    assert r.status_code == 403 and r.json()["code"] == "dg_sensitive_outside_grant"
    assert not AccessLog.objects.filter(resource=resource).exists()


def test_api_request_to_grant(api_of, u):
    centre = CentreFactory()
    resource = ResourceFactory()
    today = timezone.localdate()
    r = api_of("jlp_host").post(
        "/api/v1/data-use-requests/",
        {
            "centre": centre.pk,
            "purpose_category": "improvement",
            "purpose": "持续改进",
            "starts_on": str(today),
            "ends_on": str(today + dt.timedelta(days=5)),
            "users": [u("jlp_host").pk],
            "resources": [resource.pk],
        },
        format="json",
    )
    assert r.status_code == 201, r.content
    pk = r.json()["id"]
    r = api_of("jlp_host").post(f"/api/v1/data-use-requests/{pk}/submit/")
    assert r.status_code == 400 and r.json()["code"] == "dg_commitment_letter_missing"


# --- query counts ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["request_list", "grant_list", "publication_list", "transfer_list", "resource_list", "access_log"]
)
def test_list_query_counts_do_not_grow_with_rows(name, client_of, u):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from data_governance import services

    commission = client_of("jlp_commission")
    url = reverse(f"data_governance:{name}")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert commission.get(url).status_code == 200
        return len(queries)

    def add():
        grant = GrantFactory()
        PublicationFactory(centre=grant.centre)
        TransferFactory(centre=grant.centre)
        services.resource_view(resource=grant.resources.get(), acting_user=u("jlp_host"))

    add()
    few = count()
    for _ in range(4):
        add()
    assert count() == few


def test_detail_query_counts(client_of, django_assert_max_num_queries):
    grant = GrantFactory()
    review = PublicationFactory(centre=grant.centre)
    with django_assert_max_num_queries(40):
        client_of("jlp_commission").get(reverse("data_governance:request_detail", args=[grant.request.pk]))
    with django_assert_max_num_queries(40):
        client_of("jlp_commission").get(reverse("data_governance:grant_detail", args=[grant.pk]))
    with django_assert_max_num_queries(40):
        client_of("jlp_commission").get(reverse("data_governance:publication_detail", args=[review.pk]))


def test_api_publication_and_transfer_refusals(api_of):
    review = PublicationFactory(submitted=True)
    r = api_of("jlp_commission").post(
        f"/api/v1/data-publications/{review.pk}/decide/", {"approve": True}, format="json"
    )
    assert r.status_code == 400 and r.json()["code"] == "dg_committee_required"
    assert api_of("jn_commission").get(f"/api/v1/data-publications/{review.pk}/").status_code == 404
    transfer = TransferFactory()
    assert (
        api_of("jlp_host")
        .post(
            f"/api/v1/data-transfers/{transfer.pk}/decide/", {"approve": True, "reasons": "x"}, format="json"
        )
        .status_code
        == 403
    )
    r = api_of("jlp_commission").post(
        f"/api/v1/data-transfers/{transfer.pk}/decide/",
        {"approve": False, "reasons": "营利性用途"},
        format="json",
    )
    assert r.status_code == 200 and r.json()["status"] == "refused"
    r = api_of("jlp_commission").post(
        f"/api/v1/data-transfers/{transfer.pk}/decide/", {"approve": True, "reasons": "再次"}, format="json"
    )
    assert r.status_code == 409


def test_api_trace_lookup_for_auditors(api_of, client):
    grant = GrantFactory()
    r = api_of("jlp_host").post(f"/api/v1/data-resources/{grant.resources.get().pk}/export/")
    from data_governance.tracing import sha256

    digest = sha256(r.content)
    assert client.post("/api/v1/data-export-traces/lookup/", {"sha256": digest}).status_code in (401, 403)
    found = api_of("jlp_auditor").post(
        "/api/v1/data-export-traces/lookup/", {"sha256": digest}, format="json"
    )
    assert found.status_code == 200 and found.json()[0]["grant_number"] == grant.number
    assert (
        api_of("jn_auditor")
        .post("/api/v1/data-export-traces/lookup/", {"sha256": digest}, format="json")
        .json()
        == []
    )


def test_auditors_export_the_access_log_with_the_cover_sheet(u, tmp_path):
    from openpyxl import load_workbook

    from data_governance import services
    from exports.registry import get_spec
    from exports.writer import write_export

    grant = GrantFactory()
    services.resource_view(resource=grant.resources.get(), acting_user=u("jlp_host"), ip="10.0.0.9")
    path = tmp_path / "log.xlsx"
    rows = write_export(spec=get_spec("data_access_log"), user=u("jlp_auditor"), filters={}, output=str(path))
    assert rows >= 1
    sheet = load_workbook(path)["数据"]
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert any(grant.number in row and "10.0.0.9" in row for row in values)
    assert (
        write_export(
            spec=get_spec("data_access_log"),
            user=u("jn_auditor"),
            filters={},
            output=str(tmp_path / "other.xlsx"),
        )
        == 0
    )


def test_change_history_of_a_grant_names_who_revoked_it(client_of, u):
    from data_governance import services

    grant = GrantFactory()
    services.grant_revoke(grant=grant, acting_user=u("jlp_commission"), reason="违反承诺")
    url = reverse("audit:history", args=["data_governance", "grant", grant.pk])
    assert client_of("jlp_auditor").get(url).status_code == 200
    assert client_of("jn_auditor").get(url).status_code == 404


def test_the_page_confirms_a_check_and_resolves_a_hit(client_of):
    from data_governance.models import ScanHit

    review = PublicationFactory(committee_agreed=True)
    hit = ScanHit.objects.create(review=review, kind="name", text="张建国", location="第3段")
    url = reverse("data_governance:publication_detail", args=[review.pk])
    chair = client_of("jlp_expert")
    assert chair.post(url, {"action": "check", "code": "data.publication_cite_source"}).status_code == 302
    assert review.checks.get(code="data.publication_cite_source").confirmed
    page = chair.post(url, {"action": "hit", "hit": hit.pk, "resolution": "cleared"})
    assert "排除时请说明理由" in page.content.decode()  # refused, and said why
    assert (
        chair.post(
            url, {"action": "hit", "hit": hit.pk, "resolution": "cleared", "note": "作者署名"}
        ).status_code
        == 302
    )
    assert ScanHit.objects.get(pk=hit.pk).resolution == "cleared"


def test_approval_is_not_offered_before_the_chair_and_a_crafted_approval_is_refused(client_of):
    request = UseRequestFactory(submitted=True)
    url = reverse("data_governance:request_detail", args=[request.pk])
    page = client_of("jlp_commission").get(url).content.decode()
    assert 'value="approve"' not in page and "第十六条（五）" in page
    crafted = client_of("jlp_commission").post(
        url, {"action": "decide", "outcome": "approve", "qc_judgement": "质控"}
    )
    assert crafted.status_code == 200 and "第十六条（五）" in crafted.content.decode()
    assert UseRequest.objects.get(pk=request.pk).status == "submitted"


def test_api_letter_then_submit_and_manuscript_scan(api_of):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .test_services import docx, valid_id

    request = UseRequestFactory()
    api = api_of("jlp_host")
    r = api.post(
        f"/api/v1/data-use-requests/{request.pk}/letter/",
        {"file": SimpleUploadedFile("承诺书.pdf", _pdf(), "application/pdf")},
        format="multipart",
    )
    assert r.status_code == 200, r.content
    assert api.post(f"/api/v1/data-use-requests/{request.pk}/submit/").json()["status"] == "submitted"
    r = api.post(
        f"/api/v1/data-use-requests/{request.pk}/letter/",
        {"file": SimpleUploadedFile("换一份.pdf", _pdf(), "application/pdf")},
        format="multipart",
    )
    assert r.status_code == 409  # the letter is locked once submitted
    review = PublicationFactory()
    r = api.post(
        f"/api/v1/data-publications/{review.pk}/manuscript/",
        {"file": SimpleUploadedFile("稿.docx", docx([f"身份证 {valid_id()}"]))},
        format="multipart",
    )
    assert r.status_code == 200 and [h["kind"] for h in r.json()["hits"]] == ["id_number"]


def test_a_resource_file_must_be_excel_or_pdf(u):
    from django.core.files.base import ContentFile

    from core.errors import InvalidInput
    from data_governance import services

    resource = ResourceFactory(source="files", dataset="")
    with pytest.raises(InvalidInput) as refused:
        services.resource_file_add(
            resource=resource, acting_user=u("jlp_commission"), file=ContentFile(b"name,id\n", name="a.csv")
        )
    assert refused.value.code == "dg_unsupported_file"


def test_api_creates_resources_publications_and_transfers_with_the_same_checks(api_of):
    r = api_of("jlp_commission").post(
        "/api/v1/data-resources/",
        {"code": "API-1", "name": "接口登记", "classification": "internal", "body_kind": "district_centre"},
        format="json",
    )
    assert r.status_code == 201
    assert (
        api_of("jlp_auditor")
        .post(
            "/api/v1/data-resources/",
            {"code": "API-2", "name": "x", "classification": "internal", "body_kind": "district_centre"},
            format="json",
        )
        .status_code
        == 403
    )
    centre = CentreFactory()
    r = api_of("jlp_host").post(
        "/api/v1/data-publications/",
        {
            "centre": centre.pk,
            "kind": "paper",
            "title": "论文",
            "first_unit": centre.name,
            "data_source": "区卫健委",
        },
        format="json",
    )
    assert r.status_code == 201 and len(r.json()["checks"]) == 3
    # another city's centre in the body: refused like a missing id (400 on the field, issue 15)
    r = api_of("jn_host").post(
        "/api/v1/data-publications/",
        {"centre": centre.pk, "kind": "paper", "title": "论文", "first_unit": "x", "data_source": "x"},
        format="json",
    )
    assert r.status_code == 400 and "centre" in str(r.json())
    r = api_of("jlp_host").post(
        "/api/v1/data-transfers/",
        {
            "centre": centre.pk,
            "recipient": "某公司",
            "data_description": "汇总",
            "purpose": "分析",
            "safeguards": "",
        },
        format="json",
    )
    assert r.status_code == 400 and r.json()["code"] == "dg_transfer_incomplete"


def test_a_host_reads_the_accesses_under_its_centres_grants_on_the_page_as_through_the_api(
    client_of, api_of, u
):
    """The page and /api/v1/data-access-log/ agree: the host sees the accesses under its own
    centres' grants, not another hospital's; another city's host sees none of them."""
    from data_governance import services
    from directory.models import Institution

    own = GrantFactory()
    theirs = GrantFactory(
        request__centre=CentreFactory(host=Institution.objects.get(name="九龙坡区中医院")),
        request__users=[u("jlp_scorer")],
        request__letter=False,
    )
    services.resource_view(resource=own.resources.get(), acting_user=u("jlp_host"))
    services.resource_view(resource=theirs.resources.get(), acting_user=u("jlp_scorer"))
    for user, expected in (("jlp_host", [own.number]), ("jn_host", [])):
        page = client_of(user).get(reverse("data_governance:access_log"))
        assert page.status_code == 200
        shown = [a.grant.number for a in page.context["page"]]
        api = api_of(user).get("/api/v1/data-access-log/").json()["results"]
        assert shown == [r["grant_number"] for r in api] == expected, user


def test_the_access_log_filters_by_grant_in_the_page_the_api_and_the_export(client_of, api_of, u):
    from data_governance import services

    one, other = GrantFactory(), GrantFactory()
    for grant in (one, other):
        services.resource_view(resource=grant.resources.get(), acting_user=u("jlp_host"))
    page = client_of("jlp_auditor").get(reverse("data_governance:access_log"), {"grant": one.number})
    body = page.content.decode()
    assert one.number in body and other.number not in body and "按当前筛选导出 Excel" in body
    rows = api_of("jlp_auditor").get("/api/v1/data-access-log/", {"grant": other.number}).json()["results"]
    assert [r["grant_number"] for r in rows] == [other.number]
    from exports.registry import get_spec

    spec = get_spec("data_access_log")
    assert [a.grant for a in spec.queryset(u("jlp_auditor"), {"grant": one.number})] == [one]
    assert ("授权编号", one.number) in spec.describe_filters({"grant": one.number})

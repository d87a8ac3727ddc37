"""The resource, publication and transfer lists on the shared list component (docs/lists.md): one
FilterSet for the page and the API, filters in the URL, sortable headers, 共 N 条 with the pages,
the user's scope narrowed and never widened, and a flat number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .factories import CentreFactory, PublicationFactory, ResourceFactory, TransferFactory

pytestmark = pytest.mark.django_db


def _rows(page, testid):
    """The texts of the first cell of each row of the table ``testid`` (its data-label cells)."""
    import re

    html = page.content.decode()
    table = html.split(f'data-testid="{testid}"', 1)[1].split("</table>", 1)[0]
    return re.findall(r"<tr><td[^>]*>(?:<a [^>]*>)?([^<]+)", table)


def test_the_resource_list_filters_by_name_or_code_classification_and_source(client_of, api_of):
    ResourceFactory(code="ZB-1", name="甲指标数据", classification="public")
    ResourceFactory(code="ZB-2", name="乙病例明细", classification="personal")
    ResourceFactory(code="WJ-1", name="丙考核文件", classification="internal", source="files", dataset="")
    page = client_of("jlp_commission")
    url = reverse("data_governance:resource_list")
    assert _rows(page.get(url, {"q": "ZB"}), "resources") == ["ZB-1", "ZB-2"]
    assert _rows(page.get(url, {"q": "病例"}), "resources") == ["ZB-2"]
    assert _rows(page.get(url, {"classification": "personal"}), "resources") == ["ZB-2"]
    assert _rows(page.get(url, {"source": "files"}), "resources") == ["WJ-1"]
    assert _rows(page.get(url, {"ordering": "-code"}), "resources")[:3] == ["ZB-2", "ZB-1", "WJ-1"]
    body = page.get(url, {"q": "病例"}).content.decode()
    assert 'data-testid="filter-bar"' in body and "共 1 条" in body and 'data-label="分级"' in body
    # the API: the same FilterSet
    rows = api_of("jlp_commission").get("/api/v1/data-resources/", {"classification": "personal"}).json()
    assert [r["code"] for r in rows["results"]] == ["ZB-2"]
    rows = api_of("jlp_commission").get("/api/v1/data-resources/", {"q": "ZB", "ordering": "-code"}).json()
    assert [r["code"] for r in rows["results"]] == ["ZB-2", "ZB-1"]


def test_the_publication_list_filters_by_title_kind_and_status(client_of, api_of):
    centre = CentreFactory()
    PublicationFactory(centre=centre, title="心血管质控年报", kind="report")
    PublicationFactory(centre=centre, title="卒中论文", kind="paper", submitted=True)
    url = reverse("data_governance:publication_list")
    page = client_of("jlp_host")
    assert _rows(page.get(url, {"q": "年报"}), "publications") == ["心血管质控年报"]
    assert _rows(page.get(url, {"status": "submitted"}), "publications") == ["卒中论文"]
    assert _rows(page.get(url, {"kind": "report"}), "publications") == ["心血管质控年报"]
    rows = api_of("jlp_commission").get("/api/v1/data-publications/", {"kind": "paper"}).json()["results"]
    assert [r["title"] for r in rows] == ["卒中论文"]


def test_the_transfer_list_filters_by_recipient_and_status(client_of, api_of, u):
    from data_governance import services

    refused = TransferFactory(recipient="某医药公司")
    TransferFactory(recipient="市统计局")
    services.transfer_decide(transfer=refused, acting_user=u("jlp_commission"), approve=False, reasons="营利")
    url = reverse("data_governance:transfer_list")
    page = client_of("jlp_commission")
    assert _rows(page.get(url, {"status": "refused"}), "transfers") == ["某医药公司"]
    assert _rows(page.get(url, {"q": "统计"}), "transfers") == ["市统计局"]
    rows = api_of("jlp_host").get("/api/v1/data-transfers/", {"status": "submitted"}).json()["results"]
    assert [r["recipient"] for r in rows] == ["市统计局"]


def test_the_lists_page_with_a_count_and_keep_the_filters(client_of):
    for n in range(52):
        ResourceFactory(code=f"P-{n:03d}", classification="internal")
    url = reverse("data_governance:resource_list")
    first = client_of("jlp_commission").get(url, {"classification": "internal", "ordering": "code"})
    body = first.content.decode()
    assert "共 52 条" in body and "第 1 / 2 页" in body
    assert "classification=internal" in body.split('class="pagination"', 1)[1]  # the next link keeps it
    second = client_of("jlp_commission").get(
        url, {"classification": "internal", "ordering": "code", "page": 2}
    )
    assert _rows(second, "resources") == ["P-050", "P-051"]


def test_a_filter_never_widens_the_scope(client_of, api_of):
    """Another city's commission and hospital see none of 九龙坡's rows, whatever they ask for."""
    centre = CentreFactory()
    ResourceFactory(code="JLP-ONLY", name="九龙坡独有")
    PublicationFactory(centre=centre, title="九龙坡的论文")
    TransferFactory(centre=centre, recipient="九龙坡的接收方")
    for username in ("jn_commission", "jn_host"):
        client = client_of(username)
        assert _rows(client.get(reverse("data_governance:resource_list"), {"q": "JLP"}), "resources") == []
        pubs = client.get(reverse("data_governance:publication_list"), {"q": "九龙坡"})
        assert _rows(pubs, "publications") == []
        transfers = client.get(reverse("data_governance:transfer_list"), {"q": "九龙坡"})
        assert _rows(transfers, "transfers") == []
        api = api_of(username)
        assert api.get("/api/v1/data-resources/", {"q": "JLP"}).json()["results"] == []
        assert api.get("/api/v1/data-publications/", {"q": "九龙坡"}).json()["results"] == []
        assert api.get("/api/v1/data-transfers/", {"q": "九龙坡"}).json()["results"] == []


def test_a_malformed_filter_shows_its_error_and_no_rows(client_of):
    TransferFactory()
    page = client_of("jlp_commission").get(
        reverse("data_governance:transfer_list"), {"requested_after": "not-a-date"}
    )
    assert page.status_code == 200 and 'data-testid="filter-errors"' in page.content.decode()
    assert _rows(page, "transfers") == []


@pytest.mark.parametrize(
    "url, params",
    [
        ("data_governance:resource_list", {"q": "测试", "ordering": "name"}),
        ("data_governance:publication_list", {"status": "draft", "ordering": "title"}),
        ("data_governance:transfer_list", {"status": "submitted", "ordering": "-requested_at"}),
        ("/api/v1/data-resources/", {"classification": "sensitive"}),
        ("/api/v1/data-publications/", {"kind": "paper"}),
        ("/api/v1/data-transfers/", {"status": "submitted"}),
    ],
)
def test_filtered_lists_and_their_api_keep_a_flat_query_count(url, params, client_of, api_of):
    client = api_of("jlp_commission") if url.startswith("/") else client_of("jlp_commission")
    path = url if url.startswith("/") else reverse(url)

    def add():
        centre = CentreFactory()
        ResourceFactory()
        PublicationFactory(centre=centre)
        TransferFactory(centre=centre)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path, params).status_code == 200
        return len(queries)

    add()
    count()  # warm the per-process caches (content types, the collation)
    few = count()
    for _ in range(4):
        add()
    assert count() == few


@pytest.mark.parametrize(
    "name, user",
    [("resource_list", "jlp_commission"), ("publication_list", "jlp_host"), ("transfer_list", "jlp_host")],
)
def test_the_filter_bar_and_the_form_below_have_no_id_in_common(name, user, client_of):
    """A label points at its control by id: a shared id would tie the form's 分级 to the filter's."""
    import re

    CentreFactory()
    html = client_of(user).get(reverse(f"data_governance:{name}")).content.decode()
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert 'data-testid="filter-bar"' in html and '<form method="post"' in html
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})

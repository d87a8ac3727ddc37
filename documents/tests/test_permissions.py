"""Who sees and who issues: one row per case."""

import pytest
from django.urls import reverse

from documents import services
from documents.tests.conftest import NOTICE_DATA


@pytest.fixture
def doc(issue_notice):
    return issue_notice()


@pytest.mark.parametrize(
    "username, expected",
    [
        ("jlp_commission", 200),  # the issuer's own staff
        ("jlp_auditor", 200),  # reads the jurisdiction, never writes
        ("cq_commission", 200),  # the city above sees its subtree
        ("jn_commission", 404),  # another jurisdiction: indistinguishable from missing
        ("jlp_host", 404),  # a hospital sees only documents concerning it
        ("jlp_expert", 404),  # an expert sees only documents addressed to them
    ],
)
@pytest.mark.parametrize("url_name", ["documents:detail", "documents:status"])
def test_reading_a_document(client_of, doc, username, expected, url_name):
    assert client_of(username).get(reverse(url_name, args=[doc.pk])).status_code == expected


@pytest.mark.parametrize(
    "url_name, args",
    [
        ("documents:list", False),
        ("documents:detail", True),
        ("documents:download", True),
        ("documents:notice_issue", False),
        ("documents:reissue", True),
    ],
)
def test_anonymous_is_sent_to_login(client, doc, url_name, args):
    response = client.get(reverse(url_name, args=[doc.pk] if args else []))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_download_of_another_jurisdiction_is_404(client_of, issue_notice):
    doc = issue_notice(render=True)
    assert client_of("jn_commission").get(reverse("documents:download", args=[doc.pk])).status_code == 404
    assert client_of("jlp_commission").get(reverse("documents:download", args=[doc.pk])).status_code == 200


@pytest.mark.parametrize(
    "username, expected",
    [
        ("jlp_commission", 200),
        ("jlp_host", 403),
        ("jlp_scorer", 403),
        ("jlp_expert", 403),
        ("jlp_auditor", 403),
        ("jlp_qc_office", 403),
    ],
)
def test_who_may_open_the_notice_form(client_of, world, username, expected):
    assert client_of(username).get(reverse("documents:notice_issue")).status_code == expected


def test_hospital_user_cannot_issue_a_commission_document(client_of, user_of, jlp_commission, issue_notice):
    response = client_of("jlp_host").post(reverse("documents:notice_issue"), {"title": "x", "body": "y"})
    assert response.status_code == 403
    with pytest.raises(services.IssueRefused) as refused:
        issue_notice(user="jlp_host")
    assert refused.value.violations[0].code == "documents.commission_only"


def test_commission_staff_cannot_issue_under_another_commission(issue_notice):
    with pytest.raises(services.IssueRefused) as refused:
        issue_notice(user="jn_commission")
    assert refused.value.violations[0].code == "documents.other_issuer"


def test_expert_sees_a_document_addressed_to_them(client_of, user_of, issue_notice):
    expert = user_of("jlp_expert")
    doc = issue_notice(addressed_people=[expert.person])
    assert client_of("jlp_expert").get(reverse("documents:detail", args=[doc.pk])).status_code == 200


def test_list_shows_only_the_users_scope(client_of, doc):
    assert doc.number in client_of("jlp_commission").get(reverse("documents:list")).content.decode()
    assert doc.number not in client_of("jn_commission").get(reverse("documents:list")).content.decode()


def test_api_register_is_scoped_and_issuing_needs_commission_staff(api_of, doc):
    from rest_framework.test import APIRequestFactory, force_authenticate

    from documents.api import IssuedDocumentViewSet

    factory, list_view = APIRequestFactory(), IssuedDocumentViewSet.as_view({"get": "list"})
    notice_view = IssuedDocumentViewSet.as_view({"post": "notice"})
    from accounts.models import User

    def call(view, username, method="get", data=None):
        request = getattr(factory, method)("/", data, format="json")
        force_authenticate(request, User.objects.get(username=username))
        return view(request)

    assert call(list_view, "jlp_commission").data["count"] == 1
    assert call(list_view, "jn_commission").data["count"] == 0
    assert call(notice_view, "jlp_host", "post", NOTICE_DATA).status_code == 403
    created = call(notice_view, "jlp_commission", "post", NOTICE_DATA)
    assert created.status_code == 201 and created.data["number"] == "九龙坡卫发〔%s〕2号" % doc.year

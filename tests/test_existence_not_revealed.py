"""Issue 15 item 7: an object outside the user's scope is a 404 — exactly like a missing one — even
when the user may not take the action at all; a 403 only for a forbidden action on a visible
object. Checked on ``POST /api/v1/documents/{id}/reissue/`` with another city's document, for
every role (the fix is in the shared permission class, so every detail action behaves the same)."""

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from documents.models import IssuedDocument

pytestmark = pytest.mark.django_db

BODY = {"reason": "更正文字错误，重新印发。"}


@pytest.fixture
def documents(full_demo, world):
    return IssuedDocument.objects.select_related("jurisdiction")


def post(username, pk):
    client = APIClient()
    client.force_authenticate(User.objects.get(username=username))
    return client.post(f"/api/v1/documents/{pk}/reissue/", BODY, format="json")


@pytest.mark.parametrize(
    "username",
    [
        "jn_commission",
        "jn_qc_office",
        "jn_auditor",
        "jn_host",
        "jn_expert",
        "jn_district_reviewer",
        "hn_commission",
        "qp_auditor",
    ],
)
def test_reissuing_another_citys_document_is_a_404_like_a_missing_one(documents, username):
    other = documents.filter(jurisdiction__path__startswith="500000/").first()
    assert (
        not IssuedDocument.objects.for_user(User.objects.get(username=username)).filter(pk=other.pk).exists()
    )
    outside, missing = post(username, other.pk), post(username, 99999999)
    assert (outside.status_code, outside.json()["code"]) == (404, "not_found")
    assert (missing.status_code, missing.json()) == (outside.status_code, outside.json())


def test_a_forbidden_action_on_a_visible_document_is_a_403(documents):
    own = documents.filter(jurisdiction__path__startswith="370000/370100/").first()
    refused = post("jn_auditor", own.pk)
    assert refused.status_code == 403 and refused.json()["code"] == "permission_denied"

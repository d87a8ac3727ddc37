"""A step taken twice (a second tab, a double click) or by someone it is not for: the page no longer
draws that step's form, so its refusal must not be lost with it — the user sees why nothing
happened, in Chinese, at the top of the page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from data_governance import services

from .factories import GrantFactory, TransferFactory, UseRequestFactory

pytestmark = pytest.mark.django_db


def refusal_shown(response, words):
    page = response.content.decode()
    return response.status_code == 200 and words in page and 'role="alert"' in page


def test_endorsing_twice_says_why(client_of):
    request = UseRequestFactory(submitted=True)
    chair = client_of("jlp_expert")
    url = reverse("data_governance:request_detail", args=[request.pk])
    first = chair.post(url, {"action": "endorse", "agree": "1", "opinion": "同意"})
    assert first.status_code == 302
    again = chair.post(url, {"action": "endorse", "agree": "1", "opinion": "同意"})
    assert refusal_shown(again, "该申请不在待主任委员审核状态。")


def test_a_host_posting_the_chairs_endorsement_is_told_why(client_of):
    request = UseRequestFactory(submitted=True)
    r = client_of("jlp_host").post(
        reverse("data_governance:request_detail", args=[request.pk]),
        {"action": "endorse", "agree": "1"},
    )
    page = r.content.decode()
    assert r.status_code in (200, 403)
    if r.status_code == 200:
        assert 'role="alert"' in page and "主任委员" in page


def test_revoking_twice_says_why(client_of, u):
    grant = GrantFactory()
    services.grant_revoke(grant=grant, acting_user=u("jlp_commission"), reason="违反承诺")
    r = client_of("jlp_commission").post(
        reverse("data_governance:grant_detail", args=[grant.pk]), {"reason": "再次撤销"}
    )
    assert r.status_code == 200
    assert 'role="alert"' in r.content.decode()


def test_deciding_a_transfer_twice_says_why(client_of):
    transfer = TransferFactory()
    commission = client_of("jlp_commission")
    url = reverse("data_governance:transfer_detail", args=[transfer.pk])
    assert commission.post(url, {"approve": "0", "reasons": "未说明安全措施"}).status_code == 302
    again = commission.post(url, {"approve": "1", "reasons": "同意"})
    assert again.status_code == 200 and 'role="alert"' in again.content.decode()

"""Data governance in English: the words the product writes in Python — a grant's standing (read at
the moment, never stored), choice labels, the lists' filters and columns, form labels — come from
the catalogue, not only the templates' words. Needs the compiled catalogue (compilemessages)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from core.tests.test_english_pages import assert_english, worded_by_the_product

from .factories import GrantFactory, PublicationFactory, ResourceFactory, TransferFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(client_of):
    def login(username):
        client = client_of(username)
        client.post(reverse("set_language"), {"language": "en", "next": "/"})
        return client

    return login


def test_grant_standings_in_english(english, u):
    from data_governance import services

    today = timezone.localdate()
    current = GrantFactory()
    GrantFactory(starts_on=today - dt.timedelta(days=40), ends_on=today - dt.timedelta(days=1))
    GrantFactory(starts_on=today + dt.timedelta(days=3), ends_on=today + dt.timedelta(days=9))
    revoked = GrantFactory()
    services.grant_revoke(grant=revoked, acting_user=u("jlp_commission"), reason="违反承诺")
    client = english("jlp_commission")
    page = client.get(reverse("data_governance:grant_list")).content.decode()
    assert_english(page, "tag", "header", "label", "button")
    assert set(worded_by_the_product(page)["tag"]) >= {"Valid", "Expired", "Not started", "Revoked"}
    detail = client.get(reverse("data_governance:grant_detail", args=[current.pk])).content.decode()
    assert '<span class="tag" data-testid="standing">Valid</span>' in detail
    api = client.get(f"/api/v1/data-grants/{revoked.pk}/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert api["standing"] == "revoked"


def test_data_governance_lists_in_english(english):
    grant = GrantFactory()
    ResourceFactory(classification="personal")
    PublicationFactory(centre=grant.centre)
    TransferFactory(centre=grant.centre)
    client = english("jlp_commission")
    for name in ("resource_list", "request_list", "publication_list", "transfer_list", "access_log"):
        page = client.get(reverse(f"data_governance:{name}")).content.decode()
        assert_english(page, "header", "label", "button")
    resources = client.get(reverse("data_governance:resource_list")).content.decode()
    assert "Contains personal data" in worded_by_the_product(resources)["tag"]
    host = english("jlp_host")
    form = host.get(reverse("data_governance:request_new")).content.decode()
    assert "Use starts on" in form and "QC indicator monitoring and analysis" in form


def test_chinese_stays_the_default(client_of):
    GrantFactory()
    page = client_of("jlp_commission").get(reverse("data_governance:grant_list")).content.decode()
    assert "有效" in worded_by_the_product(page)["tag"]

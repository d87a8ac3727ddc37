"""The resource page says why a named user may not use the data, with the article the export's
refusal cites (九龙坡 第十六条（二）): the page and the refused export read the same."""

from __future__ import annotations

import pytest
from django.urls import reverse

from data_governance import services

from .factories import GrantFactory

pytestmark = pytest.mark.django_db


def test_a_revoked_grants_page_names_the_article(client_of, u):
    grant = GrantFactory()
    services.grant_revoke(grant=grant, acting_user=u("jlp_commission"), reason="违反承诺")
    resource = grant.resources.first()
    page = client_of("jlp_host").get(reverse("data_governance:resource_detail", args=[resource.pk]))
    text = page.content.decode()
    assert "撤销" in text and "第十六条（二）" in text

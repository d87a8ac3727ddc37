"""The data-use request form refuses a save made from a stale version of the draft, with the
changes shown (issue 15; core/concurrency.py)."""

import html
import re

import pytest
from django.urls import reverse

from data_governance import services
from data_governance.models import UseRequest

from .test_services import draft

pytestmark = pytest.mark.django_db


def test_a_request_draft_changed_since_it_was_opened_is_not_overwritten(u, client_of):
    request = draft(u)
    client = client_of("jlp_host")
    url = reverse("data_governance:request_edit", args=[request.pk])
    page = client.get(url)
    form = page.context["form"]
    token = html.unescape(re.search(r'name="edit_token" value="([^"]+)"', page.content.decode()).group(1))
    data = {
        "centre": request.centre_id,
        "purpose_category": request.purpose_category,
        "purpose": "我改的用途",
        "starts_on": request.starts_on.isoformat(),
        "ends_on": request.ends_on.isoformat(),
        "resources": [r.pk for r in request.resources.all()],
        "users": [x.pk for x in request.users.all()],
        "edit_token": token,
    }
    assert form is not None
    services.request_save_draft(
        request=request,
        acting_user=u("jlp_host"),
        centre=request.centre,
        purpose_category=request.purpose_category,
        purpose="同事改的用途",
        starts_on=request.starts_on,
        ends_on=request.ends_on,
        users=list(request.users.all()),
        resources=list(request.resources.all()),
    )
    response = client.post(url, data)
    text = response.content.decode()
    assert response.status_code == 200 and "他人已修改了该记录" in text and "同事改的用途" in text
    assert UseRequest.objects.get(pk=request.pk).purpose == "同事改的用途"

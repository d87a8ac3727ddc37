"""The host's application form refuses a save made from a stale version of the draft, with the
changes shown (issue 15; core/concurrency.py) — on the page and on the API (If-Match)."""

import html
import re

import pytest
from django.urls import reverse

from centres.models import Application
from centres.tests.test_selection import open_call

pytestmark = pytest.mark.django_db


def token_in(page: str) -> str:
    return html.unescape(re.search(r'name="edit_token" value="([^"]+)"', page).group(1))


@pytest.fixture
def draft(jlp_centre, u, at, client_of):
    at("2026-03-02 09:00")
    call = open_call(jlp_centre, u("jlp_commission"))
    url = reverse("centres:application_edit", args=[call.pk])
    assert client_of("jlp_host").post(url, {"section_basic_information": "初稿"}).status_code == 302
    return url, Application.objects.get(call=call)


def test_a_draft_saved_by_a_colleague_meanwhile_is_not_overwritten(draft, client_of):
    url, application = draft
    mine, colleague = client_of("jlp_host"), client_of("jlp_host")
    my_token = token_in(mine.get(url).content.decode())
    their_token = token_in(colleague.get(url).content.decode())
    saved = colleague.post(
        url, {"section_basic_information": "同事补充的基本情况", "edit_token": their_token}
    )
    assert saved.status_code == 302
    response = mine.post(url, {"section_basic_information": "我写的基本情况", "edit_token": my_token})
    text = response.content.decode()
    assert response.status_code == 200 and "他人已修改了该记录" in text
    assert "我写的基本情况" in text  # kept in the form
    application.refresh_from_db()
    assert application.sections["basic_information"] == "同事补充的基本情况"
    # …and submitting (not just saving) from the stale form is refused the same way
    response = mine.post(url, {"section_basic_information": "我写的", "edit_token": my_token, "submit": "1"})
    assert "他人已修改了该记录" in response.content.decode()
    assert Application.objects.get(pk=application.pk).status == "draft"


def test_the_api_refuses_a_stale_if_match(draft, api_of, client_of):
    url, application = draft
    api = api_of("jlp_host")
    etag = api.get(f"/api/v1/centre-applications/{application.pk}/")["ETag"]
    token = token_in(client_of("jlp_host").get(url).content.decode())
    client_of("jlp_host").post(url, {"section_basic_information": "页面上改的", "edit_token": token})
    response = api.patch(
        f"/api/v1/centre-applications/{application.pk}/",
        {"justification": "接口改的"},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert response.status_code == 412 and response.json()["code"] == "stale_edit"
    assert Application.objects.get(pk=application.pk).justification != "接口改的"

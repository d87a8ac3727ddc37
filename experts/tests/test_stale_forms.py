"""The experts' edit forms refuse a submit made from a stale version of the record, with the
changes shown (issue 15; core/concurrency.py): the duty log and the expert registry, on the page
and the API (If-Match)."""

import html
import re

import pytest
from django.urls import reverse

from directory.models import Person
from experts import services
from experts.models import DutyLog, Expert

from .factories import DutyLogFactory, ExpertFactory, LibraryFactory

pytestmark = pytest.mark.django_db


def token_in(page: str, name: str = "edit_token") -> str:
    return html.unescape(re.search(rf'name="{name}" value="([^"]+)"', page).group(1))


@pytest.fixture
def log(world):
    return DutyLogFactory()  # 张建国's (jlp_expert), pending


def duty_data(log):
    return {
        "work_for": "-",
        "worked_on": log.worked_on.isoformat(),
        "kind": log.kind,
        "on_site": "1",
        "hours": str(log.hours),
        "description": log.description,
        "evidence": "",
    }


def test_a_duty_log_changed_in_another_tab_is_not_overwritten(log, client_of, user_of):
    client = client_of("jlp_expert")
    url = reverse("experts:duty_edit", args=[log.pk])
    token = token_in(client.get(url).content.decode())
    services.duty_update(log=log, acting_user=user_of("jlp_expert"), description="另一个标签页里改的")
    response = client.post(url, duty_data(log) | {"description": "我在这里改的", "edit_token": token})
    text = response.content.decode()
    assert response.status_code == 200 and "他人已修改了该记录" in text
    assert "另一个标签页里改的" in text and "我在这里改的" in text
    assert DutyLog.objects.get(pk=log.pk).description == "另一个标签页里改的"


def test_a_duty_log_patch_with_a_stale_etag_is_412(log, api_of, user_of):
    api = api_of("jlp_expert")
    etag = api.get(f"/api/v1/duty-logs/{log.pk}/")["ETag"]
    services.duty_update(log=log, acting_user=user_of("jlp_expert"), hours="4")
    response = api.patch(f"/api/v1/duty-logs/{log.pk}/", {"hours": "5"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 412 and response.json()["violations"][0]["field"] == "hours"
    assert DutyLog.objects.get(pk=log.pk).hours == 4


def test_the_registry_changed_in_another_tab_is_not_overwritten(world, client_of, user_of):
    person = Person.objects.get(name="周晓燕")
    expert = ExpertFactory(library=LibraryFactory(), person=person, level="regional")
    client = client_of("cq_expert")  # 维护我的专家档案: the expert's own registry entry
    url = reverse("experts:expert_detail", args=[expert.pk])
    page = client.get(url)
    form = page.context["registry_form"]
    data = {k: v for k, v in form.initial.items() if k in services.REGISTRY_FIELDS and v is not None}
    other_tab = "另一个标签页补充的业绩"
    services.registry_update(expert=expert, acting_user=user_of("cq_expert"), achievements=other_tab)
    token = token_in(page.content.decode())
    mine = {"action": "registry", "achievements": "这里写的业绩", "edit_token": token}
    response = client.post(url, data | mine)
    assert response.status_code == 200 and "他人已修改了该记录" in response.content.decode()
    assert Expert.objects.get(pk=expert.pk).achievements == other_tab

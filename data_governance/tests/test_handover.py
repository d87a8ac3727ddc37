"""Handover (九龙坡 第二十四条): the data items are ticked from here through the centres' service,
and the old host's people's grants end at the handover's completion."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from centres.models import Handover
from core.errors import InvalidInput, NotAllowed, WrongState
from data_governance import services
from directory.models import Institution

from .factories import CentreFactory, GrantFactory

pytestmark = pytest.mark.django_db

ITEMS = {
    "qc_data": {"label": "质控数据", "done": False, "note": ""},
    "admin_rights": {"label": "管理权限", "done": False, "note": ""},
    "hardware": {"label": "相关硬件设备设施", "done": False, "note": ""},
}


def handover(centre, status="open"):
    return Handover.objects.create(
        centre=centre,
        from_host=centre.host,
        to_host=Institution.objects.get(name="九龙坡区中医院"),
        items=dict(ITEMS),
        due_at=timezone.now() + dt.timedelta(days=30),
        status=status,
    )


def test_data_items_are_ticked_from_here_through_the_centres_service(u):
    grant = GrantFactory()
    h = handover(grant.centre)
    assert [i["code"] for i in services.handover_data_items(h)] == ["qc_data", "admin_rights"]
    services.handover_item_tick(handover=h, code="qc_data", acting_user=u("jlp_host"))
    h = Handover.objects.get(pk=h.pk)
    assert h.items["qc_data"]["done"] and grant.number in h.items["qc_data"]["note"]
    with pytest.raises(InvalidInput):  # not a data item: ticked in the centres page, not here
        services.handover_item_tick(handover=h, code="hardware", acting_user=u("jlp_host"))
    with pytest.raises(NotAllowed):
        services.handover_item_tick(handover=h, code="admin_rights", acting_user=u("jlp_auditor"))


def test_the_old_hosts_grants_end_at_completion(u):
    grant = GrantFactory()
    h = handover(grant.centre)
    with pytest.raises(WrongState):
        services.grants_end_for_handover(handover=h, acting_user=u("jlp_commission"))
    done = handover(CentreFactory(), status="signed")
    ours = GrantFactory(request__centre=done.centre)
    ended = services.grants_end_for_handover(handover=done, acting_user=u("jlp_commission"))
    assert ended == [ours]
    with pytest.raises(NotAllowed) as refused:
        services.resource_view(resource=ours.resources.get(), acting_user=u("jlp_host"))
    assert refused.value.code == "dg_grant_revoked"


def test_the_handover_page(client_of):
    grant = GrantFactory()
    handover(grant.centre)
    page = client_of("jlp_host").get(reverse("data_governance:handovers")).content.decode()
    assert "质控数据" in page and grant.number in page
    assert (
        client_of("jn_host")
        .get(reverse("data_governance:handovers"))
        .content.decode()
        .count('data-testid="handover"')
        == 0
    )

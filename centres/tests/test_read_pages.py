"""docs/security.md: the centres pages that are only read — a centre, a call, an application's file,
a leader change, a handover, the public notices — answer any method but GET and HEAD with a 405,
as the lists do (require_safe); they answered a POST with the page (200)."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from attachments.models import Attachment
from centres.models import Handover
from centres.services import lifecycle
from centres.tests.test_selection import open_call
from directory.models import Institution

pytestmark = pytest.mark.django_db


def refuses_a_post(client, url):
    assert client.get(url).status_code == 200
    assert client.post(url, {"status": "active"}).status_code == 405
    assert client.put(url).status_code == 405


def test_a_centre_a_call_and_an_applications_file_are_only_read(jlp_centre, u, complete, client_of):
    call = open_call(jlp_centre, u("jlp_commission"))
    application = complete(call, u("jlp_host"))
    attachment = Attachment.objects.alive().of(application).first()
    commission = client_of("jlp_commission")
    refuses_a_post(commission, reverse("centres:detail", args=[jlp_centre.pk]))
    refuses_a_post(commission, reverse("centres:call_detail", args=[call.pk]))
    refuses_a_post(
        client_of("jlp_host"), reverse("centres:application_file", args=[application.pk, attachment.pk])
    )
    refuses_a_post(commission, reverse("public_notices"))


def test_a_leader_change_and_a_handover_are_only_read(jlp_centre, u, at, client_of):
    from centres.tests.test_lifecycle import jlp_active

    jlp_active(jlp_centre, u, at)
    at("2026-04-01 09:00")
    change = lifecycle.leader_vacate(
        centre=jlp_centre, reason="调离", vacated_on=date(2026, 4, 1), acting_user=u("jlp_commission")
    )
    handover = Handover.objects.create(
        centre=jlp_centre,
        from_host=jlp_centre.host,
        to_host=Institution.objects.get(name="九龙坡区中医院"),
        items={},
        due_at=timezone.now(),
    )
    commission = client_of("jlp_commission")
    refuses_a_post(commission, reverse("centres:leader_change", args=[change.pk]))
    refuses_a_post(commission, reverse("centres:handover", args=[handover.pk]))
    change.refresh_from_db()
    assert change.status == "vacant"

import io

import pytest
from django.core.management import call_command

from data_governance.models import AccessLog, Grant, PublicationReview, ThirdPartyTransfer, UseRequest

pytestmark = pytest.mark.django_db


def test_the_demo_shows_every_state(world):
    from core.workflow import today

    call_command("seed_demo", stdout=io.StringIO())
    standings = sorted(g.standing(today()) for g in Grant.objects.all())
    assert standings == sorted(["有效", "已到期", "已撤销"])
    assert UseRequest.objects.filter(status="submitted").exists()
    active = next(g for g in Grant.objects.all() if g.standing(today()) == "有效")
    assert AccessLog.objects.filter(grant=active).count() >= 2
    review = PublicationReview.objects.get()
    assert review.status == "submitted" and review.hits.filter(resolution="open").count() >= 3
    assert ThirdPartyTransfer.objects.get().status == "refused"
    call_command("seed_demo", stdout=io.StringIO())   # idempotent
    assert Grant.objects.count() == 3

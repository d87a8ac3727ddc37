import io

import pytest
from django.core.management import call_command

from data_governance.models import AccessLog, Grant, PublicationReview, ThirdPartyTransfer, UseRequest

pytestmark = pytest.mark.django_db


def test_the_demo_shows_every_state(full_demo, world):
    from core.workflow import today

    standings = sorted(str(g.standing(today()).label) for g in Grant.objects.all())
    assert standings == sorted(["有效", "已到期", "已撤销"])
    assert UseRequest.objects.filter(status="submitted").exists()
    active = next(g for g in Grant.objects.all() if g.standing(today()) == "current")
    assert AccessLog.objects.filter(grant=active).count() >= 2
    review = PublicationReview.objects.get()
    assert review.status == "submitted" and review.hits.filter(resolution="open").count() >= 3
    assert ThirdPartyTransfer.objects.get().status == "refused"
    call_command("seed_demo", stdout=io.StringIO())  # idempotent
    assert Grant.objects.count() == 3


def test_every_page_renders_for_every_role_with_the_demo(full_demo, world, client_of):
    from django.urls import reverse

    from data_governance.models import DataResource

    urls = [
        reverse(f"data_governance:{n}")
        for n in (
            "resource_list",
            "request_list",
            "grant_list",
            "publication_list",
            "transfer_list",
            "handovers",
        )
    ]
    urls += [reverse("data_governance:request_detail", args=[r.pk]) for r in UseRequest.objects.all()]
    urls += [reverse("data_governance:grant_detail", args=[g.pk]) for g in Grant.objects.all()]
    urls += [
        reverse("data_governance:publication_detail", args=[p.pk]) for p in PublicationReview.objects.all()
    ]
    urls += [
        reverse("data_governance:transfer_detail", args=[t.pk]) for t in ThirdPartyTransfer.objects.all()
    ]
    urls += [reverse("data_governance:resource_detail", args=[r.pk]) for r in DataResource.objects.all()]
    for user in ("jlp_host", "jlp_commission", "jlp_qc_office", "jlp_auditor", "jlp_expert"):
        client = client_of(user)
        for url in urls:
            status = client.get(url).status_code
            assert status in (200, 404), (user, url, status)  # experts see only what names them
        assert client.get(reverse("data_governance:access_log")).status_code == 200  # within the scope
        assert client.get(reverse("data_governance:trace")).status_code == (
            403 if user in ("jlp_host", "jlp_expert") else 200
        )
    commission = client_of("jlp_commission")
    for r in DataResource.objects.all():
        assert (
            commission.get(reverse("data_governance:resource_detail", args=[r.pk]) + "?open=1").status_code
            == 200
        )


def test_revocation_and_transfer_decision_through_the_pages(full_demo, world, client_of):
    from django.urls import reverse

    from core.workflow import today

    grant = next(g for g in Grant.objects.all() if g.standing(today()) == "current")
    url = reverse("data_governance:grant_detail", args=[grant.pk])
    assert client_of("jlp_commission").post(url, {"reason": " "}).status_code == 200  # a reason is required
    assert (
        client_of("jlp_host").post(url, {"reason": "x"}).status_code == 200
    )  # shown the refusal, not revoked
    assert Grant.objects.get(pk=grant.pk).status == "active"
    assert client_of("jlp_commission").post(url, {"reason": "核查发现违规"}).status_code == 302
    assert Grant.objects.get(pk=grant.pk).status == "revoked"

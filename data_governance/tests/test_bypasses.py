"""Ways around the rules, tried and refused: a period that ran out before the decision, a step
twice or out of order, a crafted POST or API call by another institution, a change after the
decision, a manuscript swapped in after the committee and the checks (九龙坡 第十六条（二）（四）（五）)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from attachments.demo import minimal_pdf
from core.errors import InvalidInput, NotAllowed, RuleRefusal, WrongState
from data_governance import services
from data_governance.models import Grant, PublicationReview, ScanHit, UseRequest

from .factories import CentreFactory, GrantFactory, ResourceFactory, UseRequestFactory
from .test_services import docx, draft, letter, valid_id

pytestmark = pytest.mark.django_db


def _endorsed(u, **kwargs):
    request = draft(u, **kwargs)
    letter(request, u("jlp_host"))
    services.request_submit(request=request, acting_user=u("jlp_host"))
    services.request_endorse(request=request, acting_user=u("jlp_expert"), agree=True)
    return request


# --- dates -------------------------------------------------------------------------------------


def test_a_request_whose_period_ran_out_before_the_decision_is_not_granted_第十六条二(u, at):
    """Approving on 12-10 a request for 12-01..12-05 would grant a period that is over (and a grant
    that ends before it starts): refused with the date, and nothing is granted. Refusing stays open."""
    at("2026-12-01 09:00")
    request = _endorsed(u)
    UseRequest.objects.filter(pk=request.pk).update(ends_on=dt.date(2026, 12, 5))
    request = UseRequest.objects.get(pk=request.pk)
    at("2026-12-10 09:00")
    for outcome, extra in (("approve", {}), ("narrow", {"users": [u("jlp_host")], "reasons": "缩减"})):
        with pytest.raises(InvalidInput) as refused:
            services.request_decide(
                request=request,
                acting_user=u("jlp_commission"),
                outcome=outcome,
                qc_judgement="质控",
                **extra,
            )
        assert refused.value.code == "dg_period_invalid" and "2026-12-05" in refused.value.message
    assert not Grant.objects.filter(request=request).exists()
    services.request_decide(
        request=request, acting_user=u("jlp_commission"), outcome="refuse", reasons="已过期"
    )
    assert UseRequest.objects.get(pk=request.pk).status == "refused"


def test_a_narrowing_cannot_end_before_today(u, at):
    at("2026-12-01 09:00")
    request = _endorsed(u)  # 12-01 .. 12-31
    at("2026-12-15 09:00")
    with pytest.raises(InvalidInput) as refused:
        services.request_decide(
            request=request,
            acting_user=u("jlp_commission"),
            outcome="narrow",
            qc_judgement="质控",
            reasons="缩短",
            ends_on=dt.date(2026, 12, 10),
        )
    assert refused.value.code == "dg_narrowing_not_narrower"
    services.request_decide(
        request=request,
        acting_user=u("jlp_commission"),
        outcome="narrow",
        qc_judgement="质控",
        reasons="缩短",
        ends_on=dt.date(2026, 12, 20),
    )
    grant = Grant.objects.get(request=request)
    assert (grant.starts_on, grant.ends_on) == (dt.date(2026, 12, 15), dt.date(2026, 12, 20))


def test_a_grant_that_starts_later_denies_until_its_first_day(u, at):
    at("2026-12-01 09:00")
    grant = GrantFactory(starts_on=dt.date(2026, 12, 5), ends_on=dt.date(2026, 12, 9))
    resource = grant.resources.get()
    with pytest.raises(NotAllowed) as refused:
        services.resource_view(resource=resource, acting_user=u("jlp_host"))
    assert refused.value.code == "dg_grant_not_started" and "2026-12-05" in refused.value.message
    at("2026-12-05 00:01")
    assert services.resource_view(resource=resource, acting_user=u("jlp_host"))[0] == grant


def test_a_start_date_in_the_past_is_refused_at_saving_and_at_submission(u, at):
    at("2026-12-01 09:00")
    request = draft(u)  # starts 12-01
    letter(request, u("jlp_host"))
    at("2026-12-03 09:00")
    with pytest.raises(InvalidInput) as refused:
        services.request_submit(request=request, acting_user=u("jlp_host"))
    assert refused.value.code == "dg_period_invalid"


# --- twice, out of order -----------------------------------------------------------------------


def test_no_chair_step_where_the_rule_set_has_none_济南_第十五条(u):
    from accounts.models import User
    from directory.models import Institution, Jurisdiction, Person

    jinan = Jurisdiction.objects.get(code="370100")
    leader = Person.objects.get(name="马国栋")
    centre = CentreFactory(
        jurisdiction=jinan,
        body_kind="city_centre",
        host=Institution.objects.get(name="济南市中心医院"),
        leader=leader,
    )
    resource = ResourceFactory(
        jurisdiction=jinan, body_kind="city_centre", steward=u("jn_commission"), created_by=u("jn_commission")
    )
    today = timezone.localdate()
    request = services.request_save_draft(
        centre=centre,
        acting_user=u("jn_host"),
        purpose_category="indicator_analysis",
        purpose="质控指标分析",
        starts_on=today,
        ends_on=today + dt.timedelta(days=5),
        users=[u("jn_host")],
        resources=[resource],
    )
    services.request_submit(request=request, acting_user=u("jn_host"))
    chair = User.objects.filter(person=leader).first()
    if chair is not None:
        with pytest.raises(WrongState) as refused:
            services.request_endorse(request=request, acting_user=chair, agree=True)
        assert refused.value.code == "dg_no_endorsement_step"
    assert UseRequest.objects.get(pk=request.pk).status == "submitted"


def test_use_is_confirmed_over_once_and_a_revocation_once(u, api_of):
    from deadlines.services import deadline_open

    grant = GrantFactory()
    deadline_open(
        kind=services.DL_EXPIRY,
        title="到期",
        subject=grant,
        due_at=timezone.now() + dt.timedelta(days=30),
        jurisdiction=grant.centre.jurisdiction,
        acting_user=u("jlp_commission"),
    )
    services.grant_close_out(grant=grant, acting_user=u("jlp_host"))
    with pytest.raises(WrongState) as refused:
        services.grant_close_out(grant=grant, acting_user=u("jlp_host"))
    assert refused.value.code == "dg_grant_closed"
    api = api_of("jlp_commission")
    assert (
        api.post(f"/api/v1/data-grants/{grant.pk}/revoke/", {"reason": "违约"}, format="json").status_code
        == 200
    )
    assert (
        api.post(f"/api/v1/data-grants/{grant.pk}/revoke/", {"reason": "再次"}, format="json").status_code
        == 409
    )


def test_a_decided_request_cannot_be_decided_edited_or_withdrawn_again(u, client_of, api_of):
    request = _endorsed(u)
    services.request_decide(
        request=request, acting_user=u("jlp_commission"), outcome="approve", qc_judgement="质控"
    )
    api = api_of("jlp_commission")
    r = api.post(
        f"/api/v1/data-use-requests/{request.pk}/decide/",
        {"outcome": "refuse", "reasons": "改主意"},
        format="json",
    )
    assert r.status_code == 409
    assert api_of("jlp_host").post(f"/api/v1/data-use-requests/{request.pk}/withdraw/").status_code == 409
    r = client_of("jlp_host").post(
        reverse("data_governance:request_edit", args=[request.pk]),
        {"purpose": "改成别的用途", "purpose_category": "commercial"},
    )
    assert r.status_code == 302
    request = UseRequest.objects.get(pk=request.pk)
    assert request.status == "approved" and request.purpose == "季度质控指标分析"
    assert Grant.objects.filter(request=request).count() == 1


# --- crafted calls by another institution -------------------------------------------------------


def test_another_citys_hospital_reaches_nothing_by_crafted_calls(u, client_of, api_of):
    request = UseRequestFactory(submitted=True)
    draft_request = UseRequestFactory()
    grant = GrantFactory()
    api = api_of("jn_host")
    for path, body in (
        (f"/api/v1/data-use-requests/{request.pk}/endorse/", {"agree": True}),
        (f"/api/v1/data-use-requests/{draft_request.pk}/submit/", {}),
        (f"/api/v1/data-use-requests/{draft_request.pk}/withdraw/", {}),
        (f"/api/v1/data-grants/{grant.pk}/revoke/", {"reason": "x"}),
        (f"/api/v1/data-resources/{grant.resources.get().pk}/export/", {}),
    ):
        assert api.post(path, body, format="json").status_code in (403, 404), path
    page = client_of("jn_host")
    assert (
        page.post(
            reverse("data_governance:request_detail", args=[draft_request.pk]), {"action": "submit"}
        ).status_code
        == 404
    )
    assert (
        page.post(reverse("data_governance:resource_export", args=[grant.resources.get().pk])).status_code
        == 404
    )
    assert UseRequest.objects.get(pk=draft_request.pk).status == "draft"
    assert Grant.objects.get(pk=grant.pk).status == "active"


def test_the_host_cannot_take_the_chairs_or_the_commissions_step(u, api_of):
    request = UseRequestFactory(submitted=True)
    api = api_of("jlp_host")
    r = api.post(f"/api/v1/data-use-requests/{request.pk}/endorse/", {"agree": True}, format="json")
    assert r.status_code == 403
    request = UseRequestFactory(endorsed=True)
    r = api.post(
        f"/api/v1/data-use-requests/{request.pk}/decide/",
        {"outcome": "approve", "qc_judgement": "质控"},
        format="json",
    )
    assert r.status_code == 403
    assert UseRequest.objects.get(pk=request.pk).status == "endorsed"


# --- after the decision ------------------------------------------------------------------------


def test_no_generic_path_changes_the_letter_of_a_submitted_request(u, client_of, api_of):
    from django.contrib.contenttypes.models import ContentType

    request = draft(u)
    signed = letter(request, u("jlp_host"))
    services.request_submit(request=request, acting_user=u("jlp_host"))
    content_type = ContentType.objects.get_for_model(request)
    host = client_of("jlp_host")
    swap = SimpleUploadedFile("换一份.pdf", minimal_pdf(["x"]), "application/pdf")
    r = host.post(
        reverse("attachments:upload", args=[content_type.pk, request.pk]),
        {"file": swap, "kind": services.LETTER_KIND},
    )
    assert r.status_code == 403
    assert host.post(reverse("attachments:delete", args=[signed.pk]), {"reason": "换"}).status_code == 403
    r = api_of("jlp_host").post(f"/api/v1/attachments/{signed.pk}/delete/", {"reason": "换"})
    assert r.status_code == 403
    assert services.commitment_letter(request) == signed
    # the commission still reads it through the generic download
    assert (
        client_of("jlp_commission").get(reverse("attachments:download", args=[signed.pk])).status_code == 200
    )


def _publication(u):
    centre = CentreFactory()
    review = services.publication_create(
        centre=centre,
        acting_user=u("jlp_host"),
        kind="paper",
        title="季度指标分析",
        first_unit=centre.name,
        data_source="九龙坡区卫生健康委质控数据",
    )
    services.publication_manuscript_upload(
        review=review, acting_user=u("jlp_host"), file=ContentFile(docx(["无个人信息"]), name="a.docx")
    )
    services.publication_submit(review=review, acting_user=u("jlp_host"))
    services.publication_committee_decide(
        review=review, acting_user=u("jlp_expert"), agree=True, meeting="第3次会议"
    )
    for check in review.checks.all():
        services.publication_check_confirm(review=review, code=check.code, acting_user=u("jlp_expert"))
    return review


def test_a_manuscript_swapped_in_after_the_committee_goes_back_to_it_第十六条四(u):
    """The committee agreed to text A and the checks were confirmed on it; uploading text B (even
    through this app, scanned and clean) sends B to the committee and asks for the checks again."""
    review = _publication(u)
    services.publication_manuscript_upload(
        review=review, acting_user=u("jlp_host"), file=ContentFile(docx(["另一版本"]), name="b.docx")
    )
    review = PublicationReview.objects.get(pk=review.pk)
    assert review.status == "submitted"
    assert not review.checks.filter(confirmed=True).exists()
    with pytest.raises(RuleRefusal) as refused:
        services.publication_decide(review=review, acting_user=u("jlp_commission"), approve=True)
    assert refused.value.code == "dg_committee_required"
    assert refused.value.violations[0].article == "第十六条（四）"
    assert services.pending_deadlines(review)[0].kind == services.DL_COMMITTEE


def test_personal_data_found_in_a_new_version_blocks_the_approval(u):
    review = _publication(u)
    services.publication_manuscript_upload(
        review=review,
        acting_user=u("jlp_host"),
        file=ContentFile(docx([f"患者身份证 {valid_id()}"]), name="c.docx"),
    )
    services.publication_committee_decide(
        review=review, acting_user=u("jlp_expert"), agree=True, meeting="第4次会议"
    )
    for check in review.checks.all():
        services.publication_check_confirm(review=review, code=check.code, acting_user=u("jlp_expert"))
    with pytest.raises(InvalidInput) as refused:
        services.publication_decide(review=review, acting_user=u("jlp_commission"), approve=True)
    assert refused.value.code == "dg_scan_hits_open"
    hit = review.hits.get()
    services.publication_hit_resolve(hit=hit, resolution="confirmed", acting_user=u("jlp_expert"))
    with pytest.raises(InvalidInput) as refused:
        services.publication_decide(review=review, acting_user=u("jlp_commission"), approve=True)
    assert refused.value.code == "dg_scan_hits_confirmed"


def test_after_the_decision_nothing_about_the_publication_changes(u, client_of):
    from django.contrib.contenttypes.models import ContentType

    from attachments.services import attachment_store

    review = _publication(u)
    ScanHit.objects.create(
        review=review, kind="name", text="张*国", location="第1段", resolution="cleared", note="作者"
    )
    services.publication_decide(review=review, acting_user=u("jlp_commission"), approve=True)
    review = PublicationReview.objects.get(pk=review.pk)
    with pytest.raises(WrongState):
        services.publication_manuscript_upload(
            review=review, acting_user=u("jlp_host"), file=ContentFile(docx(["换稿"]), name="d.docx")
        )
    with pytest.raises(PermissionDenied):
        attachment_store(
            file=ContentFile(docx(["换稿"]), name="d.docx"),
            kind=services.MANUSCRIPT_KIND,
            subject=review,
            acting_user=u("jlp_host"),
        )
    content_type = ContentType.objects.get_for_model(review)
    r = client_of("jlp_host").post(
        reverse("attachments:upload", args=[content_type.pk, review.pk]),
        {"file": SimpleUploadedFile("d.pdf", minimal_pdf(["x"]), "application/pdf"), "kind": "other"},
    )
    assert r.status_code == 403
    hit = ScanHit.objects.create(review=review, kind="mobile", text="138****0000", location="第2段")
    with pytest.raises(WrongState):
        services.publication_hit_resolve(hit=hit, resolution="cleared", note="x", acting_user=u("jlp_expert"))
    with pytest.raises(WrongState):
        services.publication_check_confirm(
            review=review, code=review.checks.first().code, acting_user=u("jlp_commission")
        )

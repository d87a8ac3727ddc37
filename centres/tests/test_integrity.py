"""Issue 8: every way around the rules of the host selection is closed — through the service, the
API and a crafted POST alike — and each defect found in the walk has a test that failed before its
fix. Each test names the article or the defect it checks."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.urls import reverse

from attachments.demo import minimal_pdf
from attachments.models import Attachment
from attachments.services import attachment_delete, attachment_store
from centres.models import Application, Objection, SelectionCall
from centres.services import selection as services
from centres.tests.test_selection import open_call, through_review
from core.errors import RuleRefusal, WrongState
from directory.models import Person

pytestmark = pytest.mark.django_db

API = "/api/v1"


def ok(response, status=200):
    assert response.status_code == status, (response.status_code, response.content.decode()[:500])
    return response.json() if response.content else None


@pytest.fixture
def selected_call(jlp_centre, u, complete, at):
    """九龙坡: a call whose host has been chosen on 2 March 2026, waiting for its public notice."""
    at("2026-03-02 09:00")
    call = open_call(jlp_centre, u("jlp_commission"))
    application, _ = through_review(call, u, complete, at)
    services.call_select(
        call=call, application=application, reasons="综合实力最强", acting_user=u("jlp_commission")
    )
    call.refresh_from_db()
    return call


# --- 1. a back-dated public notice -------------------------------------------------------------


def test_notice_may_not_start_before_it_is_published_jiulongpo_7_5(selected_call, u, at):
    """九龙坡 第七条（五）: the public gets the full working days — a notice started yesterday is refused."""
    at("2026-03-04 10:00")
    with pytest.raises(RuleRefusal) as refused:
        services.notice_publish(
            call=selected_call, starts_on=date(2026, 3, 2), working_days=5, acting_user=u("jlp_commission")
        )
    [v] = refused.value.violations
    assert v.article == "第七条（五）" and "2026-03-04" in v.message
    selected_call.refresh_from_db()
    assert selected_call.status == SelectionCall.Status.SELECTED and not hasattr(selected_call, "notice")
    notice = services.notice_publish(
        call=selected_call, starts_on=date(2026, 3, 4), working_days=5, acting_user=u("jlp_commission")
    )
    assert notice.ends_on == date(2026, 3, 10)


def test_back_dated_notice_is_refused_by_the_api_and_a_crafted_post(selected_call, api_of, client_of, at):
    """九龙坡 第七条（五）, through the API and the page."""
    at("2026-03-04 10:00")
    body = ok(
        api_of("jlp_commission").post(
            f"{API}/selection-calls/{selected_call.pk}/notice/",
            {"starts_on": "2026-03-01", "working_days": 5},
            format="json",
        ),
        400,
    )
    assert body["violations"][0]["article"] == "第七条（五）"
    response = client_of("jlp_commission").post(
        reverse("centres:notice_publish", args=[selected_call.pk]),
        {"starts_on": "2026-03-01", "working_days": 5, "body": "", "confirmed": "1"},
    )
    assert response.status_code == 200 and "第七条（五）" in response.content.decode()
    selected_call.refresh_from_db()
    assert selected_call.status == SelectionCall.Status.SELECTED


# --- 2. closing a call before its deadline -------------------------------------------------------


def test_early_close_needs_a_reason_and_tells_the_drafters(jlp_centre, u, complete, at):
    """Closing before the published deadline (2026-03-20 17:00) shuts hospitals out: a reason is
    recorded and whoever has a draft is told (their 待办 says so)."""
    at("2026-03-02 09:00")
    call = open_call(jlp_centre, u("jlp_commission"))
    complete(call, u("jlp_host"))  # a draft, not submitted
    with pytest.raises(WrongState) as refused:
        services.call_close_applications(call=call, acting_user=u("jlp_qc_office"))
    assert refused.value.code == "reason_required" and "2026-03-20 17:00" in refused.value.message
    services.call_close_applications(call=call, acting_user=u("jlp_qc_office"), reason="申请单位申请撤回")
    call.refresh_from_db()
    assert call.status == SelectionCall.Status.REVIEWING and call.closing_reason == "申请单位申请撤回"
    entry = call.centre.timeline.get(kind="call_closed")
    assert "提前截止" in entry.title and entry.detail["drafts_told"] == 1
    from core.todos import todos_for

    titles = [t.title for t in todos_for(u("jlp_host"))]
    assert any("申报已提前截止" in t and "申请单位申请撤回" in t for t in titles), titles
    assert not any(t.startswith("完成并提交申请") for t in titles)


def test_close_after_the_deadline_needs_no_reason(jlp_centre, u, at):
    at("2026-03-02 09:00")
    call = open_call(jlp_centre, u("jlp_commission"))
    at("2026-03-20 17:01")
    services.call_close_applications(call=call, acting_user=u("jlp_qc_office"))
    assert call.status == SelectionCall.Status.REVIEWING


def test_early_close_without_reason_is_refused_by_api_and_page(jlp_centre, u, api_of, client_of, at):
    at("2026-03-02 09:00")
    call = open_call(jlp_centre, u("jlp_commission"))
    assert (
        ok(api_of("jlp_qc_office").post(f"{API}/selection-calls/{call.pk}/close/", {}, format="json"), 409)[
            "code"
        ]
        == "reason_required"
    )
    response = client_of("jlp_qc_office").post(
        reverse("centres:call_close", args=[call.pk]), {"confirmed": "1"}
    )
    assert response.status_code == 200 and "请填写提前截止的理由" in response.content.decode()
    call.refresh_from_db()
    assert call.status == SelectionCall.Status.OPEN
    ok(
        api_of("jlp_qc_office").post(
            f"{API}/selection-calls/{call.pk}/close/", {"reason": "无单位申报"}, format="json"
        )
    )


# --- 3. a submitted application's attachments are locked --------------------------------------------


def test_submitted_application_attachments_cannot_change(jlp_centre, u, complete, at, api_of):
    """申请已提交并锁定: its attachments are part of the locked version, for the host and for staff."""
    at("2026-03-02 09:00")
    call = open_call(jlp_centre, u("jlp_commission"))
    application = complete(call, u("jlp_host"))
    services.application_submit(application=application, acting_user=u("jlp_host"))
    existing = Attachment.objects.alive().of(application).first()
    for user in ("jlp_host", "jlp_commission", "jlp_qc_office"):
        with pytest.raises(PermissionDenied):
            attachment_store(
                file=ContentFile(minimal_pdf(["x"]), name="补充.pdf"),
                kind="application_form",
                subject=application,
                acting_user=u(user),
            )
        with pytest.raises(PermissionDenied):
            attachment_delete(attachment=existing, acting_user=u(user), reason="换一份")
    from django.core.files.uploadedfile import SimpleUploadedFile

    body = ok(
        api_of("jlp_host").post(
            f"{API}/attachments/",
            {
                "file": SimpleUploadedFile("补充.pdf", minimal_pdf(["x"])),
                "kind": "application_form",
                "subject_type": "centres.application",
                "subject_id": application.pk,
            },
            format="multipart",
        ),
        403,
    )
    assert "已提交" in body["message"]
    assert Attachment.objects.alive().of(application).count() == 2


# --- 5. selection waits for every reviewer ------------------------------------------------------------


def test_selection_waits_for_every_assigned_reviewer_jiulongpo_7_2(jlp_centre, u, complete, at):
    """九龙坡 第七条（二）: every assigned, non-recused reviewer scores, or why one did not is recorded."""
    at("2026-03-02 09:00")
    call = open_call(jlp_centre, u("jlp_commission"))
    application, _ = through_review(call, u, complete, at)  # 陈静 scored
    colleague = (
        Person.objects.exclude(employer=application.institution)
        .exclude(name="陈静")
        .filter(employer__jurisdiction=jlp_centre.jurisdiction)
        .first()
    )
    second = services.panel_add(call=call, person=colleague, acting_user=u("jlp_qc_office"))
    assert not second.recused
    with pytest.raises(RuleRefusal) as refused:
        services.call_select(
            call=call, application=application, reasons="综合实力最强", acting_user=u("jlp_commission")
        )
    [v] = refused.value.violations
    assert v.article == "第七条（二）" and second.person.name in v.message
    services.call_select(
        call=call,
        application=application,
        reasons="综合实力最强",
        acting_user=u("jlp_commission"),
        missing_scores_reason=f"{second.person.name}因病未能参加答辩",
    )
    assert call.status == SelectionCall.Status.SELECTED
    entry = call.centre.timeline.get(kind="selected")
    assert "因病未能参加答辩" in entry.detail["missing_scores_reason"]


def test_totals_are_shown_as_numbers_people_read(jlp_centre, u, complete, at, client_of):
    at("2026-03-02 09:00")
    call = open_call(jlp_centre, u("jlp_commission"))
    through_review(call, u, complete, at)
    [(application, total)] = services.ranking(call)
    assert str(total) == "85.0"
    page = client_of("jlp_commission").get(reverse("centres:call_detail", args=[call.pk])).content.decode()
    assert "85.0" in page and "85.0000" not in page


# --- 6. an objection is decided once --------------------------------------------------------------------


def test_an_upheld_objection_cannot_be_dismissed_afterwards(selected_call, u, at, api_of):
    """Handling an objection is a state machine: open → upheld | dismissed, final."""
    notice = services.notice_publish(
        call=selected_call, starts_on=date(2026, 3, 2), working_days=5, acting_user=u("jlp_commission")
    )
    objection = services.objection_lodge(
        notice=notice, name="王某", contact="13800000000", content="资历不符"
    )
    services.objection_handle(
        objection=objection, handling="upheld", note="经核实成立", acting_user=u("jlp_commission")
    )
    with pytest.raises(WrongState) as refused:
        services.objection_handle(
            objection=objection, handling="dismissed", note="改判", acting_user=u("jlp_commission")
        )
    assert refused.value.code == "wrong_state"
    assert (
        ok(
            api_of("jlp_commission").post(
                f"{API}/objections/{objection.pk}/handle/",
                {"handling": "dismissed", "note": "改判"},
                format="json",
            ),
            409,
        )["code"]
        == "wrong_state"
    )
    objection.refresh_from_db()
    assert objection.handling == Objection.Handling.UPHELD
    at("2026-03-10 09:00")
    with pytest.raises(WrongState):
        services.centre_establish(call=selected_call, acting_user=u("jlp_commission"))


def test_hosting_term_status_is_a_declared_state_machine():
    from django_fsm import FSMField

    from centres.models import HostingTerm

    field = HostingTerm._meta.get_field("status")
    assert isinstance(field, FSMField) and field.protected
    assert {(t.source, t.target) for t in field.get_all_transitions(HostingTerm)} == {
        ("active", "ended"),
        ("active", "terminated"),
    }


# --- 7. every record shows its state after each step ---------------------------------------------------


def test_the_selected_application_is_appointed_at_establishment(selected_call, u, at):
    services.notice_publish(
        call=selected_call, starts_on=date(2026, 3, 2), working_days=5, acting_user=u("jlp_commission")
    )
    at("2026-03-09 09:00")
    services.centre_establish(call=selected_call, acting_user=u("jlp_commission"))
    selected_call.selected_application.refresh_from_db()
    assert selected_call.selected_application.status == Application.Status.APPOINTED


# --- 9. ids the API must scope ----------------------------------------------------------------------


@pytest.fixture
def jlp_active_centre(jlp_centre, u, at):
    from centres.tests.test_lifecycle import jlp_active

    jlp_active(jlp_centre, u, at)
    return jlp_centre


def test_a_host_nominates_only_its_own_staff(jlp_active_centre, u, at, api_of):
    """九龙坡 第十一条（三）/ issue 15 item 1: a doctor of a 河南 hospital is not the host's to nominate."""
    from centres.services import lifecycle

    at("2026-04-01 09:00")
    change = lifecycle.leader_vacate(
        centre=jlp_active_centre, reason="调离", vacated_on=date(2026, 4, 1), acting_user=u("jlp_commission")
    )
    stranger = Person.objects.filter(employer__jurisdiction__path__startswith="410000/").first()
    assert stranger is not None
    body = ok(
        api_of("jlp_host").post(
            f"{API}/leader-changes/{change.pk}/nominate/", {"person": stranger.pk}, format="json"
        ),
        400,
    )
    assert body["violations"][0]["field"] == "person"
    with pytest.raises(WrongState) as refused:
        lifecycle.leader_nominate(change=change, person=stranger, acting_user=u("jlp_host"))
    assert refused.value.code == "leader_not_staff"
    change.refresh_from_db()
    assert change.status == "vacant" and change.new_leader_id is None


def test_a_handover_goes_only_to_an_institution_of_the_centres_jurisdiction(jlp_active_centre, u, at, api_of):
    from centres.services import lifecycle
    from directory.models import Institution

    henan = Institution.objects.filter(jurisdiction__path__startswith="410000/").first()
    body = ok(
        api_of("jlp_commission").post(
            f"{API}/centres/{jlp_active_centre.pk}/handover/", {"to_host": henan.pk}, format="json"
        ),
        400,
    )
    assert body["violations"][0]["field"] == "to_host"
    with pytest.raises(WrongState) as refused:
        lifecycle.handover_open(
            centre=jlp_active_centre,
            from_host=jlp_active_centre.host,
            to_host=henan,
            acting_user=u("jlp_commission"),
        )
    assert refused.value.code == "host_out_of_scope"


def test_admin_for_bans_and_incidents_is_read_only(world, u):
    from django.contrib.admin.sites import site
    from django.test import RequestFactory

    from centres.models import Ban, QualityIncident

    request = RequestFactory().get("/admin/")
    request.user = u("admin")
    for model in (Ban, QualityIncident):
        admin = site._registry[model]
        assert not admin.has_add_permission(request)
        assert not admin.has_change_permission(request)
        assert not admin.has_delete_permission(request)


# --- issue 15: a proper page, 404 before 403, the public objection form's limits ---------------------------


def test_term_decision_page_for_a_term_without_an_end_date(world, u, at, client_of):
    """青浦/河南 set no cycle: the term has no end date, and its decision page says so (no 500)."""
    at("2026-03-02 09:00")
    from centres.models import Specialty
    from directory.models import Institution, Jurisdiction

    centre = services.centre_create(
        jurisdiction=Jurisdiction.objects.get(code="310118"),
        body_kind="qc_group",
        specialty=Specialty.objects.create(name="急诊医学"),
        name="青浦区急诊医学质控组",
        acting_user=u("qp_commission"),
    )
    call = services.call_publish(
        centre=centre,
        title="指定",
        method="designation",
        designation_reason="实力最强",
        acting_user=u("qp_commission"),
    )
    services.designation_record(
        call=call,
        institution=Institution.objects.get(name="青浦区中心医院"),
        leader=Person.objects.get(name="徐明"),
        reasons="实力最强",
        acting_user=u("qp_commission"),
    )
    term = services.centre_establish(call=call, acting_user=u("qp_commission"))
    assert term.ends_on is None
    response = client_of("qp_commission").get(reverse("centres:term_decision", args=[term.pk]))
    assert response.status_code == 200
    assert "未规定挂靠周期" in response.content.decode()


def test_ranking_is_404_out_of_scope_and_403_for_a_visible_call(jlp_centre, u, at, api_of):
    at("2026-03-02 09:00")
    call = open_call(jlp_centre, u("jlp_commission"))
    url = f"{API}/selection-calls/{call.pk}/ranking/"
    assert api_of("jlp_qc_office").get(url).status_code == 200
    assert api_of("jlp_host").get(url).status_code == 403  # sees the published call, may not rank
    assert api_of("jlp_auditor").get(url).status_code == 403  # sees it in its jurisdiction, may not rank
    assert api_of("cq_commission").get(url).status_code == 200  # the city office oversees the district's
    for stranger in (
        "hn_commission",
        "jn_commission",
        "jn_host",
        "qp_commission",
        "jlp_expert",
        "jlp_reviewer",
    ):
        assert api_of(stranger).get(url).status_code == 404, stranger
    services.panel_add(call=call, person=u("jlp_reviewer").person, acting_user=u("jlp_qc_office"))
    assert api_of("jlp_reviewer").get(url).status_code == 403  # on the panel: sees the call, not the ranking


@pytest.fixture
def open_notice(selected_call, u):
    return services.notice_publish(
        call=selected_call, starts_on=date(2026, 3, 2), working_days=5, acting_user=u("jlp_commission")
    )


def test_objections_are_limited_per_address(open_notice, settings):
    from rest_framework.test import APIClient

    public = APIClient(REMOTE_ADDR="203.0.113.9")
    url = f"{API}/public-notices/{open_notice.pk}/objection/"
    settings.CENTRES_OBJECTIONS_PER_ADDRESS = limit = 3
    for n in range(limit):
        ok(
            public.post(
                url, {"name": f"市民{n}", "contact": "13800000000", "content": f"异议{n}"}, format="json"
            ),
            201,
        )
    body = ok(
        public.post(url, {"name": "市民X", "contact": "13800000000", "content": "再一条"}, format="json"), 429
    )
    assert "过于频繁" in body["message"] or "已达上限" in body["message"]
    assert Objection.objects.filter(notice=open_notice).count() == limit
    # the page says it too, and keeps what was typed
    from django.test import Client

    page = Client(REMOTE_ADDR="203.0.113.9").post(
        reverse("public_notice", args=[open_notice.pk]),
        {"name": "市民Y", "contact": "13900000000", "content": "页面上的异议"},
    )
    text = page.content.decode()
    assert page.status_code == 200 and "已达上限" in text and "页面上的异议" in text


def test_objections_refuse_exact_duplicates_and_long_text(open_notice):
    from rest_framework.test import APIClient

    public = APIClient(REMOTE_ADDR="203.0.113.10")
    url = f"{API}/public-notices/{open_notice.pk}/objection/"
    data = {"name": "市民王某", "contact": "13800000000", "content": "对负责人资历有疑问"}
    ok(public.post(url, data, format="json"), 201)
    assert (
        ok(APIClient(REMOTE_ADDR="203.0.113.11").post(url, data, format="json"), 409)["code"] == "duplicate"
    )
    body = ok(public.post(url, {**data, "content": "长" * 5001}, format="json"), 400)
    assert body["violations"][0]["field"] == "content"
    assert Objection.objects.filter(notice=open_notice).count() == 1


def test_objections_are_limited_per_notice(open_notice, settings):
    from rest_framework.test import APIClient

    settings.CENTRES_OBJECTIONS_PER_NOTICE = 3
    url = f"{API}/public-notices/{open_notice.pk}/objection/"
    for n in range(3):
        ok(
            APIClient(REMOTE_ADDR=f"198.51.100.{n}").post(
                url, {"name": f"市民{n}", "contact": "1", "content": f"{n}"}, format="json"
            ),
            201,
        )
    body = ok(
        APIClient(REMOTE_ADDR="198.51.100.99").post(
            url, {"name": "x", "contact": "1", "content": "x"}, format="json"
        ),
        429,
    )
    assert "已达上限" in body["message"]


def test_the_public_never_sees_another_objectors_contact(open_notice, client):
    services.objection_lodge(notice=open_notice, name="王某", contact="13812345678", content="资历不符")
    from rest_framework.test import APIClient

    body = APIClient().get(f"{API}/public-notices/{open_notice.pk}/").content.decode()
    page = client.get(reverse("public_notice", args=[open_notice.pk])).content.decode()
    for text in (body, page):
        assert "13812345678" not in text and "王某" not in text


# --- 4. the reviewer sees what they review --------------------------------------------------------------


def test_the_reviewer_sees_the_application_its_files_and_the_criteria(jlp_centre, u, complete, at, client_of):
    """A reviewer's 待办 leads to the application; the page shows its two files (downloadable), the
    criteria of 九龙坡 第六条 and the scale; no link to the centre the reviewer may not see."""
    at("2026-03-02 09:00")
    call = open_call(jlp_centre, u("jlp_commission"))
    application, seat = through_review(call, u, complete, at, score=False)
    reviewer = u("jlp_reviewer")
    assert seat.person_id == reviewer.person_id
    from core.todos import todos_for

    [todo] = [t for t in todos_for(reviewer) if t.title.startswith("评分：")]
    assert todo.url == reverse("centres:application_detail", args=[application.pk])
    client = client_of("jlp_reviewer")
    page = client.get(todo.url).content.decode()
    assert "暂无附件" not in page and page.count('data-testid="attachment-download"') == 2
    assert "具备完善的质控体系和良好的质量管理成效" in page and "第六条" in page and "0–100" in page
    assert reverse("centres:detail", args=[jlp_centre.pk]) not in page  # the reviewer may not see the centre
    file = Attachment.objects.alive().of(application).first()
    download = client.get(reverse("centres:application_file", args=[application.pk, file.pk]))
    assert download.status_code == 200
    call_page = client.get(reverse("centres:call_detail", args=[call.pk])).content.decode()
    assert reverse("centres:detail", args=[jlp_centre.pk]) not in call_page
    # a stranger gets neither the page nor the file
    assert (
        client_of("jn_commission")
        .get(reverse("centres:application_file", args=[application.pk, file.pk]))
        .status_code
        == 404
    )
    # scoring each criterion from the page; the 待办 entry goes once every criterion is scored
    from centres import selectors

    for criterion, _ in selectors.review_criteria(services.ruleset_for(jlp_centre)):
        response = client.post(
            reverse("centres:score", args=[application.pk]), {"criterion": criterion, "score": "80.5"}
        )
        assert response.status_code == 302
    assert not [t for t in todos_for(reviewer) if t.title.startswith("评分：")]


# --- 8. a form is offered only to whoever may use it; one rule per action --------------------------------


def test_a_host_is_not_offered_the_form_to_set_up_a_centre(world, client_of):
    page = client_of("jlp_host").get(reverse("centres:list")).content.decode()
    assert reverse("centres:create") not in page
    assert client_of("jlp_host").get(reverse("centres:create")).status_code == 403
    assert client_of("jlp_host").post(reverse("centres:create"), {"name": "x"}).status_code == 403
    assert client_of("jlp_commission").get(reverse("centres:create")).status_code == 200


def test_a_city_commission_oversees_a_district_centre_but_does_not_act_for_it(
    selected_call, u, client_of, api_of
):
    """The rule of core.policies, shared with the documents app: 重庆市卫健委 sees 九龙坡's call, is
    offered no 发布公示, and the service and the API refuse it alike (403)."""
    page = client_of("cq_commission").get(reverse("centres:call_detail", args=[selected_call.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert reverse("centres:notice_publish", args=[selected_call.pk]) not in text
    from core.errors import NotAllowed

    with pytest.raises(NotAllowed):
        services.notice_publish(
            call=selected_call, starts_on=date(2026, 3, 2), working_days=5, acting_user=u("cq_commission")
        )
    assert (
        api_of("cq_commission")
        .post(
            f"{API}/selection-calls/{selected_call.pk}/notice/",
            {"starts_on": "2026-03-02", "working_days": 5},
            format="json",
        )
        .status_code
        == 403
    )
    assert (
        reverse("centres:notice_publish", args=[selected_call.pk])
        in client_of("jlp_commission")
        .get(reverse("centres:call_detail", args=[selected_call.pk]))
        .content.decode()
    )


# --- issue 9: the app's error codes are listed, and no private helper crosses a module --------------------


def test_every_code_the_centres_app_raises_is_listed():
    import re
    from pathlib import Path

    from centres import error_codes

    source = Path(error_codes.__file__).parent
    used = set()
    # every module but the tests, the migrations and export_specs.py (whose ``code=`` names a list)
    modules = [
        p
        for p in source.rglob("*.py")
        if not {"tests", "migrations"} & set(p.parts) and p.name != "export_specs.py"
    ]
    assert len(modules) > 10  # services/, views/, api/, forms/ and the modules beside them
    for path in modules:
        # DRF's own field-error codes (ErrorDetail) are the serializer's, not the app's
        text = "\n".join(line for line in path.read_text().splitlines() if "ErrorDetail(" not in line)
        used |= set(re.findall(r'code="([a-z_]+)"', text))
        used |= set(re.findall(r'(?:WrongState|NotAllowed|InvalidInput|NotFoundInScope)\("([a-z_]+)"', text))
        used |= {getattr(error_codes, name) for name in re.findall(r"\bcodes\.([A-Z_]+)\b", text)}
    assert used - error_codes.ALL == set()
    assert "reasons_required" not in error_codes.ALL  # one code per meaning


def test_no_private_helper_is_imported_across_modules():
    import re
    from pathlib import Path

    import centres

    for path in Path(centres.__file__).parent.rglob("*.py"):
        assert not re.search(r"^from \S+ import .*\b_[a-z]", path.read_text(), re.M), path


def test_a_missing_section_is_shown_beside_it_once_and_nothing_typed_is_lost(jlp_centre, u, at, client_of):
    """九龙坡 第七条（三）: the required sections are marked *, and submitting without one says so
    beside that section only, keeping what was typed as the draft."""
    at("2026-03-02 09:00")
    call = open_call(jlp_centre, u("jlp_commission"))
    client = client_of("jlp_host")
    url = reverse("centres:application_edit", args=[call.pk])
    page = client.get(url).content.decode()
    assert page.count('aria-required="true"') == 6 and page.count('class="required"') >= 6
    response = client.post(url, {"section_basic_information": "本院为二级甲等综合医院。", "submit": "1"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "本院为二级甲等综合医院。" in text
    assert text.count("申请材料应包括此项") == 5  # each of the five empty sections, once
    assert "申请材料应包括“" not in text  # not repeated in the rule box
    application = Application.objects.get(call=call, institution=u("jlp_host").institution)
    assert (
        application.status == "draft"
        and application.sections["basic_information"] == "本院为二级甲等综合医院。"
    )


def test_a_call_cannot_be_published_with_a_deadline_already_past(jlp_centre, u, at, api_of):
    """Published with yesterday's deadline, a call would close at once with no reason recorded."""
    from datetime import datetime

    from django.utils import timezone

    from core.errors import InvalidInput

    at("2026-03-02 09:00")
    with pytest.raises(InvalidInput) as refused:
        services.call_publish(
            centre=jlp_centre,
            title="遴选公告",
            method="selection",
            acting_user=u("jlp_commission"),
            application_deadline=timezone.make_aware(datetime(2026, 3, 1, 17, 0)),
        )
    assert refused.value.code == "deadline_passed" and "2026-03-01 17:00" in refused.value.message
    body = ok(
        api_of("jlp_commission").post(
            f"{API}/selection-calls/",
            {
                "centre": jlp_centre.pk,
                "method": "selection",
                "title": "遴选公告",
                "application_deadline": "2026-03-01T17:00:00+08:00",
            },
            format="json",
        ),
        400,
    )
    assert body["code"] == "deadline_passed"
    assert not SelectionCall.objects.filter(centre=jlp_centre).exists()

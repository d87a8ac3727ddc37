"""The centres API: host selection under 九龙坡 from a new centre to an active one, through the
API alone; the same refusals as the services (400 with the article, 409 for a step out of order,
403 for the wrong person, 404 outside the user's scope); a permission table for every endpoint;
list endpoints in a fixed number of queries."""

from datetime import date, datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import User
from attachments.demo import minimal_pdf
from centres.models import Application, Centre, Specialty
from centres.services import selection as services
from directory.models import Institution, Jurisdiction, Person
from rulesets.registry import get_ruleset

pytestmark = pytest.mark.django_db

API = "/api/v1"
DEADLINE = "2026-03-20T17:00:00+08:00"


def ok(response, status=200):
    assert response.status_code == status, (response.status_code, response.content.decode())
    return response.json() if response.content else None


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def publish_call(commission, centre_id):
    return ok(
        commission.post(
            f"{API}/selection-calls/",
            {
                "centre": centre_id,
                "method": "selection",
                "title": "九龙坡区心血管内科医疗质量控制中心挂靠单位遴选公告",
                "conditions": "二级及以上医疗机构",
                "application_deadline": DEADLINE,
            },
            format="json",
        ),
        201,
    )


def apply_through_api(host, call, leader: Person):
    """A host user fills every section of the rule set, names the leader and uploads every file."""
    ruleset = get_ruleset(call["ruleset_code"])
    sections = {
        item.code: f"{item.label}：详见附件。" for item in ruleset.value("application.required_sections")
    }
    application = ok(
        host.post(
            f"{API}/centre-applications/",
            {"call": call["id"], "sections": sections, "proposed_leader": leader.pk},
            format="json",
        ),
        201,
    )
    for item in ruleset.value("application.required_attachments"):
        ok(
            host.post(
                f"{API}/attachments/",
                {
                    "file": SimpleUploadedFile(
                        f"{item.label}.pdf", minimal_pdf([item.code], title=item.label)
                    ),
                    "kind": item.code,
                    "subject_type": "centres.application",
                    "subject_id": application["id"],
                },
                format="multipart",
            ),
            201,
        )
    return application


@pytest.fixture
def jlp():
    return Jurisdiction.objects.get(code="500107")


@pytest.fixture
def new_centre(world, api_of, jlp, at, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    at("2026-03-01 09:00")
    return ok(
        api_of("jlp_commission").post(
            f"{API}/centres/",
            {
                "jurisdiction": jlp.pk,
                "body_kind": "district_centre",
                "specialty": "心血管内科",
                "name": "九龙坡区心血管内科医疗质量控制中心",
            },
            format="json",
        ),
        201,
    )


@pytest.fixture
def chen_jing():
    """陈静 (九龙坡区中医院), the demo's reviewer, with her login, to sit on the panel."""
    return User.objects.get(username="jlp_reviewer", person__name="陈静")


# --- the whole path ------------------------------------------------------------------------------


def test_jiulongpo_from_a_new_centre_to_an_active_one_through_the_api(new_centre, api_of, at, chen_jing):
    commission, office, host = api_of("jlp_commission"), api_of("jlp_qc_office"), api_of("jlp_host")
    expert, public = client_for(chen_jing), APIClient()
    assert new_centre["status"] == "preparing" and new_centre["specialty_name"] == "心血管内科"

    at("2026-03-02 09:00")  # 第七条（一）: the commission publishes the call
    call = publish_call(commission, new_centre["id"])
    assert (call["status"], call["method"], call["published_at"] is not None) == ("open", "selection", True)
    assert ok(host.get(f"{API}/selection-calls/"))["results"][0]["id"] == call["id"]  # hospitals below see it

    # 第七条（三）: the host fills the application; the eligibility check shows what is missing
    draft = ok(
        host.post(f"{API}/centre-applications/", {"call": call["id"], "sections": {}}, format="json"), 201
    )
    assert draft["status"] == "draft" and draft["violations"]
    application = apply_through_api(host, call, Person.objects.get(name="张建国"))
    assert application["id"] == draft["id"]  # one application per institution and call: the draft continued
    application = ok(host.get(f"{API}/centre-applications/{draft['id']}/"))
    assert application["violations"] == [] and application["proposed_leader_name"] == "张建国"
    submitted = ok(host.post(f"{API}/centre-applications/{draft['id']}/submit/"))
    assert submitted["status"] == "submitted" and submitted["submitted_at"]
    assert (
        ok(
            host.patch(f"{API}/centre-applications/{draft['id']}/", {"justification": "x"}, format="json"),
            409,
        )["code"]
        == "locked"
    )

    # 第十八条（1）: the office reviews first, closes applications, forms the panel
    review = ok(
        office.post(
            f"{API}/centre-applications/{draft['id']}/preliminary-review/",
            {"outcome": "passed"},
            format="json",
        ),
        201,
    )
    assert review["outcome"] == "passed"
    assert (
        ok(
            office.post(
                f"{API}/selection-calls/{call['id']}/close/", {"reason": "申请单位均已提交"}, format="json"
            )
        )["status"]
        == "reviewing"
    )
    member = ok(
        office.post(
            f"{API}/panel-members/", {"call": call["id"], "person": chen_jing.person_id}, format="json"
        ),
        201,
    )
    assert member["recused"] is False
    colleague = ok(
        office.post(
            f"{API}/panel-members/",
            {"call": call["id"], "person": Person.objects.get(name="李秀英").pk},
            format="json",
        ),
        201,
    )
    assert (
        colleague["recused"] and "九龙坡区人民医院" in colleague["recusal_reason"]
    )  # employed by the applicant

    # 评审答辩: the reviewer scores, the office ranks
    score = ok(
        expert.post(
            f"{API}/review-scores/",
            {"application": draft["id"], "criterion": "综合实力", "score": "88.5"},
            format="json",
        ),
        201,
    )
    assert Decimal(score["score"]) == Decimal("88.5")
    ranking = ok(office.get(f"{API}/selection-calls/{call['id']}/ranking/"))
    assert [(r["rank"], r["application"], Decimal(r["total"])) for r in ranking] == [
        (1, draft["id"], Decimal("88.5"))
    ]

    # 第七条（四）: the commission selects with reasons; （五）: five working days of public notice
    selected = ok(
        commission.post(
            f"{API}/selection-calls/{call['id']}/select/",
            {"application": draft["id"], "reasons": "专科综合实力最强，质控基础扎实"},
            format="json",
        )
    )
    assert selected["status"] == "selected" and selected["selected_application"] == draft["id"]
    notice = ok(
        commission.post(
            f"{API}/selection-calls/{call['id']}/notice/",
            {"starts_on": "2026-03-02", "working_days": 5},
            format="json",
        ),
        201,
    )
    assert (notice["starts_on"], notice["ends_on"]) == ("2026-03-02", "2026-03-06")  # Mon–Fri

    # the public reads the notice and objects, without login
    listed = ok(public.get(f"{API}/public-notices/"))["results"]
    assert [n["id"] for n in listed] == [notice["id"]] and listed[0]["accepting_objections"] is True
    at("2026-03-04 15:00")
    receipt = ok(
        public.post(
            f"{API}/public-notices/{notice['id']}/objection/",
            {"name": "市民王某", "contact": "13800000000", "content": "对负责人资历有疑问"},
            format="json",
        ),
        201,
    )
    assert receipt["handling"] == "open" and "contact" not in receipt

    at("2026-03-09 09:00")
    assert (
        ok(commission.post(f"{API}/selection-calls/{call['id']}/establish/"), 409)["code"] == "objection_open"
    )
    objections = ok(commission.get(f"{API}/objections/?notice={notice['id']}"))["results"]
    assert [o["id"] for o in objections] == [receipt["id"]]
    handled = ok(
        commission.post(
            f"{API}/objections/{receipt['id']}/handle/",
            {"handling": "dismissed", "note": "经核实，负责人资历符合第十一条（三）要求"},
            format="json",
        )
    )
    assert handled["handling"] == "dismissed"

    # the decision: a hosting term of four years (第五条), the centre running
    term = ok(commission.post(f"{API}/selection-calls/{call['id']}/establish/"), 201)
    assert (term["starts_on"], term["ends_on"], term["host_name"]) == (
        "2026-03-09",
        "2030-03-08",
        "九龙坡区人民医院",
    )
    centre = ok(commission.get(f"{API}/centres/{new_centre['id']}/"))
    assert (centre["status"], centre["host_name"], centre["leader_name"]) == (
        "active",
        "九龙坡区人民医院",
        "张建国",
    )
    assert ok(commission.get(f"{API}/selection-calls/{call['id']}/"))["status"] == "decided"
    assert list(Centre.objects.get(pk=new_centre["id"]).timeline.values_list("kind", flat=True)) == [
        "created",
        "call",
        "application_submitted",
        "preliminary_review",
        "call_closed",
        "selected",
        "notice",
        "objection",
        "objection_handled",
        "established",
    ]


def test_a_designation_is_recorded_with_its_reason(new_centre, api_of, at):
    """九龙坡 第五条: 遴选或指定 — a designation needs its reason, then names host and leader."""
    commission = api_of("jlp_commission")
    at("2026-03-02 09:00")
    body = {"centre": new_centre["id"], "method": "designation", "title": "指定挂靠单位"}
    assert (
        ok(commission.post(f"{API}/selection-calls/", body, format="json"), 409)["code"] == "reason_required"
    )
    call = ok(
        commission.post(
            f"{API}/selection-calls/", {**body, "designation_reason": "区内唯一具备条件的单位"}, format="json"
        ),
        201,
    )
    assert call["status"] == "draft"
    designated = ok(
        commission.post(
            f"{API}/selection-calls/{call['id']}/designate/",
            {
                "institution": Institution.objects.get(name="九龙坡区人民医院").pk,
                "leader": Person.objects.get(name="张建国").pk,
                "reasons": "区内唯一具备条件的单位",
            },
            format="json",
        )
    )
    assert designated["status"] == "selected"


# --- refusals ------------------------------------------------------------------------------------


def test_duplicate_centre_is_refused_citing_article_4(new_centre, api_of, jlp):
    """九龙坡 第四条: one centre per specialty and work direction."""
    body = ok(
        api_of("jlp_qc_office").post(
            f"{API}/centres/",
            {
                "jurisdiction": jlp.pk,
                "body_kind": "district_centre",
                "specialty": "心血管内科",
                "name": "重复",
            },
            format="json",
        ),
        400,
    )
    assert body["code"] == "rule_violation"
    assert [(v["article"], v["strictness"]) for v in body["violations"]] == [("第四条", "mandatory")]
    assert Centre.objects.filter(jurisdiction=jlp).count() == 1


def test_a_hospital_below_grade_two_needs_a_justification(new_centre, api_of, at):
    """九龙坡 第六条（一）: 原则上二级及以上 — a 一级 hospital is refused until it explains why."""
    at("2026-03-02 09:00")
    call = publish_call(api_of("jlp_commission"), new_centre["id"])
    kanghua = Institution.objects.get(name="九龙坡康华骨科医院")
    user = User.objects.create(
        username="kanghua_host", role="host_submitter", institution=kanghua, jurisdiction=kanghua.jurisdiction
    )
    leader = Person.objects.create(
        name="何立",
        sex="M",
        birth_date=date(1975, 1, 1),
        id_number="50010719750101001X",
        employer=kanghua,
        title="主任医师",
        title_level="senior",
        title_obtained_on=date(2015, 1, 1),
    )
    host = client_for(user)
    application = apply_through_api(host, call, leader)
    body = ok(host.post(f"{API}/centre-applications/{application['id']}/submit/"), 400)
    assert body["code"] == "justification_required"  # core.workflow.refuse_unless_allowed
    assert [(v["code"], v["article"], v["strictness"]) for v in body["violations"]] == [
        ("host.min_grade", "第六条（一）", "in_principle")
    ]
    ok(
        host.patch(
            f"{API}/centre-applications/{application['id']}/",
            {"justification": "骨科专科特色突出，区内无其他同类机构"},
            format="json",
        )
    )
    assert ok(host.post(f"{API}/centre-applications/{application['id']}/submit/"))["status"] == "submitted"


def test_steps_cannot_be_skipped(new_centre, api_of, at):
    commission, host = api_of("jlp_commission"), api_of("jlp_host")
    at("2026-03-02 09:00")
    call = publish_call(commission, new_centre["id"])
    application = apply_through_api(host, call, Person.objects.get(name="张建国"))
    ok(host.post(f"{API}/centre-applications/{application['id']}/submit/"))
    url = f"{API}/selection-calls/{call['id']}"
    # no preliminary review, applications still open: no selection, no notice, no decision
    assert (
        ok(
            commission.post(
                f"{url}/select/", {"application": application["id"], "reasons": "择优"}, format="json"
            ),
            409,
        )["code"]
        == "wrong_state"
    )
    assert (
        ok(
            commission.post(f"{url}/notice/", {"starts_on": "2026-03-02", "working_days": 5}, format="json"),
            409,
        )["code"]
        == "wrong_state"
    )
    body = ok(commission.post(f"{url}/establish/"), 400)  # 第七条（五）: no notice, no decision
    assert body["violations"][0]["article"] == "第七条（五）"
    # a second call while this one runs
    assert (
        ok(
            commission.post(
                f"{API}/selection-calls/",
                {
                    "centre": new_centre["id"],
                    "method": "selection",
                    "title": "再来一次",
                    "application_deadline": DEADLINE,
                },
                format="json",
            ),
            409,
        )["code"]
        == "call_in_progress"
    )


@pytest.fixture
def selection(world, jlp_centre, u, complete, at, chen_jing):
    """A 九龙坡 selection in its public notice, with one open objection (set up by the services)."""
    at("2026-03-02 09:00")
    call = services.call_publish(
        centre=jlp_centre,
        title="九龙坡区心血管内科医疗质量控制中心挂靠单位遴选公告",
        method="selection",
        acting_user=u("jlp_commission"),
        application_deadline=timezone.make_aware(datetime(2026, 3, 20, 17, 0)),
    )
    application = complete(call, u("jlp_host"))
    services.application_submit(application=application, acting_user=u("jlp_host"))
    services.application_preliminary_review(
        application=application, outcome="passed", acting_user=u("jlp_qc_office")
    )
    services.call_close_applications(
        call=call, acting_user=u("jlp_qc_office"), reason="申请单位均已提交，提前进入评审"
    )
    member = services.panel_add(call=call, person=chen_jing.person, acting_user=u("jlp_qc_office"))
    services.score_record(
        member=member,
        application=application,
        criterion="综合实力",
        score=Decimal("88.5"),
        acting_user=chen_jing,
    )
    services.call_select(call=call, application=application, reasons="择优", acting_user=u("jlp_commission"))
    notice = services.notice_publish(
        call=call, starts_on=date(2026, 3, 2), working_days=5, acting_user=u("jlp_commission")
    )
    at("2026-03-04 15:00")
    objection = services.objection_lodge(
        notice=notice, name="市民王某", contact="13800000000", content="有疑问"
    )
    return SimpleNamespace(
        centre=jlp_centre,
        call=call,
        application=application,
        member=member,
        notice=notice,
        objection=objection,
        expert=chen_jing,
    )


def test_no_decision_before_the_notice_closes_nor_while_an_objection_is_open(selection, api_of, at):
    """九龙坡 第七条（五）: the decision follows a notice that closed without an objection standing."""
    commission, url = api_of("jlp_commission"), f"{API}/selection-calls/{selection.call.pk}/establish/"
    at("2026-03-06 23:59")
    body = ok(commission.post(url), 409)
    assert body["code"] == "notice_open" and "2026-03-06" in body["message"] and body["violations"] == []
    at("2026-03-09 09:00")
    assert ok(commission.post(url), 409)["code"] == "objection_open"
    # objections close with the notice
    assert (
        ok(
            APIClient().post(
                f"{API}/public-notices/{selection.notice.pk}/objection/",
                {"name": "晚到", "contact": "1", "content": "晚到的异议"},
                format="json",
            ),
            409,
        )["code"]
        == "notice_closed"
    )


def test_another_hospitals_user_cannot_see_or_touch_the_application(selection, api_of, user_of):
    """Applications are scoped to their institution: another hospital's user gets a 404, as if the
    application did not exist — reading it, changing it, submitting it."""
    url = f"{API}/centre-applications/{selection.application.pk}/"
    other_host = api_of("cq_host")  # 重庆医科大学附属示范医院, a host user of another hospital
    assert ok(other_host.get(url), 404)["code"] == "not_found"
    ok(other_host.patch(url, {"justification": "x"}, format="json"), 404)
    ok(other_host.post(f"{url}submit/"), 404)
    ok(api_of("jlp_scorer").get(url), 404)  # 九龙坡区中医院, same district
    assert ok(api_of("jlp_scorer").get(f"{API}/centre-applications/"))["results"] == []
    from audit.models import SecurityEvent

    assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.REFUSED, user=user_of("cq_host")).exists()


def test_the_wrong_person_is_refused_with_403(selection, api_of, user_of):
    call_url = f"{API}/selection-calls/{selection.call.pk}"
    assert (
        ok(api_of("jlp_auditor").post(f"{call_url}/close/"), 403)["code"] == "permission_denied"
    )  # never writes
    assert ok(api_of("jlp_host").get(f"{call_url}/ranking/"), 403)["code"] == "permission_denied"
    assert ok(api_of("jlp_auditor").get(f"{call_url}/ranking/"), 403)["code"] == "permission_denied"
    # the office may close applications but not decide: the service says who (centres/permissions.py)
    body = ok(api_of("jlp_qc_office").post(f"{call_url}/establish/"), 403)
    assert body["message"] == "只有卫健委可以作出设置决定。"
    # only the reviewer declares a conflict of their own
    body = ok(
        api_of("jlp_qc_office").post(
            f"{API}/panel-members/{selection.member.pk}/declare-conflict/", {"reason": "x"}, format="json"
        ),
        403,
    )
    assert body["message"] == "只能由评审专家本人申报利益冲突。"
    declared = ok(
        client_for(selection.expert).post(
            f"{API}/panel-members/{selection.member.pk}/declare-conflict/",
            {"reason": "曾在申请单位进修"},
            format="json",
        )
    )
    assert declared["recused"] and declared["conflict_declared"]


def test_anonymous_is_401_except_for_public_notices(selection):
    anonymous = APIClient()
    for url in ("centres/", "selection-calls/", "centre-applications/", "panel-members/", "objections/"):
        assert ok(anonymous.get(f"{API}/{url}"), 401)["code"] == "not_authenticated"
    assert (
        ok(anonymous.post(f"{API}/selection-calls/{selection.call.pk}/establish/"), 401)["code"]
        == "not_authenticated"
    )
    assert (
        ok(anonymous.get(f"{API}/public-notices/{selection.notice.pk}/"))["title"] == selection.notice.title
    )


def test_invalid_shapes_are_400_with_one_violation_per_field(selection, api_of):
    body = ok(
        api_of("jlp_commission").post(
            f"{API}/selection-calls/{selection.call.pk}/notice/", {"working_days": "five"}, format="json"
        ),
        400,
    )
    assert body["code"] == "invalid"
    assert {v["field"] for v in body["violations"]} == {"starts_on", "working_days"}
    body = ok(
        api_of("jlp_commission").post(f"{API}/selection-calls/", {"method": "selection"}, format="json"), 400
    )
    assert body["violations"][0]["field"] == "centre"


# --- the permission table ------------------------------------------------------------------------

# (method, path, body, the right user, their status, a user of another jurisdiction).
# Reads: the right user gets 200, the outsider 404 (a list: 200 without the row). Writes: the
# outsider gets 404 before anything is checked; the right user's 200/201 on each write is the walk
# above (test_jiulongpo_from_a_new_centre_to_an_active_one_through_the_api), which takes every step once.
READS = [
    ("centres/{centre}/", "jlp_auditor", "jn_commission"),
    ("selection-calls/{call}/", "jlp_host", "jn_host"),
    ("selection-calls/{call}/notice/", "jlp_commission", "jn_commission"),
    ("selection-calls/{call}/ranking/", "jlp_qc_office", "jn_qc_office"),
    ("centre-applications/{application}/", "jlp_host", "jn_host"),
    ("centre-applications/{application}/", "jlp_auditor", "jn_auditor"),
    ("panel-members/{member}/", "jlp_reviewer", "jn_expert"),
    ("panel-members/{member}/", "jlp_qc_office", "jn_qc_office"),
    ("objections/{objection}/", "jlp_commission", "jn_commission"),
]
LISTS = [
    ("centres/", "jlp_auditor", "jn_commission"),
    ("selection-calls/", "jlp_host", "jn_host"),
    ("centre-applications/", "jlp_host", "jn_host"),
    ("panel-members/", "jlp_reviewer", "jn_expert"),
    ("objections/", "jlp_commission", "jn_commission"),
]
WRITES = [
    (
        "post",
        "centres/",
        {
            "jurisdiction": "{jurisdiction}",
            "body_kind": "district_centre",
            "specialty": "呼吸内科",
            "name": "九龙坡区呼吸内科医疗质量控制中心",
        },
        "jn_commission",
    ),
    (
        "post",
        "selection-calls/",
        {"centre": "{centre}", "method": "selection", "title": "t", "application_deadline": DEADLINE},
        "jn_commission",
    ),
    ("post", "selection-calls/{call}/close/", {}, "jn_qc_office"),
    (
        "post",
        "selection-calls/{call}/select/",
        {"application": "{application}", "reasons": "r"},
        "jn_commission",
    ),
    ("post", "selection-calls/{call}/designate/", {"reasons": "r"}, "jn_commission"),
    (
        "post",
        "selection-calls/{call}/notice/",
        {"starts_on": "2026-03-02", "working_days": 5},
        "jn_commission",
    ),
    ("post", "selection-calls/{call}/establish/", {}, "jn_commission"),
    ("post", "centre-applications/", {"call": "{call}", "sections": {}}, "jn_host"),
    ("patch", "centre-applications/{application}/", {"justification": "x"}, "jn_host"),
    ("post", "centre-applications/{application}/submit/", {}, "jn_host"),
    ("post", "centre-applications/{application}/preliminary-review/", {"outcome": "passed"}, "jn_qc_office"),
    ("post", "panel-members/", {"call": "{call}", "person": "{person}"}, "jn_qc_office"),
    ("post", "panel-members/{member}/declare-conflict/", {"reason": "r"}, "jn_expert"),
    (
        "post",
        "review-scores/",
        {"application": "{application}", "criterion": "c", "score": "80"},
        "jn_expert",
    ),
    ("post", "objections/{objection}/handle/", {"handling": "dismissed", "note": "n"}, "jn_commission"),
]


def _ids(selection):
    return {
        "centre": selection.centre.pk,
        "call": selection.call.pk,
        "application": selection.application.pk,
        "member": selection.member.pk,
        "objection": selection.objection.pk,
        "notice": selection.notice.pk,
        "jurisdiction": selection.centre.jurisdiction_id,
        "person": selection.expert.person_id,
    }


def _fill(value, ids):
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        return ids[value[1:-1]]
    return value.format(**ids) if isinstance(value, str) else value


@pytest.mark.parametrize(("path", "right", "outsider"), READS)
def test_reading_one_row(selection, user_of, path, right, outsider):
    url = f"{API}/{_fill(path, _ids(selection))}"
    assert APIClient().get(url).status_code == 401
    assert client_for(user_of(right)).get(url).status_code == 200
    assert client_for(user_of(outsider)).get(url).status_code == 404


@pytest.mark.parametrize(("path", "right", "outsider"), LISTS)
def test_reading_a_list(selection, user_of, path, right, outsider):
    url = f"{API}/{path}"
    assert APIClient().get(url).status_code == 401
    assert ok(client_for(user_of(right)).get(url))["count"] >= 1
    assert ok(client_for(user_of(outsider)).get(url))["count"] == 0


@pytest.mark.parametrize(("method", "path", "body", "outsider"), WRITES)
def test_writing(selection, user_of, method, path, body, outsider):
    ids = _ids(selection)
    url, body = f"{API}/{_fill(path, ids)}", _fill(body, ids)
    assert getattr(APIClient(), method)(url, body, format="json").status_code == 401
    response = getattr(client_for(user_of(outsider)), method)(url, body, format="json")
    assert response.status_code == 404, response.content.decode()


def test_public_notices_need_no_login_and_show_only_open_ones(selection, at):
    public = APIClient()
    assert [n["id"] for n in ok(public.get(f"{API}/public-notices/"))["results"]] == [selection.notice.pk]
    ok(public.get(f"{API}/public-notices/{selection.notice.pk}/"))
    services.objection_handle(
        objection=selection.objection,
        handling="dismissed",
        note="不成立",
        acting_user=User.objects.get(username="jlp_commission"),
    )
    at("2026-03-09 09:00")
    services.centre_establish(call=selection.call, acting_user=User.objects.get(username="jlp_commission"))
    assert ok(public.get(f"{API}/public-notices/"))["results"] == []  # closed with the decision
    ok(public.get(f"{API}/public-notices/{selection.notice.pk}/"), 404)


# --- query counts --------------------------------------------------------------------------------


def _queries(client, url) -> int:
    client.get(url)  # warm the user's cached relations (jurisdiction, institution)
    with CaptureQueriesContext(connection) as queries:
        ok(client.get(url))
    return len(queries)


def _another_round(selection, u):
    """A second centre with its call and an application: more rows in every list."""
    centre = services.centre_create(
        jurisdiction=selection.centre.jurisdiction,
        body_kind="district_centre",
        specialty=Specialty.objects.create(name="呼吸内科"),
        name="九龙坡区呼吸内科医疗质量控制中心",
        acting_user=u("jlp_commission"),
    )
    call = services.call_publish(
        centre=centre,
        title="呼吸内科遴选",
        method="selection",
        acting_user=u("jlp_commission"),
        application_deadline=timezone.make_aware(datetime(2026, 3, 20, 17, 0)),
    )
    Application.objects.create(
        call=call,
        institution=u("jlp_host").institution,
        created_by=u("jlp_host"),
        proposed_leader=Person.objects.get(name="张建国"),
    )
    services.panel_add(call=call, person=selection.expert.person, acting_user=u("jlp_qc_office"))
    services.objection_lodge(notice=selection.notice, name="市民李某", contact="1", content="另一条异议")


@pytest.mark.parametrize(
    ("path", "username", "most"),
    [
        ("centres/", "jlp_commission", 4),
        ("selection-calls/", "jlp_commission", 4),
        ("selection-calls/", "jlp_host", 5),
        ("centre-applications/", "jlp_commission", 4),
        ("panel-members/", "jlp_qc_office", 4),
        ("objections/", "jlp_commission", 4),
        ("public-notices/", None, 3),
    ],
)
def test_list_endpoints_take_a_fixed_number_of_queries(selection, u, path, username, most):
    client = client_for(u(username)) if username else APIClient()
    before = _queries(client, f"{API}/{path}")
    _another_round(selection, u)
    assert _queries(client, f"{API}/{path}") == before <= most

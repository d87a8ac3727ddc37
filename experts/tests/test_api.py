"""The experts API: every endpoint needs a login (401), rows outside the user's scope are 404, an
auditor never writes, and the same refusals as the services (400 with the article, 403, 409);
list endpoints in a bounded number of queries."""

from datetime import timedelta

import pytest
from rest_framework.test import APIClient

from directory.models import Institution, Jurisdiction, Person
from experts import services

from .factories import (
    ActivityFactory,
    CommitteeFactory,
    DutyLogFactory,
    ExpertFactory,
    GradingFactory,
    LibraryFactory,
    SeatFactory,
    person,
)

pytestmark = pytest.mark.django_db

LISTS = [
    "committees",
    "committee-members",
    "duty-logs",
    "activities",
    "library-experts",
    "expert-applications",
    "interest-declarations",
    "expert-gradings",
]


@pytest.mark.parametrize("prefix", LISTS)
def test_anonymous_is_401(world, prefix):
    assert APIClient().get(f"/api/v1/{prefix}/").status_code in (401, 403)


def test_auditor_reads_but_never_writes(world, api_of):
    committee = CommitteeFactory()
    auditor = api_of("jlp_auditor")
    assert auditor.get(f"/api/v1/committees/{committee.pk}/").status_code == 200
    assert auditor.post(f"/api/v1/committees/{committee.pk}/submit/", {}, format="json").status_code == 403


def test_duty_api_expert_records_secretary_confirms(world, api_of):
    committee = CommitteeFactory(approved=True)
    SeatFactory(committee=committee, person=Person.objects.get(name="张建国"), name="张建国")
    expert = api_of("jlp_expert")
    body = {
        "work_for": f"centre:{committee.centre_id}",
        "worked_on": str(services.today()),
        "kind": "training",
        "on_site": True,
        "hours": "2.5",
        "description": "授课",
    }
    created = expert.post("/api/v1/duty-logs/", body, format="json")
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    future = expert.post(
        "/api/v1/duty-logs/", {**body, "worked_on": str(services.today() + timedelta(days=2))}, format="json"
    )
    assert future.status_code == 400 and future.json()["code"] == "experts_date_in_future"
    assert api_of("jn_expert").get(f"/api/v1/duty-logs/{pk}/").status_code == 404
    assert api_of("jlp_expert").post(f"/api/v1/duty-logs/{pk}/confirm/").status_code == 403
    returned = api_of("jlp_host").post(f"/api/v1/duty-logs/{pk}/return/", {"reason": ""}, format="json")
    assert returned.status_code == 400
    assert api_of("jlp_host").post(f"/api/v1/duty-logs/{pk}/confirm/").status_code == 200
    assert api_of("jlp_host").post(f"/api/v1/duty-logs/{pk}/confirm/").status_code == 409
    year = expert.get("/api/v1/duty-logs/year/").json()
    assert year["confirmed"] == "2.5"


def test_activity_api_creates_code_and_sign_in_once(world, api_of):
    committee = CommitteeFactory(approved=True)
    SeatFactory(committee=committee, person=Person.objects.get(name="张建国"), name="张建国")
    now = services.timezone.now()
    created = api_of("jlp_host").post(
        "/api/v1/activities/",
        {
            "work_for": f"centre:{committee.centre_id}",
            "kind": "meeting",
            "title": "委员会会议",
            "starts_at": now.isoformat(),
            "ends_at": (now + timedelta(hours=2)).isoformat(),
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    token = created.json()["sign_in_token"]
    assert (
        api_of("jn_host")
        .post(
            "/api/v1/activities/",
            {
                "work_for": f"centre:{committee.centre_id}",
                "kind": "meeting",
                "title": "x",
                "starts_at": now.isoformat(),
                "ends_at": (now + timedelta(hours=2)).isoformat(),
            },
            format="json",
        )
        .status_code
        == 404
    )
    first = api_of("jlp_expert").post("/api/v1/activities/sign-in/", {"token": token}, format="json")
    second = api_of("jlp_expert").post("/api/v1/activities/sign-in/", {"token": token}, format="json")
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]


def test_library_api_from_application_to_appointment(world, api_of, time_machine):
    from django.core.files.base import ContentFile

    from attachments.demo import minimal_pdf

    LibraryFactory()
    candidate = person(
        "接口候选人", "重庆医科大学附属示范医院", title_level="senior", gp=True, gp_since="2005-01-01"
    )
    office = api_of("cq_qc_office")
    created = office.post(
        "/api/v1/expert-applications/",
        {
            "person": candidate.pk,
            "level": "city",
            "jurisdiction": Jurisdiction.objects.get(code="500000").pk,
            "fields": "全科",
            "statement": "申报表",
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    url = f"/api/v1/expert-applications/{created.json()['id']}/"
    assert api_of("jn_qc_office").get(url).status_code == 404
    assert office.post(url + "approve/").status_code == 403  # the commission approves
    # 重庆全科 二、(二)1.: the 申报表 and the title certificate first
    assert office.post(url + "review/", {"passed": True}, format="json").status_code == 400
    for kind in ("experts.application_form", "experts.title_certificate"):
        uploaded = office.post(
            "/api/v1/attachments/",
            {
                "file": ContentFile(minimal_pdf([kind]), name=f"{kind}.pdf"),
                "kind": kind,
                "subject_type": "experts.expertapplication",
                "subject_id": created.json()["id"],
            },
            format="multipart",
        )
        assert uploaded.status_code == 201, uploaded.content
    assert office.post(url + "review/", {"passed": True}, format="json").status_code == 200
    assert api_of("cq_commission").post(url + "approve/").status_code == 200
    today = services.today()
    assert (
        office.post(
            url + "notice/",
            {"starts_on": str(today), "ends_on": str(today + timedelta(days=2))},
            format="json",
        ).status_code
        == 200
    )
    assert office.post(url + "appoint/").status_code == 409  # notice running
    time_machine.move_to("2026-12-05 09:00 +08:00", tick=False)
    appointed = office.post(url + "appoint/")
    assert appointed.status_code == 201 and appointed.json()["ends_on"] == "2030-12-04"


def test_library_api_candidate_refused_with_article(world, api_of):
    LibraryFactory()
    junior = person("初级候选人", "渝北区人民医院", title_level="junior", gp=True, gp_since="2020-01-01")
    response = api_of("cq_qc_office").post(
        "/api/v1/expert-applications/",
        {
            "person": junior.pk,
            "level": "city",
            "jurisdiction": Jurisdiction.objects.get(code="500000").pk,
            "fields": "全科",
            "statement": "x",
        },
        format="json",
    )
    assert response.status_code == 400
    assert {v["article"] for v in response.json()["violations"]} >= {"二、(一)2.(1)"}


def test_grading_api_finalise_refused_outside_quotas(world, api_of):
    from experts.models import ExpertGrade

    library = LibraryFactory()
    grading = GradingFactory(library=library)
    for value in ["excellent", "excellent", "pass", "pass"]:
        ExpertGrade.objects.create(grading=grading, expert=ExpertFactory(library=library), grade=value)
    url = f"/api/v1/expert-gradings/{grading.pk}/"
    refused = api_of("cq_qc_office").post(url + "finalise/", {}, format="json")
    assert refused.status_code == 400 and refused.json()["code"] == "experts_adjustment_required"
    assert api_of("cq_expert").post(url + "finalise/", {}, format="json").status_code == 404
    done = api_of("cq_qc_office").post(
        url + "finalise/",
        {"adjustment": "专家人数少，按实际评定", "filed_on": str(services.today())},
        format="json",
    )
    assert done.status_code == 200 and done.json()["status"] == "finalised"


def test_declarations_api_own_only(world, api_of):
    other = Institution.objects.get(name="九龙坡区中医院")
    created = api_of("jlp_expert").post(
        "/api/v1/interest-declarations/", {"kind": "collaboration", "institution": other.pk}, format="json"
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    assert api_of("jn_expert").post(f"/api/v1/interest-declarations/{pk}/withdraw/").status_code == 404
    assert api_of("jlp_expert").post(f"/api/v1/interest-declarations/{pk}/withdraw/").status_code == 200


def test_list_endpoints_query_counts(world, api_of, django_assert_max_num_queries):
    library = LibraryFactory()
    for _ in range(4):
        committee = CommitteeFactory()
        SeatFactory(committee=committee)
        DutyLogFactory(centre=committee.centre, jurisdiction=committee.centre.jurisdiction)
        ExpertFactory(library=library)
    ActivityFactory()
    for username, prefixes in (
        ("jlp_commission", ["committees", "committee-members", "duty-logs", "activities"]),
        ("cq_qc_office", ["library-experts", "expert-applications", "expert-gradings"]),
    ):
        client = api_of(username)
        for prefix in prefixes:
            with django_assert_max_num_queries(12):
                assert client.get(f"/api/v1/{prefix}/").status_code == 200, prefix


def test_page_query_counts(world, client_of, user_of, django_assert_max_num_queries):
    library = LibraryFactory()
    for _ in range(6):
        ExpertFactory(library=library)
    with django_assert_max_num_queries(30):
        assert client_of("cq_qc_office").get("/experts/library/").status_code == 200
    with django_assert_max_num_queries(30):
        assert client_of("cq_qc_office").get("/experts/hours/").status_code == 200
    grading = services.grading_open(library=library, year=2026, acting_user=user_of("cq_qc_office"))
    with django_assert_max_num_queries(40):
        assert client_of("cq_qc_office").get(f"/experts/library/gradings/{grading.pk}/").status_code == 200


def test_my_year_answers_a_malformed_year_with_a_400_not_a_500(world, api_of):
    for year in ("abc", "２０２６", "99999", "-1"):
        response = api_of("cq_expert").get("/api/v1/duty-logs/year/", {"year": year})
        assert response.status_code == 400 and response.json()["code"] == "experts_year_invalid", year
    assert api_of("cq_expert").get("/api/v1/duty-logs/year/", {"year": "2026"}).status_code == 200


def test_grading_list_shows_each_gradings_grades_as_the_detail_does(world, api_of):
    """The list reads the page's grades in one query of the columns shown (issue 14: a province's
    ~50 gradings hold 30,000 grades); each grading's grades are still those of its detail, field for
    field, hours as text with their decimal."""
    from experts.models import ExpertGrade

    library = LibraryFactory()
    for year in (2024, 2025):
        grading = GradingFactory(library=library, year=year)
        for value, hours in (("excellent", "41.5"), ("pass", "0"), ("", "12")):
            ExpertGrade.objects.create(
                grading=grading, expert=ExpertFactory(library=library), grade=value, confirmed_hours=hours
            )
    client = api_of("cq_qc_office")
    listed = client.get("/api/v1/expert-gradings/").json()["results"]
    assert len(listed) == 2
    for row in listed:
        detail = client.get(f"/api/v1/expert-gradings/{row['id']}/").json()
        detail.pop("quotas")
        assert row == detail
        assert sorted(g["confirmed_hours"] for g in row["grades"]) == ["0.0", "12.0", "41.5"]


@pytest.mark.parametrize("asked", ["²", "٣", "-1", "99999", "abc"])
def test_the_duty_logs_year_filter_refuses_a_year_no_record_can_have(world, api_of, asked):
    """?year=² passed isdigit() and broke int(), 99999 broke the date lookup: both were 500s."""
    response = api_of("jlp_commission").get(f"/api/v1/duty-logs/?year={asked}")
    assert response.status_code == 400 and response.json()["code"] == "experts_year_invalid"
    assert api_of("jlp_commission").get("/api/v1/duty-logs/?year=2026").status_code == 200

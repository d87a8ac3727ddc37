"""Every page of the experts app renders for the roles that use it, on the demo world (each state
under 九龙坡, 济南, 青浦 and 重庆全科), and an out-of-scope record is a 404."""

import pytest

from experts.models import Activity, Committee, Expert, ExpertApplication, Grading

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(world):
    from centres.demo import seed_centres
    from experts.demo import seed_experts

    seed_centres()
    seed_experts()


PAGES_BY_ROLE = {
    "jlp_host": [
        "/experts/",
        "/experts/duty/",
        "/experts/hours/",
        "/experts/activities/",
        "/experts/library/",
    ],
    "jlp_commission": ["/experts/", "/experts/duty/", "/experts/hours/", "/experts/recusals/"],
    "jlp_expert": ["/experts/me/", "/experts/me/hours/", "/experts/library/"],
    "cq_expert": ["/experts/me/", "/experts/me/hours/", "/experts/library/", "/experts/library/apply/"],
    "cq_qc_office": ["/experts/library/", "/experts/hours/", "/experts/duty/", "/experts/activities/"],
    "cq_district_reviewer": ["/experts/library/"],
    "jn_commission": ["/experts/"],
    "qp_host": ["/experts/"],
    "jlp_auditor": ["/experts/", "/experts/recusals/"],
}


def test_pages_render(demo, client_of):
    for username, urls in PAGES_BY_ROLE.items():
        client = client_of(username)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (username, url, response.status_code)


def test_detail_pages_render_for_owner_and_404_for_stranger(demo, client_of):
    for committee in Committee.objects.select_related("centre__host"):
        host = {"500107": "jlp_host", "370100": "jn_host", "310118": "qp_host"}[
            committee.centre.jurisdiction.code
        ]
        assert client_of(host).get(f"/experts/committees/{committee.pk}/").status_code == 200
        stranger = "hn_host"
        assert client_of(stranger).get(f"/experts/committees/{committee.pk}/").status_code == 404
    submitted = Committee.objects.get(status="submitted")
    page = client_of("jn_commission").get(f"/experts/committees/{submitted.pk}/").content.decode()
    assert "批准并印发聘任通知" in page
    for application in ExpertApplication.objects.all():
        assert (
            client_of("cq_qc_office").get(f"/experts/library/applications/{application.pk}/").status_code
            == 200
        )
        assert (
            client_of("jn_qc_office").get(f"/experts/library/applications/{application.pk}/").status_code
            == 404
        )
    for expert in Expert.objects.all():
        assert client_of("cq_qc_office").get(f"/experts/library/experts/{expert.pk}/").status_code == 200
    mine = Expert.objects.get(person__name="周晓燕")
    assert (
        "维护我的专家档案"
        in client_of("cq_expert").get(f"/experts/library/experts/{mine.pk}/").content.decode()
    )
    grading = Grading.objects.get()
    assert client_of("cq_qc_office").get(f"/experts/library/gradings/{grading.pk}/").status_code == 200
    activity = Activity.objects.first()
    assert client_of("jlp_host").get(f"/experts/activities/{activity.pk}/").status_code == 200


def test_todos_for_each_role(demo, user_of):
    from experts.todos import expert_todos

    assert any("审批委员会名单" in t.title for t in expert_todos(user_of("jn_commission")))
    assert any("确认履职记录" in t.title for t in expert_todos(user_of("jlp_host")))
    assert any("被退回" in t.title for t in expert_todos(user_of("jlp_expert")))


def test_exports_read_through_scope(demo, user_of):
    from experts import export_specs

    rows = export_specs.roster_rows(user_of("jlp_commission"), {})
    assert rows and all(r.export_committee.centre.jurisdiction.code == "500107" for r in rows)
    assert any("第十一条（四）" in r.export_checks for r in rows)
    assert export_specs.roster_rows(user_of("hn_commission"), {}) == []
    hours = export_specs.hours_rows(user_of("cq_qc_office"), {})
    assert hours and all("total" in r for r in hours)
    grades = export_specs.grade_rows(user_of("cq_qc_office"), {})
    assert grades and "优秀" in grades[0].export_shares


def test_no_english_placeholder_in_the_roster_form(client_of):
    """Django 6.1's blank choice "- Select an option -" has no Chinese in its catalogue."""
    from experts.tests.factories import CommitteeFactory

    committee = CommitteeFactory()
    body = client_of("jlp_host").get(f"/experts/committees/{committee.pk}/").content.decode()
    assert "Select an option" not in body and "请选择" in body

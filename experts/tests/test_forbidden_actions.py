"""A user who sees a committee but may not take an action on it — a member (the expert), the host
on a commission's decision — is refused outright: 403 with the reason, recorded, before any form
is read; nothing changes. The keepers acting in the wrong state (a stale tab) are told why on the
page (docs/security.md: a visible object, a forbidden action is a 403)."""

import pytest

from audit.models import SecurityEvent
from directory.models import Person
from experts import services

from .factories import CommitteeFactory, SeatFactory, valid_jlp_roster

pytestmark = pytest.mark.django_db


@pytest.fixture
def roster(world):
    committee = valid_jlp_roster(CommitteeFactory())
    member = SeatFactory(committee=committee, person=Person.objects.get(name="张建国"), name="张建国")
    return committee, member


def refused(response, reason: str, before: int) -> None:
    assert response.status_code == 403
    event = SecurityEvent.objects.filter(kind="refused").order_by("-pk").first()
    assert SecurityEvent.objects.filter(kind="refused").count() == before + 1
    assert reason in str(event.detail)


def test_a_member_cannot_edit_the_draft_roster_they_sit_on(roster, client_of):
    committee, member = roster
    expert = client_of("jlp_expert")
    seats = committee.members.count()
    for url, data in (
        (f"/experts/committees/{committee.pk}/seats/add/", {"role": "member", "name": "自荐"}),
        (f"/experts/seats/{member.pk}/delete/", {}),
        (f"/experts/committees/{committee.pk}/import/", {}),
    ):
        before = SecurityEvent.objects.filter(kind="refused").count()
        refused(expert.post(url, data), "只有挂靠单位或质控办", before)
    assert committee.members.count() == seats


def test_only_the_commission_returns_a_roster_and_removes_a_member(roster, client_of, user_of):
    committee, member = roster
    services.roster_submit(committee=committee, acting_user=user_of("jlp_host"))
    before = SecurityEvent.objects.filter(kind="refused").count()
    response = client_of("jlp_host").post(f"/experts/committees/{committee.pk}/return/", {"reason": ""})
    refused(response, "只有本级卫生健康委可以审批委员会名单。", before)
    committee.refresh_from_db()
    assert committee.status == "submitted"
    services.roster_approve(committee=committee, acting_user=user_of("jlp_commission"))
    host = client_of("jlp_host")
    before = SecurityEvent.objects.filter(kind="refused").count()
    refused(host.post(f"/experts/seats/{member.pk}/remove/", {"reason": ""}), "作出调整决定", before)
    expert = client_of("jlp_expert")
    before = SecurityEvent.objects.filter(kind="refused").count()
    refused(
        expert.post(f"/experts/committees/{committee.pk}/meetings/add/", {"agenda": ""}),
        "只有挂靠单位或质控办",
        before,
    )
    before = SecurityEvent.objects.filter(kind="refused").count()
    refused(expert.post(f"/experts/seats/{member.pk}/leave/", {"reason": ""}), "只有挂靠单位或质控办", before)
    member.refresh_from_db()
    assert member.status == "active" and not committee.meetings.exists()


def test_the_api_refuses_a_member_before_reading_the_body(roster, api_of):
    committee, _member = roster
    api = api_of("jlp_expert")
    for url in (f"/api/v1/committees/{committee.pk}/members/", f"/api/v1/committees/{committee.pk}/import/"):
        response = api.post(url, {}, format="json")
        assert response.status_code == 403 and "只有挂靠单位或质控办" in response.json()["message"]


def test_the_host_in_the_wrong_state_still_gets_the_page_with_the_message(roster, client_of, user_of):
    committee, member = roster
    services.roster_submit(committee=committee, acting_user=user_of("jlp_host"))
    response = client_of("jlp_host").post(
        f"/experts/committees/{committee.pk}/seats/add/", {"role": "member", "name": "迟到者"}, follow=True
    )
    assert response.status_code == 200 and "名单已提交或已批准" in response.content.decode()
    assert not committee.members.filter(name="迟到者").exists()


def test_the_api_refuses_a_seat_on_a_submitted_roster_as_the_page_does(roster, api_of, user_of):
    """The page added to a draft and joined an approved roster; the API chose the other way round
    (a submitted roster was "not approved" there, "already submitted" on the page)."""
    committee, member = roster
    services.roster_submit(committee=committee, acting_user=user_of("jlp_host"))
    response = api_of("jlp_host").post(
        f"/api/v1/committees/{committee.pk}/members/", {"role": "member", "name": "迟到者"}, format="json"
    )
    assert response.status_code == 409 and response.json()["code"] == "experts_roster_not_editable"
    assert "名单已提交或已批准" in response.json()["message"]
    assert not committee.members.filter(name="迟到者").exists()


def test_pages_that_are_only_read_answer_other_methods_405(roster, client_of):
    committee, member = roster
    host = client_of("jlp_host")
    for url in (
        "/experts/",
        f"/experts/committees/{committee.pk}/",
        f"/experts/seats/{member.pk}/letter/",
        "/experts/duty/",
        "/experts/hours/",
        "/experts/library/",
    ):
        assert host.get(url).status_code in (200, 302), url
        assert host.post(url, {}).status_code == 405, url

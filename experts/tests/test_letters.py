"""Appointment letters (聘书): an official document per member (documents app: GB/T 9704 信函格式,
numbered, registered, hash-checked download), issued by a job after the commission's approval and
never twice; each member downloads only their own; 青浦 第十七条（六） allows none."""

import pytest

from core.errors import NotAllowed, RuleRefusal, WrongState
from core.models import OutboxMessage
from directory.models import Person
from documents import services as document_services
from documents.models import IssuedDocument
from experts import services
from experts.models import CommitteeMember

from .factories import CentreFactory, CommitteeFactory, SeatFactory, valid_jlp_roster

pytestmark = pytest.mark.django_db

LETTER = "experts_appointment_letter"


@pytest.fixture
def no_rendering(monkeypatch):
    """WeasyPrint is not what these tests look at: the register rows are."""
    monkeypatch.setattr(document_services, "_enqueue_render", lambda document, render_sync: None)


@pytest.fixture
def roster(world):
    """A valid 九龙坡 roster with two members who have logins: 张建国 (jlp_expert) and 周晓燕 (cq_expert)."""
    committee = valid_jlp_roster(CommitteeFactory())
    for name in ("张建国", "周晓燕"):
        SeatFactory(committee=committee, person=Person.objects.get(name=name), name=name)
    return committee


@pytest.fixture
def approved(roster, user_of):
    services.roster_submit(committee=roster, acting_user=user_of("jlp_host"))
    services.roster_approve(committee=roster, acting_user=user_of("jlp_commission"))
    roster.refresh_from_db()
    return roster


def letters_of(committee):
    return IssuedDocument.objects.filter(doc_type=LETTER, subject_id__in=committee.members.values("pk"))


def test_letters_are_numbered_registered_documents_jiulongpo_art19_6(approved, user_of, no_rendering):
    """九龙坡 第十九条（六）: 未经区卫生健康委同意，不得以质控中心名义颁发专家聘书 — the commission's
    approval of the roster is the consent: each letter carries it and cites the article."""
    issued = services.letters_issue(committee_id=approved.pk, acting_user=user_of("jlp_commission"))
    seats = list(services.active_seats(approved))
    assert len(issued) == len(seats) == 8
    numbers = sorted(d.sequence for d in issued)
    assert numbers == list(range(numbers[0], numbers[0] + 8))  # consecutive, no gaps
    for seat in seats:
        letter = seat.__class__.objects.get(pk=seat.pk).letter
        assert letter.doc_type == LETTER and letter.issuer_kind == "centre"
        assert letter.issuer_name == approved.centre.name
        assert letter.number.startswith("九龙坡") and "质控聘〔" in letter.number
        assert letter.approved_by == approved.decided_by  # the commission's consent
        assert "第十九条（六）" in letter.context["input"]["body"]
        assert approved.notice.number in letter.context["input"]["body"]
        assert letter.addressees == f"{seat.name}同志"
    zhang = CommitteeMember.objects.get(committee=approved, name="张建国")
    assert list(zhang.letter.addressed_people.values_list("name", flat=True)) == ["张建国"]


def test_approval_queues_the_letters_as_a_job_not_in_the_request(
    roster, user_of, django_capture_on_commit_callbacks, no_rendering
):
    services.roster_submit(committee=roster, acting_user=user_of("jlp_host"))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.roster_approve(committee=roster, acting_user=user_of("jlp_commission"))
    assert not letters_of(roster).exists()  # nothing issued inside the approval
    job = OutboxMessage.objects.get(task="experts.tasks.issue_appointment_letters")
    assert job.args[0] == roster.pk
    for callback in callbacks:
        callback()
    assert letters_of(roster).count() == 8
    assert not CommitteeMember.objects.filter(committee=roster, letter__isnull=True).exists()


def test_twice_clicked_each_letter_once(
    approved, client_of, user_of, django_capture_on_commit_callbacks, no_rendering
):
    """Two clicks before the job has run queue two jobs; the second finds every letter issued."""
    host = client_of("jlp_host")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert host.post(f"/experts/committees/{approved.pk}/letters/").status_code == 302
        assert host.post(f"/experts/committees/{approved.pk}/letters/").status_code == 302
    for callback in callbacks:
        callback()
    letters = letters_of(approved)
    assert letters.count() == 8
    assert len(set(letters.values_list("subject_id", flat=True))) == 8
    # a third click once all are out: refused, nothing queued
    with pytest.raises(WrongState):
        services.letters_request(committee=approved, acting_user=user_of("jlp_host"))
    page = host.post(f"/experts/committees/{approved.pk}/letters/", follow=True).content.decode()
    assert "均已颁发" in page
    assert letters_of(approved).count() == 8


def test_a_member_downloads_only_their_own_letter(approved, user_of, client_of):
    services.letters_issue(committee_id=approved.pk, acting_user=user_of("jlp_commission"))
    zhang = CommitteeMember.objects.get(committee=approved, name="张建国")
    zhou = CommitteeMember.objects.get(committee=approved, name="周晓燕")
    document_services.document_render(document_id=zhang.letter_id)
    # the member: their seat leads to the registered PDF, checked against its hash
    mine = client_of("jlp_expert").get(f"/experts/seats/{zhang.pk}/letter/")
    assert mine.status_code == 302 and mine.url == f"/documents/{zhang.letter_id}/pdf/"
    pdf = client_of("jlp_expert").get(mine.url)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    # another member of the same committee: 404 on the seat and on the document
    assert client_of("cq_expert").get(f"/experts/seats/{zhang.pk}/letter/").status_code == 404
    assert client_of("cq_expert").get(f"/documents/{zhang.letter_id}/pdf/").status_code == 404
    assert client_of("jlp_expert").get(f"/documents/{zhou.letter_id}/").status_code == 404
    # the commission and the host see every letter of the roster; another district none
    assert client_of("jlp_commission").get(f"/experts/seats/{zhou.pk}/letter/").status_code == 302
    assert client_of("jlp_host").get(f"/documents/{zhang.letter_id}/pdf/").status_code == 200
    assert client_of("jn_commission").get(f"/documents/{zhang.letter_id}/pdf/").status_code == 404
    assert client_of("jn_host").get(f"/experts/seats/{zhang.pk}/letter/").status_code == 404
    # my page links my letter, not the others'
    page = client_of("jlp_expert").get("/experts/me/").content.decode()
    assert zhang.letter.number in page and zhou.letter.number not in page


def test_a_tampered_letter_is_refused(approved, user_of, client_of):
    services.letters_issue(committee_id=approved.pk, acting_user=user_of("jlp_commission"))
    zhang = CommitteeMember.objects.get(committee=approved, name="张建国")
    letter = document_services.document_render(document_id=zhang.letter_id)
    with open(letter.pdf.path, "ab") as f:
        f.write(b"%tampered")
    assert client_of("jlp_expert").get(f"/documents/{letter.pk}/pdf/").status_code == 409


def test_letter_not_ready_says_so(approved, user_of, client_of, no_rendering):
    services.letters_issue(committee_id=approved.pk, acting_user=user_of("jlp_commission"))
    zhang = CommitteeMember.objects.get(committee=approved, name="张建国")
    page = client_of("jlp_expert").get(f"/experts/seats/{zhang.pk}/letter/", follow=True).content.decode()
    assert "正在生成" in page


def test_who_may_ask_for_letters_page_api_and_crafted_post(approved, client_of, api_of, no_rendering):
    url = f"/experts/committees/{approved.pk}/letters/"
    assert client_of("jlp_expert").post(url).status_code == 403  # a member sees the roster, cannot issue
    assert client_of("jlp_auditor").post(url).status_code == 403
    assert client_of("jn_host").post(url).status_code == 404  # another city's host: not even visible
    assert api_of("jlp_expert").post(f"/api/v1/committees/{approved.pk}/letters/").status_code == 403
    assert api_of("hn_commission").post(f"/api/v1/committees/{approved.pk}/letters/").status_code == 404
    response = api_of("jlp_commission").post(f"/api/v1/committees/{approved.pk}/letters/")
    assert response.status_code == 202 and response.json() == {"queued": 8}
    assert not letters_of(approved).exists()


def test_no_letters_before_approval_or_for_those_who_left(roster, approved, user_of, no_rendering):
    draft = valid_jlp_roster(CommitteeFactory())
    with pytest.raises(WrongState):
        services.letters_request(committee=draft, acting_user=user_of("jlp_host"))
    assert services.letters_issue(committee_id=draft.pk, acting_user=user_of("jlp_host")) == []
    seat = CommitteeMember.objects.get(committee=approved, name="周晓燕")
    services.member_leave(seat=seat, acting_user=user_of("jlp_host"), reason="调离本区")
    services.letters_issue(committee_id=approved.pk, acting_user=user_of("jlp_commission"))
    seat.refresh_from_db()
    assert seat.letter is None and letters_of(approved).count() == 7
    with pytest.raises(NotAllowed):
        services.letters_request(committee=approved, acting_user=user_of("hn_commission"))


def test_qingpu_group_issues_no_letters_art17_6(world, user_of, no_rendering):
    """青浦 第十七条（六）: 不得以质控组名义违规颁发各类证书或者专家聘书."""
    centre = CentreFactory(code="310118", host_name="青浦区中心医院", body_kind="qc_group")
    group = CommitteeFactory(centre=centre, kind="expert_group", approved=True)
    SeatFactory(committee=group, person=Person.objects.get(name="徐明"), name="徐明")
    with pytest.raises(RuleRefusal) as refused:
        services.letters_request(committee=group, acting_user=user_of("qp_host"))
    assert refused.value.violations[0].article == "第十七条（六）"
    assert services.letters_issue(committee_id=group.pk, acting_user=user_of("qp_host")) == []
    assert not IssuedDocument.objects.filter(doc_type=LETTER).exists()


def test_jinan_letters_carry_the_commissions_approval_art17_1(world, user_of, no_rendering):
    """济南 第十七条（一）: a centre's documents need the commission's approval first — the letters
    carry the roster's approval; without one the documents app refuses and no letter is issued."""
    from django.utils import timezone

    from rulesets.registry import get_ruleset

    body_kind = get_ruleset("jinan-city-2024").body_kind
    centre = CentreFactory(code="370100", host_name="济南市中心医院", body_kind=body_kind)
    commission = user_of("jn_commission")
    approved = CommitteeFactory(
        centre=centre, approved=True, decided_by=commission, decided_at=timezone.now()
    )
    SeatFactory(committee=approved, name="委员甲")
    (letter,) = services.letters_issue(committee_id=approved.pk, acting_user=user_of("jn_host"))
    assert letter.approved_by == commission and letter.issuer_name == centre.name
    other = CentreFactory(code="370100", host_name="济南市中心医院", body_kind=body_kind)
    unapproved = CommitteeFactory(centre=other, approved=True)  # no record of the commission's approval
    SeatFactory(committee=unapproved, name="委员乙")
    assert services.letters_issue(committee_id=unapproved.pk, acting_user=user_of("jn_host")) == []
    assert not CommitteeMember.objects.filter(committee=unapproved, letter__isnull=False).exists()

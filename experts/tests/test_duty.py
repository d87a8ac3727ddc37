"""Duty hours: the expert records, the secretary confirms or returns, only confirmed hours count; QR
sign-in creates one unconfirmed entry and expires with the activity; the year against the minimum
of 重庆全科 四、(二)1."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from core.errors import InvalidInput, NotAllowed, WrongState
from directory.models import Jurisdiction, Person
from experts import selectors, services
from experts.models import DutyLog

from .factories import (
    ActivityFactory,
    CommitteeFactory,
    DutyLogFactory,
    ExpertFactory,
    LibraryFactory,
    SeatFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def seat(world):
    """张建国 (jlp_expert) on an approved 九龙坡 committee."""
    committee = CommitteeFactory(approved=True)
    return SeatFactory(
        committee=committee, person=Person.objects.get(name="张建国"), name="张建国", role="chair"
    )


def record(user, seat, **kw):
    data = {
        "work_for": f"centre:{seat.committee.centre_id}",
        "worked_on": services.today() - timedelta(days=1),
        "kind": "supervision",
        "hours": "3",
        "description": "督查",
    } | kw
    return services.duty_record(person=user.person, acting_user=user, **data)


def test_expert_records_and_only_confirmed_hours_count(seat, user_of):
    expert = user_of("jlp_expert")
    log = record(expert, seat)
    assert services.confirmed_hours(expert.person, services.today().year) == 0
    services.duty_confirm(log=log, acting_user=user_of("jlp_host"))
    assert services.confirmed_hours(expert.person, services.today().year) == Decimal(3)


def test_refusals_future_date_hours_range_other_place(seat, user_of):
    expert = user_of("jlp_expert")
    with pytest.raises(InvalidInput):
        record(expert, seat, worked_on=services.today() + timedelta(days=1))
    for hours in ("0", "-3", "25", "1e9", "abc", "NaN", "Infinity", "sNaN"):
        with pytest.raises(InvalidInput):
            record(expert, seat, hours=hours)
    other = CommitteeFactory(approved=True)
    with pytest.raises(InvalidInput):
        record(expert, seat, work_for=f"centre:{other.centre_id}")


def test_expert_cannot_record_or_edit_anothers_hours(seat, user_of, client_of, api_of):
    log = record(user_of("jlp_expert"), seat)
    other = user_of("jn_expert")
    with pytest.raises(NotAllowed):
        services.duty_record(
            person=user_of("jlp_expert").person,
            acting_user=other,
            work_for="x",
            worked_on=services.today(),
            kind="review",
            hours="1",
            description="x",
        )
    with pytest.raises(NotAllowed):
        services.duty_update(log=log, acting_user=other, hours="9")
    assert client_of("jn_expert").post(f"/experts/me/hours/{log.pk}/edit/", {"hours": "9"}).status_code == 404
    assert (
        api_of("jn_expert").patch(f"/api/v1/duty-logs/{log.pk}/", {"hours": "9"}, format="json").status_code
        == 404
    )
    log.refresh_from_db()
    assert log.hours == Decimal(3)


def test_secretary_returns_with_reason_expert_resubmits(seat, user_of):
    expert, host = user_of("jlp_expert"), user_of("jlp_host")
    log = record(expert, seat)
    with pytest.raises(InvalidInput):
        services.duty_return(log=log, acting_user=host, reason="")
    services.duty_return(log=log, acting_user=host, reason="请附佐证")
    services.duty_update(log=log, acting_user=expert, evidence="签到表")
    log.refresh_from_db()
    assert log.status == "pending" and log.return_reason == ""
    services.duty_confirm(log=log, acting_user=host)
    with pytest.raises(WrongState):
        services.duty_confirm(log=log, acting_user=host)  # a second click
    with pytest.raises(WrongState):
        services.duty_update(log=log, acting_user=expert, hours="5")


def test_other_centres_host_cannot_confirm(seat, user_of, api_of):
    log = record(user_of("jlp_expert"), seat)
    with pytest.raises(NotAllowed):
        services.duty_confirm(log=log, acting_user=user_of("jn_host"))
    assert api_of("jn_host").post(f"/api/v1/duty-logs/{log.pk}/confirm/").status_code == 404
    assert api_of("jlp_host").post(f"/api/v1/duty-logs/{log.pk}/confirm/").status_code == 200


# --- QR sign-in ------------------------------------------------------------------------------


def test_sign_in_once_twice_does_nothing(seat, user_of):
    activity = ActivityFactory(centre=seat.committee.centre)
    expert = user_of("jlp_expert")
    log, created = services.sign_in(token=activity.sign_in_code.token, acting_user=expert)
    again, created_again = services.sign_in(token=activity.sign_in_code.token, acting_user=expert)
    assert created and not created_again and again.pk == log.pk
    assert log.status == "pending" and log.hours == activity.hours
    assert DutyLog.objects.filter(activity=activity).count() == 1


def test_sign_in_expires_when_activity_ends(seat, user_of):
    activity = ActivityFactory(centre=seat.committee.centre)
    with pytest.raises(WrongState) as refused:
        services.sign_in(
            token=activity.sign_in_code.token,
            acting_user=user_of("jlp_expert"),
            at=activity.ends_at + timedelta(seconds=1),
        )
    assert refused.value.code == "experts_sign_in_expired"


def test_sign_in_refused_to_non_members_and_unknown_code(seat, user_of):
    activity = ActivityFactory(centre=seat.committee.centre)
    with pytest.raises(NotAllowed):
        services.sign_in(token=activity.sign_in_code.token, acting_user=user_of("jn_expert"))
    with pytest.raises(InvalidInput):
        services.sign_in(token="nope", acting_user=user_of("jlp_expert"))


def test_sign_in_page_on_phone_and_api(seat, client_of, api_of):
    activity = ActivityFactory(centre=seat.committee.centre)
    url = f"/experts/s/{activity.sign_in_code.token}/"
    phone = client_of("jlp_expert")
    assert "确认签到" in phone.get(url).content.decode()
    assert phone.post(url).status_code == 302
    assert phone.post(url).status_code == 302  # twice: no second entry
    assert DutyLog.objects.filter(activity=activity).count() == 1
    response = api_of("jlp_expert").post(
        "/api/v1/activities/sign-in/", {"token": activity.sign_in_code.token}, format="json"
    )
    assert response.status_code == 200


def test_activity_page_renders_offline_qr_svg(seat, client_of, user_of):
    host = user_of("jlp_host")
    activity = services.activity_create(
        acting_user=host,
        place=seat.committee.centre,
        kind="meeting",
        title="会议",
        starts_at=timezone.now(),
        ends_at=timezone.now() + timedelta(hours=2),
    )
    page = client_of("jlp_host").get(f"/experts/activities/{activity.pk}/").content.decode()
    assert "<svg" in page and activity.sign_in_code.token in page
    assert client_of("jn_host").get(f"/experts/activities/{activity.pk}/").status_code == 404
    with pytest.raises(InvalidInput):
        services.activity_create(
            acting_user=host,
            place=seat.committee.centre,
            kind="meeting",
            title="已结束",
            starts_at=timezone.now() - timedelta(hours=3),
            ends_at=timezone.now() - timedelta(hours=1),
        )


# --- the year --------------------------------------------------------------------------------


def test_year_against_minimum_from_ruleset_cq_gp_4_2_1(world):
    """重庆全科 四、(二)1.: 市级专家≥40 小时，区域/区县专家≥30 小时 — confirmed hours only."""
    city = ExpertFactory(level="city")
    regional = ExpertFactory(level="regional")
    library = city.library
    for expert, hours in ((city, "35"), (regional, "31")):
        for chunk in range(int(hours) // 5):
            DutyLogFactory(
                person=expert.person,
                centre=None,
                library=library,
                jurisdiction=library.jurisdiction,
                hours=Decimal(5),
                confirmed=True,
            )
        DutyLogFactory(
            person=expert.person,
            centre=None,
            library=library,
            jurisdiction=library.jurisdiction,
            hours=Decimal(5),
        )  # pending: does not count
    year = services.duty_year(city.person, services.today().year)
    assert (year["minimum"], year["article"], year["behind"]) == (40, "四、(二)1.", True)
    assert year["percent"] == 87 and year["violations"][0].code == "experts.city_min_duty_hours"
    assert services.duty_year(regional.person, services.today().year)["behind"] is False


def test_overview_sorted_behind_first(world, user_of, client_of):
    a, b = ExpertFactory(level="city"), ExpertFactory(level="city")
    DutyLogFactory(
        person=a.person,
        centre=None,
        library=a.library,
        jurisdiction=a.library.jurisdiction,
        hours=Decimal(8),
        confirmed=True,
    )
    rows = selectors.hours_overview(user=user_of("cq_qc_office"), year=services.today().year, sort="behind")
    names = [r["name"] for r in rows]
    assert names.index(b.person.name) < names.index(a.person.name)
    assert not selectors.hours_overview(user=user_of("jn_qc_office"), year=services.today().year).exists()
    page = client_of("cq_qc_office").get("/experts/hours/")
    assert page.status_code == 200 and b.person.name in page.content.decode()


def test_my_hours_page_phone_form_keeps_input_on_refusal(seat, client_of):
    phone = client_of("jlp_expert")
    response = phone.post(
        "/experts/me/hours/",
        {
            "work_for": f"centre:{seat.committee.centre_id}",
            "worked_on": str(services.today() + timedelta(days=3)),
            "kind": "review",
            "on_site": "1",
            "hours": "2",
            "description": "未来的工作",
        },
    )
    assert response.status_code == 200  # the form again, with the refusal and what was typed
    body = response.content.decode()
    assert "日期不能晚于今天" in body and "未来的工作" in body


def test_pages_anonymous_and_query_counts(seat, client, client_of, django_assert_max_num_queries):
    assert client.get("/experts/me/hours/").status_code == 302
    assert client.get("/experts/duty/").status_code == 302
    for _ in range(5):
        DutyLogFactory(centre=seat.committee.centre, jurisdiction=seat.committee.centre.jurisdiction)
    with django_assert_max_num_queries(25):
        assert client_of("jlp_host").get("/experts/duty/").status_code == 200
    with django_assert_max_num_queries(30):
        assert client_of("jlp_expert").get("/experts/me/hours/").status_code == 200


def test_evidence_upload_on_own_entry(seat, user_of, client_of):
    from django.core.files.base import ContentFile

    from attachments.demo import minimal_pdf
    from attachments.selectors import may_attach
    from attachments.services import attachment_store

    log = record(user_of("jlp_expert"), seat)
    assert may_attach(user=user_of("jlp_expert"), subject=log)
    assert not may_attach(user=user_of("jn_expert"), subject=log)
    attachment_store(
        file=ContentFile(minimal_pdf(["sign-in sheet"]), name="签到表.pdf"),
        kind="experts.duty_evidence",
        subject=log,
        acting_user=user_of("jlp_expert"),
    )
    page = client_of("jlp_expert").get(f"/experts/me/hours/{log.pk}/edit/").content.decode()
    assert "签到表.pdf" in page


def test_evidence_shown_to_the_secretary_and_fixed_once_confirmed(seat, user_of, client_of):
    """The secretary confirms with the evidence files at hand; a confirmed entry is what the year
    counts, so its evidence can no longer be added or withdrawn (by page or crafted POST)."""
    from django.core.files.base import ContentFile

    from attachments.demo import minimal_pdf
    from attachments.selectors import may_attach
    from attachments.services import attachment_store

    expert = user_of("jlp_expert")
    log = record(expert, seat)
    stored = attachment_store(
        file=ContentFile(minimal_pdf(["sign-in sheet"]), name="签到表.pdf"),
        kind="experts.duty_evidence",
        subject=log,
        acting_user=expert,
    )
    queue = client_of("jlp_host").get("/experts/duty/").content.decode()
    assert "签到表.pdf" in queue and f"/attachments/{stored.pk}/download/" in queue
    services.duty_confirm(log=log, acting_user=user_of("jlp_host"))
    log.refresh_from_db()
    assert not may_attach(user=expert, subject=log)
    response = client_of("jlp_expert").post(f"/attachments/{stored.pk}/delete/", {"reason": "传错了"})
    assert response.status_code == 403


def test_sign_in_entry_keeps_the_activitys_date_kind_and_hours(seat, user_of, api_of):
    """A QR entry's hours are the activity's: the expert adds a description or evidence, but cannot
    turn a 3-hour training into 24 hours (service and API)."""
    activity = ActivityFactory(centre=seat.committee.centre)
    expert = user_of("jlp_expert")
    log, _ = services.sign_in(token=activity.sign_in_code.token, acting_user=expert)
    with pytest.raises(InvalidInput) as refused:
        services.duty_update(log=log, acting_user=expert, hours="24")
    assert "以活动为准" in refused.value.message
    response = api_of("jlp_expert").patch(f"/api/v1/duty-logs/{log.pk}/", {"hours": "12"}, format="json")
    assert response.status_code == 400
    services.duty_update(log=log, acting_user=expert, hours=str(activity.hours), description="授课两学时")
    log.refresh_from_db()
    assert (log.hours, log.description) == (activity.hours, "授课两学时")


def test_no_hours_before_the_post_or_for_a_year_already_graded(seat, user_of, world):
    """Hours count from the committee's term (or the library appointment) on, and a year whose
    grading is finalised (重庆全科 四、(二)4.) takes no more hours, entered or confirmed."""
    from experts.models import Grading

    expert = user_of("jlp_expert")
    before = seat.committee.term_starts_on - timedelta(days=1)
    with pytest.raises(InvalidInput) as refused:
        record(expert, seat, worked_on=before)
    assert "任职" in refused.value.message
    zhou = ExpertFactory(person=Person.objects.get(name="周晓燕"), level="regional")
    me, office = user_of("cq_expert"), user_of("cq_qc_office")
    key = f"library:{zhou.library_id}"
    with pytest.raises(InvalidInput):
        services.duty_record(
            person=zhou.person,
            acting_user=me,
            work_for=key,
            worked_on=zhou.appointed_on - timedelta(days=1),
            kind="review",
            hours=2,
            description="x",
        )
    last_year = services.today().replace(year=services.today().year - 1, month=6, day=1)
    pending = services.duty_record(
        person=zhou.person,
        acting_user=me,
        work_for=key,
        worked_on=last_year,
        kind="review",
        hours=2,
        description="x",
    )
    Grading.objects.create(library=zhou.library, year=last_year.year, status="finalised")
    with pytest.raises(WrongState):
        services.duty_record(
            person=zhou.person,
            acting_user=me,
            work_for=key,
            worked_on=last_year,
            kind="review",
            hours=2,
            description="y",
        )
    with pytest.raises(WrongState):
        services.duty_confirm(log=pending, acting_user=office)


def test_secretary_never_confirms_own_hours(seat, user_of):
    """A host's staff who also sits on the committee records hours as themself but cannot confirm them."""
    host = user_of("jlp_host")
    from .factories import person

    yuan = person("袁志刚", "九龙坡区人民医院")
    host.person = yuan
    host.save(update_fields=["person"])
    SeatFactory(committee=seat.committee, person=yuan, name="袁志刚", role="vice_chair")
    log = record(host, seat)
    with pytest.raises(NotAllowed):
        services.duty_confirm(log=log, acting_user=host)
    services.duty_confirm(log=log, acting_user=user_of("jlp_qc_office"))  # someone else may


def test_activity_hours_cannot_exceed_its_span(seat, user_of):
    """The walk: a 2-hour meeting was created crediting 20 hours to everyone who signed in."""
    host = user_of("jlp_host")
    start = timezone.now()
    place = seat.committee.centre
    kwargs = dict(acting_user=host, place=place, kind="meeting", title="会议", starts_at=start)
    with pytest.raises(InvalidInput) as refused:
        services.activity_create(ends_at=start + timedelta(hours=2), hours="20", **kwargs)
    assert "活动时长" in refused.value.message
    # a two-day inspection left blank: asked for the hours to credit, not "不超过 24 小时"
    with pytest.raises(InvalidInput) as refused:
        services.activity_create(ends_at=start + timedelta(days=2), **kwargs)
    assert "计入时长" in refused.value.message
    ok = services.activity_create(ends_at=start + timedelta(days=2), hours="8", **kwargs)
    assert ok.hours == 8


def test_a_days_hours_add_up_to_at_most_24(seat, user_of):
    """The walk: two entries of 20 hours on the same day were both accepted (40 h in one day)."""
    expert = user_of("jlp_expert")
    first = record(expert, seat, hours="20")
    with pytest.raises(InvalidInput) as refused:
        record(expert, seat, hours="20")
    assert "24" in refused.value.message and "20" in refused.value.message
    record(expert, seat, hours="4")  # up to 24 h in all
    other = record(expert, seat, hours="1", worked_on=services.today() - timedelta(days=2))
    with pytest.raises(InvalidInput):  # moving an entry onto the full day
        services.duty_update(log=other, acting_user=expert, worked_on=first.worked_on)
    services.duty_update(log=first, acting_user=expert, hours="19")  # its own hours are not counted twice


def test_a_sign_in_counts_towards_the_days_24_hours(seat, user_of):
    """Signing in by QR code was the one way in that did not add up the day: 20 hours typed, then a
    3-hour activity scanned on the same day made 23, a second one 26."""
    expert = user_of("jlp_expert")
    first = ActivityFactory(centre=seat.committee.centre)
    day = timezone.localtime(first.starts_at).date()
    record(expert, seat, hours="20", worked_on=day)
    services.sign_in(token=first.sign_in_code.token, acting_user=expert)  # 23 h
    second = ActivityFactory(centre=seat.committee.centre)
    with pytest.raises(InvalidInput) as refused:
        services.sign_in(token=second.sign_in_code.token, acting_user=expert)
    assert "24" in refused.value.message and "23" in refused.value.message
    assert not DutyLog.objects.filter(activity=second).exists()


def test_edit_page_shows_the_entrys_date_and_place_and_refuses_a_confirmed_one(seat, user_of, client_of):
    """The walk: the edit form showed an empty date (2026/12/01 in a date input) and the place "-",
    and a confirmed entry offered 保存并重新提交."""
    expert = user_of("jlp_expert")
    log = record(expert, seat)
    page = client_of("jlp_expert").get(f"/experts/me/hours/{log.pk}/edit/").content.decode()
    assert f'value="{log.worked_on:%Y-%m-%d}"' in page
    assert seat.committee.centre.name in page
    services.duty_confirm(log=log, acting_user=user_of("jlp_host"))
    response = client_of("jlp_expert").get(f"/experts/me/hours/{log.pk}/edit/", follow=True)
    body = response.content.decode()
    assert "已确认，不能修改" in body and "保存并重新提交" not in body


@pytest.mark.parametrize(
    "username", ["jlp_host", "jlp_qc_office", "cq_qc_office", "cq_commission", "jlp_expert", "jn_host"]
)
def test_activity_places_are_the_secretarys_own(world, user_of, username):
    """The places offered for a sign-in activity are those where the user is the secretary (the
    host's staff for its centres, the office or commission of the jurisdiction for its centres and
    library), read from the database's narrowed list (issue 14), exactly as the policy over every
    place in scope gives them."""
    from centres.models import Centre
    from experts import policies, views
    from experts.models import Library

    CommitteeFactory()
    LibraryFactory()
    LibraryFactory(jurisdiction=Jurisdiction.objects.get(code="500107"), name="九龙坡区全科专家库")
    user = user_of(username)
    every = [
        f"centre:{c.pk}"
        for c in Centre.objects.for_user(user).filter(status="active")
        if policies.may_create_activity(user, jurisdiction=c.jurisdiction, centre=c)
    ] + [
        f"library:{lib.pk}"
        for lib in Library.objects.for_user(user)
        if policies.may_create_activity(user, jurisdiction=lib.jurisdiction, library=lib)
    ]
    assert sorted(key for key, _label, _obj in views._secretary_places(user)) == sorted(every)
    if username in ("jlp_host", "jlp_qc_office", "cq_qc_office"):
        assert every  # each of them is the secretary of something here

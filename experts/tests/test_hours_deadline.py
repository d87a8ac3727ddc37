"""The year-end duty-hours deadline (重庆全科 四、(二)1.: 市级专家年度参与质控工作≥40 小时, 区域/区县
专家≥30 小时): opened once for each expert short of the minimum of their level, due at the end of the
year, reminded by the deadlines sweep (inbox and e-mail, once), met when the confirmed hours reach
the minimum; the minimum and the article come from the rule set."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import User
from core.errors import InvalidInput, NotAllowed
from core.workflow import today
from deadlines.dates import end_of_year
from deadlines.models import Deadline, InboxMessage
from deadlines.services import deadlines_sweep
from directory.models import Person
from experts import services
from experts.models import DutyLog, HoursYear
from rulesets.registry import get_ruleset

from .factories import ExpertFactory

pytestmark = pytest.mark.django_db

KIND = "experts.duty_hours"
RULESET = get_ruleset("cq-gp-experts-2020")


@pytest.fixture
def zhou(world, time_machine):
    """周晓燕 (login cq_expert), a city expert of the library, on 2 November 2026."""
    time_machine.move_to("2026-11-02 10:00 +08:00", tick=False)
    User.objects.filter(username="cq_expert").update(email="zhouxy@cq.example.cn")
    return ExpertFactory(person=Person.objects.get(name="周晓燕"), level="city")


def confirmed(expert, hours, office, days_ago=3):
    log = DutyLog.objects.create(
        person=expert.person,
        jurisdiction=expert.library.jurisdiction,
        library=expert.library,
        worked_on=today() - timedelta(days=days_ago),
        kind="review",
        hours=Decimal(hours),
        description="质控数据审核",
    )
    return services.duty_confirm(log=log, acting_user=office)


def deadlines_of(expert):
    return Deadline.objects.filter(kind=KIND, person=expert.person)


def test_opened_once_for_each_expert_short_of_the_minimum_cq_gp_4_2_1(zhou, user_of):
    """四、(二)1.: the minimum of the expert's level, from the rule set with its article."""
    office = user_of("cq_qc_office")
    regional = ExpertFactory(level="regional")
    for _ in range(8):  # 32 h ≥ the regional minimum: no deadline
        confirmed(regional, 4, office)
    opened = services.hours_deadlines_open(library=zhou.library, acting_user=office)
    assert [d.person for d in opened] == [zhou.person]
    deadline = opened[0]
    minimum = RULESET.param("experts.city_min_duty_hours")
    assert deadline.article == minimum.article == "四、(二)1."
    assert deadline.ruleset_code == RULESET.code
    assert f"不少于{minimum.value}小时" in deadline.title
    assert deadline.due_at == end_of_year(today().year)
    assert HoursYear.objects.get(expert=zhou).minimum == Decimal(str(minimum.value))
    assert not deadlines_of(regional).exists()
    # idempotent: the page twice, the daily task, all at once
    services.hours_deadlines_open(library=zhou.library, acting_user=office)
    services.hours_deadlines_open()
    from experts.tasks import open_hours_deadlines

    open_hours_deadlines.apply()
    assert deadlines_of(zhou).count() == 1 and HoursYear.objects.filter(expert=zhou).count() == 1


def test_met_automatically_when_confirmed_hours_reach_the_minimum(zhou, user_of):
    office, me = user_of("cq_qc_office"), user_of("cq_expert")
    (deadline,) = services.hours_deadlines_open(library=zhou.library, acting_user=office)
    for _ in range(9):
        confirmed(zhou, 4, office)  # 36 h
    log = services.duty_record(
        person=zhou.person,
        acting_user=me,
        work_for=f"library:{zhou.library_id}",
        worked_on=today() - timedelta(days=1),
        kind="supervision",
        hours=4,
        description="督查",
    )
    deadline = Deadline.objects.get(pk=deadline.pk)
    assert deadline.state == "open"  # 36 confirmed + 4 pending: only confirmed hours count
    services.duty_confirm(log=log, acting_user=office)
    deadline = Deadline.objects.get(pk=deadline.pk)
    assert deadline.state == "met" and deadline.met_at is not None
    # met stays met; opening again does not open a second one
    services.hours_deadlines_open(library=zhou.library, acting_user=office)
    assert deadlines_of(zhou).count() == 1


def test_reminder_emailed_once(zhou, user_of, django_capture_on_commit_callbacks, time_machine):
    """Reminded by the existing sweep: an inbox message and one e-mail, however often it runs."""
    (deadline,) = services.hours_deadlines_open(library=zhou.library, acting_user=user_of("cq_qc_office"))
    time_machine.move_to("2026-12-26 09:00 +08:00", tick=False)  # inside the 7-day lead
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            deadlines_sweep(now=timezone.now())
    assert [m.to for m in mail.outbox] == [["zhouxy@cq.example.cn"]]
    assert "年度履职时长" in mail.outbox[0].subject
    inbox = InboxMessage.objects.filter(user__username="cq_expert", reminder__deadline=deadline)
    assert inbox.count() == 1


def test_scoping_the_expert_sees_their_own_and_the_office_its_library(zhou, user_of, client_of):
    office = user_of("cq_qc_office")
    (deadline,) = services.hours_deadlines_open(library=zhou.library, acting_user=office)
    assert Deadline.objects.for_user(user_of("cq_expert")).filter(pk=deadline.pk).exists()
    assert not Deadline.objects.for_user(user_of("jlp_expert")).filter(pk=deadline.pk).exists()
    assert not Deadline.objects.for_user(user_of("jn_commission")).filter(pk=deadline.pk).exists()
    assert Deadline.objects.for_user(office).filter(pk=deadline.pk).exists()
    assert client_of("jlp_expert").get(f"/deadlines/{deadline.pk}/").status_code == 404
    assert client_of("cq_expert").get(f"/deadlines/{deadline.pk}/").status_code == 200
    assert "年度履职时长" in client_of("cq_expert").get("/deadlines/").content.decode()


def test_who_may_open_and_which_year(zhou, user_of, client_of, api_of):
    url = f"/experts/hours/deadlines/{zhou.library_id}/"
    assert client_of("cq_expert").post(url).status_code == 403  # sees the library, may not open
    assert client_of("jlp_host").post(url).status_code == 404  # not in scope
    with pytest.raises(NotAllowed):
        services.hours_deadlines_open(library=zhou.library, acting_user=user_of("jlp_commission"))
    with pytest.raises(InvalidInput):  # a past year would fall due at once; a future one has no hours
        services.hours_deadlines_open(
            year=today().year - 1, library=zhou.library, acting_user=user_of("cq_qc_office")
        )
    with pytest.raises(InvalidInput):
        services.hours_deadlines_open(year=today().year + 1)
    assert client_of("cq_qc_office").post(url).status_code == 302
    assert deadlines_of(zhou).count() == 1
    api = "/api/v1/duty-logs/open-deadlines/"
    assert api_of("cq_expert").post(api, {"library": zhou.library_id}, format="json").status_code == 403
    assert api_of("jlp_host").post(api, {"library": zhou.library_id}, format="json").status_code == 404
    response = api_of("cq_qc_office").post(api, {"library": zhou.library_id}, format="json")
    assert response.status_code == 200 and len(response.json()["opened"]) == 1
    assert deadlines_of(zhou).count() == 1


def test_exit_waives_the_year_and_exited_experts_get_none(zhou, user_of):
    office = user_of("cq_qc_office")
    (deadline,) = services.hours_deadlines_open(library=zhou.library, acting_user=office)
    services.expert_exit(expert=zhou, acting_user=office, kind="incapacity", reason="长期病休")
    deadline = Deadline.objects.get(pk=deadline.pk)
    assert deadline.state == "waived" and "退出" in deadline.waived_reason
    gone = ExpertFactory(exited=True)
    services.hours_deadlines_open()
    assert not deadlines_of(gone).exists()

"""Issue 8, defect 10: two staff deciding the same record at once, on PostgreSQL with two real
connections. Exactly one wins; the other is told it lost (WrongState, 409 in the API, a message on
the page), and there is one change, one audit entry. Two open calls for one centre are impossible:
the database refuses the second."""

from datetime import date

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction

from centres.models import Centre, HostingTerm, Objection, SelectionCall
from centres.services import selection as services
from centres.tests.test_selection import open_call, through_review
from tests.concurrency import race

pytestmark = pytest.mark.django_db(transaction=True)


def events(model, pk, label="update"):
    event_model = apps.get_model("centres", f"{model.__name__}Event")
    return event_model.objects.filter(pgh_obj_id=pk, pgh_label=label).count()


@pytest.fixture
def notice_with_objection(jlp_centre, u, complete, at):
    at("2026-03-02 09:00")
    call = open_call(jlp_centre, u("jlp_commission"))
    application, _ = through_review(call, u, complete, at)
    services.call_select(
        call=call, application=application, reasons="综合实力最强", acting_user=u("jlp_commission")
    )
    notice = services.notice_publish(
        call=call, starts_on=date(2026, 3, 2), working_days=5, acting_user=u("jlp_commission")
    )
    objection = services.objection_lodge(
        notice=notice, name="王某", contact="13800000000", content="资历不符"
    )
    return call, objection


def test_two_staff_handling_one_objection_at_once(notice_with_objection, u):
    """One objection, upheld and dismissed at the same moment by two commission staff: one wins."""
    _call, objection = notice_with_objection
    pk = objection.pk
    before = events(Objection, pk)

    def handle(handling):
        return lambda: services.objection_handle(
            objection=Objection.objects.get(pk=pk),
            handling=handling,
            note="处理",
            acting_user=u("jlp_commission"),
        )

    # the loser is told of the conflict either way: it lost the UPDATE (changed_concurrently) or
    # read the row after the winner's commit (wrong_state)
    outcomes = race(handle("upheld"), handle("dismissed"))
    assert outcomes in (["changed_concurrently", "won"], ["won", "wrong_state"])
    assert Objection.objects.get(pk=pk).handling in ("upheld", "dismissed")
    assert events(Objection, pk) - before == 1
    assert Centre.objects.get(pk=_call.centre_id).timeline.filter(kind="objection_handled").count() == 1


def test_two_decisions_to_establish_at_once(notice_with_objection, u, at):
    call, objection = notice_with_objection
    services.objection_handle(
        objection=objection, handling="dismissed", note="不成立", acting_user=u("jlp_commission")
    )
    at("2026-03-09 09:00")

    def establish():
        services.centre_establish(call=SelectionCall.objects.get(pk=call.pk), acting_user=u("jlp_commission"))

    assert race(establish, establish) == ["changed_concurrently", "won"]
    assert HostingTerm.objects.filter(centre=call.centre_id).count() == 1
    assert Centre.objects.get(pk=call.centre_id).timeline.filter(kind="established").count() == 1


def test_two_calls_published_at_once_for_one_centre(jlp_centre, u, at):
    at("2026-03-02 09:00")
    outcomes = race(
        lambda: open_call(jlp_centre, u("jlp_commission")), lambda: open_call(jlp_centre, u("jlp_commission"))
    )
    assert outcomes == ["call_in_progress", "won"]
    assert SelectionCall.objects.filter(centre=jlp_centre).count() == 1


def test_the_database_refuses_a_second_running_call(jlp_centre, u, at):
    at("2026-03-02 09:00")
    call = open_call(jlp_centre, u("jlp_commission"))
    with pytest.raises(IntegrityError), transaction.atomic():
        SelectionCall.objects.create(
            centre=jlp_centre,
            title="绕过服务",
            ruleset_code=call.ruleset_code,
            created_by=u("jlp_commission"),
            status="open",
        )

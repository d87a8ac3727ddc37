"""Workflows open and close deadlines through one service; the state machine and its guards."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from accounts.models import User
from core.errors import InvalidInput, NotAllowed, WrongState
from deadlines import kinds, services
from deadlines.models import Deadline
from directory.models import Institution

from .conftest import at

pytestmark = pytest.mark.django_db


def test_open_records_the_obligation_with_its_subject_article_and_scope(open_deadline, jlp):
    d = open_deadline(acting_user=User.objects.get(username="jlp_commission"))
    assert d.state == Deadline.State.OPEN
    assert d.subject == Institution.objects.get(name="九龙坡区人民医院")
    assert (d.jurisdiction, d.article, d.ruleset_code) == (jlp, "第十二条", "cq-jiulongpo-2025")
    assert d.due_at == at("2026-03-10 23:59:59")
    assert d.created_by.username == "jlp_commission"


def test_opening_the_same_obligation_again_returns_it(open_deadline):
    assert open_deadline().pk == open_deadline().pk
    assert Deadline.objects.count() == 1


def test_opening_it_again_with_another_due_date_is_refused(open_deadline):
    open_deadline()
    with pytest.raises(services.DeadlineError) as exc:
        open_deadline(due="2026-04-10 23:59:59")
    assert exc.value.code == "deadline_already_open"


def test_unknown_kinds_and_naive_due_dates_are_refused(open_deadline):
    with pytest.raises(kinds.UnknownKind):
        open_deadline(kind="no.such.kind")
    with pytest.raises(ValueError):
        open_deadline(due=dt.datetime(2026, 3, 10, 23, 59))


def test_the_database_allows_one_pending_deadline_per_subject_and_kind(open_deadline):
    d = open_deadline()
    with pytest.raises(IntegrityError), transaction.atomic():
        Deadline.objects.create(
            kind=d.kind,
            title="dup",
            content_type=d.content_type,
            object_id=d.object_id,
            jurisdiction=d.jurisdiction,
            due_at=d.due_at,
        )


def test_meet_by_subject_and_kind_closes_the_pending_one(open_deadline):
    d = open_deadline()
    met = services.deadline_meet(subject=d.subject, kind="chair.replacement")
    d = Deadline.objects.get(pk=d.pk)
    assert met.pk == d.pk and d.state == Deadline.State.MET and d.met_at is not None
    # fulfilling again is no error, and a new obligation of the kind may now be opened
    assert services.deadline_meet(subject=d.subject, kind="chair.replacement") is None
    assert open_deadline(due="2027-01-01 23:59:59").pk != d.pk


def test_an_overdue_deadline_can_still_be_met(open_deadline):
    d = open_deadline(due="2020-01-01 23:59:59")
    services.deadline_mark_overdue(deadline=d)
    services.deadline_meet(deadline=Deadline.objects.get(pk=d.pk))
    assert Deadline.objects.get(pk=d.pk).state == Deadline.State.MET


def test_a_closed_deadline_cannot_be_met_or_waived_again(open_deadline, user_of):
    d = open_deadline()
    services.deadline_meet(deadline=d)
    with pytest.raises(WrongState) as exc:
        services.deadline_meet(deadline=Deadline.objects.get(pk=d.pk))
    assert exc.value.code == "deadline_not_pending"
    with pytest.raises(WrongState):
        services.deadline_waive(
            deadline=Deadline.objects.get(pk=d.pk), reason="x", acting_user=user_of("jlp_commission")
        )


def test_of_two_concurrent_changes_one_wins(open_deadline, user_of):
    d = open_deadline()
    stale = Deadline.objects.get(pk=d.pk)
    services.deadline_meet(deadline=d)
    with pytest.raises(WrongState) as exc:
        services.deadline_waive(deadline=stale, reason="已另行处理", acting_user=user_of("jlp_commission"))
    assert exc.value.code == "changed_concurrently"
    assert Deadline.objects.get(pk=d.pk).state == Deadline.State.MET


def test_the_state_cannot_be_set_directly(open_deadline):
    d = open_deadline()
    with pytest.raises(AttributeError):
        d.state = Deadline.State.MET


def test_waive_records_reason_who_and_when(open_deadline, user_of):
    d = services.deadline_waive(
        deadline=open_deadline(), reason="  中心已撤销，无需更换  ", acting_user=user_of("jlp_qc_office")
    )
    d = Deadline.objects.get(pk=d.pk)
    assert d.state == Deadline.State.WAIVED
    assert (
        d.waived_reason == "中心已撤销，无需更换" and d.waived_by.username == "jlp_qc_office" and d.waived_at
    )


def test_waive_needs_a_reason(open_deadline, user_of):
    with pytest.raises(InvalidInput) as exc:
        services.deadline_waive(deadline=open_deadline(), reason="   ", acting_user=user_of("jlp_commission"))
    assert exc.value.code == "waive_reason_required" and exc.value.message == "请填写豁免理由。"


@pytest.mark.parametrize("username", ["jlp_auditor", "jlp_host", "jlp_expert", "jn_commission"])
def test_only_the_commission_in_scope_may_waive(open_deadline, user_of, username):
    with pytest.raises(NotAllowed):
        services.deadline_waive(deadline=open_deadline(), reason="x", acting_user=user_of(username))


def test_a_city_commission_may_waive_a_district_deadline(open_deadline, user_of):
    d = services.deadline_waive(
        deadline=open_deadline(), reason="市级统一安排", acting_user=user_of("cq_commission")
    )
    assert d.state == Deadline.State.WAIVED


def test_the_history_records_each_change(open_deadline):
    d = open_deadline()
    services.deadline_meet(deadline=d)
    states = list(
        Deadline.pgh_event_model.objects.filter(pgh_obj_id=d.pk)
        .order_by("pgh_id")
        .values_list("state", flat=True)
    )
    assert states == ["open", "met"]


@pytest.mark.parametrize(
    "user,scope",
    [
        ("jlp_commission", True),
        ("cq_commission", True),
        ("jlp_auditor", True),
        ("jlp_host", True),
        ("jlp_scorer", False),
        ("jn_commission", False),
        ("cq_district_reviewer", False),
        ("jlp_expert", False),
    ],
)
def test_scope_follows_jurisdiction_institution_and_person(open_deadline, user_of, user, scope):
    d = open_deadline()
    assert Deadline.objects.for_user(user_of(user)).filter(pk=d.pk).exists() is scope

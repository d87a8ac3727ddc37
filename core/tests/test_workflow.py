"""The workflow kit every service uses (core/workflow.py, core/errors.py, core/policies.py,
core/platform.py, core/dates.py)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from core import platform, workflow
from core.dates import add_years, years_before
from core.errors import NotAllowed, RuleRefusal, WrongState
from core.policies import acts_for, oversees, require
from deadlines import services as deadline_services
from deadlines.models import Deadline
from directory.models import Institution, Jurisdiction
from rulesets.engine.violations import Violation
from rulesets.registry import get_ruleset
from tests.concurrency import race


@pytest.fixture
def deadline(world):
    institution = Institution.objects.get(name="九龙坡区人民医院")
    return deadline_services.deadline_open(
        kind="handover",
        title="交接",
        subject=institution,
        jurisdiction=institution.jurisdiction,
        due_at=timezone.now() + timedelta(days=30),
    )


def test_transition_moves_the_state_and_saves_the_fields_it_names(deadline):
    workflow.transition(deadline, "meet", update_fields=("met_at",), at=timezone.now())
    row = Deadline.objects.get(pk=deadline.pk)
    assert row.state == Deadline.State.MET and row.met_at is not None


def test_a_step_the_state_does_not_allow_is_a_wrong_state_with_the_message(deadline):
    workflow.transition(deadline, "meet", update_fields=("met_at",), at=timezone.now())
    with pytest.raises(WrongState) as refused:
        workflow.transition(
            deadline, "meet", message="已完成的期限不能再次完成。", code="not_pending", at=timezone.now()
        )
    assert (refused.value.code, refused.value.message, refused.value.status_code) == (
        "not_pending",
        "已完成的期限不能再次完成。",
        409,
    )


def test_a_stale_copy_loses_the_race_and_changes_nothing(deadline):
    stale = Deadline.objects.get(pk=deadline.pk)
    workflow.transition(deadline, "meet", update_fields=("met_at",), at=timezone.now())
    with pytest.raises(WrongState) as refused:
        workflow.transition(
            stale,
            "waive",
            update_fields=("waived_reason", "waived_by", "waived_at"),
            reason="x",
            by=None,
            at=timezone.now(),
        )
    assert refused.value.code == "changed_concurrently"
    assert Deadline.objects.get(pk=deadline.pk).state == Deadline.State.MET


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_transitions_have_exactly_one_winner(world):
    """Two connections decide the same row at once on PostgreSQL: one UPDATE wins, the other
    waits for its commit, then matches no row and is told so."""
    institution = Institution.objects.get(name="九龙坡区人民医院")
    pk = deadline_services.deadline_open(
        kind="handover",
        title="交接",
        subject=institution,
        jurisdiction=institution.jurisdiction,
        due_at=timezone.now() + timedelta(days=30),
    ).pk
    # each side read the row before either decides, as two open pages would
    to_meet, to_waive = Deadline.objects.get(pk=pk), Deadline.objects.get(pk=pk)
    outcomes = race(
        lambda: workflow.transition(to_meet, "meet", update_fields=("met_at",), at=timezone.now()),
        lambda: workflow.transition(
            to_waive,
            "waive",
            update_fields=("waived_reason", "waived_by", "waived_at"),
            reason="x",
            by=None,
            at=timezone.now(),
        ),
    )
    assert outcomes == ["changed_concurrently", "won"]
    assert Deadline.objects.get(pk=pk).state in (Deadline.State.MET, Deadline.State.WAIVED)


def _v(strictness):
    return Violation(
        "committee.max_members", "第十一条（一）", "第十一条（一）：委员数原则上不超过20人", strictness
    )


def test_a_mandatory_breach_refuses_whatever_the_justification():
    with pytest.raises(RuleRefusal) as refused:
        workflow.refuse_unless_allowed([_v("mandatory"), _v("in_principle")], justification="理由充分")
    assert refused.value.code == "rule_violation" and [v.strictness for v in refused.value.violations] == [
        "mandatory"
    ]


def test_an_in_principle_breach_needs_a_written_justification_and_is_returned_for_the_approver():
    with pytest.raises(RuleRefusal) as refused:
        workflow.refuse_unless_allowed([_v("in_principle")], justification="  ")
    assert refused.value.code == "justification_required"
    departures = workflow.refuse_unless_allowed(
        [_v("in_principle"), _v("preferred")], justification="学科需要"
    )
    assert departures == [_v("in_principle")]


def test_ruleset_for_follows_the_subject_to_its_governing_record(world):
    district = Jurisdiction.objects.get(name="九龙坡区")

    class Centre:
        jurisdiction, body_kind = district, "district_centre"

    class Committee:
        def ruleset_subject(self):
            return Centre()

    assert workflow.ruleset_for(Committee(), on=date(2026, 6, 1)).code == "cq-jiulongpo-2025"


def test_the_timeline_records_who_did_what_under_which_article(deadline, user_of):
    entry = workflow.timeline_add(
        deadline,
        kind="met",
        title="已完成交接",
        actor=user_of("jlp_commission"),
        article="第十二条",
        note="x",
    )
    assert list(workflow.timeline_for(deadline)) == [entry]
    assert (entry.actor.username, entry.article) == ("jlp_commission", "第十二条")
    assert entry.detail == {"note": "x"}


def test_a_commission_acts_for_its_own_jurisdiction_and_oversees_those_below(user_of):
    district = Jurisdiction.objects.get(name="九龙坡区")
    city, own = user_of("cq_commission"), user_of("jlp_commission")
    assert acts_for(own, district) and not acts_for(city, district) and oversees(city, district)
    assert not acts_for(user_of("jlp_auditor"), district)
    with pytest.raises(NotAllowed) as refused:
        require(acts_for(city, district), "只有本级卫生健康委可以决定。")
    assert refused.value.status_code == 403


def test_an_app_platform_declares_its_registrations_once():
    from deadlines import kinds

    declared = platform.AppPlatform(
        app="kit_test", deadline_kinds=lambda: [kinds.DeadlineKind("kit_test.kind", "测试期限")]
    )
    installed = platform.install(declared)
    assert kinds.get("kit_test.kind").label == "测试期限" and installed in platform.platforms()


def test_years_are_added_on_the_calendar_day_and_29_february_falls_back():
    assert add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert years_before(date(2026, 12, 1), 3) == date(2023, 12, 1)


def test_a_ruleset_answers_an_absent_rule_with_the_default():
    ruleset = get_ruleset("cq-jiulongpo-2025")
    key = next(iter(ruleset.parameters))
    assert ruleset.get(key) == ruleset.value(key) and ruleset.article(key) == ruleset.param(key).article
    absent = "setup.max_terms_before_reselection"  # a 济南 rule (第二十一条), not 九龙坡's
    assert not ruleset.has(absent) and get_ruleset("jinan-city-2024").has(absent)
    assert ruleset.get(absent, "默认") == "默认" and ruleset.article(absent) == ""

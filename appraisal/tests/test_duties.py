"""A centre's yearly duties from the rule set in force (九龙坡 第八条（五）、第十三条、
第十四条; 济南 第十一条、第十二条; 河南 七个一), judged by rulesets.engine.duties.check_duties."""

from datetime import date

import pytest

from appraisal import duties, services
from core.errors import InvalidInput, NotAllowed, RuleRefusal, WrongState
from deadlines.models import Deadline

from .factories import CentreFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def centre(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return CentreFactory(specialty__name="心血管内科")


def _status(centre, year, kind, on):
    return next(r for r in duties.year_at_a_glance(centre, year, on=on) if r["kind"] == kind)


def training(centre, u, day):
    r = services.duty_record(
        centre=centre,
        year=day.year,
        kind="training",
        title="质控培训",
        done_on=day,
        acting_user=u("jlp_host"),
    )
    return services.duty_confirm(record=r, acting_user=u("jlp_qc_office"))


def test_jiulongpo_two_trainings_a_year_第八条五(u, centre, at):
    at("2026-07-01 09:00")
    assert _status(centre, 2026, "training", date(2026, 7, 1))["status"] == "due"
    training(centre, u, date(2026, 3, 1))
    row = _status(centre, 2026, "training", date(2027, 1, 2))
    assert row["status"] == "overdue" and row["article"] == "第八条（五）" and "开展1次" in row["message"]
    training(centre, u, date(2026, 6, 1))
    assert _status(centre, 2026, "training", date(2027, 1, 2))["status"] == "done"


def test_an_unconfirmed_record_does_not_count(u, centre, at):
    at("2026-07-01 09:00")
    for day in (date(2026, 3, 1), date(2026, 6, 1)):
        services.duty_record(
            centre=centre, year=2026, kind="training", title="培训", done_on=day, acting_user=u("jlp_host")
        )
    row = _status(centre, 2026, "training", date(2026, 7, 1))
    assert (row["done"], row["pending"], row["status"]) == (0, 2, "due")


def test_jiulongpo_plan_tasks_need_measures_and_deadlines_第十四条(u, centre, at):
    at("2026-01-10 09:00")
    with pytest.raises(RuleRefusal) as e:
        services.duty_record(
            centre=centre,
            year=2026,
            kind="plan",
            title="计划",
            done_on=date(2026, 1, 5),
            tasks=[{"task": "开展督查", "measure": "", "due": "2026-06-30"}],
            acting_user=u("jlp_host"),
        )
    assert "第十四条" in str(e.value)
    services.duty_record(
        centre=centre,
        year=2026,
        kind="plan",
        title="计划",
        done_on=date(2026, 1, 5),
        tasks=[{"task": "开展督查", "measure": "覆盖10家机构", "due": "2026-06-30"}],
        acting_user=u("jlp_host"),
    )
    with pytest.raises(InvalidInput):  # the summary reports against every task of the plan
        services.duty_record(
            centre=centre,
            year=2026,
            kind="summary",
            title="总结",
            done_on=date(2026, 1, 9),
            tasks=[],
            acting_user=u("jlp_host"),
        )


def test_duty_refusals(u, centre, at):
    at("2026-07-01 09:00")
    with pytest.raises(InvalidInput):  # a future date
        services.duty_record(
            centre=centre,
            year=2026,
            kind="training",
            title="培训",
            done_on=date(2026, 8, 1),
            acting_user=u("jlp_host"),
        )
    with pytest.raises(RuleRefusal):  # not a duty of 九龙坡 (河南 monthly dispatch meetings)
        services.duty_record(
            centre=centre,
            year=2026,
            kind="dispatch_meeting",
            title="调度会",
            done_on=date(2026, 6, 1),
            acting_user=u("jlp_host"),
        )
    with pytest.raises(NotAllowed):  # only the host records
        services.duty_record(
            centre=centre,
            year=2026,
            kind="training",
            title="培训",
            done_on=date(2026, 6, 1),
            acting_user=u("jlp_scorer"),
        )
    r = services.duty_record(
        centre=centre,
        year=2026,
        kind="training",
        title="培训",
        done_on=date(2026, 6, 1),
        acting_user=u("jlp_host"),
    )
    with pytest.raises(NotAllowed):  # the host does not confirm its own record
        services.duty_confirm(record=r, acting_user=u("jlp_host"))
    with pytest.raises(InvalidInput):
        services.duty_return(record=r, reason="", acting_user=u("jlp_qc_office"))
    services.duty_return(record=r, reason="缺少签到表。", acting_user=u("jlp_qc_office"))
    with pytest.raises(WrongState):  # a second decision
        services.duty_confirm(record=r, acting_user=u("jlp_qc_office"))
    r = services.duty_record(
        centre=centre,
        year=2026,
        kind="training",
        title="培训（补签到表）",
        done_on=date(2026, 6, 1),
        acting_user=u("jlp_host"),
        record=r,
    )
    assert r.status == "submitted"


def test_opening_the_year_opens_a_deadline_per_duty_and_meeting_it_on_confirmation(u, centre, at):
    at("2026-01-02 09:00")
    with pytest.raises(InvalidInput):  # 九龙坡 第十四条 按要求: the office sets the plan's date
        services.duty_year_open(centre=centre, year=2026, acting_user=u("jlp_qc_office"))
    dy = services.duty_year_open(
        centre=centre, year=2026, plan_due_on=date(2026, 1, 31), acting_user=u("jlp_qc_office")
    )
    kinds = set(
        Deadline.objects.filter(object_id=dy.pk, kind__startswith="appraisal.duty.").values_list(
            "kind", flat=True
        )
    )
    assert {"appraisal.duty.training", "appraisal.duty.committee_meeting", "appraisal.duty.plan"} <= kinds
    at("2026-07-01 09:00")
    training(centre, u, date(2026, 3, 1))
    training(centre, u, date(2026, 6, 1))
    assert Deadline.objects.get(object_id=dy.pk, kind="appraisal.duty.training").state == "met"


def test_henan_dispatch_meeting_every_month_四(u, world, settings, tmp_path, at):
    settings.MEDIA_ROOT = tmp_path
    centre = CentreFactory(body_kind="provincial_centre", specialty__name="麻醉", term__years=None)
    at("2026-04-10 09:00")
    row = _status(centre, 2026, "dispatch_meeting", date(2026, 4, 10))
    assert row["status"] == "overdue" and "1月、2月、3月" in row["message"] and row["article"] == "四、"
    kinds = {r["kind"] for r in duties.year_at_a_glance(centre, 2026, on=date(2026, 4, 10))}
    assert {"improvement_plan", "core_knowledge", "root_cause_review", "city_centre_review"} <= kinds


def test_henan_city_centre_review_scores_each_city_centre_against_its_criteria_七(
    u, world, settings, tmp_path, at
):
    """河南 七、: each provincial centre's 述职评价 of the city centres, against criteria it sets, with
    scores and comments."""
    from accounts.models import User

    settings.MEDIA_ROOT = tmp_path
    centre = CentreFactory(body_kind="provincial_centre", specialty__name="麻醉", term__years=None)
    host = User.objects.create(username="hn_host_test", role="host_submitter", institution=centre.host)
    at("2026-11-20 09:00")
    with pytest.raises(InvalidInput):  # the criteria it set
        services.duty_record(
            centre=centre,
            year=2026,
            kind="city_centre_review",
            title="2026年度述职评价",
            done_on=date(2026, 11, 18),
            acting_user=host,
            details="",
            tasks=[{"city_centre": "郑州市麻醉质控中心", "score": "92", "comment": "好"}],
        )
    with pytest.raises(InvalidInput) as e:  # a score outside 0–100
        services.duty_record(
            centre=centre,
            year=2026,
            kind="city_centre_review",
            title="2026年度述职评价",
            done_on=date(2026, 11, 18),
            acting_user=host,
            details="评价细则：……",
            tasks=[{"city_centre": "郑州市麻醉质控中心", "score": "120", "comment": ""}],
        )
    assert "七、" in e.value.message
    r = services.duty_record(
        centre=centre,
        year=2026,
        kind="city_centre_review",
        title="2026年度述职评价",
        done_on=date(2026, 11, 18),
        acting_user=host,
        details="评价细则：指标监测、培训、督导各占三分之一。",
        tasks=[
            {"city_centre": "郑州市麻醉质控中心", "score": "92", "comment": "监测规范"},
            {"city_centre": "洛阳市麻醉质控中心", "score": "78.5", "comment": "培训偏少"},
        ],
    )
    assert [t["city_centre"] for t in r.tasks] == ["郑州市麻醉质控中心", "洛阳市麻醉质控中心"]


def test_committee_meetings_are_counted_from_the_experts_app_where_the_centre_has_a_committee_第十三条(
    u, centre, at
):
    """九龙坡 第十三条: meetings are recorded once — in the experts app where the centre's committee is
    there; this app counts them and does not take a second record."""
    from experts import services as experts_services
    from experts.tests.factories import CommitteeFactory

    committee = CommitteeFactory(centre=centre, approved=True)
    at("2026-11-20 09:00")
    for day in (date(2026, 3, 1), date(2026, 9, 1)):
        experts_services.meeting_record(
            committee=committee, acting_user=u("jlp_host"), held_on=day, agenda="年度工作"
        )
    row = _status(centre, 2026, "committee_meeting", date(2027, 1, 2))
    assert (row["done"], row["status"]) == (2, "done")
    with pytest.raises(InvalidInput):
        services.duty_record(
            centre=centre,
            year=2026,
            kind="committee_meeting",
            title="会议",
            done_on=date(2026, 10, 1),
            acting_user=u("jlp_host"),
        )


def test_the_meetings_deadline_is_met_by_the_committees_meetings_in_the_experts_app_第十三条(u, centre, at):
    """九龙坡 第十三条 (每年至少应召开2次): where the centre's committee keeps its meetings in the
    experts app, the second meeting recorded there meets the year's deadline — the dashboard's duty
    chart counts deadlines, and showed the duty due (or overdue) for a centre that had met twice."""
    from experts import services as experts_services
    from experts.tests.factories import CommitteeFactory

    committee = CommitteeFactory(centre=centre, approved=True)
    at("2026-01-02 09:00")
    dy = services.duty_year_open(
        centre=centre, year=2026, plan_due_on=date(2026, 1, 31), acting_user=u("jlp_qc_office")
    )
    deadline = Deadline.objects.get(object_id=dy.pk, kind="appraisal.duty.committee_meeting")
    at("2026-11-20 09:00")
    experts_services.meeting_record(
        committee=committee, acting_user=u("jlp_host"), held_on=date(2026, 3, 1), agenda="年度工作"
    )
    assert Deadline.objects.get(pk=deadline.pk).state != "met"  # one of two
    experts_services.meeting_record(
        committee=committee, acting_user=u("jlp_host"), held_on=date(2026, 9, 1), agenda="年度总结"
    )
    assert Deadline.objects.get(pk=deadline.pk).state == "met"


def test_a_year_opened_late_meets_what_is_already_done_第十三条(u, centre, at):
    """Meetings held before the office opened the year (the experts app records them as they
    happen) meet the year's deadline when it is opened, instead of leaving it due."""
    from experts import services as experts_services
    from experts.tests.factories import CommitteeFactory

    committee = CommitteeFactory(centre=centre, approved=True)
    at("2026-11-20 09:00")
    for day, agenda in ((date(2026, 3, 1), "年度工作"), (date(2026, 9, 1), "年度总结")):
        experts_services.meeting_record(
            committee=committee, acting_user=u("jlp_host"), held_on=day, agenda=agenda
        )
    dy = services.duty_year_open(
        centre=centre, year=2026, plan_due_on=date(2026, 12, 31), acting_user=u("jlp_qc_office")
    )
    states = dict(Deadline.objects.filter(object_id=dy.pk).values_list("kind", "state"))
    assert states["appraisal.duty.committee_meeting"] == "met"
    assert states["appraisal.duty.training"] != "met"

"""Every rule of the appraisal, each test naming its article: consequences from the grade history
(九龙坡 第二十二条（二）, 济南 第十九条（三）), automatic-fail conditions (济南 第二十条), prohibited acts
(九龙坡 第十九条、第二十条, 济南 第十七条, 青浦 第十七条), host support, the 4-year decision."""

from datetime import date

import pytest

from appraisal import services
from appraisal.models import AssessmentYear, Consequence, FailCondition
from centres.models import Ban, Centre, HostingTerm
from core.errors import InvalidInput, NotAllowed, RuleRefusal, WrongState
from directory.models import Jurisdiction

from .factories import CentreFactory, graded

pytestmark = pytest.mark.django_db


@pytest.fixture
def jn_centre(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return CentreFactory(body_kind="city_centre", specialty__name="医院感染管理")


@pytest.fixture
def jlp_centre(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return CentreFactory(specialty__name="心血管内科")


def test_jinan_first_fail_is_a_yellow_card_第十九条三(u, jn_centre):
    a = graded(jn_centre, 2025, "fail")
    c = services.consequence_issue(assessment=a, acting_user=u("jn_commission"))
    assert (c.kind, c.article) == ("yellow_card", "第十九条（三）")
    assert c.document_id and not c.due_on


def test_jinan_second_consecutive_fail_is_a_red_card_and_dissolution_with_4_year_ban_第十九条三(u, jn_centre):
    graded(jn_centre, 2024, "fail")
    a = graded(jn_centre, 2025, "fail")
    c = services.consequence_issue(assessment=a, acting_user=u("jn_commission"))
    assert c.kind == "red_card" and "4年内不得申请本专业质控中心" in c.text
    with pytest.raises(NotAllowed):
        services.consequence_execute(consequence=c, reason="连续两年不合格。", acting_user=u("jn_qc_office"))
    services.consequence_execute(consequence=c, reason="连续两年考核不合格。", acting_user=u("jn_commission"))
    jn_centre.refresh_from_db()
    assert jn_centre.status == Centre.Status.DISSOLVED
    ban = Ban.objects.get(centre=jn_centre)
    assert ban.scope == "same_specialty" and ban.ends_on.year == date.today().year + 4
    with pytest.raises(WrongState):  # a second click
        services.consequence_execute(consequence=c, reason="再次", acting_user=u("jn_commission"))


def test_jiulongpo_first_fail_is_rectification_for_a_year_第二十二条二(u, jlp_centre):
    a = graded(jlp_centre, 2025, "fail")
    c = services.consequence_issue(assessment=a, acting_user=u("jlp_commission"))
    assert c.kind == "rectification" and c.due_on.year == date.today().year + 1
    from deadlines.models import Deadline

    assert Deadline.objects.filter(kind="appraisal.rectification_report", object_id=c.pk).exists()
    with pytest.raises(NotAllowed):  # the office reviews, the host reports
        services.rectification_report_submit(consequence=c, text="已整改", acting_user=u("jlp_qc_office"))
    report = services.rectification_report_submit(
        consequence=c, text="已完成全部整改。", acting_user=u("jlp_host")
    )
    with pytest.raises(InvalidInput):  # a return needs a reason
        services.rectification_review(
            report=report, outcome="returned", comments="", acting_user=u("jlp_qc_office")
        )
    services.rectification_review(
        report=report, outcome="accepted", comments="", acting_user=u("jlp_qc_office")
    )
    c.refresh_from_db()
    assert c.status == "closed"


def test_jiulongpo_second_fail_disqualifies_and_old_host_out_of_this_round_第二十二条二(u, jlp_centre):
    graded(jlp_centre, 2024, "fail")
    a = graded(jlp_centre, 2025, "fail")
    c = services.consequence_issue(assessment=a, acting_user=u("jlp_commission"))
    assert c.kind == "disqualification" and "原挂靠单位不参与本轮遴选" in c.text
    services.consequence_execute(
        consequence=c, reason="连续两年考核不合格。", acting_user=u("jlp_commission")
    )
    assert Ban.objects.get(centre=jlp_centre).scope == "current_round"


def test_a_pass_after_a_fail_has_no_consequence(u, jlp_centre):
    graded(jlp_centre, 2024, "fail")
    a = graded(jlp_centre, 2025, "pass")
    assert services.consequence_issue(assessment=a, acting_user=u("jlp_commission")) is None


def _jn_year(u, **kwargs):
    return services.year_open(
        jurisdiction=Jurisdiction.objects.get(code="370100"),
        body_kind="city_centre",
        year=2025,
        acting_user=u("jn_qc_office"),
        **kwargs,
    )


def test_jinan_grades_without_institution_scoring_第十九条三(u, jn_centre):
    y = _jn_year(u)
    with pytest.raises(RuleRefusal):
        services.year_open_scoring(year=y, acting_user=u("jn_qc_office"))
    y = services.year_close_scoring(year=y, acting_user=u("jn_qc_office"))
    assert y.status == AssessmentYear.Status.GRADING


def test_jinan_late_annual_report_and_absence_are_derived_第二十条(u, jn_centre, at):
    at("2026-02-01 09:00")
    y = _jn_year(u, self_report_due_on=date(2026, 1, 15), annual_report_due_on=date(2026, 1, 20))
    a = y.assessments.get()
    found = dict(services.derived_conditions(a))
    assert set(found) == {"annual_report_late", "absent_from_appraisal"}
    services.year_close_scoring(year=y, acting_user=u("jn_qc_office"))
    assert set(a.fail_conditions.values_list("code", flat=True)) == {
        "annual_report_late",
        "absent_from_appraisal",
    }
    assert all(c.article == "第二十条" for c in a.fail_conditions.all())


def test_jinan_plan_tasks_late_is_derived_from_plan_and_summary_第二十条一(u, jn_centre, at):
    at("2025-01-10 09:00")
    plan = services.duty_record(
        centre=jn_centre,
        year=2025,
        kind="plan",
        title="2025年计划",
        done_on=date(2025, 1, 5),
        tasks=[{"task": "全市院感督查", "measure": "覆盖二级以上医院100%", "due": "2025-06-30"}],
        acting_user=u("jn_host"),
    )
    services.duty_confirm(record=plan, acting_user=u("jn_qc_office"))
    at("2025-12-20 09:00")
    services.duty_record(
        centre=jn_centre,
        year=2025,
        kind="summary",
        title="2025年总结",
        done_on=date(2025, 12, 20),
        tasks=[{"task": "全市院感督查", "done": True, "done_on": "2025-08-01"}],
        acting_user=u("jn_host"),
    )
    assert "2025-06-30" in services.plan_tasks_late(jn_centre, 2025, on=date(2025, 12, 20))[0]


def test_entered_condition_needs_evidence_and_fails_the_proposal_第二十条(u, jn_centre):
    y = services.year_close_scoring(year=_jn_year(u), acting_user=u("jn_qc_office"))
    a = y.assessments.get()
    with pytest.raises(InvalidInput):
        services.condition_record(
            assessment=a, code="major_incident_in_host_specialty", evidence=" ", acting_user=u("jn_qc_office")
        )
    with pytest.raises(RuleRefusal):
        services.condition_record(
            assessment=a, code="not_a_condition", evidence="x", acting_user=u("jn_qc_office")
        )
    services.host_support_assess(
        assessment=a, support="adequate", note="经费到位。", acting_user=u("jn_qc_office")
    )
    services.grades_propose(year=y, acting_user=u("jn_qc_office"))
    a.refresh_from_db()
    assert a.proposed_grade == "pass"
    y.refresh_from_db()
    services.condition_record(
        assessment=a,
        code="data_security_duty_unmet",
        evidence="数据泄露，造成严重后果。",
        acting_user=u("jn_qc_office"),
    )
    services.grades_propose(year=y, acting_user=u("jn_qc_office"))
    a.refresh_from_db()
    assert a.proposed_grade == "fail" and a.arithmetic["conditions"][0]["article"] == "第二十条"


def test_jinan_insufficient_host_support_fails_the_year_第二十条六(u, jn_centre):
    y = services.year_close_scoring(year=_jn_year(u), acting_user=u("jn_qc_office"))
    a = y.assessments.get()
    services.host_support_assess(
        assessment=a, support="insufficient", note="经费未落实。", acting_user=u("jn_qc_office")
    )
    assert a.fail_conditions.filter(
        code="insufficient_host_support", source=FailCondition.Source.ENTERED
    ).exists()


def test_jiulongpo_host_support_must_be_assessed_before_grades_第二十一条一(u, jlp_centre):
    from .test_flow import open_year

    y = open_year(u)
    y = services.year_close_scoring(year=y, acting_user=u("jlp_qc_office"))
    with pytest.raises(RuleRefusal) as e:
        services.grades_propose(year=y, acting_user=u("jlp_qc_office"))
    assert "第二十一条（一）" in str(e.value)


# --- prohibited acts --------------------------------------------------------------------------


def test_jiulongpo_severe_prohibited_act_dissolves_with_4_year_ban_第二十条(u, jlp_centre):
    f = services.finding_record(
        centre=jlp_centre,
        act="corporate_sponsorship",
        severity="severe",
        facts="以中心名义接受企业赞助举办会议。",
        found_on=date.today(),
        acting_user=u("jlp_commission"),
    )
    assert f.article == "第十九条" and f.dissolution_id
    jlp_centre.refresh_from_db()
    assert jlp_centre.status == "dissolved"
    ban = Ban.objects.get(centre=jlp_centre)
    assert ban.scope == "same_specialty" and ban.article == "第二十条"


def test_jinan_severe_prohibited_act_bans_new_other_specialty_centres_第十七条(u, jn_centre):
    services.finding_record(
        centre=jn_centre,
        act="product_promotion",
        severity="severe",
        facts="组织耗材推广。",
        found_on=date.today(),
        acting_user=u("jn_commission"),
    )
    assert set(Ban.objects.filter(centre=jn_centre).values_list("scope", flat=True)) == {
        "new_other_specialty_centre",
        "current_round",
    }


def test_ordinary_finding_is_recorded_without_dissolution_第十九条(u, jlp_centre):
    services.finding_record(
        centre=jlp_centre,
        act="certificates",
        severity="ordinary",
        facts="颁发聘书。",
        found_on=date.today(),
        acting_user=u("jlp_commission"),
    )
    jlp_centre.refresh_from_db()
    assert jlp_centre.status == "active"


def test_qingpu_severe_finding_is_recorded_only_第十七条(u, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    centre = CentreFactory(body_kind="qc_group", specialty__name="急诊医学", term__years=None)
    f = services.finding_record(
        centre=centre,
        act="for_profit_activities",
        severity="severe",
        facts="收费培训。",
        found_on=date.today(),
        acting_user=u("qp_commission"),
    )
    centre.refresh_from_db()
    assert f.article == "第十七条" and centre.status == "active" and f.dissolution_id is None


def test_finding_refusals(u, jlp_centre):
    with pytest.raises(RuleRefusal):
        services.finding_record(
            centre=jlp_centre,
            act="nope",
            severity="severe",
            facts="x",
            found_on=date.today(),
            acting_user=u("jlp_commission"),
        )
    with pytest.raises(InvalidInput):  # a future date
        services.finding_record(
            centre=jlp_centre,
            act="certificates",
            severity="ordinary",
            facts="x",
            found_on=date(2099, 1, 1),
            acting_user=u("jlp_commission"),
        )
    with pytest.raises(NotAllowed):  # the office records, the commission finds
        services.finding_record(
            centre=jlp_centre,
            act="certificates",
            severity="ordinary",
            facts="x",
            found_on=date.today(),
            acting_user=u("jlp_qc_office"),
        )


# --- the 4-year decision ----------------------------------------------------------------------


def test_jiulongpo_four_good_grades_propose_retention_and_the_decision_renews_第二十二条一(u, jlp_centre):
    from centres.services.lifecycle import term_proposal

    for year in (2022, 2023, 2024, 2025):
        graded(jlp_centre, year, "good")
    term = jlp_centre.terms.get()
    grades = services.term_grades(term)
    assert grades == {2022: "good", 2023: "good", 2024: "good", 2025: "good"}
    assert term_proposal(term, grades).outcome == "retain"
    with pytest.raises(NotAllowed):
        services.term_decide(
            centre=jlp_centre, outcome="retain", reasons="四年良好。", acting_user=u("jlp_host")
        )
    decision = services.term_decide(
        centre=jlp_centre, outcome="retain", reasons="四次考核均为良好。", acting_user=u("jlp_commission")
    )
    assert decision.grades == {"2022": "good", "2023": "good", "2024": "good", "2025": "good"}
    assert HostingTerm.objects.filter(centre=jlp_centre, number=2, status="active").exists()


def test_jiulongpo_a_fail_in_the_term_proposes_reselection_第二十二条一(u, jlp_centre):
    from centres.services.lifecycle import term_proposal

    for year, g in ((2022, "excellent"), (2023, "fail"), (2024, "good"), (2025, "excellent")):
        graded(jlp_centre, year, g)
    term = jlp_centre.terms.get()
    assert term_proposal(term, services.term_grades(term)).outcome == "reselect"


def test_qingpu_yearly_evaluation_is_graded_by_the_commission_with_reasons_第十九条(
    u, world, settings, tmp_path
):
    """青浦 第十九条: 区卫生健康委员会和区卫生健康事业发展中心 evaluate each group yearly; no grading
    formula and no consequence — the commission grades with its reasons (used for awards)."""
    settings.MEDIA_ROOT = tmp_path
    centre = CentreFactory(body_kind="qc_group", specialty__name="急诊医学", term__years=None)
    y = services.year_open(
        jurisdiction=centre.jurisdiction,
        body_kind="qc_group",
        year=2026,
        acting_user=u("qp_qc_office") if _exists("qp_qc_office") else u("qp_commission"),
    )
    y = services.year_close_scoring(year=y, acting_user=u("qp_commission"))
    services.grades_propose(year=y, acting_user=u("qp_commission"))
    a = y.assessments.get()
    assert a.proposed_grade == "" and "直接评定" in a.arithmetic["note"]
    with pytest.raises(InvalidInput):
        services.grade_confirm(assessment=a, grade="excellent", acting_user=u("qp_commission"))
    services.grade_confirm(
        assessment=a,
        grade="excellent",
        reason="急诊质控专项成效显著，推荐评优。",
        acting_user=u("qp_commission"),
    )
    services.year_confirm(year=y, acting_user=u("qp_commission"))
    services.year_publish(year=y, acting_user=u("qp_commission"))
    assert not Consequence.objects.filter(centre=centre).exists()


def _exists(username):
    from accounts.models import User

    return User.objects.filter(username=username).exists()

"""济南 第十一条 (activities outside the annual plan are reported to the commission in advance — 应当,
mandatory) and 第十二条 (after the centre's evaluation and QC report, the institution rectifies and
reports back in writing to the centre). Parameters: duties.unplanned_activities_reported_in_advance,
duties.institution_rectification_report_required (rulesets/data/jinan-city-2024.yaml)."""

from datetime import date

import pytest
from django.urls import reverse

from accounts.models import User
from appraisal import duties, services
from appraisal.models import DutyRecord, InstitutionRectification
from core.errors import InvalidInput, NotAllowed, RuleRefusal, WrongState
from deadlines.models import Deadline
from directory.models import Institution

from .factories import CentreFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def centre(world, settings, tmp_path, at):
    settings.MEDIA_ROOT = tmp_path
    at("2026-05-04 09:00")
    return CentreFactory(body_kind="city_centre", specialty__name="检验医学")


@pytest.fixture
def jiulongpo(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return CentreFactory(specialty__name="心血管内科")


def record(u, centre, kind, title, done_on, who="jn_host", **kw):
    return services.duty_record(
        centre=centre, year=done_on.year, kind=kind, title=title, done_on=done_on, acting_user=u(who), **kw
    )


def plan(u, centre):
    p = record(
        u,
        centre,
        "plan",
        "2026年度质控工作计划",
        date(2026, 1, 5),
        tasks=[{"task": "全市检验质控培训", "measure": "培训300人次", "due": "2026-06-30"}],
    )
    return services.duty_confirm(record=p, acting_user=u("jn_qc_office"))


# --- 第十一条: activities outside the plan are reported in advance ---------------------------------


def test_activity_of_the_plan_needs_no_advance_report_第十一条(u, centre):
    plan(u, centre)
    r = record(u, centre, "training", "全市检验质控培训", date(2026, 4, 20), plan_task="全市检验质控培训")
    assert r.plan_task == "全市检验质控培训" and r.advance_report is None


def test_activity_outside_the_plan_without_advance_report_is_refused_第十一条(u, centre):
    plan(u, centre)
    with pytest.raises(RuleRefusal) as refused:
        record(u, centre, "training", "临时加开的培训", date(2026, 4, 20))
    [v] = refused.value.violations
    assert (v.article, v.strictness) == ("第十一条", "mandatory")
    assert "应当提前向市卫生健康委报告" in v.message and "未选择事先报告" in v.message
    assert not DutyRecord.objects.filter(title="临时加开的培训").exists()


def test_activity_reported_in_advance_is_taken_第十一条(u, centre):
    report = record(
        u,
        centre,
        "unplanned_activity",
        "关于开展检验危急值专项督查的报告",
        date(2026, 4, 1),
        planned_on=date(2026, 4, 25),
    )
    assert report.planned_on == date(2026, 4, 25)
    r = record(
        u,
        centre,
        "institution_evaluation",
        "危急值专项督查",
        date(2026, 4, 25),
        institution=Institution.objects.get(name="济南市中医医院"),
        rectification_due_on=date(2026, 6, 30),
        advance_report=report,
    )
    assert r.advance_report == report
    # the report is used: a second activity cannot ride on it
    with pytest.raises(RuleRefusal) as refused:
        record(u, centre, "training", "另一场培训", date(2026, 4, 28), advance_report=report)
    assert "已用于另一项活动" in refused.value.violations[0].message


@pytest.mark.parametrize(
    "report_on, planned_on, message",
    [
        (date(2026, 4, 25), date(2026, 4, 25), "须早于活动日期"),  # the same day is not in advance
        (date(2026, 4, 26), date(2026, 4, 25), "须早于活动日期"),  # after the activity
    ],
)
def test_an_advance_report_after_the_activity_is_not_one_第十一条(u, centre, report_on, planned_on, message):
    with pytest.raises(RuleRefusal) as refused:
        record(u, centre, "unplanned_activity", "补报", report_on, planned_on=planned_on)
    assert refused.value.violations[0].article == "第十一条" and message in str(refused.value)


def test_activity_before_its_advance_report_is_refused_第十一条(u, centre):
    report = record(
        u, centre, "unplanned_activity", "事先报告", date(2026, 4, 10), planned_on=date(2026, 4, 20)
    )
    with pytest.raises(RuleRefusal) as refused:
        record(u, centre, "training", "提前办的培训", date(2026, 4, 9), advance_report=report)
    assert "不早于活动日期" in refused.value.violations[0].message


def test_a_task_not_in_the_plan_is_refused(u, centre):
    plan(u, centre)
    with pytest.raises(InvalidInput):
        record(u, centre, "training", "培训", date(2026, 4, 20), plan_task="计划里没有的任务")


def test_jiulongpo_sets_no_advance_report(u, jiulongpo, at):
    """九龙坡 has no such rule: an activity outside the plan is recorded as before."""
    at("2026-05-04 09:00")
    r = record(u, jiulongpo, "training", "培训", date(2026, 4, 20), who="jlp_host")
    assert r.advance_report is None


def test_the_page_refuses_it_with_the_article_and_keeps_the_input_第十一条(u, centre, client_of):
    c = client_of("jn_host")
    url = reverse("appraisal:duty_year", args=[centre.pk, 2026])
    response = c.post(
        url, {"form": "record", "kind": "training", "title": "临时加开的培训", "done_on": "2026-04-20"}
    )
    page = response.content.decode()
    assert response.status_code == 200 and "第十一条" in page and "临时加开的培训" in page


# --- 第十二条: the evaluated institution reports its rectification back ----------------------------


@pytest.fixture
def evaluated(u, centre):
    plan_ = record(
        u,
        centre,
        "plan",
        "计划",
        date(2026, 1, 5),
        tasks=[{"task": "中医医院检验质控评价", "measure": "出具质控报告1份", "due": "2026-06-30"}],
    )
    services.duty_confirm(record=plan_, acting_user=u("jn_qc_office"))
    ev = record(
        u,
        centre,
        "institution_evaluation",
        "中医医院检验质控评价",
        date(2026, 4, 20),
        institution=Institution.objects.get(name="济南市中医医院"),
        plan_task="中医医院检验质控评价",
        details="室内质控记录不全，危急值报告时限超标。",
        rectification_due_on=date(2026, 6, 30),
    )
    services.duty_confirm(record=ev, acting_user=u("jn_qc_office"))
    return ev


@pytest.fixture
def tcm_user(world):
    return User.objects.create(
        username="jn_tcm",
        role="institution_scorer",
        institution=Institution.objects.get(name="济南市中医医院"),
    )


@pytest.mark.parametrize("due", [None, date(2026, 4, 20), date(2026, 4, 1)])
def test_an_evaluation_sets_a_later_date_for_the_report_back_第十二条(u, centre, due):
    plan_ = record(
        u,
        centre,
        "plan",
        "计划",
        date(2026, 1, 5),
        tasks=[{"task": "评价", "measure": "1份", "due": "2026-06-30"}],
    )
    services.duty_confirm(record=plan_, acting_user=u("jn_qc_office"))
    with pytest.raises(InvalidInput) as refused:
        record(
            u,
            centre,
            "institution_evaluation",
            "评价",
            date(2026, 4, 20),
            plan_task="评价",
            institution=Institution.objects.get(name="济南市中医医院"),
            rectification_due_on=due,
        )
    assert refused.value.code == "appraisal_rectification_invalid" and "第十二条" in refused.value.message


def test_report_back_deadline_report_and_acceptance_第十二条(u, evaluated, tcm_user):
    rect = InstitutionRectification.objects.get(evaluation=evaluated)
    assert (rect.institution.name, rect.due_on, rect.status) == (
        "济南市中医医院",
        date(2026, 6, 30),
        "awaiting",
    )
    d = Deadline.objects.get(kind="appraisal.institution_rectification")
    assert d.article == "第十二条" and d.institution == rect.institution
    with pytest.raises(NotAllowed):  # the centre does not report for the institution
        duties.institution_rectification_submit(rectification=rect, text="已整改", acting_user=u("jn_host"))
    with pytest.raises(InvalidInput):
        duties.institution_rectification_submit(rectification=rect, text="  ", acting_user=tcm_user)
    duties.institution_rectification_submit(
        rectification=rect, text="已补全室内质控记录。", acting_user=tcm_user
    )
    with pytest.raises(WrongState):  # twice
        duties.institution_rectification_submit(rectification=rect, text="再报", acting_user=tcm_user)
    with pytest.raises(NotAllowed):  # the institution does not accept its own report; nor does the office
        duties.institution_rectification_review(
            rectification=rect, outcome="accepted", comments="", acting_user=tcm_user
        )
    with pytest.raises(NotAllowed):
        duties.institution_rectification_review(
            rectification=rect, outcome="accepted", comments="", acting_user=u("jlp_host")
        )
    with pytest.raises(InvalidInput):  # a return needs its reasons
        duties.institution_rectification_review(
            rectification=rect, outcome="returned", comments="", acting_user=u("jn_host")
        )
    duties.institution_rectification_review(
        rectification=rect, outcome="returned", comments="危急值时限未整改。", acting_user=u("jn_host")
    )
    rect.refresh_from_db()
    assert rect.status == "returned"
    assert Deadline.objects.pending().filter(kind="appraisal.institution_rectification").exists()
    duties.institution_rectification_submit(
        rectification=rect, text="危急值时限已整改。", acting_user=tcm_user
    )
    duties.institution_rectification_review(
        rectification=rect, outcome="accepted", comments="", acting_user=u("jn_host")
    )
    rect.refresh_from_db()
    assert rect.status == "accepted" and rect.reviewed_by.username == "jn_host"
    with pytest.raises(WrongState):  # after acceptance nothing changes
        duties.institution_rectification_review(
            rectification=rect, outcome="returned", comments="改主意", acting_user=u("jn_host")
        )


def test_report_back_pages_are_scoped_第十二条(u, evaluated, tcm_user, client_of):
    rect = InstitutionRectification.objects.get(evaluation=evaluated)
    url = reverse("appraisal:rectification_detail", args=[rect.pk])
    from django.test import Client

    c = Client()
    c.force_login(tcm_user)
    assert 'data-testid="report-form"' in c.get(url).content.decode()
    assert client_of("jn_commission").get(url).status_code == 200
    assert client_of("jlp_host").get(url).status_code == 404
    assert client_of("jlp_commission").get(url).status_code == 404
    # a crafted POST by the centre's host to report for the institution changes nothing
    client_of("jn_host").post(url, {"form": "report", "text": "代报"})
    rect.refresh_from_db()
    assert rect.status == "awaiting"
    c.post(url, {"form": "report", "text": "已整改。"})
    rect.refresh_from_db()
    assert rect.status == "reported"


def test_a_second_report_back_or_review_says_why_it_is_refused_第十二条(u, evaluated, tcm_user, client_of):
    """Found walking as jn_scorer: a second 报送 (a stale tab, a double click) came back as the page
    with nothing said — the refusal went to a form the page no longer shows."""
    from django.test import Client

    rect = InstitutionRectification.objects.get(evaluation=evaluated)
    url = reverse("appraisal:rectification_detail", args=[rect.pk])
    c = Client()
    c.force_login(tcm_user)
    c.post(url, {"form": "report", "text": "已整改。"}, follow=True)  # its 已报送 read
    response = c.post(url, {"form": "report", "text": "再报一次。"}, follow=True)
    rect.refresh_from_db()
    assert rect.status == "reported" and rect.text == "已整改。"
    said = [str(m) for m in response.context["messages"]]
    assert said and "已报送整改情况" not in said[0], said
    host = client_of("jn_host")
    host.post(url, {"form": "review", "outcome": "accepted", "comments": ""}, follow=True)
    response = host.post(url, {"form": "review", "outcome": "returned", "comments": "再改"}, follow=True)
    rect.refresh_from_db()
    assert rect.status == "accepted"
    assert [str(m) for m in response.context["messages"]], "the second review is refused in words"

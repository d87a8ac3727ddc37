"""Every appraisal record a page names (a deadline's 涉及记录, 修改记录, the search) reads as Chinese,
never Django's "Consequence object (3)" — found walking the scorer's 待办 to the rectification
report's deadline."""

import pytest

from appraisal.models import (
    AssessmentYear,
    CentreAssessment,
    CentreScore,
    Consequence,
    FailCondition,
    ProhibitedActFinding,
    RectificationReport,
    ScoringInvitation,
)
from centres.models import Centre
from directory.models import Institution, Jurisdiction


def _assessment():
    year = AssessmentYear(jurisdiction=Jurisdiction(name="九龙坡区"), year=2025)
    return CentreAssessment(year=year, centre=Centre(name="九龙坡区医院感染管理质量控制中心"))


def test_every_record_has_a_chinese_name():
    assessment = _assessment()
    consequence = Consequence(
        assessment=assessment, centre=assessment.centre, kind=Consequence.Kind.RECTIFICATION
    )
    invitation = ScoringInvitation(year=assessment.year, institution=Institution(name="九龙坡区中医院"))
    records = [
        (consequence, "九龙坡区医院感染管理质量控制中心 2025年度 责令整改"),
        (
            RectificationReport(consequence=consequence),
            "九龙坡区医院感染管理质量控制中心 2025年度 责令整改 整改报告",
        ),
        (
            FailCondition(assessment=assessment, label="发生重大医疗质量安全事件"),
            "九龙坡区医院感染管理质量控制中心 2025年度：发生重大医疗质量安全事件",
        ),
        (
            ProhibitedActFinding(centre=assessment.centre, act_label="弄虚作假"),
            "九龙坡区医院感染管理质量控制中心 违规行为：弄虚作假",
        ),
        (
            CentreScore(invitation=invitation, assessment=assessment, criterion="results"),
            "九龙坡区中医院 对 九龙坡区医院感染管理质量控制中心 2025年度 的评分",
        ),
    ]
    for record, name in records:
        assert str(record) == name
        assert "object (" not in str(record)


def test_the_selects_say_please_choose_in_chinese():
    """Django 6's blank choice “- Select an option -” has no zh_Hans translation: the open-year form's
    行政区划 showed it to the commission."""
    from django import forms as django_forms

    from appraisal import forms

    for form_class in (forms.YearOpenForm, forms.DutyRecordForm):
        for name, field in form_class.base_fields.items():
            if isinstance(field, django_forms.ModelChoiceField):
                assert field.empty_label == "请选择", name
                assert "Select an option" not in field.widget.render(name, None)


@pytest.mark.django_db
def test_the_assessment_page_names_criteria_and_grades_in_chinese(u, client_of, jlp_centres):
    """Found walking as jlp_qc_office: the arithmetic read “等次分数线：good ≥ 80 pass ≥ 60
    excellent ≥ 90” and the institutions' scores “competence 75.0” — codes, not the rule set's words."""
    from django.urls import reverse

    from appraisal import services
    from directory.models import Institution

    from .test_flow import open_year

    y = open_year(u)
    a = y.assessments.get(centre=jlp_centres[0])
    scorer = u("jlp_scorer")
    invitation = y.invitations.get(institution=Institution.objects.get(name="九龙坡区中医院"))
    services.score_save(
        invitation=invitation,
        assessment=a,
        scores={"results": 95, "competence": 92, "work_style": 90},
        comment="",
        acting_user=scorer,
    )
    y = services.year_close_scoring(year=y, acting_user=u("jlp_qc_office"))
    for each in y.assessments.all():
        services.host_support_assess(
            assessment=each, support="adequate", note="到位", acting_user=u("jlp_qc_office")
        )
    services.grades_propose(year=y, acting_user=u("jlp_qc_office"))
    html = client_of("jlp_qc_office").get(reverse("appraisal:assessment_detail", args=[a.pk])).content
    html = html.decode()
    assert "优秀 ≥ 90" in html and "良好 ≥ 80" in html and "合格 ≥ 60" in html
    assert html.index("优秀 ≥ 90") < html.index("良好 ≥ 80") < html.index("合格 ≥ 60")
    scores = html[html.index('data-testid="scores"') :]
    assert "业务水平" in scores and "工作成绩" in scores
    for code in ("excellent", "good ≥", "competence", "work_style", "results"):
        assert code not in html.split("</main>")[0].split("<main")[-1], code


@pytest.mark.django_db
def test_a_stale_grade_confirmation_is_told_not_forbidden(u, client_of, jlp_centres):
    """Found walking as jlp_commission: confirming a grade again from a stale tab after the year was
    confirmed answered 403 “无权执行此操作” — the commission may confirm grades, the step is past."""
    from django.urls import reverse

    from appraisal import services

    from .test_flow import open_year

    y = services.year_close_scoring(year=open_year(u), acting_user=u("jlp_qc_office"))
    for each in y.assessments.all():
        services.host_support_assess(
            assessment=each, support="adequate", note="到位", acting_user=u("jlp_qc_office")
        )
    services.grades_propose(year=y, acting_user=u("jlp_qc_office"))
    a = y.assessments.first()
    services.grade_confirm(assessment=a, grade=a.proposed_grade, acting_user=u("jlp_commission"))
    url = reverse("appraisal:assessment_detail", args=[a.pk])
    c = client_of("jlp_commission")
    response = c.post(url, {"form": "grade", "g-grade": "excellent", "g-reason": "再改"}, follow=True)
    assert response.status_code == 200
    said = " ".join(str(m) for m in response.context["messages"])
    assert "已审定" in said and "不能再办理" in said
    a.refresh_from_db()
    assert a.grade == a.proposed_grade
    assert client_of("jlp_host").post(url, {"form": "grade", "g-grade": "excellent"}).status_code in (
        403,
        404,
    )


@pytest.mark.django_db
def test_the_latest_year_is_the_latest_whatever_order_it_was_made_in(u, jlp_centres):
    """Found walking as jlp_auditor: after 2026 was published the dashboard's scores chart still drew
    2025 — year_list aggregates (GROUP BY), so the model's ordering (-year) was dropped and first()
    took the lowest id."""
    from appraisal import selectors

    from .factories import graded

    graded(jlp_centres[0], 2025, "good")  # made first, the lower id: as in the demo
    graded(jlp_centres[0], 2026, "good")
    years = list(selectors.year_list(user=u("jlp_auditor")))
    assert [y.year for y in years] == [2026, 2025]
    assert selectors.year_list(user=u("jlp_auditor")).exclude(status="draft").first().year == 2026

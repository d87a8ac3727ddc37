"""The pages: each user reaches what is theirs (anonymous → login, stranger → 404, owner → 200,
auditor reads only), and the refusals of the services come back on the page with the input kept."""

import pytest
from django.urls import reverse

from appraisal.models import AssessmentYear, CentreScore
from directory.models import Jurisdiction

from .test_flow import open_year

pytestmark = pytest.mark.django_db


@pytest.fixture
def year(u, jlp_centres):
    return open_year(u)


def pages(y, centre):
    a = y.assessments.get(centre=centre)
    return [
        reverse("appraisal:year_list"),
        reverse("appraisal:year_detail", args=[y.pk]),
        reverse("appraisal:assessment_detail", args=[a.pk]),
        reverse("appraisal:centre", args=[centre.pk]),
        reverse("appraisal:duty_year", args=[centre.pk, 2025]),
        reverse("appraisal:duty_centres"),
    ]


def test_anonymous_is_sent_to_login(client, year, jlp_centres):
    for url in pages(year, jlp_centres[0]):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url


def test_owner_office_and_auditor_read_every_page(
    client_of, year, jlp_centres, django_assert_max_num_queries
):
    for who in ("jlp_qc_office", "jlp_commission", "jlp_auditor"):
        c = client_of(who)
        for url in pages(year, jlp_centres[0]):
            with django_assert_max_num_queries(60):
                assert c.get(url).status_code == 200, (who, url)
    assert client_of("jlp_qc_office").get(reverse("appraisal:dashboard")).status_code == 200


def test_stranger_gets_404(client_of, year, jlp_centres):
    c = client_of("jn_qc_office")
    for url in pages(year, jlp_centres[0])[1:5]:
        assert c.get(url).status_code == 404, url


def test_auditor_writes_nothing(client_of, year):
    c = client_of("jlp_auditor")
    response = c.post(reverse("appraisal:year_action", args=[year.pk, "close_scoring"]))
    assert response.status_code == 403
    year.refresh_from_db()
    assert year.status == "scoring"


def test_office_opens_a_year_in_the_browser(client_of, jlp_centres):
    c = client_of("jlp_qc_office")
    jlp = Jurisdiction.objects.get(code="500107")
    response = c.post(
        reverse("appraisal:year_open"), {"jurisdiction": jlp.pk, "body_kind": "district_centre", "year": 2025}
    )
    y = AssessmentYear.objects.get(jurisdiction=jlp, year=2025)
    assert response.status_code == 302
    # weights that do not sum to 100 are refused on the page, what was typed kept
    data = {
        "w_results": 50,
        "w_competence": 30,
        "w_work_style": 30,
        "t_excellent": 90,
        "t_good": 80,
        "t_pass": 60,
    }
    response = c.post(reverse("appraisal:year_criteria", args=[y.pk]), data)
    assert response.status_code == 200 and "权重之和须为100" in response.content.decode()
    assert 'value="50"' in response.content.decode()


def test_scorer_crafted_post_for_its_own_hosted_centre_is_refused(client_of, u, year, jlp_centres):
    """九龙坡 第二十一条（二）: jlp_scorer (九龙坡区中医院) hosts the second centre."""
    scorer = u("jlp_scorer")
    invitation = year.invitations.get(institution=scorer.institution)
    own = year.assessments.get(centre=jlp_centres[1])
    c = client_of("jlp_scorer")
    page = c.get(reverse("appraisal:invitation_detail", args=[invitation.pk])).content.decode()
    assert "本机构挂靠，回避评分" in page
    response = c.post(
        reverse("appraisal:score", args=[invitation.pk, own.pk]),
        {"s_results": 99, "s_competence": 99, "s_work_style": 99},
    )
    assert response.status_code == 200 and "不能为其评分" in response.content.decode()
    assert not CentreScore.objects.filter(assessment=own).exists()


def test_scorer_form_shows_the_scale_and_saves(client_of, u, year, jlp_centres):
    scorer = u("jlp_scorer")
    invitation = year.invitations.get(institution=scorer.institution)
    other = year.assessments.get(centre=jlp_centres[0])
    c = client_of("jlp_scorer")
    page = c.get(reverse("appraisal:score", args=[invitation.pk, other.pk])).content.decode()
    assert "评分标准（0–100分）" in page and "工作成绩" in page
    response = c.post(
        reverse("appraisal:score", args=[invitation.pk, other.pk]),
        {"s_results": 101, "s_competence": 80, "s_work_style": 80},
    )
    assert response.status_code == 200  # out of range, kept on the form
    response = c.post(
        reverse("appraisal:score", args=[invitation.pk, other.pk]),
        {"s_results": 90, "s_competence": 80, "s_work_style": 70},
    )
    assert response.status_code == 302
    assert CentreScore.objects.filter(assessment=other, invitation=invitation).count() == 3


def test_host_cannot_post_a_grade_for_its_centre(client_of, year, jlp_centres):
    a = year.assessments.get(centre=jlp_centres[0])
    response = client_of("jlp_host").post(
        reverse("appraisal:assessment_detail", args=[a.pk]),
        {"form": "grade", "g-grade": "excellent", "g-reason": "自评优秀"},
    )
    assert response.status_code == 403
    a.refresh_from_db()
    assert a.grade == ""


def test_the_score_form_is_not_offered_where_it_cannot_be_saved(client_of, u, year, jlp_centres):
    """Found walking as jlp_scorer: after 提交全部评分 the score page (and the page of the centre its
    hospital hosts) still offered 保存评分, refused only once pressed."""
    from appraisal import services

    scorer = u("jlp_scorer")
    invitation = year.invitations.get(institution=scorer.institution)
    other = year.assessments.get(centre=jlp_centres[0])
    own = year.assessments.get(centre=jlp_centres[1])
    c = client_of("jlp_scorer")
    assert "保存评分" not in c.get(reverse("appraisal:score", args=[invitation.pk, own.pk])).content.decode()
    services.score_save(
        invitation=invitation,
        assessment=other,
        scores={"results": 90, "competence": 80, "work_style": 70},
        acting_user=scorer,
    )
    services.invitation_submit(invitation=invitation, acting_user=scorer)
    page = c.get(reverse("appraisal:score", args=[invitation.pk, other.pk])).content.decode()
    assert "保存评分" not in page and 'data-testid="scores-locked"' in page
    assert "本机构已提交评分，不能再修改。" in page and "工作成绩：90.0" in page


def test_closing_scoring_asks_for_confirmation_and_names_who_has_not_scored(client_of, year):
    """结束评分 cannot be undone (no edge back to scoring): like 提交全部评分 and 公布考核结果 it is
    offered inside a confirmation, which says which institutions' scores will be missing."""
    import re

    html = client_of("jlp_qc_office").get(reverse("appraisal:year_detail", args=[year.pk])).content.decode()
    confirm = re.search(
        r'<details class="confirm" data-testid="close-scoring-confirm">(.*?)</details>', html, re.S
    )
    assert confirm, "结束评分 is behind a confirmation"
    body = confirm.group(1)
    assert "不能退回评分" in body and 'data-testid="close-scoring"' in body
    assert "close_scoring" not in html.replace(body, "")  # no bare button posts it
    waiting = year.invitations.filter(status="invited").select_related("institution")
    assert waiting and all(i.institution.name in body for i in waiting)

"""The self-report form refuses a submit made from a stale version of the assessment, with the
changes shown (issue 15; core/concurrency.py): a colleague's report is never silently replaced."""

import html
import re

import pytest
from django.urls import reverse

from appraisal import services

from .test_flow import open_year

pytestmark = pytest.mark.django_db


def test_a_self_report_sent_meanwhile_by_a_colleague_is_not_overwritten(u, jlp_centres, client_of):
    year = open_year(u)
    assessment = year.assessments.get(centre=jlp_centres[0])
    url = reverse("appraisal:assessment_detail", args=[assessment.pk])
    client = client_of("jlp_host")
    page = client.get(url).content.decode()
    token = html.unescape(re.search(r'name="r-edit_token" value="([^"]+)"', page).group(1))
    services.self_report_submit(assessment=assessment, text="同事报送的述职材料", acting_user=u("jlp_host"))
    response = client.post(url, {"form": "report", "r-text": "我写的述职材料", "r-edit_token": token})
    text = response.content.decode()
    assert response.status_code == 200 and "他人已修改了该记录" in text and "我写的述职材料" in text
    assessment.refresh_from_db()
    assert assessment.self_report == "同事报送的述职材料"

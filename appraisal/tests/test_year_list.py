"""年度考核 (the years list) at a province's size (issue 14): fifty years a page, each with its
centres and its scoring institutions (submitted / invited) counted exactly as before."""

import re

import pytest
from django.urls import reverse

from appraisal import selectors
from appraisal.models import AssessmentYear, ScoringInvitation
from core.lists import PAGE_SIZE

from .test_flow import open_year

pytestmark = pytest.mark.django_db


def _rows(html: str) -> list[str]:
    table = html.split('data-testid="years"', 1)[1].split("</table>", 1)[0]
    return re.findall(r"<tr><td><a href=\"/appraisal/years/\d+/\">.*?</tr>", table, flags=re.S)


def test_each_year_shows_its_centres_and_submitted_over_invited(client_of, u, jlp_centres):
    scoring = open_year(u, 2025)
    draft = AssessmentYear.objects.create(
        jurisdiction=scoring.jurisdiction,
        body_kind="district_centre",
        year=2026,
        ruleset_code=scoring.ruleset_code,
        created_by=u("jlp_qc_office"),
    )  # nothing assessed, nobody invited: zeros, not an empty cell
    invited = scoring.invitations.count()
    ScoringInvitation.objects.filter(pk=scoring.invitations.order_by("pk").first().pk).update(
        status="submitted"
    )

    html = client_of("jlp_commission").get(reverse("appraisal:year_list")).content.decode()
    rows = _rows(html)
    assert len(rows) == 2
    assert f"/appraisal/years/{draft.pk}/" in rows[0]  # the latest year first
    assert "<td>0</td><td>0/0</td>" in rows[0]
    assert f"<td>{len(jlp_centres)}</td><td>1/{invited}</td>" in rows[1]
    by_pk = {y.pk: y for y in selectors.year_list(user=u("jlp_commission"))}
    assert (by_pk[scoring.pk].n_centres, by_pk[scoring.pk].n_submitted, by_pk[scoring.pk].n_invited) == (
        len(jlp_centres),
        1,
        invited,
    )


def test_the_years_come_fifty_a_page(client_of, u, jlp_centres):
    first = open_year(u, 2025)
    AssessmentYear.objects.bulk_create(
        AssessmentYear(
            jurisdiction=first.jurisdiction,
            body_kind="district_centre",
            year=1970 + i,
            ruleset_code=first.ruleset_code,
            created_by=u("jlp_qc_office"),
        )
        for i in range(PAGE_SIZE)
    )
    c = client_of("jlp_commission")
    page1 = c.get(reverse("appraisal:year_list")).content.decode()
    assert len(_rows(page1)) == PAGE_SIZE
    assert f"/appraisal/years/{first.pk}/" in _rows(page1)[0]  # 2025, the latest, first
    assert "下一页" in page1
    page2 = c.get(reverse("appraisal:year_list") + "?page=2").content.decode()
    assert len(_rows(page2)) == 1  # 1970, the earliest
    assert "1970年度" in _rows(page2)[0]

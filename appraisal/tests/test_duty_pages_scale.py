"""Issue 14: the 年度履职 list and the 考核统计图 do not grow with the number of centres in scope (a
province's 2,000). The list judges fifty centres a page; the chart counts the duty years' deadlines
by duty in the database and judges no centre — the same queries, rows and HTML for 6 centres as
for 60 (docs/performance.md)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from appraisal import duties, selectors, services

from .factories import CentreFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def centres(world, settings, tmp_path, at, u):
    """Running 九龙坡 centres, added to ``n``; each with its 2026 duty year opened."""
    settings.MEDIA_ROOT = tmp_path
    at("2026-07-01 09:00")
    made = []

    def grow(n: int):
        while len(made) < n:
            centre = CentreFactory(specialty__name=f"规模测试专业{len(made):03d}")
            services.duty_year_open(
                centre=centre, year=2026, plan_due_on=date(2026, 1, 31), acting_user=u("jlp_qc_office")
            )
            made.append(centre)
        return made

    return grow


def _get(client, url, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return response, len(queries)


def test_the_duty_list_judges_a_page_of_fifty_whatever_the_number_of_centres(client_of, centres, monkeypatch):
    judged = []
    real = duties.years_at_a_glance
    monkeypatch.setattr(
        duties, "years_at_a_glance", lambda cs, year, **kw: judged.append(len(cs)) or real(cs, year)
    )
    client = client_of("jlp_qc_office")
    url = reverse("appraisal:duty_centres")
    centres(6)
    small, small_queries = _get(client, url, year=2026)
    centres(60)
    large, large_queries = _get(client, url, year=2026)
    assert [len(small.context["rows"]), len(large.context["rows"])] == [6, 50]
    assert judged == [6, 50]  # the centres judged: the page's, not the scope's
    assert large_queries == small_queries
    assert "共 60 条" in large.content.decode()
    rest, _ = _get(client, url, year=2026, page=2)
    assert len(rest.context["rows"]) == 10
    shown = {r["centre"].pk for r in large.context["rows"]} | {r["centre"].pk for r in rest.context["rows"]}
    assert len(shown) == 60  # every centre on one page or the other


def test_the_chart_counts_by_duty_in_the_database_not_by_centre(client_of, centres, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the chart judges no centre in Python")

    monkeypatch.setattr(duties, "years_at_a_glance", refuse)
    client = client_of("jlp_commission")
    url = reverse("appraisal:dashboard")
    centres(6)
    small, small_queries = _get(client, url, year=2026)
    centres(60)
    large, large_queries = _get(client, url, year=2026)
    assert large_queries == small_queries
    assert small.context["duties"]["categories"] == large.context["duties"]["categories"]  # the duties

    def chart(response):
        html = response.content.decode()
        return re.search(
            r'<figure class="chart-figure" aria-labelledby="chart-duties-caption">.*?</figure>', html, re.S
        )[0]

    assert abs(len(chart(large)) - len(chart(small))) < 200  # only the figures' digits differ
    due = dict(zip(large.context["duties"]["categories"], large.context["duties"]["series"][1]["data"]))
    assert due["质控培训"] == 60  # every centre's training still due: counted, not listed


def test_the_counts_follow_the_duty_years_deadlines(centres, u, at):
    """Two confirmed trainings meet a centre's training deadline (九龙坡 第八条（五）): done for it,
    still due for the others; past the year's end the unmet ones are overdue."""
    made = centres(3)
    for day in (date(2026, 3, 1), date(2026, 6, 1)):
        record = services.duty_record(
            centre=made[0],
            year=2026,
            kind="training",
            title="质控培训",
            done_on=day,
            acting_user=u("jlp_host"),
        )
        services.duty_confirm(record=record, acting_user=u("jlp_qc_office"))
    counts = selectors.duty_status_counts(user=u("jlp_commission"), year=2026)
    assert counts["training"] == {"done": 1, "due": 2, "overdue": 0}
    assert selectors.duty_status_counts(user=u("jn_commission"), year=2026) == {}  # another city's
    at("2027-01-05 09:00")
    assert selectors.duty_status_counts(user=u("jlp_commission"), year=2026)["training"] == {
        "done": 1,
        "due": 0,
        "overdue": 2,
    }
    assert selectors.duty_years_not_opened(user=u("jlp_commission"), year=2026) == 0
    assert selectors.duty_years_not_opened(user=u("jlp_commission"), year=2027) == 3


def test_a_centres_year_reads_its_records_evidence_at_once_whatever_their_number(client_of, centres, u):
    """A year of a centre holds up to twenty records (河南's monthly dispatch meetings): the page reads
    their 证明材料 in the same queries for one record as for ten (it read two per record), and each
    record still shows its own files and, to the host, its upload form — to the auditor neither form."""
    from django.core.files.base import ContentFile

    from appraisal.models import DutyRecord
    from attachments.services import attachment_store

    centre = centres(1)[0]
    url = reverse("appraisal:duty_year", args=[centre.pk, 2026])

    def record(n: int) -> DutyRecord:
        return duties.duty_record(
            centre=centre,
            year=2026,
            kind="training",
            title=f"第{n}期质控培训",
            done_on=date(2026, 6, n),
            details="",
            acting_user=u("jlp_host"),
        )

    first = record(1)
    attachment_store(
        file=ContentFile(b"%PDF-1.7 evidence", name="sign-in.pdf"),
        kind="appraisal.evidence",
        subject=first,
        acting_user=u("jlp_host"),
    )
    host = client_of("jlp_host")
    _, one = _get(host, url)
    for n in range(2, 11):
        record(n)
    page, ten = _get(host, url)
    assert ten == one
    sections = re.findall(
        r'<section class="card attachments" id="attachments-\d+-(\d+)".*?</section>',
        page.content.decode(),
        re.S,
    )
    assert len(sections) == 10
    html = page.content.decode()
    own = re.search(rf'id="attachments-\d+-{first.pk}".*?</section>', html, re.S).group(0)
    assert "sign-in.pdf" in own and "上传附件" in own
    assert html.count("sign-in.pdf") == 1  # under its own record only
    auditor, _ = _get(client_of("jlp_auditor"), url)
    assert "sign-in.pdf" in auditor.content.decode() and "上传附件" not in auditor.content.decode()


def test_a_refused_evidence_upload_comes_back_under_its_own_record(client_of, centres, u):
    """The upload form read with the others keeps the attachments app's behaviour: a refused file
    returns to the page with the error under the record it was for, and no other record's form."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.files.uploadedfile import SimpleUploadedFile

    from appraisal.models import DutyRecord

    centre = centres(1)[0]
    made = [
        duties.duty_record(
            centre=centre,
            year=2026,
            kind="training",
            title=f"第{n}期质控培训",
            done_on=date(2026, 6, n),
            details="",
            acting_user=u("jlp_host"),
        )
        for n in (1, 2)
    ]
    url = reverse("appraisal:duty_year", args=[centre.pk, 2026])
    content_type = ContentType.objects.get_for_model(DutyRecord)
    host = client_of("jlp_host")
    host.post(
        reverse("attachments:upload", args=[content_type.pk, made[1].pk]),
        {
            "kind": "appraisal.evidence",
            "file": SimpleUploadedFile("virus.exe", b"MZ not a document"),
            "next": url,
        },
    )
    html = host.get(url).content.decode()
    sections = dict(re.findall(r'id="attachments-\d+-(\d+)"(.*?)</section>', html, re.S))
    assert 'data-testid="attachment-errors"' in sections[str(made[1].pk)]
    assert 'data-testid="attachment-errors"' not in sections[str(made[0].pk)]


@pytest.mark.parametrize("asked", ["-1", "99999", "abc"])
def test_the_duty_list_reads_a_year_no_record_can_have_as_this_year(world, client_of, asked):
    from core.workflow import today

    response = client_of("jlp_commission").get(f"/appraisal/duties/?year={asked}")
    assert response.status_code == 200 and f"{today().year}年度履职" in response.content.decode()

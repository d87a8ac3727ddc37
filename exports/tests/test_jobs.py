"""An export runs in the background for its user: the list page's filters go with it, the rows
are those the user's list page shows, the file is theirs alone, and the export is on record."""

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from audit.models import SecurityEvent
from directory.models import Institution, Person
from exports.models import ExportJob
from exports.registry import ExportSpec, register, unregister
from exports.writer import COVER_SHEET, DATA_SHEET


@pytest.fixture
def start(django_capture_on_commit_callbacks):
    """POST the list page's export button as ``client``; the task runs eagerly on commit."""

    def run(client, code, **filters):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("exports:start", args=[code]), filters)
        assert response.status_code == 302
        return ExportJob.objects.latest("pk"), response

    return run


def rows_of(job):
    with job.file.open("rb") as fh:
        book = load_workbook(fh)
    sheet = book[DATA_SHEET]
    cover = {r[0].value: r[1].value for r in book[COVER_SHEET].iter_rows(min_row=2) if r[0].value}
    return [[c.value for c in row] for row in sheet.iter_rows(min_row=2)], cover


def test_institution_export_holds_the_rows_of_the_list_page_with_its_filters(client_of, start):
    client = client_of("jn_commission")
    job, response = start(client, "institutions", kind="general", ignored="x")
    assert response["Location"] == reverse("exports:job_detail", args=[job.pk])
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE and job.filters == {"kind": "general"}
    rows, cover = rows_of(job)
    expected = set(
        Institution.objects.filter(jurisdiction__path__contains="370100/", kind="general").values_list(
            "name", flat=True
        )
    )
    assert {r[0] for r in rows} == expected and expected
    assert cover["筛选条件"] == "机构类别：综合医院"
    assert cover["记录条数"] == str(len(expected))
    assert job.rows_done == job.rows_total == len(expected)


def test_person_export_masks_identities_for_an_auditor(client_of, start):
    job, _ = start(client_of("jlp_auditor"), "people")
    rows, _ = rows_of(job)
    person = Person.objects.get(name="张建国")
    row = next(r for r in rows if r[0] == "张建国")
    assert row[2] == person.masked_id_number and row[2] != person.id_number
    assert row[3] == person.masked_mobile


def test_person_export_shows_identities_to_the_commission(client_of, start):
    job, _ = start(client_of("jlp_commission"), "people")
    rows, _ = rows_of(job)
    person = Person.objects.get(name="张建国")
    assert next(r for r in rows if r[0] == "张建国")[2] == person.id_number


def test_every_export_and_download_is_a_security_event(client_of, start):
    client = client_of("jlp_auditor")
    job, _ = start(client, "institutions", q="医院")
    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.EXPORT)
    assert event.user.username == "jlp_auditor"
    assert event.detail["spec"] == "institutions" and event.detail["filters"] == {"q": "医院"}
    assert event.detail["filters_zh"] == "机构名称或信用代码：医院"
    response = client.get(reverse("exports:job_download", args=[job.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.DOWNLOAD, user=event.user).count() == 1


def test_job_page_offers_the_file_when_ready_and_progress_is_polled(client_of, start):
    client = client_of("jlp_commission")
    job, _ = start(client, "institutions")
    page = client.get(reverse("exports:job_detail", args=[job.pk])).content.decode()
    assert reverse("exports:job_download", args=[job.pk]) in page and "已完成" in page
    progress = client.get(reverse("exports:job_progress", args=[job.pk])).json()
    assert progress["finished"] and progress["percent"] == 100
    assert progress["download_url"] == reverse("exports:job_download", args=[job.pk])


def test_a_pending_job_page_polls_with_the_same_origin_script(client_of, user_of):
    client = client_of("jlp_commission")
    job = ExportJob.objects.create(
        user=user_of("jlp_commission"), spec_code="institutions", title="医疗机构名录"
    )
    page = client.get(reverse("exports:job_detail", args=[job.pk])).content.decode()
    assert "exports/job.js" in page and "排队中" in page and "//cdn" not in page
    progress = client.get(reverse("exports:job_progress", args=[job.pk])).json()
    assert progress == {
        "status": "pending",
        "status_display": "排队中",
        "finished": False,
        "rows_done": 0,
        "rows_total": None,
        "percent": 0,
        "download_url": None,
    }
    assert client.get(reverse("exports:job_download", args=[job.pk])).status_code == 404


def test_a_failing_export_is_marked_failed_with_a_chinese_message(client_of, start):
    def broken(user, filters):
        raise RuntimeError("database went away")

    register(ExportSpec(code="broken", title="坏清单", queryset=broken, columns=[]))
    try:
        job, _ = start(client_of("jlp_commission"), "broken")
    finally:
        unregister("broken")
    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED and "导出失败" in job.error and not job.file


def test_a_job_runs_once(client_of, start):
    from exports.services import export_job_run

    job, _ = start(client_of("jlp_commission"), "institutions")
    name = ExportJob.objects.get(pk=job.pk).file.name
    export_job_run(job_id=job.pk)  # a second delivery of the same task
    assert ExportJob.objects.get(pk=job.pk).file.name == name


def test_unknown_list_is_404(client_of):
    assert client_of("jlp_commission").post(reverse("exports:start", args=["nothing"])).status_code == 404


def test_export_button_carries_the_current_filters(client_of):
    page = (
        client_of("jlp_commission")
        .get(reverse("directory:institution_list"), {"kind": "general", "q": "区"})
        .content.decode()
    )
    assert reverse("exports:start", args=["institutions"]) in page
    assert '<input type="hidden" name="kind" value="general">' in page
    assert '<input type="hidden" name="q" value="区">' in page
    page = (
        client_of("jlp_auditor")
        .get(reverse("directory:person_list"), {"employment": "retired"})
        .content.decode()
    )
    assert reverse("exports:start", args=["people"]) in page
    assert '<input type="hidden" name="employment" value="retired">' in page


@pytest.mark.parametrize("code", ["institutions", "people"])
def test_an_export_reads_its_rows_in_a_fixed_number_of_queries(user_of, django_assert_max_num_queries, code):
    from exports.registry import get_spec
    from exports.services import export_job_run

    job = ExportJob.objects.create(user=user_of("cq_commission"), spec_code=code, title=get_spec(code).title)
    with django_assert_max_num_queries(12):
        export_job_run(job_id=job.pk)
    assert ExportJob.objects.get(pk=job.pk).status == ExportJob.Status.DONE


def test_job_list_query_count_is_flat(client_of, start, django_assert_max_num_queries):
    client = client_of("jlp_commission")
    for _ in range(3):
        start(client, "institutions")
    with django_assert_max_num_queries(10):
        assert client.get(reverse("exports:job_list")).status_code == 200

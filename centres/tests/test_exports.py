"""The centres' Excel lists: run through the exports service as its user, read back with openpyxl
— the cover that describes the file, the Chinese headings, dates as real dates, review totals for
those who may see them, and nothing from another jurisdiction."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import User
from centres.models import Specialty
from centres.services import selection as services
from directory.models import Jurisdiction, Person
from exports.models import ExportJob
from exports.registry import get_spec
from exports.services import export_job_create, export_job_run
from exports.writer import COVER_SHEET, DATA_SHEET

pytestmark = pytest.mark.django_db

CODES = ["centres", "centre_calls", "centre_applications", "centre_terms"]


@pytest.fixture
def export(django_capture_on_commit_callbacks):
    """Export ``code`` as ``user`` through the exports service (the task runs eagerly on commit);
    returns (cover as {label: value}, headings, rows, data sheet)."""

    def run(user, code, **filters):
        with django_capture_on_commit_callbacks(execute=True):
            job = export_job_create(user=user, spec=get_spec(code), raw_filters=filters)
        job.refresh_from_db()
        assert job.status == ExportJob.Status.DONE, job.error
        with job.file.open("rb") as fh:
            book = load_workbook(fh)
        cover = {r[0].value: r[1].value for r in book[COVER_SHEET].iter_rows(min_row=2) if r[0].value}
        sheet = book[DATA_SHEET]
        headings = [c.value for c in next(sheet.iter_rows(max_row=1))]
        rows = [
            dict(zip(headings, (c.value for c in row), strict=True)) for row in sheet.iter_rows(min_row=2)
        ]
        return cover, headings, rows, sheet

    return run


@pytest.fixture
def established(jlp_centre, u, complete, at):
    """九龙坡's cardiology centre, selected, scored on two criteria, noticed and established on 9 March."""
    at("2026-03-02 09:00")
    call = services.call_publish(
        centre=jlp_centre,
        title="九龙坡区心血管内科医疗质量控制中心挂靠单位遴选公告",
        method="selection",
        acting_user=u("jlp_commission"),
        application_deadline=timezone.make_aware(datetime(2026, 3, 20, 17, 0)),
    )
    application = complete(call, u("jlp_host"))
    services.application_submit(application=application, acting_user=u("jlp_host"))
    services.application_preliminary_review(
        application=application, outcome="passed", acting_user=u("jlp_qc_office")
    )
    services.call_close_applications(
        call=call, acting_user=u("jlp_qc_office"), reason="申请单位均已提交，提前进入评审"
    )
    chen = Person.objects.get(name="陈静")
    member = services.panel_add(call=call, person=chen, acting_user=u("jlp_qc_office"))
    expert = User.objects.get(person=chen)  # the demo's reviewer, jlp_reviewer
    for criterion, score in (("综合实力", "88.5"), ("质控基础", "9.0")):
        services.score_record(
            member=member,
            application=application,
            criterion=criterion,
            score=Decimal(score),
            acting_user=expert,
        )
    services.call_select(call=call, application=application, reasons="择优", acting_user=u("jlp_commission"))
    services.notice_publish(
        call=call, starts_on=date(2026, 3, 2), working_days=5, acting_user=u("jlp_commission")
    )
    at("2026-03-09 09:00")
    services.centre_establish(call=call, acting_user=u("jlp_commission"))
    return call


@pytest.fixture
def jinan_centre(world, u):
    return services.centre_create(
        jurisdiction=Jurisdiction.objects.get(code="370100"),
        body_kind="city_centre",
        specialty=Specialty.objects.create(name="呼吸内科"),
        name="济南市呼吸内科质控中心",
        acting_user=u("jn_commission"),
    )


def test_an_auditor_exports_the_applications_with_their_review_totals(established, u, export):
    cover, headings, rows, _ = export(u("jlp_auditor"), "centre_applications")
    assert cover["导出清单"] == "挂靠单位申请及评审得分"
    assert cover["导出人"].startswith("九龙坡区 审计（jlp_auditor，审计人员")
    assert "九龙坡" in cover["数据范围"]
    assert cover["筛选条件"] == "无（全部记录）" and cover["记录条数"] == "1"
    assert headings == [
        "遴选公告",
        "质控中心",
        "行政区划",
        "申请单位",
        "单位等级",
        "拟任负责人",
        "状态",
        "版本",
        "提交时间",
        "评审总分",
    ]
    [row] = rows
    assert (row["申请单位"], row["拟任负责人"], row["状态"], row["行政区划"]) == (
        "九龙坡区人民医院",
        "张建国",
        "已确定为挂靠单位",
        "九龙坡区",
    )
    assert (
        row["评审总分"] == 97.5
    )  # 88.5 + 9.0: per criterion the reviewers' average, summed (services.ranking)
    assert row["提交时间"] == datetime(2026, 3, 2, 9, 0)  # Asia/Shanghai, a real Excel date-time


def test_review_totals_are_left_out_for_the_applicant(established, u, export):
    _, _, [row], _ = export(u("jlp_host"), "centre_applications")
    assert row["申请单位"] == "九龙坡区人民医院" and row["评审总分"] is None


def test_centres_and_terms_carry_dates_as_dates(established, u, export):
    cover, _, [centre], sheet = export(u("jlp_auditor"), "centres", status="active")
    assert cover["筛选条件"] == "状态：运行中"
    assert (centre["中心名称"], centre["状态"], centre["挂靠单位"], centre["负责人"]) == (
        "九龙坡区心血管内科医疗质量控制中心",
        "运行中",
        "九龙坡区人民医院",
        "张建国",
    )
    assert (centre["本周期起始日"], centre["本周期届满日"]) == (datetime(2026, 3, 9), datetime(2030, 3, 8))
    start_cell = sheet.cell(row=2, column=9)
    assert start_cell.is_date and start_cell.number_format == "yyyy-mm-dd"

    cover, headings, [term], sheet = export(u("jlp_auditor"), "centre_terms")
    assert cover["导出清单"] == "质控中心挂靠周期"
    assert headings == ["质控中心", "行政区划", "第几周期", "挂靠单位", "负责人", "起始日", "届满日", "状态"]
    assert (term["第几周期"], term["起始日"], term["届满日"], term["状态"]) == (
        1,
        datetime(2026, 3, 9),
        datetime(2030, 3, 8),
        "进行中",
    )
    assert sheet.cell(row=2, column=7).is_date


def test_calls_list_method_status_and_selection(established, u, export):
    cover, _, [call], _ = export(u("jlp_commission"), "centre_calls", method="selection")
    assert cover["筛选条件"] == "方式：遴选"
    assert (call["方式"], call["状态"], call["申请数"], call["择优确定挂靠单位"], call["择优确定负责人"]) == (
        "遴选",
        "已决定设置",
        1,
        "九龙坡区人民医院",
        "张建国",
    )
    assert call["发布时间"] == datetime(2026, 3, 2, 9, 0) and call["申报截止时间"] == datetime(
        2026, 3, 20, 17, 0
    )


@pytest.mark.parametrize("code", CODES)
def test_another_jurisdictions_rows_are_absent(established, jinan_centre, u, export, code):
    _, _, rows, _ = export(u("jn_auditor"), code)
    assert not any("九龙坡" in str(value) for row in rows for value in row.values())
    _, _, rows, _ = export(u("jlp_auditor"), code)
    assert rows and not any("济南" in str(value) for row in rows for value in row.values())


def test_the_jinan_auditor_sees_jinan(jinan_centre, u, export):
    _, _, rows, _ = export(u("jn_auditor"), "centres")
    assert [r["中心名称"] for r in rows] == ["济南市呼吸内科质控中心"]


@pytest.mark.parametrize("code", CODES)
def test_an_export_reads_its_rows_in_a_fixed_number_of_queries(
    established, u, code, django_assert_max_num_queries
):
    job = ExportJob.objects.create(user=u("jlp_auditor"), spec_code=code, title=get_spec(code).title)
    with django_assert_max_num_queries(12):
        export_job_run(job_id=job.pk)
    assert ExportJob.objects.get(pk=job.pk).status == ExportJob.Status.DONE

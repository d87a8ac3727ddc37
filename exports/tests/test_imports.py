"""Importing institutions from the Excel staff already keep: every row is checked, every
problem names its row, column letter and heading in Chinese, and a file with any problem
imports nothing. Rows go only into the importer's own jurisdictions."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from directory.demo import demo_uscc
from directory.models import Institution

HEADINGS = ["机构名称", "统一社会信用代码", "机构类别", "等级", "经营性质", "所在区划代码", "开业日期"]


def xlsx(*rows, headings=HEADINGS) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(headings)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(
        "机构.xlsx",
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def good(n, name=None, jurisdiction="500107"):
    return [
        name or f"九龙坡区第{n}社区卫生服务中心",
        demo_uscc(jurisdiction, 900 + n),
        "社区卫生服务中心",
        "一级甲等",
        "公立",
        jurisdiction,
        dt.datetime(2015, 6, 1),
    ]


def upload(client, file):
    return client.post(reverse("exports:institution_import"), {"file": file})


def test_template_has_the_headings_staff_fill_in(client_of):
    response = client_of("jlp_qc_office").get(reverse("exports:institution_import_template"))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in book.worksheets[0][1]] == HEADINGS
    codes = [r[0].value for r in book["区划代码"].iter_rows(min_row=2)]
    assert codes == ["500107"]  # only the jurisdictions the user may import into


def test_a_clean_file_is_imported_whole(client_of):
    before = Institution.objects.count()
    response = upload(client_of("jlp_qc_office"), xlsx(good(1), good(2)))
    assert response.status_code == 302 and response["Location"] == reverse("directory:institution_list")
    assert Institution.objects.count() == before + 2
    imported = Institution.objects.get(name="九龙坡区第1社区卫生服务中心")
    assert (imported.kind, imported.grade, imported.ownership) == ("community", "1a", "public")
    assert imported.opened_on == dt.date(2015, 6, 1)
    assert imported.supervising_commission.name == "重庆市九龙坡区卫生健康委员会"


def test_codes_as_numbers_and_dates_as_text_are_understood(client_of):
    row = good(3)
    row[5], row[6] = 500107, "2015/06/01"
    assert upload(client_of("jlp_commission"), xlsx(row)).status_code == 302
    assert Institution.objects.get(name=row[0]).opened_on == dt.date(2015, 6, 1)


@pytest.mark.parametrize(
    "column,value,where,message",
    [
        (2, "急救站", "第3行 C列（机构类别）", "“急救站”不是有效的机构类别"),
        (1, "12500107000000000X", "第3行 B列（统一社会信用代码）", "统一社会信用代码"),
        (5, "370100", "第3行 F列（所在区划代码）", "不存在或不在您的辖区内"),
        (5, "999999", "第3行 F列（所在区划代码）", "不存在或不在您的辖区内"),
        (6, "去年", "第3行 G列（开业日期）", "不是有效的日期"),
        (0, None, "第3行 A列（机构名称）", "必填"),
        (0, "九龙坡区人民医院", "第3行 A列（机构名称）", "已经存在"),  # same name in the same district
    ],
)
def test_each_problem_names_row_column_and_heading_and_nothing_is_imported(
    client_of, column, value, where, message
):
    bad = good(5)
    bad[column] = value
    before = Institution.objects.count()
    response = upload(client_of("jlp_qc_office"), xlsx(good(4), bad, good(6)))
    assert response.status_code == 200
    problems = [str(p) for p in response.context["result"].problems]
    assert any(p.startswith(where) and message in p for p in problems), problems
    assert Institution.objects.count() == before  # rows 2 and 4 were fine, yet none is saved
    assert "未导入任何机构" in response.content.decode()


def test_a_uscc_twice_in_one_file_is_refused(client_of):
    first, second = good(7), good(8)
    second[1] = first[1]
    response = upload(client_of("jlp_qc_office"), xlsx(first, second))
    problems = [str(p) for p in response.context["result"].problems]
    assert len(problems) == 1 and problems[0].startswith("第3行 B列（统一社会信用代码）"), problems
    assert not Institution.objects.filter(name=first[0]).exists()


def test_all_problems_are_listed_at_once(client_of):
    a, b = good(9), good(10)
    a[2], b[3] = "诊所", "特等"
    problems = [str(p) for p in upload(client_of("jlp_qc_office"), xlsx(a, b)).context["result"].problems]
    assert [p.split("：")[0] for p in problems] == ["第2行 C列（机构类别）", "第3行 D列（等级）"]


def test_missing_headings_are_named(client_of):
    response = upload(client_of("jlp_qc_office"), xlsx(["x"], headings=["机构名称", "等级"]))
    assert "缺少标题：统一社会信用代码、机构类别、所在区划代码" in response.content.decode()


def test_headings_in_another_order_are_matched_by_name(client_of):
    row = good(11)
    order = [5, 0, 1, 2, 3, 4, 6]
    file = xlsx([row[i] for i in order], headings=[HEADINGS[i] for i in order])
    response = upload(client_of("jlp_qc_office"), file)
    assert response.status_code == 302 and Institution.objects.filter(name=row[0]).exists()


def test_a_file_that_is_not_a_workbook_is_refused_in_chinese(client_of):
    fake = SimpleUploadedFile("机构.xlsx", b"not a zip at all")
    response = upload(client_of("jlp_qc_office"), fake)
    assert "不是有效的 Excel 工作簿" in response.content.decode()
    response = upload(client_of("jlp_qc_office"), SimpleUploadedFile("机构.xls", b"old"))
    assert ".xlsx" in response.content.decode() and response.status_code == 200


def test_an_empty_file_is_refused(client_of):
    response = upload(client_of("jlp_qc_office"), xlsx())
    assert "没有数据行" in response.content.decode()


def test_province_staff_import_into_a_district_below_them(client_of):
    row = good(12, name="渝北区示范社区卫生服务中心", jurisdiction="500112")
    assert upload(client_of("cq_commission"), xlsx(row)).status_code == 302
    assert Institution.objects.get(name=row[0]).supervising_commission.name == "重庆市渝北区卫生健康委员会"


def test_the_downloaded_template_filled_in_is_imported(client_of):
    client = client_of("jlp_qc_office")
    book = load_workbook(io.BytesIO(client.get(reverse("exports:institution_import_template")).content))
    book.worksheets[0].append(good(13))
    buffer = io.BytesIO()
    book.save(buffer)
    response = upload(client, SimpleUploadedFile("模板.xlsx", buffer.getvalue()))
    assert response.status_code == 302 and Institution.objects.filter(name=good(13)[0]).exists()

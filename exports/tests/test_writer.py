"""The Excel engine: what an auditor opens must be readable, honest about what it holds, masked
where the exporter may not see identities, and never carry a formula that came from the data."""

import datetime as dt
import io
from types import SimpleNamespace

import pytest
from openpyxl import load_workbook

from accounts.models import Role, User
from exports.registry import Column, ExportSpec
from exports.writer import COVER_SHEET, DATA_SHEET, write_export

ROWS = [
    SimpleNamespace(
        name='=HYPERLINK("http://evil","点我")',
        id_number="500107198001011234",
        mobile="13800138000",
        opened=dt.date(2020, 1, 31),
        beds=120,
        cost=12.5,
        at=dt.datetime(2026, 3, 1, 0, 30, tzinfo=dt.UTC),
    ),
    SimpleNamespace(
        name="+86 市中区医院", id_number="", mobile="", opened=None, beds=None, cost=None, at=None
    ),
    SimpleNamespace(name="-1", id_number="", mobile="", opened=None, beds=0, cost=0, at=None),
    SimpleNamespace(name="@SUM(A1)", id_number="", mobile="", opened=None, beds=None, cost=None, at=None),
]

SPEC = ExportSpec(
    code="test-rows",
    title="测试清单",
    queryset=lambda user, filters: ROWS,
    columns=[
        Column("名称", "name", width=30),
        Column("身份证号", "id_number", width=22, sensitive="id"),
        Column("手机号", "mobile", width=14, sensitive="mobile"),
        Column("开业日期", "opened", kind="date", width=12),
        Column("床位数", "beds", kind="int", width=8),
        Column("费用", "cost", kind="decimal", width=10),
        Column("时间", "at", kind="datetime", width=18),
    ],
    filter_labels={"kind": ("机构类别", [("general", "综合医院")]), "q": "名称包含"},
)


def export(user, filters=None):
    buffer = io.BytesIO()
    count = write_export(
        spec=SPEC,
        user=user,
        filters=filters or {},
        output=buffer,
        exported_at=dt.datetime(2026, 3, 1, 2, 0, tzinfo=dt.UTC),
    )
    buffer.seek(0)
    return count, load_workbook(buffer)


@pytest.fixture
def commission():
    return User(username="c1", role=Role.COMMISSION, display_name="某区卫健委")


@pytest.fixture
def auditor():
    return User(username="a1", role=Role.AUDITOR, display_name="某区审计")


def test_data_sheet_has_chinese_headers_frozen_and_sized(commission):
    count, book = export(commission)
    sheet = book[DATA_SHEET]
    assert count == 4
    assert [c.value for c in sheet[1]] == ["名称", "身份证号", "手机号", "开业日期", "床位数", "费用", "时间"]
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width == pytest.approx(30, abs=1)
    assert sheet.auto_filter.ref == "A1:G5"


def test_dates_are_real_dates_with_a_date_format_and_times_are_beijing_time(commission):
    _, book = export(commission)
    sheet = book[DATA_SHEET]
    assert sheet["D2"].is_date and sheet["D2"].value.date() == dt.date(2020, 1, 31)
    assert sheet["D2"].number_format == "yyyy-mm-dd"
    assert sheet["G2"].value == dt.datetime(2026, 3, 1, 8, 30)  # 00:30 UTC is 08:30 in Shanghai
    assert sheet["E2"].value == 120 and sheet["F2"].value == 12.5
    assert sheet["D3"].value is None


@pytest.mark.parametrize("cell", ["A2", "A3", "A4", "A5"])
def test_a_value_that_looks_like_a_formula_is_written_as_text(commission, cell):
    _, book = export(commission)
    value = book[DATA_SHEET][cell]
    assert value.value[0] in "=+-@"
    assert value.data_type == "s"  # a formula would read back as "f"


def test_identity_numbers_and_mobiles_are_masked_for_roles_that_may_not_see_them(auditor, commission):
    _, book = export(auditor)
    assert book[DATA_SHEET]["B2"].value == "500107********1234"
    assert book[DATA_SHEET]["C2"].value == "138****8000"
    assert "已脱敏" in _cover(book)["敏感信息"]
    _, book = export(commission)
    assert book[DATA_SHEET]["B2"].value == "500107198001011234"
    assert book[DATA_SHEET]["C2"].value == "13800138000"
    assert "未脱敏" in _cover(book)["敏感信息"]


def _cover(book) -> dict:
    sheet = book[COVER_SHEET]
    return {row[0].value: row[1].value for row in sheet.iter_rows(min_row=2) if row[0].value}


def test_cover_sheet_says_who_exported_what_with_which_filters_when_and_how_many(commission):
    _, book = export(commission, {"kind": "general", "q": "医院"})
    assert book.sheetnames[0] == COVER_SHEET
    cover = _cover(book)
    assert cover["导出清单"] == "测试清单"
    assert cover["导出人"] == "某区卫健委（c1，卫健委工作人员）"
    assert cover["筛选条件"] == "机构类别：综合医院；名称包含：医院"
    assert cover["导出时间"] == "2026-03-01 10:00:00（北京时间）"
    assert cover["记录条数"] == "4"


def test_cover_sheet_says_when_no_filter_was_used(commission):
    _, book = export(commission)
    assert _cover(book)["筛选条件"] == "无（全部记录）"


def test_filters_the_list_does_not_know_are_dropped():
    assert SPEC.clean_filters({"kind": "general", "q": " ", "evil": "1"}) == {"kind": "general"}


def test_a_column_refuses_an_unknown_kind():
    with pytest.raises(ValueError):
        Column("x", "x", kind="formula")

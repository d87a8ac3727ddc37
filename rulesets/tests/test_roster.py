"""Reading the roster workbook and writing its template."""

from datetime import date, datetime

import pytest
from openpyxl import Workbook, load_workbook

from rulesets.roster import HEADINGS, RosterError, read_roster, write_roster_template

GOOD_ROW = {
    "姓名": "张三",
    "性别": "男",
    "出生日期": datetime(1970, 5, 1),
    "工作单位": "挂靠医院",
    "是否挂靠单位人员": "是",
    "职称": "主任医师",
    "职称级别": "正高级",
    "取得职称时间": "2010-01-01",
    "专业": "心内科",
    "拟任职务": "主任委员",
    "在职状态": "在职",
    "主执业地点": "挂靠医院",
    "在本区执业起始时间": "2000-09-01",
    "已任主任委员届数": 1,
    "近两年受行政处罚": "否",
}


def make_workbook(path, rows, headings=HEADINGS):
    wb = Workbook()
    ws = wb.active
    ws.append(list(headings))
    for row in rows:
        ws.append([row.get(h) for h in headings])
    wb.save(path)
    return path


def test_reads_one_member_per_row_with_excel_and_text_dates(tmp_path):
    second = {
        **GOOD_ROW,
        "姓名": "李四",
        "拟任职务": "委员",
        "是否挂靠单位人员": "否",
        "职称级别": "副高级",
        "在职状态": "退休",
        "出生日期": "1960-02-29",
        "已任主任委员届数": None,
        "近两年受行政处罚": None,
    }
    committee = read_roster(make_workbook(tmp_path / "r.xlsx", [GOOD_ROW, {}, second]), host_name="挂靠医院")
    first, other = committee.members
    assert (first.name, first.role, first.from_host, first.title_level, first.row) == (
        "张三",
        "chair",
        True,
        "senior",
        2,
    )
    assert first.birth_date == date(1970, 5, 1) and first.title_obtained_on == date(2010, 1, 1)
    assert first.chair_terms_served == 1 and first.in_service and not first.penalised_within_2y
    assert (other.name, other.role, other.from_host, other.in_service, other.row) == (
        "李四",
        "member",
        False,
        False,
        4,
    )
    assert other.birth_date == date(1960, 2, 29) and other.chair_terms_served == 0
    assert committee.host_name == "挂靠医院"


def test_malformed_cells_are_reported_with_row_column_and_heading(tmp_path):
    bad = {
        **GOOD_ROW,
        "出生日期": "1970/13/01",
        "职称级别": "高级",
        "拟任职务": None,
        "已任主任委员届数": "两届",
    }
    with pytest.raises(RosterError) as info:
        read_roster(make_workbook(tmp_path / "r.xlsx", [GOOD_ROW, bad]))
    errors = {(e.row, e.column, e.heading) for e in info.value.errors}
    assert errors == {
        (3, "C", "出生日期"),
        (3, "G", "职称级别"),
        (3, "J", "拟任职务"),
        (3, "N", "已任主任委员届数"),
    }
    text = str(info.value)
    assert "第3行 C列（出生日期）：“1970/13/01”不是日期" in text and "第3行 J列（拟任职务）：不能为空" in text


def test_missing_heading_and_unreadable_file_are_errors_not_tracebacks(tmp_path):
    with pytest.raises(RosterError, match="名册缺少列：近两年受行政处罚"):
        read_roster(make_workbook(tmp_path / "r.xlsx", [GOOD_ROW], headings=HEADINGS[:-1]))
    junk = tmp_path / "junk.xlsx"
    junk.write_text("not a workbook")
    with pytest.raises(RosterError, match="无法读取名册文件"):
        read_roster(junk)
    with pytest.raises(RosterError, match="无法读取名册文件"):
        read_roster(tmp_path / "missing.xlsx")


def test_template_has_the_headings_and_drop_down_lists(tmp_path):
    path = tmp_path / "template.xlsx"
    write_roster_template(path)
    ws = load_workbook(path).active
    assert tuple(c.value for c in ws[1]) == HEADINGS
    lists = {str(dv.sqref)[0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    assert lists["E"] == '"是,否"' and lists["O"] == '"是,否"' and lists["K"] == '"在职,退休"'
    assert lists["G"] == '"正高级,副高级,中级,初级"'
    assert lists["J"] == '"主任委员,副主任委员,秘书,联络秘书,委员,组长,联络员"'
    # the template reads back as an empty roster, and a row appended to it is row 2
    assert read_roster(path).members == ()
    wb = load_workbook(path)
    wb.active.append([GOOD_ROW[h] for h in HEADINGS])
    wb.save(path)
    assert [m.row for m in read_roster(path).members] == [2]

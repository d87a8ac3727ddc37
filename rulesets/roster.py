"""The committee roster workbook (.xlsx): read it into engine inputs, or write the blank template.

One member per row under a heading row with exactly the headings in ``HEADINGS``. A malformed cell
is reported as a ``RosterError`` naming the row, the column letter and the heading, in Chinese;
reading never ends in a traceback for bad data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .engine.inputs import ROLES, Committee, Member
from .schema import TITLE_LEVELS

YES_NO = {"是": True, "否": False}
SERVICE = {"在职": True, "退休": False}
TITLE_LEVEL_CODES = {label: code for code, label in TITLE_LEVELS.items()}
ROLE_CODES = {label: code for code, label in ROLES.items()}

# heading -> (Member field, kind, required)
COLUMNS: dict[str, tuple[str, str, bool]] = {
    "姓名": ("name", "text", True),
    "性别": ("sex", "text", False),
    "出生日期": ("birth_date", "date", False),
    "工作单位": ("employer", "text", False),
    "是否挂靠单位人员": ("from_host", "yes_no", True),
    "职称": ("title", "text", False),
    "职称级别": ("title_level", "title_level", False),
    "取得职称时间": ("title_obtained_on", "date", False),
    "专业": ("specialty", "text", False),
    "拟任职务": ("role", "role", True),
    "在职状态": ("in_service", "service", False),
    "主执业地点": ("main_practice_site", "text", False),
    "在本区执业起始时间": ("district_practice_since", "date", False),
    "已任主任委员届数": ("chair_terms_served", "int", False),
    "近两年受行政处罚": ("penalised_within_2y", "yes_no", False),
}
HEADINGS = tuple(COLUMNS)
CHOICES = {"yes_no": YES_NO, "service": SERVICE, "title_level": TITLE_LEVEL_CODES, "role": ROLE_CODES}
DEFAULTS = {"in_service": True, "chair_terms_served": 0, "penalised_within_2y": False}


@dataclass(frozen=True)
class CellError:
    row: int
    column: str  # letter, e.g. "C"
    heading: str
    message: str

    def __str__(self) -> str:
        return f"第{self.row}行 {self.column}列（{self.heading}）：{self.message}"


class RosterError(Exception):
    """The workbook cannot be read, or some cells are malformed (``errors``)."""

    def __init__(self, message: str, errors: list[CellError] | None = None):
        self.errors = errors or []
        super().__init__(message)

    def __str__(self) -> str:
        return "\n".join([self.args[0], *map(str, self.errors)])


def _parse(kind: str, value):
    """The cell's value as ``kind``; raises ValueError with a Chinese message."""
    if kind == "text":
        return str(value).strip()
    if kind == "date":
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            raise ValueError(f"“{value}”不是日期，应为 Excel 日期或 YYYY-MM-DD") from None
    if kind == "int":
        if isinstance(value, bool):
            raise ValueError(f"“{value}”不是整数")
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, int) and value >= 0:
            return value
        text = str(value).strip()
        if text.isdigit():
            return int(text)
        raise ValueError(f"“{value}”不是非负整数")
    choices = CHOICES[kind]
    text = str(value).strip()
    if text not in choices:
        raise ValueError(f"“{value}”不是可选值（{'/'.join(choices)}）")
    return choices[text]


def read_roster(source, *, host_name: str | None = None, group_kind: str | None = None) -> Committee:
    """Read a roster workbook (a path or a binary stream) into a ``Committee``."""
    try:
        wb = load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise RosterError(
            f"无法读取名册文件：{exc.__class__.__name__}（请使用 .xlsx 格式的名册模板）"
        ) from None
    ws = wb.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None)
    headings = [str(h).strip() if h is not None else "" for h in (header or ())]
    missing = [h for h in HEADINGS if h not in headings]
    if missing:
        raise RosterError(f"名册缺少列：{'、'.join(missing)}（第1行应为表头：{'、'.join(HEADINGS)}）")
    index = {h: headings.index(h) for h in HEADINGS}

    members, errors = [], []
    for row_number, values in enumerate(rows, start=2):
        values = tuple(values) + (None,) * (len(headings) - len(values))
        if all(v is None or str(v).strip() == "" for v in values):
            continue
        fields = {"row": row_number}
        for heading, (field, kind, required) in COLUMNS.items():
            col = index[heading]
            value = values[col]
            if value is None or str(value).strip() == "":
                if required:
                    errors.append(CellError(row_number, get_column_letter(col + 1), heading, "不能为空"))
                elif field in DEFAULTS:
                    fields[field] = DEFAULTS[field]
                continue
            try:
                fields[field] = _parse(kind, value)
            except ValueError as exc:
                errors.append(CellError(row_number, get_column_letter(col + 1), heading, str(exc)))
        if not any(e.row == row_number for e in errors):
            members.append(Member(**fields))
    wb.close()
    if errors:
        raise RosterError(f"名册有{len(errors)}处格式错误：", errors)
    return Committee(tuple(members), host_name=host_name, group_kind=group_kind)


def write_roster_template(target) -> None:
    """Write the blank roster template (headings, and drop-down lists for the choice columns)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "名册"
    ws.append(list(HEADINGS))
    for i, heading in enumerate(HEADINGS, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = max(10, 2 * len(heading) + 2)
        kind = COLUMNS[heading][1]
        if kind in CHOICES:
            dv = DataValidation(
                type="list",
                formula1='"' + ",".join(CHOICES[kind]) + '"',
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=heading,
                error=f"请从下拉列表中选择：{'/'.join(CHOICES[kind])}",
            )
            dv.add(f"{letter}2:{letter}1000")
            ws.add_data_validation(dv)
        elif kind == "date":
            # Format the column, not 1000 empty cells: appended rows must land on row 2.
            ws.column_dimensions[letter].number_format = "yyyy-mm-dd"
    ws.freeze_panes = "A2"
    wb.save(target)

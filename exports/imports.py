"""Imports from Excel, where staff already keep their lists: institutions for now.

All or nothing: every row is checked — the cell values, then the model's own validation
through directory.services.institution_create, row by row inside one transaction — and if any
row fails, nothing is saved and every problem is reported with its row, column letter and
heading. Rows go only into jurisdictions the user may see."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field

import xlsxwriter
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from directory import services as directory_services
from directory.models import HealthCommission, Institution, Jurisdiction

IMPORT_MAX_BYTES = 5 * 1024 * 1024
IMPORT_MAX_ROWS = 5000

# heading → model field, in the template's order
INSTITUTION_HEADINGS = {
    "机构名称": "name",
    "统一社会信用代码": "uscc",
    "机构类别": "kind",
    "等级": "grade",
    "经营性质": "ownership",
    "所在区划代码": "jurisdiction",
    "开业日期": "opened_on",
}
REQUIRED_HEADINGS = ("机构名称", "统一社会信用代码", "机构类别", "所在区划代码")
CHOICES = {"kind": Institution.Kind, "grade": Institution.Grade, "ownership": Institution.Ownership}
DEFAULTS = {"grade": Institution.Grade.UNGRADED, "ownership": Institution.Ownership.PUBLIC}
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d")


@dataclass(frozen=True)
class ImportProblem:
    """One reason the file was refused: where (Excel row, column letter and heading) and why."""

    message: str
    row: int | None = None
    column: str | None = None
    heading: str | None = None

    def __str__(self) -> str:
        where = []
        if self.row:
            where.append(f"第{self.row}行")
        if self.column:
            where.append(f"{self.column}列（{self.heading}）")
        return f"{' '.join(where)}：{self.message}" if where else self.message


@dataclass
class ImportResult:
    created: list[Institution] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


class _RowError(Exception):
    def __init__(self, heading: str, message: str):
        self.heading, self.message = heading, message


# --- the template ---------------------------------------------------------------------------


def institution_template(*, user) -> bytes:
    """The .xlsx to fill in: the headings, drop-down lists for the coded columns, and a sheet of
    the jurisdiction codes the user may import into."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    head = workbook.add_format({"bold": True, "bg_color": "#E8F0FE", "border": 1})
    required = workbook.add_format({"bold": True, "bg_color": "#FDE2E1", "border": 1})
    text = workbook.add_format({"num_format": "@"})
    date = workbook.add_format({"num_format": "yyyy-mm-dd"})

    sheet = workbook.add_worksheet("医疗机构")
    widths = {
        "机构名称": 32,
        "统一社会信用代码": 24,
        "机构类别": 18,
        "等级": 12,
        "经营性质": 10,
        "所在区划代码": 14,
        "开业日期": 14,
    }
    for col, heading in enumerate(INSTITUTION_HEADINGS):
        fmt = {"统一社会信用代码": text, "所在区划代码": text, "开业日期": date}.get(heading)
        sheet.set_column(col, col, widths[heading], fmt)
        sheet.write_string(0, col, heading, required if heading in REQUIRED_HEADINGS else head)
        field_name = INSTITUTION_HEADINGS[heading]
        if field_name in CHOICES:
            sheet.data_validation(
                1,
                col,
                IMPORT_MAX_ROWS,
                col,
                {
                    "validate": "list",
                    "source": [label for _, label in CHOICES[field_name].choices],
                    "error_title": heading,
                    "error_message": f"请从下拉列表中选择{heading}。",
                },
            )
    sheet.freeze_panes(1, 0)

    notes = workbook.add_worksheet("填写说明")
    notes.set_column(0, 0, 18)
    notes.set_column(1, 1, 90)
    lines = [
        ("填写说明", "在“医疗机构”工作表第2行起逐行填写，每行一个机构；请勿修改第1行标题。红色标题为必填。"),
        ("机构名称", "必填。同一区划内不得重名。"),
        ("统一社会信用代码", "必填。18位，按 GB 32100-2015 校验。"),
        ("机构类别", "必填。可选：" + "、".join(str(label) for _, label in Institution.Kind.choices)),
        (
            "等级",
            "选填，默认“未定级”。可选：" + "、".join(str(label) for _, label in Institution.Grade.choices),
        ),
        (
            "经营性质",
            "选填，默认“公立”。可选：" + "、".join(str(label) for _, label in Institution.Ownership.choices),
        ),
        ("所在区划代码", "必填。6位行政区划代码，只能是您辖区内的区划，见“区划代码”工作表。"),
        ("开业日期", "选填。日期，如 2020-01-31。"),
        (
            "导入规则",
            "整份文件全部校验通过才会导入；任何一行有误，所有行都不导入，并列出每个错误所在的行和列。",
        ),
    ]
    for row, (key, value) in enumerate(lines):
        notes.write_string(row, 0, key, head)
        notes.write_string(row, 1, value)

    codes = workbook.add_worksheet("区划代码")
    codes.set_column(0, 0, 14)
    codes.set_column(1, 1, 30)
    codes.write_string(0, 0, "所在区划代码", head)
    codes.write_string(0, 1, "名称", head)
    for row, (code, name) in enumerate(
        Jurisdiction.objects.for_user(user).order_by("path").values_list("code", "name"), start=1
    ):
        codes.write_string(row, 0, code)
        codes.write_string(row, 1, name)
    workbook.close()
    return buffer.getvalue()


# --- the import -----------------------------------------------------------------------------


def institutions_import(*, user, file) -> ImportResult:
    """Import every row of ``file`` (an uploaded .xlsx) or none."""
    if not user.may_edit_directory:
        raise PermissionDenied("无权导入医疗机构。")
    result = ImportResult()
    sheet_rows, problem = _read_rows(file)
    if problem:
        result.problems.append(problem)
        return result

    header, *rows = sheet_rows or [()]
    columns = {}  # heading → 0-based column index
    for index, value in enumerate(header):
        heading = str(value).strip() if value is not None else ""
        if heading in INSTITUTION_HEADINGS and heading not in columns:
            columns[heading] = index
    missing = [h for h in REQUIRED_HEADINGS if h not in columns]
    if missing:
        result.problems.append(ImportProblem(f"第1行缺少标题：{'、'.join(missing)}。请使用导入模板。"))
        return result

    jurisdictions = {j.code: j for j in Jurisdiction.objects.for_user(user)}
    commissions = {c.jurisdiction.code: c for c in HealthCommission.objects.select_related("jurisdiction")}

    def letter(heading: str) -> str | None:
        return get_column_letter(columns[heading] + 1) if heading in columns else None

    with transaction.atomic():
        for row_number, values in rows:
            result.rows += 1
            try:
                data = _parse_row(values, columns, jurisdictions, commissions)
            except _RowError as exc:
                result.problems.append(
                    ImportProblem(exc.message, row_number, letter(exc.heading), exc.heading)
                )
                continue
            try:
                with transaction.atomic():  # a savepoint: a failed row leaves the rest usable
                    result.created.append(directory_services.institution_create(acting_user=user, **data))
            except ValidationError as exc:
                result.problems.extend(_model_problems(exc, row_number, letter))
            except PermissionDenied as exc:
                result.problems.append(
                    ImportProblem(str(exc), row_number, letter("所在区划代码"), "所在区划代码")
                )
        if result.rows == 0:
            result.problems.append(ImportProblem("文件中没有数据行（第2行起）。"))
        if result.problems:
            transaction.set_rollback(True)  # nothing is half-imported
            result.created = []
    return result


def _read_rows(file) -> tuple[list | None, ImportProblem | None]:
    """[header values, (row number, values), …] of the first worksheet, skipping empty rows."""
    if getattr(file, "size", 0) > IMPORT_MAX_BYTES:
        return None, ImportProblem(f"文件超过 {IMPORT_MAX_BYTES // 1024 // 1024} MB，请拆分后分批导入。")
    invalid = ImportProblem("文件不是有效的 Excel 工作簿（.xlsx），请使用导入模板。")
    try:
        with zipfile.ZipFile(file) as archive:  # refuse a zip bomb before openpyxl unpacks it
            if sum(info.file_size for info in archive.infolist()) > settings.ATTACHMENT_MAX_UNZIPPED_BYTES:
                return None, ImportProblem("文件解压后过大，请拆分后分批导入。")
        file.seek(0)
        workbook = load_workbook(file, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        return None, invalid
    except Exception as exc:  # openpyxl's own InvalidFileException and friends
        if type(exc).__module__.startswith("openpyxl"):
            return None, invalid
        raise
    try:
        sheet = workbook.worksheets[0]
        out = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number == 1:
                out.append(values)
                continue
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                continue
            if len(out) > IMPORT_MAX_ROWS:
                return None, ImportProblem(f"一次最多导入 {IMPORT_MAX_ROWS} 行，请拆分后分批导入。")
            out.append((number, values))
        return out, None
    finally:
        workbook.close()


def _cell(values: tuple, columns: dict, heading: str):
    index = columns.get(heading)
    if index is None or index >= len(values):
        return None
    value = values[index]
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a code typed into a number cell
    return str(value)


def _parse_row(values, columns, jurisdictions, commissions) -> dict:
    data = {}
    for heading in REQUIRED_HEADINGS:
        if _cell(values, columns, heading) is None:
            raise _RowError(heading, "必填，不能为空。")

    data["name"] = _text(_cell(values, columns, "机构名称"))
    data["uscc"] = _text(_cell(values, columns, "统一社会信用代码")).upper()

    for heading, field_name in (("机构类别", "kind"), ("等级", "grade"), ("经营性质", "ownership")):
        raw = _cell(values, columns, heading)
        if raw is None:
            data[field_name] = DEFAULTS[field_name]
            continue
        by_label = {str(label): value for value, label in CHOICES[field_name].choices}
        by_value = {value: value for value, _ in CHOICES[field_name].choices}
        code = by_label.get(_text(raw)) or by_value.get(_text(raw))
        if code is None:
            allowed = "、".join(str(label) for _, label in CHOICES[field_name].choices)
            raise _RowError(heading, f"“{raw}”不是有效的{heading}，可选：{allowed}。")
        data[field_name] = code

    code = _text(_cell(values, columns, "所在区划代码"))
    jurisdiction = jurisdictions.get(code)
    if jurisdiction is None:
        raise _RowError("所在区划代码", f"行政区划代码“{code}”不存在或不在您的辖区内。")
    data["jurisdiction"] = jurisdiction
    # The supervising commission is the nearest one at or above the institution's jurisdiction.
    for ancestor in reversed([c for c in jurisdiction.path.split("/") if c]):
        if ancestor in commissions:
            data["supervising_commission"] = commissions[ancestor]
            break
    else:
        raise _RowError(
            "所在区划代码", f"{jurisdiction.name}及其上级区划均未登记卫生健康委员会，无法确定主管部门。"
        )

    data["opened_on"] = _date(_cell(values, columns, "开业日期"))
    return data


def _date(value) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(_text(value), fmt).date()
        except ValueError:
            continue
    raise _RowError("开业日期", f"“{value}”不是有效的日期，请填写如 2020-01-31。")


def _model_problems(exc: ValidationError, row: int, letter) -> list[ImportProblem]:
    headings = {field_name: heading for heading, field_name in INSTITUTION_HEADINGS.items()}
    problems = []
    for field_name, messages in exc.message_dict.items():
        # The one constraint over several fields is (jurisdiction, name): the name is what to fix.
        heading = headings.get(field_name, "机构名称" if field_name == NON_FIELD_ERRORS else None)
        for message in messages:
            if heading:
                problems.append(ImportProblem(message, row, letter(heading), heading))
            else:
                problems.append(ImportProblem(message, row))
    return problems

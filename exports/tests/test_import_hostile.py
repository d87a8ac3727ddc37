"""Hostile workbooks in the institution import (issue 15, "Excel"): formulas, merged cells and a
sheet over the row limit are refused or reported per cell, and nothing is half-imported."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from directory.models import Institution
from exports.imports import IMPORT_MAX_ROWS

from .test_imports import HEADINGS, good, upload, xlsx


def book(fill) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADINGS)
    fill(sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("机构.xlsx", buffer.getvalue())


def problems_of(response) -> list[str]:
    return [str(p) for p in response.context["result"].problems]


def test_a_formula_is_reported_at_its_cell_and_nothing_is_imported(client_of):
    before = Institution.objects.count()
    formula = good(21)
    formula[0] = '=HYPERLINK("http://x","点我")'  # no cached value: never taken as a name
    response = upload(client_of("jlp_qc_office"), xlsx(good(20), formula))
    assert response.status_code == 200
    assert any(p.startswith("第3行 A列（机构名称）") for p in problems_of(response)), problems_of(response)
    assert Institution.objects.count() == before


def test_merged_cells_are_reported_per_cell_and_nothing_is_imported(client_of):
    def fill(sheet):
        sheet.append(good(22))
        sheet.append([None, *good(23)[1:]])
        sheet.merge_cells("A2:A3")  # one name for two rows

    before = Institution.objects.count()
    response = upload(client_of("jlp_qc_office"), book(fill))
    assert any(p.startswith("第3行 A列（机构名称）") for p in problems_of(response)), problems_of(response)
    assert Institution.objects.count() == before


def test_a_sheet_over_the_row_limit_is_refused_whole(client_of):
    def fill(sheet):
        for n in range(IMPORT_MAX_ROWS + 1):
            sheet.append([f"机构{n}", "x", "x", "x", "x", "500107", None])

    before = Institution.objects.count()
    response = upload(client_of("jlp_qc_office"), book(fill))
    assert f"一次最多导入 {IMPORT_MAX_ROWS} 行" in response.content.decode()
    assert Institution.objects.count() == before

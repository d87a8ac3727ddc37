"""Traceable files (可追溯导出): every file taken out under a grant carries who took it, the
grant's number, the time and the trace code —

- Excel: a cover sheet (封面) first, and the same line in every sheet's header and footer;
- PDF: a visible diagonal watermark on every page (a WeasyPrint page merged over each page with
  pypdf), and the line in the document's metadata.

The SHA-256 of the bytes handed out is stored with the trace (models.ExportTrace), so a copy found
elsewhere leads back to the person and the grant (the auditor's trace page)."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

NOTICE = "本文件仅限授权范围内使用，未经卫生健康委同意不得向第三方传输、公开、披露"


@dataclass(frozen=True)
class Mark:
    who: str  # 张建国（jlp_expert）
    grant: str  # the grant's number, or 无授权（卫健委本级）
    at: str  # 2026-12-01 11:44
    code: str  # the trace code
    resource: str

    @property
    def line(self) -> str:
        return f"{self.who} · 授权{self.grant} · {self.at} · 留痕{self.code}"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- Excel -------------------------------------------------------------------------------------


def _header_text(text: str) -> str:
    return text.replace("&", "&&")[:240]


def mark_workbook(workbook, mark: Mark, *, article: str = "") -> None:
    """Add the cover sheet and the mark in every sheet's header and footer (odd, even, first)."""
    from openpyxl.styles import Alignment, Font

    cover = workbook.create_sheet("封面", 0)
    cover.column_dimensions["A"].width = 14
    cover.column_dimensions["B"].width = 70
    cover["A1"] = f"{mark.resource} 导出"
    cover["A1"].font = Font(bold=True, size=16)
    lines = [
        ("数据资源", mark.resource),
        ("导出人", mark.who),
        ("授权编号", mark.grant),
        ("导出时间", f"{mark.at}（北京时间）"),
        ("留痕编号", mark.code),
        ("使用要求", NOTICE + (f"（{article}）" if article else "") + "。"),
    ]
    for n, (label, value) in enumerate(lines, start=3):
        cover.cell(row=n, column=1, value=label).font = Font(bold=True)
        cover.cell(row=n, column=2, value=value).alignment = Alignment(wrap_text=True, vertical="top")
    for sheet in workbook.worksheets:
        for part in (sheet.oddHeader, sheet.evenHeader, sheet.firstHeader):
            part.center.text = _header_text(mark.line)
        for part in (sheet.oddFooter, sheet.evenFooter, sheet.firstFooter):
            part.left.text = _header_text(f"留痕{mark.code} {mark.who}")
            part.right.text = "第 &P 页，共 &N 页"


def workbook_from_rows(headers, rows):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "数据"
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        # Strings stay strings: a value starting with "=" is written as text, never a formula.
        sheet.append([("'" + v) if isinstance(v, str) and v[:1] in "=+-@" else v for v in row])
    return workbook


def traced_xlsx(
    *, mark: Mark, source: bytes | None = None, headers=None, rows=None, article: str = ""
) -> bytes:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(source)) if source is not None else workbook_from_rows(headers, rows)
    mark_workbook(workbook, mark, article=article)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# --- PDF ---------------------------------------------------------------------------------------


def _watermark_page(width_pt: float, height_pt: float, mark: Mark):
    """One transparent page of ``width × height`` with the mark repeated diagonally."""
    from django.utils.html import escape
    from pypdf import PdfReader
    from weasyprint import HTML

    from documents import fonts as fonts_module

    resolved = fonts_module.resolve()
    line = escape(mark.line)
    rows = "".join(
        f'<div class="row" style="top:{top}%">{line}　　{line}</div>' for top in range(-10, 110, 18)
    )
    html = f"""<html><head><style>{fonts_module.font_face_css(resolved)}
      @page {{ size: {width_pt}pt {height_pt}pt; margin: 0; }}
      body {{ margin: 0; }}
      .sheet {{ position: relative; width: {width_pt}pt; height: {height_pt}pt; overflow: hidden; }}
      .row {{ position: absolute; left: -30%; width: 160%; white-space: nowrap; transform: rotate(-30deg);
              color: rgba(200, 0, 0, 0.22); font-size: 13pt;
              font-family: "GW Hei", "Noto Sans CJK SC", sans-serif; }}
      .foot {{ position: absolute; bottom: 6pt; left: 10pt; font-size: 7pt; color: rgba(120, 0, 0, 0.8);
               font-family: "GW Hei", "Noto Sans CJK SC", sans-serif; }}
    </style></head><body><div class="sheet">{rows}<div class="foot">{line}</div></div></body></html>"""
    data = HTML(string=html, base_url=None).write_pdf()
    return PdfReader(io.BytesIO(data)).pages[0]


def watermark_pdf(source: bytes, mark: Mark) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(source)))
    stamps: dict[tuple[float, float], object] = {}
    for page in writer.pages:
        size = (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2))
        if size not in stamps:
            stamps[size] = _watermark_page(*size, mark)
        page.merge_page(stamps[size], over=True)
    writer.add_metadata({"/Subject": mark.line, "/Keywords": f"留痕{mark.code}"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_from_rows(title: str, headers, rows) -> bytes:
    from django.utils.html import escape
    from weasyprint import HTML

    from documents import fonts as fonts_module

    resolved = fonts_module.resolve()
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(str(v if v is not None else ''))}</td>" for v in row) + "</tr>"
        for row in rows
    )
    html = f"""<html><head><meta charset="utf-8"><style>{fonts_module.font_face_css(resolved)}
      @page {{ size: A4 landscape; margin: 15mm; }}
      body {{ font-family: "GW FangSong", "Noto Serif CJK SC", serif; font-size: 10pt; }}
      table {{ border-collapse: collapse; width: 100%; }}
      th, td {{ border: 0.5pt solid #444; padding: 2pt 4pt; }}
    </style></head><body><h1 style="font-size:14pt">{escape(title)}</h1>
    <table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></body></html>"""
    return HTML(string=html, base_url=None).write_pdf()

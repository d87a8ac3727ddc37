"""The personal-data scan of a manuscript before publication (九龙坡 第十六条（四）进行脱敏处理).

The file's text is read with its location — a .docx paragraph (its XML, through zipfile), an
.xlsx cell (openpyxl, read-only), a .pdf page (pypdf) — and searched for:

- resident identity numbers (GB 11643): 17 digits and a check character that matches;
- mainland mobile numbers: 11 digits starting 13–19, not part of a longer number;
- names of people in the directory (two characters or more), as written.

Each hit is returned masked, with where it is; the reviewers confirm or clear it. A hit that only
looks like a number (wrong check digit) is not reported: the scan aims at what is really there.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from xml.etree import ElementTree

from directory.validators import id_check_char, mask_id_number, mask_mobile

ID_RE = re.compile(r"(?<![0-9])([1-9][0-9]{16}[0-9Xx])(?![0-9])")
MOBILE_RE = re.compile(r"(?<![0-9])(1[3-9][0-9]{9})(?![0-9])")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class UnreadableManuscript(ValueError):
    pass


@dataclass(frozen=True)
class Hit:
    kind: str  # id_number | mobile | name
    text: str  # masked
    location: str  # 第3段 / 表“Sheet1”单元格B4 / 第2页
    context: str  # the surrounding text, masked


def docx_segments(data: bytes) -> Iterator[tuple[str, str]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = ElementTree.fromstring(archive.read("word/document.xml"))
    for n, paragraph in enumerate(root.iter(f"{W}p"), start=1):
        text = "".join(node.text or "" for node in paragraph.iter(f"{W}t"))
        if text.strip():
            yield f"第{n}段", text


def xlsx_segments(data: bytes) -> Iterator[tuple[str, str]]:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.value is not None and str(cell.value).strip():
                        yield f"工作表“{sheet.title}”单元格{cell.coordinate}", str(cell.value)
    finally:
        workbook.close()


def pdf_segments(data: bytes) -> Iterator[tuple[str, str]]:
    from pypdf import PdfReader

    for n, page in enumerate(PdfReader(io.BytesIO(data)).pages, start=1):
        text = page.extract_text() or ""
        if text.strip():
            yield f"第{n}页", text


READERS = {"docx": docx_segments, "xlsx": xlsx_segments, "pdf": pdf_segments}


def kind_of(name: str, data: bytes) -> str:
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
    raise UnreadableManuscript("只能扫描 Word（.docx）、Excel（.xlsx）或 PDF 文稿。")


def _mask(text: str) -> str:
    text = ID_RE.sub(lambda m: mask_id_number(m.group(1)) if _valid_id(m.group(1)) else m.group(1), text)
    return MOBILE_RE.sub(lambda m: mask_mobile(m.group(1)), text)


def _valid_id(value: str) -> bool:
    return id_check_char(value[:17]) == value[17].upper()


def _context(masked: str, start: int, end: int) -> str:
    """The hit's surroundings, cut from the already-masked segment (masking keeps lengths), so a
    number cut in half at the edge of the window can never show unmasked."""
    return masked[max(0, start - 15) : end + 15].replace("\n", " ")[:300]


def scan_segments(segments: Iterable[tuple[str, str]], names: Iterable[str]) -> list[Hit]:
    names = sorted({n for n in names if n and len(n) >= 2}, key=len, reverse=True)
    name_re = re.compile("|".join(re.escape(n) for n in names)) if names else None
    hits: list[Hit] = []
    for location, text in segments:
        masked = _mask(text)
        for m in ID_RE.finditer(text):
            if _valid_id(m.group(1)):
                hits.append(
                    Hit("id_number", mask_id_number(m.group(1)), location, _context(masked, *m.span()))
                )
        for m in MOBILE_RE.finditer(text):
            hits.append(Hit("mobile", mask_mobile(m.group(1)), location, _context(masked, *m.span())))
        if name_re:
            for m in name_re.finditer(text):
                hits.append(Hit("name", m.group(0), location, _context(masked, *m.span())))
    return hits


def scan_file(name: str, data: bytes, names: Iterable[str]) -> list[Hit]:
    kind = kind_of(name, data)
    try:
        return scan_segments(READERS[kind](data), names)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, ValueError) as broken:
        if isinstance(broken, UnreadableManuscript):
            raise
        raise UnreadableManuscript("文稿无法读取，请确认文件完整后重新上传。") from None

"""The generated PDF: GB/T 9704 page, text that reads back, every font embedded, rare name
characters printed with real glyphs."""

import io
import re
import subprocess
from datetime import date

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from directory.models import Institution, Jurisdiction
from documents import services
from documents.tests.conftest import NOTICE_DATA
from documents.types import centre_issuer

RARE = "喆镕堃甡犇"


def _text(pdf: bytes) -> str:
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


def _pdf(document) -> bytes:
    return services.document_verified_bytes(document=document)


@pytest.fixture
def rendered(issue_notice):
    data = {**NOTICE_DATA, "body": NOTICE_DATA["body"] + "\n联系人：彭镕、喆妍、王堃、李甡、张犇。"}
    doc = issue_notice(render=True, data=data, on=date(2025, 11, 25))
    assert doc.status == "ready", doc.error
    return doc, _pdf(doc)


def test_pdf_reads_back_title_number_and_body(rendered):
    doc, pdf = rendered
    text = _text(pdf)
    assert doc.number == "九龙坡卫发〔2025〕1号"
    for expected in (
        "重庆市九龙坡区卫生健康委员会文件",
        doc.number,
        NOTICE_DATA["title"],
        "区内各医疗卫生机构：",
        "为加强医疗质量管理，现就有关事项通知如下。",
        "一、检查范围",
        "附件：检查安排表",
        "2025年11月25日",
        "（此件公开发布）",
        "抄送：重庆市卫生健康委员会医政医管处。",
        "重庆市九龙坡区卫生健康委员会办公室",
        "2025年11月25日印发",
        "—1—",
    ):
        assert expected in text, expected


def test_pages_are_a4(rendered):
    for page in PdfReader(io.BytesIO(rendered[1])).pages:
        assert abs(float(page.mediabox.width) - 595) <= 1 and abs(float(page.mediabox.height) - 842) <= 1


def test_every_font_is_embedded(rendered, tmp_path):
    path = tmp_path / "doc.pdf"
    path.write_bytes(rendered[1])
    lines = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert len(lines) >= 3  # 小标宋, 仿宋, 黑体 (楷体 too when a （一） heading is present)
    for line in lines:
        assert re.search(r"\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+", line)
        emb = line.split()[-5]
        assert emb == "yes", line


def _embedded_fonts(pdf: bytes):
    reader = PdfReader(io.BytesIO(pdf))
    seen = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            for key in ("/FontFile3", "/FontFile2", "/FontFile"):
                if key in descriptor:
                    seen[font["/BaseFont"]] = (key, descriptor[key].get_object().get_data())
    return seen


def test_rare_name_characters_print_with_real_glyphs(rendered):
    doc, pdf = rendered
    text = _text(pdf)
    for name in ("彭镕", "喆妍", "王堃", "李甡", "张犇"):
        assert name in text
    # The body font's embedded subset maps each to a glyph with an outline (not .notdef, not empty).
    from fontTools.pens.boundsPen import BoundsPen

    body = [data for name, (key, data) in _embedded_fonts(pdf).items() if "FangSong" in name]
    assert body
    font = TTFont(io.BytesIO(body[0]))
    cmap, glyphs = font.getBestCmap(), font.getGlyphSet()
    for ch in RARE:
        name = cmap.get(ord(ch))
        assert name and name != ".notdef", ch
        pen = BoundsPen(glyphs)
        glyphs[name].draw(pen)
        assert pen.bounds is not None, ch


def test_centre_letter_uses_the_letter_format(user_of, world):
    institution = Institution.objects.get(name="九龙坡区人民医院")
    issuer = centre_issuer(
        name="重庆市九龙坡区心血管内科医疗质量控制中心",
        code="九龙坡心血管质控函",
        jurisdiction=Jurisdiction.objects.get(code="500107"),
        institution=institution,
    )
    doc = services.document_issue(
        doc_type="centre_letter",
        acting_user=user_of("jlp_host"),
        issuer=issuer,
        data={**NOTICE_DATA, "public": False},
        on=date(2025, 12, 1),
        body_kind="district_centre",
        render_sync=True,
    )
    text = _text(_pdf(doc))
    assert "重庆市九龙坡区心血管内科医疗质量控制中心文件" not in text
    assert "九龙坡心血管质控函〔2025〕1号" in text
    # 九龙坡 第十五条: the QC office is copied whatever the author typed.
    assert "区医疗质量控制中心管理办公室" in doc.cc and "区医疗质量控制中心管理办公室" in text
    assert "印发" not in text.split("抄送")[-1]  # a letter's 版记 has no printing office line

"""The page as printed (issue 8, defect 12), read back with pdftotext's layout and word boxes:
GB/T 9704-2012 7.4 puts the 版记 at the foot of the last page, which is an even page, each of its
parts on one line; a title line never holds one character; one date is written one way."""

import re
import subprocess
from datetime import date, datetime

import pytest

from documents import layout, services
from documents.tests.conftest import NOTICE_DATA

pytestmark = pytest.mark.django_db

LONG_TITLE = "关于九龙坡区心血管内科医疗质量控制中心挂靠单位和负责人人选的公示"  # 33 characters


def lines_of(pdf: bytes, tmp_path) -> list[list[tuple[float, float, str]]]:
    """Per page, each text line as (top, bottom, text), from ``pdftotext -bbox-layout``."""
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = []
    for page in out.split("<page")[1:]:
        rows: dict[int, list] = {}  # words on one baseline are one printed line, left to right
        for x0, y0, y1, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">'
            r"([^<]+)</word>",
            page,
        ):
            rows.setdefault(round(float(y1)), []).append((float(x0), float(y0), float(y1), word))
        pages.append(
            [
                (min(w[1] for w in ws), max(w[2] for w in ws), "".join(w[3] for w in sorted(ws)))
                for _, ws in sorted(rows.items())
            ]
        )
    return pages


@pytest.fixture
def notice_pdf(issue_notice, tmp_path):
    data = {
        **NOTICE_DATA,
        "title": LONG_TITLE,
        "body": "经遴选评审，拟确定九龙坡区人民医院为挂靠单位。公示期为2026年12月1日起5个工作日。",
    }
    doc = issue_notice(render=True, data=data, on=date(2026, 12, 1))
    assert doc.status == "ready", doc.error
    return lines_of(services.document_verified_bytes(document=doc), tmp_path)


def test_banji_is_at_the_foot_of_the_last_even_page_each_part_on_one_line(notice_pdf):
    """GB/T 9704 7.4: 版记 on the last (even) page, its last element on the last line; 印发机关 and
    印发日期 on one line."""
    pages = notice_pdf
    assert len(pages) % 2 == 0
    last = pages[-1]
    printer = [t for _, _, t in last if "印发" in t]
    assert printer == ["重庆市九龙坡区卫生健康委员会办公室2026年12月1日印发"], last
    assert not any(t == "员会办公室" for _, _, t in last)
    # the 版记 ends at the foot of the type area (A4 842 pt, 35 mm bottom margin → 742.7 pt)
    bottom = max(y1 for y0, y1, t in last if "印发" in t or "抄送" in t)
    assert bottom > 742.7 - 29, bottom  # within one line of the foot


def test_no_title_line_holds_a_single_character(notice_pdf):
    title = [t for _, _, t in notice_pdf[0] if t and t in LONG_TITLE and len(t) > 0]
    assert "".join(title) == LONG_TITLE
    assert all(len(t) >= 2 for t in title), title


@pytest.mark.parametrize("length", range(15, 46))
def test_title_lines_are_balanced(length):
    title = ("关于开展医疗质量控制工作检查的通知" * 3)[:length]
    lines = layout.title_lines(title)
    assert "".join(lines) == title
    assert all(len(line) <= layout.TITLE_CHARS_PER_LINE for line in lines)
    assert all(len(line) >= 2 for line in lines)
    assert max(map(len, lines)) - min(map(len, lines)) <= 4


def test_a_date_is_written_one_way_in_a_centre_document():
    """2026年12月1日, never also 2026年12月01日 (GB/T 9704 7.3.5.1: no leading zero)."""
    from types import SimpleNamespace

    from django.utils import timezone

    from centres import documents as centre_documents

    notice = SimpleNamespace(
        body="拟确定某医院为挂靠单位。",
        starts_on=date(2026, 12, 1),
        working_days=5,
        closes_at=timezone.make_aware(datetime(2026, 12, 7, 23, 59, 59)),
    )
    body = centre_documents.notice_body(notice)
    assert "公示期为2026年12月1日起" in body and "至2026年12月7日24时止" in body
    term = SimpleNamespace(starts_on=date(2026, 3, 9), ends_on=date(2030, 3, 8))
    call = SimpleNamespace(
        selected_application=SimpleNamespace(institution="某医院", proposed_leader="某人"),
        centre=SimpleNamespace(name="某中心"),
    )
    body += centre_documents.decision_body(call, term)
    assert "2026年3月9日" in body and "2030年3月8日" in body
    assert not re.search(r"年0\d月|月0\d日", body), body


@pytest.mark.parametrize("paragraphs", [1, 12, 24, 40])
def test_the_banji_page_is_always_even(issue_notice, tmp_path, paragraphs):
    """However long the body, the document ends on an even page holding the 版记 at its foot."""
    body = "\n".join(
        f"第{n}段：为加强医疗质量管理，现就有关事项通知如下，请各单位认真贯彻落实。"
        for n in range(paragraphs)
    )
    doc = issue_notice(render=True, data={**NOTICE_DATA, "body": body}, on=date(2026, 12, 1))
    pages = lines_of(services.document_verified_bytes(document=doc), tmp_path)
    assert len(pages) % 2 == 0, len(pages)
    assert any("印发" in t for _, _, t in pages[-1])
    assert max(y1 for _, y1, t in pages[-1] if "印发" in t) > 742.7 - 29

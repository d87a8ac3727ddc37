"""Turning what a user typed into the parts of a GB/T 9704 document: paragraphs with their heading
level, title lines, the date in Arabic numerals, the signature block's offsets."""

from __future__ import annotations

import re
from datetime import date

from .rendering import GRID, mark_box

_H1 = re.compile(r"^[一二三四五六七八九十]+、")
_H2 = re.compile(r"^（[一二三四五六七八九十]+）")


def paragraphs(text: str) -> list[dict]:
    """One paragraph per non-empty line. 一、 starts a 黑体 heading, （一） a 楷体 one; when the
    heading runs into its text (“（一）加强学习。各中心要…”), only the part up to the first 。 is
    set in the heading face. 1. and （1） stay in 仿宋 (GB/T 9704 7.3.3)."""
    out = []
    for line in (text or "").splitlines():
        line = line.strip().replace("\u3000", "")
        if not line:
            continue
        kind = "h1" if _H1.match(line) else "h2" if _H2.match(line) else "p"
        head, rest = "", line
        if kind != "p":
            cut = line.find("。")
            head, rest = (line[: cut + 1], line[cut + 1 :]) if 0 <= cut < len(line) - 1 else (line, "")
        out.append({"kind": kind, "head": head, "text": rest})
    return out


# 2号 characters on one line of the type area (156 mm / 22 pt): 20.
TITLE_CHARS_PER_LINE = int(GRID.type_width_pt // GRID.title_pt)
# Where a title line may end: after these a break falls between words (GB/T 9704 7.3.1: 回行时要做到
# 词意完整，排列对称，长短适宜).
_TITLE_BREAK_AFTER = (
    "的",
    "和",
    "与",
    "及",
    "、",
    "，",
    "于",
    "中心",
    "单位",
    "工作",
    "机构",
    "关于",
    "人选",
)


def _balanced(line: str, width: int) -> list[str]:
    """One typed line cut into the fewest lines of at most ``width`` characters, as even as they can
    be (梯形), each cut moved to the nearest word boundary within two characters: never a line of one
    character, never a word split when a boundary is near."""
    if len(line) <= width:
        return [line]
    n = -(-len(line) // width)
    out, rest = [], line
    while n > 1:
        target = -(-len(rest) // n)
        cut = target
        for delta in (0, -1, 1, -2, 2, -3, 3):
            at = target + delta
            if (
                2 <= at <= width
                and len(rest) - at <= width * (n - 1)
                and len(rest) - at >= 2
                and rest[:at].endswith(_TITLE_BREAK_AFTER)
            ):
                cut = at
                break
        out.append(rest[:cut])
        rest, n = rest[cut:], n - 1
    return [*out, rest]


def title_lines(title: str) -> list[str]:
    """The title's lines: a break where the user put one, and a line too long for the type area cut
    into even lines at word boundaries — the renderer never wraps it, so no line is left holding one
    character."""
    typed = [line.strip() for line in title.splitlines() if line.strip()] or [title.strip()]
    return [part for line in typed for part in _balanced(line, TITLE_CHARS_PER_LINE)]


def date_text(day: date) -> str:
    """成文日期 in Arabic numerals without leading zeros (GB/T 9704 7.3.5.1): 2025年11月20日."""
    return f"{day.year}年{day.month}月{day.day}日"


def _width_chars(text: str) -> float:
    return sum(0.5 if ord(ch) < 0x2E80 else 1 for ch in text)


def signature(issuer_name: str, dated: str) -> dict:
    """The date flush right with four characters' space; the issuer's name centred on the date
    (GB/T 9704 7.3.5.1, 加盖印章的公文)."""
    date_pad = 4.0
    name_pad = max(0.0, date_pad + (_width_chars(dated) - _width_chars(issuer_name)) / 2)
    return {
        "date_pad_pt": round(date_pad * GRID.char_pt, 2),
        "name_pad_pt": round(name_pad * GRID.char_pt, 2),
    }


def issuer_mark(text: str, *, letter: bool) -> dict:
    # A 文件 mark is large and compressed to the type area; a letter's is smaller (GB/T 9704 10.1).
    return mark_box(text, height_pt=26 if letter else 36, max_width_pt=GRID.type_width_pt)


def join_names(names) -> str:
    """抄送/主送 as printed: names separated by the full-width comma, without a trailing mark."""
    return "，".join(n.strip().rstrip("，,。：:") for n in names if n and n.strip())


def split_names(text: str) -> list[str]:
    return [n.strip() for n in re.split(r"[，,\n]+", (text or "").strip().rstrip("。：:")) if n.strip()]

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
            head, rest = (line[:cut + 1], line[cut + 1:]) if 0 <= cut < len(line) - 1 else (line, "")
        out.append({"kind": kind, "head": head, "text": rest})
    return out


def title_lines(title: str) -> list[str]:
    """The title as typed: a line break where the user put one (梯形/菱形 are the author's call,
    breaking at a sensible point of meaning), otherwise one logical line the renderer wraps."""
    return [line.strip() for line in title.splitlines() if line.strip()] or [title.strip()]


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
    return {"date_pad_pt": round(date_pad * GRID.char_pt, 2), "name_pad_pt": round(name_pad * GRID.char_pt, 2)}


def issuer_mark(text: str, *, letter: bool) -> dict:
    # A 文件 mark is large and compressed to the type area; a letter's is smaller (GB/T 9704 10.1).
    return mark_box(text, height_pt=26 if letter else 36, max_width_pt=GRID.type_width_pt)


def join_names(names) -> str:
    """抄送/主送 as printed: names separated by the full-width comma, without a trailing mark."""
    return "，".join(n.strip().rstrip("，,。：:") for n in names if n and n.strip())


def split_names(text: str) -> list[str]:
    return [n.strip() for n in re.split(r"[，,\n]+", (text or "").strip().rstrip("。：:")) if n.strip()]

"""The four faces of GB/T 9704 and where they come from.

| role      | standard's face     | free stand-in (Debian package)                | licensed file names looked for |
|-----------|---------------------|-----------------------------------------------|--------------------------------|
| xbs       | 方正小标宋简体      | Noto Serif CJK SC Black (fonts-noto-cjk-extra) | FZXBSJW.TTF, 方正小标宋简体.ttf, … |
| fangsong  | 仿宋_GB2312         | Noto Serif CJK SC Regular (fonts-noto-cjk)     | 仿宋_GB2312.ttf, SIMFANG.TTF, …   |
| heiti     | 黑体                | Noto Sans CJK SC Regular (fonts-noto-cjk)      | SIMHEI.TTF, 黑体.ttf, …           |
| kaiti     | 楷体_GB2312         | AR PL UKai CN (fonts-arphic-ukai)              | 楷体_GB2312.ttf, SIMKAI.TTF, …    |

A licensed file in ``settings.DOCUMENT_FONTS_DIR`` (names compared case-insensitively) replaces the
stand-in; the stand-in stays behind it as a fallback, because the GB 2312 faces lack characters of
real names (喆, 堃, 甡, 犇 …) that the Noto faces (GB 18030) have.

The stand-ins ship as TrueType/OpenType collections holding Japanese, Korean, Simplified and
Traditional faces; handed to WeasyPrint whole, fontconfig may pick the Japanese glyph forms. The
Simplified Chinese face is therefore copied out of the collection once into a cache folder and
that single face is what ``@font-face`` loads.
"""

from __future__ import annotations

import hashlib
import subprocess
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings


@dataclass(frozen=True)
class FontRole:
    role: str
    label: str
    family: str  # the CSS family the templates use
    fontconfig_pattern: str  # how fontconfig finds the stand-in
    stand_in_family: str  # the family fc-match must answer with
    licensed_names: tuple[str, ...]


ROLES = (
    FontRole(
        "xbs",
        "小标宋",
        "GW XBS",
        "Noto Serif CJK SC:style=Black",
        "Noto Serif CJK SC",
        ("FZXBSJW.TTF", "FZXBSJW--GB1-0.TTF", "方正小标宋简体.TTF", "方正小标宋_GBK.TTF", "FZXBSK.TTF"),
    ),
    FontRole(
        "fangsong",
        "仿宋",
        "GW FangSong",
        "Noto Serif CJK SC:style=Regular",
        "Noto Serif CJK SC",
        (
            "仿宋_GB2312.TTF",
            "FANGSONG_GB2312.TTF",
            "FS_GB2312.TTF",
            "SIMFANG.TTF",
            "仿宋.TTF",
            "FZFSJW.TTF",
            "FZFSK.TTF",
        ),
    ),
    FontRole(
        "heiti",
        "黑体",
        "GW Hei",
        "Noto Sans CJK SC:style=Regular",
        "Noto Sans CJK SC",
        ("SIMHEI.TTF", "黑体.TTF", "FZHTJW.TTF", "FZHTK.TTF"),
    ),
    FontRole(
        "kaiti",
        "楷体",
        "GW Kai",
        "AR PL UKai CN",
        "AR PL UKai CN",
        ("楷体_GB2312.TTF", "KAITI_GB2312.TTF", "SIMKAI.TTF", "楷体.TTF", "FZKTJW.TTF", "FZKTK.TTF"),
    ),
)


class FontMissing(RuntimeError):
    """A stand-in face is not installed (run scripts/system-deps) and no licensed file replaces it."""


@dataclass(frozen=True)
class ResolvedFont:
    role: FontRole
    path: Path  # the single-face file @font-face loads
    licensed: bool
    fallback: Path | None = None  # the stand-in behind a licensed face


def licensed_file(role: FontRole, folder: Path | None = None) -> Path | None:
    folder = Path(folder or settings.DOCUMENT_FONTS_DIR)
    if not folder.is_dir():
        return None
    by_name = {p.name.upper(): p for p in folder.iterdir() if p.is_file()}
    for name in role.licensed_names:
        if name.upper() in by_name:
            return by_name[name.upper()]
    return None


def _cache_dir() -> Path:
    folder = Path(tempfile.gettempdir()) / "qc-admin-document-fonts"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@lru_cache(maxsize=None)
def stand_in_file(pattern: str, family: str) -> Path:
    """The stand-in face as a single-face file, copied out of its collection on first use."""
    try:
        out = subprocess.run(
            ["fc-match", "-f", "%{file}|%{index}|%{family}", pattern],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        raise FontMissing(f"无法查找字体 {pattern}：{exc}") from exc
    file, index, families = out.split("|", 2)
    if family not in families.split(","):
        raise FontMissing(
            f"未安装字体 {family}（请运行 scripts/system-deps 安装 fonts-noto-cjk、"
            f"fonts-noto-cjk-extra、fonts-arphic-ukai）"
        )
    source = Path(file)
    if source.suffix.lower() not in (".ttc", ".otc"):
        return source
    stat = source.stat()
    key = hashlib.sha256(f"{source}|{index}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()[:16]
    target = _cache_dir() / f"{source.stem}-{index}-{key}.otf"
    if not target.exists():
        from fontTools.ttLib import TTCollection

        collection = TTCollection(str(source), lazy=True)
        partial = target.with_suffix(f".{id(collection)}.part")
        collection.fonts[int(index)].save(str(partial))
        partial.replace(target)  # atomic: a concurrent worker never loads half a file
    return target


def resolve(folder: Path | None = None) -> list[ResolvedFont]:
    fonts = []
    for role in ROLES:
        licensed = licensed_file(role, folder)
        stand_in = stand_in_file(role.fontconfig_pattern, role.stand_in_family)
        if licensed:
            fonts.append(ResolvedFont(role, licensed, True, fallback=stand_in))
        else:
            fonts.append(ResolvedFont(role, stand_in, False))
    return fonts


def font_face_css(fonts: list[ResolvedFont]) -> str:
    """``@font-face`` rules and the four role classes. Each face is declared at the normal weight
    under its own family, so no renderer synthesises a bold."""
    rules = []
    for font in fonts:
        families = [f'"{font.role.family}"']
        rules.append(f'@font-face {{ font-family: "{font.role.family}"; src: url("{font.path.as_uri()}"); }}')
        if font.fallback:
            rules.append(
                f'@font-face {{ font-family: "{font.role.family} Fallback"; '
                f'src: url("{font.fallback.as_uri()}"); }}'
            )
            families.append(f'"{font.role.family} Fallback"')
        families.append(f'"{font.role.stand_in_family}"')
        rules.append(f".{font.role.role} {{ font-family: {', '.join(families)}; }}")
    return "\n".join(rules)


def allowed_paths(fonts: list[ResolvedFont]) -> set[Path]:
    return {p.resolve() for f in fonts for p in (f.path, f.fallback) if p}

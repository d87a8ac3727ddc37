"""HTML → PDF with WeasyPrint, in the layout of GB/T 9704-2012.

The type area is 156 × 225 mm and holds 22 lines of 28 characters of 3号 (16 pt) text: a
character advances 156 mm / 28 ≈ 15.79 pt (so letter-spacing is slightly negative) and a line
is 225 mm / 22 ≈ 28.99 pt (28.95 pt is used so rounding never pushes the 22nd line over).
The numbers are computed here and handed to the templates, so the grid is defined once."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from pathlib import Path

from django.template.loader import render_to_string

from . import fonts as fonts_module

PT_PER_MM = 72 / 25.4


@dataclass(frozen=True)
class Grid:
    """The GB/T 9704 type grid, in points."""

    body_pt: float = 16.0  # 3号
    char_pt: float = round(156 * PT_PER_MM / 28 - 0.005, 3)  # 15.788: 28 fit, 29 do not
    line_pt: float = 28.95  # 22 lines in 225 mm
    small_pt: float = 14.0  # 4号: 版记, page numbers
    title_pt: float = 22.0  # 2号
    type_width_pt: float = round(156 * PT_PER_MM, 2)

    @property
    def letter_spacing_pt(self) -> float:
        return round(self.char_pt - self.body_pt, 3)

    def as_context(self) -> dict:
        return {**asdict(self), "letter_spacing_pt": self.letter_spacing_pt}


GRID = Grid()


def _fonts_only_fetcher(allowed: set[Path]):
    """WeasyPrint may read the font files and inline ``data:`` images, nothing else: the text of a
    document is typed by users and must not make the worker fetch URLs or local files."""
    from urllib.request import url2pathname

    from weasyprint.urls import URLFetcher

    class FontsOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("file:"):
                path = Path(url2pathname(url.split("?")[0].removeprefix("file://"))).resolve()
                if path not in allowed:
                    raise ValueError(f"refused: {url}")
            elif not url.startswith("data:"):
                raise ValueError(f"refused: {url}")
            return super().fetch(url, headers)

    return FontsOnlyFetcher(allowed_protocols={"file", "data"})


def mark_box(text: str, *, height_pt: float, max_width_pt: float) -> dict:
    """The issuer mark at ``height_pt``, compressed horizontally (as printed marks are) when the
    name is too long for the type area. Returns what the template needs to centre it."""
    natural = len(text) * height_pt
    scale = min(1.0, max_width_pt * 0.98 / natural) if natural else 1.0
    return {
        "text": text,
        "size_pt": height_pt,
        "scale": round(scale, 4),
        "natural_pt": round(natural, 2),
        "offset_pt": round((max_width_pt - natural) / 2, 2),
    }


def render_html(template: str, context: dict, *, font_folder: Path | None = None) -> tuple[str, set[Path]]:
    resolved = fonts_module.resolve(font_folder)
    html = render_to_string(
        template, {**context, "grid": GRID.as_context(), "font_css": fonts_module.font_face_css(resolved)}
    )
    return html, fonts_module.allowed_paths(resolved)


def render_pdf(template: str, context: dict, *, font_folder: Path | None = None) -> bytes:
    """The PDF. A document with a 版记 ends on an even page (GB/T 9704 7.4: 版记置于公文最后一面，
    the back of the last sheet): when it would end on an odd one, the 版记 starts the next page."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()  # the faces are loaded once for all the layouts tried

    def lay_out(breaks: str):
        html, allowed = render_html(template, {**context, "banji_breaks": breaks}, font_folder=font_folder)
        fetcher = _fonts_only_fetcher(allowed)
        return HTML(string=html, base_url=None, url_fetcher=fetcher).render(font_config=fonts), html

    # Most documents are one page of body, which ends on an odd page: the 版记 takes the next one
    # ("x"), so that layout is tried first — one layout for them, where trying the plain one first
    # took two. When it comes out odd, the body ended on an even page: the 版记 goes under it; if
    # there is no room there, a blank page comes first ("xx"; GB/T 9704 7.5: neither is numbered).
    # Only the layout kept is written (the PDF's fonts are subset once).
    document, html = lay_out("x")
    if 'class="banji"' in html:  # a letter without 版记: the breaks change nothing
        for breaks in ("", "xx"):
            if not len(document.pages) % 2:
                break
            document, _ = lay_out(breaks)
    return document.write_pdf()


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()

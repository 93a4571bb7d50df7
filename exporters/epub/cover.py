"""The cover: an SVG image made from the title, whose only text is the title itself.

The title is drawn as SVG ``<text>`` (real characters in the reader's own fonts, sharp at any size),
centred on a plain page under a coloured band. The band's hue comes from a hash of a seed (the slug),
so every language of one handout shares a look and two builds draw the same cover. The cover page
shows the image with the title as its text alternative; the same title is real text on the next page.
"""

from __future__ import annotations

import colorsys
import hashlib
import unicodedata

from markupsafe import Markup

from exporters.epub.book import Page, Resource
from exporters.epub.xhtml import attrs_for
from handoutkit.languages import text_direction

__all__ = ["COVER_IMAGE", "COVER_PAGE", "cover_image", "cover_page", "wrap_title"]

COVER_IMAGE = "cover.svg"
COVER_PAGE = "cover.xhtml"

WIDTH, HEIGHT = 600, 900
MARGIN = 60
TOP = 260
"""Where the title block may start (below the band)."""
MAX_LINES = 8
SIZES = (60, 54, 48, 42, 36, 32, 28, 24)


def _advance(char: str) -> float:
    """A generous estimate of a character's width in ems (bold sans-serif)."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0.0
    if _wide(char):
        return 1.0
    if char.isspace():
        return 0.3
    if char.isupper():
        return 0.72
    return 0.58


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def _pieces(title: str) -> list[tuple[str, bool]]:
    """Breakable pieces of the title: (text, preceded by a space). Wide (CJK) characters break anywhere."""
    pieces: list[tuple[str, bool]] = []
    for index, word in enumerate(title.split()):
        space = index > 0
        run = ""
        for char in word:
            if _wide(char):
                if run:
                    pieces.append((run, space))
                    space, run = False, ""
                pieces.append((char, space))
                space = False
            else:
                run += char
        if run:
            pieces.append((run, space))
    return pieces


def wrap_title(title: str, size: float, width: float = WIDTH - 2 * MARGIN) -> list[str] | None:
    """The title in lines no wider than ``width`` at font size ``size``; None if a piece cannot fit."""
    lines: list[str] = []
    line = ""
    for text, space in _pieces(title):
        if sum(_advance(c) for c in text) * size > width:
            return None
        candidate = f"{line} {text}" if line and space else line + text
        if line and sum(_advance(c) for c in candidate) * size > width:
            lines.append(line)
            candidate = text
        line = candidate
    if line:
        lines.append(line)
    return lines


def _layout(title: str) -> tuple[int, list[str]]:
    for size in SIZES:
        lines = wrap_title(title, size)
        if lines is not None and len(lines) * size * 1.25 <= HEIGHT - TOP - MARGIN and len(lines) <= MAX_LINES:
            return size, lines
    size = SIZES[-1]
    return size, wrap_title(title, size, width=float("inf")) or [title]


def _hue_colour(seed: str) -> str:
    hue = int.from_bytes(hashlib.sha256(seed.encode("utf-8")).digest()[:2], "big") / 65536
    red, green, blue = colorsys.hls_to_rgb(hue, 0.35, 0.55)
    return f"#{round(red * 255):02x}{round(green * 255):02x}{round(blue * 255):02x}"


def cover_image(title: str, lang: str, seed: str) -> Resource:
    """The cover image for ``title`` (in ``lang``): SVG whose only text is the title."""
    size, lines = _layout(title)
    direction = text_direction(lang)
    leading = size * 1.25
    block = leading * len(lines)
    first = TOP + (HEIGHT - TOP - MARGIN - block) / 2 + size
    texts = Markup("\n").join(
        Markup('<text x="{}" y="{:.1f}">{}</text>').format(WIDTH // 2, first + index * leading, line)
        for index, line in enumerate(lines)
    )
    svg = Markup(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 {w} {h}" width="{w}" height="{h}"'
        ' xml:lang="{lang}" role="img" aria-labelledby="cover-title">\n'
        '<title id="cover-title">{title}</title>\n'
        '<rect width="{w}" height="{h}" fill="#ffffff" />\n'
        '<rect width="{w}" height="200" fill="{colour}" />\n'
        '<rect y="{bottom}" width="{w}" height="24" fill="{colour}" />\n'
        '<g fill="#111111" font-family="sans-serif" font-weight="bold" font-size="{size}" text-anchor="middle"'
        ' direction="{direction}">\n{texts}\n</g>\n'
        "</svg>\n"
    ).format(
        w=WIDTH,
        h=HEIGHT,
        lang=lang,
        title=title,
        colour=_hue_colour(seed),
        bottom=HEIGHT - 24,
        size=size,
        direction=direction,
        texts=texts,
    )
    return Resource(COVER_IMAGE, "image/svg+xml", str(svg).encode("utf-8"), "cover-image")


def cover_page(title: str, title_lang: str, page_title: str, page_title_lang: str, book_lang: str) -> Page:
    """The cover page: the cover image alone, with the title as its text alternative."""
    body = Markup('<div class="cover"><img src="{}" alt="{}" role="doc-cover"{} /></div>').format(
        COVER_IMAGE, title, attrs_for(title_lang, book_lang)
    )
    return Page(COVER_PAGE, page_title, page_title_lang, body)

"""The large-print page: sizes and margins from the configuration, never below the standard's minimums.

Every number the stylesheet uses comes from here (docs/standards.md section 1): body text 18 pt or more
(more for a script whose letters are drawn small, :func:`~exporters.pdf.fonts.script_scale`), headings
larger and bold, line spacing 1.5 by default, and nothing inked within 1 inch (72 pt) of any page edge.
The margins carry a safety allowance on top of the inch, because a line's glyphs can reach beyond its
line box (Arabic faces are about 2.1 em tall, more than a 1.5 line). The page number sits in the bottom
margin and the running title in the top margin of every page after the first, so those margins hold a
whole line more (page 1, without a running title, keeps the smaller top margin).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from exporters.pdf.fonts import font_set, glyph_overhang, script_scale
from exporters.pdf.options import MIN_BODY_SIZE, MIN_LINE_SPACING, PdfOptions

__all__ = ["EDGE", "PAGE_SIZES", "PageLayout", "layout_for", "page_layout"]

EDGE = 72.0
"""The clear space, in points, that no text or drawing may enter on any side of the page."""

PAGE_SIZES = {"letter": (612.0, 792.0), "a4": (595.28, 841.89)}
"""Page width and height in points."""

H1_RATIO = 2.0
H2_RATIO = 28 / 18
H3_RATIO = 22 / 18
"""Heading sizes relative to the configured body size: 36/28/22 pt at an 18 pt body (the standard's
floors are 22/20). The title stands well above the sections, and a sub-section (22) is told from a
section (28, with a rule above it) by size and by the rule. A script set larger than Latin
(:func:`~exporters.pdf.fonts.script_scale`) keeps these sizes, raised only where they would come
within :data:`HEADING_STEP` of its body (Arabic at 24 pt: 36/30/26): its headings are large already,
and scaling them too filled page 1 with the title (48 pt) and left the main message alone on it."""
HEADING_STEP = 4
"""The least difference, in points, between the sizes of two heading levels (the title and a section
heading: one and a half of it); a sub-section heading is half of it above the body."""

LIST_INDENT_EM = 1.8
"""The indent of bulleted list items (the marker, 1.3 times the text size, hangs in it)."""
NUMBERED_INDENT_EM = 2.2
"""The indent of numbered list items, wide enough for a marker such as ``14.``."""
GLYPH_OVERHANG = 0.5
"""How far (in em) a script's glyphs may reach past their line box, above or below, when the fonts do
not say (:func:`~exporters.pdf.fonts.glyph_overhang` measures it from them)."""
HEADING_LINE = 1.25
"""The line height of headings (as a multiple of their size; never more than the body's)."""
SAFETY = 2.0
"""Points added to every margin on top of the measured overhang (rounding, a glyph's ink past its
font's ascent)."""


@dataclass(frozen=True, slots=True)
class PageLayout:
    """Sizes in points for one large-print handout."""

    page_size: str
    width: float
    height: float
    body: float
    line_spacing: float
    h1: float
    h2: float
    h3: float
    margin_top: float
    """The top margin of pages after the first: the inch, the running title and a gap."""
    margin_first: float
    """The top margin of page 1 (no running title)."""
    margin_side: float
    margin_bottom: float
    footer_gap: float
    """Space between the text area and the page number line (the top padding of the footer box)."""
    header_top: float
    """Where the running title's line box starts, from the page's top edge (the inch and the glyphs'
    allowance above it)."""

    @property
    def line(self) -> float:
        """Height of one body line."""
        return self.body * self.line_spacing

    @property
    def paragraph_gap(self) -> float:
        """A blank line between paragraphs."""
        return self.line

    @property
    def text_width(self) -> float:
        return self.width - 2 * self.margin_side

    @property
    def heading_line(self) -> float:
        """The line height of headings."""
        return min(self.line_spacing, HEADING_LINE)

    @property
    def text_height(self) -> float:
        """The height of the text area of a page after the first."""
        return self.height - self.margin_top - self.margin_bottom

    @property
    def css_page_size(self) -> str:
        return "A4" if self.page_size == "a4" else "letter"


def page_layout(options: PdfOptions, script_scale: float = 1.0, overhang: float = GLYPH_OVERHANG) -> PageLayout:
    """The layout for the configured page size, body size and line spacing (clamped to the minimums),
    the body raised by ``script_scale`` for the document's script (never lowered), the margins holding
    ``overhang`` em of glyphs past their line boxes."""
    page_size = options.page_size.lower()
    width, height = PAGE_SIZES[page_size]
    base = max(float(options.body_size), MIN_BODY_SIZE)
    body = round(base * max(script_scale, 1.0), 1)
    spacing = max(float(options.line_spacing), MIN_LINE_SPACING)
    grow = math.sqrt(max(script_scale, 1.0))
    h3 = max(round(base * grow * H3_RATIO), math.floor(body) + HEADING_STEP // 2, 20)
    h2 = max(round(base * grow * H2_RATIO), h3 + HEADING_STEP, 22)
    h1 = max(round(base * H1_RATIO), h2 + 3 * HEADING_STEP // 2, 22)
    footer_gap = body / 3
    reach = overhang * body + SAFETY
    header_top = EDGE + reach
    header_line = body * min(spacing, HEADING_LINE)
    return PageLayout(
        page_size=page_size,
        width=width,
        height=height,
        body=body,
        line_spacing=spacing,
        h1=h1,
        h2=h2,
        h3=h3,
        margin_top=math.ceil(header_top + header_line + body / 3 + reach),
        margin_first=math.ceil(EDGE + overhang * h1 + SAFETY),
        margin_side=math.ceil(EDGE + overhang * body / 3 + SAFETY),
        margin_bottom=math.ceil(EDGE + footer_gap + header_line + reach),
        footer_gap=footer_gap,
        header_top=header_top,
    )


def layout_for(options: PdfOptions, lang: str) -> PageLayout:
    """The layout of a document in ``lang``: its script's body size (:func:`~exporters.pdf.fonts.script_scale`;
    a script without a font set, or a face not installed, is not scaled: the exporter reports those)."""
    try:
        fonts = font_set(lang)
        spacing = max(options.line_spacing, MIN_LINE_SPACING)
        scale, overhang = script_scale(fonts), glyph_overhang(fonts, min(spacing, HEADING_LINE))
    except LookupError:
        scale, overhang = 1.0, GLYPH_OVERHANG
    return page_layout(options, scale, overhang)

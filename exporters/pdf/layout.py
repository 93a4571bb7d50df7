"""The large-print page: sizes and margins from the configuration, never below the standard's minimums.

Every number the stylesheet uses comes from here (docs/standards.md section 1): body text 18 pt or more,
headings larger and bold, line spacing 1.5 by default, and nothing inked within 1 inch (72 pt) of any
page edge. The margins carry a safety allowance on top of the inch, because a line's glyphs can reach
beyond its line box (Arabic faces are about 2.1 em tall, more than a 1.5 line), and the page number
sits in the bottom margin, so that margin holds a whole line more.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from exporters.pdf.options import MIN_BODY_SIZE, MIN_LINE_SPACING, PdfOptions

__all__ = ["EDGE", "PAGE_SIZES", "PageLayout", "page_layout"]

EDGE = 72.0
"""The clear space, in points, that no text or drawing may enter on any side of the page."""

PAGE_SIZES = {"letter": (612.0, 792.0), "a4": (595.28, 841.89)}
"""Page width and height in points."""

H1_RATIO = 26 / 18
H2_RATIO = 22 / 18
H3_RATIO = 20 / 18
"""Heading sizes relative to the body: 26/22/20 pt at an 18 pt body (the standard's floors are 22/20)."""

LIST_INDENT_EM = 1.4
"""The indent of bulleted list items (the marker hangs in it)."""
NUMBERED_INDENT_EM = 2.2
"""The indent of numbered list items, wide enough for a marker such as ``14.``."""
GLYPH_OVERHANG = 0.5
"""How far (in em) a script's glyphs may reach past their line box, above or below."""


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
    margin_side: float
    margin_bottom: float
    footer_gap: float
    """Space between the text area and the page number line (the top padding of the footer box)."""

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
    def list_line_em(self) -> float:
        """The width of a list item's line, in em (the text width less the marker's indent)."""
        return self.text_width / self.body - NUMBERED_INDENT_EM

    @property
    def keep_lines(self) -> int:
        """The longest list (in lines) kept on one page: half a page of text."""
        return int((self.height - self.margin_top - self.margin_bottom) / self.line / 2)

    @property
    def css_page_size(self) -> str:
        return "A4" if self.page_size == "a4" else "letter"


def page_layout(options: PdfOptions) -> PageLayout:
    """The layout for the configured page size, body size and line spacing (clamped to the minimums)."""
    page_size = options.page_size.lower()
    width, height = PAGE_SIZES[page_size]
    body = max(float(options.body_size), MIN_BODY_SIZE)
    spacing = max(float(options.line_spacing), MIN_LINE_SPACING)
    h1 = max(round(body * H1_RATIO), 22)
    overhang = GLYPH_OVERHANG * h1
    footer_gap = body
    footer_line = body * spacing
    return PageLayout(
        page_size=page_size,
        width=width,
        height=height,
        body=body,
        line_spacing=spacing,
        h1=h1,
        h2=max(round(body * H2_RATIO), 22),
        h3=max(round(body * H3_RATIO), 20),
        margin_top=math.ceil(EDGE + overhang),
        margin_side=math.ceil(EDGE + GLYPH_OVERHANG * body / 3),
        margin_bottom=math.ceil(EDGE + footer_gap + footer_line + GLYPH_OVERHANG * body),
        footer_gap=footer_gap,
    )

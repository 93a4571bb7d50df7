"""The large-print page: sizes, margins, what is kept on one page, and text that goes into CSS."""

from __future__ import annotations

import pytest
import tinycss2
from markupsafe import Markup

from exporters.pdf.keep import break_classes, estimated_lines
from exporters.pdf.layout import EDGE, page_layout
from exporters.pdf.options import PdfOptions
from exporters.pdf.templates import css_string, footer_content
from handoutkit.present.html import HtmlOptions, blocks_html
from tests.pdf_support import translated


@pytest.mark.parametrize("size", [18, 20, 24, 30])
@pytest.mark.parametrize("spacing", [1.15, 1.5, 2.0])
@pytest.mark.parametrize("page", ["letter", "a4"])
def test_margins_keep_an_inch_clear_with_room_for_the_page_number(size: int, spacing: float, page: str) -> None:
    layout = page_layout(PdfOptions(page_size=page, body_size=size, line_spacing=spacing))
    assert min(layout.margin_top, layout.margin_side) > EDGE
    footer = layout.footer_gap + layout.body * layout.line_spacing
    assert layout.margin_bottom - footer >= EDGE + layout.body / 2, "the page number's descenders need room"
    assert layout.h1 >= max(22, layout.body) and layout.h2 >= max(20, layout.body) and layout.h3 >= 20


def test_the_default_is_18_pt_letter_at_one_and_a_half_lines() -> None:
    layout = page_layout(PdfOptions())
    assert (layout.css_page_size, layout.body, layout.line_spacing, layout.h1, layout.h2, layout.h3) == (
        "letter",
        18,
        1.5,
        26,
        22,
        20,
    )


def test_sizes_below_the_standard_are_raised_to_it() -> None:
    layout = page_layout(PdfOptions(body_size=10, line_spacing=1.0))
    assert (layout.body, layout.line_spacing) == (18, 1.15)


@pytest.mark.parametrize("text", ['Página 1"; } body { display: none', "صفحة \\ 1", "第 1 页\n", "a\\000022b"])
def test_css_strings_hold_any_text_as_one_string_token(text: str) -> None:
    tokens = [t for t in tinycss2.parse_component_value_list(css_string(text)) if t.type != "whitespace"]
    assert [(t.type, t.value) for t in tokens] == [("string", text)]


def test_page_number_line_becomes_strings_and_counters_in_any_order() -> None:
    content = footer_content("第 {page} 页，共 {pages} 页")
    tokens = [t for t in tinycss2.parse_component_value_list(content) if t.type != "whitespace"]
    assert [(t.type, t.value if t.type == "string" else t.name) for t in tokens] == [
        ("string", "第 "),
        ("function", "counter"),
        ("string", " 页，共 "),
        ("function", "counter"),
        ("string", " 页"),
    ]


def test_wide_characters_count_double_when_estimating_lines() -> None:
    assert estimated_lines("a" * 30, 22) == 1
    assert estimated_lines("字" * 30, 22) == 2


def test_short_lists_are_kept_whole_and_their_lead_in_stays_with_them() -> None:
    doc, _ = translated("en")

    def body(max_lines: int) -> str:
        classes = break_classes(doc.blocks, line_em=22, max_lines=max_lines)
        options = HtmlOptions(page_lang="en", image=lambda image: Markup("<img />"), block_class=classes)
        return blocks_html(doc.blocks, options)

    marked = body(10)
    assert marked.count('<ul class="keep"') == 2 and marked.count('<ol class="keep"') == 1
    assert marked.count('<p class="lead-in">') == 2
    assert body(1).count('class="keep"') == 0

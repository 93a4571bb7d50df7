"""The large-print page: sizes, margins, per-script body sizes, what stays together across a page break,
web addresses' break points, and text that goes into CSS."""

from __future__ import annotations

import pytest
import tinycss2
from markupsafe import Markup

from exporters.pdf.fonts import LATIN, font_set, glyph_overhang, script_scale, x_height
from exporters.pdf.keep import LEAD_IN, break_classes
from exporters.pdf.layout import EDGE, layout_for, page_layout
from exporters.pdf.options import PdfOptions
from exporters.pdf.page import NOBREAK_MAX, break_urls
from exporters.pdf.templates import css_string, footer_content, line_chars
from handoutkit.present.html import HtmlOptions, blocks_html
from tests.pdf_support import translated


@pytest.mark.parametrize("size", [18, 20, 24, 30])
@pytest.mark.parametrize("spacing", [1.15, 1.5, 2.0])
@pytest.mark.parametrize("page", ["letter", "a4"])
def test_margins_keep_an_inch_clear_with_room_for_the_page_number(size: int, spacing: float, page: str) -> None:
    layout = page_layout(PdfOptions(page_size=page, body_size=size, line_spacing=spacing))
    assert min(layout.margin_top, layout.margin_first, layout.margin_side) > EDGE
    footer = layout.footer_gap + layout.body * layout.heading_line
    assert layout.margin_bottom - footer >= EDGE + layout.body / 2, "the page number's descenders need room"
    assert layout.header_top >= EDGE + layout.body / 2, "the running title's accents need room"
    assert layout.margin_top >= layout.header_top + layout.body * layout.heading_line
    assert layout.h1 >= max(22, layout.body) and layout.h2 >= max(20, layout.body) and layout.h3 >= 20


def test_the_default_is_18_pt_letter_at_one_and_a_half_lines() -> None:
    layout = page_layout(PdfOptions())
    assert (layout.css_page_size, layout.body, layout.line_spacing) == ("letter", 18, 1.5)


def test_title_section_and_sub_section_headings_are_clearly_apart() -> None:
    layout = page_layout(PdfOptions())
    assert layout.h1 >= 32, "the title well above 26 pt"
    assert layout.h1 - layout.h2 >= 6 and layout.h2 - layout.h3 >= 4 and layout.h3 > layout.body


def test_arabic_is_set_larger_by_x_height_and_capped() -> None:
    latin, arabic = x_height(LATIN), x_height("Noto Sans Arabic")
    assert latin is not None and arabic is not None and arabic < latin
    assert script_scale(font_set("ar")) == pytest.approx(min(latin / arabic, 4 / 3))
    assert layout_for(PdfOptions(), "ar").body == 23.9  # Atkinson Hyperlegible Next 496 / Noto Sans Arabic 374
    assert [layout_for(PdfOptions(), lang).body for lang in ("en", "vi", "es", "zh-Hans")] == [18] * 4


def test_margins_hold_the_glyphs_of_tall_scripts() -> None:
    assert glyph_overhang(font_set("en"), 1.5) == 0
    assert glyph_overhang(font_set("ar"), 1.25) > 0.3
    latin, arabic = layout_for(PdfOptions(), "en"), layout_for(PdfOptions(), "ar")
    assert arabic.margin_top - arabic.header_top > latin.margin_top - latin.header_top


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


def test_lists_may_cross_pages_and_a_lead_in_stays_with_its_list() -> None:
    doc, _ = translated("en")
    options = HtmlOptions(page_lang="en", image=lambda image: Markup("<img />"), block_class=break_classes(doc.blocks))
    body = blocks_html(doc.blocks, options)
    assert body.count(f'<p class="{LEAD_IN}">') == 2
    assert "<ul>" in body and "<ol" in body and 'class="keep"' not in body


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (
            '<a href="https://www.cancer.net/cancer-types/lung-x">https://www.cancer.net/cancer-types/lung-x</a>',
            # a line may end after a slash, never at a dot: "https://www.cancer." reads as a whole address
            '<a href="https://www.cancer.net/cancer-types/lung-x">https://\u200bwww\u200b.cancer\u200b.net/\u200b'
            '<span class="nobreak">cancer-types</span>/\u200b<span class="nobreak">lung-x</span></a>',
        ),
        ("<p>See rbc.example.</p>", "<p>See rbc.example.</p>"),
        (
            '<p>Website: <span dir="ltr">www.a-b.org</span></p>',
            '<p>Website: <span dir="ltr"><span class="nobreak">www.a-b.org</span></span></p>',
        ),
        ('<img alt="https://x.org/a" />', '<img alt="https://x.org/a" />'),
    ],
)
def test_web_addresses_break_only_after_slashes_and_before_dots(html: str, expected: str) -> None:
    assert break_urls(html) == expected


def test_a_web_address_kept_whole_is_never_longer_than_a_line() -> None:
    address = "https://clinic.example/pain"
    assert break_urls(f"<p>{address}</p>", keep_whole=len(address)) == f'<p><span class="nobreak">{address}</span></p>'
    assert "\u200b" in break_urls(f"<p>{address}</p>", keep_whole=len(address) - 1)
    assert line_chars(page_layout(PdfOptions(body_size=32))) < NOBREAK_MAX <= line_chars(page_layout(PdfOptions()))

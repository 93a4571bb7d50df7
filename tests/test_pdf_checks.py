"""tests/pdfchecks.py catches what it is meant to catch: each check fails on a small PDF made wrong on
purpose with bare WeasyPrint, and passes on the same PDF made right."""

from __future__ import annotations

from pathlib import Path

import pytest

from exporters.pdf.postprocess import finish_pdf
from exporters.pdf.render import capture_weasyprint_log
from tests import pdfchecks

PAGE = (
    "@page { size: letter; margin: 90pt 80pt 130pt; @bottom-center { content: 'Page ' counter(page) ' of '"
    " counter(pages); font-size: 18pt; vertical-align: top; padding-top: 18pt } }"
)
NUMBERS = "Page {page} of {pages}"
NOTO = {"Noto-Sans", "Noto-Sans-Bold"}
BODY = "html { font-family: 'Noto Sans'; font-size: 18pt; line-height: 1.5 }"
TEXT = " ".join(["Take your medicine at the same time every day, with a glass of water."] * 6)


def make(tmp_path: Path, body: str, css: str = "", *, lang: str = "en", finish: bool = True) -> Path:
    from weasyprint import CSS, HTML

    lang_attr = f' lang="{lang}"' if lang else ""
    html = f"<!DOCTYPE html><html{lang_attr}><head><title>Test</title></head><body>{body}</body></html>"
    with capture_weasyprint_log():
        data = HTML(string=html).write_pdf(stylesheets=[CSS(string=PAGE + BODY + css)], pdf_variant="pdf/ua-1")
    if finish:
        data = finish_pdf(data).data
    path = tmp_path / "test.pdf"
    path.write_bytes(data)
    return path


GOOD = f"<h1>Title</h1><p>{TEXT}</p><ul><li>one</li><li>two</li></ul>"


def test_a_well_made_pdf_passes(tmp_path: Path) -> None:
    path = make(tmp_path, GOOD)
    assert pdfchecks.all_failures(path, "en", page_number=NUMBERS, line_spacing=1.5) == []


def test_page_numbers_as_weasyprint_writes_them_are_untagged_content(tmp_path: Path) -> None:
    assert pdfchecks.marked_content_failures(make(tmp_path, GOOD, finish=False)) != []


def test_missing_lang_is_caught(tmp_path: Path) -> None:
    assert pdfchecks.lang_failures(make(tmp_path, GOOD, lang=""), "en") != []


def test_wrong_lang_is_caught(tmp_path: Path) -> None:
    assert pdfchecks.lang_failures(make(tmp_path, GOOD, lang="es"), "en") == ["/Lang is 'es', expected 'en'"]


def test_skipped_heading_level_is_caught(tmp_path: Path) -> None:
    assert pdfchecks.heading_failures(make(tmp_path, "<h1>A</h1><h3>B</h3>")) == ["14-003: H1 followed by H3"]


def test_figure_without_alt_is_caught(tmp_path: Path) -> None:
    svg = "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><rect width='10' height='10'/></svg>"
    path = make(tmp_path, f"<h1>A</h1>{svg}", finish=False)
    assert pdfchecks.figure_failures(path) == ["13-004: figure 1 has no /Alt"]


@pytest.mark.parametrize(
    ("css", "check"),
    [
        ("p { font-size: 12pt }", lambda p: pdfchecks.size_failures(p, 18)),
        ("h1 { font-size: 18pt }", pdfchecks.heading_size_failures),
        ("p { font-style: italic }", pdfchecks.font_style_failures),
        ("p { font-family: 'Noto Serif' }", pdfchecks.font_style_failures),
        ("p { text-align: justify }", pdfchecks.justified_failures),
        ("p { line-height: 1.0 }", lambda p: pdfchecks.line_spacing_failures(p, 1.15)),
        ("p { color: #c00 }", pdfchecks.color_failures),
        ("@page { margin: 36pt }", pdfchecks.edge_failures),
        ("@page { @bottom-center { content: none } }", lambda p: pdfchecks.page_number_failures(p, NUMBERS)),
        ("h1 { bookmark-level: none }", pdfchecks.outline_failures),
        ("p { font-family: 'DejaVu Sans' }", lambda p: pdfchecks.embedded_font_failures(p, NOTO)),
    ],
    ids=[
        "small",
        "small-heading",
        "italic",
        "serif",
        "justified",
        "tight",
        "red",
        "edge",
        "no-page-number",
        "no-outline",
        "other-font",
    ],
)
def test_each_large_print_failure_is_caught(tmp_path: Path, css: str, check) -> None:
    assert check(make(tmp_path, GOOD)) == [], "the good PDF must pass first"
    assert check(make(tmp_path, GOOD, css)) != []


def test_notdef_glyph_is_caught(tmp_path: Path) -> None:
    assert pdfchecks.notdef_failures(make(tmp_path, "<h1>A</h1><p>unassigned \u0378 character</p>")) != []


def test_text_one_extractor_cannot_read_is_caught(tmp_path: Path) -> None:
    """WeasyPrint writes a font with a missing glyph through its own CMap, which pdfplumber cannot decode:
    the whole paragraph vanishes from pdfplumber, so every check built on it would see nothing."""
    path = make(tmp_path, "<h1>A</h1><p>unassigned \u0378 character</p>")
    assert pdfchecks.extraction_failures(path) != []


def test_list_item_without_a_marker_is_still_li_and_lbody(tmp_path: Path) -> None:
    path = make(tmp_path, "<h1>A</h1><ul><li>one</li><li style='list-style: none'>two</li></ul>")
    assert pdfchecks.list_failures(path) == []

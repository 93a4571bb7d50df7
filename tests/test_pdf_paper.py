"""Paper and large print people can use (docs/standards.md section 1): the project's own handouts
fill their pages, never strand a heading or the contact box, never break a phone number, carry a
running title and a contents that lists the references and the contact; and each paper check fails
on a small PDF made with the fault (a forced break, a narrow column), so a passing check means something.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from exporters.pdf.fetcher import AssetRequests
from exporters.pdf.page import page_content
from exporters.pdf.templates import render_html
from handoutkit.config import load_config
from handoutkit.notices import UNREVIEWED
from handoutkit.reader import find_sources
from tests.pdf_support import REPO, translated
from tests.pdfchecks.largeprint import running_title_failures
from tests.pdfchecks.lines import premature_break_failures
from tests.pdfchecks.paper import (
    caption_read_twice_failures,
    contact_alone_failures,
    figure_width_failures,
    fill_failures,
    page_fill,
    phone_split_failures,
    stranded_heading_failures,
)
from tests.pdfchecks.reading import page_chars

REAL = [(slug, language.tag) for slug in find_sources(REPO) for language in load_config(REPO).languages]


def _real(real_build: Path, slug: str, lang: str) -> Path:
    return real_build / lang / f"{slug}.pdf"


@pytest.mark.parametrize(("slug", "lang"), REAL)
def test_the_handouts_waste_no_paper(real_build: Path, slug: str, lang: str) -> None:
    path = _real(real_build, slug, lang)
    assert fill_failures(path) == []
    assert stranded_heading_failures(path) == []
    assert contact_alone_failures(path) == []
    assert phone_split_failures(path) == []


@pytest.mark.parametrize(("slug", "lang"), REAL)
def test_no_line_is_broken_before_a_word_that_fits_on_it(real_build: Path, slug: str, lang: str) -> None:
    assert premature_break_failures(_real(real_build, slug, lang)) == []


@pytest.mark.parametrize(("slug", "lang"), REAL)
def test_every_page_after_the_first_carries_the_running_title(real_build: Path, slug: str, lang: str) -> None:
    doc, _ = translated(lang, slug, REPO)
    assert running_title_failures(_real(real_build, slug, lang), doc.meta.title.text) == []


@pytest.mark.parametrize(("slug", "lang"), REAL)
def test_figures_print_at_least_sixty_percent_of_the_text_width(real_build: Path, slug: str, lang: str) -> None:
    assert figure_width_failures(_real(real_build, slug, lang)) == []


@pytest.mark.parametrize(("slug", "lang"), REAL)
def test_a_caption_is_not_read_twice(real_build: Path, slug: str, lang: str) -> None:
    assert caption_read_twice_failures(_real(real_build, slug, lang)) == []


@pytest.mark.parametrize(("slug", "lang"), REAL)
def test_page_one_warns_that_the_text_is_unreviewed_and_gives_the_phone_number(
    real_build: Path, slug: str, lang: str
) -> None:
    _, ctx = translated(lang, slug, REPO)
    first = "".join(c["text"] for c in page_chars(_real(real_build, slug, lang))[0])
    letters = Counter(unicodedata.normalize("NFKC", first))
    warning = Counter(c for c in unicodedata.normalize("NFKC", ctx.ui(UNREVIEWED)) if not c.isspace())
    assert warning - letters == Counter(), "the warning that the text is not yet reviewed is not on page 1"
    phone = re.sub(r"\D", "", ctx.settings.organization.phone)
    assert phone and phone in re.sub(r"\D", "", first), "the phone number is not on page 1"


def test_page_one_gives_the_phone_number_and_the_contents_lists_references_and_contact() -> None:
    doc, ctx = translated("en", "stage-4-lung-cancer", REPO)
    content = page_content(doc, ctx, AssetRequests(ctx.assets))
    html = str(render_html(content))
    summary_end = html.index("</div>", html.index('class="summary"'))
    assert html.index('<p class="call">') > summary_end
    assert html.index('<a href="tel:', summary_end) < html.index('class="contents"')
    assert [entry.kind for entry in content.contents][-2:] == ["references", "contact"]
    assert '<h2 id="references"' in html and '<h2 id="contact"' in html
    assert "<figure>" in html and "<figcaption>" in html


# Each check fails on a PDF that has its fault.

FILLER = "".join(f"<p>Line {n} of text that fills the page.</p>" for n in range(9))
PAGE = "@page { size: letter; margin: 72pt } html { font: 18pt/1.5 'Noto Sans' } p { margin: 0 0 27pt }"


def _pdf(tmp_path: Path, body: str, css: str = "", name: str = "fault.pdf") -> Path:
    from weasyprint import CSS, HTML

    path = tmp_path / name
    html = f'<html lang="en"><head><title>Fault</title></head><body>{body}</body></html>'
    path.write_bytes(HTML(string=html).write_pdf(stylesheets=[CSS(string=PAGE + css)], pdf_variant="pdf/ua-1"))
    return path


def test_a_page_left_mostly_empty_by_a_forced_break_fails(tmp_path: Path) -> None:
    good = _pdf(tmp_path, FILLER * 2)
    assert fill_failures(good) == [] and len(page_fill(good)) > 1
    bad = _pdf(tmp_path, '<p style="break-after: page">Short.</p>' + FILLER)
    assert fill_failures(bad) == [f"page 1: {page_fill(bad)[0]:.0%} filled (under 60%)"]


def test_a_heading_at_the_foot_of_a_page_or_alone_on_one_fails(tmp_path: Path) -> None:
    foot = _pdf(tmp_path, FILLER + '<h2 style="break-after: page">Stranded</h2>' + FILLER)
    assert [f.split(":")[0] for f in stranded_heading_failures(foot)] == ["page 1"]
    alone = _pdf(tmp_path, FILLER + '<h2 style="break-before: page; break-after: page">Alone</h2>' + FILLER)
    assert stranded_heading_failures(alone) == ["page 2 holds only a heading: 'Alone'"]
    kept = _pdf(tmp_path, FILLER + "<h2>Kept</h2>" + FILLER, "h2 { break-after: avoid }")
    assert stranded_heading_failures(kept) == []


def test_a_contact_box_alone_on_the_last_page_fails(tmp_path: Path) -> None:
    contact = '<h2 id="contact">Contact us</h2><p>Call 555-0147.</p>'
    alone = _pdf(tmp_path, FILLER + f'<div style="break-before: page">{contact}</div>')
    assert contact_alone_failures(alone) == ["page 2: the contact box is alone on its page"]
    shared = _pdf(tmp_path, "<p>Text.</p>" + contact)
    assert contact_alone_failures(shared) == []


def test_a_phone_number_broken_across_lines_fails(tmp_path: Path) -> None:
    broken = _pdf(tmp_path, '<p>Questions? Call the clinic at <a href="tel:5035550147">(503)<br />555-0147</a>.</p>')
    failures = phone_split_failures(broken)
    assert any("shows 3 of its 10 digits" in f for f in failures), failures
    assert any("'(503) 555-0147' broken across lines" in f for f in failures), failures
    whole = _pdf(tmp_path, '<p>Questions? Call the clinic at <a href="tel:5035550147">(503) 555-0147</a>.</p>')
    assert phone_split_failures(whole) == []


def test_a_caption_beside_its_figure_is_read_twice_and_post_processing_moves_it_inside(tmp_path: Path) -> None:
    from exporters.pdf.postprocess import finish_pdf

    square = (
        "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='300' height='200'%3E"
        "%3Crect width='300' height='200'/%3E%3C/svg%3E"
    )
    words = "A black square that stands for the lungs."
    beside = _pdf(tmp_path, f'<figure><img src="{square}" alt="{words}" /><figcaption>{words}</figcaption></figure>')
    assert caption_read_twice_failures(beside) == [
        f"the caption {words[:40]!r} is read twice: the Figure's /Alt and a Caption"
    ]
    inside = tmp_path / "inside.pdf"
    inside.write_bytes(finish_pdf(beside.read_bytes()).data)
    assert caption_read_twice_failures(inside) == []


MAIN_MESSAGE = (
    "Stage 4 lung cancer has spread from the lung to other parts of the body. It is very hard to cure, but "
    "<strong>treatment can help you live longer and feel better</strong>. Talk with your care team about your choices."
)
"""At 424 pt in Noto Sans 18/1.5, the text before ``<strong>`` fits on the second line but for its trailing
space, and WeasyPrint 70 leaves "other" alone on it (exporters/pdf/linebreaks.py)."""


def test_a_word_left_alone_on_a_line_fails_and_hanging_trailing_spaces_keep_it_company(tmp_path: Path) -> None:
    from exporters.pdf.linebreaks import hanging_trailing_spaces

    body = f'<p style="width: 424pt">{MAIN_MESSAGE}</p>'
    early = _pdf(tmp_path, body, name="early.pdf")
    failures = premature_break_failures(early)
    assert len(failures) == 1 and "ending 'other' is broken before 'parts'" in failures[0], failures
    with hanging_trailing_spaces():
        fixed = _pdf(tmp_path, body, name="fixed.pdf")
    assert premature_break_failures(fixed) == []
    import pdfplumber

    with pdfplumber.open(fixed) as pdf:
        lines = (pdf.pages[0].extract_text() or "").splitlines()
    assert " ".join(lines[1].split()) == "other parts of the body. It is very hard to cure, but"


def test_hanging_trailing_spaces_last_only_while_the_block_runs() -> None:
    from weasyprint.layout import inline

    from exporters.pdf.linebreaks import hanging_trailing_spaces

    original = inline.split_first_line
    with hanging_trailing_spaces():
        assert inline.split_first_line is not original
    assert inline.split_first_line is original

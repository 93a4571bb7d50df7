"""Latin drug names, doses, phone numbers and web addresses inside Arabic text print whole and in
reading order: the handout view isolates them (handoutkit/present/bidi.py), the PDF prints each
isolated run as a ``<span dir="ltr">``, short ones on one line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from exporters.pdf.templates import render_html
from tests import pdfchecks
from tests.pdf_support import (
    REPO,
    first_paragraph,
    left_to_right_runs,
    printed,
    render,
    replace_block,
    translated,
    write,
)


@pytest.fixture(scope="module")
def arabic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    doc, ctx = translated("ar")
    return write(tmp_path_factory.mktemp("ar"), render(doc, ctx))


def isolates(html: str) -> list[tuple[str, str]]:
    """(class, text) of every ``<span dir="ltr">`` that holds text alone."""
    return re.findall(r'<span dir="ltr"(?: class="([^"]*)")?>([^<]*)</span>', html)


def test_short_runs_are_kept_on_one_line_and_a_web_address_may_break() -> None:
    html = str(render_html(printed(*translated("ar"))))
    found = isolates(html)
    assert ("nowrap", "10 mg") in found and ("nowrap", "+1 (555) 010-0199") in found
    # A web address is isolated without nowrap: it may break, after "/" or "." only (a short one whole).
    assert re.search(r'<span dir="ltr">(<span class="nobreak">)?https://clinic\.example/pain', html)


def test_only_right_to_left_text_is_isolated() -> None:
    """A paragraph left in English inside the Arabic handout, and every left-to-right handout, print
    their Latin words as they are."""
    doc, ctx = translated("ar")
    english, _ = translated("en")
    doc = replace_block(doc, first_paragraph(doc), first_paragraph(english))
    html = str(render_html(printed(doc, ctx)))
    paragraph = re.search(r'<p class="lead-in" lang="en" dir="ltr">(.*?)</p>', html)
    assert paragraph is not None and "<span" not in paragraph.group(1)
    for lang in ("en", "es", "vi", "zh-Hans"):
        assert isolates(str(render_html(printed(*translated(lang))))) == []


def test_a_dose_and_a_drug_name_keep_their_order_in_arabic(arabic: Path) -> None:
    lines = pdfchecks.visual_lines(arabic)
    assert any("10 mg" in line for line in lines), "10 mg printed as 'mg 10' or split"
    assert any("morphine" in line for line in lines)
    assert not any("mg 10" in line for line in lines)


def test_a_phone_number_prints_left_to_right_on_one_line_in_arabic(arabic: Path) -> None:
    assert pdfchecks.ltr_order_failures(arabic, ["+1 (555) 010-0199"]) == []


def test_every_isolated_run_and_latin_phrase_is_drawn_in_its_order_in_arabic(arabic: Path) -> None:
    runs = left_to_right_runs(printed(*translated("ar")))
    assert {"+1 (555) 010-0199", "10 mg", "(senna)", "Cancer Pain", "https://clinic.example/pain"} <= set(runs)
    assert pdfchecks.ltr_order_failures(arabic, runs) == []


def test_each_bracket_glyph_reads_as_the_bracket_it_draws(arabic: Path) -> None:
    """Arabic text draws "(" with the ")" glyph; WeasyPrint would name the glyph after its first use."""
    lines = pdfchecks.visual_lines(arabic)
    assert any("(senna)" in line for line in lines)
    assert not any(")555(" in line for line in lines)


def test_arabic_lists_put_their_markers_on_the_right(arabic: Path) -> None:
    pages = [page for page in pdfchecks.page_chars(arabic) if any(c["text"] == "•" for c in page)]
    assert pages, "no bulleted list in the handout"
    first_page = pages[0]  # the first page that has a bulleted list
    bullets = [c for c in first_page if c["text"] == "•"]
    words = [c for c in first_page if c.get("tag") == "Span" and "\u0600" <= c["text"] <= "\u06ff"]
    # Bullets print larger than the text: compare the lines by their foot, not their top.
    same_line = [w["x1"] for w in words if abs(w["bottom"] - bullets[0]["bottom"]) < 10]
    assert same_line, "no Arabic word on the bullet's line"
    assert min(b["x0"] for b in bullets) > max(same_line)


def test_without_isolation_the_order_check_catches_a_phone_number_and_a_percentage_out_of_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check reads glyph positions: the real Arabic handout, printed without the view's isolated
    runs, shows its clinic's phone number and ``(NSCLC): 8%`` out of order, and the check says so."""
    doc, ctx = translated("ar", "stage-4-lung-cancer", REPO)
    runs = left_to_right_runs(printed(doc, ctx))
    phone = ctx.settings.organization.phone
    assert phone in runs and "(NSCLC): 8%" in runs
    monkeypatch.setattr("handoutkit.present.phrases.isolate_runs", lambda inlines, direction: inlines)
    unisolated = write(tmp_path, render(doc, ctx))
    failures = pdfchecks.ltr_order_failures(unisolated, runs)
    assert f"{phone!r} is not drawn left to right in its order" in failures
    assert "'(NSCLC): 8%' is not drawn left to right in its order" in failures

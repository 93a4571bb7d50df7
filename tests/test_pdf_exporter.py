"""The PDF exporter as the pipeline sees it, and what a handout prints."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from exporters.pdf import PdfExporter
from exporters.pdf.fetcher import AssetRequests
from exporters.pdf.options import PdfOptions
from exporters.pdf.page import page_content
from exporters.pdf.templates import render_html
from handoutkit.config import Organization
from handoutkit.model import Review
from handoutkit.registry import discover
from tests import pdfchecks
from tests.pdf_support import REPO, first_paragraph, render, replace_block, translated, with_text, write


def text_of(path: Path) -> str:
    return pdfchecks.document_text(path)


def test_importing_the_exporter_imports_no_weasyprint_pikepdf_or_fonttools() -> None:
    code = "import sys, exporters.pdf; print([m for m in ('weasyprint', 'pikepdf', 'fontTools') if m in sys.modules])"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert result.stdout.strip() == "[]"


def test_the_registry_finds_the_exporter() -> None:
    exporters, problems = discover()
    assert problems == []
    assert exporters["pdf"].suffixes == (".pdf",)


def test_every_interface_word_the_pdf_prints_is_a_declared_ui_message() -> None:
    from exporters.pdf.page import PAGE_NUMBER
    from handoutkit.notices import LINK_MESSAGES, UNREVIEWED
    from handoutkit.ui import CORE_UI_MESSAGES

    declared = {m.msgid for m in CORE_UI_MESSAGES + PdfExporter.ui_messages}
    used = {PAGE_NUMBER, UNREVIEWED, "Contact us", "Main message", "Contents", "References"}
    used |= {message for message, _ in LINK_MESSAGES.values()}
    assert used <= declared


def test_render_returns_one_pdf_1_7_file() -> None:
    doc, ctx = translated("es")
    (output,) = PdfExporter().render(doc, ctx)
    assert output.suffix == ".pdf"
    assert output.data.startswith(b"%PDF-1.7")


def test_the_same_inputs_give_byte_identical_pdfs() -> None:
    doc, ctx = translated("ar")
    assert render(doc, ctx) == render(doc, ctx)


def test_dates_come_from_the_document_not_the_clock(tmp_path: Path) -> None:
    doc, ctx = translated("vi")
    doc = dataclasses.replace(doc, revised=dt.datetime(2026, 10, 2, 9, 0, tzinfo=dt.UTC))
    with pikepdf.open(write(tmp_path, render(doc, ctx))) as pdf:
        assert str(pdf.docinfo["/CreationDate"]) == "D:20261001"
        assert str(pdf.docinfo["/ModDate"]) == "D:20261002090000+00'00"


def test_window_title_and_description_are_the_translated_title_and_summary(tmp_path: Path) -> None:
    doc, ctx = translated("zh-Hans")
    assert doc.meta.summary is not None
    with pikepdf.open(write(tmp_path, render(doc, ctx))) as pdf:
        assert str(pdf.docinfo["/Title"]) == doc.meta.title.text == "在家服用止痛药"
        assert str(pdf.docinfo["/Subject"]) == doc.meta.summary.text
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True


def test_arabic_page_is_right_to_left() -> None:
    doc, ctx = translated("ar")
    html = render_html(page_content(doc, ctx, AssetRequests(ctx.assets)))
    assert '<html lang="ar" dir="rtl">' in html


def test_a_block_left_in_english_is_tagged_english(tmp_path: Path) -> None:
    doc, ctx = translated("ar")
    english, _ = translated("en")
    doc = replace_block(doc, first_paragraph(doc), first_paragraph(english))
    html = render_html(page_content(doc, ctx, AssetRequests(ctx.assets)))
    # (this paragraph introduces a list, so it also carries the class that keeps it with the list)
    assert '<p class="lead-in" lang="en" dir="ltr">Your doctor may give you' in html
    path = write(tmp_path, render(doc, ctx))
    assert pdfchecks.all_failures(path, "ar") == []
    paragraph = first_paragraph(english).content.text
    assert pdfchecks.language_failures(path, [(paragraph, "en")]) == []


def test_summary_comes_first_after_the_title(tmp_path: Path) -> None:
    doc, ctx = translated("es")
    text = text_of(write(tmp_path, render(doc, ctx)))
    order = ["Cómo tomar los", "Mensaje principal", "Tome su medicamento", "Cómo tomar su medicamento"]
    positions = [text.index(words) for words in order]
    assert positions == sorted(positions)


def test_unreviewed_handout_says_so_in_its_language(tmp_path: Path) -> None:
    doc, ctx = translated("es")
    assert "Todavía no lo ha revisado un revisor calificado." in text_of(write(tmp_path, render(doc, ctx)))


def test_reviewed_handout_names_its_reviewers(tmp_path: Path) -> None:
    doc, ctx = translated("es")
    review = Review("Dr. Ana Ruiz", dt.date(2026, 10, 5), "Luis Gómez", dt.date(2026, 10, 6), is_translation=True)
    text = text_of(write(tmp_path, render(dataclasses.replace(doc, review=review), ctx)))
    assert "Contenido médico revisado por Dr. Ana Ruiz el 5 de octubre de 2026." in text
    assert "Traducción revisada por Luis Gómez el 6 de octubre de 2026." in text
    assert "revisor calificado" not in text


def test_contact_details_close_the_handout(tmp_path: Path) -> None:
    doc, ctx = translated("es")
    text = text_of(write(tmp_path, render(doc, ctx)))
    assert text.rindex("Contáctenos") > text.index("Referencias")
    assert "¿Preguntas? Llame a Fixture Clinic al +1 (555) 010-0199." in text
    assert "Sitio web: https://clinic.example/pain" in text


def test_the_build_works_without_an_organization(tmp_path: Path) -> None:
    doc, ctx = translated("es")
    ctx = dataclasses.replace(ctx, settings=dataclasses.replace(ctx.settings, organization=Organization()))
    text = text_of(write(tmp_path, render(doc, ctx)))
    assert "Fixture Clinic" not in text
    assert "Contáctenos" not in text


def test_a_link_prints_its_address(tmp_path: Path) -> None:
    doc, ctx = translated("es")
    text = text_of(write(tmp_path, render(doc, ctx))).replace(" ", "")  # the address wraps
    assert "cancer.org(Enlace:https://www.cancer.org/cancer/managing-cancer/side-effects/pain.html)" in text


@pytest.mark.parametrize("size", [20, 24])
def test_body_size_option_raises_every_glyph(tmp_path: Path, size: int) -> None:
    doc, ctx = translated("vi")
    settings = ctx.settings.with_options(PdfOptions(body_size=size))
    path = write(tmp_path, render(doc, dataclasses.replace(ctx, settings=settings)))
    assert pdfchecks.size_failures(path, size) == []
    assert pdfchecks.edge_failures(path) == []


def test_a4_page_size_and_double_line_spacing(tmp_path: Path) -> None:
    doc, ctx = translated("zh-Hans")
    settings = ctx.settings.with_options(PdfOptions(page_size="a4", line_spacing=2.0))
    path = write(tmp_path, render(doc, dataclasses.replace(ctx, settings=settings)))
    with pikepdf.open(path) as pdf:
        assert [round(float(v)) for v in pdf.pages[0].mediabox] == [0, 0, 595, 842]
    assert pdfchecks.line_spacing_failures(path, 2.0) == []
    assert pdfchecks.edge_failures(path) == []


def test_options_below_the_standard_are_clamped_to_it(tmp_path: Path) -> None:
    doc, ctx = translated("en")
    settings = ctx.settings.with_options(PdfOptions(body_size=12, line_spacing=1.0))
    path = write(tmp_path, render(doc, dataclasses.replace(ctx, settings=settings)))
    assert pdfchecks.size_failures(path, 18) == []
    assert pdfchecks.line_spacing_failures(path, 1.15) == []


def test_check_finds_nothing_wrong_with_the_fixture() -> None:
    for lang in ("en", "es", "vi", "zh-Hans", "ar"):
        doc, ctx = translated(lang)
        assert PdfExporter().check(doc, ctx) == []


def test_translated_text_is_data_never_template_code(tmp_path: Path) -> None:
    doc, ctx = translated("es")
    paragraph = first_paragraph(doc)
    hostile_text = with_text(paragraph.content, "{{ 7*7 }} <script>alert(1)</script>")
    hostile = dataclasses.replace(paragraph, content=hostile_text)
    title = with_text(doc.meta.title, "{% raw %}{{ config }}")
    doc = dataclasses.replace(replace_block(doc, paragraph, hostile), meta=dataclasses.replace(doc.meta, title=title))
    path = write(tmp_path, render(doc, ctx))
    text = text_of(path)
    assert "{{ 7*7 }} <script>alert(1)</script>" in text
    assert "{% raw %}{{ config }}" in text
    assert "49" not in text
    with pikepdf.open(path) as pdf:
        assert pdf.docinfo["/Title"] == "{% raw %}{{ config }}"


def test_interface_words_cannot_break_out_of_the_stylesheet(tmp_path: Path) -> None:
    doc, ctx = translated("es")
    hostile = 'Página {page} de {pages}"; } body { display: none } @page { @top-left { content: "x'
    ui = dataclasses.replace(ctx.ui, translations={**ctx.ui.translations, "Page {page} of {pages}": hostile})
    path = write(tmp_path, render(doc, dataclasses.replace(ctx, ui=ui)))
    assert pdfchecks.page_number_failures(path, hostile) == []
    assert "Cómo tomar su medicamento" in text_of(path)

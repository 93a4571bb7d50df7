"""Language of parts in the tag tree: every structure element in another language than the document
gets /Lang (WeasyPrint 70 writes none), found through the text colour that marks each language
(exporters/pdf/languages.py), and the marks leave no trace on the page."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pikepdf
import pypdfium2
import pytest
from markupsafe import Markup

from exporters.pdf.languages import LanguageMarks, tag_languages
from exporters.pdf.render import capture_weasyprint_log
from tests import pdfchecks
from tests.pdf_support import foreign_parts, images, printed, render, replace_block, translated, write


def render_without(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, lang: str, *, marks: bool, tags: bool) -> Path:
    """The fixture in ``lang`` rendered without the language marks in its stylesheet and/or without
    the /Lang pass."""
    if not marks:
        monkeypatch.setattr(LanguageMarks, "css", lambda self: Markup(""))
    if not tags:
        monkeypatch.setattr("exporters.pdf.postprocess.tag_languages", lambda pdf, languages: None)
    doc, ctx = translated(lang)
    return write(tmp_path, render(doc, ctx), f"{lang}-marks-{marks}-tags-{tags}.pdf")


@pytest.fixture(scope="module")
def tagged(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("tagged")
    return {lang: write(folder, render(*translated(lang)), f"{lang}.pdf") for lang in ("ar", "vi")}


def lang_of(path: Path, text: str) -> list[tuple[str, str]]:
    """(type, /Lang) of the structure elements with /Lang whose text holds ``text``."""
    wanted = text.replace(" ", "")
    return [
        (e.type, str(e.obj.Lang))
        for e in pdfchecks.structure(path).walk()
        if "/Lang" in e.obj and wanted in pdfchecks.element_text(path, e).replace(" ", "")
    ]


def test_each_language_gets_a_colour_of_its_own_and_the_documents_is_black() -> None:
    marks = LanguageMarks.of(["zh-Hans", "en", "zh"])
    assert marks.css().splitlines() == [
        ":lang(en) { color: rgb(0, 0, 1) !important; }",
        ":lang(zh) { color: rgb(0, 0, 2) !important; }",
        ":lang(zh-Hans) { color: rgb(0, 0, 0) !important; }",
    ]
    assert [marks.language((0, 0, k / 255)) for k in range(3)] == ["zh-Hans", "en", "zh"]
    assert marks.language((0, 0, 3 / 255)) is None and marks.language((0.8, 0, 0)) is None
    assert LanguageMarks.of(["es"]).css() == ""


@pytest.mark.parametrize("tags", [["en_US"], ["en", "x); } body { display: none"], []])
def test_a_tag_that_is_no_bcp_47_tag_is_refused(tags: list[str]) -> None:
    with pytest.raises(ValueError, match="BCP 47"):
        LanguageMarks.of(tags)


def test_english_reference_titles_and_the_organizations_name_are_tagged_english(tagged: dict[str, Path]) -> None:
    parts = foreign_parts(printed(*translated("ar")))
    assert {("Cancer Pain", "en"), ("American Cancer Society", "en"), ("Fixture Clinic", "en")} <= set(parts)
    assert pdfchecks.language_failures(tagged["ar"], parts) == []
    assert ("Span", "en") in lang_of(tagged["ar"], "Cancer Pain")
    assert ("P", "en") in lang_of(tagged["ar"], "Fixture Clinic")  # the masthead's name line


def test_a_block_left_untranslated_is_tagged_in_the_source_language(tagged: dict[str, Path]) -> None:
    """The Vietnamese catalog has no entry for one list item: it prints in English, tagged English."""
    parts = foreign_parts(printed(*translated("vi")))
    assert ("Walk a little every day, if you can.", "en") in parts
    assert pdfchecks.language_failures(tagged["vi"], parts) == []
    assert lang_of(tagged["vi"], "Walk a little every day, if you can.") == [("LI", "en")]


@pytest.mark.parametrize("lang", ["ar", "vi"])
def test_without_the_language_pass_the_check_finds_the_parts_untagged(
    lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parts = foreign_parts(printed(*translated(lang)))
    untagged = render_without(monkeypatch, tmp_path, lang, marks=True, tags=False)
    failures = pdfchecks.language_failures(untagged, parts)
    assert len(failures) == len(set(parts))
    assert all(str(e.obj.get("/Lang", "")) == "" for e in pdfchecks.structure(untagged).walk())


def test_an_untranslated_image_description_gives_its_figure_the_source_language(tmp_path: Path) -> None:
    doc, ctx = translated("ar")
    english, _ = translated("en")
    chart, english_chart = images(doc)[0], images(english)[0]
    doc = replace_block(doc, chart, dataclasses.replace(chart, alt=english_chart.alt))
    path = write(tmp_path, render(doc, ctx))
    figures = [e for e in pdfchecks.structure(path).walk() if e.type == "Figure"]
    assert [(str(e.obj.Alt), _inherited_lang(e.obj)) for e in figures] == [(english_chart.alt.text, "en")]


def _inherited_lang(element) -> str:
    """The /Lang a reader applies to a structure element: its own, else its nearest ancestor's."""
    while element is not None and "/S" in element:
        if "/Lang" in element:
            return str(element.Lang)
        element = element.get("/P")
    return ""


def test_the_marks_leave_no_trace_on_the_page(
    tagged: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every page prints exactly as it does from a stylesheet without the marks, and only black text."""
    black = render_without(monkeypatch, tmp_path, "ar", marks=False, tags=True)
    marked, plain = pypdfium2.PdfDocument(str(tagged["ar"])), pypdfium2.PdfDocument(str(black))
    try:
        assert len(marked) == len(plain)
        for index in range(len(marked)):
            a = marked[index].render(scale=1).to_pil().tobytes()
            b = plain[index].render(scale=1).to_pil().tobytes()
            assert a == b, f"page {index + 1} differs"
    finally:
        marked.close()
        plain.close()
    assert pdfchecks.color_failures(tagged["ar"]) == []


def test_the_language_pass_adds_lang_and_changes_no_structure(
    tagged: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    untagged = render_without(monkeypatch, tmp_path, "ar", marks=True, tags=False)

    def shape(path: Path) -> list[tuple[str, list[tuple[int, int]]]]:
        return [(e.type, e.mcids) for e in pdfchecks.structure(path).walk()]

    assert shape(tagged["ar"]) == shape(untagged)
    assert pdfchecks.marked_content_failures(tagged["ar"]) == []


def test_text_painted_in_a_colour_that_marks_no_language_is_an_error(tmp_path: Path) -> None:
    from weasyprint import CSS, HTML

    marks = LanguageMarks.of(["en", "es"])
    body = '<p>one <span lang="es">dos</span> three</p>'
    html = f'<html lang="en"><head><title>t</title></head><body>{body}</body></html>'
    css = marks.css() + " span[lang] { color: #c00 !important }"  # more specific than the mark
    with capture_weasyprint_log():
        data = HTML(string=html).write_pdf(stylesheets=[CSS(string=css)], pdf_variant="pdf/ua-1")
    with pikepdf.open(write(tmp_path, data)) as pdf, pytest.raises(ValueError, match="marks no language"):
        tag_languages(pdf, marks)

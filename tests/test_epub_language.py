"""Language and direction in the EPUB books: package, pages, right-to-left, and partial translations."""

from __future__ import annotations

import dataclasses
import io
import zipfile

from lxml import etree
from markupsafe import Markup

from exporters.epub.assemble import handout_book
from exporters.epub.package import finish_opf
from exporters.epub.readback import NS, XML_LANG, book_problems, read_epub
from exporters.epub.xhtml import label_html, nav_body
from handoutkit.model import Link, List, ListItem, Origin, Span, Strong, Text, TextUnit
from handoutkit.present.html import HtmlOptions, blocks_html
from tests.test_epub_books import LANGS, collection, context, document, handout, handout_epub

XHTML = "{http://www.w3.org/1999/xhtml}"


def test_the_package_carries_the_books_language_as_xml_lang() -> None:
    for lang in LANGS:
        book = handout("eating", lang)
        assert book.opf.get(XML_LANG) == lang
        assert book.dc("language") == [lang]


def test_finish_opf_adds_xml_lang_that_ebooklib_leaves_out() -> None:
    opf = b'<package xmlns="http://www.idpf.org/2007/opf" version="3.0"><spine toc="ncx"/></package>'
    finished = finish_opf(opf, "zh-Hans")
    assert b'xml:lang="zh-Hans"' in finished
    assert b'toc="ncx"' not in finished


def test_the_own_checks_report_a_book_language_they_do_not_know() -> None:
    source, out = zipfile.ZipFile(io.BytesIO(handout_epub("eating", "en"))), io.BytesIO()
    with source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith(".opf"):
                data = data.replace(b"<dc:language>en</dc:language>", b"<dc:language>qx</dc:language>")
            target.writestr(info, data)
    assert "dc:language 'qx' is not a known language" in book_problems(read_epub(out.getvalue()))


def test_every_page_root_has_lang_and_xml_lang_of_the_book() -> None:
    for book in (handout("breathing", "zh-Hans"), collection("vi")):
        lang = book.dc("language")[0]
        for path in book.content_documents():
            root = book.xhtml(path)
            assert (root.get("lang"), root.get(XML_LANG)) == (lang, lang), path


def test_arabic_pages_are_right_to_left_and_so_is_the_spine() -> None:
    for book in (handout("breathing", "ar"), collection("ar")):
        assert book.opf.xpath("string(opf:spine/@page-progression-direction)", namespaces=NS) == "rtl"
        for path in book.content_documents():
            assert book.xhtml(path).get("dir") == "rtl", path


def test_left_to_right_books_declare_no_page_progression() -> None:
    assert handout("breathing", "es").opf.xpath("opf:spine/@page-progression-direction", namespaces=NS) == []


def test_an_untranslated_paragraph_is_tagged_with_the_source_language() -> None:
    section = handout("breathing", "vi").xhtml("EPUB/section-02.xhtml")
    english = [p for p in section.iter(f"{XHTML}p") if p.get("lang") == "en"]
    assert len(english) == 1
    assert "".join(english[0].itertext()).startswith("Our nurses answer the phone day and night")
    assert english[0].get(XML_LANG) == "en"
    assert english[0].get("dir") == "ltr"


def test_untranslated_references_in_an_arabic_book_are_tagged_english_and_left_to_right() -> None:
    items = handout("breathing", "ar").xhtml("EPUB/references.xhtml").iter(f"{XHTML}li")
    assert [(li.get("lang"), li.get(XML_LANG), li.get("dir")) for li in items] == [("en", "en", "ltr")] * 2


def test_translated_text_carries_no_extra_language_tags() -> None:
    section = handout("breathing", "es").xhtml("EPUB/section-01.xhtml")
    assert [e for e in section.iter() if e.get("lang") and e.tag != f"{XHTML}html"] == []


def test_table_of_contents_entries_in_another_language_are_tagged() -> None:
    ctx = context("ar")
    ui = dataclasses.replace(ctx.ui, translations={k: v for k, v in ctx.ui.translations.items() if k != "References"})
    book = handout_book(document("eating", "ar"), dataclasses.replace(ctx, ui=ui))
    nav = nav_body(book)
    assert '<a href="references.xhtml" lang="en" xml:lang="en" dir="ltr">References</a>' in nav
    assert '<a href="section-01.xhtml">وجبات صغيرة</a>' in nav


def test_a_missing_ui_translation_is_tagged_with_the_language_it_falls_back_to() -> None:
    ctx = context("es")
    ui = dataclasses.replace(ctx.ui, translations={k: v for k, v in ctx.ui.translations.items() if k != "Contact us"})
    book = handout("eating", "es")  # built with the full catalog: the heading is Spanish
    assert book.xhtml("EPUB/contact.xhtml").find(f".//{XHTML}h2").get("lang") is None
    rebuilt = handout_book(document("eating", "es"), dataclasses.replace(ctx, ui=ui))
    contact = next(p for p in rebuilt.pages if p.file_name == "contact.xhtml")
    assert '<h2 id="contact" lang="en" xml:lang="en" dir="ltr">Contact us</h2>' in contact.body


def test_the_accessibility_summary_is_in_the_books_language() -> None:
    summary = handout("breathing", "vi").meta("schema:accessibilitySummary")
    assert summary[0].text.startswith("Một đợt đánh giá cho thấy cuốn sách này đáp ứng EPUB Accessibility 1.1")
    assert summary[0].get(XML_LANG) is None  # the package's xml:lang (vi) applies
    (chinese,) = handout("breathing", "zh-Hans").values("schema:accessibilitySummary")
    assert chinese.endswith("也不显示 PDF 版本的页码。")


def test_nested_blocks_inherit_the_language_of_their_list_item() -> None:
    def unit(text: str, lang: str) -> TextUnit:
        return TextUnit(text, (Text(text),), lang, Origin("source/x.md", 1), "list-item")

    inner = List(False, (ListItem(unit("Cuente hasta dos.", "es")),))
    outer = List(False, (ListItem(unit("Breathe slowly.", "en"), (inner,)),))
    html = blocks_html((outer,), HtmlOptions("es", image=lambda image: "", xhtml=True))
    assert '<li lang="en" xml:lang="en" dir="ltr">Breathe slowly.' in html
    assert '<li lang="es" xml:lang="es" dir="ltr">Cuente hasta dos.</li>' in html


def _tagged(book_page: etree._Element, lang: str) -> list[etree._Element]:
    return [span for span in book_page.iter(f"{XHTML}span") if span.get("lang") == lang]


def test_words_a_translation_marks_as_english_are_tagged_english() -> None:
    for lang in ("es", "ar"):
        spans = _tagged(handout("eating", lang).xhtml("EPUB/references.xhtml"), "en")
        assert "What Should I Eat During Treatment?" in ["".join(span.itertext()) for span in spans], lang
        assert {(span.get(XML_LANG), span.get("dir")) for span in spans} == {("en", "ltr")}, lang


def test_the_organizations_name_in_a_translated_contact_line_is_tagged_with_its_language() -> None:
    (span,) = _tagged(handout("eating", "vi").xhtml("EPUB/contact.xhtml"), "en")
    assert ("".join(span.itertext()), span.get(XML_LANG)) == (context("vi").settings.organization.name, "en")


def test_a_contents_label_keeps_the_language_of_its_parts_and_drops_links_and_emphasis() -> None:
    words = (Strong((Text("Llame a "),)), Link("tel:+15550100", (Span("en", (Text("Riverside"),)),)))
    heading = TextUnit("Call [Riverside](tel:+15550100)", words, "es", Origin("source/x.md", 3), "heading")
    label = label_html(heading, HtmlOptions("es", image=lambda image: Markup(""), xhtml=True))
    assert label == 'Llame a <span lang="en" xml:lang="en" dir="ltr">Riverside</span>'

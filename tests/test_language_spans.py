"""Language of parts (WCAG 3.1.2): ``[words]{lang=xx}`` in a source or a msgstr marks a phrase's language."""

from __future__ import annotations

from pathlib import Path

import pytest

from handoutkit.errors import ProblemError
from handoutkit.i18n.messages import document_messages
from handoutkit.i18n.po import read_catalog
from handoutkit.i18n.translate import translate_document
from handoutkit.languages import parse_language
from handoutkit.model import Origin, Span, Text
from handoutkit.reader import read_document
from handoutkit.walk import document_units, iter_inlines

SPANS = Path(__file__).parent / "data" / "spans"


def spans_of(unit) -> list[tuple[str, str]]:
    return [
        (n.lang, "".join(c.text for c in n.children if isinstance(c, Text)))
        for n in iter_inlines(unit.inlines)
        if isinstance(n, Span)
    ]


@pytest.fixture(scope="module")
def doc():
    return read_document(SPANS, "spans", "en")


def test_a_span_in_markdown_text_becomes_a_span_with_its_normalized_tag(doc):
    units = {unit.msgid: unit for unit in document_units(doc)}
    paragraph = units["The French say [bonjour]{lang=fr} and the Chinese say [你好]{lang=zh_Hans}."]
    assert spans_of(paragraph) == [("fr", "bonjour"), ("zh-Hans", "你好")]
    assert paragraph.text == "The French say bonjour and the Chinese say 你好."


def test_plain_text_units_take_spans_too_and_keep_every_other_character(doc):
    assert spans_of(doc.meta.title) == [("fr", "elsewhere")]
    reference = doc.meta.references[0].text
    assert spans_of(reference) == [("fr", "Ce que vous devez savoir")]
    assert reference.text == "Agency (2020). Ce que vous devez savoir."


def test_an_invalid_tag_or_another_attribute_is_an_error_with_file_and_line():
    with pytest.raises(ProblemError) as raised:
        read_document(SPANS, "bad-span", "en")
    messages = [str(problem) for problem in raised.value.problems]
    assert len(messages) == 7
    assert messages[0].startswith("source/bad-span.md:7: error: span: unknown language code: 'qq'")
    assert messages[1].startswith("source/bad-span.md:9: error: a bracketed span takes exactly one attribute")
    assert messages[2].startswith("source/bad-span.md:11: error: '{lang=xx-!!}' could not be read as a language span")
    assert messages[3].startswith("source/bad-span.md:13: error: '{lang=en}' could not be read as a language span")
    assert messages[4].startswith("source/bad-span.md:15: error: '{lang=en}' could not be read as a language span")
    assert messages[5].startswith("source/bad-span.md:17: error: an empty span")
    assert messages[6].startswith("source/bad-span.md:19: error: U+202E RIGHT-TO-LEFT OVERRIDE is not allowed")


def test_a_translation_may_add_or_drop_spans_but_not_use_a_bad_tag(doc):
    catalog = read_catalog(SPANS / "catalogs" / "spans.po", "locales/es/LC_MESSAGES/spans.po")
    result = translate_document(doc, catalog, parse_language("es"))
    translated = result.document
    assert translated.meta.title.text == "Palabras de otro lugar" and spans_of(translated.meta.title) == []
    heading = next(u for u in document_units(translated) if u.msgid == "A heading")
    assert spans_of(heading) == [("en", "heading")] and heading.lang == "es"
    [problem] = result.problems
    assert str(problem).startswith("locales/es/LC_MESSAGES/spans.po:14: warning: translation rejected: span:")
    assert "klingon-x" in problem.message


def test_a_heading_inside_a_list_item_gets_its_real_level_in_the_translators_note(doc):
    notes = {message.msgid: message.comment for message in document_messages(doc)}
    assert notes["A heading inside a list item"].startswith("Heading, level 3.")
    assert notes["A heading"].startswith("Heading, level 2.")


def test_a_link_inside_a_span_has_its_address_after_the_span_in_the_texts_language():
    from handoutkit.inline import parse_inline
    from handoutkit.languages import parse_language
    from handoutkit.model import Isolate, Link
    from handoutkit.present.phrases import Phrasebook
    from handoutkit.ui import UiText

    arabic = parse_language("ar")
    ui = UiText(arabic, parse_language("en"), {"{text} (Link: {address})": "{text} (الرابط: {address})"})
    book = Phrasebook(ui, arabic, {}, Origin("ui.po", 0), "every")
    inlines = book.prepare(parse_inline("اقرأ [[What Is Lung Cancer?](https://example.org/x)]{lang=en} اليوم"), "ar")
    [isolate] = [n for n in inlines if isinstance(n, Isolate)]
    span = isolate.children[0]
    assert isinstance(span, Span) and span.lang == "en"
    assert [n for n in iter_inlines(span.children) if isinstance(n, Text)] == [Text("What Is Lung Cancer?")]
    after = inlines[inlines.index(isolate) + 1 :]
    assert "الرابط" in "".join(n.text for n in iter_inlines(after) if isinstance(n, Text))
    assert [n.target for n in iter_inlines(after) if isinstance(n, Link)] == ["https://example.org/x"]


def test_a_phone_number_in_arabic_indic_digits_dials_as_digits():
    from handoutkit.notices import tel_uri

    assert tel_uri("(٥٠٣) ٥٥٥-٠١٤٧") == "tel:5035550147"

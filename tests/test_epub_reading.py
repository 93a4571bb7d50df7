"""Read as a reader would, a book holds the whole handout in order, with nothing lost against the source."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from exporters.epub.readback import EpubFile, reading_text
from handoutkit.context import RenderContext
from handoutkit.model import Document
from handoutkit.present.view import handout_view
from handoutkit.walk import document_units, link_targets
from tests.test_epub_books import LANGS, SLUGS, collection, context, document, handout

FRONT_MATTER = frozenset({"title", "summary", "sms", "reference"})
"""Unit kinds that are not in the body: the book shows them in its own places (or not at all)."""


def document_words(doc: Document, ctx: RenderContext) -> list[str]:
    """What a reader must meet of one handout, in order: title, main message, the notices of its view
    (review status, last update), body, references."""
    words = [doc.meta.title.text]
    if doc.meta.summary is not None:
        words += [ctx.ui("Main message"), doc.meta.summary.text]
    words += [notice.words.text for notice in handout_view(doc, ctx).notices]
    words += [
        f"[{unit.text}]" if unit.kind == "image-description" else unit.text
        for unit in document_units(doc)
        if unit.kind not in FRONT_MATTER
    ]
    if doc.meta.references:
        words.append(ctx.ui("References"))
        words += [reference.text.text for reference in doc.meta.references]
    return words


def contact_words(doc: Document, ctx: RenderContext) -> list[str]:
    """The contact lines the view of ``doc`` gives (the same for every handout of a language)."""
    return [line.text for line in handout_view(doc, ctx).contact]


def document_links(doc: Document) -> set[str]:
    """Every address the handout links to, references included."""
    found = {target for unit in document_units(doc) for target in link_targets(unit.inlines)}
    return found | {reference.link for reference in doc.meta.references if reference.link}


def assert_in_order(text: str, words: Sequence[str]) -> None:
    """Each of ``words`` occurs in ``text``, each after the one before."""
    position = 0
    for word in words:
        needle = " ".join(word.split())
        found = text.find(needle, position)
        assert found >= 0, f"missing or out of order: {needle!r} (after character {position})"
        position = found + len(needle)


def book_hrefs(book: EpubFile) -> set[str]:
    return {
        a.get("href")
        for path, _ in book.spine()
        for a in book.xhtml(path).iter("{http://www.w3.org/1999/xhtml}a")
        if a.get("href")
    }


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("lang", LANGS)
def test_a_handout_book_reads_as_the_whole_handout_in_order(slug: str, lang: str) -> None:
    doc, ctx = document(slug, lang), context(lang)
    assert_in_order(reading_text(handout(slug, lang)), document_words(doc, ctx) + contact_words(doc, ctx))


@pytest.mark.parametrize("lang", LANGS)
def test_a_collection_reads_as_every_handout_in_order(lang: str) -> None:
    ctx = context(lang)
    words = [ctx.ui(ctx.config.collection_title)]
    for slug in SLUGS:
        words += document_words(document(slug, lang), ctx)
    assert_in_order(reading_text(collection(lang)), words + contact_words(document(SLUGS[0], lang), ctx))


def test_the_reading_begins_with_the_cover_then_the_organization_title_and_main_message() -> None:
    text = reading_text(handout("breathing", "es"))
    assert text.startswith(
        "[Falta de aire en casa] Riverside Community Clinic Falta de aire en casa "
        "Mensaje principal Sentir falta de aire"
    )


@pytest.mark.parametrize("lang", LANGS)
def test_every_link_of_the_handout_is_in_the_book(lang: str) -> None:
    hrefs = book_hrefs(handout("breathing", lang))
    assert document_links(document("breathing", lang)) <= hrefs
    assert {"tel:+15550100", "https://clinic.example"} <= hrefs


def test_the_order_check_notices_missing_and_swapped_text() -> None:
    with pytest.raises(AssertionError):
        assert_in_order("first second", ["second", "first"])
    with pytest.raises(AssertionError):
        assert_in_order("first second", ["third"])

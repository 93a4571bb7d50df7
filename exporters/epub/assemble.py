"""From documents to a :class:`~exporters.epub.book.Book`: one handout, or a collection of them.

A handout's pages come from its view (:func:`handoutkit.present.view.handout_view`, built once per
book) in the view's order; a book adds its cover first, the contents page after the first page and the
view's contact page last. A collection has a cover and a title page of its own, the contents, then each
handout as a part (its headings one level down), and the contact page once at the end.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import replace
from importlib.resources import files

from exporters.epub.book import Book, Landmark, NavEntry, Page, Resource
from exporters.epub.contact import CONTACT_PAGE, contact_page
from exporters.epub.cover import COVER_PAGE, cover_image, cover_page
from exporters.epub.images import ImageStore
from exporters.epub.messages import (
    A11Y_CLAIM,
    A11Y_IMAGES,
    A11Y_LIMITS,
    A11Y_RTL,
    A11Y_SUMMARY,
    CONTENTS,
    COVER,
    LANDMARKS,
    REFERENCES,
    START,
)
from exporters.epub.metadata import a11y_metadata, book_identifier, collection_identifier, modified
from exporters.epub.options import EpubOptions
from exporters.epub.pages import document_pages
from exporters.epub.xhtml import NAV_PAGE, STYLESHEET, heading_html, label_html, section_html
from handoutkit.context import RenderContext
from handoutkit.model import Document
from handoutkit.present.html import HtmlOptions
from handoutkit.present.view import handout_view

__all__ = ["certifier", "collection_book", "handout_book"]


def certifier(ctx: RenderContext) -> str:
    """Who evaluated the books' accessibility (``[epub] certified_by``); empty: the books claim no conformance.

    Never the organization's name by default: a conformance claim needs someone who evaluated the books.
    """
    return ctx.options(EpubOptions).certified_by.strip()


@functools.cache
def _stylesheet() -> Resource:
    """The style sheet every book carries, read from the package once per process."""
    return Resource(STYLESHEET, "text/css", files("exporters.epub").joinpath("style.css").read_bytes())


def _summary(ctx: RenderContext, *, informative_images: bool, claimed: bool) -> tuple[str, str]:
    """The accessibility summary in the book's language (in the source language if a sentence is missing):
    the conformance claim if one is made, what a reader can rely on, then what is known not to work."""
    ui = ctx.ui
    messages = [
        *([A11Y_CLAIM] if claimed else []),
        A11Y_SUMMARY,
        *([A11Y_IMAGES] if informative_images else []),
        A11Y_LIMITS,
        *([A11Y_RTL] if ctx.direction == "rtl" else []),
    ]
    langs = {ui.lang(message) for message in messages}
    if len(langs) == 1:
        sentences, lang = [ui(message) for message in messages], langs.pop()
    else:
        sentences, lang = messages, ui.source_language.tag
    text = ""
    for sentence in sentences:
        text += sentence if not text or text.endswith(("。", "！", "？")) else " " + sentence
    return text, lang


def _book(
    ctx: RenderContext,
    *,
    docs: Sequence[Document],
    identifier: str,
    title: tuple[str, str],
    seed: str,
    description: tuple[str, str],
    pages: list[Page],
    toc: list[NavEntry],
    start: str,
    references: str | None,
    contact: Page | None,
    images: ImageStore,
) -> Book:
    """The parts every book shares around its content pages: cover, landmarks, metadata.

    The contents page follows the first of ``pages`` and ``contact`` (whose entry ``toc`` already
    holds) closes the book; ``start`` is where the reading starts and ``references`` the references
    page, if the book has one.
    """
    lang = ctx.language.tag
    certified_by = certifier(ctx)

    def landmark(epub_type: str, msgid: str, href: str) -> Landmark:
        return Landmark(epub_type, ctx.ui(msgid), ctx.ui.lang(msgid), href)

    landmarks = [
        landmark("cover", COVER, COVER_PAGE),
        landmark("toc", CONTENTS, f"{NAV_PAGE}#toc"),
        landmark("bodymatter", START, start),
    ]
    if references is not None:
        landmarks.append(landmark("bibliography", REFERENCES, references))
    cover = cover_page(title[0], title[1], ctx.ui(COVER), ctx.ui.lang(COVER), lang)
    summary, summary_lang = _summary(ctx, informative_images=images.informative, claimed=bool(certified_by))
    return Book(
        identifier=identifier,
        title=title[0],
        title_lang=title[1],
        lang=lang,
        direction=ctx.direction,
        modified=modified(docs),
        description=description[0],
        description_lang=description[1],
        publisher=ctx.settings.publisher,
        rights=ctx.settings.rights,
        a11y=a11y_metadata(
            informative_images=images.informative,
            summary=summary,
            summary_lang=summary_lang,
            certified_by=certified_by,
        ),
        pages=(cover, *pages, *([contact] if contact else [])),
        nav_after=pages[0].file_name,
        resources=(cover_image(title[0], title[1], seed), _stylesheet(), *images.resources),
        toc=tuple(toc),
        landmarks=tuple(landmarks),
        nav_title=ctx.ui(CONTENTS),
        nav_title_lang=ctx.ui.lang(CONTENTS),
        landmarks_title=ctx.ui(LANDMARKS),
        landmarks_title_lang=ctx.ui.lang(LANDMARKS),
    )


def _options(ctx: RenderContext, images: ImageStore) -> HtmlOptions:
    """How the book's own pages (the collection's title page, the contact page) want their XHTML."""
    return HtmlOptions(ctx.language.tag, image=images.html, xhtml=True)


def handout_book(doc: Document, ctx: RenderContext) -> Book:
    """The book of one handout in one language."""
    images = ImageStore(ctx.assets, ctx.language.tag)
    view = handout_view(doc, ctx, addresses="none")  # e-readers follow links: no address spelled out
    parts = document_pages(view, images, prefix="", shift=0)
    summary = view.main_message
    return _book(
        ctx,
        docs=[doc],
        identifier=book_identifier(doc.slug, ctx.language.tag),
        title=(view.title.text, view.title.lang),
        seed=doc.slug,
        description=(summary.text, summary.lang) if summary else ("", ctx.language.tag),
        pages=list(parts.pages),
        toc=[NavEntry(parts.toc.label, parts.toc.lang, parts.toc.href), *parts.toc.children],
        start=parts.pages[0].file_name,
        references=parts.references,
        contact=contact_page(view, _options(ctx, images)),
        images=images,
    )


def _without_contact(entry: NavEntry) -> NavEntry:
    """A part's contents entry without its contact entry: the collection has one, at its end."""
    return replace(entry, children=tuple(child for child in entry.children if child.href != CONTACT_PAGE))


def collection_book(docs: Sequence[Document], ctx: RenderContext) -> Book:
    """The book holding every handout of one language (at least one), each as a part."""
    if not docs:
        raise ValueError("a collection book needs at least one handout")
    lang = ctx.language.tag
    images = ImageStore(ctx.assets, lang)
    options = _options(ctx, images)
    views = [handout_view(doc, ctx, addresses="none") for doc in docs]
    title = views[0].phrases.say(ctx.config.collection_title)
    title_page = Page(
        "collection.xhtml", title.text, title.lang, section_html("title", heading_html(1, "title", title, options))
    )
    parts = [document_pages(view, images, prefix=f"d{n:02d}-", shift=1) for n, view in enumerate(views, start=1)]
    contact_entries = [entry for entry in parts[0].toc.children if entry.href == CONTACT_PAGE]
    return _book(
        ctx,
        docs=docs,
        identifier=collection_identifier(ctx.config.collection_file_name, lang),
        title=(title.text, title.lang),
        seed=ctx.config.collection_file_name,
        description=("", lang),
        pages=[title_page, *(page for part in parts for page in part.pages)],
        toc=[
            NavEntry(label_html(title, options), title.lang, title_page.file_name),
            *(_without_contact(part.toc) for part in parts),
            *contact_entries,
        ],
        start=parts[0].pages[0].file_name,
        references=None,
        contact=contact_page(views[0], options),
        images=images,
    )

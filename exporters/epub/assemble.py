"""From documents to a :class:`~exporters.epub.book.Book`: one handout, or a collection of them.

Reading order of a handout: cover, title page (title, main message, review status, introduction),
contents, one page per H2 section, references, contact details. A collection has a cover and a title
page of its own, the contents, then each handout as a part (its headings one level down), and the
contact details once at the end.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from importlib.resources import files

from exporters.epub.book import Book, Landmark, NavEntry, Page, Resource
from exporters.epub.contact import CONTACT_PAGE, contact_page
from exporters.epub.cover import COVER_PAGE, cover_image, cover_page
from exporters.epub.images import ImageStore
from exporters.epub.messages import A11Y_IMAGES, A11Y_SUMMARY, CONTENTS, COVER, LANDMARKS, REFERENCES, START
from exporters.epub.metadata import a11y_metadata, book_identifier, collection_identifier, modified
from exporters.epub.pages import document_pages
from exporters.epub.xhtml import NAV_PAGE, STYLESHEET, heading_html, section_html
from handoutkit.config import CONFIG_FILE
from handoutkit.context import RenderContext
from handoutkit.errors import Problem, ProblemError
from handoutkit.model import Document, Origin

__all__ = ["certifier", "collection_book", "handout_book", "missing_certifier"]


def certifier(ctx: RenderContext) -> str:
    """Who certifies the books' accessibility: ``[epub] certified_by``, else the organization's name."""
    return ctx.settings.epub.certified_by.strip() or ctx.settings.organization.name.strip()


def missing_certifier() -> Problem:
    """The error when :func:`certifier` is empty: the conformance claim needs someone to stand behind it."""
    return Problem(
        "epub-certifier",
        Origin(CONFIG_FILE, 0),
        "EPUB books need a certifier for their accessibility claim: set [epub] certified_by or "
        "[organization] name in handoutkit.toml",
    )


@functools.cache
def _stylesheet() -> Resource:
    """The style sheet every book carries, read from the package once per process."""
    return Resource(STYLESHEET, "text/css", files("exporters.epub").joinpath("style.css").read_bytes())


def _summary(ctx: RenderContext, informative_images: bool) -> tuple[str, str]:
    """The accessibility summary in the book's language (in the source language if a sentence is missing)."""
    ui = ctx.ui
    messages = [A11Y_SUMMARY, A11Y_IMAGES] if informative_images else [A11Y_SUMMARY]
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
    images: ImageStore,
) -> Book:
    """The parts every book shares around its content pages: cover, contact page, landmarks, metadata.

    The contents page follows the first of ``pages``; ``start`` is where the reading starts and
    ``references`` the references page, if the book has one.
    """
    lang = ctx.language.tag
    certified_by = certifier(ctx)
    if not certified_by:
        raise ProblemError([missing_certifier()])

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
    contact = contact_page(ctx)
    if contact is not None:
        toc = [*toc, NavEntry(contact.title, contact.title_lang, CONTACT_PAGE)]
    summary, summary_lang = _summary(ctx, images.informative)
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


def handout_book(doc: Document, ctx: RenderContext) -> Book:
    """The book of one handout in one language."""
    images = ImageStore(ctx.assets, ctx.language.tag)
    parts = document_pages(doc, ctx, images, prefix="", shift=0)
    summary = doc.meta.summary
    return _book(
        ctx,
        docs=[doc],
        identifier=book_identifier(doc.slug, ctx.language.tag),
        title=(doc.meta.title.text, doc.meta.title.lang),
        seed=doc.slug,
        description=(summary.text, summary.lang) if summary else ("", ctx.language.tag),
        pages=list(parts.pages),
        toc=[NavEntry(parts.toc.label, parts.toc.lang, parts.toc.href), *parts.toc.children],
        start=parts.pages[0].file_name,
        references=parts.references,
        images=images,
    )


def collection_book(docs: Sequence[Document], ctx: RenderContext) -> Book:
    """The book holding every handout of one language, each as a part."""
    lang = ctx.language.tag
    title = (ctx.ui(ctx.config.collection_title), ctx.ui.lang(ctx.config.collection_title))
    images = ImageStore(ctx.assets, lang)
    title_page = Page("collection.xhtml", *title, section_html("title", heading_html(1, "title", *title, lang)))
    parts = [document_pages(doc, ctx, images, prefix=f"d{n:02d}-", shift=1) for n, doc in enumerate(docs, start=1)]
    return _book(
        ctx,
        docs=docs,
        identifier=collection_identifier(ctx.config.collection_file_name, lang),
        title=title,
        seed=ctx.config.collection_file_name,
        description=("", lang),
        pages=[title_page, *(page for part in parts for page in part.pages)],
        toc=[NavEntry(*title, title_page.file_name), *(part.toc for part in parts)],
        start=parts[0].pages[0].file_name if parts else title_page.file_name,
        references=None,
        images=images,
    )

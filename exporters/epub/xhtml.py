"""XHTML content documents: the page shell every page shares, and the navigation document."""

from __future__ import annotations

from functools import partial

from markupsafe import Markup

from exporters.epub.book import Book, NavEntry, Page
from exporters.html import other_lang_attrs

__all__ = ["NAV_PAGE", "STYLESHEET", "attrs_for", "heading_html", "nav_xhtml", "page_xhtml", "section_html"]

STYLESHEET = "style.css"
NAV_PAGE = "nav.xhtml"

_SHELL = Markup(
    '<?xml version="1.0" encoding="utf-8"?>\n'
    "<!DOCTYPE html>\n"
    '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"'
    ' lang="{lang}" xml:lang="{lang}" dir="{dir}">\n'
    "<head>\n"
    '<meta charset="utf-8" />\n'
    "<title{title_attrs}>{title}</title>\n"
    '<link rel="stylesheet" type="text/css" href="{css}" />\n'
    "</head>\n"
    "<body>\n{body}\n</body>\n"
    "</html>\n"
)


attrs_for = partial(other_lang_attrs, xhtml=True)
"""``lang``, ``xml:lang`` and ``dir`` for text in ``lang`` inside a page in ``page_lang`` ('' if the same)."""


def heading_html(level: int, anchor: str, text: str, lang: str, page_lang: str) -> Markup:
    """A heading whose text is not a document's unit (interface words, the collection's title)."""
    return Markup('<h{0} id="{1}"{2}>{3}</h{0}>').format(min(level, 6), anchor, attrs_for(lang, page_lang), text)


def section_html(labelled_by: str, body: Markup, extra: str = "") -> Markup:
    """A page's ``<section>``, named by its heading's id; ``extra`` holds further attributes."""
    return Markup('<section aria-labelledby="{}"{}>\n{}\n</section>').format(labelled_by, Markup(extra), body)


def page_xhtml(page: Page, lang: str, direction: str) -> bytes:
    """A complete XHTML content document for one page of a book in ``lang``."""
    text = _SHELL.format(
        lang=lang,
        dir=direction,
        title=page.title,
        title_attrs=attrs_for(page.title_lang, lang),
        css=STYLESHEET,
        body=page.body,
    )
    return str(text).encode("utf-8")


def _entries(entries: tuple[NavEntry, ...], lang: str) -> Markup:
    items = []
    for entry in entries:
        nested = Markup("\n") + _entries(entry.children, lang) if entry.children else Markup("")
        items.append(
            Markup('<li><a href="{}"{}>{}</a>{}</li>').format(
                entry.href, attrs_for(entry.lang, lang), entry.label, nested
            )
        )
    return Markup("<ol>\n{}\n</ol>").format(Markup("\n").join(items))


def nav_body(book: Book) -> Markup:
    """The navigation document's body: the table of contents, then the (hidden) landmarks."""
    landmarks = Markup("\n").join(
        Markup('<li><a epub:type="{}" href="{}"{}>{}</a></li>').format(
            mark.epub_type, mark.href, attrs_for(mark.lang, book.lang), mark.label
        )
        for mark in book.landmarks
    )
    return Markup(
        '<nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-title">\n'
        '<h2 id="toc-title"{}>{}</h2>\n{}\n</nav>\n'
        '<nav epub:type="landmarks" id="landmarks" aria-labelledby="landmarks-title" hidden="hidden">\n'
        '<h2 id="landmarks-title"{}>{}</h2>\n<ol>\n{}\n</ol>\n</nav>'
    ).format(
        attrs_for(book.nav_title_lang, book.lang),
        book.nav_title,
        _entries(book.toc, book.lang),
        attrs_for(book.landmarks_title_lang, book.lang),
        book.landmarks_title,
        landmarks,
    )


def nav_xhtml(book: Book) -> bytes:
    """The navigation document (:data:`NAV_PAGE`) of ``book``."""
    return page_xhtml(Page(NAV_PAGE, book.nav_title, book.nav_title_lang, nav_body(book)), book.lang, book.direction)

"""XHTML content documents: the page shell every page shares, the navigation document, and the
elements a book adds around the document's own blocks (headings and paragraphs of interface words,
contents labels), all rendered by the shared HTML renderer (:mod:`handoutkit.present.html`)."""

from __future__ import annotations

from typing import assert_never

from markupsafe import Markup

from exporters.epub.book import Book, NavEntry, Page
from handoutkit.model import Emphasis, Inline, Isolate, LineBreak, Link, Span, Strong, Text, inline_children
from handoutkit.present.html import HtmlOptions, inlines_html, lang_attrs, words_html
from handoutkit.present.phrases import Words
from handoutkit.walk import map_inlines

__all__ = [
    "NAV_PAGE",
    "STYLESHEET",
    "attrs_for",
    "heading_html",
    "label_html",
    "nav_xhtml",
    "page_xhtml",
    "paragraph_html",
    "section_html",
]

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


def attrs_for(lang: str, page_lang: str) -> Markup:
    """``lang``, ``xml:lang`` and ``dir`` for text in ``lang`` inside a page in ``page_lang`` ('' if the same)."""
    return lang_attrs(lang, page_lang, xhtml=True)


def heading_html(level: int, anchor: str, words: Words, options: HtmlOptions) -> Markup:
    """A heading whose words are not a document's unit (interface words, the collection's title), moved
    down ``options.heading_shift`` levels as the document's own headings are."""
    tag = f"h{min(level + options.heading_shift, 6)}"
    attrs = attrs_for(words.lang, options.page_lang)
    return Markup('<{0} id="{1}"{2}>{3}</{0}>').format(Markup(tag), anchor, attrs, words_html(words, options))


def paragraph_html(words: Words, options: HtmlOptions, *, css_class: str = "", strong: bool = False) -> Markup:
    """Words that are not a document's block (a notice, a label, a contact line) as a paragraph."""
    class_attr = Markup(' class="{}"').format(css_class) if css_class else Markup("")
    text = words_html(words, options)
    if strong:
        text = Markup("<strong>{}</strong>").format(text)
    return Markup("<p{}{}>{}</p>").format(class_attr, attrs_for(words.lang, options.page_lang), text)


def _label_inline(node: Inline) -> tuple[Inline, ...]:
    match node:
        case Strong() | Emphasis() | Link():
            return inline_children(node)
        case LineBreak():
            return (Text("\n"),)
        case Text() | Span() | Isolate():
            return (node,)
        case _:
            assert_never(node)


def label_html(words: Words, options: HtmlOptions) -> Markup:
    """Words as the label of a contents entry, itself a link: emphasis and links inside dropped (a link
    cannot hold another), the language of parts and the isolated runs kept."""
    return inlines_html(map_inlines(words.inlines, _label_inline), options)


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

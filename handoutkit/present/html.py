"""The handout view's words and blocks as HTML, shared by every format built on HTML (PDF, EPUB, web).

Everything that comes from a document or a catalog is escaped: translated text is data, never
markup. The output is well-formed XML as well as HTML (void elements self-closed, attributes quoted),
so EPUB can use it as XHTML. A phrase in another language gets ``lang`` (and ``xml:lang`` in XHTML)
and ``dir``; a run the view isolated (:class:`~handoutkit.model.Isolate`) becomes
``<span dir="ltr">``, which isolates it in browsers (HTML's ``[dir]`` rule) and keeps it whole and in
order in WeasyPrint, which places each inline box of a right-to-left line as a unit. Formats differ
only where :class:`HtmlOptions` say.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import assert_never

from markupsafe import Markup, escape

from handoutkit.model import (
    Block,
    BlockQuote,
    Emphasis,
    Heading,
    Image,
    Inline,
    Isolate,
    LineBreak,
    Link,
    List,
    ListItem,
    Paragraph,
    Span,
    Strong,
    Text,
    plain_text,
)
from handoutkit.present.bidi import direction_of
from handoutkit.present.phrases import Words

__all__ = [
    "BlockClass",
    "HtmlOptions",
    "ImageHook",
    "IsolateClass",
    "blocks_html",
    "inlines_html",
    "lang_attrs",
    "no_class",
    "words_html",
]

ImageHook = Callable[[Image], Markup]
"""Renders one image block (formats differ: a PDF draws decorative images as artifacts)."""
BlockClass = Callable[[Block], str]
"""A ``class`` for a paragraph or list ('' for none)."""
IsolateClass = Callable[[str], str]
"""A ``class`` for an isolated run, from its text ('' for none): print keeps short runs on one line."""


def no_class(_: object) -> str:
    """No class: the default :data:`BlockClass` and :data:`IsolateClass`."""
    return ""


@dataclass(frozen=True)
class HtmlOptions:
    """How one format wants its HTML."""

    page_lang: str
    """BCP 47 tag of the page (or of the element around); words in another language get their own."""
    image: ImageHook
    xhtml: bool = False
    """Also write ``xml:lang`` beside ``lang`` (EPUB's XHTML wants both)."""
    heading_shift: int = 0
    """Added to every heading level (a collection part may push its headings down one level)."""
    block_class: BlockClass = no_class
    isolate_class: IsolateClass = no_class


def lang_attrs(lang: str, page_lang: str, *, xhtml: bool = False) -> Markup:
    """`` lang="x" dir="rtl"`` (and ``xml:lang`` for XHTML) for words in ``lang`` on a page in
    ``page_lang``; nothing when they are the same."""
    if lang == page_lang:
        return Markup("")
    return _lang(lang, xhtml)


def _lang(lang: str, xhtml: bool) -> Markup:
    xml_lang = Markup(' xml:lang="{}"').format(lang) if xhtml else Markup("")
    return Markup(' lang="{0}"{1} dir="{2}"').format(lang, xml_lang, direction_of(lang))


def inlines_html(inlines: tuple[Inline, ...], options: HtmlOptions) -> Markup:
    """Inline content as HTML. Emphasis stays ``<em>``: large-print CSS shows it bold, never italic."""
    out: list[Markup] = []
    for node in inlines:
        match node:
            case Text(text=text):
                out.append(escape(text))
            case Strong(children=children):
                out.append(Markup("<strong>{}</strong>").format(inlines_html(children, options)))
            case Emphasis(children=children):
                out.append(Markup("<em>{}</em>").format(inlines_html(children, options)))
            case Link(target=target, children=children):
                out.append(Markup('<a href="{}">{}</a>').format(target, inlines_html(children, options)))
            case LineBreak():
                out.append(Markup("<br />"))
            case Span(lang=lang, children=children):
                out.append(
                    Markup("<span{}>{}</span>").format(_lang(lang, options.xhtml), inlines_html(children, options))
                )
            case Isolate(children=(Span(lang=lang) as span,)) if direction_of(lang) == node.direction:
                out.append(inlines_html((span,), options))  # the span's own dir isolates it
            case Isolate(direction=direction, children=children):
                css_class = options.isolate_class(plain_text(children))
                class_attr = Markup(' class="{}"').format(css_class) if css_class else Markup("")
                out.append(
                    Markup('<span dir="{}"{}>{}</span>').format(direction, class_attr, inlines_html(children, options))
                )
            case _:
                assert_never(node)
    return Markup("").join(out)


def words_html(words: Words, options: HtmlOptions) -> Markup:
    """A unit's or a phrase's inlines as HTML (its element's ``lang`` is :func:`lang_attrs`'s job)."""
    return inlines_html(words.inlines, options)


def _attrs(words: Words, options: HtmlOptions) -> Markup:
    return lang_attrs(words.lang, options.page_lang, xhtml=options.xhtml)


def _class_attr(block: Block, options: HtmlOptions) -> Markup:
    css_class = options.block_class(block)
    return Markup(' class="{}"').format(css_class) if css_class else Markup("")


def blocks_html(blocks: tuple[Block, ...], options: HtmlOptions) -> Markup:
    """A sequence of blocks as HTML."""
    return Markup("\n").join(_block(block, options) for block in blocks)


def _block(block: Block, options: HtmlOptions) -> Markup:
    match block:
        case Heading(level=level, content=content, anchor=anchor):
            tag = f"h{min(level + options.heading_shift, 6)}"
            return Markup('<{0} id="{1}"{2}>{3}</{0}>').format(
                Markup(tag), anchor, _attrs(content, options), words_html(content, _inner(content.lang, options))
            )
        case Paragraph(content=content):
            return Markup("<p{}{}>{}</p>").format(
                _class_attr(block, options),
                _attrs(content, options),
                words_html(content, _inner(content.lang, options)),
            )
        case Image():
            return options.image(block)
        case List(ordered=ordered, items=items, start=start):
            tag = Markup("ol") if ordered else Markup("ul")
            start_attr = Markup(' start="{}"').format(start) if ordered and start != 1 else Markup("")
            body = Markup("\n").join(_item(item, options) for item in items)
            return Markup("<{0}{1}{2}>\n{3}\n</{0}>").format(tag, _class_attr(block, options), start_attr, body)
        case BlockQuote(children=children):
            return Markup("<blockquote>\n{}\n</blockquote>").format(blocks_html(children, options))
        case _:
            assert_never(block)


def _inner(lang: str, options: HtmlOptions) -> HtmlOptions:
    """Options for what is inside an element in ``lang``: it is the page language there."""
    return options if lang == options.page_lang else replace(options, page_lang=lang)


def _item(item: ListItem, options: HtmlOptions) -> Markup:
    # Nested blocks inherit the item's language: compare them with it, not with the page's.
    inner = _inner(item.content.lang, options)
    nested = Markup("\n") + blocks_html(item.children, inner) if item.children else Markup("")
    return Markup("<li{}>{}{}</li>").format(_attrs(item.content, options), words_html(item.content, inner), nested)

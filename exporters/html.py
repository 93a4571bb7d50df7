"""Document blocks and inlines as HTML, shared by the formats built on HTML (PDF, EPUB, index).

Everything that comes from a document is escaped: translated text is data, never markup. The output
is well-formed XML as well as HTML (void elements self-closed, attributes quoted), so EPUB can use it
as XHTML. Formats differ only where the :class:`HtmlOptions` say.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import assert_never

from markupsafe import Markup, escape

from handoutkit.languages import text_direction
from handoutkit.model import (
    Block,
    BlockQuote,
    Emphasis,
    Heading,
    Image,
    Inline,
    LineBreak,
    Link,
    List,
    ListItem,
    Paragraph,
    Strong,
    Text,
    TextUnit,
    plain_text,
)

__all__ = [
    "BlockClass",
    "HtmlOptions",
    "ImageHook",
    "LinkHook",
    "blocks_html",
    "inlines_html",
    "no_class",
    "other_lang_attrs",
    "plain_link",
    "text_with_link",
    "unit_html",
]

ImageHook = Callable[[Image], Markup]
"""Renders one image block (formats differ: a PDF draws decorative images as artifacts)."""
LinkHook = Callable[[str, Markup, str], Markup]
"""Renders one link from its target, its words as HTML and its words as plain text (print adds the
address after the words)."""
BlockClass = Callable[[Block], str]
"""A ``class`` for a paragraph or list ('' for none): print marks blocks to keep together."""


def plain_link(target: str, words: Markup, text: str) -> Markup:
    """A link as an ``<a href>``: the default :data:`LinkHook`."""
    return Markup('<a href="{}">{}</a>').format(target, words)


def text_with_link(text: str, words: str, href: str) -> Markup:
    """``text`` escaped, with the first ``words`` in it (a phone number, a web address) a link to ``href``."""
    before, found, after = text.partition(words) if words and href else (text, "", "")
    if not found:
        return escape(text)
    return Markup('{}<a href="{}">{}</a>{}').format(before, href, found, after)


def no_class(block: Block) -> str:
    """No class on any block: the default :data:`BlockClass`."""
    return ""


@dataclass(frozen=True)
class HtmlOptions:
    """How one format wants its HTML."""

    doc_lang: str
    """BCP 47 tag of the page; units in another language get their own ``lang`` (and ``dir``)."""
    image: ImageHook
    xhtml: bool = False
    """Also write ``xml:lang`` beside ``lang`` (EPUB's XHTML wants both)."""
    heading_shift: int = 0
    """Added to every heading level (a collection part may push its headings down one level)."""
    link: LinkHook = plain_link
    block_class: BlockClass = no_class


def other_lang_attrs(lang: str, page_lang: str, *, xhtml: bool = False) -> Markup:
    """`` lang="x" dir="rtl"`` (and ``xml:lang`` for XHTML) for text in ``lang`` on a page in
    ``page_lang``; nothing when they are the same."""
    if lang == page_lang:
        return Markup("")
    xml_lang = Markup(' xml:lang="{}"').format(lang) if xhtml else Markup("")
    return Markup(' lang="{0}"{1} dir="{2}"').format(lang, xml_lang, text_direction(lang))


def _unit_attrs(unit: TextUnit, options: HtmlOptions) -> Markup:
    return other_lang_attrs(unit.lang, options.doc_lang, xhtml=options.xhtml)


def _class_attr(block: Block, options: HtmlOptions) -> Markup:
    css_class = options.block_class(block)
    return Markup(' class="{}"').format(css_class) if css_class else Markup("")


def inlines_html(inlines: tuple[Inline, ...], link: LinkHook = plain_link) -> Markup:
    """Inline content as HTML. Emphasis stays ``<em>``: large-print CSS shows it bold, never italic."""
    out: list[Markup] = []
    for node in inlines:
        match node:
            case Text(text=text):
                out.append(escape(text))
            case Strong(children=children):
                out.append(Markup("<strong>{}</strong>").format(inlines_html(children, link)))
            case Emphasis(children=children):
                out.append(Markup("<em>{}</em>").format(inlines_html(children, link)))
            case Link(target=target, children=children):
                out.append(link(target, inlines_html(children, link), plain_text(children)))
            case LineBreak():
                out.append(Markup("<br />"))
            case _:
                assert_never(node)
    return Markup("").join(out)


def unit_html(unit: TextUnit, link: LinkHook = plain_link) -> Markup:
    """A unit's inline content as HTML."""
    return inlines_html(unit.inlines, link)


def blocks_html(blocks: tuple[Block, ...], options: HtmlOptions) -> Markup:
    """A sequence of blocks as HTML."""
    return Markup("\n").join(_block(block, options) for block in blocks)


def _block(block: Block, options: HtmlOptions) -> Markup:
    match block:
        case Heading(level=level, content=content, anchor=anchor):
            tag = f"h{min(level + options.heading_shift, 6)}"
            return Markup('<{0} id="{1}"{2}>{3}</{0}>').format(
                Markup(tag), anchor, _unit_attrs(content, options), unit_html(content, options.link)
            )
        case Paragraph(content=content):
            return Markup("<p{}{}>{}</p>").format(
                _class_attr(block, options), _unit_attrs(content, options), unit_html(content, options.link)
            )
        case Image():
            return options.image(block)
        case List(ordered=ordered, items=items, start=start):
            tag = Markup("ol") if ordered else Markup("ul")
            start_attr = Markup(f' start="{start}"') if ordered and start != 1 else Markup("")
            body = Markup("\n").join(_item(item, options) for item in items)
            return Markup("<{0}{1}{2}>\n{3}\n</{0}>").format(tag, _class_attr(block, options), start_attr, body)
        case BlockQuote(children=children):
            return Markup("<blockquote>\n{}\n</blockquote>").format(blocks_html(children, options))
        case _:
            assert_never(block)


def _item(item: ListItem, options: HtmlOptions) -> Markup:
    # Nested blocks inherit the item's language: compare them with it, not with the page's.
    inner = replace(options, doc_lang=item.content.lang)
    nested = Markup("\n") + blocks_html(item.children, inner) if item.children else Markup("")
    words = unit_html(item.content, options.link)
    return Markup("<li{}>{}{}</li>").format(_unit_attrs(item.content, options), words, nested)

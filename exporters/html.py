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
)

__all__ = ["HtmlOptions", "ImageHook", "blocks_html", "inlines_html", "lang_attrs", "unit_html"]

ImageHook = Callable[[Image], Markup]
"""Renders one image block (formats differ: a PDF draws decorative images as artifacts)."""


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


def lang_attrs(lang: str, options: HtmlOptions, *, with_dir: bool = True) -> Markup:
    """`` lang="x" xml:lang="x" dir="ltr"`` for an element in another language than the page."""
    attrs = f' lang="{escape(lang)}"'
    if options.xhtml:
        attrs += f' xml:lang="{escape(lang)}"'
    if with_dir:
        attrs += f' dir="{text_direction(lang)}"'
    return Markup(attrs)


def _unit_attrs(unit: TextUnit, options: HtmlOptions) -> Markup:
    if unit.lang == options.doc_lang:
        return Markup("")
    return lang_attrs(unit.lang, options)


def inlines_html(inlines: tuple[Inline, ...]) -> Markup:
    """Inline content as HTML. Emphasis stays ``<em>``: large-print CSS shows it bold, never italic."""
    out: list[Markup] = []
    for node in inlines:
        match node:
            case Text(text=text):
                out.append(escape(text))
            case Strong(children=children):
                out.append(Markup("<strong>{}</strong>").format(inlines_html(children)))
            case Emphasis(children=children):
                out.append(Markup("<em>{}</em>").format(inlines_html(children)))
            case Link(target=target, children=children):
                out.append(Markup('<a href="{}">{}</a>').format(target, inlines_html(children)))
            case LineBreak():
                out.append(Markup("<br />"))
            case _:
                assert_never(node)
    return Markup("").join(out)


def unit_html(unit: TextUnit) -> Markup:
    """A unit's inline content as HTML."""
    return inlines_html(unit.inlines)


def blocks_html(blocks: tuple[Block, ...], options: HtmlOptions) -> Markup:
    """A sequence of blocks as HTML."""
    return Markup("\n").join(_block(block, options) for block in blocks)


def _block(block: Block, options: HtmlOptions) -> Markup:
    match block:
        case Heading(level=level, content=content, anchor=anchor):
            tag = f"h{min(level + options.heading_shift, 6)}"
            return Markup('<{0} id="{1}"{2}>{3}</{0}>').format(
                Markup(tag), anchor, _unit_attrs(content, options), unit_html(content)
            )
        case Paragraph(content=content):
            return Markup("<p{}>{}</p>").format(_unit_attrs(content, options), unit_html(content))
        case Image():
            return options.image(block)
        case List(ordered=ordered, items=items, start=start):
            tag = Markup("ol") if ordered else Markup("ul")
            start_attr = Markup(f' start="{start}"') if ordered and start != 1 else Markup("")
            body = Markup("\n").join(_item(item, options) for item in items)
            return Markup("<{0}{1}>\n{2}\n</{0}>").format(tag, start_attr, body)
        case BlockQuote(children=children):
            return Markup("<blockquote>\n{}\n</blockquote>").format(blocks_html(children, options))
        case _:
            assert_never(block)


def _item(item: ListItem, options: HtmlOptions) -> Markup:
    # Nested blocks inherit the item's language: compare them with it, not with the page's.
    inner = replace(options, doc_lang=item.content.lang)
    nested = Markup("\n") + blocks_html(item.children, inner) if item.children else Markup("")
    return Markup("<li{}>{}{}</li>").format(_unit_attrs(item.content, options), unit_html(item.content), nested)

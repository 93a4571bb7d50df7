"""Small elements the web pages add around the document's own blocks: paragraphs and headings of
interface words, and contents labels, all through the shared HTML renderer (:mod:`handoutkit.present.html`)."""

from __future__ import annotations

from typing import assert_never

from markupsafe import Markup

from handoutkit.model import Emphasis, Inline, Isolate, LineBreak, Link, Span, Strong, Text, inline_children
from handoutkit.present.html import HtmlOptions, inlines_html, lang_attrs, words_html
from handoutkit.present.phrases import Words
from handoutkit.walk import map_inlines

__all__ = ["class_attr", "heading", "label_html", "paragraph"]


def class_attr(css_class: str) -> Markup:
    """`` class="..."``, or nothing for ''."""
    return Markup(' class="{}"').format(css_class) if css_class else Markup("")


def paragraph(words: Words, options: HtmlOptions, *, css_class: str = "", strong: bool = False) -> Markup:
    """Words that are not one of the document's blocks (a notice, a label, a contact line) as a paragraph."""
    text = words_html(words, options)
    if strong:
        text = Markup("<strong>{}</strong>").format(text)
    return Markup("<p{}{}>{}</p>").format(class_attr(css_class), lang_attrs(words.lang, options.page_lang), text)


def heading(level: int, anchor: str, words: Words, options: HtmlOptions) -> Markup:
    """A heading of interface words (References, Contact us, Contents)."""
    return Markup('<h{0} id="{1}"{2}>{3}</h{0}>').format(
        level, anchor, lang_attrs(words.lang, options.page_lang), words_html(words, options)
    )


def _label_inline(node: Inline) -> tuple[Inline, ...]:
    match node:
        case Strong() | Emphasis() | Link():
            return inline_children(node)
        case LineBreak():
            return (Text(" "),)
        case Text() | Span() | Isolate():
            return (node,)
        case _:
            assert_never(node)


def label_html(words: Words, options: HtmlOptions) -> Markup:
    """Words as the label of a link (a contents entry, a handout's title in a list): links and emphasis
    inside dropped (a link cannot hold another), the language of parts and isolated runs kept."""
    return inlines_html(map_inlines(words.inlines, _label_inline), options)

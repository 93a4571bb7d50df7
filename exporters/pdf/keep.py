"""Which blocks should not be broken across pages, marked with classes in the body's HTML.

WeasyPrint tags each page's part of a broken list as a list of its own, so a list that fits in half a
page is kept whole (``class="keep"``), and a paragraph that introduces a list (the block just before
it) stays with it (``class="lead-in"``). The classes are added to the markup :func:`blocks_html` made,
by counting ``<ul``/``<ol``/``<p`` tags in the order the blocks are written, which is the order a
pre-order walk of the model meets them.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator, Sequence
from typing import assert_never

from markupsafe import Markup

from handoutkit.model import Block, BlockQuote, Heading, Image, List, Paragraph

__all__ = ["estimated_lines", "mark_breaks"]

_OPEN = re.compile(r"<(ul|ol|p)(?=[\s>/])")


def estimated_lines(text: str, line_em: float) -> int:
    """About how many lines ``text`` takes in a column ``line_em`` em wide (wide characters count 1 em)."""
    width = sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.55 for c in text)
    return max(1, math.ceil(width / line_em))


def mark_breaks(body: Markup, blocks: Sequence[Block], line_em: float, max_lines: int) -> Markup:
    """``body`` with short lists marked ``keep`` and paragraphs before a list marked ``lead-in``."""
    classes = list(_classes(blocks, line_em, max_lines))
    counter = iter(classes)

    def add(match: re.Match[str]) -> str:
        css_class = next(counter, "")
        return f'<{match.group(1)} class="{css_class}"' if css_class else match.group(0)

    return Markup(_OPEN.sub(add, str(body)))


def _classes(blocks: Sequence[Block], line_em: float, max_lines: int) -> Iterator[str]:
    """One class ('' for none) per ``<ul>``, ``<ol>`` and ``<p>`` in the order they are written."""
    for index, block in enumerate(blocks):
        match block:
            case Paragraph():
                following = blocks[index + 1] if index + 1 < len(blocks) else None
                yield "lead-in" if isinstance(following, List) else ""
            case List(items=items):
                lines = sum(_item_lines(item.content.text, item.children, line_em) for item in items)
                yield "keep" if lines <= max_lines else ""
                for item in items:
                    yield from _classes(item.children, line_em, max_lines)
            case BlockQuote(children=children):
                yield from _classes(children, line_em, max_lines)
            case Heading() | Image():
                pass
            case _:
                assert_never(block)


def _item_lines(text: str, children: Sequence[Block], line_em: float) -> int:
    lines = estimated_lines(text, line_em)
    for child in children:
        match child:
            case Paragraph(content=content) | Heading(content=content):
                lines += estimated_lines(content.text, line_em)
            case List(items=items):
                lines += sum(_item_lines(i.content.text, i.children, line_em) for i in items)
            case BlockQuote(children=nested):
                lines += _item_lines("", nested, line_em)
            case Image():
                lines += 10
            case _:
                assert_never(child)
    return lines

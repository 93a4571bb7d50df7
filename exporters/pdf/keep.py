"""Which blocks should not be broken across pages, marked with classes in the body's HTML.

WeasyPrint tags each page's part of a broken list as a list of its own, so a list that fits in half a
page is kept whole (``class="keep"``), and a paragraph that introduces a list (the block just before
it) stays with it (``class="lead-in"``). :func:`break_classes` gives the shared HTML renderer its
``block_class`` hook.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterator, Sequence
from typing import assert_never

from exporters.html import BlockClass
from handoutkit.model import Block, BlockQuote, Heading, Image, List, Paragraph

__all__ = ["break_classes", "estimated_lines"]


def estimated_lines(text: str, line_em: float) -> int:
    """About how many lines ``text`` takes in a column ``line_em`` em wide (wide characters count 1 em)."""
    width = sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.55 for c in text)
    return max(1, math.ceil(width / line_em))


def break_classes(blocks: Sequence[Block], line_em: float, max_lines: int) -> BlockClass:
    """The ``block_class`` hook: short lists ``keep``, paragraphs before a list ``lead-in``."""
    classes = dict(_classes(blocks, line_em, max_lines))
    return lambda block: classes.get(id(block), "")


def _classes(blocks: Sequence[Block], line_em: float, max_lines: int) -> Iterator[tuple[int, str]]:
    """(id of the block, its class) for every paragraph and list that gets one."""
    for index, block in enumerate(blocks):
        match block:
            case Paragraph():
                following = blocks[index + 1] if index + 1 < len(blocks) else None
                if isinstance(following, List):
                    yield id(block), "lead-in"
            case List(items=items):
                lines = sum(_item_lines(item.content.text, item.children, line_em) for item in items)
                if lines <= max_lines:
                    yield id(block), "keep"
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

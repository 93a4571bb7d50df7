"""Which blocks should not be broken across pages, marked with classes in the body's HTML.

WeasyPrint tags each page's part of a broken list as a list of its own, so a list that fits in half a
page is kept whole (``class="keep"``), and a paragraph that introduces a list (the block just before
it) stays with it (``class="lead-in"``). :func:`break_classes` gives the shared HTML renderer its
``block_class`` hook; it reads the blocks it is given (the handout view's, which the page renders),
through :mod:`handoutkit.walk`.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterator, Sequence
from itertools import pairwise
from typing import assert_never

from handoutkit.model import Block, BlockQuote, Heading, Image, List, Paragraph
from handoutkit.present.html import BlockClass
from handoutkit.walk import iter_blocks

__all__ = ["break_classes", "estimated_lines"]

IMAGE_LINES = 10
"""About how many lines an image inside a list takes."""


def estimated_lines(text: str, line_em: float) -> int:
    """About how many lines ``text`` takes in a column ``line_em`` em wide (wide characters count 1 em)."""
    width = sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.55 for c in text)
    return max(1, math.ceil(width / line_em))


def break_classes(blocks: Sequence[Block], line_em: float, max_lines: int) -> BlockClass:
    """The ``block_class`` hook: short lists ``keep``, paragraphs before a list ``lead-in``."""
    classes: dict[int, str] = {}
    for siblings in _sibling_runs(blocks):
        for block, following in pairwise((*siblings, None)):
            if isinstance(block, Paragraph) and isinstance(following, List):
                classes[id(block)] = "lead-in"
    for block in iter_blocks(blocks):
        if isinstance(block, List) and list_lines(block, line_em) <= max_lines:
            classes[id(block)] = "keep"
    return lambda block: classes.get(id(block), "")


def _sibling_runs(blocks: Sequence[Block]) -> Iterator[tuple[Block, ...]]:
    """Every run of blocks that follow each other: the top level, each list item's blocks, each
    block quote's blocks."""
    yield tuple(blocks)
    for block in iter_blocks(blocks):
        match block:
            case List(items=items):
                yield from (item.children for item in items)
            case BlockQuote(children=children):
                yield children
            case Heading() | Paragraph() | Image():
                pass
            case _:
                assert_never(block)


def list_lines(block: List, line_em: float) -> int:
    """About how many lines a list takes: its items' text and everything nested in them (an image
    counts :data:`IMAGE_LINES`, a block quote one line more)."""
    lines = 0
    for nested in iter_blocks((block,)):
        match nested:
            case List(items=items):
                lines += sum(estimated_lines(item.content.text, line_em) for item in items)
            case Paragraph(content=content) | Heading(content=content):
                lines += estimated_lines(content.text, line_em)
            case Image():
                lines += IMAGE_LINES
            case BlockQuote():
                lines += 1
            case _:
                assert_never(nested)
    return lines

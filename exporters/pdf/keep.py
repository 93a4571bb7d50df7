"""Which blocks stay with the block after them across a page break, marked with classes in the body's HTML.

Lists, list items, paragraphs, the contents and the references may all cross pages, as a typesetter
lets them (two lines at least on each side: ``orphans`` and ``widows``; the stylesheet keeps a heading
with what follows it). One thing the stylesheet cannot see is a paragraph that introduces a list (the
block just before it): it gets ``class="lead-in"`` and stays with the list's first item.
:func:`break_classes` gives the shared HTML renderer its ``block_class`` hook; it reads the blocks it
is given (the handout view's, which the page renders), through :mod:`handoutkit.walk`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import pairwise
from typing import assert_never

from handoutkit.model import Block, BlockQuote, Heading, Image, List, Paragraph
from handoutkit.present.html import BlockClass
from handoutkit.walk import iter_blocks

__all__ = ["LEAD_IN", "break_classes"]

LEAD_IN = "lead-in"
"""The class of a paragraph that introduces the list after it."""


def break_classes(blocks: Sequence[Block]) -> BlockClass:
    """The ``block_class`` hook: paragraphs just before a list are ``lead-in``."""
    classes: dict[int, str] = {}
    for siblings in _sibling_runs(blocks):
        for block, following in pairwise((*siblings, None)):
            if isinstance(block, Paragraph) and isinstance(following, List):
                classes[id(block)] = LEAD_IN
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

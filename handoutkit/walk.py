"""Walking the closed document model: the one place that knows how blocks and inlines nest.

As pandoc's ``Text.Pandoc.Walk``: :func:`iter_blocks` and :func:`iter_inlines` visit every node in
reading order (a query is a comprehension over them), :func:`map_units` rebuilds a document with
each translatable unit replaced, :func:`map_inlines` rebuilds inlines bottom-up. The model's own
primitives (:func:`~handoutkit.model.child_blocks`, :func:`~handoutkit.model.block_units`,
:func:`~handoutkit.model.inline_children`) say what is inside a node; nothing else in the project
recurses over the model by hand, except renderers, whose output nests as the model does.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from typing import assert_never

from handoutkit.model import (
    Block,
    BlockQuote,
    Document,
    Heading,
    Image,
    Inline,
    Link,
    List,
    ListItem,
    Metadata,
    Paragraph,
    Reference,
    TextUnit,
    block_units,
    child_blocks,
    inline_children,
    with_children,
)

__all__ = [
    "UnitMap",
    "document_units",
    "front_units",
    "iter_blocks",
    "iter_inlines",
    "link_targets",
    "map_blocks",
    "map_inlines",
    "map_units",
    "units_of",
]

UnitMap = Callable[[TextUnit], TextUnit]


def iter_blocks(blocks: Iterable[Block]) -> Iterator[Block]:
    """Every block, nested ones included, in reading order (a block before the blocks inside it)."""
    for block in blocks:
        yield block
        yield from iter_blocks(child_blocks(block))


def units_of(blocks: Iterable[Block]) -> Iterator[TextUnit]:
    """Every translatable unit of ``blocks`` and of the blocks nested in them, in reading order."""
    for block in blocks:
        match block:
            case List(items=items):
                for item in items:
                    yield item.content
                    yield from units_of(item.children)
            case Heading() | Paragraph() | Image() | BlockQuote():
                yield from block_units(block)
                yield from units_of(child_blocks(block))
            case _:
                assert_never(block)


def front_units(meta: Metadata) -> list[TextUnit]:
    """The front matter's units in file order: title, summary, SMS messages, references."""
    units = [meta.title]
    if meta.summary is not None:
        units.append(meta.summary)
    units.extend(meta.sms)
    units.extend(reference.text for reference in meta.references)
    return sorted(units, key=lambda unit: unit.origin.line)


def document_units(doc: Document) -> Iterator[TextUnit]:
    """Every translatable unit of a document, in file order (front matter first)."""
    yield from front_units(doc.meta)
    yield from units_of(doc.blocks)


def iter_inlines(inlines: Iterable[Inline]) -> Iterator[Inline]:
    """Every inline, nested ones included, in reading order (a node before its children)."""
    for node in inlines:
        yield node
        yield from iter_inlines(inline_children(node))


def link_targets(inlines: Iterable[Inline]) -> tuple[str, ...]:
    """Every link target in reading order."""
    return tuple(node.target for node in iter_inlines(inlines) if isinstance(node, Link))


def map_inlines(
    inlines: tuple[Inline, ...],
    fn: Callable[[Inline], tuple[Inline, ...]],
    descend: Callable[[Inline], bool] = lambda node: True,
) -> tuple[Inline, ...]:
    """Rebuild ``inlines`` bottom-up: each node gets its mapped children (unless ``descend(node)`` is
    False), then ``fn`` replaces it by any number of inlines (return ``(node,)`` to keep it)."""
    out: list[Inline] = []
    for node in inlines:
        children = inline_children(node)
        if children and descend(node):
            node = with_children(node, map_inlines(children, fn, descend))
        out.extend(fn(node))
    return tuple(out)


def map_blocks(blocks: tuple[Block, ...], unit: UnitMap) -> tuple[Block, ...]:
    """``blocks`` with every unit, nested ones included, replaced by ``unit(u)``."""
    return tuple(_map_block(block, unit) for block in blocks)


def _map_block(block: Block, unit: UnitMap) -> Block:
    match block:
        case Heading():
            return dataclasses.replace(block, content=unit(block.content))
        case Paragraph():
            return Paragraph(unit(block.content))
        case Image():
            return dataclasses.replace(block, alt=unit(block.alt) if block.alt is not None else None)
        case List():
            items = tuple(ListItem(unit(item.content), map_blocks(item.children, unit)) for item in block.items)
            return dataclasses.replace(block, items=items)
        case BlockQuote():
            return BlockQuote(map_blocks(block.children, unit))
        case _:
            assert_never(block)


def map_units(doc: Document, unit: UnitMap) -> Document:
    """``doc`` with every translatable unit, front matter included, replaced by ``unit(u)``."""
    meta = doc.meta
    meta = dataclasses.replace(
        meta,
        title=unit(meta.title),
        summary=unit(meta.summary) if meta.summary is not None else None,
        sms=tuple(unit(message) for message in meta.sms),
        references=tuple(Reference(unit(ref.text), ref.link) for ref in meta.references),
    )
    return dataclasses.replace(doc, meta=meta, blocks=map_blocks(doc.blocks, unit))

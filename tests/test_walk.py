"""Walking the model (handoutkit.walk): every block and unit is visited once, in reading order, and a
mapped document keeps its shape."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from handoutkit.model import BlockQuote, Heading, Image, List, Paragraph, Strong, Text
from handoutkit.reader import read_document
from handoutkit.walk import document_units, iter_blocks, iter_inlines, link_targets, map_inlines, map_units

BASIC = Path(__file__).parent / "data" / "projects" / "basic"


def doc():
    return read_document(BASIC, "basic", "en")


def test_iter_blocks_visits_nested_blocks_after_their_parent_in_reading_order():
    kinds = [type(block).__name__ for block in iter_blocks(doc().blocks)]
    assert kinds == [
        "Heading", "Paragraph", "Image", "Image", "List", "List", "Heading", "List", "BlockQuote", "Paragraph",
        "Heading", "Paragraph",
    ]  # fmt: skip


def test_document_units_are_the_front_matter_then_the_body_in_file_order():
    units = list(document_units(doc()))
    front = [u for u in units if u.kind in ("title", "summary", "sms", "reference")]
    assert units[: len(front)] == front
    body_lines = [u.origin.line for u in units[len(front) :]]
    assert body_lines == sorted(body_lines)


def test_every_unit_is_visited_once_by_map_units():
    seen: list[str] = []

    def record(unit):
        seen.append(unit.msgid)
        return unit

    original = doc()
    assert map_units(original, record) == original
    assert sorted(seen) == sorted(u.msgid for u in document_units(original))


def test_map_units_rebuilds_nested_units_and_keeps_the_blocks_kinds():
    mapped = map_units(doc(), lambda unit: dataclasses.replace(unit, inlines=(Text(unit.msgid.upper()),)))
    for block in iter_blocks(mapped.blocks):
        assert isinstance(block, Heading | Paragraph | Image | List | BlockQuote)
    items = [b for b in iter_blocks(mapped.blocks) if isinstance(b, List)]
    assert items[1].items[0].content.text == items[1].items[0].content.msgid.upper()


def test_inlines_are_walked_and_mapped_bottom_up():
    inlines = (Text("a "), Strong((Text("b"),)))
    assert [type(n).__name__ for n in iter_inlines(inlines)] == ["Text", "Strong", "Text"]
    upper = map_inlines(inlines, lambda n: (Text(n.text.upper()),) if isinstance(n, Text) else (n,))
    assert upper == (Text("A "), Strong((Text("B"),)))
    assert link_targets(inlines) == ()

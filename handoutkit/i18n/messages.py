"""What goes into a catalog: one message per translatable unit, with its note, flags and references."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from handoutkit.model import Block, Document, Heading, TextUnit
from handoutkit.walk import document_units, iter_blocks

if TYPE_CHECKING:
    from handoutkit.registry import Registered
from handoutkit.ui import CORE_UI_MESSAGES, UiMessage, placeholders

__all__ = [
    "CatalogMessage",
    "document_messages",
    "required_ui_msgids",
    "ui_catalog_messages",
    "ui_messages_of",
]

_MARKDOWN_NOTE = (
    "Inline Markdown: keep the markup as it is (**bold**, [link words](address)); translate the words, "
    "never change a link's address. Mark words left in another language as [words]{lang=en}."
)
_NOTES = {
    "title": "Title of the handout. Plain text.",
    "summary": "Main message of the handout, shown first.",
    "sms": "SMS message, plain text. Keep {organization} and {phone} exactly as they are.",
    "reference": "Reference: a source the handout relies on. Plain text; keep names of organizations and "
    "publications recognizable, and mark those left in English as [words]{lang=en}.",
    "paragraph": "Paragraph.",
    "list-item": "List item.",
    "image-description": "Image description (alt text): say what the picture shows. Plain text.",
}


@dataclass(frozen=True, slots=True)
class CatalogMessage:
    """One catalog entry as extraction makes it."""

    msgid: str
    locations: tuple[tuple[str, int], ...]
    """``#:`` references: (path, line)."""
    comment: str
    """The ``#.`` note for translators."""
    flags: tuple[str, ...]


def note_for(unit: TextUnit, heading_level: int | None = None) -> str:
    """The ``#.`` note for a unit: what the text is, and how to treat its markup."""
    what = f"Heading, level {heading_level or 2}." if unit.kind == "heading" else _NOTES[unit.kind]
    return f"{what} {_MARKDOWN_NOTE}" if unit.markdown else what


def flags_for(unit: TextUnit) -> tuple[str, ...]:
    """gettext/Weblate flags: ``md-text`` for Markdown units, ``python-brace-format`` for placeholders."""
    flags: list[str] = []
    if unit.markdown:
        flags.append("md-text")
    if unit.kind == "sms" and placeholders(unit.msgid):
        flags.append("python-brace-format")
    return tuple(flags)


def document_messages(doc: Document) -> list[CatalogMessage]:
    """The messages of one document's domain, duplicates merged, in file order."""
    levels = heading_levels(doc.blocks)
    merged: dict[str, tuple[list[tuple[str, int]], list[str], list[str]]] = {}
    for unit in document_units(doc):
        locations, notes, flags = merged.setdefault(unit.msgid, ([], [], []))
        locations.append((unit.origin.path, unit.origin.line))
        note = note_for(unit, levels.get(unit.origin.line))
        if note not in notes:
            notes.append(note)
        flags.extend(f for f in flags_for(unit) if f not in flags)
    return [
        CatalogMessage(msgid, tuple(locations), "\n".join(notes), tuple(flags))
        for msgid, (locations, notes, flags) in merged.items()
    ]


def heading_levels(blocks: Sequence[Block]) -> dict[int, int]:
    """The level of every heading by its source line, headings nested in lists and quotes included."""
    return {b.content.origin.line: b.level for b in iter_blocks(blocks) if isinstance(b, Heading)}


def ui_catalog_messages(messages: Sequence[UiMessage], config_path: str, collection_title: str) -> list[CatalogMessage]:
    """The ``ui`` domain: core and exporter interface words, plus the collection title from configuration."""
    out: dict[str, CatalogMessage] = {}
    for message in messages:
        if message.msgid not in out:
            out[message.msgid] = CatalogMessage(message.msgid, (), message.comment, message.flags)
    if collection_title not in out:
        out[collection_title] = CatalogMessage(
            collection_title, ((config_path, 0),), "Title of the book that collects every handout.", ()
        )
    return list(out.values())


def ui_messages_of(exporters: Iterable[Registered]) -> tuple[UiMessage, ...]:
    """The core's interface words followed by each exporter's own, without duplicates."""
    seen: dict[str, UiMessage] = {}
    for message in (*CORE_UI_MESSAGES, *(m for e in exporters for m in e.ui_messages)):
        seen.setdefault(message.msgid, message)
    return tuple(seen.values())


def required_ui_msgids(collection_title: str, exporters: Sequence[Registered]) -> tuple[str, ...]:
    """The ``ui`` messages a build with these exporters prints."""
    msgids = [m.msgid for m in ui_messages_of(exporters)]
    if any(e.collection for e in exporters) and collection_title not in msgids:
        msgids.append(collection_title)
    return tuple(msgids)

"""Plain text for screen readers and braille displays (standards.md section 5).

Whole paragraphs on one line each (a braille display or a line-by-line reading gets full sentences),
headings set apart by blank lines, labelled list items, no decoration that would be read aloud, link
addresses given once where a listener can use them, images by their description.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import assert_never

from handoutkit.context import RenderContext
from handoutkit.exporter import OutputFile
from handoutkit.model import (
    Block,
    BlockQuote,
    Document,
    Emphasis,
    Heading,
    Image,
    Inline,
    LineBreak,
    Link,
    List,
    Paragraph,
    Strong,
    Text,
    TextUnit,
)
from handoutkit.notices import contact_details, link_address, review_notices, updated_notice
from handoutkit.ui import UiText

__all__ = ["TextExporter"]

BULLET = "\u2022"
"""The label of a bulleted item: screen readers say "bullet"."""
INDENT = "  "


@dataclass
class _Writer:
    """Collects paragraphs; each is one line (or a few, for list items), separated by blank lines."""

    ctx: RenderContext
    chunks: list[str] = field(default_factory=list)
    seen_links: set[str] = field(default_factory=set)

    def paragraph(self, text: str) -> None:
        self.chunks.append(text.strip())

    def heading(self, text: str) -> None:
        self.chunks.append("\n" + text.strip())

    def inlines(self, nodes: Sequence[Inline]) -> str:
        out: list[str] = []
        for node in nodes:
            match node:
                case Text(text=text):
                    out.append(text)
                case Strong(children=children) | Emphasis(children=children):
                    out.append(self.inlines(children))
                case Link(target=target, children=children):
                    out.append(self.link(target, self.inlines(children)))
                case LineBreak():
                    out.append("\n")
                case _:
                    assert_never(node)
        return "".join(out)

    def link(self, target: str, words: str) -> str:
        """The link's words, followed the first time by the address a listener can use."""
        if target in self.seen_links:
            return words
        self.seen_links.add(target)
        return _with_address(self.ctx.ui, target, words)

    def unit(self, unit: TextUnit) -> str:
        return self.inlines(unit.inlines)

    def blocks(self, blocks: Sequence[Block]) -> None:
        for block in blocks:
            match block:
                case Heading(content=content):
                    self.heading(self.unit(content))
                case Paragraph(content=content):
                    self.paragraph(self.unit(content))
                case Image(alt=alt):
                    if alt is not None:
                        self.paragraph(self.ctx.ui("Image: {description}", description=self.unit(alt)))
                case List():
                    self.paragraph("\n".join(self.list_lines(block, 0)))
                case BlockQuote(children=children):
                    self.blocks(children)
                case _:
                    assert_never(block)

    def list_lines(self, block: List, depth: int) -> list[str]:
        lines: list[str] = []
        for number, item in enumerate(block.items, start=block.start):
            label = f"{number}." if block.ordered else BULLET
            lines.append(f"{INDENT * depth}{label} {self.unit(item.content)}")
            for child in item.children:
                match child:
                    case List():
                        lines.extend(self.list_lines(child, depth + 1))
                    case Paragraph(content=content):
                        lines.append(f"{INDENT * (depth + 1)}{self.unit(content)}")
                    case Heading() | Image() | BlockQuote():
                        sub = _Writer(self.ctx, seen_links=self.seen_links)
                        sub.blocks((child,))
                        lines.extend(f"{INDENT * (depth + 1)}{chunk.strip()}" for chunk in sub.chunks)
                    case _:
                        assert_never(child)
        return lines

    def text(self) -> str:
        body = "\n\n".join(self.chunks)
        lines = [line.rstrip() for line in body.split("\n")]
        return unicodedata.normalize("NFC", "\n".join(lines).strip("\n") + "\n")


def _with_address(ui: UiText, target: str, words: str) -> str:
    """The link's words followed by its address, unless they already say it."""
    address = link_address(target, words)
    if address is None:
        return words
    return ui(address.message, text=words, **{address.field: address.shown})


class TextExporter:
    """Plain text for screen readers: ``output/<lang>/<slug>.txt``."""

    name = "text"
    description = "Plain text for screen readers and braille displays (UTF-8, one paragraph per line)"
    suffixes = (".txt",)
    label = "Plain text for screen readers"

    def render(self, doc: Document, ctx: RenderContext) -> Sequence[OutputFile]:
        """The handout as plain text."""
        out = _Writer(ctx)
        ui = ctx.ui
        if ctx.language.rtl:
            out.paragraph(ui("Language: {language}", language=ctx.language.native_name))
        out.paragraph(out.unit(doc.meta.title))
        if doc.meta.summary is not None:
            out.paragraph(ui("Main message: {text}", text=out.unit(doc.meta.summary)))
        for notice in review_notices(doc, ui):
            out.paragraph(notice.text)
        updated = updated_notice(doc, ui)
        if updated is not None:
            out.paragraph(updated.text)
        out.blocks(doc.blocks)
        contact = contact_details(ctx.settings.organization, ui)
        if not contact.empty:
            out.heading(ui("Contact us"))
            if contact.sentence is None and contact.name:
                out.paragraph(contact.name)
            if contact.sentence is not None:
                out.paragraph(contact.sentence.text)
            if contact.website is not None:
                out.paragraph(contact.website.text)
        if doc.meta.references:
            out.heading(ui("References"))
            lines = []
            for number, reference in enumerate(doc.meta.references, start=1):
                text = out.unit(reference.text)
                lines.append(f"{number}. {_with_address(ui, reference.link, text) if reference.link else text}")
            out.paragraph("\n".join(lines))
        return [OutputFile(".txt", out.text().encode("utf-8"))]

"""Plain text for screen readers and braille displays (docs/standards.md, section 5).

A renderer of the handout view (:mod:`handoutkit.present.view`). Whole paragraphs on one line each
(a braille display or a line-by-line reading gets full sentences); headings set apart by blank lines
and numbered by level ("Section 2.1: ..."), so that a listener can tell a section from a sub-section;
labelled list items; a block quote (in a handout, the urgent "get help right away" warning) said to be
set apart: "Important:" before it and, when it holds more than one block, "End of the important note."
after it, so a listener hears where it begins and ends; no decoration that would be read aloud; link
addresses given once, where a listener can use them; images by their description; left-to-right runs
in right-to-left text wrapped in U+2066...U+2069 where they would otherwise display out of order.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import assert_never

from handoutkit.context import RenderContext
from handoutkit.exporter import OutputFile
from handoutkit.model import Block, BlockQuote, Document, Heading, Image, List, Paragraph
from handoutkit.present.bidi import isolated_plain
from handoutkit.present.phrases import Words
from handoutkit.present.view import ContentsEntry, HandoutView, handout_view
from handoutkit.ui import UiMessage
from handoutkit.walk import iter_blocks

__all__ = ["TextExporter"]

BULLET = "\u2022"
"""The label of a bulleted item: screen readers say "bullet"."""
INDENT = "  "
SECTION = "Section {number}: {title}"
CONTENTS_MIN_SECTIONS = 3
"""The contents are listed when the handout has at least this many sections (as print does)."""
IMPORTANT = "Important: {text}"
IMPORTANT_ALONE = "Important:"
IMPORTANT_END = "End of the important note."


def _plain(words: Words) -> str:
    return isolated_plain(words.inlines)


@dataclass
class _Writer:
    """Collects paragraphs; each is one line (or a few, for list items), separated by blank lines."""

    view: HandoutView
    chunks: list[str] = field(default_factory=list)
    numbers: dict[str, str] = field(default_factory=dict)
    """Each heading's number by its anchor ("2", "2.1"), as the contents and the body show it."""

    def paragraph(self, text: str) -> None:
        self.chunks.append(text.strip())

    def heading(self, text: str) -> None:
        self.chunks.append("\n" + text.strip())

    def numbered(self, heading: Heading) -> str:
        number = self.numbers[heading.anchor]
        return _plain(self.view.phrases.say(SECTION, number=number, title=heading.content))

    def blocks(self, blocks: Sequence[Block]) -> None:
        for block in blocks:
            match block:
                case Heading():
                    self.heading(self.numbered(block))
                case Paragraph(content=content):
                    self.paragraph(_plain(content))
                case Image(alt=alt):
                    if alt is not None:
                        self.paragraph(_plain(self.view.phrases.say("Image: {description}", description=alt)))
                case List():
                    self.paragraph("\n".join(self.list_lines(block, 0)))
                case BlockQuote(children=children):
                    self.quote(children)
                case _:
                    assert_never(block)

    def quote(self, children: Sequence[Block]) -> None:
        """A block quote: its first paragraph begins "Important:" (or the label stands alone before
        another block); several blocks end with "End of the important note."."""
        match children:
            case [Paragraph(content=content), *rest]:
                self.paragraph(_plain(self.view.phrases.say(IMPORTANT, text=content)))
                self.blocks(rest)
            case _:
                self.paragraph(_plain(self.view.phrases.say(IMPORTANT_ALONE)))
                self.blocks(children)
        if len(children) > 1:
            self.paragraph(_plain(self.view.phrases.say(IMPORTANT_END)))

    def list_lines(self, block: List, depth: int) -> list[str]:
        lines: list[str] = []
        for number, item in enumerate(block.items, start=block.start):
            label = f"{number}." if block.ordered else BULLET
            lines.append(f"{INDENT * depth}{label} {_plain(item.content)}")
            for child in item.children:
                if isinstance(child, List):
                    lines.extend(self.list_lines(child, depth + 1))
                    continue
                sub = _Writer(self.view, numbers=self.numbers)
                sub.blocks((child,))
                lines.extend(f"{INDENT * (depth + 1)}{chunk.strip()}" for chunk in sub.chunks)
        return lines

    def text(self) -> str:
        body = "\n\n".join(self.chunks)
        lines = [line.rstrip() for line in body.split("\n")]
        return unicodedata.normalize("NFC", "\n".join(lines).strip("\n") + "\n")


def heading_numbers(view: HandoutView) -> dict[str, str]:
    """Every heading's number by its anchor, in reading order: "1" for a section, "1.1" below it."""
    numbers: dict[str, str] = {}
    counters: list[int] = []
    for heading in (block for block in iter_blocks(view.blocks) if isinstance(block, Heading)):
        depth = max(1, heading.level - 1)
        del counters[depth:]
        counters.extend([0] * (depth - len(counters)))
        counters[depth - 1] += 1
        numbers[heading.anchor] = ".".join(str(n) for n in counters)
    return numbers


def _contents(out: _Writer, entries: Sequence[ContentsEntry], depth: int) -> list[str]:
    lines: list[str] = []
    for entry in entries:
        number = out.numbers.get(entry.anchor)
        label = out.view.phrases.say(SECTION, number=number, title=entry.label) if number else entry.label
        lines.append(f"{INDENT * depth}{_plain(label)}")
        lines.extend(_contents(out, entry.children, depth + 1))
    return lines


def render_text(view: HandoutView) -> str:
    """The handout view as plain text."""
    out = _Writer(view, numbers=heading_numbers(view))
    if view.direction == "rtl":  # plain text cannot declare its direction: its first line names the language
        out.paragraph(_plain(view.language_line))
    if view.organization is not None:
        out.paragraph(_plain(view.organization))
    out.paragraph(_plain(view.title))
    if view.main_message is not None:
        out.paragraph(_plain(view.phrases.say("Main message: {text}", text=view.main_message)))
    for notice in view.notices:
        out.paragraph(_plain(notice.words))
    if len(view.sections) >= CONTENTS_MIN_SECTIONS:
        out.heading(_plain(view.contents_label))
        out.paragraph("\n".join(_contents(out, view.contents, 0)))
    out.blocks(view.blocks)
    if view.references_label is not None:
        out.heading(_plain(view.references_label))
        out.paragraph("\n".join(f"{n}. {_plain(ref)}" for n, ref in enumerate(view.references, start=1)))
    if view.contact_label is not None:
        out.heading(_plain(view.contact_label))
        for line in view.contact:
            out.paragraph(_plain(line))
    return out.text()


class TextExporter:
    """Plain text for screen readers: ``output/<lang>/<slug>.txt``."""

    name = "text"
    description = "Plain text for screen readers and braille displays (UTF-8, one paragraph per line)"
    suffixes = (".txt",)
    label = "Plain text for screen readers"
    ui_messages: tuple[UiMessage, ...] = (
        UiMessage(
            SECTION,
            "Plain text: a heading with its number (2 for a section, 2.1 for a part of it), so that a listener "
            "can tell sections from sub-sections. {number}: the number; {title}: the heading's words.",
        ),
        UiMessage(
            IMPORTANT,
            "Plain text: said before a passage set apart from the rest (a block quote), such as an urgent "
            "warning to get help right away, so that a listener knows it is set apart. {text}: its first "
            "paragraph.",
        ),
        UiMessage(
            IMPORTANT_ALONE,
            "Plain text: the same label when the set-apart passage does not begin with a paragraph (it stands "
            'alone on a line before it). Translate as in "Important: {text}".',
        ),
        UiMessage(
            IMPORTANT_END,
            "Plain text: said after a set-apart passage (a block quote) of several paragraphs or lists, so "
            "that a listener knows where it ends.",
        ),
    )

    def render(self, doc: Document, ctx: RenderContext) -> Sequence[OutputFile]:
        """The handout as plain text."""
        view = handout_view(doc, ctx, addresses="first")
        return [OutputFile(".txt", render_text(view).encode("utf-8"))]

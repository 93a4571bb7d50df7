"""The handout view as braille paragraphs: what each one says, where its lines start, the blank lines
around it; laid out after BANA's *Braille Formats: Principles of Print-to-Braille Transcription* (2016)
basics. A renderer of the view (:mod:`handoutkit.present.view`), as :mod:`exporters.text` is:

- the title: a centered heading, with a blank line after it;
- a level-2 heading: a cell-5 heading (every line starts in cell 5), a level-3 or deeper one a cell-7
  heading; a blank line before each; a heading is never the last line of a page;
- paragraphs in 3-1 format (first line in cell 3, runovers in cell 1), with no blank line between them;
- lists in 1-3 format (items in cell 1, runovers in cell 3), nested lists 3-5, then 5-7; a blank line
  before and after a list; the print's labels kept (numbers, the bullet where the code has one);
- a block quote as displayed material: a blank line before and after;
- the notice that the handout is not yet reviewed as boxed material, between a box line of dots 2356
  above and one of dots 1245 below;
- the references as a numbered list under a cell-5 heading, the contact details under another;
- links as their words and then their address, the first time each target appears (the view's
  ``addresses="first"``); the image as its description, introduced in the document's language.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal, assert_never

from handoutkit.model import Block, BlockQuote, Heading, Image, List, Origin, Paragraph, TextUnit, plain_text
from handoutkit.present.phrases import Phrase, origin_of
from handoutkit.present.view import HandoutView

__all__ = ["BULLET", "Para", "view_paragraphs"]

BULLET = "\u2022"
Box = Literal["", "top", "bottom"]


@dataclass(frozen=True, slots=True)
class Para:
    """One braille paragraph: print text to translate and how its lines are placed."""

    text: str
    """Print text, one line (a hard line break in print makes two paragraphs); '' for a box line."""
    origin: Origin
    """Where the words come from (the catalog entry of a translation, else the source line)."""
    first: int = 2
    """The cell (0-based) where the first line starts."""
    runover: int = 0
    """The cell (0-based) where every further line starts."""
    centered: bool = False
    blank_before: bool = False
    blank_after: bool = False
    keep_with_next: bool = False
    """Never the last thing on a page (headings)."""
    box: Box = ""
    """A box line instead of text."""


@dataclass
class _Builder:
    view: HandoutView
    paras: list[Para] = field(default_factory=list)

    def add(
        self,
        words: TextUnit | Phrase,
        first: int = 2,
        runover: int = 0,
        *,
        centered: bool = False,
        blank_before: bool = False,
        blank_after: bool = False,
        keep_with_next: bool = False,
    ) -> None:
        """``words`` as one paragraph per printed line (a hard break starts a line at the runover margin)."""
        lines = [line for line in plain_text(words.inlines).split("\n") if line.strip()]
        for index, line in enumerate(lines):
            last = index == len(lines) - 1
            self.paras.append(
                Para(
                    line,
                    origin_of(words),
                    first if index == 0 else runover,
                    runover,
                    centered=centered,
                    blank_before=blank_before and index == 0,
                    blank_after=blank_after and last,
                    keep_with_next=keep_with_next,
                )
            )

    def heading(self, words: TextUnit | Phrase, level: int) -> None:
        if level <= 1:
            self.add(words, 0, 0, centered=True, blank_before=True, blank_after=True, keep_with_next=True)
        else:
            cell = 4 if level == 2 else 6
            self.add(words, cell, cell, blank_before=True, keep_with_next=True)

    def blocks(self, blocks: Sequence[Block], margin: int = 0) -> None:
        for block in blocks:
            match block:
                case Heading(content=content, level=level):
                    self.heading(content, level)
                case Paragraph(content=content):
                    self.add(content, margin + 2, margin)
                case Image(alt=alt):
                    if alt is not None:
                        self.add(self.view.phrases.say("Image: {description}", description=alt), margin + 2, margin)
                case List():
                    self.framed(functools.partial(self.list, block, margin))
                case BlockQuote(children=children):
                    self.framed(functools.partial(self.blocks, children, margin))
                case _:
                    assert_never(block)

    def framed(self, build: Callable[[], None]) -> None:
        """What ``build`` adds, with a blank line before and after it."""
        start = len(self.paras)
        build()
        if len(self.paras) > start:
            self.paras[start] = replace(self.paras[start], blank_before=True)
            self.paras[-1] = replace(self.paras[-1], blank_after=True)

    def list(self, block: List, margin: int) -> None:
        for number, item in enumerate(block.items, start=block.start):
            self.item(f"{number}." if block.ordered else BULLET, item.content, margin)
            for child in item.children:
                if isinstance(child, List):
                    self.list(child, margin + 2)
                else:  # a further paragraph of the item: blocked at the item's runover margin
                    sub = _Builder(self.view)
                    sub.blocks((child,), margin + 2)
                    self.paras.extend(replace(p, first=max(p.first, margin + 2)) for p in sub.paras)

    def item(self, label: str, words: TextUnit | Phrase, margin: int) -> None:
        text = f"{label} {plain_text(words.inlines)}".replace("\n", " ")
        self.paras.append(Para(text, origin_of(words), margin, margin + 2))

    def boxed(self, words: Phrase) -> None:
        self.paras.append(Para("", words.origin, box="top"))
        self.add(words)
        self.paras.append(Para("", words.origin, box="bottom"))


def view_paragraphs(view: HandoutView) -> list[Para]:
    """The handout view as braille paragraphs, in reading order."""
    out = _Builder(view)
    out.heading(view.title, 1)
    if view.main_message is not None:
        out.add(view.phrases.say("Main message: {text}", text=view.main_message))
    for notice in view.notices:
        if notice.warning:
            out.boxed(notice.words)
        else:
            out.add(notice.words)
    out.blocks(view.blocks)
    if view.references_label is not None:
        out.heading(view.references_label, 2)
        references = view.references

        def numbered() -> None:
            for number, ref in enumerate(references, start=1):
                out.item(f"{number}.", ref, 0)

        out.framed(numbered)
    if view.contact_label is not None:
        out.heading(view.contact_label, 2)
        for line in view.contact:
            out.add(line)
    return out.paras

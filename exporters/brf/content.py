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
  ``addresses="first"``);
- the image as a transcriber's note (BANA 2016, §3: wording not in print is a transcriber's note;
  longer than seven words, it takes 7-5 margins): its description, introduced in the document's
  language, which the exporter encloses in the code's transcriber's note indicators;
- bold and emphasized words (print shows both bold) between :data:`BOLD_ON` and :data:`BOLD_OFF`,
  which the exporter turns into liblouis's bold typeform;
- the title page (title, main message, notices), then a contents page (:attr:`Para.entry` lines)
  when the handout has sections, then the body, each starting a new braille page.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal, assert_never

from handoutkit.model import (
    Block,
    BlockQuote,
    Emphasis,
    Heading,
    Image,
    Inline,
    LineBreak,
    List,
    Origin,
    Paragraph,
    Strong,
    Text,
    TextUnit,
    inline_children,
)
from handoutkit.present.phrases import Phrase, origin_of
from handoutkit.present.view import ContentsEntry, HandoutView

__all__ = ["BOLD_OFF", "BOLD_ON", "BULLET", "Para", "marked_text", "unmarked", "view_paragraphs"]

BULLET = "\u2022"
BOLD_ON = "\ue000"
"""A private-use character that starts a bold run in :attr:`Para.text` (never in print text)."""
BOLD_OFF = "\ue001"
"""Ends a bold run."""
Box = Literal["", "top", "bottom"]


def marked_text(inlines: tuple[Inline, ...]) -> str:
    """The inlines as plain text (hard breaks as newlines, links their words), bold and emphasized
    runs between :data:`BOLD_ON` and :data:`BOLD_OFF` (a nested one is part of the outer run); a run
    that holds a hard break is closed before it and opened again after it."""

    def flat(nodes: tuple[Inline, ...], bold: bool) -> str:
        parts: list[str] = []
        for node in nodes:
            match node:
                case Text(text=text):
                    parts.append(text)
                case LineBreak():
                    parts.append(BOLD_OFF + "\n" + BOLD_ON if bold else "\n")
                case Strong() | Emphasis() if not bold:
                    parts.append(BOLD_ON + flat(inline_children(node), True) + BOLD_OFF)
                case _:
                    parts.append(flat(inline_children(node), bold))
        return "".join(parts)

    return flat(inlines, False).replace(BOLD_ON + BOLD_OFF, "")


def unmarked(text: str) -> str:
    """``text`` without its bold marks."""
    return text.replace(BOLD_ON, "").replace(BOLD_OFF, "")


@dataclass(frozen=True, slots=True)
class Para:
    """One braille paragraph: print text to translate and how its lines are placed."""

    text: str
    """Print text, one line (a hard line break in print makes two paragraphs), bold runs between
    :data:`BOLD_ON` and :data:`BOLD_OFF`; '' for a box line."""
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
    note: bool = False
    """A transcriber's note: words that are not in print."""
    anchor: str = ""
    """The heading's anchor (or ``references``, ``contact``), which a contents entry points to."""
    entry: str = ""
    """A contents entry: the anchor whose braille page number ends its last line after guide dots."""
    new_page: bool = False
    """Starts a new braille page."""

    @property
    def plain(self) -> str:
        """The print text without bold marks."""
        return unmarked(self.text)


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
        note: bool = False,
        anchor: str = "",
        entry: str = "",
        new_page: bool = False,
    ) -> None:
        """``words`` as one paragraph per printed line (a hard break starts a line at the runover margin)."""
        lines = [line for line in marked_text(words.inlines).split("\n") if unmarked(line).strip()]
        for index, line in enumerate(lines):
            first_line, last = index == 0, index == len(lines) - 1
            self.paras.append(
                Para(
                    line,
                    origin_of(words),
                    first if first_line else runover,
                    runover,
                    centered=centered,
                    blank_before=blank_before and first_line,
                    blank_after=blank_after and last,
                    keep_with_next=keep_with_next,
                    note=note,
                    anchor=anchor if first_line else "",
                    entry=entry if last else "",
                    new_page=new_page and first_line,
                )
            )

    def heading(self, words: TextUnit | Phrase, level: int, anchor: str = "", *, new_page: bool = False) -> None:
        if level <= 1:
            self.add(
                words, 0, 0, centered=True, blank_before=True, blank_after=True, keep_with_next=True, new_page=new_page
            )
        else:
            cell = 4 if level == 2 else 6
            self.add(words, cell, cell, blank_before=True, keep_with_next=True, anchor=anchor, new_page=new_page)

    def contents(self, entries: Sequence[ContentsEntry]) -> None:
        """Contents entries in BANA's contents format: each level two cells further in (cells 1, 3,
        5...), every runover two cells past the deepest level; the page number is added at layout."""
        depth = _depth(entries)
        runover = 2 * depth

        def add(items: Sequence[ContentsEntry], level: int) -> None:
            for item in items:
                self.add(item.label, 2 * level, runover, entry=item.anchor)
                add(item.children, level + 1)

        add(entries, 0)

    def blocks(self, blocks: Sequence[Block], margin: int = 0) -> None:
        for block in blocks:
            match block:
                case Heading(content=content, level=level, anchor=anchor):
                    self.heading(content, level, anchor)
                case Paragraph(content=content):
                    self.add(content, margin + 2, margin)
                case Image(alt=alt):
                    if alt is not None:  # a transcriber's note in 7-5 margins (BANA 2016, §3.1.4)
                        self.add(self.view.phrases.say("Image: {description}", description=alt), 6, 4, note=True)
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
        text = f"{label} {marked_text(words.inlines)}".replace("\n", " ")
        self.paras.append(Para(text, origin_of(words), margin, margin + 2))

    def boxed(self, words: Phrase) -> None:
        self.paras.append(Para("", words.origin, box="top"))
        self.add(words)
        self.paras.append(Para("", words.origin, box="bottom"))


def _depth(entries: Sequence[ContentsEntry]) -> int:
    return max((1 + _depth(entry.children) for entry in entries), default=0)


def view_paragraphs(view: HandoutView, *, contents: bool = True) -> list[Para]:
    """The handout view as braille paragraphs, in reading order: the title page, the contents page
    (when ``contents`` and the view has entries), then the body on a new page."""
    out = _Builder(view)
    out.heading(view.title, 1)
    if view.main_message is not None:
        out.add(view.phrases.say("Main message: {text}", text=view.main_message))
    for notice in view.notices:
        if notice.warning:
            out.boxed(notice.words)
        else:
            out.add(notice.words)
    paged = contents and bool(view.contents)
    if paged:
        out.heading(view.contents_label, 1, new_page=True)
        out.contents(view.contents)
    body = len(out.paras)
    out.blocks(view.blocks)
    if view.references_label is not None:
        out.heading(view.references_label, 2, "references")
        references = view.references

        def numbered() -> None:
            for number, ref in enumerate(references, start=1):
                out.item(f"{number}.", ref, 0)

        out.framed(numbered)
    if view.contact_label is not None:
        out.heading(view.contact_label, 2, "contact")
        for line in view.contact:
            out.add(line)
    if paged and len(out.paras) > body:
        out.paras[body] = replace(out.paras[body], new_page=True)
    return out.paras

"""The document model: small, closed and immutable.

The reader builds it, translation builds a translated copy, and every exporter reads it; nothing changes
it. Block and inline types form closed unions so that exporters can dispatch with ``match`` and
``assert_never``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Literal, assert_never

__all__ = [
    "Block",
    "BlockQuote",
    "Document",
    "Emphasis",
    "Heading",
    "Image",
    "Inline",
    "Isolate",
    "LineBreak",
    "Link",
    "List",
    "ListItem",
    "Metadata",
    "Origin",
    "Paragraph",
    "Reference",
    "Review",
    "Span",
    "Strong",
    "Text",
    "TextUnit",
    "UnitKind",
    "block_units",
    "child_blocks",
    "inline_children",
    "plain_text",
    "with_children",
]


@dataclass(frozen=True, slots=True)
class Origin:
    """Where something came from: a file and a 1-based line."""

    path: str
    """The file, relative to the project folder where possible (``source/x.md``)."""
    line: int
    """1-based line number in that file (0 when the whole file is meant)."""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


# ---------------------------------------------------------------- inlines


@dataclass(frozen=True, slots=True)
class Text:
    """A run of plain text."""

    text: str


@dataclass(frozen=True, slots=True)
class Strong:
    """Strong importance (``**bold**``)."""

    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Emphasis:
    """Stress emphasis (``*word*``); large-print formats show it bold, never italic."""

    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Link:
    """A hyperlink. ``target`` is an absolute ``http(s):``, ``mailto:`` or ``tel:`` address."""

    target: str
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class LineBreak:
    """A hard line break inside a paragraph."""


@dataclass(frozen=True, slots=True)
class Span:
    """A phrase in another language than the text around it, marked by an author or a translator
    (``[What Is Lung Cancer?]{lang=en}``): formats tag it so that it is read with the right voice."""

    lang: str
    """BCP 47 tag of the phrase's language (checked by the reader)."""
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Isolate:
    """A run kept in its own direction inside text of the other direction: a phone number, a dose or a
    Latin name in Arabic text. The presentation layer makes these (:mod:`handoutkit.present.bidi`); the
    reader and translation never do."""

    direction: Literal["ltr", "rtl"]
    children: tuple[Inline, ...]
    needed: bool = True
    """True when plain text must isolate the run (U+2066...U+2069) for it to display in order; formats
    with markup isolate every run whatever this says."""


Inline = Text | Strong | Emphasis | Link | LineBreak | Span | Isolate


def inline_children(node: Inline) -> tuple[Inline, ...]:
    """The inlines directly inside ``node`` (none for text and line breaks)."""
    match node:
        case Text() | LineBreak():
            return ()
        case Strong(children=children) | Emphasis(children=children) | Link(children=children):
            return children
        case Span(children=children) | Isolate(children=children):
            return children
        case _:
            assert_never(node)


def with_children(node: Inline, children: tuple[Inline, ...]) -> Inline:
    """``node`` with other inlines inside it (``node`` itself for text and line breaks)."""
    match node:
        case Text() | LineBreak():
            return node
        case Strong():
            return Strong(children)
        case Emphasis():
            return Emphasis(children)
        case Link(target=target):
            return Link(target, children)
        case Span(lang=lang):
            return Span(lang, children)
        case Isolate(direction=direction, needed=needed):
            return Isolate(direction, children, needed)
        case _:
            assert_never(node)


# ---------------------------------------------------------- translatable units

UnitKind = Literal[
    "title",
    "summary",
    "sms",
    "reference",
    "heading",
    "paragraph",
    "list-item",
    "image-description",
]


@dataclass(frozen=True, slots=True)
class TextUnit:
    """One translatable unit of text: one gettext message.

    ``msgid`` is the unit's source as written (inline Markdown for Markdown units), and it is the same
    in the source document and in every translation of it, so exporters and checks can always go back
    to the catalog entry. ``inlines`` is the text as shown, in ``lang``.
    """

    msgid: str
    """The source text, the gettext msgid (inline Markdown for Markdown units, with soft line breaks
    joined by single spaces)."""
    inlines: tuple[Inline, ...]
    """The parsed text in ``lang`` (a single :class:`Text` for plain-text units)."""
    lang: str
    """BCP 47 tag of the language the text is in: the source language when untranslated."""
    origin: Origin
    """Where the source text is (``source/<slug>.md`` and its line)."""
    kind: UnitKind
    """What the text is, for translators' notes and for checks."""
    markdown: bool = True
    """Whether the msgid is inline Markdown (False for titles, references and SMS messages)."""
    translated_at: Origin | None = None
    """Where the translation came from (the .po file and its entry's line), None for source text."""

    @property
    def text(self) -> str:
        """The text without markup, as a screen reader or an SMS would carry it."""
        return plain_text(self.inlines)


def plain_text(inlines: tuple[Inline, ...]) -> str:
    """Flatten inlines to plain text (hard breaks become newlines; links keep their text only)."""
    parts: list[str] = []
    for node in inlines:
        match node:
            case Text(text=text):
                parts.append(text)
            case LineBreak():
                parts.append("\n")
            case _:
                parts.append(plain_text(inline_children(node)))
    return "".join(parts)


# ----------------------------------------------------------------- blocks


@dataclass(frozen=True, slots=True)
class Heading:
    """A section heading. Level 1 is the document title only; body headings are 2 to 6."""

    level: int
    content: TextUnit
    anchor: str
    """A stable identifier made from the source text (same in every language), e.g. ``h-symptoms``."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of inline text."""

    content: TextUnit


@dataclass(frozen=True, slots=True)
class Image:
    """An image standing alone in its own paragraph.

    ``src`` is a path relative to the ``source/`` folder, checked by the reader to exist there.
    Informative images carry ``alt``; decorative ones (``{.decorative}``) have ``alt`` None.
    """

    src: PurePosixPath
    alt: TextUnit | None
    origin: Origin

    @property
    def decorative(self) -> bool:
        """True when the image carries no information and is hidden from assistive technology."""
        return self.alt is None


@dataclass(frozen=True, slots=True)
class ListItem:
    """A list item: its own text, then any nested blocks (sub-lists, further paragraphs)."""

    content: TextUnit
    children: tuple[Block, ...] = ()


@dataclass(frozen=True, slots=True)
class List:
    """A bulleted (``ordered`` False) or numbered list."""

    ordered: bool
    items: tuple[ListItem, ...]
    start: int = 1
    """The first number of a numbered list."""


@dataclass(frozen=True, slots=True)
class BlockQuote:
    """A block quote holding further blocks."""

    children: tuple[Block, ...]


Block = Heading | Paragraph | Image | List | BlockQuote


def block_units(block: Block) -> tuple[TextUnit, ...]:
    """The translatable units a block holds itself, not those of the blocks nested in it."""
    match block:
        case Heading(content=content) | Paragraph(content=content):
            return (content,)
        case Image(alt=alt):
            return () if alt is None else (alt,)
        case List(items=items):
            return tuple(item.content for item in items)
        case BlockQuote():
            return ()
        case _:
            assert_never(block)


def child_blocks(block: Block) -> tuple[Block, ...]:
    """The blocks directly nested in ``block`` (a list's items' blocks, a block quote's blocks)."""
    match block:
        case Heading() | Paragraph() | Image():
            return ()
        case List(items=items):
            return tuple(child for item in items for child in item.children)
        case BlockQuote(children=children):
            return children
        case _:
            assert_never(block)


# ------------------------------------------------------------------ document


@dataclass(frozen=True, slots=True)
class Reference:
    """A source the document relies on."""

    text: TextUnit
    link: str | None = None


@dataclass(frozen=True, slots=True)
class Metadata:
    """The front matter of a handout."""

    title: TextUnit
    summary: TextUnit | None = None
    """The main message, shown first in every long format."""
    sms: tuple[TextUnit, ...] = ()
    """Short messages for the SMS exporter; may hold ``{organization}`` and ``{phone}``."""
    sms_parts: int | None = None
    """The number of SMS parts each message may take (None: the configuration's budget)."""
    reviewed_by: str = ""
    """Who reviewed the source medically; empty until a qualified person has."""
    reviewed_on: dt.date | None = None
    reviewed_digest: str = ""
    """What the source review covered (written by the ``review`` command; see :mod:`handoutkit.review`)."""
    updated: dt.date | None = None
    """When the source content last changed."""
    references: tuple[Reference, ...] = ()


@dataclass(frozen=True, slots=True)
class Review:
    """Who vouched for a document in one language, and whether that still holds.

    The source language counts as reviewed when the source's review holds; a translation only when the
    source's does, its catalog's translation review holds too, and no unit is shown in the source
    language. A review holds when its text has not changed since (its digest), it is not older than the
    source's ``updated`` date, and (for a translation) the catalog's status is not a draft.
    """

    source_by: str = ""
    """The qualified person who reviewed the source (front matter ``reviewed_by``)."""
    source_on: dt.date | None = None
    translation_by: str = ""
    """Who reviewed the translation (catalog header ``X-Translation-Reviewed-By``)."""
    translation_on: dt.date | None = None
    is_translation: bool = False
    """True when the document is in a language other than the source language."""
    source_void: str = ""
    """Why the recorded source review does not count ("" when it does, or when there is none)."""
    translation_void: str = ""
    """Why the recorded translation review does not count ("" when it does, or when there is none)."""
    translation_draft: bool = False
    """True when the catalog's ``X-Translation-Status`` says the translation is a draft."""
    fallback_units: int = 0
    """How many units are shown in the source language because they have no usable translation."""
    source_at: Origin | None = None
    """Where the source review is recorded (its front matter line)."""
    translation_at: Origin | None = None
    """Where the translation review is recorded (its catalog header line)."""

    @property
    def source_reviewed(self) -> bool:
        """True when the source's medical review is recorded and still holds."""
        return bool(self.source_by.strip()) and self.source_on is not None and not self.source_void

    @property
    def translation_reviewed(self) -> bool:
        """True when the catalog's translation review is recorded and still holds (whatever the source's)."""
        recorded = bool(self.translation_by.strip()) and self.translation_on is not None
        return recorded and not self.translation_void and not self.translation_draft

    @property
    def reviewed(self) -> bool:
        """True when the text in this language may be called reviewed."""
        if not self.source_reviewed:
            return False
        if not self.is_translation:
            return True
        return self.translation_reviewed and self.fallback_units == 0


@dataclass(frozen=True, slots=True)
class Document:
    """One handout in one language."""

    slug: str
    """The file name without ``.md``; also the gettext domain."""
    path: str
    """The source file (``source/<slug>.md``)."""
    lang: str
    """BCP 47 tag of the language this document is for."""
    source_lang: str
    """BCP 47 tag of the language it was written in."""
    meta: Metadata
    blocks: tuple[Block, ...]
    review: Review = Review()
    """The review status of the document in ``lang``."""
    revised: dt.datetime | None = None
    """When the translation last changed (the catalog's ``PO-Revision-Date``); None for the source."""
    units_total: int = field(default=0, compare=False)
    """How many translatable units the document has."""
    units_translated: int = field(default=0, compare=False)
    """How many of them are shown in ``lang`` (all of them for the source language)."""

    @property
    def last_changed(self) -> dt.datetime | None:
        """When the text in ``lang`` last changed, in UTC: the later of the front matter's ``updated``
        (its midnight) and the catalog's revision date; None when neither is known. Never the clock."""
        moments = [_utc(value) for value in (self.meta.updated, self.revised) if value is not None]
        return max(moments) if moments else None


def _utc(value: dt.date | dt.datetime) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)
    return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)

"""Phrases: the words a handout shows besides its blocks (interface words, configuration values,
notices), as inlines with a language and an origin, so that every format tags and isolates them the
way it does the document's own text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, Protocol

from handoutkit.languages import Language
from handoutkit.model import Inline, Isolate, Link, Origin, Span, Text, TextUnit, plain_text
from handoutkit.notices import link_address
from handoutkit.present.bidi import direction_of, isolate_runs
from handoutkit.ui import UiText
from handoutkit.walk import iter_inlines, map_inlines

__all__ = ["AddressStyle", "Phrase", "Phrasebook", "Words", "origin_of"]

AddressStyle = Literal["none", "first", "every"]
"""Where a link's address is spelled out after its words: never (screens follow links), the first
time a target appears (plain text: an address is read once), or every time (print)."""

_FIELD = re.compile(r"{{|}}|{([A-Za-z_][A-Za-z0-9_]*)}")


@dataclass(frozen=True, slots=True)
class Phrase:
    """A line of text that is not one of the document's blocks."""

    inlines: tuple[Inline, ...]
    lang: str
    """BCP 47 tag of the language the words are in (the source language for an untranslated one)."""
    origin: Origin
    """Where the words come from: the ``ui`` catalog entry, a configuration key, the source."""

    @property
    def text(self) -> str:
        """The words without markup."""
        return plain_text(self.inlines)


class Words(Protocol):
    """What a renderer needs of any text it shows: a :class:`Phrase` or a document's ``TextUnit``."""

    @property
    def inlines(self) -> tuple[Inline, ...]: ...

    @property
    def lang(self) -> str: ...


def origin_of(words: TextUnit | Phrase) -> Origin:
    """Where the words shown were written: a translated unit's catalog entry, else its source line."""
    if isinstance(words, TextUnit):
        return words.translated_at or words.origin
    return words.origin


Value = str | tuple[Inline, ...] | Phrase | TextUnit
"""What fills a placeholder: plain text, inlines, or words with a language of their own."""


@dataclass
class Phrasebook:
    """Builds phrases for one document in one language: interface words with their placeholders
    filled by inlines, links spelled out in the chosen :data:`AddressStyle`, runs isolated."""

    ui: UiText
    language: Language
    origin_of: Mapping[str, Origin]
    """Where each ``ui`` msgid of this language was read (its catalog entry's line)."""
    default_origin: Origin
    """Where an interface word without a catalog entry comes from."""
    addresses: AddressStyle = "none"
    seen: set[str] = field(default_factory=set)
    """Link targets already spelled out (style ``first``)."""

    def say(self, msgid: str, **values: Value) -> Phrase:
        """The ``ui`` message in this language, placeholders filled, ready to render."""
        lang = self.ui.lang(msgid)
        inlines = fill_inlines(self.ui(msgid), {k: self._value(v, lang) for k, v in values.items()})
        return self.finish(Phrase(inlines, lang, self.origin_of.get(msgid, self.default_origin)))

    def words(self, text: str, lang: str, origin: Origin) -> Phrase:
        """Plain text given in ``lang`` (a configuration value), ready to render."""
        return self.finish(Phrase((Text(text),) if text else (), lang, origin))

    def finish(self, phrase: Phrase) -> Phrase:
        """``phrase`` with its links spelled out and its runs isolated."""
        return Phrase(self.prepare(phrase.inlines, phrase.lang), phrase.lang, phrase.origin)

    def prepare(self, inlines: tuple[Inline, ...], lang: str) -> tuple[Inline, ...]:
        """Inlines in ``lang`` with their links spelled out and their runs isolated."""
        return isolate_runs(self._spell_out(inlines, lang), direction_of(lang))

    def _value(self, value: Value, lang: str) -> tuple[Inline, ...]:
        match value:
            case str():
                return (Text(value),) if value else ()
            case tuple():
                return value
            case _:
                return value.inlines if value.lang == lang else (Span(value.lang, value.inlines),)

    def _spell_out(self, inlines: tuple[Inline, ...], lang: str) -> tuple[Inline, ...]:
        if self.addresses == "none":
            return inlines

        def address_of(link: Link) -> tuple[Inline, ...] | None:
            """The words "(Link: address)" that follow ``link``, in ``lang``; None when not spelled out."""
            address = link_address(link.target, plain_text(link.children))
            if address is None or (self.addresses == "first" and link.target in self.seen):
                return None
            self.seen.add(link.target)
            message_lang = self.ui.lang(address.message)
            shown: tuple[Inline, ...] = (Link(link.target, (Text(address.shown),)),)
            # The message's own words are tagged when they are in another language; the link's are not.
            words = None if message_lang == lang else message_lang
            return fill_inlines(self.ui(address.message), {"text": (link,), address.field: shown}, words_lang=words)

        def spell(node: Inline) -> tuple[Inline, ...]:
            if isinstance(node, Link):
                return address_of(node) or (node,)
            if isinstance(node, Span):
                # A link inside a phrase in another language: its address follows the phrase, in the
                # words of the text around it (never inside the phrase, whose language it is not in).
                after: list[Inline] = []
                for link in (n for n in iter_inlines(node.children) if isinstance(n, Link)):
                    spelled = address_of(link)
                    if spelled is not None:
                        after.extend(spelled[spelled.index(link) + 1 :] if link in spelled else spelled)
                return (node, *after)
            return (node,)

        return map_inlines(inlines, spell, descend=lambda node: not isinstance(node, Link | Isolate | Span))


def fill_inlines(
    template: str, values: Mapping[str, tuple[Inline, ...]], *, words_lang: str | None = None
) -> tuple[Inline, ...]:
    """``template``'s text with each ``{name}`` replaced by the inlines given for it (``{{``/``}}`` are
    braces; an unknown field stays as written, as :func:`handoutkit.ui.fill` leaves it). With
    ``words_lang``, the template's own words are a :class:`Span` in that language."""
    out: list[Inline] = []

    def words(text: str) -> Inline:
        return Text(text) if words_lang is None else Span(words_lang, (Text(text),))

    done = 0
    text = ""
    for match in _FIELD.finditer(template):
        text += template[done : match.start()]
        done = match.end()
        token = match.group(0)
        name = match.group(1)
        if token in ("{{", "}}"):
            text += token[0]
        elif name in values:
            if text:
                out.append(words(text))
                text = ""
            out.extend(values[name])
        else:
            text += token
    text += template[done:]
    if text:
        out.append(words(text))
    return tuple(out)

"""Interface words: what the exporters print themselves, translated apart from content (``ui`` domain).

The core declares the words every format shares; an exporter declares its own in ``ui_messages``.
Placeholders are ``{name}`` fields (flagged ``python-brace-format`` so ``msgfmt --check`` catches one
that a translation drops); they are filled by simple substitution, never by ``str.format``, so a
catalog cannot reach into Python objects.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from handoutkit.languages import Language
from handoutkit.long_dates import long_date
from handoutkit.model import Origin

__all__ = ["CORE_UI_MESSAGES", "UI_DOMAIN", "UiMessage", "UiText", "fill", "has_stray_brace", "placeholders"]

UI_DOMAIN = "ui"

_FIELD = re.compile(r"{{|}}|{([A-Za-z_][A-Za-z0-9_]*)}")


@dataclass(frozen=True, slots=True)
class UiMessage:
    """One interface message: its English text and a note for translators."""

    msgid: str
    comment: str

    @property
    def flags(self) -> tuple[str, ...]:
        """gettext flags: ``python-brace-format`` when the message has placeholders."""
        return ("python-brace-format",) if placeholders(self.msgid) else ()


CORE_UI_MESSAGES: tuple[UiMessage, ...] = (
    UiMessage(
        "Not yet reviewed by a qualified reviewer.",
        "Shown near the top of every handout while no qualified person has checked its medical content.",
    ),
    UiMessage(
        "Medical content reviewed by {name} on {date}.",
        "Review status of the source text. {name}: the reviewer; {date}: a date already written out.",
    ),
    UiMessage(
        "Translation reviewed by {name} on {date}.",
        "Review status of this translation. {name}: the reviewer; {date}: a date already written out.",
    ),
    UiMessage("Updated {date}.", "When the handout's content last changed. {date}: a date already written out."),
    UiMessage("References", "Heading of the list of sources at the end of a handout."),
    UiMessage("Contents", "Heading of a table of contents."),
    UiMessage("Page {page} of {pages}", "Page number at the foot of every printed page."),
    UiMessage("Image: {description}", "Introduces the description of a picture in text-only formats."),
    UiMessage(
        "{text} (Link: {address})",
        "A link's words ({text}) followed by its address, where a link cannot be followed (plain text, print).",
    ),
    UiMessage("{text} (Phone: {number})", "A phone link's words followed by the number, in plain text and print."),
    UiMessage("{text} (Email: {address})", "An email link's words followed by the address, in plain text and print."),
    UiMessage("Contact us", "Heading of the organization's phone number and web address at the end of a handout."),
    UiMessage("Questions? Call {organization} at {phone}.", "Contact line with the clinic's name and phone number."),
    UiMessage("Questions? Call {phone}.", "Contact line when only a phone number is configured."),
    UiMessage("Website: {address}", "The organization's web address, in the contact details."),
    UiMessage("Language: {language}", "First line of a plain-text file. {language}: the language's own name."),
    UiMessage("Main message", "Label of the short summary shown first in every handout."),
    UiMessage("Main message: {text}", "Text-only formats: the short summary shown first, after its label."),
)


def placeholders(text: str) -> tuple[str, ...]:
    """The ``{name}`` fields of a message, sorted (``{{`` and ``}}`` are literal braces)."""
    return tuple(sorted({m.group(1) for m in _FIELD.finditer(text) if m.group(1)}))


def has_stray_brace(text: str) -> bool:
    """True when ``text`` holds a brace that is no ``{name}`` field, ``{{`` or ``}}`` (``{0}``,
    ``{phone:>40}``, a lone ``{``): :func:`fill` would print it as typed."""
    rest = _FIELD.sub("", text)
    return "{" in rest or "}" in rest


def fill(template: str, values: Mapping[str, str]) -> str:
    """Replace ``{name}`` fields with ``values``; ``{{``/``}}`` give braces; unknown fields stay as written."""

    def replace(match: re.Match[str]) -> str:
        token = match.group(0)
        if token in ("{{", "}}"):
            return token[0]
        return values.get(match.group(1), token)

    return _FIELD.sub(replace, template)


@dataclass(frozen=True, slots=True)
class UiText:
    """The ``ui`` translations of one language, and its date format.

    Untranslated messages fall back to the English text; :meth:`lang` says which language a message
    comes out in, so exporters can tag it.
    """

    language: Language
    source_language: Language
    translations: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """msgid -> msgstr, usable entries only (no fuzzy, no empty)."""
    origins: Mapping[str, Origin] = field(default_factory=lambda: MappingProxyType({}))
    """msgid -> where its translation was read (the catalog entry's line)."""

    def __call__(self, msgid: str, **values: str) -> str:
        """The message in this language with its fields filled in."""
        return fill(self.translations.get(msgid, msgid), values)

    def lang(self, msgid: str) -> str:
        """BCP 47 tag of the language :meth:`__call__` returns ``msgid`` in."""
        if self.language == self.source_language or msgid in self.translations:
            return self.language.tag
        return self.source_language.tag

    def date(self, value: dt.date) -> str:
        """A date written out for this language (Babel's long format: ``25 de noviembre de 2026``)."""
        return long_date(value, self.language.gettext)

    def missing(self, msgids: Iterable[str]) -> tuple[str, ...]:
        """Which of ``msgids`` have no translation (none for the source language)."""
        if self.language == self.source_language:
            return ()
        return tuple(m for m in msgids if m not in self.translations)

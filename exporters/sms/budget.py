"""The SMS budget as translators see it: a note and Weblate's ``max-length:N`` flag.

Weblate's max-length check counts characters: ``len()`` of the translation as written, in code points,
placeholders as typed. An SMS counts septets or UTF-16 units of the message as sent, placeholders
filled and the link appended. N is set so that a translation made of ordinary characters that Weblate
accepts also fits the budget:

    N = capacity - link - placeholders - double - breaks - isolates

- capacity: the units ``parts`` parts hold in the assumed encoding (70/160 for one part, 67/153 each
  for more). The encoding is UCS-2 unless the current translation, with its placeholders filled and
  the link appended, is GSM-7 (so a missing translation gets the UCS-2 budget);
- link: the link's units and the space before it;
- placeholders: how much longer the filled-in values are than ``{organization}``/``{phone}`` as typed,
  for each time the translation (or, without one, the source) uses them;
- double: the units the current translation's characters cost beyond one each (an emoji in UCS-2;
  ``€ [ ] { } \\ ^ ~ |`` in GSM-7);
- breaks: for each place the message splits into parts, the units a part may leave unused because
  a character is never split: one (an escape pair, a surrogate pair), or more when the current
  translation has a longer grapheme cluster (a letter with two marks, an emoji with a skin tone);
- isolates: in a right-to-left language, the U+2066...U+2069 marks that keep a phone number, a Latin
  name or the link left to right (:func:`sent_message`), one UTF-16 unit each: those the current
  translation needs, or without one, those the filled-in placeholders and the link need inside
  right-to-left text.

So a current translation that Weblate accepts always fits. An edit can still break the budget (a
character costing two units added, a letter outside GSM-7 typed into a GSM-7 translation): the
``check`` command, which counts the real message, is the authority, and the next ``update`` renews N.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from exporters.sms.segments import CONCATENATED, GSM7, UCS2, Encoding, atoms, capacity, count_sms, text_units
from exporters.sms.smart import replace_typographic
from handoutkit.present.bidi import LRI, PDI, RLI, isolate_text

__all__ = [
    "LINK_ID_ALPHABET",
    "LINK_ID_LENGTH",
    "TranslatorBudget",
    "compose",
    "link_id",
    "message_links",
    "sent_message",
    "sms_link",
    "translator_budget",
]

_ISOLATES = frozenset({LRI, RLI, "\u2068", PDI})
_RTL_SAMPLE = "\u0628"
"""An Arabic letter: right-to-left text around a placeholder when the translation is not written yet."""


LINK_ID_ALPHABET = "23456789bcdfghjkmnpqrstvwxz"
"""The characters of a link identifier: digits and consonants only, so that no word (rude, or naming a
disease) can form, without ``0 1 l o i y`` (mistaken for one another when typed from paper). All GSM-7."""
LINK_ID_LENGTH = 8
"""Characters of a link identifier: 27**8, about 2.8e11 values (38 bits)."""


def link_id(lang: str, slug: str) -> str:
    """A short, stable, opaque identifier of one handout in one language, for ``{id}`` in a link.

    SHA-256 over ``<lang>/<slug>``, written in :data:`LINK_ID_ALPHABET`: the same in every build and on
    every machine, and different for each language, so that a clinic's web server can map it
    (``<slug>.sms.json`` gives ``link_id``; ``<collection>.sms-links.json`` lists a language's). It hides
    the topic from someone who glances at a lock screen or a shared phone. It is not a secret: whoever
    can guess a slug can compute its identifier, but such a person can as well open the link, which
    leads to the same public handout; a keyed hash would add a key to manage and protect nothing a
    reader needs. Within one language a collision (about 1 in 10^6 for a thousand handouts) is an error
    of the SMS collection, never a silent wrong link.
    """
    number = int.from_bytes(hashlib.sha256(f"{lang}/{slug}".encode()).digest()[:8], "big")
    base = len(LINK_ID_ALPHABET)
    chars = []
    for _ in range(LINK_ID_LENGTH):
        number, digit = divmod(number, base)
        chars.append(LINK_ID_ALPHABET[digit])
    return "".join(chars)


def sms_link(template: str, lang: str, slug: str) -> str:
    """The link to a handout from the configured template (``{lang}``: BCP 47 tag; ``{slug}``;
    ``{id}``: :func:`link_id`, which names neither the topic nor the language)."""
    return template.replace("{lang}", lang).replace("{slug}", slug).replace("{id}", link_id(lang, slug))


def message_links(count: int, link: str) -> list[str]:
    """The link each of ``count`` messages ends with: only the last one carries it.

    The first message shows on lock screens, and a handout's link names its topic (the slug), so with
    several messages the link goes at the end of the set, once.
    """
    return ["" if index < count - 1 else link for index in range(count)]


def compose(text: str, link: str = "") -> str:
    """The message as sent: the text, stripped of surrounding whitespace, then the link after a space."""
    text = text.strip()
    return f"{text} {link}" if link and text else text or link


def sent_message(text: str, link: str, direction: str) -> str:
    """The message as sent: :func:`compose`, then, in text written ``direction``, its left-to-right runs
    isolated (U+2066 ... U+2069) where the display would change without (a phone number in Arabic)."""
    return isolate_text(compose(text, link), direction)


@dataclass(frozen=True, slots=True)
class TranslatorBudget:
    """What a translator of one SMS message may write in one language."""

    parts: int
    """The part budget."""
    encoding: Encoding
    """The encoding assumed: GSM-7 only when the current translation is GSM-7."""
    capacity: int
    """Units the budget holds in that encoding."""
    link: int
    """Units the link takes, with the space before it."""
    placeholders: int
    """Units the filled-in placeholders add beyond the placeholders as typed."""
    double: int
    """Units the current translation's characters cost beyond one each."""
    breaks: int
    """Units kept free where the message splits into parts."""
    isolates: int = 0
    """Units the direction isolates take (right-to-left languages: around a phone number, the link...)."""

    @property
    def max_length(self) -> int:
        """N for Weblate's ``max-length:N`` (characters of the translation as written; never below 0)."""
        return max(0, self.capacity - self.link - self.placeholders - self.double - self.breaks - self.isolates)

    @property
    def flag(self) -> str:
        """The Weblate flag: ``max-length:N``."""
        return f"max-length:{self.max_length}"

    @property
    def note(self) -> str:
        """One line for translators (a ``#.`` comment)."""
        plural = "part" if self.parts == 1 else "parts"
        if self.encoding == GSM7:
            room = (
                f"This translation uses only GSM-7 characters, so that is {self.capacity} characters "
                f"(a letter outside GSM-7, such as á, would cut it to {capacity(self.parts, UCS2)})"
            )
        else:
            room = f"In this language that is {self.capacity} characters (UCS-2)"
        taken = [
            (self.link, "taken by the link"),
            (self.placeholders, "taken by the filled-in name or phone number"),
            (self.double, "taken by characters that count double"),
            (self.breaks, "kept free where the message splits"),
            (self.isolates, "taken by invisible marks that keep numbers and Latin text left to right"),
        ]
        shown = [f"{units} {what}" for units, what in taken if units]
        if shown:
            shown[0] = shown[0].replace(" ", " of them ", 1)
        detail = ", " + ", ".join(shown) if shown else ""
        return f"SMS: at most {self.parts} {plural}. {room}{detail}: keep the text within {self.max_length}."


def translator_budget(
    translation: str | None,
    parts: int,
    link: str = "",
    *,
    source: str = "",
    values: Mapping[str, str] | None = None,
    smart: bool = False,
    direction: str = "ltr",
) -> TranslatorBudget:
    """The budget of one SMS message in one language.

    ``translation``: the current msgstr (None or empty when untranslated or fuzzy); ``parts``: the part
    budget; ``link``: the link appended to the message (:func:`sms_link`, '' for none); ``source``: the
    msgid, to see which placeholders an untranslated message will use; ``values``: the placeholders'
    values in this language (``{"organization": ..., "phone": ...}``); ``smart``: whether the exporter
    applies smart encoding; ``direction``: the language's (``rtl`` counts the isolates of
    :func:`sent_message`).
    """
    values = dict(values or {})
    written = (translation or "").strip()  # as compose() sends it
    tokens = {"{" + name + "}": value for name, value in values.items()}
    encoding: Encoding = UCS2
    bare = _without(written, tokens)
    sent = bare
    waste = 1
    uses = written or source
    if written:
        message = count_sms(sent_message(_fill(written, tokens), link, direction), smart=smart)
        isolates = _marks(message.text)
        encoding = message.encoding
        if message.smart_encoded:
            sent = replace_typographic(bare)
        costs = (cost for _, cost in atoms(message.text, encoding, CONCATENATED[encoding]))
        waste = max(1, max(costs, default=0) - 1)
    else:
        isolates = _expected_isolates(uses, tokens, link, direction)
    growth = sum(
        uses.count(token) * max(0, _units(value, encoding) - len(token))
        for token, value in tokens.items()
        if token in uses
    )
    return TranslatorBudget(
        parts=parts,
        encoding=encoding,
        capacity=capacity(parts, encoding),
        link=_units(" " + link, encoding) if link else 0,
        placeholders=growth,
        double=max(0, _units(sent, encoding) - len(bare)),
        breaks=(parts - 1) * waste,
        isolates=isolates,
    )


def _expected_isolates(source: str, tokens: Mapping[str, str], link: str, direction: str) -> int:
    """The isolates a translation not written yet will need: each placeholder the source uses, and the
    link, as they would be isolated inside text written ``direction``."""
    if direction != "rtl":
        return 0
    marks = sum(
        source.count(token) * _marks(isolate_text(f"{_RTL_SAMPLE} {value} {_RTL_SAMPLE}", direction))
        for token, value in tokens.items()
        if value
    )
    return marks + (_marks(sent_message(_RTL_SAMPLE, link, direction)) if link else 0)


def _marks(text: str) -> int:
    return sum(1 for ch in text if ch in _ISOLATES)


def _fill(text: str, tokens: Mapping[str, str]) -> str:
    for token, value in tokens.items():
        text = text.replace(token, value)
    return text


def _without(text: str, tokens: Mapping[str, str]) -> str:
    for token in tokens:
        text = text.replace(token, "")
    return text


def _units(text: str, encoding: Encoding) -> int:
    return text_units(unicodedata.normalize("NFC", text), encoding)

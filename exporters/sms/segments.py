"""How many SMS parts a message takes, and how the network splits it.

The text is normalized to NFC first. When every character is in the GSM-7 tables the message is sent
in GSM-7 and counted in septets (extension characters cost two); otherwise the whole message is sent
in UCS-2 and counted in UTF-16 code units (a character above U+FFFF, such as an emoji, costs two).
A message that fits one SMS (160 septets, 70 units) is one part; a longer one is concatenated, and
each part then holds 153 septets or 67 units, the rest carrying the concatenation header.

Parts are filled up to their capacity, as phones and gateways do, but never end inside a grapheme
cluster (``regex``'s ``\\X``), so an escape pair, a surrogate pair, or a letter and its marks stay
together. Only a cluster bigger than a whole part is split, between its code points.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Literal

from exporters.sms.gsm7 import is_gsm7, septets
from exporters.sms.smart import smart_encode

if TYPE_CHECKING:
    import regex

__all__ = [
    "CONCATENATED",
    "GSM7",
    "SINGLE",
    "UCS2",
    "Encoding",
    "SmsCount",
    "atoms",
    "capacity",
    "count_sms",
    "text_units",
]

Encoding = Literal["GSM-7", "UCS-2"]
GSM7: Encoding = "GSM-7"
UCS2: Encoding = "UCS-2"

SINGLE: dict[Encoding, int] = {GSM7: 160, UCS2: 70}
"""Capacity of a message sent as one SMS."""
CONCATENATED: dict[Encoding, int] = {GSM7: 153, UCS2: 67}
"""Capacity of each part of a concatenated message."""


@cache
def _clusters() -> regex.Pattern[str]:
    """User-perceived characters (compiled when first needed: a build that only lists the exporters
    does not import ``regex``)."""
    import regex

    return regex.compile(r"\X")


@dataclass(frozen=True, slots=True)
class SmsCount:
    """A message as the network sends it."""

    text: str
    """The text sent: NFC (and smart-encoded when that was asked for and applied)."""
    encoding: Encoding
    """``GSM-7`` or ``UCS-2``."""
    units: int
    """Its length: septets in GSM-7, UTF-16 code units in UCS-2."""
    parts: tuple[str, ...]
    """The text of each part, in order; joined they give ``text``. Empty for an empty text."""
    part_capacity: int
    """Units each part may hold: 160/70 for a single SMS, 153/67 for each part of a longer one."""
    forced_ucs2: tuple[str, ...]
    """The characters outside GSM-7 that made the message UCS-2, each once, in order of appearance."""
    smart_encoded: bool = False
    """True when smart encoding replaced punctuation or spaces so that the message went GSM-7."""

    @property
    def part_count(self) -> int:
        """How many SMS the message is billed as."""
        return len(self.parts)

    @property
    def unit_name(self) -> str:
        """What :attr:`units` counts, for messages to people."""
        return "septets" if self.encoding == GSM7 else "UTF-16 code units"

    def part_units(self) -> tuple[int, ...]:
        """The units each part uses."""
        return tuple(text_units(part, self.encoding) for part in self.parts)


def char_units(ch: str, encoding: Encoding) -> int:
    """What one code point costs: septets in GSM-7, UTF-16 code units in UCS-2."""
    if encoding == GSM7:
        cost = septets(ch)
        if not cost:
            raise ValueError(f"{ch!r} (U+{ord(ch):04X}) cannot be sent in GSM-7")
        return cost
    return 2 if ord(ch) > 0xFFFF else 1


def text_units(text: str, encoding: Encoding) -> int:
    """The length of ``text`` in ``encoding``'s units (the text is taken as it is: normalize first)."""
    return sum(char_units(ch, encoding) for ch in text)


def capacity(parts: int, encoding: Encoding) -> int:
    """How many units a message may use to take at most ``parts`` parts."""
    if parts < 1:
        raise ValueError(f"a message takes at least one part, not {parts}")
    return SINGLE[encoding] if parts == 1 else parts * CONCATENATED[encoding]


def count_sms(text: str, *, smart: bool = False) -> SmsCount:
    """Count and split a message. ``smart``: allow smart encoding (see :mod:`exporters.sms.smart`)."""
    sent = unicodedata.normalize("NFC", text)
    forced = _outside_gsm7(sent)
    smart_encoded = False
    if smart and forced:
        replaced = smart_encode(sent)
        if replaced is not None:
            sent, forced, smart_encoded = replaced, (), True
    encoding = UCS2 if forced else GSM7
    units = text_units(sent, encoding)
    parts: tuple[str, ...]
    if units <= SINGLE[encoding]:
        parts = (sent,) if sent else ()
        size = SINGLE[encoding]
    else:
        size = CONCATENATED[encoding]
        parts = _split(sent, encoding, size)
    return SmsCount(sent, encoding, units, parts, size, forced, smart_encoded)


def _outside_gsm7(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ch for ch in text if not is_gsm7(ch)))


def atoms(text: str, encoding: Encoding, size: int) -> Iterator[tuple[str, int]]:
    """The pieces a part boundary may fall between, with their cost: grapheme clusters, or the code
    points of a cluster too big for any part."""
    for cluster in _clusters().findall(text):
        cost = text_units(cluster, encoding)
        if cost <= size:
            yield cluster, cost
        else:
            yield from ((ch, char_units(ch, encoding)) for ch in cluster)


def _split(text: str, encoding: Encoding, size: int) -> tuple[str, ...]:
    parts: list[str] = []
    current: list[str] = []
    used = 0
    for atom, cost in atoms(text, encoding, size):
        if used + cost > size:
            parts.append("".join(current))
            current, used = [], 0
        current.append(atom)
        used += cost
    if current:
        parts.append("".join(current))
    return tuple(parts)

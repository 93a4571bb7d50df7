"""Print text made ready for a braille table: controls dropped, spaces unified, and punctuation the
table lacks replaced by what it knows.

Letters and digits are never replaced: a table that cannot write a letter of the language is the
wrong table, and the exporter's ``check`` reports it. Only punctuation, symbols and spaces have
fallbacks, tried in order; the first whose characters the table defines is used.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import regex

__all__ = ["FALLBACKS", "candidates", "clean", "normalize", "probe_set"]

FALLBACKS: dict[str, tuple[str, ...]] = {
    "\u2010": ("-",),  # hyphen
    "\u2011": ("-",),  # non-breaking hyphen
    "\u2012": ("\u2013", "-"),  # figure dash
    "\u2013": ("-",),  # en dash
    "\u2014": ("\u2013", "-"),  # em dash
    "\u2015": ("\u2014", "\u2013", "-"),  # horizontal bar
    "\u2212": ("-",),  # minus sign
    "\u2022": ("*", "-"),  # bullet
    "\u25cf": ("\u2022", "*", "-"),  # black circle
    "\u00b7": ("\u2022", "*"),  # middle dot
    "\u2018": ("'",),
    "\u2019": ("'",),
    "\u201a": ("'",),
    "\u201c": ('"',),
    "\u201d": ('"',),
    "\u201e": ('"',),
    "\u00ab": ("\u201c", '"'),
    "\u00bb": ("\u201d", '"'),
    "\u2026": ("...",),
    "\u00ae": ("(R)",),
    "\u00a9": ("(C)",),
    "\u2122": ("(TM)",),
    "\u3001": (",",),  # ideographic comma
    "\u3002": (".",),  # ideographic full stop
    "\u300a": ("\u201c", '"'),  # double angle brackets (book titles)
    "\u300b": ("\u201d", '"'),
    "\u300c": ("\u201c", '"'),  # corner brackets
    "\u300d": ("\u201d", '"'),
    "\u3010": ("[", "("),  # lenticular brackets
    "\u3011": ("]", ")"),
    "\u060c": (",",),  # Arabic comma
    "\u061b": (";",),  # Arabic semicolon
    "\u061f": ("?",),  # Arabic question mark
    "\u00d7": ("x",),
    "\u2264": ("<=",),
    "\u2265": (">=",),
    "\u2192": ("->",),
    "\u00b0": ("o",),  # degree sign: the raised o of typewritten temperatures (38 oC)
    "\u066a": ("%",),  # Arabic percent sign
    "\u066b": (".", ","),  # Arabic decimal separator
    "\u066c": (",",),  # Arabic thousands separator
    **{chr(0x0660 + n): (str(n),) for n in range(10)},  # Arabic-Indic digits: the same number
    **{chr(0x06F0 + n): (str(n),) for n in range(10)},  # Eastern Arabic-Indic digits
}
"""Replacements, most faithful first (NFKC's compatibility form is tried after these: full-width
brackets and colons become ASCII ones)."""


@cache
def _patterns() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """Runs of spaces and controls, and runs of format characters (compiled when first needed: the
    ``regex`` module is imported only by a braille build, not by every build that lists the exporters)."""
    import regex

    return regex.compile(r"[\s\p{Zs}\p{Zl}\p{Zp}\p{Cc}]+"), regex.compile(r"\p{Cf}+")


def clean(text: str) -> str:
    """``text`` in NFC without format controls (the U+2066...U+2069 isolates, marks, soft hyphens:
    braille is written in logical order) and with every run of spaces one plain space."""
    spaces, format_characters = _patterns()
    text = format_characters.sub("", unicodedata.normalize("NFC", text))
    return spaces.sub(" ", text).strip()


def _replaceable(char: str) -> bool:
    return unicodedata.category(char)[0] in "PSZ" or unicodedata.category(char) == "No"


def candidates(char: str) -> tuple[str, ...]:
    """What ``char`` may be written as when the table lacks it, most faithful first."""
    if not _replaceable(char):
        return ()
    found = list(FALLBACKS.get(char, ()))
    compatible = unicodedata.normalize("NFKC", char)
    if compatible != char and compatible.strip():
        found.append(compatible)
    return tuple(found)


def probe_set(texts: Iterable[str]) -> set[str]:
    """Every character of ``texts`` and of their fallbacks: what to ask the table about."""
    chars = {char for text in texts for char in text}
    return chars | {each for char in chars for candidate in candidates(char) for each in candidate}


def normalize(text: str, known: Mapping[str, bool]) -> str:
    """``text`` (already :func:`clean`) with each character the table lacks replaced by its first
    fallback the table knows; a character with none stays (the exporter's check reports it)."""

    def written(char: str) -> str:
        if known.get(char, True):
            return char
        for candidate in candidates(char):
            if all(known.get(each, True) for each in candidate):
                return candidate
        return char

    return "".join(written(char) for char in text)

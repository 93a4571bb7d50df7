"""Where a line may break inside Chinese braille that liblouis writes without spaces.

``zh-chn.ctb`` writes each Han character as its syllable (initial, final, tone) and some 23,000 pairs
of characters as two-syllable words, with no blank cell between them, so a line could only be
divided at an arbitrary cell, through a syllable. Here the braille of a paragraph is aligned with
the braille of its characters and pairs, each translated alone (the same greedy left-to-right choice
liblouis makes: a pair when the table writes it differently from its two characters, else one
character), and a break point (:data:`SOFT_BREAK`) is put between two adjacent units whose braille is
found exactly where it should be. Where the alignment fails nothing is marked: the line is then
divided with the continuation sign as any long word is.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["SOFT_BREAK", "han_pieces", "is_han", "mark_syllables"]

SOFT_BREAK = "\u200b"
"""A point between two syllables where a line may break (removed when lines are laid out)."""


_HAN = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F))
"""The CJK unified (and compatibility) ideograph blocks."""


def is_han(char: str) -> bool:
    """A Han character (CJK ideograph)."""
    code = ord(char)
    return any(low <= code <= high for low, high in _HAN)


def han_pieces(text: str) -> set[str]:
    """Every Han character of ``text`` and every pair of adjacent ones: what to translate alone."""
    pieces = {char for char in text if is_han(char)}
    pieces |= {text[i : i + 2] for i in range(len(text) - 1) if is_han(text[i]) and is_han(text[i + 1])}
    return pieces


def _units(text: str, alone: Mapping[str, str]) -> list[tuple[int, int, str]]:
    """(position in text, length, braille) of each Han unit, in order."""
    units: list[tuple[int, int, str]] = []
    i = 0
    while i < len(text):
        char = text[i]
        if not is_han(char):
            i += 1
            continue
        pair = text[i : i + 2]
        if len(pair) == 2 and is_han(pair[1]) and alone.get(pair, "") != alone.get(char, "") + alone.get(pair[1], ""):
            units.append((i, 2, alone.get(pair, "")))
            i += 2
        else:
            units.append((i, 1, alone.get(char, "")))
            i += 1
    return units


def mark_syllables(text: str, cells: str, alone: Mapping[str, str]) -> str:
    """``cells`` (the braille of ``text``) with :data:`SOFT_BREAK` between adjacent Han units."""
    units = _units(text, alone)
    if len(units) < 2:
        return cells
    breaks: set[int] = set()
    at = 0
    previous_end: tuple[int, int] | None = None  # (text position after the unit, cell position after it)
    for position, length, braille in units:
        if not braille:
            previous_end = None
            continue
        found = cells.find(braille, at)
        if found < 0:
            previous_end = None
            continue
        if previous_end is not None and previous_end == (position, found):
            breaks.add(found)
        at = found + len(braille)
        previous_end = (position + length, at)
    return "".join(SOFT_BREAK + cell if index in breaks else cell for index, cell in enumerate(cells))

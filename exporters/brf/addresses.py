"""Web addresses in braille: where a line may divide one, in every code.

A web address longer than the room a line has is divided with the continuation indicator and
continues on the next line (:mod:`exporters.brf.cells`); joining the lines again (the indicator
removed) must give the address back exactly. A division through the middle of a print character's
sign would leave half a sign at the end of a line (Arabic writes the hyphen 36-36 and the slash
456-36, Chinese the colon 146), so inside an address the line divides only between the signs of
two print characters, as the table writes each of them alone. The address's braille is found in the
paragraph's braille and each boundary between two signs is marked with :data:`DIVISION`; where the
address's braille is not the sum of its characters' (a contracted code such as UEB grade 2, which
writes "cancer" as C.ER) or is not found, nothing is marked and the line is divided as any long word
is (never just after an indicator cell).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

__all__ = ["DIVISION", "address_pieces", "addresses", "mark_divisions"]

DIVISION = "\u200c"
"""A point inside a web address where a line may be divided (removed when lines are laid out)."""

_ADDRESS = re.compile(r"\b(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)[!-~]+")
_TRAILING = ".,;:!?'\"]}>"


def _trimmed(address: str) -> str:
    """``address`` without the print punctuation after it (a closing parenthesis only when unopened)."""
    while address:
        if address[-1] in _TRAILING or (address[-1] == ")" and address.count("(") < address.count(")")):
            address = address[:-1]
        else:
            break
    return address


def addresses(text: str) -> list[str]:
    """The web addresses written out in ``text``, in order."""
    return [found for match in _ADDRESS.finditer(text) if (found := _trimmed(match.group()))]


def address_pieces(text: str) -> set[str]:
    """Every address of ``text`` and every character in it: what to translate alone."""
    found = addresses(text)
    return set(found) | {char for address in found for char in address}


def mark_divisions(text: str, cells: str, alone: Mapping[str, str]) -> str:
    """``cells`` (the braille of ``text``) with :data:`DIVISION` between the signs of each address's
    characters, where the address is written as its characters are alone."""
    breaks: set[int] = set()
    at = 0
    for address in addresses(text):
        signs = [alone.get(char, "") for char in address]
        whole = alone.get(address, "")
        if not whole or not all(signs) or "".join(signs) != whole:
            continue
        found = cells.find(whole, at)
        if found < 0:
            continue
        position = found
        for sign in signs[:-1]:
            position += len(sign)
            breaks.add(position)
        at = found + len(whole)
    if not breaks:
        return cells
    return "".join(DIVISION + cell if index in breaks else cell for index, cell in enumerate(cells))

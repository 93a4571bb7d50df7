"""Web addresses in braille (exporters.brf.addresses): in every code an address longer than a line
is divided with the continuation indicator (dot 5), never with a hyphen a reader would take for one
of the address's own, and only between the signs of two print characters (Arabic writes the hyphen
36-36 and the slash 456-36); joining the lines again (the indicator removed) gives the address's
braille back exactly."""

from __future__ import annotations

import pytest

from exporters.brf.addresses import DIVISION, addresses
from exporters.brf.cells import BLANK, BRF_CHARACTERS, wrap
from exporters.brf.louis import probe
from tests.brf_support import brf_file, joined, text_lines

ADDRESS = "https://www.cancer.gov/about-cancer/treatment/side-effects/shortness-of-breath"
"""The link of tests/data/brf/project/source/breathing.md, longer than a line in every code."""
TABLES = {"zh-Hans": "zh-chn.ctb", "es": "es-g1.ctb", "ar": "ar-ar-g1.utb", "vi": "vi-vn-g1.ctb"}
DOT5 = "\u2810"
_TO_BRF = {chr(0x2800 + index): char for index, char in enumerate(BRF_CHARACTERS)}


def ascii_braille(cells: str) -> str:
    return "".join(_TO_BRF[cell] for cell in cells)


def address_pieces(data: bytes, address: str) -> list[str]:
    """The pieces of ``address`` (ASCII braille) on the lines of a BRF file, each continued line's
    indicator left on it."""
    lines = [line.strip() for line in text_lines(data)]
    start = next(index for index, line in enumerate(lines) if address[:12] in line)
    pieces = [lines[start][lines[start].index(address[:12]) :]]
    while pieces[-1].endswith('"') and len("".join(pieces)) - len(pieces) < len(address):
        start += 1
        pieces.append(lines[start])
    return pieces


@pytest.mark.parametrize("lang", sorted(TABLES))
def test_a_long_address_is_continued_with_dot_5_never_a_hyphen_and_joins_back_exactly(lang):
    data = brf_file("breathing", lang)
    address = ascii_braille(probe([ADDRESS], TABLES[lang])[ADDRESS])
    pieces = address_pieces(data, address)
    assert len(pieces) >= 3, "the address is longer than a line: it is divided"
    assert all(piece.endswith('"') for piece in pieces[:-1])
    rejoined = "".join(piece.removesuffix('"') for piece in pieces[:-1]) + pieces[-1]
    assert rejoined.startswith(address)
    assert any(address in line for line in joined(data, '"'))


@pytest.mark.parametrize("lang", ["zh-Hans", "es", "ar"])
def test_an_address_is_divided_only_between_the_signs_of_two_print_characters(lang):
    data = brf_file("breathing", lang)
    signs = probe(set(ADDRESS) | {ADDRESS}, TABLES[lang])
    address = ascii_braille(signs[ADDRESS])
    boundaries, at = set(), 0
    for char in ADDRESS:
        at += len(signs[char])
        boundaries.add(at)
    at = 0
    for piece in address_pieces(data, address)[:-1]:
        at += len(piece) - 1
        assert at in boundaries, f"{lang}: {piece!r} ends inside the sign of a print character"


def test_the_addresses_of_a_text_are_found_without_the_punctuation_after_them():
    text = "（链接：https://www.cancer.net/what-metastasis）。 (الرابط: https://rbc.example/a_(b)/c)."
    assert addresses(text) == ["https://www.cancer.net/what-metastasis", "https://rbc.example/a_(b)/c"]


def test_a_long_word_with_division_points_is_divided_only_at_them():
    sign = "\u2824\u2824"  # a hyphen of two cells, as Arabic writes it
    word = DIVISION.join(["\u2801\u2803\u2809", sign] * 10)
    lines = wrap(BLANK.join(["\u280e", word]), 20, 0, 0, DOT5)
    pieces = [lines[0].removeprefix("\u280e" + BLANK), *lines[1:]]
    assert all(len(line) <= 20 for line in lines)
    assert all(piece.endswith(DOT5) for piece in pieces[:-1])
    ends = [len("".join(piece.removesuffix(DOT5) for piece in pieces[: index + 1])) for index in range(len(pieces))]
    assert all(end % 5 in (0, 3) for end in ends), "never between the two cells of the hyphen"
    assert "".join(piece.removesuffix(DOT5) for piece in pieces) == word.replace(DIVISION, "")

"""Braille lines and pages (exporters.brf.cells): the width is never exceeded, lines break at word
boundaries, long words are divided with the continuation indicator, every page has its number."""

from __future__ import annotations

from exporters.brf.cells import BLANK, Laid, brf, paginate, wrap
from exporters.brf.content import Para
from exporters.brf.syllables import SOFT_BREAK
from handoutkit.model import Origin

HERE = Origin("source/x.md", 1)
DOT5 = "\u2810"


def cells(text: str) -> str:
    """Stand-in braille: a letter is the cell of its alphabet position, a space the blank cell."""
    return "".join(BLANK if char == " " else chr(0x2800 + ord(char) - ord("a") + 1) for char in text)


def test_lines_never_exceed_the_width_and_break_between_words():
    text = cells("the quick brown fox jumps over the lazy dog " * 6)
    lines = wrap(text, 20, 2, 0, DOT5)
    assert all(len(line) <= 20 for line in lines)
    assert [word for line in lines for word in line.split(BLANK) if word] == [w for w in text.split(BLANK) if w]


def test_paragraphs_are_in_3_1_format():
    lines = wrap(cells("aa " * 30), 20, 2, 0, DOT5)
    assert lines[0].startswith(BLANK * 2 + "\u2801")
    assert all(line.startswith("\u2801") for line in lines[1:])


def test_a_word_longer_than_a_line_is_divided_with_the_continuation_indicator():
    word = cells("abcdefghij" * 5)
    lines = wrap(cells("see ") + word, 20, 0, 0, DOT5)
    assert all(len(line) <= 20 for line in lines)
    assert all(line.endswith(DOT5) for line in lines[:-1])
    rebuilt = "".join(line.removesuffix(DOT5) for line in lines)
    assert rebuilt == cells("see ") + word


def test_a_division_never_separates_an_indicator_from_the_cell_it_modifies():
    capital = "\u2820"
    word = (capital + "\u2801") * 30  # every letter a capital
    lines = wrap(word, 21, 0, 0, DOT5)
    assert all(not line.removesuffix(DOT5).endswith(capital) for line in lines)


def test_a_line_breaks_at_a_syllable_boundary_without_a_sign():
    syllables = SOFT_BREAK.join(["\u2801\u2802"] * 30)
    lines = wrap(syllables, 11, 0, 0, DOT5)
    assert all(len(line) <= 11 and len(line) % 2 == 0 for line in lines)
    assert not any(line.endswith(DOT5) for line in lines)


def number(page: int) -> str:
    return "\u283c" + chr(0x2800 + page)


def test_pages_have_their_height_and_their_number_on_the_last_line():
    laid = [Laid(Para("x", HERE), cells("word " * 40)) for _ in range(12)]
    pages = paginate(laid, 20, 10, DOT5, number)
    assert len(pages) > 2
    for index, page in enumerate(pages, start=1):
        assert len(page) == 10
        assert page[-1] == BLANK * 18 + number(index)
        assert page[0] != ""  # no page starts with a blank line


def test_a_heading_is_never_the_last_line_of_a_page_and_has_a_blank_line_before():
    body = Laid(Para("x", HERE), cells("word " * 14))  # 4 lines of 20
    heading = Laid(Para("h", HERE, 4, 4, blank_before=True, keep_with_next=True), cells("heading"))
    pages = paginate([body, body, heading, body], 20, 10, DOT5, number)
    first = [line for line in pages[0][:-1] if line]
    assert first[-1].strip(BLANK) != cells("heading")
    assert pages[1][0] == BLANK * 4 + cells("heading")
    pages = paginate([body, heading, body], 20, 20, DOT5, number)
    assert pages[0][4:6] == ["", BLANK * 4 + cells("heading")]


def test_brf_is_ascii_braille_with_cr_lf_and_form_feeds_between_pages():
    data = brf([["\u2801\u2803", ""], ["\u283f"]])
    assert data == b"AB\r\n\r\n\f=\r\n"

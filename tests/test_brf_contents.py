"""The braille contents page: after the title page, each section heading with guide dots and the braille
page number where it is in the final pagination (BANA Braille Formats 2016, the contents)."""

from __future__ import annotations

import pytest

from exporters.brf.cells import BLANK, GUIDE_DOT, Laid, entry_lines, paginate
from exporters.brf.content import Para
from handoutkit.model import Origin
from tests.brf_support import brf_file, pages

HERE = Origin("source/x.md", 1)
BRF_GUIDE_DOT = '"'


def letters(text: str) -> str:
    """Stand-in braille: a letter is the cell of its alphabet position, a space the blank cell."""
    return "".join(BLANK if char == " " else chr(0x2800 + ord(char) - ord("a") + 1) for char in text)


def number(page: int) -> str:
    return "\u283c" + letters(chr(ord("a") + page - 1))


def contents_entries(page: list[str]) -> list[tuple[str, str]]:
    """(entry words, page number) for each entry of a BRF contents page, runovers joined."""
    entries, words = [], ""
    for line in page[2:-1]:
        if not line.strip():
            continue
        text, _, mark = line.rpartition(" ")
        if text.rstrip().endswith(BRF_GUIDE_DOT * 2) and mark.startswith("#"):
            entries.append(((words + " " + text.strip().rstrip(BRF_GUIDE_DOT + " ")).strip(), mark))
            words = ""
        else:
            words = (words + " " + line.strip()).strip()
    return entries


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("slug", ["breathing", "eating"])
def test_every_contents_entry_gives_the_page_where_its_heading_is(slug, lang):
    brf_pages = pages(brf_file(slug, lang))
    assert brf_pages[1][0].strip() in (",3T5TS", ".CONTENIDO")  # page 2, after the title page
    entries = contents_entries(brf_pages[1])
    assert len(entries) >= 3
    for words, mark in entries:
        where = [
            page[-1].strip()
            for page in brf_pages[2:]
            for index, line in enumerate(page[:-1])
            if " ".join([line.strip(), *([page[index + 1].strip()] if index + 1 < len(page) - 1 else [])]).startswith(
                words
            )
            and line.startswith("    ")
        ]
        assert where and where[0] == mark, (words, mark, where)


def test_the_body_starts_on_the_page_after_the_contents():
    brf_pages = pages(brf_file("breathing", "en"))
    assert not any(BRF_GUIDE_DOT * 3 in line for line in brf_pages[0] + brf_pages[2])
    assert brf_pages[2][0].startswith("  ,%ORT;S ( BR1? M1NS")


def test_an_entry_ends_with_guide_dots_and_its_number_flush_right_and_never_reaches_the_number():
    lines = entry_lines(letters("a long heading that runs over " * 2), 30, 0, 4, number(12), "")
    assert all(len(line) <= 30 for line in lines)
    assert lines[-1].endswith(BLANK + GUIDE_DOT * 2) is False
    assert lines[-1].endswith(GUIDE_DOT + BLANK + number(12))
    assert all(len(line.rstrip(BLANK)) <= 30 - len(number(12)) - 4 for line in lines[:-1])
    assert all(line.startswith(BLANK * 4) for line in lines[1:])


def test_page_numbers_come_from_the_final_pagination_when_the_contents_run_over_pages():
    """Twelve entries on pages of nine text lines: the contents take two pages, so every heading is two
    pages later than a contents of no pages would say."""
    entries = [Laid(Para(f"h{n}", HERE, 0, 2, entry=f"h{n}"), letters("heading")) for n in range(12)]
    body = []
    for n in range(12):
        body.append(
            Laid(Para(f"h{n}", HERE, 4, 4, keep_with_next=True, anchor=f"h{n}", new_page=n == 0), letters("heading"))
        )
        body.append(Laid(Para("x", HERE), letters("word " * 30)))
    laid_out = paginate([*entries, *body], 20, 10, "", number)
    marks = [line.rpartition(BLANK)[2] for page in laid_out[:2] for line in page[:-1] if GUIDE_DOT in line]
    found = [
        number(index)
        for index, page in enumerate(laid_out, start=1)
        for line in page
        if line == BLANK * 4 + letters("heading")
    ]
    assert len(marks) == 12
    assert marks == found
    assert marks[0] == number(3)

"""Braille cells on pages: lines that never exceed the width, pages with their number, and BRF.

Cells are Unicode braille (U+2800...U+283F, dots 1-6; U+2800 the blank cell) until :func:`brf`
encodes them as North American ASCII braille, the 64 characters of BRF files.

- Lines break at blank cells (word boundaries). A word longer than the room a line has (a web
  address) is divided: as much as fits goes on the line, ended by the continuation indicator
  (UEB's dot 5, in every code), and the rest continues on the next line at the margin, never right
  after an indicator cell (a capital, number or grade 1 sign), which belongs with the cell after it,
  and, where a web address is marked with :data:`~exporters.brf.addresses.DIVISION`, only at a mark
  (between the signs of two print characters).
- Pages hold ``lines_per_page - 1`` lines of text; the last line carries the braille page number at
  the right margin. No page starts with a blank line; a heading is never the last line of a page
  (it moves to the next page with the first line that follows it), and no blank line follows a
  cell-5 or cell-7 heading. A paragraph marked ``new_page`` starts a page (the contents, the body).
- A contents entry ends with guide dots (dots 5, a blank cell before and after them, at least two)
  and the braille page number of the heading it points to, flush right (BANA *Braille Formats* 2016,
  the contents); its text never reaches into the last ``4 + len(number)`` cells, so every line of
  an entry stops short of the page number column. Page numbers come from the final pagination:
  the pages are laid out again with the numbers found until no number changes (two passes, or
  three when a number's length moved a line).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from exporters.brf.addresses import DIVISION
from exporters.brf.content import Para
from exporters.brf.syllables import SOFT_BREAK

__all__ = ["BLANK", "BRF_CHARACTERS", "GUIDE_DOT", "Laid", "brf", "entry_lines", "paginate", "wrap"]

BLANK = "\u2800"
BRF_CHARACTERS = " A1B'K2L@CIF/MSP\"E3H9O6R^DJG>NTQ,*5<-U8V.%[$+X!&;:4\\0Z7(_?W]#Y)="
"""The ASCII braille character of each six-dot cell, in the order of U+2800...U+283F."""
_TO_BRF = {0x2800 + index: char for index, char in enumerate(BRF_CHARACTERS)}
_INDICATORS = frozenset("\u2808\u2818\u2838\u2810\u2828\u2830\u2820\u283c")
"""Cells that modify the cell after them in UEB and most codes: dots 4, 45, 456, 5, 46, 56, 6, 3456."""
GUIDE_DOT = "\u2810"
"""Dot 5: the guide dots of a contents entry."""
_TOP_BOX = "\u2836"  # dots 2356
_BOTTOM_BOX = "\u281b"  # dots 1245
_MIN_PIECE = 6
"""A divided word starts on the current line only when this many cells fit there."""


@dataclass(frozen=True, slots=True)
class Laid:
    """A paragraph's translation, ready for pages."""

    para: Para
    cells: str
    """Its braille (Unicode), '' for a box line."""


def _piece_end(word: str, room: int, points: frozenset[int] = frozenset()) -> int:
    """Where to divide ``word`` so that its first piece and the continuation indicator fit ``room``:
    at the last of ``points`` (the :data:`DIVISION` marks of a web address) that fits, if one does."""
    end = max(1, room)
    fitting = [point for point in points if point <= end and word[point - 1] not in _INDICATORS]
    if fitting:
        return max(fitting)
    while end > 1 and word[end - 1] in _INDICATORS:
        end -= 1
    return end


def _divisions(part: str) -> tuple[str, frozenset[int]]:
    """``part`` without its :data:`DIVISION` marks, and the positions where they were."""
    pieces = part.split(DIVISION)
    points, at = set(), 0
    for piece in pieces[:-1]:
        at += len(piece)
        points.add(at)
    return "".join(pieces), frozenset(point for point in points if 0 < point < at + len(pieces[-1]))


def wrap(cells: str, width: int, first: int, runover: int, continuation: str) -> list[str]:
    """``cells`` in lines of at most ``width`` cells: the first indented ``first`` cells, the others
    ``runover``. A line breaks at a blank cell, or at a :data:`SOFT_BREAK` (between two syllables of
    a word) with no sign; a word longer than a line is divided with ``continuation``."""
    lines: list[str] = []
    line = BLANK * first
    fresh = True  # nothing but the indent on the line yet

    def place(part: str, gap: int) -> None:
        nonlocal line, fresh
        word, points = _divisions(part)
        while word:
            gap = 0 if fresh else gap
            if len(line) + gap + len(word) <= width:
                line += BLANK * gap + word
                fresh, word = False, ""
                continue
            room = width - len(line) - gap - len(continuation)
            if len(word) > width - runover and (room >= _MIN_PIECE or fresh):
                end = _piece_end(word, room if room >= 1 else width - runover - len(continuation), points)
                line += BLANK * gap + word[:end] + continuation
                word = word[end:]
                points = frozenset(point - end for point in points if point > end)
            lines.append(line)
            line, fresh = BLANK * runover, True

    for word in (w for w in cells.split(BLANK) if w):
        for index, part in enumerate(p for p in word.split(SOFT_BREAK) if p):
            place(part, 0 if index else 1)
    if not fresh:
        lines.append(line)
    return lines


def _centered(cells: str, width: int) -> list[str]:
    """Centered lines with at least three blank cells at each end (the extra cell, if any, at the end)."""
    return [BLANK * ((width - len(line)) // 2) + line for line in wrap(cells, width - 6, 0, 0, "")]


def entry_lines(cells: str, width: int, first: int, runover: int, number: str, continuation: str) -> list[str]:
    """A contents entry: its words in lines that stop short of the page number column, the last one
    ended by a blank cell, guide dots to one blank cell before ``number``, and ``number`` flush right."""
    room = width - len(number) - 4
    lines = wrap(cells, room, first, runover, continuation) or [BLANK * first]
    last = lines[-1]
    dots = width - len(number) - len(last) - 2
    lines[-1] = last + BLANK + GUIDE_DOT * dots + BLANK + number
    return lines


def _lines(laid: Laid, width: int, continuation: str, pages: Mapping[str, str]) -> list[str]:
    para = laid.para
    if para.entry:
        return entry_lines(laid.cells, width, para.first, para.runover, pages.get(para.entry, ""), continuation)
    match para.box:
        case "top":
            return [_TOP_BOX * width]
        case "bottom":
            return [_BOTTOM_BOX * width]
        case "":
            if para.centered:
                return _centered(laid.cells, width)
            return wrap(laid.cells, width, para.first, para.runover, continuation)


def paginate(
    laid: Sequence[Laid], width: int, height: int, continuation: str, number: Callable[[int], str]
) -> list[list[str]]:
    """Pages of lines (each ``height`` long, its number in the last line's right margin), contents
    entries ending with the number of the page where their heading is."""
    found: dict[str, int] = {}
    for _ in range(8):
        pages, anchors = _paginate(laid, width, height, continuation, number, found)
        if anchors == found:
            return pages
        found = anchors
    raise ValueError("the contents' page numbers do not settle")


def _paginate(
    laid: Sequence[Laid],
    width: int,
    height: int,
    continuation: str,
    number: Callable[[int], str],
    anchors: Mapping[str, int],
) -> tuple[list[list[str]], dict[str, int]]:
    room = height - 1
    numbers = {anchor: number(page) for anchor, page in anchors.items()}
    blocks = [(item.para, _lines(item, width, continuation, numbers)) for item in laid]
    found: dict[str, int] = {}
    pages: list[list[str]] = [[]]
    blank_pending = False
    after_heading = False
    for index, (para, lines) in enumerate(blocks):
        if not lines:
            continue
        page = pages[-1]
        blank = (para.blank_before or blank_pending) and bool(page) and not after_heading
        need = 1 + (1 if blank else 0)  # a paragraph flows on to the next page; a heading does not
        if para.keep_with_next:
            following = index + 1 < len(blocks) and bool(blocks[index + 1][1])
            need += len(lines) - 1 + (1 if following else 0)  # all of it and the first line of what follows
        if (len(page) + need > room or para.new_page) and page:
            pages.append([])
            page, blank = pages[-1], False
        if blank and len(page) + 1 < room:
            page.append("")
        for line in lines:
            if len(page) == room:
                pages.append([])
                page = pages[-1]
            page.append(line)
            if para.anchor and para.anchor not in found:
                found[para.anchor] = len(pages)
        blank_pending = para.blank_after
        after_heading = para.keep_with_next and not para.centered
    out = []
    for count, page in enumerate(pages, start=1):
        mark = number(count)
        lines = [line.rstrip(BLANK) for line in page] + [""] * (room - len(page))
        out.append([*lines, BLANK * (width - len(mark)) + mark])
    return out, found


def brf(pages: Sequence[Sequence[str]]) -> bytes:
    """The pages as a BRF file: ASCII braille, CR LF line ends, a form feed between pages."""
    text = "\f".join("".join(line.rstrip(BLANK) + "\r\n" for line in page) for page in pages)
    return text.translate(_TO_BRF).encode("ascii")

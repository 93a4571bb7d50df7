"""A space in the text wherever a word ends at the end of a line (ISO 32000-1, 14.8.2.5).

WeasyPrint 70 leaves the space out of the content stream where a line breaks between two words, so
the text that structure-based readers, reflow and PDF-to-HTML conversion build from the tags glues
the words (``lung toother``: 157 pairs in English stage 4). The specification wants the space in the
text even there. No WeasyPrint issue was found for it (searched Kozea/WeasyPrint's issues for
ActualText, word break and trailing space); the line breaker strips the space from the text box
(``weasyprint/layout/inline.py``).

:func:`mark_word_breaks` walks each block of the tag tree (paragraph, heading, list body, caption,
cell) through its marked content in structure order; where the next sequence starts a new line (another
page, or a baseline more than 0.8 of the font size away: a superscript is not a new line) and the
line ends and the next begins with a letter or digit, not in Chinese or Japanese text and not inside a
web or email address, the space glyph of the line's last font is appended to its last show string,
followed by a displacement of the glyph's own width: the space paints nothing and moves nothing,
so the page looks the same. A font whose subset has no space glyph is left as it is. Right-to-left
lines are stored in visual order, where the logical end of the line is the first glyph: they are
left as they are too (see the README's right-to-left section).
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from exporters.pdf.text import FontCodes, Sequence, font_codes, page_sequences

if TYPE_CHECKING:
    import pikepdf

__all__ = ["mark_word_breaks"]

BLOCKS = frozenset({"/P", "/H1", "/H2", "/H3", "/H4", "/H5", "/H6", "/LBody", "/Caption", "/TD", "/TH"})
_NO_SPACE_AFTER = frozenset("-‐‑/\u00ad\u200b")


def mark_word_breaks(pdf: pikepdf.Pdf) -> int:
    """Add the space at every soft line break of ``pdf`` (see the module's description); returns how
    many were added."""
    import pikepdf

    cache: dict[tuple[int, int], FontCodes | None] = {}
    pages = {page.obj.objgen: page for page in pdf.pages}
    parsed = {key: list(pikepdf.parse_content_stream(page)) for key, page in pages.items()}
    sequences = {key: page_sequences(pages[key], parsed[key], cache) for key in pages}
    changed: set[tuple[int, int]] = set()
    added = 0
    for block in _blocks(pdf.Root.StructTreeRoot):
        found = [(page, sequences.get(page, {}).get(mcid)) for page, mcid in _marked(block)]
        runs = [(page, sequence) for page, sequence in found if sequence is not None and sequence.text]
        for (page, line), (next_page, following) in itertools.pairwise(runs):
            if not _breaks(page, line, next_page, following) or not _wants_space(line.text, following.text):
                continue
            if _append_space(parsed[page], line, cache):
                changed.add(page)
                added += 1
    for key in changed:
        pages[key].obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(parsed[key]))
    return added


def _blocks(element: pikepdf.Object) -> Iterator[pikepdf.Object]:
    for kid in _kids(element):
        if kid.S in BLOCKS:
            yield kid
        else:
            yield from _blocks(kid)


def _kids(element: pikepdf.Object) -> list[pikepdf.Object]:
    import pikepdf

    kids = element.get("/K")
    items = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
    return [k for k in items if isinstance(k, pikepdf.Dictionary) and "/S" in k]


def _marked(element: pikepdf.Object) -> Iterator[tuple[tuple[int, int], int]]:
    """(page, MCID) of the marked content at and below ``element``, in structure order."""
    import pikepdf

    kids = element.get("/K")
    items = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
    page = element.Pg.objgen if "/Pg" in element else (0, 0)
    for item in items:
        if isinstance(item, int):
            yield page, int(item)
        elif isinstance(item, pikepdf.Dictionary) and item.get("/Type") == "/MCR":
            yield (item.Pg.objgen if "/Pg" in item else page), int(item.MCID)
        elif isinstance(item, pikepdf.Dictionary) and "/S" in item:
            yield from _marked(item)


def _breaks(page: tuple[int, int], line: Sequence, next_page: tuple[int, int], following: Sequence) -> bool:
    """True when ``following`` starts a new line after ``line``."""
    if page != next_page:
        return True
    if line.baseline is None or following.baseline is None:
        return False
    return abs(following.baseline - line.baseline) > 0.8 * max(line.size, following.size)


def _wants_space(text: str, following: str) -> bool:
    """True when a space was left out between the end of ``text`` and the start of ``following``."""
    last, first = text[-1], following[0]
    if last.isspace() or first.isspace() or last in _NO_SPACE_AFTER:
        return False
    if _right_to_left(text) or _right_to_left(following) or _wide(last) or _wide(first):
        return False
    word = text.rsplit(None, 1)[-1]
    return not ("://" in word or word.startswith("www.") or "@" in word or "/" in word)


def _right_to_left(text: str) -> bool:
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


def _wide(char: str) -> bool:
    """Chinese and Japanese characters and punctuation, which break lines without spaces."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def _append_space(instructions: list[Any], line: Sequence, cache: dict[tuple[int, int], FontCodes | None]) -> bool:
    import pikepdf

    index, font = line.shows[-1], line.fonts[-1]
    codes = font_codes(font, cache)
    code = codes.code_for(" ") if codes is not None else None
    if codes is None or code is None:
        return False
    instruction = instructions[index]
    operands = list(instruction.operands)
    shown = list(operands[0]) if str(instruction.operator) == "TJ" else [operands[0]]
    width = codes.width(code)
    shift = int(width) if width == int(width) else width  # back by the space's own width: it moves nothing
    shown += [pikepdf.String(code.to_bytes(2, "big")), pikepdf.Object.parse(str(shift).encode())]
    instructions[index] = pikepdf.ContentStreamInstruction([pikepdf.Array(shown)], pikepdf.Operator("TJ"))
    return True

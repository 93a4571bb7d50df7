"""The text of each marked-content sequence, read back from WeasyPrint's content streams.

Post-processing needs a little of the text it is handed: a link's printed words (its description)
and the characters on each side of a line break (:mod:`.wordbreaks`). The PDF libraries this project
ships with at run time (pikepdf) do not extract text, and the extraction libraries of the tests
(pdfplumber, pypdf) would be a run-time dependency for this alone. WeasyPrint writes every font as a
Type 0 font with ``/Identity-H`` encoding, two-byte codes, a ``bfchar`` ``/ToUnicode`` map and a ``/W``
array, and positions each text box with ``Tm``: that is all this module reads. Text in any other font
(none today) is left out, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pikepdf

__all__ = ["FontCodes", "Sequence", "font_codes", "page_sequences"]

_BFCHAR = re.compile(rb"<([0-9a-fA-F]{4})>\s*<([0-9a-fA-F]+)>")
_SECTION_CHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_SECTION_RANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_BFRANGE = re.compile(rb"<([0-9a-fA-F]{4})>\s*<([0-9a-fA-F]{4})>\s*<([0-9a-fA-F]+)>")


@dataclass(frozen=True, slots=True)
class FontCodes:
    """What the codes of one Identity-H font mean."""

    text: dict[int, str]
    """code -> the characters it stands for (its /ToUnicode entry)."""
    widths: dict[int, float]
    """code -> advance width in thousandths of the font size (from /W, else /DW)."""
    default_width: float = 1000.0

    def width(self, code: int) -> float:
        return self.widths.get(code, self.default_width)

    def code_for(self, char: str) -> int | None:
        """The lowest code that stands for ``char`` alone (None when the subset has none)."""
        return min((code for code, text in self.text.items() if text == char), default=None)


@dataclass(slots=True)
class Sequence:
    """One marked-content sequence with an MCID: its text and where its text is shown."""

    mcid: int
    text: str = ""
    shows: list[int] = field(default_factory=list)
    """Indexes of its text-showing instructions (``TJ``, ``Tj``), in order."""
    fonts: list[pikepdf.Object] = field(default_factory=list)
    """The font in force for each of ``shows``."""
    baseline: float | None = None
    """The ``f`` of the first ``Tm`` inside it (the line's position on the page)."""
    size: float = 0.0
    """The font size of its first text."""


def font_codes(font: pikepdf.Object, cache: dict[tuple[int, int], FontCodes | None]) -> FontCodes | None:
    """The codes of ``font`` (None for a font that is not Type 0 Identity-H with a /ToUnicode)."""
    import pikepdf

    key = font.objgen
    if key in cache:
        return cache[key]
    codes = None
    stream = font.get("/ToUnicode")
    if (
        font.get("/Subtype") == "/Type0"
        and font.get("/Encoding") == "/Identity-H"
        and isinstance(stream, pikepdf.Stream)
    ):
        data = bytes(stream.read_bytes())
        chars = b"".join(_SECTION_CHAR.findall(data))
        ranges = b"".join(_SECTION_RANGE.findall(data))
        text = {int(c, 16): bytes.fromhex(t.decode()).decode("utf-16-be", "replace") for c, t in _BFCHAR.findall(chars)}
        for low, high, start in _BFRANGE.findall(ranges):
            first = int.from_bytes(bytes.fromhex(start.decode()), "big")
            for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                text.setdefault(code, chr(first + offset))
        descendant = font.DescendantFonts[0]
        codes = FontCodes(text, _widths(descendant.get("/W")), float(descendant.get("/DW", 1000)))
    cache[key] = codes
    return codes


def _widths(array: pikepdf.Object | None) -> dict[int, float]:
    import pikepdf

    widths: dict[int, float] = {}
    items = list(array) if isinstance(array, pikepdf.Array) else []
    index = 0
    while index < len(items):
        first = int(items[index])
        following = items[index + 1] if index + 1 < len(items) else None
        if isinstance(following, pikepdf.Array):
            widths.update((first + i, float(w)) for i, w in enumerate(following))
            index += 2
        elif index + 2 < len(items):
            widths.update((code, float(items[index + 2])) for code in range(first, int(following) + 1))  # type: ignore[arg-type]  # a number in a /W range
            index += 3
        else:
            break
    return widths


def page_sequences(
    page: pikepdf.Page,
    instructions: list[Any],
    cache: dict[tuple[int, int], FontCodes | None],
) -> dict[int, Sequence]:
    """Each MCID's :class:`Sequence` on ``page`` (``instructions`` are its parsed content stream:
    :class:`pikepdf.ContentStreamInstruction` and inline images)."""
    import pikepdf

    resources = page.obj.get("/Resources")
    fonts = resources.get("/Font") if isinstance(resources, pikepdf.Dictionary) else None
    fonts = fonts if isinstance(fonts, pikepdf.Dictionary) else pikepdf.Dictionary()
    found: dict[int, Sequence] = {}
    stack: list[int | None] = []
    font: pikepdf.Object | None = None
    size = 0.0
    for index, instruction in enumerate(instructions):
        operator = str(instruction.operator)
        operands = list(instruction.operands)
        if operator in ("BDC", "BMC"):
            properties = operands[1] if operator == "BDC" and len(operands) == 2 else None
            mcid = (
                int(properties.MCID) if isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties else None
            )
            stack.append(mcid)
            if mcid is not None:
                found[mcid] = Sequence(mcid)
        elif operator == "EMC" and stack:
            stack.pop()
        elif operator == "Tf" and operands:
            font = fonts.get(str(operands[0]))
            size = float(operands[1]) if len(operands) > 1 else size
        current = next((m for m in reversed(stack) if m is not None), None)
        if current is None:
            continue
        sequence = found[current]
        if operator == "Tm" and len(operands) == 6 and sequence.baseline is None:
            sequence.baseline = float(operands[5])
        elif operator in ("TJ", "Tj") and font is not None:
            codes = font_codes(font, cache)
            if codes is None:
                continue
            strings = operands[0] if operator == "TJ" else [operands[0]]
            for string in strings:
                if isinstance(string, pikepdf.String):
                    raw = bytes(string)
                    sequence.text += "".join(
                        codes.text.get(int.from_bytes(raw[i : i + 2], "big"), "") for i in range(0, len(raw) - 1, 2)
                    )
            if not sequence.shows:
                sequence.size = size
            sequence.shows.append(index)
            sequence.fonts.append(font)
    return found

"""Line breaks (docs/standards.md section 1, ragged right): no line of a paragraph or list item is cut
before a word that would have fitted on it.

Ragged-right text breaks a line at the last word that fits. A line after which the next line's first
word, with the space before it, would still have ended within the paragraph's measure was broken too
early: one word left alone on a line, a longer paragraph and more paper. The measure is not in the
file, so it is taken from the paragraph itself: its widest line on the page is known to fit, so the
check never blames a break for a width the paragraph does not have.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from tests.pdfchecks.reading import block_lines

__all__ = ["premature_break_failures"]

TOLERANCE = 0.5
"""Points of slack: a word that would end less than this past the measure is not counted as fitting."""
_WORD_BLOCKS = ("P", "LBody")


def _rtl(line: list[dict]) -> bool:
    return any(unicodedata.bidirectional(c["text"][:1] or "a") in ("R", "AL") for c in line)


def _wide(line: list[dict]) -> bool:
    """Text that breaks between any two characters (Chinese, Japanese), where a line has no words."""
    return any(unicodedata.east_asian_width(c["text"][:1] or "a") in ("W", "F") for c in line)


def _ink(line: list[dict]) -> list[dict]:
    return [c for c in line if c["text"].strip()]


def _first_word(line: list[dict], rtl: bool) -> tuple[str, float] | None:
    """The word the line starts with (the rightmost for right-to-left text) and its width."""
    ordered = sorted(line, key=lambda c: -c["x1"] if rtl else c["x0"])
    word: list[dict] = []
    for char in ordered:
        if not char["text"].strip():
            break
        word.append(char)
    if not word:
        return None
    text = "".join(c["text"] for c in (reversed(word) if rtl else word))
    return text, max(c["x1"] for c in word) - min(c["x0"] for c in word)


def _space_width(lines: list[list[dict]]) -> float | None:
    widths = sorted(c["x1"] - c["x0"] for line in lines for c in line if c["text"] == " " and c["x1"] > c["x0"])
    return widths[len(widths) // 2] if widths else None


def _ends_with_leader(line: list[dict], space: float, rtl: bool) -> bool:
    """Whether ``line`` ends with a number set apart by a gap of several spaces (a contents entry's
    leader and page number)."""
    ordered = sorted(line, key=lambda c: c["x0"], reverse=rtl)
    digits = 0
    while digits < len(ordered) and ordered[-1 - digits]["text"].isdigit():
        digits += 1
    if digits == 0 or digits == len(ordered):
        return False
    number, before = ordered[-digits], ordered[-digits - 1]
    gap = before["x0"] - number["x1"] if rtl else number["x0"] - before["x1"]
    return gap > 3 * space


def premature_break_failures(path: str | Path) -> list[str]:
    """Lines of a paragraph or list item (not its last on the page) after which the next line's first word,
    a space before it, would have ended within the paragraph's widest line."""
    failures = []
    for index, kind, lines in block_lines(path):
        if kind not in _WORD_BLOCKS or len(lines) < 2 or any(_wide(line) for line in lines):
            continue
        space = _space_width(lines)
        if space is None:
            continue
        rtl = _rtl([c for line in lines for c in line])
        inked = [_ink(line) for line in lines]
        if _ends_with_leader(inked[-1], space, rtl):
            continue  # a contents entry: its last word travels with its leader and page number
        ends = [c["x0"] if rtl else c["x1"] for line in inked for c in line]
        limit = min(ends) if rtl else max(ends)
        for line, following, after in zip(inked, lines[1:], inked[1:], strict=False):
            first = _first_word(following, rtl)
            if not line or not after or first is None:
                continue
            word, width = first
            room = min(c["x0"] for c in line) - limit if rtl else limit - max(c["x1"] for c in line)
            if space + width <= room - TOLERANCE:
                text = "".join(c["text"] for c in line).strip()
                failures.append(
                    f"page {index + 1}: a {kind} line ending {text[-30:]!r} is broken before {word!r}, "
                    f"which fits ({space + width:.1f} of {room:.1f} pt left)"
                )
    return failures

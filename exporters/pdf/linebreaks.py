"""A line that fits but for its trailing space is not cut after its first word.

WeasyPrint 70 lays a paragraph out one text box at a time. ``split_first_line`` (``text/line_break.py``)
asks Pango for the box's first line and, when Pango puts the whole text on it, keeps it only if its
width is within the line: that width includes the text's trailing space, which CSS lets hang (and
WeasyPrint removes at the line's end). A text box that ends with a space before an inline element
(``... hard to cure, but <strong>treatment ...``) and that fits without its space is therefore judged
too wide and goes to the "cannot be split earlier" branch, which keeps its first word alone: Andika
at 18 pt in 426 pt printed "... from the lung to" / "other" / "parts of the body. It is very hard
to cure, but", one word on a line of 33 characters' room.

:func:`hanging_trailing_spaces` replaces the function, for the duration of one rendering, with one that
retries such a case without the trailing spaces and, when that text fits on one line, gives back the
whole text on one line (the caller still sees the space, and measures and removes it as before). No
upstream issue reports this case (searched Kozea/WeasyPrint, August 2026, and the code is unchanged
on its main branch at 62c06ca); the nearest are #1614 and #2025, line breaking at inline-box
boundaries. Nothing in our HTML can avoid it: any text before a link, a bold run or a language span
ends with the space that separates the words.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["fits_without_trailing_spaces", "hanging_trailing_spaces"]

_COLLAPSING_WRAPS = ("normal", "pre-line")
"""``white-space`` values under which lines wrap and a line's trailing spaces collapse away."""


def fits_without_trailing_spaces(
    split: Any, text: str, style: Any, context: Any, max_width: float | None, justification_spacing: float = 0
) -> bool:
    """True when ``text`` ends with collapsible spaces and, without them, fits on one line of ``max_width``
    (``split`` is WeasyPrint's own ``split_first_line``)."""
    if max_width is None or math.isinf(max_width) or style["white_space"] not in _COLLAPSING_WRAPS:
        return False
    stripped = text.rstrip(" ")
    if not stripped or stripped == text:
        return False
    _, _, resume, width, _, _ = split(stripped, style, context, max_width, justification_spacing)
    return resume is None and width <= max_width


@contextmanager
def hanging_trailing_spaces() -> Iterator[None]:
    """While the block runs, WeasyPrint's line breaking lets a text box's trailing spaces hang past the line."""
    from weasyprint.layout import inline

    original = inline.split_first_line

    def split_first_line(
        text: str,
        style: Any,
        context: Any,
        max_width: float | None,
        justification_spacing: float,
        is_line_start: bool = True,
        minimum: bool = False,
    ) -> Any:
        result = original(text, style, context, max_width, justification_spacing, is_line_start, minimum)
        if result[2] is not None and fits_without_trailing_spaces(
            original, text, style, context, max_width, justification_spacing
        ):
            # The whole text on one line: an unbounded width is WeasyPrint's own "no wrapping" path.
            return original(text, style, context, math.inf, justification_spacing, is_line_start, minimum)
        return result

    inline.split_first_line = split_first_line
    try:
        yield
    finally:
        inline.split_first_line = original

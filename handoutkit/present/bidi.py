"""Right to left, done once: the runs that must keep their own direction, for every format.

Inside Arabic (or any right-to-left) text, a phone number, a dose with its unit, ``8%``, ``(NSCLC)``,
a Latin name or a web address must still read left to right, and in one piece. The Unicode
bidirectional algorithm alone gets several of these wrong: rule W2 turns the digits of
``(503) 555-0147`` after Arabic letters into Arabic numbers and shows ``0147-555 (503)``; brackets and
``%`` move. :func:`isolate_runs` finds those runs in a unit's inlines and wraps each in an
:class:`~handoutkit.model.Isolate`; each format isolates them its own way (``<span dir="ltr">`` in
HTML, XHTML and PDF; U+2066 LRI ... U+2069 PDI in plain text and SMS). A phrase that an author marked
as another language (``[What Is Lung Cancer?]{lang=en}``) is isolated as a whole.

Plain text pays for every isolate (a UCS-2 unit in an SMS, two invisible characters for a braille
display), so each isolate also says whether it is *needed*: whether the text, shown by the Unicode
algorithm with the paragraph direction found from its first strong letter (as phones and editors
do), would display differently without it. That is measured with a real implementation of the
algorithm (python-bidi) against the fully isolated text, never guessed. See ``docs/standards.md``
(section 8).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from typing import Literal

from handoutkit.languages import LanguageError, text_direction
from handoutkit.model import Inline, Isolate, LineBreak, Span, Text, inline_children
from handoutkit.walk import iter_inlines, map_inlines

__all__ = [
    "FSI",
    "LRI",
    "PDI",
    "RLI",
    "Direction",
    "direction_of",
    "isolate_runs",
    "isolate_text",
    "isolated_plain",
    "ltr_runs",
]

Direction = Literal["ltr", "rtl"]

LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
_ISOLATE_MARKS = str.maketrans("", "", LRI + RLI + FSI + PDI)

_LTR = frozenset({"L"})
_DIGIT = frozenset({"EN"})
_RTL = frozenset({"R", "AL", "AN"})
_NUMBER_SUFFIX = frozenset({"ET"})
"""``%``, ``°``, ``‰``...: a sign that belongs to the number before it."""
_BRACKETS = {"(": ")", "[": "]", "{": "}"}
_CLOSING = {close: open_ for open_, close in _BRACKETS.items()}


def _cls(char: str) -> str:
    return unicodedata.bidirectional(char)


def ltr_runs(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, is_ltr_run) pairs, in order.

    A run starts at a left-to-right letter or a European digit (or a ``+`` or an opening bracket just
    before one, when the run also holds its closing bracket), takes every following character up to
    the next right-to-left letter or Arabic digit, and ends at its last letter or digit, taking the
    signs that follow a number (``8%``, ``38 °C`` ends at ``C``) and a closing bracket it opened.
    A run of European digits alone reads in order without help and is not a run.
    """
    pieces: list[tuple[str, bool]] = []
    done = 0
    i, n = 0, len(text)
    while i < n:
        plus = text[i] == "+" and i + 1 < n and _cls(text[i + 1]) in _DIGIT
        if _cls(text[i]) not in _LTR | _DIGIT and not plus:
            i += 1
            continue
        start = i
        if start > done and text[start - 1] in _BRACKETS:
            start -= 1  # kept only if the run also holds the closing bracket (below)
        stop = i
        while stop < n and _cls(text[stop]) not in _RTL:
            if text[stop] in _CLOSING and _open_count(text[start:stop], text[stop]) <= 0:
                break  # a bracket opened before the run closes here: the run ends before it
            stop += 1
        end = max(k for k in range(i, stop) if _cls(text[k]) in _LTR | _DIGIT) + 1
        while end < stop and _cls(text[end]) in _NUMBER_SUFFIX and _cls(text[end - 1]) in _DIGIT:
            end += 1
        while end < stop and text[end] in _CLOSING and _open_count(text[start:end], text[end]) > 0:
            end += 1
        if end < stop and text[end] == "?" and _cls(text[end - 1]) in _LTR:
            end += 1  # an ASCII question mark after Latin letters ends a Latin question (Arabic writes ؟)
        if start < i and _open_count(text[start:end], _BRACKETS[text[start]]) > 0:
            start += 1  # its closing bracket is not in the run
        run = text[start:end]
        if any(_cls(char) not in _DIGIT for char in run):
            if start > done:
                pieces.append((text[done:start], False))
            pieces.append((run, True))
            done = end
        i = max(end, i + 1)
    if done < n:
        pieces.append((text[done:], False))
    return pieces


def _open_count(run: str, closing: str) -> int:
    opening = _CLOSING[closing]
    return run.count(opening) - run.count(closing)


def direction_of(lang: str) -> Direction:
    """``ltr`` or ``rtl`` for a BCP 47 tag (``ltr`` for a tag Babel does not know)."""
    try:
        return "rtl" if text_direction(lang) == "rtl" else "ltr"
    except LanguageError:
        return "ltr"


def isolate_runs(inlines: tuple[Inline, ...], direction: str) -> tuple[Inline, ...]:
    """``inlines`` (text in a language written ``direction``) with every run that must keep the other
    direction wrapped in an :class:`Isolate`, each marked with whether plain text needs it.

    In right-to-left text: the left-to-right runs of :func:`ltr_runs`, and spans in a left-to-right
    language as a whole. In left-to-right text: spans in a right-to-left language.
    """
    base: Direction = "rtl" if direction == "rtl" else "ltr"

    def other_span(node: Inline) -> bool:
        return isinstance(node, Span) and direction_of(node.lang) != base

    def isolate(node: Inline) -> tuple[Inline, ...]:
        if isinstance(node, Span) and other_span(node):
            return (Isolate(direction_of(node.lang), (node,)),)
        if base == "rtl" and isinstance(node, Text):
            return tuple(Isolate("ltr", (Text(piece),)) if run else Text(piece) for piece, run in ltr_runs(node.text))
        return (node,)

    marked = map_inlines(inlines, isolate, descend=lambda node: not other_span(node) and not isinstance(node, Isolate))
    return _mark_needed(marked, base)


def _mark_needed(inlines: tuple[Inline, ...], base: Direction) -> tuple[Inline, ...]:
    """Each isolate's ``needed``: kept only where leaving it out would change what is displayed."""
    isolates = [node for node in iter_inlines(inlines) if isinstance(node, Isolate)]
    if not isolates:
        return inlines
    wanted = _display(_flatten(inlines, lambda index: True), base)
    kept = [True] * len(isolates)
    for index in range(len(isolates)):
        kept[index] = False
        if _display(_flatten(inlines, lambda k: kept[k]), None) != wanted:
            kept[index] = True
    counter = iter(range(len(isolates)))

    def mark(node: Inline) -> tuple[Inline, ...]:
        if isinstance(node, Isolate):
            return (Isolate(node.direction, node.children, kept[next(counter)]),)
        return (node,)

    return map_inlines(inlines, mark, descend=lambda node: not isinstance(node, Isolate))


def _display(text: str, base: Direction | None) -> str:
    """What a reader sees, left to right, line by line (isolate controls themselves are invisible)."""
    from bidi import get_display  # only text that mixes directions is measured: most runs never load it

    base_dir = None if base is None else ("R" if base == "rtl" else "L")
    lines = text.split("\n")
    return "\n".join(str(get_display(line, base_dir=base_dir)).translate(_ISOLATE_MARKS) for line in lines)


def _flatten(inlines: tuple[Inline, ...], on: Callable[[int], bool]) -> str:
    """The plain text of ``inlines`` with the isolates numbered ``k`` for which ``on(k)`` holds."""
    counter = iter(range(1 << 30))
    return "".join(_pieces(inlines, lambda: on(next(counter))))


def _pieces(inlines: tuple[Inline, ...], on: Callable[[], bool]) -> Iterator[str]:
    for node in inlines:
        match node:
            case Text(text=text):
                yield text
            case LineBreak():
                yield "\n"
            case Isolate(direction=direction, children=children):
                if on():
                    yield LRI if direction == "ltr" else RLI
                    yield from _pieces(children, on)
                    yield PDI
                else:
                    yield from _pieces(children, on)
            case _:
                yield from _pieces(inline_children(node), on)


def isolated_plain(inlines: tuple[Inline, ...]) -> str:
    """The plain text of ``inlines`` with the isolates plain text needs (links keep their words only)."""
    isolates = [node for node in iter_inlines(inlines) if isinstance(node, Isolate)]
    return _flatten(inlines, lambda k: isolates[k].needed)


def isolate_text(text: str, direction: str) -> str:
    """A plain string (an SMS, once its placeholders are filled) with the isolates it needs."""
    return isolated_plain(isolate_runs((Text(text),), direction))

"""The boundary for untrusted text: every string read from a handout, its front matter, a catalog or
``handoutkit.toml`` passes :func:`find_unsafe` before the toolkit uses it.

Refused, because they corrupt an output or change what a reader sees without being visible:

- control characters (C0, DEL, C1), except tab and newline where the caller allows them: a NUL makes the
  EPUB's XHTML not well-formed, an ESC starts a terminal sequence in text and SMS outputs;
- lone surrogates and noncharacters: not characters, so no encoder can write them;
- bidirectional embeddings, overrides, isolates and marks (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F,
  U+061C): the presentation layer isolates right-to-left runs itself; typed by hand they can show a phone
  number reversed ("call \u200f911 / 112\u200f" displays as "call 112 / 911");
- invisible characters that split or join words or hide text: every other format character (zero-width
  space, word joiner, invisible operators, soft hyphen, U+FEFF inside text, interlinear annotations, the
  Arabic number signs...), the default-ignorable fillers that draw nothing (U+034F, Hangul fillers), line
  and paragraph separators, and tag characters outside a flag emoji;
- zero-width joiners and non-joiners (U+200C, U+200D), except between two letters (or marks) of a script
  that shapes with them (Arabic, Syriac, Indic, Tibetan, Myanmar, Khmer, Mongolian...; never between
  digits) or between two emoji.

:func:`excerpt` is the one way a message quotes input: short, and escaped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from handoutkit.errors import Problem
from handoutkit.model import Origin

__all__ = ["Unsafe", "excerpt", "find_unsafe", "line_of", "replace_unsafe", "unsafe_problem", "unsafe_problems"]

_BIDI = "\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"
_INVISIBLE = (
    # Every format character (general category Cf) but the joiners, the bidirectional ones and the tags
    # (each handled on its own), then the default-ignorable letters and marks that draw nothing.
    "\u00ad\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b\u2060-\u2064\u206a-\u206f\ufeff"
    "\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0"
    "\u2028\u2029"
)
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17)
)
_TAGS = "\U000e0000-\U000e007f"
_SELECTORS = "\ufe00-\ufe0f\U000e0100-\U000e01ef\u180b-\u180d\u180f"
"""Variation selectors: they draw nothing, and belong only after what they select a form of."""
_UNPRINTABLE = "\u2800\ufffc\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd"
"""The blank braille pattern (a space to a reader's eye), the object replacement character, and private-use
characters (each font draws something else, or nothing)."""
_DIGIT_MARK = re.compile(r"(?<=\d)[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
"""A combining mark on a digit (4\u0338 draws a crossed-out 4: "not 4")."""
_HAN = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F))
_MONGOLIAN = ((0x1820, 0x18AF),)
_JOINERS = "\u200c\u200d"
_CONTROLS = "".join(chr(code) for code in (*range(0x20), *range(0x7F, 0xA0)))

_FLAG = re.compile("\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f")
"""A subdivision flag (England, Scotland, Wales): a black flag, tag letters and a cancel tag."""

_JOINING_SCRIPTS = (
    (0x0600, 0x08FF),  # Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic, Arabic supplements
    (0x0900, 0x0DFF),  # Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada, Malayalam, Sinhala
    (0x0F00, 0x0FFF),  # Tibetan
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x18AF),  # Khmer, Mongolian
    (0xA8E0, 0xA8FF),  # Devanagari Extended
    (0xFB50, 0xFDFF),  # Arabic presentation forms A
    (0xFE70, 0xFEFE),  # Arabic presentation forms B
    (0x11000, 0x11FFF),  # Brahmi and the other historic Indic scripts
)
_EMOJI = (
    (0x2300, 0x23FF),
    (0x2600, 0x27BF),
    (0x2B00, 0x2BFF),
    (0xFE0F, 0xFE0F),  # the emoji presentation selector (❤️‍🔥)
    (0x1F000, 0x1FAFF),  # pictographs, skin-tone modifiers included
)


@dataclass(frozen=True, slots=True)
class Unsafe:
    """A character refused at the boundary: where it is in the text, and why."""

    index: int
    """Its position in the text that was checked."""
    char: str
    reason: str

    def describe(self) -> str:
        """``U+202E RIGHT-TO-LEFT OVERRIDE is not allowed: <reason>``."""
        code = ord(self.char)
        name = unicodedata.name(self.char, "") or _unnamed(code)
        return f"U+{code:04X} {name} is not allowed: {self.reason}"


def _unnamed(code: int) -> str:
    if 0xD800 <= code <= 0xDFFF:
        return "(a lone surrogate)"
    if code < 0x20 or 0x7F <= code < 0xA0:
        return "(a control character)"
    return "(no name)"


_PATTERNS: dict[str, re.Pattern[str]] = {}


def _pattern(allow: str) -> re.Pattern[str]:
    """The characters to look at when ``allow`` (some of tab, newline, carriage return) is accepted."""
    if allow not in _PATTERNS:
        controls = "".join(char for char in _CONTROLS if char not in allow)
        body = (
            re.escape(controls) + _BIDI + _INVISIBLE + _NONCHARACTERS + _TAGS + _JOINERS + _SELECTORS + _UNPRINTABLE
        ) + "\ud800-\udfff"
        _PATTERNS[allow] = re.compile(f"[{body}]")
    return _PATTERNS[allow]


def _in(char: str, ranges: tuple[tuple[int, int], ...]) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in ranges)


def _joins(char: str) -> bool:
    """Whether ``char`` is a letter or a mark of a script that shapes with joiners (digits never join)."""
    return bool(char) and _in(char, _JOINING_SCRIPTS) and unicodedata.category(char)[0] in "LM"


def _reason(text: str, index: int) -> str | None:
    """Why the character at ``index`` is refused, or None when its context allows it."""
    char = text[index]
    code = ord(char)
    if char in _JOINERS:
        before = text[index - 1] if index else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        if _joins(before) and _joins(after):
            return None
        if char == "\u200d" and before and after and _in(before, _EMOJI) and _in(after, _EMOJI):
            return None
        return "a zero-width joiner or non-joiner belongs only between letters of a script that needs it"
    if 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF or 0x180B <= code <= 0x180F:
        before = text[index - 1] if index else ""
        if before and (
            (_in(before, _EMOJI) and code in (0xFE0E, 0xFE0F))
            or (_in(before, _HAN) and not 0x180B <= code <= 0x180F)
            or (_in(before, _MONGOLIAN) and 0x180B <= code <= 0x180F)
        ):
            return None
        return "a variation selector belongs only after the emoji, ideograph or Mongolian letter it selects a form of"
    if code == 0x2800 or code == 0xFFFC or 0xE000 <= code <= 0xF8FF or code >= 0xF0000:
        return "a character that prints as a blank, a box or whatever a font puts there (private use)"
    if 0xE0000 <= code <= 0xE007F:
        start = text.rfind("\U0001f3f4", 0, index)
        flag = _FLAG.match(text, start) if start >= 0 else None
        if flag is not None and index < flag.end():
            return None
        return "tag characters are invisible (they belong only in a flag emoji)"
    if code < 0x20 or 0x7F <= code < 0xA0:
        return "control characters corrupt outputs (write plain text; a new line is a line break)"
    if 0xD800 <= code <= 0xDFFF:
        return "half of a surrogate pair is not a character (the text was decoded wrongly)"
    if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069 or code in (0x200E, 0x200F, 0x061C):
        return "right-to-left runs are isolated automatically, and a phrase's language is marked with [words]{lang=xx}"
    if code in (0x2028, 0x2029):
        return "a line or paragraph separator: use a new line"
    if 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
        return "noncharacters are not text"
    return "invisible characters can hide or change what a reader sees (a number split or joined unseen)"


def find_unsafe(text: str, allow: str = "\t\n", *, start: int = 0) -> Unsafe | None:
    """The first refused character of ``text`` at or after ``start``; ``allow`` lists the controls
    accepted here (some of tab, newline; a carriage return is accepted only before a newline)."""
    pattern = _pattern(allow.replace("\r", ""))
    first: Unsafe | None = None
    for found in pattern.finditer(text, start):
        index = found.start()
        if text[index] == "\r" and "\r" in allow and text.startswith("\r\n", index):
            continue
        reason = _reason(text, index)
        if reason is not None:
            first = Unsafe(index, text[index], reason)
            break
    if (mark := _DIGIT_MARK.search(text, start, first.index if first else len(text))) is not None:
        return Unsafe(mark.start(), mark.group(0), "a mark on a digit changes how the number reads (4\u0338: not 4)")
    return first


def line_of(text: str, index: int, first_line: int = 1) -> int:
    """The line of ``index`` in ``text``, whose first line is ``first_line``."""
    return first_line + text.count("\n", 0, index)


def unsafe_problem(text: str, origin: Origin, kind: str, allow: str = "\t\n", what: str = "") -> Problem | None:
    """A problem for the first refused character of ``text`` (written from ``origin``'s line on), or None;
    ``what`` names the value in the message (``'title'``, ``organization name``)."""
    found = find_unsafe(text, allow)
    if found is None:
        return None
    line = line_of(text, found.index, origin.line) if origin.line else 0
    prefix = f"{what}: " if what else ""
    return Problem(kind, Origin(origin.path, line), prefix + found.describe())


def unsafe_problems(text: str, path: str, kind: str, allow: str = "\t\n", limit: int = 20) -> list[Problem]:
    """One problem per line of a whole file's ``text`` that holds a refused character (at most ``limit``)."""
    problems: list[Problem] = []
    start = 0
    while len(problems) < limit and (found := find_unsafe(text, allow, start=start)) is not None:
        problems.append(Problem(kind, Origin(path, line_of(text, found.index)), found.describe()))
        end = text.find("\n", found.index)
        if end < 0:
            break
        start = end + 1
    return problems


def replace_unsafe(text: str, allow: str = "\t\n") -> str:
    """``text`` with every refused character replaced by U+FFFD, so that text already reported can be read
    on (for its other problems) without reaching an output."""
    parts: list[str] = []
    start = 0
    while (found := find_unsafe(text, allow, start=start)) is not None:
        parts.append(text[start : found.index] + "\ufffd")
        start = found.index + 1
    return "".join(parts) + text[start:]


def excerpt(value: object, limit: int = 40) -> str:
    """``value`` quoted for a message: escaped (``repr``), at most ``limit`` characters of it, with an
    ellipsis and the full length when it is longer. Never formats more than ``limit`` characters."""
    if isinstance(value, str):
        if len(value) <= limit:
            return repr(value)
        return f"{value[:limit]!r}... ({len(value)} characters)"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value).bit_length() > 128:
        return "a whole number of more than 38 digits"
    if isinstance(value, bool | int | float | type(None)):
        text = repr(value)
        return text if len(text) <= limit else f"{text[:limit]}... ({len(text)} characters)"
    if isinstance(value, list | tuple | dict | set | bytes):
        return f"a {type(value).__name__} of length {len(value)}"
    return f"a value of type {type(value).__name__}"

"""liblouis, through its command-line translator ``lou_translate`` (Debian ``liblouis-bin``).

Why a subprocess rather than the library through ctypes: Debian's Python binding is built for the
system Python only, and a ctypes binding would have to match the build's ``widechar`` size (2 or 4
bytes, ``lou_charSize()``) and keep liblouis's process-wide table cache and its thread-unsafe
translator inside our process; a crash in a table would take the whole build down with it. The
command line is liblouis's stable interface, and one process translates a whole document (one input
line per paragraph), about 0.1 s for a long handout, the table compilation included.

Output is asked for as Unicode braille (``unicode.dis`` first in the table list), one cell per
character, which :mod:`exporters.brf.cells` lays out and encodes as BRF itself; a last table of our
own (:func:`~exporters.brf.tables.undefined_table`) turns every character the table does not define
into a cell with dots 7-8, which six-dot braille never uses, so it can be found and reported.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable, Sequence

from exporters.brf.tables import undefined_table

__all__ = [
    "LOU_TRANSLATE",
    "LouisError",
    "back_translate",
    "defined",
    "known_characters",
    "page_number",
    "probe",
    "translate",
]

LOU_TRANSLATE = "lou_translate"
_TIMEOUT = 120
_NUMBERS = 200
"""Page numbers translated at once, the first time a table is used."""

_known: dict[str, dict[str, str]] = {}
"""Each table list's translation of every piece probed so far."""
_numbers: dict[str, list[str]] = {}


class LouisError(RuntimeError):
    """lou_translate is missing, or failed."""


def _run(direction: str, tables: str, lines: Sequence[str]) -> list[str]:
    if not lines:
        return []
    if any("\n" in line or "\r" in line for line in lines):
        raise ValueError("a line to translate holds a line break")
    try:
        done = subprocess.run(
            [LOU_TRANSLATE, direction, tables],
            # lou_translate reads backslash escapes (\x0041) in its input: a backslash must be doubled
            input=("\n".join(line.replace("\\", "\\\\") for line in lines) + "\n").encode("utf-8"),
            capture_output=True,
            timeout=_TIMEOUT,
            check=False,
        )
    except FileNotFoundError:
        raise LouisError(
            f"{LOU_TRANSLATE} is not installed: install Debian's liblouis-bin and liblouis-data "
            "(scripts/install-system-packages.sh)"
        ) from None
    except subprocess.TimeoutExpired:
        raise LouisError(f"{LOU_TRANSLATE} {direction} {tables} took over {_TIMEOUT} s") from None
    if done.returncode != 0:
        error = done.stderr.decode("utf-8", "replace").strip() or f"exit status {done.returncode}"
        raise LouisError(f"{LOU_TRANSLATE} {direction} {tables}: {error}")
    out = done.stdout.decode("utf-8", "replace").split("\n")
    if out and out[-1] == "":
        out.pop()
    if len(out) != len(lines):
        raise LouisError(f"{LOU_TRANSLATE} returned {len(out)} lines for {len(lines)}")
    return out


def _forward_tables(tables: str) -> str:
    return f"unicode.dis,{tables},{undefined_table()}"


def translate(lines: Sequence[str], tables: str) -> list[str]:
    """Each line (print text, no line break inside, none empty) in Unicode braille, in one process."""
    return _run("--forward", _forward_tables(tables), lines)


def back_translate(brf_lines: Sequence[str], tables: str) -> list[str]:
    """BRF (ASCII braille) lines back to print with ``tables``, as a reader's software would."""
    return _run("--backward", f"en-us-brf.dis,{tables}", brf_lines)


def defined(cells: str) -> bool:
    """True when every cell is a six-dot cell (no dot 7 or 8: nothing undefined)."""
    return all(0x2800 <= ord(cell) <= 0x283F for cell in cells)


def probe(pieces: Iterable[str], tables: str) -> dict[str, str]:
    """Each piece of text (a character, a pair of Han characters) translated on its own, in one
    process for every piece not seen before with ``tables`` (cached for the process)."""
    cache = _known.setdefault(tables, {})
    wanted = set(pieces)
    new = sorted(piece for piece in wanted if piece not in cache and piece.strip())
    first = tables not in _numbers
    lines = [*new, *(str(n) for n in range(1, _NUMBERS + 1))] if first else new
    if lines:
        out = translate(lines, tables)
        cache.update(zip(new, out, strict=False))
        if first:
            _numbers[tables] = out[len(new) :]
    return {piece: cache.get(piece, "") for piece in wanted}


def known_characters(chars: Iterable[str], tables: str) -> dict[str, bool]:
    """Whether ``tables`` defines each character (a space always counts as defined)."""
    found = probe(chars, tables)
    return {char: not char.strip() or defined(cells) for char, cells in found.items()}


def page_number(number: int, tables: str) -> str:
    """A braille page number in the table's own number sign and digits (Unicode braille)."""
    numbers = _numbers.get(tables)
    if numbers is None:
        known_characters((), tables)
        numbers = _numbers[tables]
    if number > len(numbers):
        numbers.extend(translate([str(n) for n in range(len(numbers) + 1, number + _NUMBERS)], tables))
    return numbers[number - 1]

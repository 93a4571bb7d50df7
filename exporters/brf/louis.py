"""liblouis in a process of its own: forward translation with emphasis through the library in a
child process (:mod:`exporters.brf.child`), back-translation through ``lou_translate --backward``
(Debian ``liblouis-bin``), as a reader's software would do it.

Why a child process: liblouis keeps a process-wide table cache and a thread-unsafe translator, and a
crash in a table would take the whole build down with it. Why the library and not ``lou_translate``
for forward translation: the command line takes no typeform, so it cannot write the code's bold
indicators or transcriber's note indicators (see :mod:`exporters.brf.child` for the binding). One
child translates a whole document (one line per paragraph), the table compilation included.

Output is asked for as Unicode braille (``unicode.dis`` first in the table list), one cell per
character, which :mod:`exporters.brf.cells` lays out and encodes as BRF itself; a last table of our
own (:func:`~exporters.brf.tables.undefined_table`) turns every character the table does not define
into a cell with dots 7-8, which six-dot braille never uses, so it can be found and reported.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from exporters.brf.tables import undefined_table

__all__ = [
    "BOLD",
    "EMPHASIS_CLASSES",
    "LOU_TRANSLATE",
    "NOTE",
    "LouisError",
    "back_translate",
    "defined",
    "emphasis_classes",
    "known_characters",
    "page_number",
    "probe",
    "translate",
]

LOU_TRANSLATE = "lou_translate"
_TIMEOUT = 120
_NUMBERS = 200
"""Page numbers translated at once, the first time a table is used."""

EMPHASIS_CLASSES = ("bold", "transnote")
"""The liblouis emphasis classes the exporter marks, in the order of their flag bits."""
BOLD = 1
"""Flag of a character in bold (or other emphasis, which print shows bold)."""
NOTE = 2
"""Flag of a character of a transcriber's note."""
_CHILD = Path(__file__).with_name("child.py")

_known: dict[str, dict[str, str]] = {}
"""Each table list's translation of every piece probed so far."""
_numbers: dict[str, list[str]] = {}
_classes: dict[str, dict[str, int]] = {}
"""Each table list's typeform bit for each of :data:`EMPHASIS_CLASSES` (0: the tables define none)."""


class LouisError(RuntimeError):
    """lou_translate is missing, or failed."""


def _run(direction: str, tables: str, lines: Sequence[str]) -> list[str]:
    import subprocess  # only a braille build starts liblouis

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


def translate(lines: Sequence[str], tables: str, flags: Sequence[Sequence[int]] | None = None) -> list[str]:
    """Each line (print text, no line break inside, none empty) in Unicode braille, in one child
    process; ``flags``, when given, holds for each line one :data:`BOLD`/:data:`NOTE` bit set per
    character, which liblouis writes as the code's indicators where its tables define them."""
    import subprocess  # only a braille build starts liblouis

    if not lines:
        return []
    if flags is not None and [len(f) for f in flags] != [len(line) for line in lines]:
        raise ValueError("flags must give one value per character of each line")
    request = {
        "tables": _forward_tables(tables),
        "classes": list(EMPHASIS_CLASSES),
        "lines": [[line, list(flags[index]) if flags else []] for index, line in enumerate(lines)],
    }
    try:
        done = subprocess.run(
            [sys.executable, "-I", str(_CHILD)],
            input=json.dumps(request).encode("utf-8"),
            capture_output=True,
            timeout=_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise LouisError(f"liblouis took over {_TIMEOUT} s with {tables}") from None
    if done.returncode != 0:
        error = done.stderr.decode("utf-8", "replace").strip() or f"exit status {done.returncode}"
        raise LouisError(
            f"{error} (tables {tables}; install Debian's liblouis-bin and liblouis-data: "
            "scripts/install-system-packages.sh)"
        )
    answer = json.loads(done.stdout.decode("utf-8"))
    _classes[tables] = {str(k): int(v) for k, v in answer["classes"].items()}
    out = [str(line) for line in answer["lines"]]
    if len(out) != len(lines):
        raise LouisError(f"liblouis returned {len(out)} lines for {len(lines)}")
    return out


def emphasis_classes(tables: str) -> dict[str, bool]:
    """Whether ``tables`` define each of :data:`EMPHASIS_CLASSES` (bold indicators, transcriber's note
    indicators)."""
    if tables not in _classes:
        translate(["a"], tables)
    return {name: bool(_classes[tables].get(name)) for name in EMPHASIS_CLASSES}


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

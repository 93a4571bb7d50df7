"""Write handoutkit/language_table.py: every Babel locale's English name, own name and direction.

Every build's home page names each language of the project, and reading a language's names from
Babel means loading and merging that whole locale (about 4 ms each, a fifth of a one-file text build).
The table holds the same three values for every locale the installed Babel has, with that Babel's
version: handoutkit uses it only while the same Babel version is installed, and asks Babel otherwise.
Run this after upgrading Babel (``tests/test_language_table.py`` fails until it is run):

    .venv/bin/python scripts/generate_language_table.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import babel
from babel import Locale, localedata

TARGET = Path(__file__).resolve().parent.parent / "handoutkit" / "language_table.py"


def table() -> dict[str, tuple[str, str, str]]:
    """``{locale: (English name, own name, direction)}`` for every locale Babel has, as Babel gives them."""
    found: dict[str, tuple[str, str, str]] = {}
    for identifier in sorted(localedata.locale_identifiers()):
        locale = Locale.parse(identifier)
        found[str(locale)] = (locale.english_name or "", locale.display_name or "", locale.text_direction)
    return found


def source(entries: dict[str, tuple[str, str, str]]) -> str:
    lines = [
        f'"""Every Babel locale\'s English name, own name and direction, for Babel {babel.__version__}.',
        "",
        'Made by scripts/generate_language_table.py: do not edit (see handoutkit.languages)."""',
        "",
        "# ruff: noqa: E501",
        "# fmt: off",
        f"BABEL_VERSION = {babel.__version__!r}",
        "NAMES: dict[str, tuple[str, str, str]] = {",
        *(f"    {key!r}: {value!r}," for key, value in entries.items()),
        "}",
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    TARGET.write_text(source(table()), encoding="utf-8")
    print(f"wrote {TARGET} ({len(table())} locales, Babel {babel.__version__})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Write the two tables handoutkit reads instead of asking Babel, for the installed Babel's version.

- handoutkit/language_table.py: every locale's English name, own name and direction. Every build's
  home page names each language of the project, and parsing a code or reading a language's names from
  Babel imports Babel and loads and merges that whole locale.
- handoutkit/date_table.py: every locale's long date format, ready to fill in (the handouts' "Updated
  November 25, 2026."): Babel's pattern as Babel tokenizes it, with the month and era names it prints.

Asking Babel for these costs a one-file text build about a fifth of its time. handoutkit uses each table
only while the Babel it was made from is installed, and asks Babel otherwise. Run this after upgrading
Babel (``tests/test_babel_tables.py`` fails until it is run):

    .venv/bin/python scripts/generate_babel_tables.py
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import babel
from babel import Locale, localedata
from babel.dates import get_era_names, get_month_names, tokenize_pattern

HANDOUTKIT = Path(__file__).resolve().parent.parent / "handoutkit"

FIELDS = frozenset({"y", "M", "d", "G"})
"""The pattern letters :mod:`handoutkit.long_dates` fills in (year, month, day, era)."""

Token = str | tuple[str, int]
Style = tuple[tuple[Token, ...], tuple[str, ...], tuple[str, str]]


def style(locale: Locale) -> Style:
    """The long date format of ``locale``: the pattern's tokens (text, or a field letter and its width),
    the twelve month names it prints (none for a numeric month) and its BC and AD era names (none
    without an era field)."""
    tokens: list[Token] = []
    months: tuple[str, ...] = ()
    eras: tuple[str, str] = ("", "")
    for kind, value in tokenize_pattern(locale.date_formats["long"].pattern):
        if kind == "chars":
            tokens.append(str(value))
            continue
        letter, width = value  # type: ignore[misc]
        if letter not in FIELDS:
            raise SystemExit(f"{locale}: the long date format uses {letter * width!r}, which long_dates cannot fill in")
        if letter == "M" and width >= 3:
            names = get_month_names({3: "abbreviated", 4: "wide", 5: "narrow"}[width], "format", locale)
            months = tuple(names[number] for number in range(1, 13))
        if letter == "G":
            names = get_era_names({3: "abbreviated", 4: "wide", 5: "narrow"}[max(3, width)], locale)
            eras = (names[0], names[1])
        tokens.append((letter, width))
    return tuple(tokens), months, eras


def fresh_locale(identifier: str) -> Locale:
    """``identifier``'s locale as a build process sees it, the first locale it loads: Babel's cache of
    loaded locales is emptied first, because loading a locale changes the cached data of its parent
    (``localedata.load`` merges into a shallow copy: in Babel 2.18, after ``yo_BJ`` every later
    Yoruba locale names November "M11")."""
    localedata._cache.clear()
    return Locale.parse(identifier)


@dataclass(frozen=True)
class Tables:
    """What the installed Babel says for every locale, each locale read as a build reads it (fresh)."""

    names: dict[str, tuple[str, str, str]]
    """``{locale: (English name, own name, direction)}``."""
    styles: list[Style]
    """The distinct long date formats."""
    long_date: dict[str, int]
    """Each locale's long date format, by index into :attr:`styles`."""


def tables() -> Tables:
    """Both tables, in one reading of every locale (each takes about 14 ms to load fresh)."""
    found = Tables({}, [], {})
    for identifier in sorted(localedata.locale_identifiers()):
        locale = fresh_locale(identifier)
        key = str(locale)
        found.names[key] = (locale.english_name or "", locale.display_name or "", locale.text_direction)
        entry = style(locale)
        if entry not in found.styles:
            found.styles.append(entry)
        found.long_date[key] = found.styles.index(entry)
    return found


def date_source(styles: list[Style], index: dict[str, int]) -> str:
    lines = [
        f'"""Every Babel locale\'s long date format, for Babel {babel.__version__}.',
        "",
        'Made by scripts/generate_babel_tables.py: do not edit (see handoutkit.long_dates)."""',
        "",
        "# ruff: noqa: E501",
        "# fmt: off",
        f"BABEL_VERSION = {babel.__version__!r}",
        "STYLES: tuple[tuple[tuple[str | tuple[str, int], ...], tuple[str, ...], tuple[str, str]], ...] = (",
        *(f"    {entry!r}," for entry in styles),
        ")",
        "LONG_DATE: dict[str, int] = {",
        *(f"    {key!r}: {value}," for key, value in index.items()),
        "}",
        "",
    ]
    return "\n".join(lines)


def language_source(entries: dict[str, tuple[str, str, str]]) -> str:
    lines = [
        f'"""Every Babel locale\'s English name, own name and direction, for Babel {babel.__version__}.',
        "",
        'Made by scripts/generate_babel_tables.py: do not edit (see handoutkit.languages)."""',
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
    found = tables()
    (HANDOUTKIT / "language_table.py").write_text(language_source(found.names), encoding="utf-8")
    (HANDOUTKIT / "date_table.py").write_text(date_source(found.styles, found.long_date), encoding="utf-8")
    print(
        f"wrote handoutkit/language_table.py ({len(found.names)} locales) and handoutkit/date_table.py "
        f"({len(found.styles)} formats), Babel {babel.__version__}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Dates written out in a language's long format ("November 25, 2026", "25 de noviembre de 2026").

The format is Babel's (CLDR's ``long`` date format), read from :mod:`handoutkit.date_table`, a table made
from the installed Babel by ``scripts/generate_babel_tables.py``: writing the handout's date this way does
not import Babel's date modules nor load the locale. Babel is asked directly when another Babel version
is installed or the locale is not in the table.
"""

from __future__ import annotations

import datetime as dt

from handoutkit.languages import babel_tables_current

__all__ = ["long_date"]


def long_date(value: dt.date, gettext: str) -> str:
    """``value`` in the long date format of the locale ``gettext`` (``es``, ``zh_Hans``), as Babel's
    ``format_date(value, format="long")`` writes it."""
    from handoutkit import date_table

    if babel_tables_current() and gettext in date_table.LONG_DATE:
        tokens, months, eras = date_table.STYLES[date_table.LONG_DATE[gettext]]
        return "".join(token if isinstance(token, str) else _field(value, *token, months, eras) for token in tokens)
    from babel.dates import format_date

    return format_date(value, format="long", locale=gettext)


def _field(value: dt.date, letter: str, width: int, months: tuple[str, ...], eras: tuple[str, str]) -> str:
    """One field of the pattern, as Babel fills it in (numbers in ASCII digits, zero-padded to ``width``)."""
    match letter:
        case "y":
            year = f"{value.year:0{width}d}"
            return year[-2:] if width == 2 else year
        case "M":
            return months[value.month - 1] if width >= 3 else f"{value.month:0{width}d}"
        case "d":
            return f"{value.day:0{width}d}"
        case "G":
            return eras[1 if value.year >= 0 else 0]
    raise ValueError(f"the date table has a field this module does not fill in: {letter * width!r}")

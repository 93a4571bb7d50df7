"""``[brf]`` in ``handoutkit.toml``: the braille exporter's options (checked by the core, see handoutkit.options).

The table is chosen per language with ``[language.<code>.brf] table = "..."``; left empty, the
language's default (:data:`exporters.brf.tables.DEFAULT_TABLES`) is used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from handoutkit.options import option

__all__ = ["BrfOptions"]

_TABLE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def _table_list(value: str) -> str | None:
    """A liblouis table name or a comma-separated list of them (no paths: tables come from liblouis)."""
    if value == "":
        return None
    names = value.split(",")
    bad = [name for name in names if not _TABLE_NAME.fullmatch(name)]
    return f'{bad[0]!r} is not a liblouis table name (such as "es-g1.ctb")' if bad else None


@dataclass(frozen=True, slots=True)
class BrfOptions:
    """How braille is translated and laid out on the page."""

    table: str = field(
        default="",
        metadata=option(
            "The liblouis translation table (or comma-separated tables) for the language, set per language "
            'in `[language.<code>.brf]`; empty: the language\'s default (README, "Braille (BRF)")',
            check=_table_list,
        ),
    )
    cells_per_line: int = field(
        default=40,
        metadata=option("Braille cells per line (40 fits 11 × 11.5 in braille paper)", minimum=20, maximum=100),
    )
    lines_per_page: int = field(
        default=25,
        metadata=option("Lines per braille page, the page number's line included", minimum=5, maximum=60),
    )

"""Which liblouis table translates each language, and where liblouis keeps its tables.

The defaults are the literary tables liblouis ships for the project's languages. A language outside
this list needs ``[language.<code>.brf] table = "..."``; the exporter's ``check`` says so.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "DEFAULT_TABLES",
    "EMPHASIS_TABLES",
    "REGIONAL_TABLES",
    "TABLE_DIRS",
    "DefaultTable",
    "default_table",
    "missing_tables",
    "undefined_table",
    "with_emphasis",
]


@dataclass(frozen=True, slots=True)
class DefaultTable:
    """A language's default table and what it is, for the README."""

    table: str
    grade: str


DEFAULT_TABLES: dict[str, DefaultTable] = {
    "en": DefaultTable("en-ueb-g2.ctb", "Unified English Braille, grade 2 (contracted)"),
    "es": DefaultTable("es-g1.ctb", "Spanish braille, grade 1 (uncontracted: the code Spanish readers use)"),
    "vi": DefaultTable("vi-vn-g1.ctb", "Vietnamese braille, grade 1 (partially contracted)"),
    "zh": DefaultTable("zh-chn.ctb", "Mandarin (current Chinese braille: pinyin initials, finals and tones)"),
    "ar": DefaultTable("ar-ar-g1.utb", "Unified Arabic Braille, grade 1 (uncontracted)"),
    "fr": DefaultTable("fr-bfu-comp6.utb", "French unified braille (BFU), uncontracted six-dot"),
}
"""By primary language subtag (``zh`` for ``zh-Hans``)."""

_CANTONESE = DefaultTable("zh-hk.ctb", "Cantonese braille, the code readers in Hong Kong and Macau use")
REGIONAL_TABLES: dict[tuple[str, str], DefaultTable] = {
    ("zh", "TW"): DefaultTable("zh-tw.ctb", "Taiwanese braille (bopomofo), the code readers in Taiwan use"),
    ("zh", "HK"): _CANTONESE,
    ("zh", "MO"): _CANTONESE,
}
"""By language and region, where a region reads another code than the language's default (Chinese
braille in Taiwan and in Hong Kong is not the Mainland's pinyin-based code)."""

TABLE_DIRS: tuple[Path, ...] = (
    *(Path(part) for part in os.environ.get("LOUIS_TABLEPATH", "").split(",") if part),
    Path("/usr/share/liblouis/tables"),
    Path("/usr/local/share/liblouis/tables"),
)
"""Where liblouis looks for tables (``LOUIS_TABLEPATH`` first, then Debian's and a local install's folder)."""


EMPHASIS_TABLES: dict[str, str] = {"es-g1.ctb": "handoutkit-es-emphasis.cti"}
"""Tables of our own that give a liblouis table the emphasis indicators of its code, which it lacks
(each file names the rule it follows)."""


def with_emphasis(tables: str) -> str:
    """``tables`` followed by our emphasis table for any of them that lacks one."""
    extra = [
        str(Path(__file__).parent / "tables" / EMPHASIS_TABLES[name])
        for name in tables.split(",")
        if name in EMPHASIS_TABLES
    ]
    return ",".join([tables, *extra])


def default_table(tag: str) -> str | None:
    """The default table for a BCP 47 tag (its region's, where it has one), or None when the language has
    none."""
    parts = tag.split("-")
    language = parts[0].lower()
    for part in parts[1:]:
        if (regional := REGIONAL_TABLES.get((language, part.upper()))) is not None:
            return regional.table
    found = DEFAULT_TABLES.get(language)
    return found.table if found else None


def missing_tables(tables: str) -> list[str]:
    """The names in a comma-separated table list that no liblouis table folder holds."""
    return [name for name in tables.split(",") if not any((folder / name).is_file() for folder in TABLE_DIRS)]


def undefined_table() -> Path:
    """The project's one-line table that marks undefined characters with dots 7-8 (see the file)."""
    return Path(__file__).parent / "tables" / "handoutkit-undefined.cti"

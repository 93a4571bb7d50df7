"""Reading and writing .po files with polib, with errors that name the file and line.

Catalogs are read directly from the .po files (no stale .mo can mislead). polib keeps custom header
fields, unknown flags and every comment, which Babel's reader and msgmerge do not.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import polib

from handoutkit.errors import ProblemError
from handoutkit.model import Origin

__all__ = [
    "REVIEWED_BY",
    "REVIEWED_ON",
    "REVIEW_STATUS",
    "Catalog",
    "catalog_path",
    "format_po",
    "header_date",
    "read_catalog",
    "usable",
]

REVIEWED_BY = "X-Translation-Reviewed-By"
"""Header field: the qualified medical translator who reviewed this translation."""
REVIEWED_ON = "X-Translation-Reviewed-On"
"""Header field: the date of that review, YYYY-MM-DD."""
REVIEW_STATUS = "X-Translation-Status"
"""Header field: a human note on the translation's state (``draft: awaiting review by ...``)."""

_CHARSET = re.compile(r"charset=([A-Za-z0-9_.:-]+)")
_LINE = re.compile(r'^\s*(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"\s*$')
"""A keyword line or a string continuation line, with one properly closed string."""


@dataclass(frozen=True)
class Catalog:
    """One .po file, read."""

    path: Path
    display: str
    """The path as messages show it (relative to the project: ``locales/es/LC_MESSAGES/x.po``)."""
    po: polib.POFile
    msgstr_lines: dict[int, int]
    """Entry start line -> line of its ``msgstr``, so messages point at the translation itself."""

    def origin(self, entry: polib.POEntry) -> Origin:
        """Where an entry's translation is written."""
        # Line 0: only an entry built in code, never one polib read from this file, has no line.
        start = entry.linenum or 0
        return Origin(self.display, self.msgstr_lines.get(start, start))

    @cached_property
    def entries(self) -> dict[str, polib.POEntry]:
        """Active (not obsolete) entries by msgid (built once)."""
        return {e.msgid: e for e in self.po if not e.obsolete and not e.msgctxt}

    @property
    def reviewed_by(self) -> str:
        return self.po.metadata.get(REVIEWED_BY, "").strip()

    @property
    def reviewed_on(self) -> dt.date | None:
        return header_date(self.po.metadata.get(REVIEWED_ON, ""))

    @property
    def revised(self) -> dt.datetime | None:
        """``PO-Revision-Date`` as an aware datetime (None for a template's placeholder)."""
        value = self.po.metadata.get("PO-Revision-Date", "").strip()
        try:
            return dt.datetime.strptime(value, "%Y-%m-%d %H:%M%z")
        except ValueError:
            return None


def catalog_path(locales: Path, gettext_name: str, domain: str) -> Path:
    """``locales/<locale>/LC_MESSAGES/<domain>.po``."""
    return locales / gettext_name / "LC_MESSAGES" / f"{domain}.po"


def header_date(value: str) -> dt.date | None:
    """A ``YYYY-MM-DD`` header value as a date, None when empty or malformed."""
    try:
        return dt.date.fromisoformat(value.strip()[:10]) if value.strip() else None
    except ValueError:
        return None


def read_catalog(path: Path, display: str) -> Catalog:
    """Read a .po (or .pot) file; :class:`ProblemError` names the file and line of a syntax or encoding error."""
    raw = path.read_bytes()
    head = raw[:4096].decode("ascii", "replace")
    declared = _CHARSET.search(head)
    charset = declared.group(1) if declared and declared.group(1).upper() != "CHARSET" else "utf-8"
    try:
        text = raw.decode(charset)
    except LookupError:
        raise ProblemError.single(
            "po-encoding", Origin(display, 0), f"unknown charset {charset!r} in the header"
        ) from None
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ProblemError.single(
            "po-encoding", Origin(display, line), f"bytes that are not {charset} text (the header declares {charset})"
        ) from None
    text = text.removeprefix("\ufeff")
    for number, written in enumerate(text.split("\n"), start=1):
        if written.strip() and not written.lstrip().startswith("#") and not _LINE.match(written):
            raise ProblemError.single(
                "po-syntax",
                Origin(display, number),
                f"not valid .po syntax (an unclosed string?): {written.strip()[:60]!r}",
            )
    try:
        po = polib.pofile(text, wrapwidth=0)
    except (OSError, ValueError) as error:
        match = re.search(r"\(line (\d+)\)", str(error))
        line = int(match.group(1)) if match else 0
        reason = re.sub(r"\s*\(line \d+\)", "", str(error))
        raise ProblemError.single("po-syntax", Origin(display, line), f"not a valid .po file: {reason}") from None
    lines = text.split("\n")
    msgstr_lines: dict[int, int] = {}
    for entry in po:
        if entry.linenum is None:  # polib gives every entry it reads the line it starts on
            continue
        number = entry.linenum
        while number - 1 < len(lines) and not lines[number - 1].lstrip("#~ ").startswith("msgstr"):
            number += 1
        msgstr_lines[entry.linenum] = number if number - 1 < len(lines) else entry.linenum
    return Catalog(path, display, po, msgstr_lines)


def usable(entry: polib.POEntry) -> bool:
    """A translation exists: not obsolete, not fuzzy, not empty."""
    return not entry.obsolete and "fuzzy" not in entry.flags and bool(entry.msgstr.strip())


def format_po(po: polib.POFile) -> str:
    """The file's text as written: never wrapped (translators' lines stay as they are), one newline at the end."""
    po.wrapwidth = 0
    return str(po).rstrip("\n") + "\n"

"""Reading and writing .po files with polib, with errors that name the file and line.

Catalogs are read directly from the .po files (no stale .mo can mislead). polib keeps custom header
fields, unknown flags and every comment, which Babel's reader and msgmerge do not.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import polib

from handoutkit.errors import Problem, ProblemError
from handoutkit.model import Origin
from handoutkit.review import DIGEST, is_future

__all__ = [
    "REVIEWED_BY",
    "REVIEWED_DIGEST",
    "REVIEWED_ON",
    "REVIEW_STATUS",
    "Catalog",
    "catalog_path",
    "format_po",
    "header_date",
    "read_catalog",
    "review_record_problems",
    "usable",
]

REVIEWED_BY = "X-Translation-Reviewed-By"
"""Header field: the qualified medical translator who reviewed this translation."""
REVIEWED_ON = "X-Translation-Reviewed-On"
"""Header field: the date of that review, YYYY-MM-DD."""
REVIEWED_DIGEST = "X-Translation-Reviewed-Digest"
"""Header field: what that review covered (:mod:`handoutkit.review`), written by the ``review`` command."""
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
    header_lines: dict[str, int] = field(default_factory=dict)
    """Header field name -> the line it is written on."""

    def header_origin(self, name: str) -> Origin:
        """Where a header field is written (the file itself when it is not)."""
        return Origin(self.display, self.header_lines.get(name, 0))

    def header(self, name: str) -> str:
        """A header field's value, stripped ("" when absent)."""
        return str(self.po.metadata.get(name, "")).strip()

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


def _duplicate_problems(catalog: Catalog) -> list[Problem]:
    """A msgid (in one context) written twice: polib keeps the last, so a reviewer approving the first
    would approve text that is never published; msgfmt refuses such a file."""
    first: dict[tuple[str | None, str], polib.POEntry] = {}
    problems: list[Problem] = []
    for entry in catalog.po:
        if entry.obsolete:
            continue
        key = (entry.msgctxt, entry.msgid)
        if key in first:
            earlier = catalog.origin(first[key])
            problems.append(
                Problem(
                    "po-duplicate",
                    catalog.origin(entry),
                    f"this msgid is already in the catalog at line {earlier.line}: keep one entry {entry.msgid[:50]!r}",
                )
            )
        else:
            first[key] = entry
    return problems


def read_catalog(path: Path, display: str, today: dt.date | None = None) -> Catalog:
    """Read a .po (or .pot) file; :class:`ProblemError` names the file and line of a syntax or encoding
    error, or of a broken review record (a review dated after ``today``, default the real clock's)."""
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
    catalog = Catalog(path, display, po, msgstr_lines, _header_lines(lines))
    problems = [*_duplicate_problems(catalog), *review_record_problems(catalog, today)]
    if problems:
        raise ProblemError(problems)
    return catalog


def review_record_problems(catalog: Catalog, today: dt.date | None = None) -> list[Problem]:
    """Errors in the header's review record: a malformed or future date, a reviewer without a date (or a
    date without one), a digest the ``review`` command did not write."""
    by, on, recorded = catalog.header(REVIEWED_BY), catalog.header(REVIEWED_ON), catalog.header(REVIEWED_DIGEST)
    problems: list[Problem] = []

    def error(name: str, message: str) -> None:
        problems.append(Problem("review", catalog.header_origin(name), message))

    if on:
        try:
            day = dt.date.fromisoformat(on)
        except ValueError:
            error(REVIEWED_ON, f"{REVIEWED_ON} is not a date written YYYY-MM-DD: {on!r}")
        else:
            if is_future(day, today):
                error(REVIEWED_ON, f"{REVIEWED_ON} is in the future ({on}): date a review when it is done")
    if by and not on:
        error(REVIEWED_BY, f"{REVIEWED_BY} is set but {REVIEWED_ON} is not")
    if on and not by:
        error(REVIEWED_ON, f"{REVIEWED_ON} is set but {REVIEWED_BY} is not")
    if recorded and not DIGEST.match(recorded):
        error(REVIEWED_DIGEST, f"{REVIEWED_DIGEST} is not a digest the 'review' command wrote: {recorded!r}")
    return problems


_HEADER_FIELD = re.compile(r'^\s*"([A-Za-z0-9_-]+)\s*:')


def _header_lines(lines: list[str]) -> dict[str, int]:
    """The line of each field of the header entry (the first ``msgid ""``)."""
    found: dict[str, int] = {}
    start = next((i for i, line in enumerate(lines) if line.strip() == 'msgid ""'), None)
    if start is None:
        return found
    number = start + 1
    while number < len(lines) and not lines[number].lstrip().startswith("msgstr"):
        number += 1
    continues = False
    for index in range(number + 1, len(lines)):
        line = lines[index].strip()
        if not line.startswith('"'):
            break
        match = _HEADER_FIELD.match(line)
        if match and not continues:
            found.setdefault(match.group(1), index + 1)
        continues = not line.endswith('\\n"')
    return found


def usable(entry: polib.POEntry) -> bool:
    """A translation exists: not obsolete, not fuzzy, not empty."""
    return not entry.obsolete and "fuzzy" not in entry.flags and bool(entry.msgstr.strip())


def format_po(po: polib.POFile) -> str:
    """The file's text as written: never wrapped (translators' lines stay as they are), one newline at the end."""
    po.wrapwidth = 0
    return str(po).rstrip("\n") + "\n"

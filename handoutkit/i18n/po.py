"""Reading and writing .po files with polib, with errors that name the file and line.

Catalogs are read directly from the .po files (no stale .mo can mislead). polib keeps custom header
fields, unknown flags and every comment, which Babel's reader and msgmerge do not.
"""

from __future__ import annotations

import codecs
import datetime as dt
import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from handoutkit.errors import Problem, ProblemError
from handoutkit.files import read_input, root_of
from handoutkit.languages import Language, LanguageError, old_code_for, parse_language
from handoutkit.limits import DEFAULT_LIMITS, Limits
from handoutkit.model import Origin
from handoutkit.review import DIGEST, is_future
from handoutkit.untrusted import excerpt, unsafe_problems

if TYPE_CHECKING:
    import polib

__all__ = [
    "REVIEWED_BY",
    "REVIEWED_DIGEST",
    "REVIEWED_ON",
    "REVIEW_STATUS",
    "Catalog",
    "catalog_path",
    "format_po",
    "header_date",
    "missing_catalog_advice",
    "old_code_folder",
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

_CHARSET = re.compile(r'^"Content-Type:[^"\n]*charset=([A-Za-z0-9_.:-]+)', re.MULTILINE)
"""The charset the header's Content-Type declares (a ``charset=`` in a comment or a message is not it)."""
_LINE = re.compile(r'^\s*(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"\s*$')
"""A keyword line or a string continuation line, with one properly closed string."""
_KEYWORD = re.compile(r"^\s*(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\b")
_ESCAPE = re.compile(r"\\(.)")
_ESCAPES = frozenset('nt"\\')
"""The escapes a catalog may use. polib also turns ``\\b``, ``\\f``, ``\\v`` and ``\\r`` into control
characters, and leaves ``\\a``, ``\\x01`` or ``\\001`` as written where msgfmt would write controls:
either way the text published is not the text reviewed, so both are refused."""
CHARSETS = frozenset(
    {"utf-8", "ascii", "iso8859-1", "iso8859-2", "iso8859-5", "iso8859-7", "iso8859-9", "iso8859-15"}
    | {"cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1256", "koi8-r"}
)
"""The catalog charsets accepted (as :func:`codecs.lookup` names them): UTF-8 and a few single-byte,
ASCII-compatible ones that older tools still write. Others can hide what a file says from a reviewer
(UTF-7 and ``unicode_escape`` spell any character, lone surrogates included, in plain ASCII), or are not
text encodings at all (``punycode``, ``undefined``, ``rot13``)."""


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
    limits: Limits = DEFAULT_LIMITS
    """The limits it was read with (a msgstr's nesting is checked against them when it is parsed)."""

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
    """``locales/<locale>/LC_MESSAGES/<domain>.po``, ``<locale>`` being :func:`locale_folder`'s."""
    return locales / locale_folder(locales, gettext_name) / "LC_MESSAGES" / f"{domain}.po"


def locale_folder(locales: Path, gettext_name: str) -> str:
    """The folder of ``locales`` that holds a language's catalogs: the one named as handoutkit names the
    language (``zh_Hant_TW``), else the only folder whose name is another spelling of the same locale
    (``zh_TW`` as Poedit names it, ``pt-BR`` or ``zh_hant`` as Weblate may), else the first name, for a
    catalog still to be made. Without this, catalogs under a translator's tool's spelling were not
    found and the language was reported 0% translated."""
    if (locales / gettext_name).is_dir():
        return gettext_name
    try:
        names = sorted(os.listdir(locales))
    except OSError:
        return gettext_name
    try:
        wanted = parse_language(gettext_name)
    except LanguageError:
        return gettext_name
    found = [name for name in names if _spells(name, wanted) and (locales / name).is_dir()]
    return found[0] if len(found) == 1 else gettext_name


def old_code_folder(locales: Path, language: Language) -> str | None:
    """A folder of ``locales`` named by an old or alternative code for ``language`` (``iw`` for ``he``,
    as an older tool may have made it): its catalogs are not read, so the messages that say a catalog
    is missing name it."""
    try:
        names = sorted(os.listdir(locales))
    except OSError:
        return None
    for name in names:
        modern = old_code_for(name)
        if modern is not None and modern.lower() == language.tag.lower() and (locales / name).is_dir():
            return name
    return None


def missing_catalog_advice(locales: Path, language: Language) -> str:
    """What to do about a language's missing catalog: rename a folder made under an old code, or run
    ``init``."""
    old = old_code_folder(locales, language)
    if old is not None:
        folder = locales.name
        return f"{folder}/{old}/ is named by an old code for {language.tag}: rename it {folder}/{language.gettext}/"
    return f"run: init --lang {language.tag}"


def _spells(name: str, language: Language) -> bool:
    try:
        return parse_language(name) == language
    except LanguageError:
        return False


def header_date(value: str) -> dt.date | None:
    """A ``YYYY-MM-DD`` header value as a date, None when empty or malformed."""
    try:
        return dt.date.fromisoformat(value.strip()[:10]) if value.strip() else None
    except ValueError:
        return None


def _duplicate_problems(catalog: Catalog) -> list[Problem]:
    """A msgid (in one context) written twice: polib keeps the last, so a reviewer approving the first
    would approve text that is never published; msgfmt refuses such a file. A plural entry and a singular
    one with the same msgid are the same message to gettext: the one read last would shadow the other."""
    first: dict[tuple[str | None, str], polib.POEntry] = {}
    problems: list[Problem] = []
    entries = sorted(catalog.po, key=lambda e: catalog.origin(e).line)  # polib lists obsolete ones last
    for entry in entries:
        if entry.msgid == "" and not entry.obsolete and entry.msgctxt is None:
            continue  # a second header: reported by read_catalog, which knows its line
        key = (entry.msgctxt, entry.msgid)
        if key in first:
            earlier = first[key]
            line, here = catalog.origin(earlier).line, catalog.origin(entry).line
            if entry.obsolete or earlier.obsolete:
                message = (
                    f"an obsolete entry (#~) and another entry share the msgid {excerpt(entry.msgid)} (lines {line} "
                    f"and {here}): msgfmt refuses the file; delete the obsolete one"
                )
            elif bool(earlier.msgid_plural) != bool(entry.msgid_plural):
                message = (
                    f"a plural entry and a singular entry share the msgid {excerpt(entry.msgid)} (lines {line} "
                    f"and {here}): one would shadow the other; keep one"
                )
            else:
                message = f"this msgid is already in the catalog at line {line}: keep one entry {excerpt(entry.msgid)}"
            problems.append(Problem("po-duplicate", catalog.origin(entry), message))
        else:
            first[key] = entry
    return problems


def _decode(raw: bytes, display: str) -> str:
    """The text of a catalog, decoded strictly in its declared charset (one of :data:`CHARSETS`)."""
    head = raw[:4096].decode("ascii", "replace")
    declared = _CHARSET.search(head)
    name = declared.group(1) if declared and declared.group(1).upper() != "CHARSET" else "utf-8"
    line = head[: declared.start()].count("\n") + 1 if declared else 0
    try:
        charset = codecs.lookup(name).name
    except LookupError:
        charset = ""
    if charset not in CHARSETS:
        raise ProblemError.single(
            "po-encoding",
            Origin(display, line),
            f"charset {excerpt(name)} is not accepted: write the catalog in UTF-8 (charset=UTF-8)",
        )
    if raw.startswith(codecs.BOM_UTF8) and charset != "utf-8":
        raise ProblemError.single(
            "po-encoding", Origin(display, 1), f"the file starts with a UTF-8 byte-order mark but declares {name}"
        )
    try:
        return raw.decode(charset).removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ProblemError.single(
            "po-encoding", Origin(display, line), f"bytes that are not {name} text (the header declares {name})"
        ) from None


def _line_problems(lines: list[str], display: str, limits: Limits) -> list[Problem]:
    """Syntax, escapes and message sizes, line by line, before polib reads the file: an unclosed string
    is an error here, not a message polib merges into the next entry; a message longer than
    ``limits.message_bytes`` is refused before polib joins its pieces (a line longer than that is not
    even matched against the syntax)."""
    problems: list[Problem] = []
    size, start, reported = 0, 0, set()
    for number, written in enumerate(lines, start=1):
        if not written.strip() or written.lstrip().startswith("#"):
            continue
        too_long = len(written) > limits.message_bytes
        if not too_long and not _LINE.match(written):
            reason = f"not valid .po syntax (an unclosed string?): {excerpt(written.strip(), 60)}"
            return [*problems, Problem("po-syntax", Origin(display, number), reason)]
        if _KEYWORD.match(written):
            size, start = 0, number
        size += len(written.encode("utf-8", "surrogatepass"))
        if size > limits.message_bytes:
            if start not in reported:
                reported.add(start)
                message = (
                    f"a message longer than {limits.message_bytes:,} bytes ([limits] message_bytes in handoutkit.toml)"
                )
                problems.append(Problem("size", Origin(display, start or number), message))
            continue
        for escape in _ESCAPE.finditer(written[written.index('"') :]):
            if escape.group(1) not in _ESCAPES:
                message = f'the escape \\{escape.group(1)} is not allowed (only \\n, \\t, \\" and \\\\ are)'
                problems.append(Problem("po-escape", Origin(display, number), message))
                break
    return problems


def read_catalog(path: Path, display: str, today: dt.date | None = None, limits: Limits = DEFAULT_LIMITS) -> Catalog:
    """Read a .po (or .pot) file; :class:`ProblemError` names the file and line of a syntax or encoding
    error, of a character or escape the untrusted-text boundary refuses, of a message or file larger than
    ``limits`` allow, of a msgid written twice, or of a broken review record (a review dated after
    ``today``, default the real clock's)."""
    raw = read_input(path, display, root=root_of(path, display), limit=limits.catalog_bytes)
    text = _decode(raw, display)
    lines = text.split("\n")
    found = [*unsafe_problems(text, display, "character", "\t\n\r"), *_line_problems(lines, display, limits)]
    if found:
        raise ProblemError(sorted(found, key=lambda problem: problem.origin.line))
    try:
        import polib  # only a run that reads a catalog needs it (a source-language build does not)

        po = polib.pofile(text, wrapwidth=0)
    except (OSError, ValueError) as error:
        match = re.search(r"\(line (\d+)\)", str(error))
        line = int(match.group(1)) if match else 0
        reason = re.sub(r"\s*\(line \d+\)", "", str(error))
        raise ProblemError.single("po-syntax", Origin(display, line), f"not a valid .po file: {reason}") from None
    msgstr_lines: dict[int, int] = {}
    for entry in po:
        if entry.linenum is None:  # polib gives every entry it reads the line it starts on
            continue
        number = entry.linenum
        while number - 1 < len(lines) and not lines[number - 1].lstrip("#~ ").startswith("msgstr"):
            number += 1
        msgstr_lines[entry.linenum] = number if number - 1 < len(lines) else entry.linenum
    catalog = Catalog(path, display, po, msgstr_lines, _header_lines(lines), limits)
    headers = [
        number
        for number, line in enumerate(lines, start=1)
        if line.strip() == 'msgid ""' and number < len(lines) and lines[number].lstrip().startswith("msgstr")
        and not (number > 1 and lines[number - 2].lstrip().startswith("msgctxt"))
    ]  # fmt: skip
    problems = [
        Problem("po-duplicate", Origin(display, line), f'a second header (msgid "", the first at line {headers[0]}): '
                "a catalog has one header, at its start; merge the two")
        for line in headers[1:]
    ]  # fmt: skip
    problems += [*_duplicate_problems(catalog), *review_record_problems(catalog, today)]
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
            error(REVIEWED_ON, f"{REVIEWED_ON} is not a date written YYYY-MM-DD: {excerpt(on)}")
        else:
            if is_future(day, today):
                error(REVIEWED_ON, f"{REVIEWED_ON} is in the future ({on}): date a review when it is done")
    if by and not on:
        error(REVIEWED_BY, f"{REVIEWED_BY} is set but {REVIEWED_ON} is not")
    if on and not by:
        error(REVIEWED_ON, f"{REVIEWED_ON} is set but {REVIEWED_BY} is not")
    if recorded and not DIGEST.match(recorded):
        error(REVIEWED_DIGEST, f"{REVIEWED_DIGEST} is not a digest the 'review' command wrote: {excerpt(recorded)}")
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

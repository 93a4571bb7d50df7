"""The ``review`` command: record who reviewed a document in one language, when, and what they covered.

A source review sets ``reviewed_by``, ``reviewed_on`` and ``reviewed_digest`` in the front matter; a
translation review sets ``X-Translation-Reviewed-By``, ``-On``, ``-Digest`` and ``X-Translation-Status:
reviewed`` in the catalog header. Only those lines change: everything else in the file stays byte for
byte as it was (polib and PyYAML would rewrite the whole file, so the lines are edited as text).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from handoutkit.errors import ProblemError
from handoutkit.files import read_input
from handoutkit.i18n.po import REVIEW_STATUS, REVIEWED_BY, REVIEWED_DIGEST, REVIEWED_ON, read_catalog
from handoutkit.i18n.translation_review import translation_covered, translation_review
from handoutkit.languages import Language
from handoutkit.model import Origin
from handoutkit.project import Project
from handoutkit.reader import read_document
from handoutkit.review import digest, is_future, source_covered, source_state, translation_state
from handoutkit.ui import UI_DOMAIN
from handoutkit.untrusted import excerpt, find_unsafe
from handoutkit.writer import write_atomic

__all__ = ["ReviewRecord", "record_review", "set_front_matter_fields", "set_header_fields"]

REVIEWED_STATUS = "reviewed"
"""The ``X-Translation-Status`` the command writes."""
_CHARSET = re.compile(r'^"Content-Type:[^"\n]*charset=([A-Za-z0-9_.:-]+)', re.MULTILINE)
_HEADER_FIELD = re.compile(r'^\s*"([A-Za-z0-9_-]+)\s*:')


@dataclass
class ReviewRecord:
    """What the ``review`` command did."""

    written: Path | None = None
    notes: list[str] = field(default_factory=list)
    """Things the reviewer should know (units in the source language, a source review that does not count)."""


def record_review(
    project: Project, slug: str, language: Language, by: str, on: dt.date, today: dt.date | None = None
) -> ReviewRecord:
    """Record a review of ``slug`` in ``language`` (the source language: the medical review of the source).

    :class:`ProblemError` when the review cannot be recorded: no reviewer, a future date, a date before
    the source's last change, a document or catalog with errors, no catalog.
    """
    doc = project.document(slug)
    where = Origin(doc.path, 0)
    by = " ".join(by.split())
    if not by:
        raise ProblemError.single("review", where, "--by: name the reviewer (and their credential)")
    if (unsafe := find_unsafe(by, allow="")) is not None:
        raise ProblemError.single("review", where, f"--by: {unsafe.describe()}")
    if len(by) > _MAX_NAME:
        raise ProblemError.single("review", where, f"--by: {excerpt(by)} is longer than {_MAX_NAME} characters")
    if is_future(on, today):
        raise ProblemError.single("review", where, f"--on {on.isoformat()} is in the future")
    if doc.meta.updated is not None and on < doc.meta.updated:
        message = f"--on {on.isoformat()} is before the source's last change (updated: {doc.meta.updated}): re-review"
        raise ProblemError.single("review", Origin(doc.path, 0), message)
    record = ReviewRecord()
    if language == project.config.source_language:
        path = project.root / doc.path
        fields = {
            "reviewed_by": json.dumps(by, ensure_ascii=False),
            "reviewed_on": on.isoformat(),
            "reviewed_digest": f'"{digest(source_covered(doc))}"',
        }
        original = read_input(path, doc.path, root=project.root)
        text = original.decode("utf-8")
        if write_atomic(path, set_front_matter_fields(text, fields, doc.path).encode("utf-8"), inside=project.root):
            record.written = path
        with _restored_unless_held(path, original, project.root):
            review = read_document(project.root, slug, doc.source_lang, today, project.config.limits).review
            if not review.source_reviewed:
                raise ProblemError.single("review", where, f"the recorded review does not hold: {source_state(review)}")
        return record

    catalog = project.catalog(language, slug)
    if catalog is None:
        message = f"no {language.tag} catalog of {slug} (run: init --lang {language.tag})"
        raise ProblemError.single("review", where, message)
    translation = project.translate(slug, language)
    ui = project.catalog(language, UI_DOMAIN)
    fields = {
        REVIEWED_BY: by,
        REVIEWED_ON: on.isoformat(),
        REVIEWED_DIGEST: digest(translation_covered(doc, catalog, ui)),
        REVIEW_STATUS: REVIEWED_STATUS,
    }
    raw = read_input(catalog.path, catalog.display, root=project.root)
    declared = _CHARSET.search(raw[:4096].decode("ascii", "replace"))
    charset = declared.group(1) if declared and declared.group(1).upper() != "CHARSET" else "utf-8"
    try:
        data = set_header_fields(raw.decode(charset), fields, catalog.display).encode(charset)
    except UnicodeEncodeError:
        raise ProblemError.single(
            "review", Origin(catalog.display, 0), f"--by {by!r} cannot be written in the catalog's charset {charset}"
        ) from None
    if write_atomic(catalog.path, data, inside=project.root):
        record.written = catalog.path
    with _restored_unless_held(catalog.path, raw, project.root):
        reread = read_catalog(catalog.path, catalog.display, today, project.config.limits)
        review = translation_review(doc, reread, 0, ui)
        if not review.translation_reviewed:
            state = translation_state(review)
            message = f"the recorded review does not hold: {state}"
            raise ProblemError.single("review", Origin(catalog.display, 0), message)
    fallback = translation.coverage.total - translation.coverage.translated
    if fallback:
        record.notes.append(
            f"note: {fallback} of {translation.coverage.total} units of {slug} have no usable {language.tag} "
            "translation (see 'check'): the handout is not shown as reviewed while any is in the source language, "
            "and translating them later voids this review"
        )
    if not review.source_reviewed:
        record.notes.append(
            f"note: the source review does not count ({source_state(review)}): the {language.tag} handout is "
            "shown as reviewed once it does"
        )
    return record


_MAX_NAME = 200
"""The longest reviewer name and credential ``--by`` takes."""


@contextmanager
def _restored_unless_held(path: Path, original: bytes, inside: Path) -> Iterator[None]:
    """Put ``original`` back in ``path`` when the block raises: a review that is "not recorded" leaves
    the file as it was."""
    try:
        yield
    except BaseException:
        write_atomic(path, original, inside=inside)
        raise


def _eol(lines: list[str]) -> str:
    return "\r\n" if lines and lines[0].endswith("\r\n") else "\n"


def set_front_matter_fields(text: str, fields: dict[str, str], path: str) -> str:
    """``text`` (a handout) with each top-level front matter field of ``fields`` set to its YAML value,
    in place when it is there (with any indented lines of its value), else after the previous field set
    or at the end of the front matter. Every other line is kept as it is."""
    lines = text.splitlines(keepends=True)
    eol = _eol(lines)
    if not lines or lines[0].lstrip("\ufeff").rstrip("\r\n") != "---":
        raise ProblemError.single("front-matter", Origin(path, 1), "a handout starts with front matter ('---')")
    after: int | None = None
    for key, value in fields.items():
        end_of_yaml = next((i for i in range(1, len(lines)) if lines[i].rstrip("\r\n") in ("---", "...")), None)
        if end_of_yaml is None:
            raise ProblemError.single("front-matter", Origin(path, 1), "the front matter has no closing '---'")
        start = next((i for i in range(1, end_of_yaml) if re.match(rf"{re.escape(key)}\s*:", lines[i])), None)
        line = f"{key}: {value}{eol}"
        if start is None:
            at = after if after is not None else end_of_yaml
            lines.insert(at, line)
            after = at + 1
            continue
        stop = start + 1
        while stop < end_of_yaml and lines[stop].strip() and lines[stop][0] in " \t":
            stop += 1
        lines[start:stop] = [line]
        after = start + 1
    return "".join(lines)


def _po_string(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")


def set_header_fields(text: str, fields: dict[str, str], path: str) -> str:
    """``text`` (a .po file) with each header field of ``fields`` set, in place when it is there, else
    after the previous field set or at the end of the header. Every other line is kept as it is."""
    lines = text.splitlines(keepends=True)
    eol = _eol(lines)
    start = next((i for i, line in enumerate(lines) if line.removeprefix("\ufeff").strip() == 'msgid ""'), None)
    if start is None:
        raise ProblemError.single("po-syntax", Origin(path, 0), 'the catalog has no header (msgid "")')
    first = start + 1
    while first < len(lines) and not lines[first].lstrip().startswith("msgstr"):
        first += 1
    first += 1
    after: int | None = None
    for name, value in fields.items():
        end = first
        while end < len(lines) and lines[end].lstrip().startswith('"'):
            end += 1
        line = f'"{name}: {_po_string(value)}\\n"{eol}'
        here = _header_field(lines, first, end, name)
        if here is None:
            at = after if after is not None else end
            lines.insert(at, line)
            after = at + 1
            continue
        lines[here[0] : here[1]] = [line]
        after = here[0] + 1
    return "".join(lines)


def _header_field(lines: list[str], first: int, end: int, name: str) -> tuple[int, int] | None:
    """The lines ``[start, stop)`` of header field ``name`` (a field may continue over several strings)."""
    index = first
    while index < end:
        stop = index + 1
        while stop < end and not lines[stop - 1].rstrip().endswith('\\n"'):
            stop += 1
        match = _HEADER_FIELD.match(lines[index])
        if match and match.group(1) == name:
            return index, stop
        index = stop
    return None

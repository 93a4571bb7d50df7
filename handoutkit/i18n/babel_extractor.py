"""A Babel extractor, so plain ``pybabel extract`` reads handouts too.

Registered under ``babel.extractors`` as ``handoutkit``; the project's mapping file (``babel.cfg``)
maps ``source/*.md`` to it. It yields the same messages and notes as ``export.py extract``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from handoutkit.assets import Assets
from handoutkit.errors import ProblemError
from handoutkit.i18n.messages import heading_levels, note_for
from handoutkit.reader import read_text
from handoutkit.walk import document_units

__all__ = ["extract_handout"]


def extract_handout(
    fileobj: IO[bytes], keywords: Collection[str], comment_tags: Collection[str], options: Mapping[str, Any]
) -> Iterator[tuple[int, None, str, list[str]]]:
    """Yield ``(line, None, msgid, [note])`` for every translatable unit of one handout.

    Options (from the mapping file): ``source_language`` (default ``en``).
    """
    name = Path(getattr(fileobj, "name", "handout.md"))
    text = fileobj.read().decode("utf-8")
    try:
        doc = read_text(
            text, name.as_posix(), name.stem, str(options.get("source_language", "en")), Assets(name.parent)
        )
    except ProblemError as error:
        raise ValueError(f"cannot extract from {name}:\n{error}") from None
    levels = heading_levels(doc.blocks)
    for unit in document_units(doc):
        yield unit.origin.line, None, unit.msgid, [note_for(unit, levels.get(unit.origin.line))]

"""A Babel extractor, so plain ``pybabel extract`` reads handouts too.

Registered under ``babel.extractors`` as ``handoutkit``; the project's mapping file (``babel.cfg``)
maps ``source/*.md`` to it. It yields the same messages and notes as ``export.py extract``, and the
template gets the same flags (``md-text``; ``python-brace-format`` for SMS placeholders; never a
guessed ``python-format``). ``max-length`` is per language, so no template has it (``update`` writes it).

Babel gives an extractor no way to set flags: its extractors yield ``(line, funcname, messages,
comments)`` and ``pybabel extract`` adds each message with ``Catalog.add(message, None, locations,
auto_comments=..., context=...)``, whose ``Message`` guesses ``python-format`` from any ``%`` followed by
something like a conversion ("37% for NSCLC" reads as ``% f``) and ``python-brace-format`` from any
``{...}`` (a language span ``{lang=en}``). GNU ``msgfmt --check`` then rejects every correct translation
that writes "37 %" or drops a span. This is Babel's open issue #35 ("python-format flag incorrectly
forced on all extractors", since 2013); pull request #838 (flags from extractors) is not merged. Until
it is, :func:`extract_handout` wraps ``Catalog.add`` once, when Babel first calls it (never at import):
for a msgid this extractor yielded in this process, the guessed flags are replaced by the handout's
own. Every other message (a Python file's, in the same run) keeps Babel's behaviour.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from handoutkit.assets import Assets
from handoutkit.errors import ProblemError
from handoutkit.i18n.messages import flags_for, heading_levels, note_for
from handoutkit.reader import read_text
from handoutkit.walk import document_units

__all__ = ["extract_handout", "handout_flags"]

_GUESSED = frozenset({"python-format", "python-brace-format"})
"""The flags Babel's ``Message`` guesses from the text."""

_FLAGS: dict[str, set[str]] = {}
"""The flags of every msgid this extractor yielded in this process (Babel keeps no other record)."""


def handout_flags(msgid: str) -> frozenset[str] | None:
    """The flags ``export.py extract`` gives ``msgid``, if this extractor yielded it; else None."""
    flags = _FLAGS.get(msgid)
    return None if flags is None else frozenset(flags)


def extract_handout(
    fileobj: IO[bytes], keywords: Collection[str], comment_tags: Collection[str], options: Mapping[str, Any]
) -> Iterator[tuple[int, None, str, list[str]]]:
    """Yield ``(line, None, msgid, [note])`` for every translatable unit of one handout.

    Options (from the mapping file): ``source_language`` (default ``en``).
    """
    _own_flags_in_babel_catalogs()
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
        _FLAGS.setdefault(unit.msgid, set()).update(flags_for(unit))
        yield unit.origin.line, None, unit.msgid, [note_for(unit, levels.get(unit.origin.line))]


def _own_flags_in_babel_catalogs() -> None:
    """Wrap ``babel.messages.catalog.Catalog.add`` (once) so that the handouts' messages keep their own
    flags: see the module docstring (Babel issue #35)."""
    from babel.messages.catalog import Catalog

    add: Callable[..., Any] = Catalog.add
    if getattr(add, "_handoutkit_flags", False):
        return

    @functools.wraps(add)
    def add_with_handout_flags(self: Catalog, id: Any, *args: Any, **kwargs: Any) -> Any:
        message = add(self, id, *args, **kwargs)
        flags = handout_flags(id) if isinstance(id, str) else None
        if flags is not None:
            current = self.get(id, context=kwargs.get("context"))
            for entry in (message, current):
                if entry is not None:
                    entry.flags = (entry.flags - _GUESSED) | set(flags)
        return message

    add_with_handout_flags._handoutkit_flags = True  # type: ignore[attr-defined]
    Catalog.add = add_with_handout_flags  # type: ignore[method-assign]

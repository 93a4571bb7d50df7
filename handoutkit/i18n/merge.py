"""Templates and merging, with polib so that nothing a translator or a tool added is lost.

``update`` merges a template into a catalog the way msgmerge does (changed entries fuzzy with the
previous msgid as ``#|``, vanished ones obsolete as ``#~``), but keeps what msgmerge drops: custom
header fields (the review status), flags it does not know (``md-text``, ``max-length``) and the
translators' own comments. Text is never rewrapped.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Sequence

import polib
from babel.messages.plurals import get_plural

from handoutkit.i18n.messages import CatalogMessage
from handoutkit.i18n.po import REVIEW_STATUS, REVIEWED_BY, REVIEWED_ON
from handoutkit.languages import Language

__all__ = ["EntryHint", "merge_catalog", "new_catalog", "template"]

EntryHint = Callable[[polib.POEntry], tuple[str, tuple[str, ...]] | None]
"""Per-language extras for an entry: a note line to add and flags to set (e.g. an SMS budget), or None."""

_FUZZY_CUTOFF = 0.6
_TOOL_FLAGS = ("md-text", "python-brace-format", "fuzzy")
"""Flags the toolkit sets itself; others (a translator's, Weblate's) are kept as found."""
DRAFT_STATUS = "draft: machine-assisted translation awaiting review by a qualified medical translator"


def template(messages: Sequence[CatalogMessage], domain: str, created: dt.datetime) -> polib.POFile:
    """A .pot file for one domain."""
    pot = polib.POFile(wrapwidth=0)
    pot.header = f"Translation template for the handoutkit domain '{domain}'."
    pot.metadata = {
        "Project-Id-Version": f"handoutkit {domain}",
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": created.strftime("%Y-%m-%d %H:%M%z"),
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
        "Language-Team": "LANGUAGE <LL@li.org>",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    for message in messages:
        pot.append(
            polib.POEntry(
                msgid=message.msgid,
                msgstr="",
                comment=message.comment,
                occurrences=[(path, str(line) if line else "") for path, line in message.locations],
                flags=list(message.flags),
            )
        )
    return pot


def new_catalog(pot: polib.POFile, language: Language, domain: str, now: dt.datetime) -> polib.POFile:
    """A new, empty catalog for ``language`` (``init``), marked as an unreviewed draft."""
    po = polib.POFile(wrapwidth=0)
    po.header = f"{language.english_name} translation of the handoutkit domain '{domain}'."
    plural = get_plural(language.locale)
    po.metadata = dict(pot.metadata)
    po.metadata.update(
        {
            "PO-Revision-Date": now.strftime("%Y-%m-%d %H:%M%z"),
            "Last-Translator": "",
            "Language-Team": language.english_name,
            "Language": language.gettext,
            "Plural-Forms": f"nplurals={plural.num_plurals}; plural={plural.plural_expr};",
            REVIEW_STATUS: DRAFT_STATUS,
            REVIEWED_BY: "",
            REVIEWED_ON: "",
        }
    )
    for entry in pot:
        po.append(_copy(entry, msgstr=""))
    return po


def merge_catalog(po: polib.POFile, pot: polib.POFile, hint: EntryHint | None = None) -> polib.POFile:
    """``po`` brought up to date with ``pot`` (a new object; ``po`` is not changed)."""
    merged = polib.POFile(wrapwidth=0)
    merged.header = po.header
    merged.metadata = dict(po.metadata)
    if "POT-Creation-Date" in pot.metadata:
        merged.metadata["POT-Creation-Date"] = pot.metadata["POT-Creation-Date"]
    # Entries by msgid; an active entry wins over an obsolete one, which comes back if its text returns.
    known = {e.msgid: e for e in po if e.obsolete and not e.msgctxt}
    known.update({e.msgid: e for e in po if not e.obsolete and not e.msgctxt})
    wanted = {t.msgid for t in pot}
    leftovers = {e.msgid: e for e in po if e.msgid not in wanted}

    for source in pot:
        old = known.get(source.msgid)
        if old is not None:
            entry = _copy(source, msgstr=old.msgstr, tcomment=old.tcomment)
            entry.flags = _flags(source.flags, old.flags, keep_fuzzy=True)
            if "fuzzy" in entry.flags:
                entry.previous_msgid = old.previous_msgid
        else:
            entry = _copy(source, msgstr="")
            similar = _most_similar(source.msgid, [e for e in leftovers.values() if e.msgstr.strip()])
            if similar is not None:
                leftovers.pop(similar.msgid)
                entry.msgstr = similar.msgstr
                entry.tcomment = similar.tcomment
                entry.flags = [*_flags(source.flags, similar.flags, keep_fuzzy=False), "fuzzy"]
                entry.previous_msgid = similar.msgid
        if hint is not None:
            _apply_hint(entry, hint(entry))
        merged.append(entry)

    for old in leftovers.values():
        if old.msgstr.strip() or old.obsolete:
            gone = _copy(old, msgstr=old.msgstr, tcomment=old.tcomment)
            gone.flags = list(old.flags)
            gone.obsolete = True
            gone.occurrences = []
            merged.append(gone)
    return merged


def _copy(entry: polib.POEntry, **changes: object) -> polib.POEntry:
    fields: dict[str, object] = {
        "msgid": entry.msgid,
        "comment": entry.comment,
        "occurrences": list(entry.occurrences),
        "flags": list(entry.flags),
    }
    fields.update(changes)
    return polib.POEntry(**fields)


def _flags(template_flags: list[str], old_flags: list[str], *, keep_fuzzy: bool) -> list[str]:
    flags = list(template_flags)
    for flag in old_flags:
        if flag in flags or (flag in _TOOL_FLAGS and not (keep_fuzzy and flag == "fuzzy")):
            continue
        flags.append(flag)
    return flags


def _apply_hint(entry: polib.POEntry, hint: tuple[str, tuple[str, ...]] | None) -> None:
    if hint is None:
        return
    note, flags = hint
    if note:
        entry.comment = f"{entry.comment}\n{note}" if entry.comment else note
    for flag in flags:
        name = flag.split(":", 1)[0]
        entry.flags = [f for f in entry.flags if f.split(":", 1)[0] != name] + [flag]


def _most_similar(msgid: str, candidates: list[polib.POEntry]) -> polib.POEntry | None:
    best, best_ratio = None, _FUZZY_CUTOFF
    for candidate in candidates:
        ratio = difflib.SequenceMatcher(None, msgid, candidate.msgid).ratio()
        if ratio >= best_ratio:
            best, best_ratio = candidate, ratio
    return best

"""Reviews tied to content: what a review covered, whether it still holds, and how to say so.

A review records a digest of the text it covered: for the source, every unit's kind and msgid in file
order; for a translation, every unit's msgid with the msgstr of the catalog entry used for it (empty when
none is). The digest is ``<whole>/<units>``: 16 hex digits of the SHA-256 of all the parts, then 4 hex
digits per part, which only serve to say *which* units changed when the whole differs. Any change to the
covered text voids the review; so does a review older than the source's ``updated`` date.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from handoutkit.errors import Problem
from handoutkit.model import Document, Origin, Review
from handoutkit.walk import document_units

__all__ = [
    "DIGEST",
    "Covered",
    "changes",
    "digest",
    "is_future",
    "review_problems",
    "source_covered",
    "source_review",
    "source_state",
    "stale",
    "today",
    "translation_state",
]

DIGEST = re.compile(r"^[0-9a-f]{16}(?:/(?:[0-9a-f]{4})*)?$")
"""A review digest as the ``review`` command writes it."""
_SHOWN = 5
"""How many changed places a message names before it says "and N more"."""


def today() -> dt.date:
    """The latest date it is anywhere on Earth now (UTC+14), from the real clock.

    A review dated later is in the future. ``SOURCE_DATE_EPOCH`` is not used: it fixes the dates
    *written into* outputs, and a rebuild of an old commit must still accept the reviews it records.
    """
    return (dt.datetime.now(dt.UTC) + dt.timedelta(hours=14)).date()


def is_future(day: dt.date, now: dt.date | None = None) -> bool:
    """True when ``day`` is later than ``now`` (default: :func:`today`)."""
    return day > (now or today())


@dataclass(frozen=True, slots=True)
class Covered:
    """One part of the text a review covers."""

    text: str
    """What is hashed (the unit's kind and msgid, or its msgid and msgstr)."""
    where: Origin
    """Where that text is written, for the message that says it changed."""


def _hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def digest(parts: Iterable[Covered]) -> str:
    """The digest of ``parts`` as the ``review`` command records it."""
    texts = [part.text for part in parts]
    whole = hashlib.sha256()
    for text in texts:
        data = text.encode("utf-8")
        whole.update(f"{len(data)}:".encode())
        whole.update(data)
    return whole.hexdigest()[:16] + "/" + "".join(_hex(text)[:4] for text in texts)


def changes(recorded: str, parts: Sequence[Covered], what: str = "unit") -> str:
    """What differs between the text ``recorded`` covered and ``parts``: "" when nothing does."""
    current = digest(parts)
    whole, _, units = recorded.partition("/")
    if whole == current.partition("/")[0]:
        return ""
    if not units:
        return "the reviewed text changed (its digest names no units to say which)"
    left = Counter(units[i : i + 4] for i in range(0, len(units), 4))
    changed: list[Origin] = []
    for part in parts:
        mark = _hex(part.text)[:4]
        if left[mark] > 0:
            left[mark] -= 1
        else:
            changed.append(part.where)
    gone = sum(left.values())
    found: list[str] = []
    if changed:
        places = ", ".join(str(where) for where in changed[:_SHOWN])
        more = f" and {len(changed) - _SHOWN} more" if len(changed) > _SHOWN else ""
        verb = "differs" if len(changed) == 1 else "differ"
        found.append(f"{_count(len(changed), what)} {verb} from the reviewed text: {places}{more}")
    if gone > len(changed):
        found.append(f"{_count(gone - len(changed), 'reviewed ' + what)} removed")
    return "; ".join(found) or f"the {what}s were reordered"


def _count(number: int, noun: str) -> str:
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{number} {noun}" if number == 1 else f"{number} {plural}"


def stale(reviewed_on: dt.date, updated: dt.date | None) -> str:
    """Why a review dated ``reviewed_on`` is older than the source's last change, or ""."""
    if updated is None or reviewed_on >= updated:
        return ""
    return f"it is dated {reviewed_on.isoformat()}, before the source's last change (updated: {updated.isoformat()})"


def source_covered(doc: Document) -> list[Covered]:
    """The text a source review covers: each unit's kind and msgid, in file order."""
    return [Covered(f"{unit.kind}\x1f{unit.msgid}", unit.origin) for unit in document_units(doc)]


def source_review(doc: Document, at: Origin | None) -> Review:
    """The source review of ``doc`` (read from its front matter), checked against its text."""
    meta = doc.meta
    review = Review(source_by=meta.reviewed_by, source_on=meta.reviewed_on, source_at=at)
    if not meta.reviewed_by.strip() or meta.reviewed_on is None:
        return review
    reasons = [stale(meta.reviewed_on, meta.updated)]
    if not meta.reviewed_digest:
        reasons.append("it records no digest of the reviewed text ('reviewed_digest'; record reviews with 'review')")
    else:
        reasons.append(changes(meta.reviewed_digest, source_covered(doc)))
    return replace(review, source_void="; ".join(reason for reason in reasons if reason))


def source_state(review: Review) -> str:
    """The source review's state: ``reviewed``, ``voided: why`` or ``none``."""
    if review.source_void:
        return f"voided: {review.source_void}"
    return "reviewed" if review.source_reviewed else "none"


def translation_state(review: Review) -> str:
    """The translation review's state: ``reviewed``, ``voided: why``, ``draft``, ``not shown: why``,
    ``none``, or ``-`` in the source language."""
    if not review.is_translation:
        return "-"
    if review.translation_draft:
        return "draft"
    if review.translation_void:
        return f"voided: {review.translation_void}"
    if not review.translation_reviewed:
        return "none"
    if review.fallback_units:
        return f"not shown: {_count(review.fallback_units, 'unit')} in the source language"
    return "reviewed"


def review_problems(review: Review) -> list[Problem]:
    """Warnings about reviews that are recorded but do not count: the source's in the source language,
    the translation's in a translation (so that each is said once)."""
    if not review.is_translation:
        if review.source_void and review.source_at is not None:
            who = f"the source review by {review.source_by} on {review.source_on}"
            return [Problem("review", review.source_at, f"{who} does not count: {review.source_void}", "warning")]
        return []
    where = review.translation_at
    if where is None or not review.translation_by.strip():
        return []
    who = f"the translation review by {review.translation_by} on {review.translation_on}"
    if review.translation_draft:
        message = f"X-Translation-Status is a draft, so {who} does not count (the 'review' command sets it)"
        return [Problem("review", where, message, "warning")]
    if review.translation_void:
        return [Problem("review", where, f"{who} does not count: {review.translation_void}", "warning")]
    if review.fallback_units:
        units = _count(review.fallback_units, "unit")
        message = f"{who} is not shown: {units} of the handout are in the source language"
        return [Problem("review", where, message, "warning")]
    return []

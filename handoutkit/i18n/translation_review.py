"""A translation's review, read from its catalog header and checked against the catalog's text.

``X-Translation-Reviewed-By``, ``-On`` and ``-Digest`` record the review (the ``review`` command writes
them); ``X-Translation-Status`` starting with ``draft`` means the translation is not reviewed, whatever
the other fields say. A broken record (a malformed or future date...) is an error of the catalog itself:
:func:`handoutkit.i18n.po.review_record_problems`.
"""

from __future__ import annotations

import dataclasses

from handoutkit.i18n.po import REVIEW_STATUS, REVIEWED_BY, REVIEWED_DIGEST, REVIEWED_ON, Catalog, header_date, usable
from handoutkit.model import Document, Review
from handoutkit.review import Covered, changes, stale
from handoutkit.walk import document_units

__all__ = ["is_draft", "translation_covered", "translation_review"]


def is_draft(status: str) -> bool:
    """Whether an ``X-Translation-Status`` value says the translation is a draft."""
    return status.strip().lower().startswith("draft")


def translation_covered(doc: Document, catalog: Catalog, ui: Catalog | None = None) -> list[Covered]:
    """The text a translation review of ``doc`` (the source) covers: each unit's msgid with the msgstr
    of the entry used for it (empty when there is no usable one), in file order; then every usable entry
    of the language's ``ui`` catalog, by msgid: the interface words the handout prints (the review
    notice, the contact line, link words) are part of what the reviewer read, so editing one voids it."""
    parts = []
    for unit in document_units(doc):
        entry = catalog.entries.get(unit.msgid)
        msgstr = entry.msgstr if entry is not None and usable(entry) else ""
        where = catalog.origin(entry) if entry is not None else unit.origin
        parts.append(Covered(f"{unit.msgid}\x1f{msgstr}", where))
    if ui is not None:
        words = sorted((e for e in ui.po if usable(e)), key=lambda e: e.msgid)
        parts.extend(Covered(f"ui\x1f{e.msgid}\x1f{e.msgstr}", ui.origin(e)) for e in words)
    return parts


def translation_review(
    doc: Document, catalog: Catalog | None, fallback_units: int, ui: Catalog | None = None
) -> Review:
    """The review of ``doc`` (the source document) in ``catalog``'s language, ``ui`` its interface words;
    ``fallback_units``: how many units the translation shows in the source language."""
    review = Review(
        source_by=doc.review.source_by,
        source_on=doc.review.source_on,
        source_void=doc.review.source_void,
        source_at=doc.review.source_at,
        is_translation=True,
        fallback_units=fallback_units,
    )
    if catalog is None:
        return review
    by, recorded = catalog.header(REVIEWED_BY), catalog.header(REVIEWED_DIGEST)
    on = header_date(catalog.header(REVIEWED_ON))
    review = dataclasses.replace(
        review,
        translation_by=by,
        translation_on=on,
        translation_draft=is_draft(catalog.header(REVIEW_STATUS)),
        translation_at=catalog.header_origin(REVIEWED_BY),
    )
    if not by or on is None:
        return review
    reasons = [stale(on, doc.meta.updated)]
    if not recorded:
        reasons.append(f"it records no digest of the reviewed text ({REVIEWED_DIGEST}; record reviews with 'review')")
    else:
        reasons.append(changes(recorded, translation_covered(doc, catalog, ui), "entry"))
    return dataclasses.replace(review, translation_void="; ".join(reason for reason in reasons if reason))

"""``stats``: how complete and how reviewed each document is in each language."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from handoutkit.errors import ProblemError
from handoutkit.i18n.messages import required_ui_msgids
from handoutkit.i18n.po import usable
from handoutkit.i18n.translate import Coverage
from handoutkit.languages import Language
from handoutkit.project import Project
from handoutkit.readability import reading_level, reading_level_line
from handoutkit.registry import Registered
from handoutkit.review import source_state, translation_state
from handoutkit.ui import UI_DOMAIN

__all__ = ["StatRow", "review_status", "stats"]


@dataclass(frozen=True, slots=True)
class StatRow:
    """One domain in one language."""

    domain: str
    lang: str
    coverage: Coverage
    review: str
    """``reviewed``, ``source not reviewed``, ``translation not reviewed``, or ``-`` for the ui domain."""
    error: str = ""
    """Why the numbers are missing (a broken source or catalog)."""
    source_review: str = "-"
    """The source review's state (:func:`handoutkit.review.source_state`); ``-`` for the ui domain."""
    translation_review: str = "-"
    """The translation review's state (:func:`handoutkit.review.translation_state`); ``-`` in the source
    language and for the ui domain."""
    reading_level: str = "-"
    """The document's reading-level figures in this language (:mod:`handoutkit.readability`); ``-`` for
    the ui domain."""


def review_status(source_reviewed: bool, is_translation: bool, reviewed: bool) -> str:
    """The review column: which review is still missing."""
    if reviewed:
        return "reviewed"
    if not source_reviewed:
        return "source not reviewed"
    return "translation not reviewed" if is_translation else "reviewed"


def stats(
    project: Project, slugs: Sequence[str], languages: Sequence[Language], exporters: Sequence[Registered]
) -> list[StatRow]:
    """A row per document and language, then the ui domain per language."""
    rows: list[StatRow] = []
    for slug in slugs:
        for language in languages:
            try:
                translation = project.translate(slug, language)
            except ProblemError as error:
                rows.append(StatRow(slug, language.tag, Coverage(0, 0, 0, 0), "-", str(error.problems[0])))
                continue
            review = translation.document.review
            status = review_status(review.source_reviewed, review.is_translation, review.reviewed)
            rows.append(
                StatRow(
                    slug,
                    language.tag,
                    translation.coverage,
                    status,
                    source_review=source_state(review),
                    translation_review=translation_state(review),
                    reading_level=reading_level_line(reading_level(translation.document), language.tag),
                )
            )
    required = required_ui_msgids(project.config.collection_title, exporters)
    for language in languages:
        if language == project.config.source_language:
            continue
        try:
            catalog = project.catalog(language, UI_DOMAIN)
        except ProblemError as error:
            rows.append(StatRow(UI_DOMAIN, language.tag, Coverage(len(required), 0, 0, 0), "-", str(error.problems[0])))
            continue
        entries = catalog.entries if catalog is not None else {}
        translated = sum(1 for m in required if m in entries and usable(entries[m]))
        fuzzy = sum(1 for m in required if m in entries and "fuzzy" in entries[m].flags and entries[m].msgstr)
        rows.append(StatRow(UI_DOMAIN, language.tag, Coverage(len(required), translated, fuzzy, 0), "-"))
    return rows

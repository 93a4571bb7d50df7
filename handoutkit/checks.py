"""``check``: every problem the core and the exporters can see, each with its file and line.

Errors (exit non-zero): a source that cannot be read, a catalog that cannot be read, a translation
that would be rejected (raw HTML, other link targets, other placeholders), an exporter's error (an SMS
over budget, a character no font has). Warnings: untranslated and fuzzy entries, stale templates.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from handoutkit.errors import Problem, ProblemError
from handoutkit.i18n.messages import required_ui_msgids
from handoutkit.i18n.po import Catalog, catalog_path, usable
from handoutkit.languages import Language
from handoutkit.model import Document, Origin
from handoutkit.project import Project
from handoutkit.selection import Selection
from handoutkit.ui import UI_DOMAIN
from handoutkit.walk import document_units

__all__ = ["check_project"]


def check_project(project: Project, selection: Selection) -> list[Problem]:
    """All problems of the selected documents, languages and formats."""
    problems: list[Problem] = []
    documents: dict[str, Document] = {}
    for slug in selection.slugs:
        try:
            documents[slug] = project.document(slug)
        except ProblemError as error:
            problems.extend(error.problems)
            continue
        pot = project.locales_dir / f"{slug}.pot"
        if not pot.exists():
            problems.append(
                Problem("template", Origin(project.display(pot), 0), "no template yet (run: extract)", "warning")
            )

    for language in selection.languages:
        if language != project.config.source_language:
            problems.extend(_ui_problems(project, selection, language))
        for doc in documents.values():
            problems.extend(_language_problems(project, selection, doc, language))
    return problems


def _catalog(project: Project, language: Language, domain: str, problems: list[Problem]) -> Catalog | None:
    try:
        catalog = project.catalog(language, domain)
    except ProblemError as error:
        problems.extend(error.problems)
        return None
    if catalog is None:
        path = catalog_path(project.locales_dir, language.gettext, domain)
        problems.append(
            Problem(
                "no-catalog",
                Origin(project.display(path), 0),
                f"no {language.tag} catalog (run: init --lang {language.tag})",
                "warning",
            )
        )
    return catalog


def _language_problems(project: Project, selection: Selection, doc: Document, language: Language) -> list[Problem]:
    problems: list[Problem] = []
    if language != project.config.source_language:
        catalog = _catalog(project, language, doc.slug, problems)
        if catalog is None:
            return problems
        entries = catalog.entries
        for unit in document_units(doc):
            entry = entries.get(unit.msgid)
            if entry is None:
                problems.append(
                    Problem(
                        "untranslated",
                        unit.origin,
                        f"not in {catalog.display} (run: update): {_short(unit.msgid)}",
                        "warning",
                    )
                )
            elif "fuzzy" in entry.flags and entry.msgstr.strip():
                problems.append(
                    Problem("fuzzy", catalog.origin(entry), f"fuzzy translation: {_short(unit.msgid)}", "warning")
                )
            elif not usable(entry):
                problems.append(
                    Problem("untranslated", catalog.origin(entry), f"untranslated: {_short(unit.msgid)}", "warning")
                )
    try:
        translation = project.translate(doc.slug, language)
    except ProblemError as error:
        return [*problems, *error.problems]
    # A translation the build would reject (and replace by the source text) is an error here.
    problems.extend(dataclasses.replace(p, severity="error") for p in translation.problems)
    translated = translation.document
    ctx = project.context(language)
    for exporter in selection.exporters:
        try:
            problems.extend(exporter.check(translated, ctx))
        except ProblemError as error:
            problems.extend(error.problems)
    return problems


def _ui_problems(project: Project, selection: Selection, language: Language) -> list[Problem]:
    problems: list[Problem] = []
    catalog = _catalog(project, language, UI_DOMAIN, problems)
    if catalog is None:
        return problems
    entries = catalog.entries
    for msgid in required_ui_msgids(project.config.collection_title, selection.exporters):
        entry = entries.get(msgid)
        if entry is None or not entry.msgstr.strip():
            where = catalog.origin(entry) if entry is not None else Origin(catalog.display, 0)
            problems.append(Problem("untranslated", where, f"untranslated: {_short(msgid)}", "warning"))
            continue
        if "fuzzy" in entry.flags:
            problems.append(Problem("fuzzy", catalog.origin(entry), f"fuzzy translation: {_short(msgid)}", "warning"))
    _, rejected = project.ui_text(language)
    problems.extend(dataclasses.replace(p, severity="error") for p in rejected)
    return problems


def _short(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= width else flat[: width - 1] + "…")


def summarize(problems: Sequence[Problem]) -> tuple[int, int]:
    """(errors, warnings)."""
    errors = sum(1 for p in problems if p.severity == "error")
    return errors, len(problems) - errors

"""The build's decisions in one place: export, skip or fail each document in each language and format.

The build (:mod:`handoutkit.pipeline`) follows these decisions and ``check`` reports them, so the two can
never disagree: there is one rule, written once, here.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from handoutkit.context import RenderContext
from handoutkit.errors import Problem, ProblemError
from handoutkit.i18n.messages import required_ui_msgids
from handoutkit.i18n.po import catalog_path, missing_catalog_advice
from handoutkit.i18n.translate import Translation
from handoutkit.languages import Language
from handoutkit.model import Document, Origin
from handoutkit.project import Project
from handoutkit.registry import Registered
from handoutkit.selection import Selection

__all__ = ["DocumentPlan", "FormatVerdict", "LanguageGate", "document_plan", "format_verdict", "language_gate"]

Decision = Literal["export", "skip", "fail"]


@dataclass(frozen=True)
class LanguageGate:
    """What one language's interface words allow: their share translated, or the errors that stop it."""

    ui_percent: float = 100.0
    ui_missing: int = 0
    problems: tuple[Problem, ...] = ()
    """Errors in the ``ui`` catalog: every document fails in this language."""
    warnings: tuple[Problem, ...] = ()
    """Rejected ``ui`` translations (the source word is used instead)."""


@dataclass(frozen=True)
class DocumentPlan:
    """The decision for one document in one language (before any format is looked at)."""

    slug: str
    language: Language
    status: Decision
    reason: str = ""
    """Why it is skipped or fails, as the build summary says it."""
    note: str = ""
    """The same, short, for the index page: ``translation 77% complete``, ``its catalog has errors``."""
    problems: tuple[Problem, ...] = ()
    """The errors that make it fail."""
    translation: Translation | None = None
    """The translated document (None when the source or a catalog cannot be read)."""


@dataclass(frozen=True)
class FormatVerdict:
    """What one exporter's checks say of one translated document."""

    format: str
    problems: tuple[Problem, ...]
    """Everything the exporter's ``check`` found (warnings too)."""
    reason: str = "checks failed"

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def status(self) -> Decision:
        return "fail" if self.errors else "export"


def language_gate(project: Project, selection: Selection, language: Language) -> LanguageGate:
    """The ui catalog's state for ``language`` (its errors fail every document of the language)."""
    try:
        ui, warnings = project.ui_text(language)
    except ProblemError as error:
        return LanguageGate(problems=error.problems)
    required = required_ui_msgids(project.config.collection_title, selection.exporters)
    missing = ui.missing(required)
    percent = 100.0 * (len(required) - len(missing)) / len(required) if required else 100.0
    return LanguageGate(percent, len(missing), (), tuple(warnings))


def document_plan(
    project: Project, selection: Selection, slug: str, language: Language, gate: LanguageGate
) -> DocumentPlan:
    """Export, skip or fail ``slug`` in ``language``, and why."""

    def fail(reason: str, problems: tuple[Problem, ...]) -> DocumentPlan:
        return DocumentPlan(slug, language, "fail", reason, reason, problems)

    try:
        project.document(slug)
    except ProblemError as error:
        return fail("the source has errors", error.problems)
    if gate.problems:
        return fail("the ui catalog has errors", gate.problems)
    try:
        translation = project.translate(slug, language)
    except ProblemError as error:
        return fail("its catalog has errors", error.problems)
    reason, note = _too_incomplete(translation, gate, selection.min_coverage)
    if reason:
        catalog = catalog_path(project.locales_dir, language.gettext, slug)
        if language != project.config.source_language and not catalog.is_file():  # say where it looked
            advice = missing_catalog_advice(project.locales_dir, language)
            reason = f"no catalog {project.display(catalog)} ({advice}); {reason}"
        return DocumentPlan(slug, language, "skip", reason, note, (), translation)
    return DocumentPlan(slug, language, "export", translation=translation)


def _too_incomplete(translation: Translation, gate: LanguageGate, minimum: float) -> tuple[str, str]:
    """(the summary's reason, the index's note) when too little is translated; ('', '') otherwise."""
    coverage = translation.coverage
    if coverage.percent >= minimum and gate.ui_percent >= minimum:
        return "", ""
    handout = f"{coverage.percent:.0f}% translated ({coverage.translated} of {coverage.total} messages"
    handout += f", {coverage.fuzzy} fuzzy" if coverage.fuzzy else ""
    handout += f", {coverage.rejected} rejected)" if coverage.rejected else ")"
    ui = f"interface words {gate.ui_percent:.0f}% translated"
    ui += f" (ui catalog: {gate.ui_missing} missing)" if gate.ui_missing else " (ui catalog)"
    if coverage.percent >= minimum:  # only the interface words fall short: say that first
        parts = [ui, f"; the handout is {handout}"]
    elif gate.ui_percent >= minimum:
        parts = [handout]
    else:
        parts = [handout, f"; {ui}"]
    parts.append(f"; needs {minimum:g}% (lower it with --min-coverage)")
    notes = []
    if coverage.percent < minimum:
        notes.append(f"translation {coverage.percent:.0f}% complete")
    if gate.ui_percent < minimum:
        notes.append(f"interface words {gate.ui_percent:.0f}% translated")
    return "".join(parts), ", ".join(notes)


def format_verdict(exporter: Registered, doc: Document, ctx: RenderContext) -> FormatVerdict:
    """The exporter's checks of ``doc``; an exception in them is an internal error, not a crash."""
    try:
        return FormatVerdict(exporter.name, tuple(exporter.check(doc, ctx)))
    except ProblemError as error:
        return FormatVerdict(exporter.name, error.problems)
    except Exception as error:  # a bug in one exporter must not stop the build
        return FormatVerdict(exporter.name, (internal_problem(exporter, doc.path, error),), "internal error")


def internal_problem(exporter: Registered, path: str, error: Exception) -> Problem:
    """An exporter's exception as a problem naming where in the exporter it happened."""
    frame = traceback.extract_tb(error.__traceback__)[-1] if error.__traceback__ else None
    where = f" at {Path(frame.filename).name}:{frame.lineno}" if frame else ""
    message = f"internal error in exporter {exporter.name!r}{where}: {type(error).__name__}: {error}"
    return Problem("internal", Origin(path, 0), message)

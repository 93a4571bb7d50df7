"""The build: read, translate, check, render, write; one (document, language) at a time.

A failure in one document, language or format is recorded and the build goes on with the others; the
report says what was built, skipped (and why) and failed. Renderers return bytes; only this module
(through :mod:`handoutkit.writer`) writes.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from handoutkit.context import RenderContext
from handoutkit.errors import Problem, ProblemError
from handoutkit.exporter import OutputFile
from handoutkit.i18n.messages import required_ui_msgids
from handoutkit.i18n.translate import Translation
from handoutkit.languages import Language
from handoutkit.model import Document, Origin
from handoutkit.project import Project
from handoutkit.registry import Registered
from handoutkit.selection import Selection
from handoutkit.writer import write_atomic

__all__ = ["BuildReport", "Outcome", "build"]

Status = Literal["built", "skipped", "failed"]


@dataclass(frozen=True)
class Outcome:
    """What happened to one document (or collection) in one language and format."""

    name: str
    """The document's slug, or the collection's file name."""
    lang: str
    format: str
    status: Status
    files: tuple[Path, ...] = ()
    reason: str = ""
    problems: tuple[Problem, ...] = ()


@dataclass
class BuildReport:
    """Everything a build did."""

    outcomes: list[Outcome] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def ok(self) -> bool:
        return not self.failed


Progress = Callable[[Outcome], None]


def build(project: Project, selection: Selection, progress: Progress | None = None) -> BuildReport:
    """Build every selected document in every selected language and format."""
    report = BuildReport()

    def record(outcome: Outcome) -> None:
        report.outcomes.append(outcome)
        if progress is not None:
            progress(outcome)

    sources: dict[str, Document] = {}
    for slug in selection.slugs:
        try:
            sources[slug] = project.document(slug)
        except ProblemError as error:
            for language in selection.languages:
                record(
                    Outcome(slug, language.tag, "*", "failed", reason="the source has errors", problems=error.problems)
                )

    for language in selection.languages:
        _build_language(project, selection, language, sources, report, record)
    return report


def _build_language(
    project: Project,
    selection: Selection,
    language: Language,
    sources: dict[str, Document],
    report: BuildReport,
    record: Callable[[Outcome], None],
) -> None:
    try:
        ui, ui_warnings = project.ui_text(language)
    except ProblemError as error:
        for slug in sources:
            record(
                Outcome(slug, language.tag, "*", "failed", reason="the ui catalog has errors", problems=error.problems)
            )
        return
    report.warnings.extend(ui_warnings)
    ctx = project.context(language)
    required = required_ui_msgids(project.config.collection_title, selection.exporters)
    ui_missing = ui.missing(required)
    ui_percent = 100.0 * (len(required) - len(ui_missing)) / len(required) if required else 100.0

    built: list[Document] = []
    for slug in sources:
        try:
            translation = project.translate(slug, language)
        except ProblemError as error:
            record(Outcome(slug, language.tag, "*", "failed", reason="its catalog has errors", problems=error.problems))
            continue
        report.warnings.extend(translation.problems)
        reason = _too_incomplete(translation, ui_percent, len(ui_missing), selection.min_coverage)
        if reason:
            record(Outcome(slug, language.tag, "*", "skipped", reason=reason))
            continue
        for exporter in selection.exporters:
            record(_render_one(project, exporter, translation.document, ctx))
        built.append(translation.document)

    for exporter in selection.exporters:
        if exporter.collection and selection.collections:
            record(_render_collection(project, exporter, built, ctx))


def _too_incomplete(translation: Translation, ui_percent: float, ui_missing: int, minimum: float) -> str:
    coverage = translation.coverage
    if coverage.percent >= minimum and ui_percent >= minimum:
        return ""
    parts = [f"{coverage.percent:.0f}% translated ({coverage.translated} of {coverage.total} messages"]
    if coverage.fuzzy:
        parts.append(f", {coverage.fuzzy} fuzzy")
    if coverage.rejected:
        parts.append(f", {coverage.rejected} rejected")
    parts.append(f"; ui {ui_percent:.0f}%")
    if ui_missing:
        parts.append(f", {ui_missing} missing")
    parts.append(f"); needs {minimum:g}% (lower it with --min-coverage)")
    return "".join(parts)


def _render_one(project: Project, exporter: Registered, doc: Document, ctx: RenderContext) -> Outcome:
    def failed(reason: str, problems: Sequence[Problem]) -> Outcome:
        return Outcome(doc.slug, ctx.language.tag, exporter.name, "failed", reason=reason, problems=tuple(problems))

    try:
        errors = [p for p in exporter.check(doc, ctx) if p.severity == "error"]
        if errors:
            return failed("checks failed", errors)
        files = exporter.render(doc, ctx)
    except ProblemError as error:
        return failed("rendering failed", error.problems)
    except Exception as error:  # a bug in one exporter must not stop the build
        return failed("internal error", [_internal(exporter, doc.path, error)])
    return _write(project, exporter, doc.slug, ctx.language, files)


def _render_collection(project: Project, exporter: Registered, docs: list[Document], ctx: RenderContext) -> Outcome:
    name = project.config.collection_file_name
    if not docs:
        return Outcome(
            name, ctx.language.tag, exporter.name, "skipped", reason="no document was built in this language"
        )
    try:
        files = exporter.render_collection(docs, ctx)
    except ProblemError as error:
        return Outcome(
            name, ctx.language.tag, exporter.name, "failed", reason="rendering failed", problems=error.problems
        )
    except Exception as error:
        return Outcome(
            name,
            ctx.language.tag,
            exporter.name,
            "failed",
            reason="internal error",
            problems=(_internal(exporter, project.config_display, error),),
        )
    return _write(project, exporter, name, ctx.language, files)


def _write(
    project: Project, exporter: Registered, name: str, language: Language, files: Sequence[OutputFile]
) -> Outcome:
    written: list[Path] = []
    try:
        for file in files:
            if not file.suffix.startswith(".") or "/" in file.suffix or "\\" in file.suffix:
                raise ProblemError.single(
                    "output-path",
                    Origin(exporter.target, 0),
                    f"exporter {exporter.name!r} returned a bad suffix {file.suffix!r}",
                )
            path = project.output_path(language, name + file.suffix)
            write_atomic(path, file.data, inside=project.output_dir)
            written.append(path)
    except ProblemError as error:
        return Outcome(name, language.tag, exporter.name, "failed", reason="writing failed", problems=error.problems)
    except OSError as error:
        problem = Problem("write", Origin(project.display(project.output_dir), 0), f"could not write: {error}")
        return Outcome(name, language.tag, exporter.name, "failed", reason="writing failed", problems=(problem,))
    return Outcome(name, language.tag, exporter.name, "built", files=tuple(written))


def _internal(exporter: Registered, path: str, error: Exception) -> Problem:
    frame = traceback.extract_tb(error.__traceback__)[-1] if error.__traceback__ else None
    where = f" at {Path(frame.filename).name}:{frame.lineno}" if frame else ""
    message = f"internal error in exporter {exporter.name!r}{where}: {type(error).__name__}: {error}"
    return Problem("internal", Origin(path, 0), message)

"""The build: read, translate, check, render, write; one (document, language) at a time.

A failure in one document, language or format is recorded and the build goes on with the others; the
report says what was built, skipped (and why) and failed. What to build, skip or fail is decided by
:mod:`handoutkit.gate` (which ``check`` reports too). Renderers return bytes; only this module (through
:mod:`handoutkit.writer` and :mod:`handoutkit.published`, which withdraws outputs that went stale) writes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from handoutkit.context import RenderContext
from handoutkit.errors import Problem, ProblemError
from handoutkit.exporter import OutputFile
from handoutkit.gate import document_plan, format_verdict, internal_problem, language_gate
from handoutkit.languages import Language
from handoutkit.model import Document, Origin
from handoutkit.project import Project
from handoutkit.published import Result, Withdrawal, reconcile
from handoutkit.registry import Registered
from handoutkit.review import review_problems
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
    note: str = ""
    """The reason, short, for the index page (``translation 77% complete``); the reason when empty."""


@dataclass
class BuildReport:
    """Everything a build did."""

    outcomes: list[Outcome] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    withdrawn: list[Withdrawal] = field(default_factory=list)
    """Outputs of earlier builds this build took out of ``output/`` (moved to ``output/.withdrawn/``)."""

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def skipped(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "skipped"]

    @property
    def ok(self) -> bool:
        return not self.failed


Progress = Callable[[Outcome], None]


def build(project: Project, selection: Selection, progress: Progress | None = None) -> BuildReport:
    """Build every selected document in every selected language and format, then withdraw stale outputs."""
    report = BuildReport()

    def record(outcome: Outcome) -> None:
        report.outcomes.append(outcome)
        if progress is not None:
            progress(outcome)

    for language in selection.languages:
        _build_language(project, selection, language, report, record)
    withdrawn, problems = reconcile(project, selection, _results(selection, report.outcomes))
    report.withdrawn.extend(withdrawn)
    report.warnings.extend(problems)
    return report


def _results(selection: Selection, outcomes: Sequence[Outcome]) -> list[Result]:
    """Outcomes per format, as the manifest records them (a document's ``*`` is each selected format)."""
    results: list[Result] = []
    for o in outcomes:
        formats = [e.name for e in selection.exporters] if o.format == "*" else [o.format]
        results.extend(Result(o.name, o.lang, name, o.status, o.files, o.note or o.reason) for name in formats)
    return results


def _build_language(
    project: Project,
    selection: Selection,
    language: Language,
    report: BuildReport,
    record: Callable[[Outcome], None],
) -> None:
    gate = language_gate(project, selection, language)
    report.warnings.extend(gate.warnings)
    ctx = project.context(language) if not gate.problems else None

    built: list[Document] = []
    for slug in selection.slugs:
        plan = document_plan(project, selection, slug, language, gate)
        if plan.translation is not None:
            report.warnings.extend(plan.translation.problems)
            report.warnings.extend(review_problems(plan.translation.document.review))
        if plan.status != "export" or plan.translation is None or ctx is None:
            status: Status = "skipped" if plan.status == "skip" else "failed"
            record(Outcome(slug, language.tag, "*", status, (), plan.reason, plan.problems, plan.note))
            continue
        doc = plan.translation.document
        for exporter in selection.exporters:
            verdict = format_verdict(exporter, doc, ctx)
            if verdict.errors:
                record(Outcome(doc.slug, language.tag, exporter.name, "failed", (), verdict.reason, verdict.errors))
            else:
                record(_render_one(project, exporter, doc, ctx))
        built.append(doc)

    if ctx is None:
        return
    for exporter in selection.exporters:
        if exporter.collection and selection.collections:
            record(_render_collection(project, exporter, built, ctx))


def _render_one(project: Project, exporter: Registered, doc: Document, ctx: RenderContext) -> Outcome:
    def failed(reason: str, problems: Sequence[Problem]) -> Outcome:
        return Outcome(doc.slug, ctx.language.tag, exporter.name, "failed", reason=reason, problems=tuple(problems))

    try:
        files = exporter.render(doc, ctx)
    except ProblemError as error:
        return failed("rendering failed", error.problems)
    except Exception as error:  # a bug in one exporter must not stop the build
        return failed("internal error", [internal_problem(exporter, doc.path, error)])
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
            problems=(internal_problem(exporter, project.config_display, error),),
        )
    return _write(project, exporter, name, ctx.language, files)


_SHARED_SEGMENT = re.compile(r"^[a-z0-9][a-z0-9._-]{0,80}$")


def _write_shared(project: Project, exporter: Registered, file: OutputFile) -> None:
    """Write a site-wide file under ``output/`` unless it is there with the same bytes."""
    segments = file.shared_path.split("/")
    if len(segments) > 4 or not all(_SHARED_SEGMENT.match(s) and s not in (".", "..") for s in segments):
        raise ProblemError.single(
            "output-path",
            Origin(exporter.target, 0),
            f"exporter {exporter.name!r} returned a bad path {file.shared_path!r}",
        )
    path = project.output_dir.joinpath(*segments)
    if path.is_file() and path.read_bytes() == file.data:
        return
    write_atomic(path, file.data, inside=project.output_dir)


def _write(
    project: Project, exporter: Registered, name: str, language: Language, files: Sequence[OutputFile]
) -> Outcome:
    written: list[Path] = []
    try:
        for file in files:
            if file.shared_path:
                _write_shared(project, exporter, file)
                continue
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

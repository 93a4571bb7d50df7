"""The build's jobs, as a worker runs them: plan one document in one language, render one document in
one language and format, render one language's collection in one format.

A task is a small picklable value; :func:`run_task` runs it in the current process against a
:class:`Workspace` (the project's configuration and exporters, loaded once per process, and each
language's gate and context). A document's source, catalogs and translations are kept for the last
:data:`DOCUMENTS_KEPT` documents a process worked on only (tasks come grouped by document), so memory
does not grow with the number of documents. A task never writes: it returns its files' bytes, and the
pipeline writes them (:mod:`handoutkit.writer`). An exception in a task is a failed result naming
where it happened, never a crashed worker.
"""

from __future__ import annotations

import dataclasses
import sys
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from handoutkit.context import RenderContext
from handoutkit.errors import Problem, ProblemError
from handoutkit.exporter import OutputFile
from handoutkit.files import read_digest
from handoutkit.gate import LanguageGate, document_plan, format_verdict, internal_problem, language_gate
from handoutkit.i18n.po import catalog_path
from handoutkit.keys import file_digest
from handoutkit.languages import Language
from handoutkit.limits import amplification_problem
from handoutkit.manifest import PlanRecord
from handoutkit.model import Document, Image, Origin
from handoutkit.project import Project
from handoutkit.reader import SOURCE_DIR
from handoutkit.registry import Registered, discover_exporters
from handoutkit.review import review_problems
from handoutkit.selection import Selection
from handoutkit.ui import UI_DOMAIN
from handoutkit.walk import iter_blocks

__all__ = [
    "CollectionTask",
    "DocumentTask",
    "PlanTask",
    "Task",
    "TaskResult",
    "Workspace",
    "WorkspaceSpec",
    "bytes_read",
    "changed_while_read",
    "document_assets",
    "fresh_project",
    "init_worker",
    "plan_input_paths",
    "run_in_worker",
    "run_task",
    "shelve",
]


@dataclass(frozen=True)
class WorkspaceSpec:
    """What a worker process needs to rebuild the parent's view of the build (sent once per worker)."""

    root: str
    slugs: tuple[str, ...]
    languages: tuple[str, ...]
    """BCP 47 tags, in the selection's order."""
    formats: tuple[str, ...]
    min_coverage: float
    collections: bool
    sys_path: tuple[str, ...] = ()
    """The parent's ``sys.path`` (a plugin found there must be found in the worker too)."""


@dataclass(frozen=True)
class PlanTask:
    """Translate one document into one language and decide: export, skip or fail."""

    slug: str
    lang: str

    @property
    def label(self) -> tuple[str, str, str]:
        return (self.slug, self.lang, "*")


@dataclass(frozen=True)
class DocumentTask:
    """Check and render one document in one language and format."""

    slug: str
    lang: str
    format: str
    published: tuple[str, ...]
    """The languages (BCP 47 tags) the document is published in: the page may link these."""
    cost: float = 1.0
    document: Document | None = None
    """The translation its plan made in this build (None: the task translates the document itself)."""

    @property
    def label(self) -> tuple[str, str, str]:
        return (self.slug, self.lang, self.format)


@dataclass(frozen=True)
class CollectionTask:
    """Render one language's collection (``members``, in order) in one format."""

    name: str
    lang: str
    format: str
    members: tuple[str, ...]
    cost: float = 1.0
    shelved: tuple[str, ...] = ()
    """Where the build put each member's translation once its handout was written, in order (a pickle
    file of the build's own private folder; '', or none at all: the task translates that member itself)."""

    @property
    def label(self) -> tuple[str, str, str]:
        return (self.name, self.lang, self.format)


Task = PlanTask | DocumentTask | CollectionTask


def shelve(document: Document, path: Path) -> str:
    """Write ``document`` to ``path`` (in the build's private folder) for a collection task to read."""
    import pickle

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(document, protocol=pickle.HIGHEST_PROTOCOL))
    return str(path)


def _unshelve(path: str) -> Document | None:
    import pickle

    try:
        found = pickle.loads(Path(path).read_bytes())  # the build's own file, in its own private folder
    except (OSError, pickle.UnpicklingError, EOFError):
        return None
    return found if isinstance(found, Document) else None


@dataclass(frozen=True)
class TaskResult:
    """What a task returns to the pipeline."""

    status: Literal["built", "failed"]
    reason: str = ""
    problems: tuple[Problem, ...] = ()
    files: tuple[OutputFile, ...] = ()
    plan: PlanRecord | None = None
    """A plan task's decision (its key is filled in by the pipeline)."""
    document: Document | None = None
    """A plan task's translation, when it decided to export: the render tasks take it, so that a
    document is translated once per build and language, not once per format."""
    read: tuple[tuple[str, str], ...] = ()
    """The digest of the bytes the task read from each of its input files (as the project shows them):
    the pipeline compares them with the ones its key was made from (:func:`changed_while_read`)."""


@dataclass
class Workspace:
    """The configuration, exporters and per-language state one process builds with."""

    project: Project
    """Holds the configuration and the ``ui`` catalogs only: documents are read by a fresh project."""
    selection: Selection
    gates: dict[str, LanguageGate] = field(default_factory=dict)
    contexts: dict[str, RenderContext] = field(default_factory=dict)
    recent: OrderedDict[str, Project] = field(default_factory=OrderedDict)
    """A project per document recently worked on, holding that document's translations."""

    @classmethod
    def load(cls, spec: WorkspaceSpec) -> Workspace:
        """Load the project and exporters ``spec`` describes (in a worker)."""
        found = discover_exporters()
        project = Project.load(Path(spec.root), found.schemas)
        by_tag = {language.tag: language for language in project.config.languages}
        selection = Selection(
            slugs=spec.slugs,
            languages=tuple(by_tag[tag] for tag in spec.languages),
            exporters=tuple(found.exporters[name] for name in spec.formats),
            min_coverage=spec.min_coverage,
            collections=spec.collections,
        )
        return cls(project, selection)

    def language(self, tag: str) -> Language:
        return next(language for language in self.selection.languages if language.tag == tag)

    def exporter(self, name: str) -> Registered:
        return next(exporter for exporter in self.selection.exporters if exporter.name == name)

    def gate(self, language: Language) -> LanguageGate:
        if language.tag not in self.gates:
            self.gates[language.tag] = language_gate(self.project, self.selection, language)
        return self.gates[language.tag]

    def context(self, language: Language) -> RenderContext:
        """The language's context (only asked for when its gate has no errors)."""
        if language.tag not in self.contexts:
            self.contexts[language.tag] = self.project.context(language)
        return self.contexts[language.tag]

    def for_document(self, slug: str) -> Project:
        """The project that reads ``slug`` (one of the last :data:`DOCUMENTS_KEPT`; the oldest is dropped)."""
        project = self.recent.pop(slug, None) or fresh_project(self.project)
        self.recent[slug] = project
        while len(self.recent) > DOCUMENTS_KEPT:
            self.recent.popitem(last=False)
        return project


DOCUMENTS_KEPT = 3
"""Documents whose translations a process keeps between tasks."""


def fresh_project(project: Project) -> Project:
    """``project`` with its public fields (folder, configuration, output folder) and empty caches."""
    public = {f.name: getattr(project, f.name) for f in dataclasses.fields(project) if not f.name.startswith("_")}
    fresh = Project(**public)
    fresh.slugs()  # lists source/, so that a badly named handout fails with the problem naming it
    return fresh


def plan_input_paths(project: Project, slug: str, language: Language) -> list[Path]:
    """The files a plan reads besides the configuration: the source, and the handout's and the ``ui``
    catalogs that exist."""
    paths = [project.source_dir / f"{slug}.md"]
    if language != project.config.source_language:
        for domain in (slug, UI_DOMAIN):
            path = catalog_path(project.locales_dir, language.gettext, domain)
            if path.is_file():
                paths.append(path)
    return paths


def bytes_read(project: Project, paths: Sequence[Path]) -> tuple[tuple[str, str], ...]:
    """For each of ``paths`` this process has read: (as the project shows it, SHA-256 of the bytes read)."""
    return tuple((project.display(p), digest) for p in paths if (digest := read_digest(p)) is not None)


def changed_while_read(expected: Mapping[str, str], read: Sequence[tuple[str, str]]) -> tuple[Problem, ...]:
    """An error for each file whose bytes a task read differ from the digest its key was made from (the
    file was saved while the build ran): what was made from them is neither published nor recorded."""
    return tuple(
        Problem(
            "changed-during-build",
            Origin(shown, 0),
            "changed while this build was reading it: nothing was made from it; build again",
        )
        for shown, digest in read
        if shown in expected and expected[shown] != digest
    )


def document_assets(project: Project, doc: Document) -> tuple[tuple[str, str], ...]:
    """The images ``doc`` uses, (project-relative path, SHA-256), sorted."""
    return tuple(sorted((project.display(p), file_digest(p)) for p in _image_paths(project, doc)))


def _image_paths(project: Project, doc: Document) -> set[Path]:
    return {project.source_dir / str(b.src) for b in iter_blocks(doc.blocks) if isinstance(b, Image)}


def _plan(space: Workspace, task: PlanTask) -> TaskResult:
    project = space.for_document(task.slug)
    language = space.language(task.lang)
    plan = document_plan(project, space.selection, task.slug, language, space.gate(language))
    try:
        source = project.document(task.slug)
    except ProblemError:
        source = None
    warnings: tuple[Problem, ...] = ()
    title, title_lang, reviewed = "", language.tag, False
    if plan.translation is not None:
        doc = plan.translation.document
        warnings = (*plan.translation.problems, *review_problems(doc.review))
        title, title_lang, reviewed = doc.meta.title.text, doc.meta.title.lang, doc.review.reviewed
    record = PlanRecord(
        task.slug,
        task.lang,
        "",
        plan.status,
        plan.reason,
        plan.note,
        plan.problems,
        warnings,
        title,
        title_lang,
        reviewed,
        document_assets(project, source) if source is not None else (),
        source.meta.title.text if source is not None else task.slug,
    )
    document = plan.translation.document if plan.translation is not None and plan.status == "export" else None
    read = bytes_read(project, [project.root / project.config_display, *plan_input_paths(project, task.slug, language)])
    return TaskResult("built", plan=record, document=document, read=read)


def _failed(reason: str, problems: Sequence[Problem]) -> TaskResult:
    return TaskResult("failed", reason, tuple(problems))


def _render_document(space: Workspace, task: DocumentTask) -> TaskResult:
    project = space.for_document(task.slug)
    language = space.language(task.lang)
    exporter = space.exporter(task.format)
    doc = task.document if task.document is not None else project.translate(task.slug, language).document
    published = tuple(lang for lang in project.config.languages if lang.tag in task.published)
    ctx = dataclasses.replace(space.context(language), published_languages=published)
    verdict = format_verdict(exporter, doc, ctx)
    if verdict.errors:
        return _failed(verdict.reason, verdict.errors)
    try:
        files = exporter.render(doc, ctx)
    except ProblemError as error:
        return _failed("rendering failed", error.problems)
    except Exception as error:  # a bug in one exporter must not stop the build
        return _failed("internal error", [internal_problem(exporter, doc.path, error)])
    problems = _amplification(project, task.slug, language, files)
    if problems:
        return _failed("output too large", problems)
    return TaskResult(
        "built", files=files, read=bytes_read(project, _document_paths(project, task.slug, language, doc))
    )


def _amplification(project: Project, slug: str, language: Language, files: Sequence[OutputFile]) -> list[Problem]:
    """The files that would be too large for their sources (``[limits] amplification``): a short input
    that expands hugely is refused before anything is written."""
    paths = [project.root / SOURCE_DIR / f"{slug}.md"]
    origin = Origin(project.display(paths[0]), 0)
    if language != project.config.source_language:
        catalog = catalog_path(project.locales_dir, language.gettext, slug)
        paths += [catalog, catalog_path(project.locales_dir, language.gettext, UI_DOMAIN)]
        origin = Origin(project.display(catalog), 0)
    source_bytes = sum(path.stat().st_size for path in paths if path.is_file())
    found = []
    for file in files:
        name = file.shared_path or f"{language.tag}/{slug}{file.suffix}"
        problem = amplification_problem(len(file.data), source_bytes, origin, name, project.config.limits)
        if problem is not None:
            found.append(problem)
    return found


def _render_collection(space: Workspace, task: CollectionTask) -> TaskResult:
    project = fresh_project(space.project)
    language = space.language(task.lang)
    exporter = space.exporter(task.format)
    shelved = task.shelved or ("",) * len(task.members)
    docs = []
    for slug, path in zip(task.members, shelved, strict=True):
        found = _unshelve(path) if path else None
        docs.append(found if found is not None else project.translate(slug, language).document)
    try:
        files = exporter.render_collection(docs, space.context(language))
    except ProblemError as error:
        return _failed("rendering failed", error.problems)
    except Exception as error:
        return _failed("internal error", [internal_problem(exporter, project.config_display, error)])
    members = zip(task.members, docs, strict=True)
    paths = [path for slug, doc in members for path in _document_paths(project, slug, language, doc)]
    return TaskResult("built", files=files, read=bytes_read(project, paths))


def _document_paths(project: Project, slug: str, language: Language, doc: Document) -> list[Path]:
    """The files a rendering of ``doc`` may have read: the configuration, its plan's inputs, its images."""
    return [
        project.root / project.config_display,
        *plan_input_paths(project, slug, language),
        *_image_paths(project, doc),
    ]


def run_task(space: Workspace, task: Task) -> TaskResult:
    """Run one task; any exception is a failed result (with the file and line it came from)."""
    try:
        match task:
            case PlanTask():
                return _plan(space, task)
            case DocumentTask():
                return _render_document(space, task)
            case CollectionTask():
                return _render_collection(space, task)
    except ProblemError as error:
        return _failed("its inputs changed during the build", error.problems)
    except Exception as error:
        origin = Origin(f"{task.label[0]} ({task.label[1]}, {task.label[2]})", 0)
        return _failed("internal error", [Problem("internal", origin, f"{type(error).__name__}: {error}")])


_WORKSPACE: Workspace | None = None


def init_worker(spec: WorkspaceSpec) -> None:
    """A worker process's initializer: the parent's ``sys.path``, then the workspace."""
    global _WORKSPACE
    sys.path[:] = list(spec.sys_path)
    _WORKSPACE = Workspace.load(spec)


def run_in_worker(task: Task) -> TaskResult:
    """A worker process's entry point for one task."""
    assert _WORKSPACE is not None, "init_worker runs first"
    return run_task(_WORKSPACE, task)

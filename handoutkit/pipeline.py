"""The build: plan, render, write; as jobs with keys, run only when their inputs changed.

A build is three rounds of jobs (:mod:`handoutkit.jobs`): a plan per document and language (translate,
then export, skip or fail, as :mod:`handoutkit.gate` decides; ``check`` reports the same decisions),
a render per document, language and format, and a render per language and collection format. Each job
has a key (:mod:`handoutkit.keys`); a job whose key is the one the manifest records, with its files
intact, is not run, nor is one whose result the shared cache or a shard being merged holds
(:mod:`handoutkit.store`); ``force`` runs everything. Jobs run in worker processes
(:mod:`handoutkit.runner`), heavy ones first; their outcomes are reported in one order whatever the
order they finish in: language, then document, then format, then the language's collections.

A failure in one job is recorded and the build goes on; the report says what was built, skipped (and
why) and failed. Renderers return bytes; only this module (through :mod:`handoutkit.writer` and
:mod:`handoutkit.published`, which records the manifest and withdraws outputs that went stale) writes.
The site's home page is made afterwards, from the manifest alone (:mod:`handoutkit.index_page`).
"""

from __future__ import annotations

import dataclasses
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from handoutkit import keys
from handoutkit.context import RenderContext
from handoutkit.errors import Problem
from handoutkit.exporter import OutputFile
from handoutkit.gate import language_gate
from handoutkit.i18n.messages import required_ui_msgids
from handoutkit.i18n.po import catalog_path
from handoutkit.jobs import (
    CollectionTask,
    DocumentTask,
    PlanTask,
    Task,
    TaskResult,
    Workspace,
    WorkspaceSpec,
    fresh_project,
    shelve,
)
from handoutkit.languages import Language
from handoutkit.model import Document
from handoutkit.output_files import write_job
from handoutkit.project import Project
from handoutkit.published import PlanRecord, Result, Withdrawal, read_manifest, reconcile
from handoutkit.registry import Registered
from handoutkit.runner import Runner
from handoutkit.selection import Selection
from handoutkit.shards import Shard, shard_slugs
from handoutkit.store import Cache, ShardOutput, Store
from handoutkit.ui import UI_DOMAIN

__all__ = ["BuildOptions", "BuildReport", "Outcome", "build", "default_jobs", "job_count"]

Status = Literal["built", "skipped", "failed"]


def default_jobs() -> int:
    """Worker processes when ``--jobs`` is not given: the CPUs this process may use (a round of jobs
    too small to be worth a worker still runs in this process, :data:`handoutkit.runner.MIN_PARALLEL_COST`)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class BuildOptions:
    """How to build: in how many processes, reusing what, which part."""

    jobs: int = 1
    """Worker processes (1: everything in this process)."""
    force: bool = False
    """Run every job, even those whose outputs are up to date."""
    shard: Shard | None = None
    """Build only this part of the documents (no collections: ``merge`` makes them)."""
    cache: Path | None = None
    """A shared cache folder (``--cache DIR``)."""
    shards: tuple[Path, ...] = ()
    """Output folders of shards whose results this build takes (``merge``)."""


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
    reused: str = ""
    """Why it was not rendered by this build: ``up to date``, ``from the cache``, ``from a shard``."""


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


def job_count(project: Project, selection: Selection, options: BuildOptions = BuildOptions()) -> int:
    """How many outputs the build reports (a skipped document counts once per format)."""
    slugs = _slugs(project, selection, options)
    collections = 0 if options.shard else sum(1 for e in selection.exporters if e.collection and selection.collections)
    return len(selection.languages) * (len(slugs) * len(selection.exporters) + collections)


def _slugs(project: Project, selection: Selection, options: BuildOptions) -> tuple[str, ...]:
    if options.shard is None:
        return selection.slugs
    weight = sum(e.cost for e in selection.exporters) * len(selection.languages)
    return shard_slugs(selection.slugs, project.source_dir, weight, options.shard)


class _Ordered:
    """Outcomes in the report's order, handed to ``progress`` as soon as all before them are known."""

    def __init__(self, report: BuildReport, progress: Progress | None) -> None:
        self.report = report
        self.progress = progress
        self.slots: list[Outcome | None] = []
        self.emitted = 0

    def slot(self) -> int:
        self.slots.append(None)
        return len(self.slots) - 1

    def fill(self, index: int, outcome: Outcome) -> None:
        self.slots[index] = outcome
        while self.emitted < len(self.slots) and (ready := self.slots[self.emitted]) is not None:
            self.report.outcomes.append(ready)
            if self.progress is not None:
                self.progress(ready)
            self.emitted += 1


@dataclass
class _Build:
    project: Project
    selection: Selection
    options: BuildOptions
    store: Store
    ordered: _Ordered
    runner: Runner
    results: list[Result] = field(default_factory=list)
    plans: dict[tuple[str, str], PlanRecord] = field(default_factory=dict)
    plan_files: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)
    documents: dict[tuple[str, str], Document] = field(default_factory=dict)
    """The translations this build's plans made (the render jobs take them: no job translates again)."""
    shelf: Path | None = None
    """A private folder for the translations of handouts already written, which the collections read."""
    shelved: dict[tuple[str, str], str] = field(default_factory=dict)
    config_digest: str = ""

    # ---------------------------------------------------------------- plans

    def plan_inputs(self, slug: str, language: Language) -> dict[str, str]:
        """The source and the catalogs (those that exist) a plan reads, with their digests."""
        project = self.project
        paths = [project.source_dir / f"{slug}.md"]
        if language != project.config.source_language:
            for domain in (slug, UI_DOMAIN):
                path = catalog_path(project.locales_dir, language.gettext, domain)
                if path.is_file():
                    paths.append(path)
        return {project.display(p): keys.file_digest(p) for p in paths}

    def plan_all(self, slugs: Sequence[str], languages: Sequence[Language]) -> None:
        required = required_ui_msgids(self.project.config.collection_title, self.selection.exporters)
        tasks: list[PlanTask] = []
        pending_keys: list[str] = []
        for language in languages:
            for slug in slugs:
                files = self.plan_inputs(slug, language)
                self.plan_files[(slug, language.tag)] = files
                key = keys.plan_key(
                    slug=slug,
                    language=language,
                    files=files,
                    config=self.project.config,
                    min_coverage=self.selection.min_coverage,
                    required_ui=required,
                )
                found = None if self.options.force else self.store.plan((slug, language.tag), key)
                if found is not None and all(
                    keys.file_digest(self.project.root / path) == digest for path, digest in found.assets
                ):
                    self.plans[(slug, language.tag)] = dataclasses.replace(found, key=key)
                    continue
                tasks.append(PlanTask(slug, language.tag))
                pending_keys.append(key)

        def done(index: int, result: TaskResult) -> None:
            task = tasks[index]
            if result.plan is None:  # the task itself failed: the document fails in that language
                record = PlanRecord(task.slug, task.lang, "", "fail", result.reason, result.reason, result.problems)
            else:
                record = dataclasses.replace(result.plan, key=pending_keys[index])
                if result.document is not None:
                    self.documents[(task.slug, task.lang)] = result.document
                if self.store.cache is not None and record.status != "fail":
                    self.store.cache.put_plan(record)
            self.plans[(task.slug, task.lang)] = record

        self.runner.run(tasks, done)

    def published_languages(self, slug: str, ready: dict[str, bool]) -> tuple[str, ...]:
        """The languages ``slug`` is published in: this build's decisions for its languages, the
        manifest's for the others."""
        found = []
        for language in self.project.config.languages:
            record = self.plans.get((slug, language.tag))
            if record is not None:
                if record.status == "export" and ready.get(language.tag, False):
                    found.append(language.tag)
                continue
            earlier = self.store.previous.documents.get((slug, language.tag))
            if earlier is not None and earlier.status == "export":
                found.append(language.tag)
        return tuple(found)

    # ---------------------------------------------------------------- writing

    def inputs(self, slug: str, lang: str) -> tuple[tuple[str, str], ...]:
        files = dict(self.plan_files.get((slug, lang), {}))
        files[self.project.config_display] = self.config_digest
        record = self.plans.get((slug, lang))
        if record is not None:
            files.update(record.assets)
        return tuple(sorted(files.items()))

    def write(
        self,
        exporter: Registered,
        name: str,
        language: Language,
        files: Sequence[OutputFile],
        *,
        job: str,
        inputs: tuple[tuple[str, str], ...],
        reused: str = "",
    ) -> Outcome:
        written = write_job(self.project, exporter, name, language, files)
        key3 = (name, language.tag, exporter.name)
        if written.problems:
            self.results.append(Result(*key3, "failed", (), "writing failed", job, inputs))
            return Outcome(*key3, "failed", reason="writing failed", problems=written.problems, reused=reused)
        self.results.append(Result(*key3, "built", written.files, "", job, inputs, written.shared, written.pages))
        if self.store.cache is not None and not reused:
            self.store.cache.put_files(job, files)
        return Outcome(*key3, "built", files=written.files, reused=reused)

    def reuse_or_run(
        self,
        exporter: Registered,
        name: str,
        language: Language,
        job: str,
        inputs: tuple[tuple[str, str], ...],
    ) -> Outcome | None:
        """The outcome of a job that need not run (up to date, or found in a shard or the cache)."""
        if self.options.force:
            return None
        key3 = (name, language.tag, exporter.name)
        published = self.store.up_to_date(key3, job)
        if published is not None:
            paths = tuple(self.project.output_dir.resolve() / relative for relative, _ in published.files)
            self.results.append(Result(*key3, "built", paths, "", job, inputs, published.shared, published.pages))
            return Outcome(*key3, "built", paths, reused="up to date")
        found = self.store.files(key3, job)
        if found is None:
            return None
        files, where = found
        return self.write(exporter, name, language, files, job=job, inputs=inputs, reused=where)

    def failed(self, name: str, lang: str, fmt: str, result: TaskResult) -> Outcome:
        self.results.append(Result(name, lang, fmt, "failed", (), result.reason))
        return Outcome(name, lang, fmt, "failed", reason=result.reason, problems=result.problems)


def _job_runner(project: Project, selection: Selection, options: BuildOptions) -> Runner:
    spec = WorkspaceSpec(
        root=str(project.root),
        slugs=selection.slugs,
        languages=tuple(language.tag for language in selection.languages),
        formats=tuple(exporter.name for exporter in selection.exporters),
        min_coverage=selection.min_coverage,
        collections=selection.collections,
        sys_path=tuple(sys.path),
    )
    return Runner(options.jobs, spec, lambda: Workspace(fresh_project(project), selection))


def build(
    project: Project,
    selection: Selection,
    progress: Progress | None = None,
    options: BuildOptions = BuildOptions(),
) -> BuildReport:
    """Build every selected document in every selected language and format (those of ``options.shard``
    only), withdraw stale outputs and record the manifest (the home page is :mod:`handoutkit.index_page`'s)."""
    report = BuildReport()
    previous, _ = read_manifest(project.output_dir)  # an unreadable one is reported by reconcile
    store = Store(
        project.output_dir,
        previous,
        Cache(options.cache) if options.cache is not None else None,
        [ShardOutput.open(path) for path in options.shards],
    )
    runner = _job_runner(project, selection, options)
    state = _Build(project, selection, options, store, _Ordered(report, progress), runner)
    state.config_digest = keys.file_digest(project.root / project.config_display)
    with tempfile.TemporaryDirectory(prefix="handoutkit-shelf-") as shelf:
        state.shelf = Path(shelf)
        try:
            _run(state, report)
        finally:
            runner.close()
    scope = dataclasses.replace(selection, collections=selection.collections and options.shard is None)
    results = _per_format(selection, state.results)
    withdrawn, problems = reconcile(project, scope, results, state.plans.values())
    report.withdrawn.extend(withdrawn)
    report.warnings.extend(problems)
    return report


def _per_format(selection: Selection, results: Sequence[Result]) -> list[Result]:
    """Results per format, as the manifest records them (a document's ``*`` is each selected format)."""
    expanded: list[Result] = []
    for r in results:
        formats = [e.name for e in selection.exporters] if r.format == "*" else [r.format]
        expanded.extend(dataclasses.replace(r, format=name) for name in formats)
    return expanded


CHUNK = 12
"""Handouts planned and rendered together: their translations are held only until their outputs are
written, so the build's memory does not grow with the number of handouts."""


def _run(state: _Build, report: BuildReport) -> None:
    """Plan and render the handouts a chunk at a time (heaviest jobs first within it), then the
    collections; outcomes are reported chunk by chunk, each in language, handout and format order."""
    project, selection = state.project, state.selection
    slugs = _slugs(project, selection, state.options)
    gates = {language.tag: language_gate(project, selection, language) for language in selection.languages}
    ready = {tag: not gate.problems for tag, gate in gates.items()}
    contexts = {lang.tag: project.context(lang) for lang in selection.languages if ready[lang.tag]}
    for language in selection.languages:
        report.warnings.extend(gates[language.tag].warnings)
    for first in range(0, len(slugs), CHUNK):
        chunk = slugs[first : first + CHUNK]
        state.plan_all(chunk, selection.languages)
        jobs = _Jobs()
        for language in selection.languages:
            for slug in chunk:
                _document_jobs(state, report, language, slug, contexts.get(language.tag), ready, jobs)
        _run_jobs(state, jobs)
        if first + CHUNK < len(slugs):
            # Fresh workers for the next chunk: a worker's memory creeps up over hundreds of jobs (font and
            # layout caches), so it is recycled here, where no task is queued (about a second per worker).
            state.runner.close()
        for slug in chunk:  # written: their translations leave memory (shelved for the collections)
            for language in selection.languages:
                document = state.documents.pop((slug, language.tag), None)
                if document is not None and state.shelf is not None:
                    path = state.shelf / language.tag / f"{slug}.pickle"
                    state.shelved[(slug, language.tag)] = shelve(document, path)
    if selection.collections and state.options.shard is None:
        jobs = _Jobs()
        for language in selection.languages:
            ctx = contexts.get(language.tag)
            if ctx is not None:
                _collections(state, language, ctx, jobs.tasks, jobs.slots, jobs.keys)
        _run_jobs(state, jobs)


@dataclass
class _Jobs:
    """The tasks of one round, with the report slot and the key of each."""

    tasks: list[Task] = field(default_factory=list)
    slots: list[int] = field(default_factory=list)
    keys: list[tuple[str, tuple[tuple[str, str], ...]]] = field(default_factory=list)


def _document_jobs(
    state: _Build,
    report: BuildReport,
    language: Language,
    slug: str,
    ctx: RenderContext | None,
    ready: dict[str, bool],
    jobs: _Jobs,
) -> None:
    """Queue (or reuse, or report as skipped or failed) every format of one handout in one language."""
    project, selection = state.project, state.selection
    plan = state.plans[(slug, language.tag)]
    report.warnings.extend(plan.warnings)
    if plan.status != "export" or ctx is None:
        status: Status = "skipped" if plan.status == "skip" else "failed"
        state.results.append(Result(slug, language.tag, "*", status, (), plan.note or plan.reason))
        outcome = Outcome(slug, language.tag, "*", status, (), plan.reason, plan.problems, plan.note)
        state.ordered.fill(state.ordered.slot(), outcome)
        return
    published = state.published_languages(slug, ready)
    for exporter in selection.exporters:
        slot = state.ordered.slot()
        job = keys.document_key(
            plan=plan.key,
            assets=plan.assets,
            exporter=keys.exporter_fingerprint(exporter, ctx),
            context=keys.context_material(ctx, exporter, project.source_dir),
            published_languages=published,
        )
        inputs = state.inputs(slug, language.tag)
        reused = state.reuse_or_run(exporter, slug, language, job, inputs)
        if reused is not None:
            state.ordered.fill(slot, reused)
            continue
        document = state.documents.get((slug, language.tag))
        jobs.tasks.append(DocumentTask(slug, language.tag, exporter.name, published, exporter.cost, document))
        jobs.slots.append(slot)
        jobs.keys.append((job, inputs))


def _run_jobs(state: _Build, jobs: _Jobs) -> None:
    selection = state.selection

    def done(index: int, result: TaskResult) -> None:
        task = jobs.tasks[index]
        name, lang, fmt = task.label
        if result.status == "failed":
            outcome = state.failed(name, lang, fmt, result)
        else:
            exporter = next(e for e in selection.exporters if e.name == fmt)
            language = next(lang_ for lang_ in selection.languages if lang_.tag == lang)
            job, inputs = jobs.keys[index]
            outcome = state.write(exporter, name, language, result.files, job=job, inputs=inputs)
        state.ordered.fill(jobs.slots[index], outcome)

    state.runner.run(list(jobs.tasks), done)


def _collections(
    state: _Build,
    language: Language,
    context: RenderContext,
    tasks: list[Task],
    task_slots: list[int],
    task_keys: list[tuple[str, tuple[tuple[str, str], ...]]],
) -> None:
    """Queue (or reuse) each collection of ``language``: every document exported in it, in order."""
    project, selection = state.project, state.selection
    name = project.config.collection_file_name
    members = [s for s in selection.slugs if state.plans[(s, language.tag)].status == "export"]
    inputs: dict[str, str] = {}
    for slug in selection.slugs:
        inputs.update(state.inputs(slug, language.tag))
    collected = tuple(sorted(inputs.items()))
    for exporter in selection.exporters:
        if not exporter.collection:
            continue
        slot = state.ordered.slot()
        if not members:
            reason = "no document was built in this language"
            state.results.append(Result(name, language.tag, exporter.name, "skipped", (), reason))
            state.ordered.fill(slot, Outcome(name, language.tag, exporter.name, "skipped", reason=reason))
            continue
        job = keys.collection_key(
            members=[(s, state.plans[(s, language.tag)].key, state.plans[(s, language.tag)].assets) for s in members],
            exporter=keys.exporter_fingerprint(exporter, context),
            context=keys.context_material(context, exporter, project.source_dir),
        )
        reused = state.reuse_or_run(exporter, name, language, job, collected)
        if reused is not None:
            state.ordered.fill(slot, reused)
            continue
        shelved = tuple(state.shelved.get((s, language.tag), "") for s in members)
        cost = exporter.cost * len(members)
        tasks.append(CollectionTask(name, language.tag, exporter.name, tuple(members), cost, shelved))
        task_slots.append(slot)
        task_keys.append((job, collected))

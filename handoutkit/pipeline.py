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
The site's home page is made afterwards, from the manifest alone (:mod:`handoutkit.index_page`). What
the build knows while it runs is :class:`~handoutkit.build_state.BuildState`; what it is asked and what
it reports, :mod:`handoutkit.build_report`.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from handoutkit import keys
from handoutkit.build_report import BuildOptions, BuildReport, Outcome, Progress, Status
from handoutkit.build_state import BuildState, OrderedOutcomes
from handoutkit.context import RenderContext
from handoutkit.files import read_digest
from handoutkit.gate import language_gate
from handoutkit.jobs import (
    CollectionTask,
    DocumentTask,
    Task,
    TaskResult,
    Workspace,
    WorkspaceSpec,
    changed_while_read,
    fresh_project,
    shelve,
)
from handoutkit.languages import Language
from handoutkit.manifest import read_manifest
from handoutkit.project import Project
from handoutkit.published import Result, reconcile
from handoutkit.runner import Runner
from handoutkit.selection import Selection
from handoutkit.shards import shard_slugs
from handoutkit.store import Cache, ShardOutput, Store

__all__ = ["DEFAULT_OPTIONS", "BuildOptions", "BuildReport", "Outcome", "build", "default_jobs", "job_count"]

DEFAULT_OPTIONS = BuildOptions()
"""One process, reusing what is up to date, every document, no cache."""


def default_jobs() -> int:
    """Worker processes when ``--jobs`` is not given: the CPUs this process may use (a round of jobs
    too small to be worth a worker still runs in this process, :data:`handoutkit.runner.MIN_PARALLEL_COST`)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def job_count(project: Project, selection: Selection, options: BuildOptions = DEFAULT_OPTIONS) -> int:
    """How many outputs the build reports (a skipped document counts once per format)."""
    slugs = _slugs(project, selection, options)
    collections = 0 if options.shard else sum(1 for e in selection.exporters if e.collection and selection.collections)
    return len(selection.languages) * (len(slugs) * len(selection.exporters) + collections)


def _slugs(project: Project, selection: Selection, options: BuildOptions) -> tuple[str, ...]:
    if options.shard is None:
        return selection.slugs
    weight = sum(e.cost for e in selection.exporters) * len(selection.languages)
    return shard_slugs(selection.slugs, project.source_dir, weight, options.shard)


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
    options: BuildOptions = DEFAULT_OPTIONS,
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
    state = BuildState(project, selection, options, store, OrderedOutcomes(report, progress), runner)
    config = project.root / project.config_display
    state.config_digest = read_digest(config) or keys.file_digest(config)  # of the bytes it was loaded from
    collections = selection.collections and options.shard is None
    with _shelf(collections and any(exporter.collection for exporter in selection.exporters)) as shelf:
        state.shelf = shelf
        try:
            _run(state, report)
        finally:
            runner.close()
    scope = dataclasses.replace(selection, collections=collections)
    results = _per_format(selection, state.results)
    withdrawn, problems = reconcile(project, scope, results, state.plans.values())
    report.withdrawn.extend(withdrawn)
    report.warnings.extend(problems)
    return report


@contextmanager
def _shelf(needed: bool) -> Iterator[Path | None]:
    """A private folder for the translations the collections will read, removed afterwards; None when
    the build makes no collection (a ``--doc`` or ``--shard`` run, or formats without collections)."""
    if not needed:
        yield None
        return
    import tempfile

    with tempfile.TemporaryDirectory(prefix="handoutkit-shelf-") as shelf:
        yield Path(shelf)


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


def _run(state: BuildState, report: BuildReport) -> None:
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
    state: BuildState,
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


def _run_jobs(state: BuildState, jobs: _Jobs) -> None:
    selection = state.selection

    def done(index: int, result: TaskResult) -> None:
        task = jobs.tasks[index]
        name, lang, fmt = task.label
        changed = changed_while_read(dict(jobs.keys[index][1]), result.read)
        if changed:  # made from other bytes than its key says: neither published nor recorded
            result = TaskResult("failed", "its files changed while this build read them", changed)
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
    state: BuildState,
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

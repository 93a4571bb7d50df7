"""What one build knows while it runs: the plans decided, the results written, the outcomes in order,
and how one job's files are written or taken from earlier work (the manifest, the cache, a shard)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from handoutkit import keys
from handoutkit.build_report import BuildOptions, BuildReport, Outcome, Progress
from handoutkit.exporter import OutputFile
from handoutkit.i18n.messages import required_ui_msgids
from handoutkit.jobs import PlanTask, TaskResult, changed_while_read, plan_input_paths
from handoutkit.languages import Language
from handoutkit.manifest import PlanRecord
from handoutkit.model import Document
from handoutkit.output_files import write_job
from handoutkit.project import Project
from handoutkit.published import Result
from handoutkit.registry import Registered
from handoutkit.runner import Runner
from handoutkit.selection import Selection
from handoutkit.store import Store

__all__ = ["BuildState", "OrderedOutcomes"]


class OrderedOutcomes:
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
class BuildState:
    project: Project
    selection: Selection
    options: BuildOptions
    store: Store
    ordered: OrderedOutcomes
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
        """The source and the catalogs (those that exist) a plan reads, with their digests (the
        configuration's is :attr:`config_digest`, part of every job's inputs)."""
        project = self.project
        return {project.display(p): keys.file_digest(p) for p in plan_input_paths(project, slug, language)}

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
            expected = {**self.plan_files[(task.slug, task.lang)], self.project.config_display: self.config_digest}
            changed = changed_while_read(expected, result.read)
            if changed:  # decided on other bytes than its key digests: nothing is built or recorded from it
                reason = "its files changed while this build read them"
                record = PlanRecord(task.slug, task.lang, "", "fail", reason, reason, changed)
            elif result.plan is None:  # the task itself failed: the document fails in that language
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

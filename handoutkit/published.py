"""What ``output/`` publishes: the withdrawal of outputs that went stale, and the manifest's new state.

An output that no longer matches its sources leaves ``output/``: when its document is now skipped in that
language, or when this build could not rebuild it and its recorded inputs have changed, its files are
moved, intact, to ``output/.withdrawn/<lang>/`` (which the index never lists). An output whose inputs did
not change stays published even when this build failed to write it again (a failed write never damages an
earlier output). Only files the manifest (:mod:`handoutkit.manifest`) records, with the digest it
records, are ever moved: a file a user put in ``output/`` (or edited after handoutkit wrote it) is never
touched.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from handoutkit.errors import Problem, ProblemError
from handoutkit.manifest import (
    MANIFEST,
    WITHDRAWN_DIR,
    Key,
    Manifest,
    PlanRecord,
    Published,
    Unavailable,
    read_manifest,
)
from handoutkit.model import Image, Origin
from handoutkit.project import Project
from handoutkit.reader import SOURCE_DIR
from handoutkit.selection import Selection
from handoutkit.walk import iter_blocks
from handoutkit.writer import WriteError, move_aside, remove_file, write_atomic

__all__ = ["SITE_FILES", "Result", "Withdrawal", "document_inputs", "reconcile"]


SITE_FILES: Key = ("", "", "")
"""The :class:`Withdrawal` key of site files (``assets/``) that no published page links any more."""


@dataclass(frozen=True)
class Withdrawal:
    """One output this build took out of ``output/`` (or, keyed :data:`SITE_FILES`, the site files that
    no published page links any more)."""

    name: str
    lang: str
    format: str
    moved: tuple[tuple[str, str], ...]
    """(from, to), relative to ``output/``."""
    note: str


@dataclass(frozen=True)
class Result:
    """One output of this build, as the manifest needs it (the pipeline's outcome, per format)."""

    name: str
    lang: str
    format: str
    status: Literal["built", "skipped", "failed"]
    files: tuple[Path, ...] = ()
    note: str = ""
    job: str = ""
    """The job key it was built with."""
    inputs: tuple[tuple[str, str], ...] | None = None
    """The digests of its inputs (project-relative), when the build knows them; None: read them here."""
    shared: tuple[tuple[str, str], ...] = ()
    pages: tuple[tuple[str, int], ...] = ()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _digest_or_empty(path: Path) -> str:
    """The digest of a regular file; ``''`` for anything else (a named pipe must not block the build)."""
    try:
        return _digest(path) if stat.S_ISREG(os.stat(path).st_mode) else ""
    except OSError:
        return ""


def document_inputs(project: Project, slug: str, lang: str) -> dict[str, str]:
    """The files one document's output in ``lang`` is built from, with their digests (project-relative)."""
    paths = [project.source_dir / f"{slug}.md", project.root / project.config_display]
    try:
        doc = project.document(slug)
    except ProblemError:
        doc = None
    if doc is not None:
        paths.extend(project.source_dir / str(b.src) for b in iter_blocks(doc.blocks) if isinstance(b, Image))
    language = next((lang_ for lang_ in project.config.languages if lang_.tag == lang), None)
    if language is not None and language != project.config.source_language:
        for domain in (slug, "ui"):
            path = project.locales_dir / language.gettext / "LC_MESSAGES" / f"{domain}.po"
            if path.is_file():
                paths.append(path)
    return {project.display(p): _digest_or_empty(p) for p in paths}


def _collection_inputs(project: Project, slugs: Iterable[str], lang: str) -> dict[str, str]:
    inputs: dict[str, str] = {}
    for slug in slugs:
        inputs.update(document_inputs(project, slug, lang))
    return inputs


def _changed(project: Project, published: Published) -> bool:
    return any(_digest_or_empty(project.root / path) != digest for path, digest in published.inputs)


def reconcile(
    project: Project, selection: Selection, results: Sequence[Result], plans: Iterable[PlanRecord] = ()
) -> tuple[list[Withdrawal], list[Problem]]:
    """Record this build's outputs and gate decisions (``plans``) in the manifest and withdraw the stale
    outputs of its selection.

    Outputs outside the selection (another ``--doc``, ``--lang`` or ``--format``) are neither moved nor
    relisted.
    """
    output = project.output_dir
    previous, unreadable = read_manifest(output)
    problems = list(unreadable)
    manifest = Manifest(dict(previous.outputs), dict(previous.unavailable), dict(previous.documents))
    for plan in plans:
        manifest.documents[plan.pair] = plan
    withdrawals: list[Withdrawal] = []
    kept_aside_failed: list[WriteError] = []
    collection = project.config.collection_file_name

    def withdraw(old: Key, paths: Iterable[tuple[str, str]], note: str) -> tuple[str, ...]:
        moved: list[tuple[str, str]] = []
        for relative, digest in paths:
            path = output / relative
            if not path.is_file():
                continue
            if _digest_or_empty(path) != digest:
                problems.append(
                    Problem(
                        "withdraw",
                        Origin(project.display(path), 0),
                        "changed since handoutkit wrote it: left in place, no longer listed",
                        "warning",
                    )
                )
                continue
            aside = f"{WITHDRAWN_DIR}/{relative}"
            try:
                move_aside(path, output / aside, inside=output)
            except WriteError as error:
                # No copy can be kept aside: the stale file is removed all the same, so that it is not
                # published; one output that cannot be withdrawn does not stop the others.
                try:
                    remove_file(path, inside=output)
                except WriteError as failure:
                    message = f"could not be withdrawn ({failure.reason}): it no longer matches its sources"
                    problems.append(Problem("withdraw", Origin(project.display(path), 0), message))
                    continue
                if not kept_aside_failed:
                    kept_aside_failed.append(error)
                    message = (
                        f"no copy of a withdrawn output could be kept ({error.shown}: {error.reason}); "
                        f"stale outputs were removed from {project.display(output)}/ instead"
                    )
                    problems.append(Problem("withdraw", Origin(project.display(output / WITHDRAWN_DIR), 0), message))
                aside = ""
            moved.append((relative, aside))
        if moved:
            withdrawals.append(Withdrawal(*old, tuple(moved), note))
        return tuple(aside for _, aside in moved if aside)

    touched: set[Key] = set()
    for result in results:
        key = (result.name, result.lang, result.format)
        touched.add(key)
        old = previous.outputs.get(key)
        if result.status == "built":
            files = tuple(sorted((p.relative_to(output.resolve()).as_posix(), _digest(p)) for p in result.files))
            if result.inputs is not None:
                inputs = dict(result.inputs)
            elif result.name == collection and result.name not in selection.slugs:
                inputs = _collection_inputs(project, selection.slugs, result.lang)
            else:
                inputs = document_inputs(project, result.name, result.lang)
            manifest.outputs[key] = Published(
                *key, files, tuple(sorted(inputs.items())), result.job, tuple(sorted(result.shared)), result.pages
            )
            manifest.unavailable.pop(key, None)
            for relative, _ in files:
                earlier_copy = output / WITHDRAWN_DIR / relative
                if not earlier_copy.resolve().is_relative_to(output.resolve()):
                    continue  # a link out of output/: nothing of ours is there (withdrawing says so)
                try:
                    remove_file(earlier_copy, inside=output)
                except WriteError as error:
                    problems.append(Problem("withdraw", Origin(error.shown, 0), error.reason, "warning"))
            if old is not None:
                current = {relative for relative, _ in files}
                leftovers = [f for f in old.files if f[0] not in current]
                withdraw(key, leftovers, "no longer made by its exporter")
            continue
        if old is not None and result.status == "failed" and not _changed(project, old):
            continue  # it still matches its inputs: this build's failure does not make it stale
        moved = withdraw(key, old.files, result.note) if old is not None else ()
        earlier = previous.unavailable.get(key)
        if not moved and earlier is not None:  # still withdrawn since an earlier build
            moved = tuple(p for p in earlier.withdrawn if (output / p).is_file())
        manifest.outputs.pop(key, None)
        manifest.unavailable[key] = Unavailable(*key, result.status, result.note, moved)

    for key, old in previous.outputs.items():
        if key in touched:
            continue
        note = _orphan(project, selection, old, collection)
        if note:
            withdraw(key, old.files, note)
            manifest.outputs.pop(key, None)
        elif _changed(project, old):
            # Outside this run's --doc, --lang or --format, but its sources changed since it was built:
            # it no longer matches them, so it is not left published (the next build of it makes it again).
            stale = "out of date: its sources changed since it was built, and this run did not rebuild it"
            if old.name != collection and not (project.source_dir / f"{old.name}.md").is_file():
                stale = f"no handout source/{old.name}.md any more"
            moved = withdraw(key, old.files, stale)
            manifest.outputs.pop(key, None)
            manifest.unavailable[key] = Unavailable(*key, "skipped", "out of date (not rebuilt by this run)", moved)
    for key in list(manifest.unavailable):
        if key not in touched and _orphan(project, selection, manifest.unavailable[key], collection):
            del manifest.unavailable[key]
    for pair in list(manifest.documents):
        if _gone(project, selection, manifest.documents[pair]):
            del manifest.documents[pair]
    # A site file (an image the web pages share) that no published page links any more is stale too: it
    # goes aside with the pages that linked it (whose ../assets/ links still resolve in .withdrawn/).
    linked = {path for published in manifest.outputs.values() for path, _ in published.shared}
    unlinked = {
        entry for published in previous.outputs.values() for entry in published.shared if entry[0] not in linked
    }
    withdraw(SITE_FILES, sorted(unlinked), "no published page links it any more")

    write_atomic(output / MANIFEST, manifest.to_json(), inside=output)
    return withdrawals, problems


def _gone(project: Project, selection: Selection, record: PlanRecord) -> bool:
    """True when a recorded decision is about a handout or language the project no longer has (only a run
    not narrowed in that respect decides)."""
    configured = {language.tag for language in project.config.languages}
    if record.lang not in configured:
        return {language.tag for language in selection.languages} == configured
    return selection.collections and not (project.source_dir / f"{record.name}.md").is_file()


def _orphan(project: Project, selection: Selection, entry: Published | Unavailable, collection: str) -> str:
    """Why an output of an earlier build belongs to nothing any more ('' when it does, or is out of scope).

    Only a run that is not narrowed in that respect decides: without ``--doc`` for a removed handout,
    without ``--lang`` for a removed language; the format must be one this run builds.
    """
    if entry.format not in {e.name for e in selection.exporters}:
        return ""
    configured = {language.tag for language in project.config.languages}
    all_languages = {language.tag for language in selection.languages} == configured
    if entry.lang not in configured:
        return "its language is no longer in handoutkit.toml" if all_languages else ""
    if entry.lang not in {language.tag for language in selection.languages}:
        return ""
    if not selection.collections:  # --doc narrows the run
        return ""
    if entry.name == collection or (project.source_dir / f"{entry.name}.md").is_file():
        return ""
    return f"no handout {SOURCE_DIR}/{entry.name}.md any more"

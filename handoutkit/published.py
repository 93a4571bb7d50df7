"""What ``output/`` publishes: a manifest of every output handoutkit wrote, and the withdrawal of stale ones.

``output/.handoutkit-manifest.json`` records, per output (document or collection, language, format), its
job key (:mod:`handoutkit.keys`), its files and the site files it links with their SHA-256 digests, and
the digests of the inputs it was built from (source, images, catalogs, ``handoutkit.toml``); per document
and language, the gate's decision with its key (:class:`PlanRecord`: the title, the review state and
the problems found, so that an unchanged document is neither translated nor rendered again and the home
page needs no translation); and why a handout is not available in a language. It is sorted and has no
timestamps: the same build gives the same bytes.

An output that no longer matches its sources leaves ``output/``: when its document is now skipped in that
language, or when this build could not rebuild it and its recorded inputs have changed, its files are
moved, intact, to ``output/.withdrawn/<lang>/`` (which the index never lists). An output whose inputs did
not change stays published even when this build failed to write it again (a failed write never damages an
earlier output). Only files the manifest records, with the digest it records, are ever moved: a file a
user put in ``output/`` (or edited after handoutkit wrote it) is never touched.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from handoutkit.errors import Problem, ProblemError
from handoutkit.model import Image, Origin
from handoutkit.project import Project
from handoutkit.reader import SOURCE_DIR
from handoutkit.selection import Selection
from handoutkit.untrusted import excerpt, find_unsafe
from handoutkit.walk import iter_blocks
from handoutkit.writer import WriteError, move_aside, remove_file, write_atomic

__all__ = [
    "MANIFEST",
    "WITHDRAWN_DIR",
    "Manifest",
    "PlanRecord",
    "Published",
    "Result",
    "Unavailable",
    "Withdrawal",
    "document_inputs",
    "read_manifest",
    "reconcile",
]

MANIFEST = ".handoutkit-manifest.json"
"""The manifest's file name in ``output/``."""
WITHDRAWN_DIR = ".withdrawn"
"""Where withdrawn outputs go: ``output/.withdrawn/<lang>/<file>``."""
VERSION = 2

Key = tuple[str, str, str]
"""(document slug or collection file name, BCP 47 tag, format)."""


@dataclass(frozen=True)
class Published:
    """One output in ``output/``: its files (relative to ``output/``) and the inputs it was built from."""

    name: str
    lang: str
    format: str
    files: tuple[tuple[str, str], ...]
    """(path relative to ``output/``, SHA-256), sorted."""
    inputs: tuple[tuple[str, str], ...]
    """(path relative to the project, SHA-256), sorted."""
    job: str = ""
    """The job key it was built with ('' in a manifest written before keys existed: never up to date)."""
    shared: tuple[tuple[str, str], ...] = ()
    """Site files its pages link (``assets/<digest>.svg``), (path relative to ``output/``, SHA-256)."""
    pages: tuple[tuple[str, int], ...] = ()
    """(path relative to ``output/``, number of pages) of the files whose exporter counts pages."""

    @property
    def key(self) -> Key:
        return (self.name, self.lang, self.format)


@dataclass(frozen=True)
class PlanRecord:
    """The gate's decision for one document in one language, with everything a later build reuses."""

    name: str
    lang: str
    key: str
    """The plan key (:func:`handoutkit.keys.plan_key`) it was decided under."""
    status: Literal["export", "skip", "fail"]
    reason: str = ""
    note: str = ""
    problems: tuple[Problem, ...] = ()
    """The errors that make it fail."""
    warnings: tuple[Problem, ...] = ()
    """What the build reports for it besides: rejected translations, review notes."""
    title: str = ""
    title_lang: str = ""
    reviewed: bool = False
    assets: tuple[tuple[str, str], ...] = ()
    """The images it uses, (path relative to the project, SHA-256 when decided)."""
    source_title: str = ""
    """The source's title (the slug when the source cannot be read)."""

    @property
    def pair(self) -> tuple[str, str]:
        return (self.name, self.lang)


@dataclass(frozen=True)
class Unavailable:
    """Why an output is not in ``output/`` (skipped or failed), and where its withdrawn files went."""

    name: str
    lang: str
    format: str
    status: Literal["skipped", "failed"]
    note: str
    """Short, for the index: ``translation 77% complete``, ``its catalog has errors``."""
    withdrawn: tuple[str, ...] = ()
    """Files moved to ``output/.withdrawn/`` (relative to ``output/``) by the build that found it stale."""

    @property
    def key(self) -> Key:
        return (self.name, self.lang, self.format)


@dataclass
class Manifest:
    """Everything ``output/`` publishes, and what it does not publish and why."""

    outputs: dict[Key, Published] = field(default_factory=dict)
    unavailable: dict[Key, Unavailable] = field(default_factory=dict)
    documents: dict[tuple[str, str], PlanRecord] = field(default_factory=dict)
    """The gate's decisions, by (slug, BCP 47 tag)."""

    def to_json(self) -> bytes:
        data = {
            "version": VERSION,
            "documents": [_plan_json(r) for _, r in sorted(self.documents.items())],
            "outputs": [
                {
                    "name": o.name,
                    "lang": o.lang,
                    "format": o.format,
                    "job": o.job,
                    "files": [{"path": p, "sha256": d} for p, d in o.files],
                    "shared": [{"path": p, "sha256": d} for p, d in o.shared],
                    "pages": [{"path": p, "pages": n} for p, n in o.pages],
                    "inputs": [{"path": p, "sha256": d} for p, d in o.inputs],
                }
                for _, o in sorted(self.outputs.items())
            ],
            "unavailable": [
                {
                    "name": u.name,
                    "lang": u.lang,
                    "format": u.format,
                    "status": u.status,
                    "note": u.note,
                    "withdrawn": list(u.withdrawn),
                }
                for _, u in sorted(self.unavailable.items())
            ],
        }
        return (json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


def _problem_json(problem: Problem) -> dict[str, object]:
    return {
        "kind": problem.kind,
        "path": problem.origin.path,
        "line": problem.origin.line,
        "message": problem.message,
        "severity": problem.severity,
    }


def _problem(data: dict[str, object]) -> Problem:
    line = int(str(data["line"]))
    origin = Origin(str(data["path"]), line)
    if data["severity"] == "warning":
        return Problem(str(data["kind"]), origin, str(data["message"]), "warning")
    return Problem(str(data["kind"]), origin, str(data["message"]), "error")


def _plan_json(record: PlanRecord) -> dict[str, object]:
    return {
        "name": record.name,
        "lang": record.lang,
        "key": record.key,
        "status": record.status,
        "reason": record.reason,
        "note": record.note,
        "problems": [_problem_json(p) for p in record.problems],
        "warnings": [_problem_json(p) for p in record.warnings],
        "title": record.title,
        "title_lang": record.title_lang,
        "reviewed": record.reviewed,
        "assets": [{"path": p, "sha256": d} for p, d in record.assets],
        "source_title": record.source_title,
    }


def plan_record(data: dict[str, Any]) -> PlanRecord:
    """A :class:`PlanRecord` from its JSON form (KeyError, TypeError or ValueError when malformed)."""
    status = str(data["status"])
    if status not in ("export", "skip", "fail"):
        raise ValueError(f"unknown status {status!r}")
    return PlanRecord(
        str(data["name"]),
        str(data["lang"]),
        str(data["key"]),
        "export" if status == "export" else "skip" if status == "skip" else "fail",
        str(data["reason"]),
        str(data["note"]),
        tuple(_problem(p) for p in data["problems"]),
        tuple(_problem(p) for p in data["warnings"]),
        _text(data["title"]),
        _text(data["title_lang"]),
        bool(data["reviewed"]),
        tuple((_inside(a["path"]), str(a["sha256"])) for a in data["assets"]),
        _text(data["source_title"]),
    )


def _text(value: object) -> str:
    """A string a record gives the home page, checked like any untrusted text (a tampered manifest, shard
    or cache entry is then not trusted: ValueError)."""
    text = str(value)
    if (unsafe := find_unsafe(text, allow="")) is not None:
        raise ValueError(f"it holds {unsafe.describe()}")
    return text


def plan_json(record: PlanRecord) -> bytes:
    """One :class:`PlanRecord` as canonical JSON bytes (for the shared cache)."""
    return json.dumps(_plan_json(record), sort_keys=True, ensure_ascii=False).encode("utf-8")


@dataclass(frozen=True)
class Withdrawal:
    """One output this build took out of ``output/``."""

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


def _inside(path: object) -> str:
    """A path the manifest records, relative and inside its folder (``output/`` or the project); a
    ValueError for any other (an absolute path, ``..``): the manifest is then not trusted at all."""
    text = str(path)
    parts = PurePosixPath(text).parts
    if not text or text.startswith(("/", "\\")) or "\\" in text or ":" in text or ".." in parts:
        raise ValueError(f"it lists a path outside its folder: {excerpt(text)}")
    return text


def read_manifest(output_dir: Path) -> tuple[Manifest, tuple[Problem, ...]]:
    """The manifest in ``output_dir`` (empty when there is none; a warning when it cannot be read)."""
    path = output_dir / MANIFEST
    if not path.is_file():
        return Manifest(), ()
    try:
        data = json.loads(path.read_text("utf-8"))
        outputs = [
            Published(
                str(o["name"]),
                str(o["lang"]),
                str(o["format"]),
                tuple((_inside(f["path"]), str(f["sha256"])) for f in o["files"]),
                tuple((_inside(f["path"]), str(f["sha256"])) for f in o["inputs"]),
                str(o.get("job", "")),
                tuple((_inside(f["path"]), str(f["sha256"])) for f in o.get("shared", ())),
                tuple((_inside(f["path"]), int(f["pages"])) for f in o.get("pages", ())),
            )
            for o in data["outputs"]
        ]
        documents = [plan_record(d) for d in data.get("documents", ())]
        unavailable = [
            Unavailable(
                str(u["name"]),
                str(u["lang"]),
                str(u["format"]),
                "failed" if u["status"] == "failed" else "skipped",
                str(u["note"]),
                tuple(_inside(p) for p in u["withdrawn"]),
            )
            for u in data["unavailable"]
        ]
    except (OSError, ValueError, KeyError, TypeError, RecursionError) as error:
        reason = " ".join(str(error).split())[:120]
        message = f"the manifest cannot be read ({type(error).__name__}: {reason}); no earlier output is withdrawn"
        return Manifest(), (Problem("manifest", Origin(f"output/{MANIFEST}", 0), message, "warning"),)
    return Manifest({o.key: o for o in outputs}, {u.key: u for u in unavailable}, {d.pair: d for d in documents}), ()


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

    def withdraw(old: Published, paths: Iterable[tuple[str, str]], note: str) -> tuple[str, ...]:
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
            withdrawals.append(Withdrawal(old.name, old.lang, old.format, tuple(moved), note))
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
                withdraw(old, leftovers, "no longer made by its exporter")
            continue
        if old is not None and result.status == "failed" and not _changed(project, old):
            continue  # it still matches its inputs: this build's failure does not make it stale
        moved = withdraw(old, old.files, result.note) if old is not None else ()
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
            withdraw(old, old.files, note)
            manifest.outputs.pop(key, None)
        elif _changed(project, old):
            # Outside this run's --doc, --lang or --format, but its sources changed since it was built:
            # it no longer matches them, so it is not left published (the next build of it makes it again).
            stale = "out of date: its sources changed since it was built, and this run did not rebuild it"
            if old.name != collection and not (project.source_dir / f"{old.name}.md").is_file():
                stale = f"no handout source/{old.name}.md any more"
            moved = withdraw(old, old.files, stale)
            manifest.outputs.pop(key, None)
            manifest.unavailable[key] = Unavailable(*key, "skipped", "out of date (not rebuilt by this run)", moved)
    for key in list(manifest.unavailable):
        if key not in touched and _orphan(project, selection, manifest.unavailable[key], collection):
            del manifest.unavailable[key]
    for pair in list(manifest.documents):
        if _gone(project, selection, manifest.documents[pair]):
            del manifest.documents[pair]

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

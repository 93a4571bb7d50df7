"""The manifest of ``output/``: what every output handoutkit wrote was built from, and how it is stored.

``output/.handoutkit-manifest.json`` records, per output (document or collection, language, format), its
job key (:mod:`handoutkit.keys`), its files and the site files it links with their SHA-256 digests, and
the digests of the inputs it was built from (source, images, catalogs, ``handoutkit.toml``); per document
and language, the gate's decision with its key (:class:`PlanRecord`: the title, the review state and
the problems found, so that an unchanged document is neither translated nor rendered again and the home
page needs no translation); and why a handout is not available in a language. It is sorted and has no
timestamps: the same build gives the same bytes. Read back, every path must stay inside its folder and
every title pass the untrusted-text check, or the whole manifest is set aside with a warning.
:mod:`handoutkit.published` decides, from it, what stays published.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from handoutkit.errors import Problem
from handoutkit.model import Origin
from handoutkit.untrusted import excerpt, find_unsafe

__all__ = [
    "MANIFEST",
    "WITHDRAWN_DIR",
    "Key",
    "Manifest",
    "PlanRecord",
    "Published",
    "Unavailable",
    "inside",
    "plan_json",
    "plan_record",
    "read_manifest",
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
        tuple((inside(a["path"]), str(a["sha256"])) for a in data["assets"]),
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


def inside(path: object) -> str:
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
                tuple((inside(f["path"]), str(f["sha256"])) for f in o["files"]),
                tuple((inside(f["path"]), str(f["sha256"])) for f in o["inputs"]),
                str(o.get("job", "")),
                tuple((inside(f["path"]), str(f["sha256"])) for f in o.get("shared", ())),
                tuple((inside(f["path"]), int(f["pages"])) for f in o.get("pages", ())),
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
                tuple(inside(p) for p in u["withdrawn"]),
            )
            for u in data["unavailable"]
        ]
    except (OSError, ValueError, KeyError, TypeError, RecursionError) as error:
        reason = " ".join(str(error).split())[:120]
        message = f"the manifest cannot be read ({type(error).__name__}: {reason}); no earlier output is withdrawn"
        return Manifest(), (Problem("manifest", Origin(f"output/{MANIFEST}", 0), message, "warning"),)
    return Manifest({o.key: o for o in outputs}, {u.key: u for u in unavailable}, {d.pair: d for d in documents}), ()

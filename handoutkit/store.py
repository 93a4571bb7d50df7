"""Where a job's outputs can come from without running it: ``output/`` itself (the previous build's
manifest), the shared cache (``--cache DIR``) and the outputs of shards being merged.

Every lookup is by job key and checks the bytes against the digests recorded with it, so a file edited
or damaged since is never reused. The cache is content-addressed: ``objects/<ab>/<sha256>`` holds the
bytes, ``jobs/<ab>/<job key>.json`` a job's files (suffix or site path, digest) and ``plans/<ab>/<plan
key>.json`` a gate decision. Objects are written before the entry naming them, each atomically
(:func:`handoutkit.writer.write_atomic`: a temporary file and a rename), so concurrent builds on one file
system never see half an entry, and two writers of one entry write the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from handoutkit.exporter import OutputFile
from handoutkit.manifest import MANIFEST, Manifest, PlanRecord, Published, plan_json, plan_record, read_manifest
from handoutkit.writer import write_atomic

__all__ = ["Cache", "ShardOutput", "Store"]

Key3 = tuple[str, str, str]


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_verified(path: Path, digest: str, root: Path) -> bytes | None:
    """The bytes of ``path`` (inside the folder ``root``) when it is a regular file reached through no
    symbolic link below ``root`` (a link in a shard or the cache is never followed), whose digest is
    ``digest``; else None."""
    try:
        steps = [path, *path.parents]
        if root not in steps or any(step.is_symlink() for step in steps[: steps.index(root)]):
            return None
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        try:
            if not stat.S_ISREG(os.fstat(descriptor).st_mode):
                return None
            with os.fdopen(descriptor, "rb", closefd=False) as opened:
                data = opened.read()
        finally:
            os.close(descriptor)
    except OSError:
        return None
    return data if _sha(data) == digest else None


def _suffix(relative: str, name: str) -> str:
    """``.sms.txt`` of ``es/basic.sms.txt`` for the output named ``basic``."""
    file_name = relative.rsplit("/", 1)[-1]
    return file_name[len(name) :] if file_name.startswith(name) else ""


@dataclass(frozen=True)
class Cache:
    """A shared, content-addressed cache of job results (opt-in: ``--cache DIR``)."""

    root: Path

    def _entry(self, kind: str, key: str) -> Path:
        return self.root / kind / key[:2] / f"{key}.json"

    def _object(self, digest: str) -> Path:
        return self.root / "objects" / digest[:2] / digest

    def files(self, key: str) -> list[OutputFile] | None:
        """The files of the job with ``key``, or None when the cache has not got all of them intact."""
        try:
            entry = json.loads(self._entry("jobs", key).read_text("utf-8"))
            listed = [(str(f["suffix"]), str(f["shared_path"]), str(f["sha256"])) for f in entry["files"]]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        files: list[OutputFile] = []
        for suffix, shared, digest in listed:
            data = _read_verified(self._object(digest), digest, self.root)
            if data is None:
                return None
            files.append(OutputFile(suffix, data, shared_path=shared))
        return files

    def put_files(self, key: str, files: Sequence[OutputFile]) -> None:
        """Record the files of the job with ``key`` (objects first, then the entry)."""
        listed = []
        for file in files:
            digest = _sha(file.data)
            write_atomic(self._object(digest), file.data, inside=self.root)
            listed.append({"suffix": file.suffix, "shared_path": file.shared_path, "sha256": digest})
        entry = json.dumps({"files": listed}, sort_keys=True).encode("utf-8")
        write_atomic(self._entry("jobs", key), entry, inside=self.root)

    def plan(self, key: str) -> PlanRecord | None:
        try:
            return plan_record(json.loads(self._entry("plans", key).read_text("utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put_plan(self, record: PlanRecord) -> None:
        write_atomic(self._entry("plans", record.key), plan_json(record), inside=self.root)


@dataclass(frozen=True)
class ShardOutput:
    """The ``output/`` folder of one shard of a build, read through its manifest."""

    root: Path
    manifest: Manifest

    @classmethod
    def open(cls, root: Path) -> ShardOutput:
        """The shard output at ``root`` (its manifest must be readable: ValueError naming it otherwise)."""
        if not (root / MANIFEST).is_file():
            raise ValueError(f"{root}: no {MANIFEST} (is it a shard's output folder?)")
        manifest, problems = read_manifest(root)
        if problems:
            reason = problems[0].message.replace("; no earlier output is withdrawn", "")
            raise ValueError(f"{root / MANIFEST}: {reason}")
        return cls(root, manifest)

    def files(self, key3: Key3, job: str) -> list[OutputFile] | None:
        published = self.manifest.outputs.get(key3)
        if published is None or not job or published.job != job:
            return None
        files: list[OutputFile] = []
        for relative, digest in published.files:
            data = _read_verified(self.root / relative, digest, self.root)
            if data is None:
                return None
            files.append(OutputFile(_suffix(relative, key3[0]), data))
        for relative, digest in published.shared:
            data = _read_verified(self.root / relative, digest, self.root)
            if data is None:
                return None
            files.append(OutputFile("", data, shared_path=relative))
        return files

    def plan(self, pair: tuple[str, str], key: str) -> PlanRecord | None:
        record = self.manifest.documents.get(pair)
        return record if record is not None and record.key == key else None


@dataclass
class Store:
    """Every place a job's result may be found, in the order they are tried."""

    output: Path
    previous: Manifest
    cache: Cache | None = None
    shards: list[ShardOutput] = field(default_factory=list)

    def up_to_date(self, key3: Key3, job: str) -> Published | None:
        """The earlier output with this job key whose files (and site files) are all still intact."""
        published = self.previous.outputs.get(key3)
        if published is None or not job or published.job != job:
            return None
        for relative, digest in (*published.files, *published.shared):
            if _read_verified(self.output / relative, digest, self.output) is None:
                return None
        return published

    def files(self, key3: Key3, job: str) -> tuple[list[OutputFile], str] | None:
        """The files of a job found in a shard's output or the cache, and where ('shard', 'cache')."""
        for shard in self.shards:
            found = shard.files(key3, job)
            if found is not None:
                return found, "from a shard"
        if self.cache is not None:
            cached = self.cache.files(job)
            if cached is not None:
                return cached, "from the cache"
        return None

    def plan(self, pair: tuple[str, str], key: str) -> PlanRecord | None:
        """A gate decision made under ``key`` (this folder's manifest, a shard's, the cache)."""
        record = self.previous.documents.get(pair)
        if record is not None and record.key == key:
            return record
        for shard in self.shards:
            found = shard.plan(pair, key)
            if found is not None:
                return found
        return self.cache.plan(key) if self.cache is not None else None

"""Installed distributions: names, versions and entry points, read from ``sys.path`` directly.

Every run asks for the exporters' entry points and for the versions that go into the job keys.
:mod:`importlib.metadata` answers both, but importing it costs a text build about a tenth of its time
(it brings the e-mail parser, zip and CSV readers); the folders it reads are simple. So this module
reads the ``*.dist-info`` and ``*.egg-info`` folders (and the ``EGG-INFO`` of an unzipped ``.egg``) of
the directories on ``sys.path`` itself, in path order, the first of a name winning (as
:mod:`importlib.metadata` does; within one directory this module goes in name order, where
:mod:`importlib.metadata` takes the order the directory lists: they differ only for two metadata folders
of one distribution side by side, as an interrupted upgrade can leave), and it leaves the work to
:mod:`importlib.metadata` where it cannot see everything: a ``sys.path`` entry that is a zip file, or a
finder on ``sys.meta_path`` that provides distributions of its own. A file it cannot read or decode is
passed over: one broken distribution must not stop the build (nor, through it, the other exporters).
"""

from __future__ import annotations

import importlib
import os
import re
import sys
import time
from dataclasses import dataclass
from functools import reduce
from pathlib import Path
from typing import Any

__all__ = ["Distribution", "EntryPoint", "distributions", "entry_points", "version"]

_VALUE = re.compile(r"(?P<module>[\w.]+)\s*(?::\s*(?P<attr>[\w.]+)\s*)?(?:\[.*\]\s*)?$")
"""An entry point's value, as :class:`importlib.metadata.EntryPoint` reads it."""


@dataclass(frozen=True)
class Distribution:
    """One installed distribution: its metadata folder, and the name and version that folder records
    (read when first asked for: most runs need the versions of a few distributions only)."""

    path: Path
    folder_name: str
    """The distribution's name as the folder's name spells it (``markdown_it_py``)."""
    recorded: tuple[str, str] | None = None
    """Name and version when known without reading the folder (from :mod:`importlib.metadata`)."""

    @property
    def name(self) -> str:
        return self._fields()[0] or self.folder_name

    @property
    def version(self) -> str:
        return self._fields()[1]

    def _fields(self) -> tuple[str, str]:
        if self.recorded is not None:
            return self.recorded
        fields = _headers(self.path)
        return fields["name"], fields["version"]


@dataclass(frozen=True)
class EntryPoint:
    """One entry point: ``name = module:attribute`` in ``group``, from distribution ``dist``."""

    name: str
    value: str
    group: str
    dist: Distribution | None

    def load(self) -> object:
        """The object the entry point names: ``module``, ``module:attribute.attribute``, either with
        ``[extras]`` after it (ignored, as :mod:`importlib.metadata` ignores them)."""
        match = _VALUE.match(self.value)
        if match is None:
            raise ValueError(f"not an entry point value: {self.value!r} (expected module or module:attribute)")
        found: object = importlib.import_module(match["module"])
        attribute = match["attr"]
        return reduce(getattr, attribute.split("."), found) if attribute else found


def normalized(name: str) -> str:
    """A distribution name as PEP 503 compares them: ``Markdown_It.py`` -> ``markdown_it_py``."""
    return re.sub(r"[-_.]+", "_", name).lower()


def _complete() -> bool:
    """True when the folders on ``sys.path`` are all there is (no zip entry, no finder of distributions
    besides the standard path finder)."""
    if any(os.path.isfile(entry) for entry in sys.path if entry):
        return False
    from importlib.machinery import PathFinder

    return not any(
        finder is not PathFinder and callable(getattr(finder, "find_distributions", None)) for finder in sys.meta_path
    )


def _headers(path: Path) -> dict[str, str]:
    """The ``Name`` and ``Version`` fields of a ``METADATA`` (or ``PKG-INFO``) file in folder ``path``, or
    of ``path`` itself when it is a file (an old ``.egg-info``); '' where missing."""
    fields = {"name": "", "version": ""}
    files = (path,) if path.is_file() else (path / "METADATA", path / "PKG-INFO")
    for file in files:
        try:
            with open(file, encoding="utf-8-sig", errors="replace") as handle:
                for line in handle:
                    if not line.strip():
                        break
                    if line[0] in " \t":  # the continuation of the field before
                        continue
                    key, colon, value = line.partition(":")
                    if colon and key.strip().lower() in fields and not fields[key.strip().lower()]:
                        fields[key.strip().lower()] = value.strip()
            return fields
        except OSError:
            continue
    return fields


def _metadata_folders(base: Path) -> list[Path]:
    """The metadata of the distributions in one ``sys.path`` directory, in name order: its
    ``.dist-info`` folders and ``.egg-info`` folders or files, and the ``EGG-INFO`` of an unzipped egg
    that is itself the entry."""
    if base.name.lower().endswith(".egg") and (base / "EGG-INFO").is_dir():
        return [base / "EGG-INFO"]
    try:
        names = sorted(os.listdir(base))
    except OSError:
        return []
    found = []
    for child in names:
        low = child.lower()
        if not low.endswith((".dist-info", ".egg-info")):
            continue  # most of a site-packages folder: not joined to a path, not looked at
        path = base / child
        if path.is_dir() if low.endswith(".dist-info") else path.exists():
            found.append(path)
    return found


def _folder_name(path: Path) -> str:
    """The distribution name a metadata folder's name (or its egg's) gives: ``markdown_it_py``."""
    stem = path.parent.name if path.name == "EGG-INFO" else path.name
    return stem.rsplit(".", 1)[0].split("-")[0]


_scanned: list[tuple[tuple[tuple[str, int], ...], list[Distribution]]] = []
"""The last scan kept, with the ``sys.path`` folders (absolute) and their modification times it was made for."""

SETTLED = 2.0
"""Seconds since a folder's last change after which a listing of it is kept: a distribution installed or
removed within one tick of the file system's clock (a second or two on some) leaves the same time."""


def _scan() -> list[Distribution]:
    """Every distribution on ``sys.path``, the first of each name only, in path order. A run asks several
    times (entry points, each version in a job key); the folders are listed again unless ``sys.path``
    and every one of its folders are as they were (a distribution installed or removed changes its
    folder's time), and a folder changed in the last :data:`SETTLED` seconds is always listed again."""
    now = time.time()
    seen_path = tuple((os.path.abspath(entry or "."), _modified(entry)) for entry in sys.path)
    if _scanned and _scanned[0][0] == seen_path:
        return list(_scanned[0][1])
    found = _listed()
    settled = all(modified < (now - SETTLED) * 1e9 for _, modified in seen_path)
    _scanned[:] = [(seen_path, found)] if settled else []
    return list(found)


def _modified(entry: str) -> int:
    try:
        return os.stat(entry or ".").st_mtime_ns
    except OSError:
        return -1


def _listed() -> list[Distribution]:
    found: list[Distribution] = []
    seen: set[str] = set()
    for entry in sys.path:
        for path in _metadata_folders(Path(entry or ".")):
            name = _folder_name(path)
            if normalized(name) in seen:
                continue
            seen.add(normalized(name))
            found.append(Distribution(path, name))
    return found


def _fallback() -> list[tuple[Distribution, Any]]:
    """What :mod:`importlib.metadata` finds, first of each name, each with its own distribution object
    (a distribution whose metadata cannot be read is passed over)."""
    from importlib import metadata

    found: list[tuple[Distribution, Any]] = []
    seen: set[str] = set()
    for dist in metadata.distributions():
        try:
            name = str(dist.metadata["Name"] or "")
            key = str(getattr(dist, "_normalized_name", None) or normalized(name))
            found_version = str(dist.version or "")
        except Exception:
            continue
        if key in seen:
            continue
        seen.add(key)
        located = getattr(dist, "_path", None)
        found.append((Distribution(Path(str(located)) if located else Path(), key, (name, found_version)), dist))
    return found


def distributions() -> list[Distribution]:
    """Every installed distribution that :mod:`importlib.metadata` would find, first of each name."""
    if _complete():
        return _scan()
    return [dist for dist, _ in _fallback()]


def version(name: str, installed: list[Distribution] | None = None) -> str | None:
    """The version of distribution ``name``, None when it is not installed (``installed``: a list from
    :func:`distributions`, to look many names up in one scan)."""
    wanted = normalized(name)
    for dist in installed if installed is not None else distributions():
        if normalized(dist.folder_name) == wanted:
            return dist.version
    return None


def _points(text: str, group: str, dist: Distribution | None) -> list[EntryPoint]:
    """The entry points of ``group`` in the text of an ``entry_points.txt`` (an INI file)."""
    points: list[EntryPoint] = []
    current = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].strip()
            continue
        name, equals, value = line.partition("=")
        if equals and current == group:
            points.append(EntryPoint(name.strip(), value.strip(), group, dist))
    return points


def entry_points(group: str) -> list[EntryPoint]:
    """Every entry point of ``group`` of the installed distributions (first distribution of a name); an
    ``entry_points.txt`` that cannot be read is passed over, one that is not UTF-8 read as far as it can."""
    points: list[EntryPoint] = []
    if not _complete():
        for dist, original in _fallback():
            try:
                text = original.read_text("entry_points.txt")
            except Exception:
                continue
            points += _points(text or "", group, dist)
        return points
    for dist in _scan():
        file = dist.path / "entry_points.txt"
        if not file.is_file():
            continue
        try:
            text = file.read_text(encoding="utf-8-sig", errors="replace")
        except OSError:
            continue
        points += _points(text, group, dist)
    return points

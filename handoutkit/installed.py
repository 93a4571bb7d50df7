"""Installed distributions: names, versions and entry points, read from ``sys.path`` directly.

Every run asks for the exporters' entry points and for the versions that go into the job keys.
:mod:`importlib.metadata` answers both, but importing it costs a text build about a tenth of its time
(it brings the e-mail parser, zip and CSV readers); the folders it reads are simple. So this module
reads the ``*.dist-info`` and ``*.egg-info`` folders of the directories on ``sys.path`` itself, in
path order, the first folder of a name winning (as :mod:`importlib.metadata` does), and it leaves the
work to :mod:`importlib.metadata` where it cannot see everything: a ``sys.path`` entry that is a zip
file, or a finder on ``sys.meta_path`` that provides distributions of its own.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from dataclasses import dataclass
from functools import reduce
from pathlib import Path

__all__ = ["Distribution", "EntryPoint", "distributions", "entry_points", "version"]

_SUFFIXES = (".dist-info", ".egg-info")


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
        """The object the entry point names (the module, then each dotted attribute)."""
        module, _, attribute = self.value.partition(":")
        found: object = importlib.import_module(module.strip())
        attribute = attribute.split("[")[0].strip()
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


def _headers(folder: Path) -> dict[str, str]:
    """The ``Name`` and ``Version`` fields of a ``METADATA`` (or ``PKG-INFO``) file ('' where missing)."""
    fields = {"name": "", "version": ""}
    for file in ("METADATA", "PKG-INFO"):
        try:
            with open(folder / file, encoding="utf-8", errors="replace") as handle:
                for line in handle:
                    if not line.strip():
                        break
                    key, colon, value = line.partition(":")
                    if colon and key.strip().lower() in fields and not fields[key.strip().lower()]:
                        fields[key.strip().lower()] = value.strip()
            return fields
        except OSError:
            continue
    return fields


def _scan() -> list[Distribution]:
    """Every distribution on ``sys.path``, the first of each name only, in path order."""
    found: list[Distribution] = []
    seen: set[str] = set()
    for entry in sys.path:
        base = Path(entry or ".")
        try:
            names = sorted(os.listdir(base))
        except OSError:
            continue
        for child in names:
            if not child.endswith(_SUFFIXES):
                continue
            name = child.rsplit(".", 1)[0].split("-")[0]
            key = normalized(name)
            if key in seen or not (base / child).is_dir():
                continue
            seen.add(key)
            found.append(Distribution(base / child, name))
    return found


def distributions() -> list[Distribution]:
    """Every installed distribution that :mod:`importlib.metadata` would find, first of each name."""
    if _complete():
        return _scan()
    from importlib import metadata

    found: list[Distribution] = []
    seen: set[str] = set()
    for dist in metadata.distributions():
        name = dist.metadata["Name"] or ""
        if normalized(name) in seen:
            continue
        seen.add(normalized(name))
        located = getattr(dist, "_path", None)
        found.append(Distribution(Path(str(located)) if located else Path(), name, (name, dist.version)))
    return found


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
    """Every entry point of ``group`` of the installed distributions (first distribution of a name)."""
    if not _complete():
        from importlib import metadata

        return [
            EntryPoint(p.name, p.value, p.group, _from_metadata(p.dist)) for p in metadata.entry_points(group=group)
        ]
    points: list[EntryPoint] = []
    for dist in _scan():
        file = dist.path / "entry_points.txt"
        if not file.is_file():
            continue
        try:
            text = file.read_text(encoding="utf-8")
        except OSError:
            continue
        points += _points(text, group, dist)
    return points


def _from_metadata(dist: object) -> Distribution | None:
    if dist is None:
        return None
    located = getattr(dist, "_path", None)
    name = str(getattr(dist, "name", ""))
    return Distribution(Path(str(located)) if located else Path(), name, (name, str(getattr(dist, "version", ""))))

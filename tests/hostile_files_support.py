"""The fixture of the hostile file-system tests: a copy of ``tests/data/hostile/files/project`` with a
folder of secrets beside it, and a build that checks what every case must hold."""

from __future__ import annotations

import errno
import os
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from handoutkit import files
from tests.conftest import DATA, run_cli

FIXTURE = DATA / "hostile" / "files" / "project"
MARKER = "SECRET-MARKER-7f3a"
"""Written in every file outside the project that a hostile link points at."""

EVERY_OUTPUT = {
    f"{lang}/{name}"
    for lang in ("en", "es")
    for name in ("alpha.txt", "alpha.epub", "beta.txt", "beta.epub", "fixture-handouts.epub")
}
EN_PO = "locales/es/LC_MESSAGES"


@dataclass(frozen=True)
class Hostile:
    """A copy of the fixture project with a folder beside it, outside the project, holding secrets."""

    root: Path
    outside: Path

    def secret(self, name: str, first_line: str = "") -> Path:
        """A file outside the project holding the marker (after ``first_line``, when given)."""
        path = self.outside / name
        path.write_text(f"{first_line}\n{MARKER}\n" if first_line else f"{MARKER}\n", encoding="utf-8")
        return path

    def remove(self, relative: str) -> Path:
        """Remove a file of the project and return its path, to put something else in its place."""
        path = self.root / relative
        path.unlink()
        return path


@dataclass(frozen=True)
class Built:
    """What one build said and left in ``output/``."""

    code: int
    text: str
    outputs: set[str]
    """The files under ``output/<lang>/``, as ``en/alpha.txt``."""


@pytest.fixture(name="hostile")
def hostile_project(tmp_path: Path) -> Hostile:
    """The fixture ``hostile``: test modules import it as ``hostile_project``."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project, ignore=shutil.ignore_patterns("output"))
    outside = tmp_path / "outside"
    outside.mkdir()
    return Hostile(project, outside)


def build(h: Hostile, *args: str, output: Path | None = None, formats: str = "text,epub") -> Built:
    """Build text and EPUB; checks what every case must hold: no traceback, no marker in the messages or
    any output, nothing changed outside the output folder."""
    output = output or h.root / "output"
    top = h.root.parent
    before = _tree(top, output)
    code, text = run_cli(h.root, "--format", formats, *args)
    assert _tree(top, output) == before, "the build wrote outside its output folder"
    assert "Traceback" not in text, text
    assert MARKER not in text, text
    outputs: set[str] = set()
    if output.is_dir() and not output.is_symlink():
        for path in output.rglob("*"):
            if path.is_file():
                assert MARKER.encode() not in _content(path), f"{path} holds the marker"
                relative = path.relative_to(output)
                if len(relative.parts) == 2:
                    outputs.add(relative.as_posix())
    return Built(code, text, outputs)


def _content(path: Path) -> bytes:
    """A file's bytes; for an EPUB (a zip, compressed), every entry's bytes too."""
    data = path.read_bytes()
    if path.suffix == ".epub":
        with zipfile.ZipFile(path) as book:
            data += b"".join(book.read(name) for name in book.namelist())
    return data


def _tree(folder: Path, skip: Path) -> dict[str, str]:
    """Every path under ``folder`` but ``skip`` (links not followed): its kind and content."""
    found: dict[str, str] = {}
    for current, names, file_names in os.walk(folder):
        names[:] = [n for n in names if Path(current) / n != skip]
        for name in names + file_names:
            path = Path(current) / name
            if path == skip:
                continue
            key = path.relative_to(folder).as_posix()
            if path.is_symlink():
                found[key] = "link to " + os.readlink(path)
            elif path.is_file():
                found[key] = path.read_bytes().hex()
            else:
                found[key] = "folder" if path.is_dir() else "other"
    return found


def without(*names: str) -> set[str]:
    return EVERY_OUTPUT - set(names)


def documents(*pairs: str) -> set[str]:
    """Every output of these documents: ``documents("es/alpha")``."""
    return {f"{pair}{suffix}" for pair in pairs for suffix in (".txt", ".epub")}


def refuse_to_open(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """Make opening ``path`` fail as for a file without read permission (root ignores mode 000)."""
    opening = os.open
    refused = path.resolve()

    def open_(file: str | os.PathLike[str], flags: int, *args: int, **kwargs: int) -> int:
        if Path(file).resolve() == refused:
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return opening(file, flags, *args, **kwargs)

    monkeypatch.setattr(files.os, "open", open_)

"""Synthetic projects: N copies of one real handout, with its real catalogs, in every language.

A project of ``count`` handouts holds the repository's ``handoutkit.toml``, its images, its ``ui``
catalogs, and ``count`` copies of ``source/<base>.md`` named ``<base>-001`` ... with a copy of the
base's catalog in every language that has one. Every copy builds exactly like the base, so a figure
per handout is the real handout's cost.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

__all__ = ["BASE", "PoEdit", "Synthetic", "make_project"]

BASE = "stage-4-lung-cancer"
"""The real handout the synthetic projects copy (the longest one)."""


@dataclass(frozen=True)
class Synthetic:
    """A synthetic project on disk."""

    root: Path
    slugs: tuple[str, ...]
    catalog_dirs: tuple[str, ...]
    """The gettext folder names under ``locales/`` (``es``, ``zh_Hans``) that hold a copy of the catalog."""

    @property
    def output(self) -> Path:
        return self.root / "output"

    def source(self, slug: str) -> Path:
        return self.root / "source" / f"{slug}.md"

    def catalog(self, folder: str, slug: str) -> Path:
        return self.root / "locales" / folder / "LC_MESSAGES" / f"{slug}.po"

    def edit(self) -> PoEdit:
        """An edit to the last handout's catalog in the first language whose script has letter case."""
        for folder in self.catalog_dirs:
            try:
                return PoEdit(self.catalog(folder, self.slugs[-1]))
            except ValueError:
                continue
        raise ValueError(f"{self.root}: no catalog has a translation with a word to edit")


def make_project(repo: Path, destination: Path, count: int, base: str = BASE) -> Synthetic:
    """Write a project of ``count`` copies of ``repo``'s handout ``base`` into ``destination`` (made anew)."""
    if count < 1:
        raise ValueError("a synthetic project needs at least one handout")
    text = (repo / "source" / f"{base}.md").read_text(encoding="utf-8")
    if destination.exists():
        shutil.rmtree(destination)
    (destination / "source").mkdir(parents=True)
    shutil.copy(repo / "handoutkit.toml", destination / "handoutkit.toml")
    if (repo / "source" / "images").is_dir():
        shutil.copytree(repo / "source" / "images", destination / "source" / "images")
    slugs = tuple(f"{base}-{number:03d}" for number in range(1, count + 1))
    for slug in slugs:
        (destination / "source" / f"{slug}.md").write_text(text, encoding="utf-8")
    locales = repo / "locales"
    for template in locales.glob("*.pot"):
        if template.stem == base:
            for slug in slugs:
                shutil.copy(template, destination / "locales" / f"{slug}.pot")
        elif template.stem == "ui":
            (destination / "locales").mkdir(exist_ok=True)
            shutil.copy(template, destination / "locales" / template.name)
    folders = []
    for folder in sorted(p for p in locales.iterdir() if (p / "LC_MESSAGES").is_dir()):
        messages = destination / "locales" / folder.name / "LC_MESSAGES"
        messages.mkdir(parents=True)
        ui = folder / "LC_MESSAGES" / "ui.po"
        if ui.is_file():
            shutil.copy(ui, messages / "ui.po")
        catalog = folder / "LC_MESSAGES" / f"{base}.po"
        if catalog.is_file():
            folders.append(folder.name)
            for slug in slugs:
                shutil.copy(catalog, messages / f"{slug}.po")
    return Synthetic(destination, slugs, tuple(folders))


_WORD = re.compile(r"(?<![\w{\[(/.@-])([a-záéíóúñ])([a-záéíóúñ]{5,})(?![\w}\]:/@-])")
"""A lower-case word of six letters or more that is not part of markup, an address or an attribute."""


class PoEdit:
    """A translator's edit to one catalog: the first letter of one word of one translation changes case.

    Each :meth:`apply` toggles it, so every call changes the file (and the outputs made from it) while
    the catalog stays as valid and complete as it was.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        lines = path.read_text(encoding="utf-8").split("\n")
        for number, line in enumerate(lines):
            if not line.startswith('msgstr "') or line == 'msgstr ""' or "](" in line or "{" in line:
                continue
            if (match := _WORD.search(line, len('msgstr "'))) is not None:
                self.line, self.column = number, match.start()
                return
        raise ValueError(f"{path}: no translation with a word to edit")

    def apply(self) -> None:
        lines = self.path.read_text(encoding="utf-8").split("\n")
        line = lines[self.line]
        letter = line[self.column]
        changed = letter.upper() if letter.islower() else letter.lower()
        lines[self.line] = line[: self.column] + changed + line[self.column + 1 :]
        self.path.write_text("\n".join(lines), encoding="utf-8")

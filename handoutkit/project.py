"""A project folder: its configuration, sources, catalogs and output folder, read once and cached."""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from handoutkit.assets import Assets
from handoutkit.config import CONFIG_FILE, Config, load_config
from handoutkit.context import RenderContext
from handoutkit.errors import Problem, ProblemError
from handoutkit.i18n.po import Catalog, catalog_path, read_catalog, usable
from handoutkit.i18n.translate import (
    Coverage,
    Translation,
    plain_text_problem,
    stray_brace_problem,
    translate_document,
    ui_meaning_problem,
)
from handoutkit.languages import Language
from handoutkit.model import Document, Origin
from handoutkit.reader import SLUG, SOURCE_DIR, read_document
from handoutkit.ui import UI_DOMAIN, UiText

__all__ = ["LOCALES_DIR", "OUTPUT_DIR", "Project"]

LOCALES_DIR = "locales"
OUTPUT_DIR = "output"


_RESERVED = frozenset({"ui"})
"""Handout names that would collide: ``ui`` is the interface words' gettext domain."""


@dataclass
class Project:
    """One project folder (``--project DIR``, or the current directory)."""

    root: Path
    config: Config
    _documents: dict[str, Document] = field(default_factory=dict, repr=False)
    _catalogs: dict[tuple[str, str], Catalog | None] = field(default_factory=dict, repr=False)
    _ui: dict[str, tuple[UiText, tuple[Problem, ...]]] = field(default_factory=dict, repr=False)
    _translations: dict[tuple[str, str], Translation] = field(default_factory=dict, repr=False)
    output: Path | None = None
    """The output folder given with ``--output DIR``; None: ``output/`` in the project folder."""
    _badly_named: dict[str, Problem] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, root: Path, schemas: Mapping[str, type | None] | None = None, output: Path | None = None) -> Project:
        """Read the configuration of the project at ``root`` (:class:`ConfigError` if it is wrong).

        ``schemas``: the exporters' options classes by exporter name (``discover_exporters().schemas``);
        None: discover them. ``output``: the output folder given explicitly (``--output``).
        """
        return cls(root=root, config=load_config(root, schemas), output=output)

    @property
    def source_dir(self) -> Path:
        return self.root / SOURCE_DIR

    @property
    def locales_dir(self) -> Path:
        return self.root / LOCALES_DIR

    @property
    def output_dir(self) -> Path:
        return self.output if self.output is not None else self.root / OUTPUT_DIR

    @property
    def config_display(self) -> str:
        return CONFIG_FILE

    def display(self, path: Path) -> str:
        """A path as messages show it: relative to the project folder where possible."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def slugs(self) -> list[str]:
        """Every handout in ``source/``, sorted.

        A ``.md`` file whose name is not a valid slug is listed too, under its name made printable, so
        that it fails alone (:meth:`document` raises the problem naming it) and the others still build.
        """
        self._badly_named = badly_named = {}
        folder = self.source_dir
        if not folder.is_dir():
            return []
        slugs: list[str] = []
        for path in sorted(folder.glob("*.md")):
            if SLUG.match(path.stem):
                slugs.append(path.stem)
                continue
            name = printable(path.stem)
            badly_named[name] = Problem(
                "slug",
                Origin(f"{SOURCE_DIR}/{printable(path.name)}", 0),
                "a handout's file name must be lowercase letters, digits and hyphens (e.g. 'lung-cancer.md'): "
                "rename it to build it",
            )
            slugs.append(name)
        return slugs

    def document(self, slug: str) -> Document:
        """The source document (:class:`ProblemError` listing everything wrong with it)."""
        if slug in self._badly_named:
            raise ProblemError([self._badly_named[slug]])
        if slug in _RESERVED or slug == self.config.collection_file_name:
            what = "the collection's file name ([collection] file_name)" if slug not in _RESERVED else "reserved"
            message = f"the name {slug!r} is {what}: its outputs would overwrite each other; rename the handout"
            raise ProblemError.single("slug", Origin(f"{SOURCE_DIR}/{slug}.md", 0), message)
        if slug not in self._documents:
            self._documents[slug] = read_document(
                self.root, slug, self.config.source_language.tag, limits=self.config.limits
            )
        return self._documents[slug]

    def catalog(self, language: Language, domain: str) -> Catalog | None:
        """The catalog of ``domain`` for ``language``; None if there is none; ProblemError if it is broken."""
        key = (language.gettext, domain)
        if key not in self._catalogs:
            path = catalog_path(self.locales_dir, language.gettext, domain)
            self._catalogs[key] = (
                read_catalog(path, self.display(path), limits=self.config.limits) if _present(path) else None
            )
        return self._catalogs[key]

    def translate(self, slug: str, language: Language) -> Translation:
        """A document in ``language`` (the source itself for the source language), translated once."""
        key = (slug, language.tag)
        if key not in self._translations:
            doc = self.document(slug)
            if language == self.config.source_language:
                self._translations[key] = Translation(doc, Coverage(doc.units_total, doc.units_total, 0, 0), ())
            else:
                self._translations[key] = translate_document(
                    doc,
                    self.catalog(language, slug),
                    language,
                    self.config.do_not_translate,
                    self._ui_catalog(language),
                )
        return self._translations[key]

    def _ui_catalog(self, language: Language) -> Catalog | None:
        """The language's ``ui`` catalog for its reviews (None when broken: its errors fail the language)."""
        try:
            return self.catalog(language, UI_DOMAIN)
        except ProblemError:
            return None

    def ui_text(self, language: Language) -> tuple[UiText, tuple[Problem, ...]]:
        """The interface words of ``language`` and the ui translations that were rejected."""
        if language.tag not in self._ui:
            self._ui[language.tag] = self._load_ui(language)
        return self._ui[language.tag]

    def _load_ui(self, language: Language) -> tuple[UiText, tuple[Problem, ...]]:
        source = self.config.source_language
        if language == source:
            return UiText(language, source), ()
        catalog = self.catalog(language, UI_DOMAIN)
        translations: dict[str, str] = {}
        origins: dict[str, Origin] = {}
        problems: list[Problem] = []
        for entry in catalog.po if catalog is not None else ():
            if not usable(entry):
                continue
            assert catalog is not None
            text = unicodedata.normalize("NFC", entry.msgstr.strip())
            where = catalog.origin(entry)
            problem = (
                stray_brace_problem(entry.msgid, text, where)
                or plain_text_problem(entry.msgid, text, where)
                or ui_meaning_problem(entry.msgid, text, source.tag, language.tag, self.config.do_not_translate, where)
            )
            if problem is not None:
                problems.append(problem)
                continue
            translations[entry.msgid] = text
            origins[entry.msgid] = catalog.origin(entry)
        return UiText(language, source, translations, origins), tuple(problems)

    def context(self, language: Language) -> RenderContext:
        """The render context of one language."""
        ui, _ = self.ui_text(language)
        return RenderContext(
            language=language,
            source_language=self.config.source_language,
            ui=ui,
            settings=self.config.settings_for(language),
            config=self.config,
            assets=Assets(self.source_dir),
        )

    def holds(self, path: Path) -> bool:
        """Whether ``path`` is (or is inside) the project's output, source or locales folder: no place for
        a store of the build's own, such as ``--cache``."""
        target = path.resolve()
        return any(target.is_relative_to(f.resolve()) for f in (self.output_dir, self.source_dir, self.locales_dir))

    def output_problem(self) -> Problem | None:
        """Why the output folder cannot take a build (None: it can), checked before anything is written.

        ``output/`` must resolve inside the project: a symbolic link that leads elsewhere is refused
        (``--output DIR`` says explicitly where to write). A folder given with ``--output`` may be
        anywhere but in the project's ``source/`` or ``locales/``, the project folder or one above it.
        It must be a folder (or not exist yet) that files can be created in.
        """
        shown = self.display(self.output_dir)
        root = self.root.resolve()
        try:
            folder = self.output_dir.resolve()
        except (OSError, RuntimeError):
            return self._output_problem(shown, "is a symbolic link that cannot be followed (a loop?)")
        if self.output is None and (folder == root or not folder.is_relative_to(root)):
            return self._output_problem(
                shown,
                "is a symbolic link that leads outside the project: refused (to build elsewhere, say where with "
                "--output DIR)",
            )
        protected = (root / SOURCE_DIR, root / LOCALES_DIR)
        if root.is_relative_to(folder) or any(folder.is_relative_to(p.resolve()) for p in protected):
            return self._output_problem(
                shown, "would put outputs among the project's own files: choose an empty or new folder"
            )
        if folder.exists() and not folder.is_dir():
            return self._output_problem(shown, "is a file, not a folder: remove it or build elsewhere with --output")
        if folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK):
            return self._output_problem(shown, "is read-only: no file can be created in it")
        return None

    def _output_problem(self, shown: str, message: str) -> Problem:
        return Problem("output-folder", Origin(shown, 0), f"the output folder {message}")

    def output_path(self, language: Language, name: str) -> Path:
        """``output/<lang>/<name>``, refusing any name that would leave ``output/``."""
        base = self.output_dir.resolve()
        path = (base / language.tag / name).resolve()
        if not path.is_relative_to(base / language.tag) or "/" in name or "\\" in name:
            raise ProblemError.single("output-path", Origin(name, 0), f"{name!r} would be written outside output/")
        return path


def printable(name: str) -> str:
    """A file name as messages can show it: control, format and undecodable characters escaped."""
    return "".join(
        c if c.isprintable() and unicodedata.category(c) not in ("Cf", "Cs") else f"\\u{ord(c):04x}" for c in name
    )


def _present(path: Path) -> bool:
    """Whether ``path`` is there to be read: a broken symbolic link is (reading it says what is wrong)."""
    return path.exists() or path.is_symlink()

"""The translators' loop: extract -> .pot -> update each .po (or init a new one) -> compile."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polib

from handoutkit.errors import Problem, ProblemError
from handoutkit.exporter import CatalogHints
from handoutkit.files import read_input
from handoutkit.i18n.conventions import line_break_problems, plural_forms_problems
from handoutkit.i18n.merge import EntryHint, merge_catalog, new_catalog, template
from handoutkit.i18n.messages import CatalogMessage, document_messages, ui_catalog_messages, ui_messages_of
from handoutkit.i18n.msgfmt import msgfmt_problems
from handoutkit.i18n.po import catalog_path, format_po, read_catalog
from handoutkit.languages import Language
from handoutkit.model import Origin
from handoutkit.project import Project
from handoutkit.registry import Registered
from handoutkit.ui import UI_DOMAIN
from handoutkit.writer import WriteError, write_atomic

__all__ = ["CatalogReport", "compile_catalogs", "domains", "entry_hint", "extract", "init_language", "update"]


@dataclass
class CatalogReport:
    """What a catalog command did."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


def domains(project: Project) -> list[str]:
    """Every gettext domain: one per handout, then ``ui``."""
    return [*project.slugs(), UI_DOMAIN]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)


def _save(project: Project, path: Path, po: polib.POFile, report: CatalogReport) -> None:
    """Write one catalog or template; a refused or failed write is a problem of that file alone."""
    _put(project, path, format_po(po).encode("utf-8"), report)


def _put(project: Project, path: Path, data: bytes, report: CatalogReport) -> None:
    # Confined to the project, not to locales/: a locales/ that is a link out of the project is refused
    # for writing as it is for reading.
    try:
        written = write_atomic(path, data, inside=project.root)
    except WriteError as error:
        report.problems.append(Problem("write", Origin(project.display(path), 0), error.reason))
        return
    (report.written if written else report.unchanged).append(path)


def _template_messages(
    project: Project, exporters: Sequence[Registered], report: CatalogReport
) -> dict[str, list[CatalogMessage]]:
    """The messages of every domain whose source can be read (problems go to the report)."""
    result: dict[str, list[CatalogMessage]] = {}
    for slug in project.slugs():
        try:
            result[slug] = document_messages(project.document(slug))
        except ProblemError as error:
            report.problems.extend(error.problems)
    messages = ui_messages_of(exporters)
    result[UI_DOMAIN] = ui_catalog_messages(messages, project.config_display, project.config.collection_title)
    return result


def _write_templates(
    project: Project, exporters: Sequence[Registered], report: CatalogReport
) -> dict[str, polib.POFile]:
    """Write ``locales/<domain>.pot`` for every readable domain; return the templates by domain.

    A template whose messages did not change is left as it is (its creation date too).
    """
    pots: dict[str, polib.POFile] = {}
    for domain, messages in _template_messages(project, exporters, report).items():
        path = project.locales_dir / f"{domain}.pot"
        pot = template(messages, domain, _now())
        pots[domain] = pot
        if path.exists() or path.is_symlink():
            try:  # the earlier template, read like any input: a link out of the project is refused
                earlier = read_input(path, project.display(path), root=project.root)
                created = polib.pofile(earlier.decode("utf-8"), wrapwidth=0).metadata.get("POT-Creation-Date")
            except ProblemError as error:
                report.problems.extend(error.problems)
                continue
            except (OSError, ValueError):  # not a template any more (edited by hand): written anew
                earlier, created = b"", None
            fresh = pot.metadata["POT-Creation-Date"]
            pot.metadata["POT-Creation-Date"] = created or fresh
            if format_po(pot).encode("utf-8") == earlier:
                report.unchanged.append(path)
                continue
            pot.metadata["POT-Creation-Date"] = fresh
        _save(project, path, pot, report)
    return pots


def extract(project: Project, exporters: Sequence[Registered]) -> CatalogReport:
    """Write ``locales/<domain>.pot`` for every domain whose source can be read."""
    report = CatalogReport()
    _write_templates(project, exporters, report)
    return report


def entry_hint(project: Project, exporters: Sequence[Registered], language: Language, domain: str) -> EntryHint | None:
    """What the exporters add to the entries of ``domain``'s catalog in ``language`` (their
    ``catalog_hints`` hooks, e.g. the SMS budgets), as one hint; None when none adds anything.

    Only a handout's domain has hints. A source that cannot be read, or a ``ui`` catalog so broken
    that the language has no render context, gives none this time: its own problems are reported
    where it is read.
    """
    if domain not in project.slugs():
        return None
    try:
        doc = project.document(domain)
        ctx = project.context(language)
    except ProblemError:
        return None
    hooks: list[CatalogHints] = [h for e in exporters if (h := e.catalog_hints(doc, ctx)) is not None]
    if not hooks:
        return None

    def hint(entry: polib.POEntry) -> tuple[str, tuple[str, ...]] | None:
        current = entry.msgstr if entry.msgstr.strip() and "fuzzy" not in entry.flags else None
        notes = [note for hook in hooks if (note := hook(entry.msgid, current)) is not None]
        if not notes:
            return None
        return "\n".join(n.note for n in notes if n.note), tuple(flag for n in notes for flag in n.flags)

    return hint


def update(project: Project, exporters: Sequence[Registered], languages: Sequence[Language]) -> CatalogReport:
    """Extract, then merge each template into every existing catalog of ``languages``."""
    report = CatalogReport()
    for domain, pot in _write_templates(project, exporters, report).items():
        for language in languages:
            if language == project.config.source_language:
                continue
            path = catalog_path(project.locales_dir, language.gettext, domain)
            if not path.exists():
                report.notes.append(f"{project.display(path)}: no catalog yet (run: init --lang {language.tag})")
                continue
            try:
                catalog = read_catalog(path, project.display(path), limits=project.config.limits)
            except ProblemError as error:
                report.problems.extend(error.problems)
                continue
            _save(
                project, path, merge_catalog(catalog.po, pot, entry_hint(project, exporters, language, domain)), report
            )
    return report


def init_language(project: Project, exporters: Sequence[Registered], language: Language) -> CatalogReport:
    """Create the catalogs of a new language (existing ones are left alone)."""
    report = CatalogReport()
    if language == project.config.source_language:
        report.problems.append(
            Problem(
                "init", Origin(project.config_display, 0), f"{language.tag} is the source language: it has no catalogs"
            )
        )
        return report
    for domain, pot in _write_templates(project, exporters, report).items():
        path = catalog_path(project.locales_dir, language.gettext, domain)
        if path.exists():
            report.notes.append(f"{project.display(path)}: exists already (use update)")
            continue
        po = new_catalog(pot, language, domain, _now())
        hint = entry_hint(project, exporters, language, domain)
        if hint is not None:
            po = merge_catalog(po, pot, hint)
        _save(project, path, po, report)
    if language not in project.config.languages:
        report.notes.append(f"add {language.tag!r} to 'languages' in handoutkit.toml to build it")
    return report


def compile_catalogs(project: Project, languages: Sequence[Language]) -> CatalogReport:
    """Write a .mo beside every .po, for other gettext tools (the export itself reads the .po files)."""
    report = CatalogReport()
    for language in languages:
        for domain in domains(project):
            path = catalog_path(project.locales_dir, language.gettext, domain)
            if not path.exists():
                continue
            try:
                catalog = read_catalog(path, project.display(path), limits=project.config.limits)
            except ProblemError as error:
                report.problems.extend(error.problems)
                continue
            # A catalog GNU gettext or Babel's plural rules refuse gets no .mo: gettext users would fail on it.
            refused = [
                p
                for p in (
                    *msgfmt_problems(
                        read_input(path, catalog.display, root=project.root, limit=project.config.limits.catalog_bytes),
                        catalog.display,
                    ),
                    *plural_forms_problems(catalog, language.gettext),
                    *line_break_problems(catalog),
                )
                if p.severity == "error"
            ]
            if refused:
                report.problems.extend(refused)
                continue
            mo = path.with_suffix(".mo")
            _put(project, mo, bytes(catalog.po.to_binary()), report)
    return report

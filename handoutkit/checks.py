"""``check``: every problem the core and the exporters can see, each with its file and line, and what
the build will do with each document in each language (export, skip or fail, and why).

Errors (exit non-zero): a source that cannot be read, a catalog that cannot be read or that GNU
``msgfmt --check`` refuses (its findings keep their line), a wrong or broken ``Plural-Forms`` header, a
msgstr whose line breaks at its ends differ from its msgid's, a translation that would be rejected (raw
HTML, other link targets, other placeholders), an exporter's error (an SMS over budget, a character no
font has). Warnings: untranslated and fuzzy entries, stale templates, msgfmt's warnings.

The verdicts come from :mod:`handoutkit.gate`, the rules the build itself follows.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from dataclasses import dataclass, field

from handoutkit.errors import Problem, ProblemError
from handoutkit.files import read_input
from handoutkit.gate import Decision, DocumentPlan, FormatVerdict, document_plan, format_verdict, language_gate
from handoutkit.i18n.conventions import header_problems, line_break_problems, plural_forms_problems
from handoutkit.i18n.messages import required_ui_msgids
from handoutkit.i18n.msgfmt import msgfmt_problems
from handoutkit.i18n.po import Catalog, catalog_path, locale_folder, missing_catalog_advice, usable
from handoutkit.languages import Language, LanguageError, old_code_for, parse_language
from handoutkit.model import Document, Origin
from handoutkit.project import Project
from handoutkit.readability import reading_level, reading_level_line, reading_level_problems
from handoutkit.review import review_problems
from handoutkit.selection import Selection
from handoutkit.ui import UI_DOMAIN
from handoutkit.walk import document_units

__all__ = ["CheckReport", "Verdict", "check_project", "check_report", "summarize"]


@dataclass(frozen=True)
class Verdict:
    """What the build will do with one document in one language, and every reason."""

    slug: str
    lang: str
    status: Decision
    """``fail`` when the document or any of its formats fails, else ``skip`` or ``export``."""
    reasons: tuple[str, ...] = ()
    exports: tuple[str, ...] = ()
    """The formats it would be exported in."""

    def __str__(self) -> str:
        exports = f"{'; would export' if self.reasons else ''} {', '.join(self.exports)}" if self.exports else ""
        reasons = f": {'; '.join(self.reasons)}" if self.reasons else ""
        return f"{self.lang} {self.slug}: {self.status}{reasons}{exports}"


@dataclass
class CheckReport:
    """Every problem, and the verdict of each selected document in each selected language."""

    problems: list[Problem] = field(default_factory=list)
    verdicts: list[Verdict] = field(default_factory=list)
    reading_levels: list[str] = field(default_factory=list)
    """One line per document and language: its reading-level figures (:mod:`handoutkit.readability`)."""


def check_project(project: Project, selection: Selection) -> list[Problem]:
    """All problems of the selected documents, languages and formats."""
    return check_report(project, selection).problems


def check_report(project: Project, selection: Selection) -> CheckReport:
    """All problems of the selected documents, languages and formats, and the build's verdicts."""
    report = CheckReport()
    problems = report.problems
    documents: dict[str, Document] = {}
    for slug in selection.slugs:
        try:
            documents[slug] = project.document(slug)
        except ProblemError as error:
            problems.extend(error.problems)
            continue
        pot = project.locales_dir / f"{slug}.pot"
        if not pot.exists():
            problems.append(
                Problem("template", Origin(project.display(pot), 0), "no template yet (run: extract)", "warning")
            )

    for language in selection.languages:
        if language != project.config.source_language:
            problems.extend(_ui_problems(project, selection, language))
        gate = language_gate(project, selection, language)
        for slug in selection.slugs:
            plan = document_plan(project, selection, slug, language, gate)
            formats: list[FormatVerdict] = []
            if slug in documents:
                problems.extend(_language_problems(project, selection, documents[slug], language, plan, formats))
                problems.extend(_reading_level(project, plan, report))
            report.verdicts.append(_verdict(plan, formats))
    problems.extend(_msgfmt_findings(project, selection, list(documents), problems))
    problems.extend(unread_locale_folders(project))
    return report


def unread_locale_folders(project: Project) -> list[Problem]:
    """Warnings for folders of ``locales/`` named for a language that the build does not read: another
    spelling beside the one it reads (``zh-Hans/`` beside ``zh_Hans/``), an old code (``iw/``), or a
    language not in ``languages``: a translator's work there would otherwise be lost without a word."""
    locales = project.locales_dir
    try:
        names = sorted(n for n in os.listdir(locales) if not n.startswith(".") and (locales / n).is_dir())
    except OSError:
        return []
    configured = [lang for lang in project.config.languages if lang != project.config.source_language]
    read = {locale_folder(locales, lang.gettext): lang for lang in configured}
    found: list[Problem] = []
    for name in names:
        if name in read:
            continue
        try:
            language = parse_language(name)
        except LanguageError:
            modern = old_code_for(name)
            if modern is None:
                continue
            reason = f"is named by an old code for {modern}"
        else:
            reason = f"holds {language.tag}"
            if language in configured:
                reason += f", whose catalogs are read from {locales.name}/{locale_folder(locales, language.gettext)}/"
            elif language != project.config.source_language:
                reason += ", which is not in 'languages' in handoutkit.toml"
            else:
                reason += ", the source language"
        where = Origin(project.display(locales / name), 0)
        found.append(Problem("locale-folder", where, f"not read: this folder {reason}", "warning"))
    return found


def _msgfmt_findings(
    project: Project, selection: Selection, slugs: Sequence[str], ours: Sequence[Problem]
) -> list[Problem]:
    """``msgfmt --check`` of every selected catalog, less what an error of ours already says at that line."""
    found: list[Problem] = []
    for language in selection.languages:
        if language == project.config.source_language:
            continue
        for domain in (UI_DOMAIN, *slugs):
            path = catalog_path(project.locales_dir, language.gettext, domain)
            if not path.is_file():
                continue
            display = project.display(path)
            try:  # a catalog refused here (a link out of the project, too large) is reported by its reading
                data = read_input(path, display, root=project.root, limit=project.config.limits.catalog_bytes)
            except ProblemError:
                continue
            mine = [p for p in ours if p.origin.path == display]
            found.extend(_new_findings(mine, msgfmt_problems(data, display)))
    return found


def _reading_level(project: Project, plan: DocumentPlan, report: CheckReport) -> list[Problem]:
    """The document's reading level in the plan's language (a line of the report) and its warning."""
    if plan.translation is None:
        return []
    doc, language = plan.translation.document, plan.language
    level = reading_level(doc)
    report.reading_levels.append(f"{language.tag} {plan.slug}: {reading_level_line(level, language.tag)}")
    if language == project.config.source_language:
        where = Origin(doc.path, 0)
    else:
        where = Origin(project.display(catalog_path(project.locales_dir, language.gettext, plan.slug)), 0)
    config = project.config
    return reading_level_problems(level, where, max_grade=config.max_grade, min_inflesz=config.min_inflesz)


def _verdict(plan: DocumentPlan, formats: Sequence[FormatVerdict]) -> Verdict:
    reasons = [plan.reason] if plan.reason else []
    for verdict in formats:
        if verdict.errors:
            count = len(verdict.errors)
            reasons.append(f"{verdict.format}: {verdict.reason} ({count} error{'s' if count > 1 else ''})")
    exports = tuple(v.format for v in formats if not v.errors) if plan.status == "export" else ()
    failing = plan.status == "fail" or any(v.errors for v in formats)
    status: Decision = "fail" if failing else plan.status
    return Verdict(plan.slug, plan.language.tag, status, tuple(reasons), exports)


def _catalog(project: Project, language: Language, domain: str, problems: list[Problem]) -> Catalog | None:
    path = catalog_path(project.locales_dir, language.gettext, domain)
    found: list[Problem] = []
    try:
        catalog = project.catalog(language, domain)
    except ProblemError as error:
        found.extend(error.problems)
        catalog = None
    if catalog is not None:
        found.extend(plural_forms_problems(catalog, language.gettext))
        found.extend(header_problems(catalog, language.gettext))
        found.extend(line_break_problems(catalog))
    problems.extend(found)
    if catalog is None and path.is_file():
        return None
    if catalog is None:
        path = catalog_path(project.locales_dir, language.gettext, domain)
        problems.append(
            Problem(
                "no-catalog",
                Origin(project.display(path), 0),
                f"no {language.tag} catalog ({missing_catalog_advice(project.locales_dir, language)})",
                "warning",
            )
        )
    return catalog


def _new_findings(ours: Sequence[Problem], msgfmt: Sequence[Problem]) -> list[Problem]:
    """msgfmt's findings less those an error of ours already reports at that line (ours says more)."""
    lines = {p.origin.line for p in ours if p.severity == "error"}
    plural = any(p.kind == "plural-forms" and p.severity == "error" for p in ours)
    return [
        p
        for p in msgfmt
        if not (p.severity == "error" and p.origin.line in lines) and not (plural and "plural" in p.message)
    ]


def _language_problems(
    project: Project,
    selection: Selection,
    doc: Document,
    language: Language,
    plan: DocumentPlan,
    formats: list[FormatVerdict],
) -> list[Problem]:
    """The problems of ``doc`` in ``language``; fills ``formats`` with each exporter's verdict."""
    problems: list[Problem] = []
    if language != project.config.source_language:
        catalog = _catalog(project, language, doc.slug, problems)
        if catalog is None:
            return problems
        entries = catalog.entries
        for unit in document_units(doc):
            entry = entries.get(unit.msgid)
            if entry is None:
                problems.append(
                    Problem(
                        "untranslated",
                        unit.origin,
                        f"not in {catalog.display} (run: update): {_short(unit.msgid)}",
                        "warning",
                    )
                )
            elif "fuzzy" in entry.flags and entry.msgstr.strip():
                problems.append(
                    Problem("fuzzy", catalog.origin(entry), f"fuzzy translation: {_short(unit.msgid)}", "warning")
                )
            elif not usable(entry):
                problems.append(
                    Problem("untranslated", catalog.origin(entry), f"untranslated: {_short(unit.msgid)}", "warning")
                )
    if plan.translation is None:  # the catalog cannot be read (its problems are reported already)
        return problems
    # A translation the build would reject (and replace by the source text) is an error here.
    problems.extend(dataclasses.replace(p, severity="error") for p in plan.translation.problems)
    translated = plan.translation.document
    problems.extend(review_problems(translated.review))
    ctx = project.context(language)
    for exporter in selection.exporters:
        verdict = format_verdict(exporter, translated, ctx)
        formats.append(verdict)
        problems.extend(verdict.problems)
    return problems


def _ui_problems(project: Project, selection: Selection, language: Language) -> list[Problem]:
    problems: list[Problem] = []
    catalog = _catalog(project, language, UI_DOMAIN, problems)
    if catalog is None:
        return problems
    entries = catalog.entries
    for msgid in required_ui_msgids(project.config.collection_title, selection.exporters):
        entry = entries.get(msgid)
        if entry is None or not entry.msgstr.strip():
            where = catalog.origin(entry) if entry is not None else Origin(catalog.display, 0)
            problems.append(Problem("untranslated", where, f"untranslated: {_short(msgid)}", "warning"))
            continue
        if "fuzzy" in entry.flags:
            problems.append(Problem("fuzzy", catalog.origin(entry), f"fuzzy translation: {_short(msgid)}", "warning"))
    _, rejected = project.ui_text(language)
    problems.extend(dataclasses.replace(p, severity="error") for p in rejected)
    return problems


def _short(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= width else flat[: width - 1] + "…")


def summarize(problems: Sequence[Problem]) -> tuple[int, int]:
    """(errors, warnings)."""
    errors = sum(1 for p in problems if p.severity == "error")
    return errors, len(problems) - errors

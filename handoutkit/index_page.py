"""``output/index.html``: the site's home page, made from the build's manifest alone.

When an exporter that makes a home page (``render_site``, the web edition's) is selected or has outputs
in ``output/``, the page is its own, from :class:`~handoutkit.exporter.SiteRecord` s; otherwise it is
this module's accessible list of every document, language and file. Either way nothing is translated
again: titles, review states and reasons come from the manifest (:mod:`handoutkit.manifest`), and
interface words from the ``ui`` catalogs.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Sequence

from handoutkit.context import RenderContext
from handoutkit.errors import ProblemError
from handoutkit.exporter import SiteFile, SiteRecord
from handoutkit.index_html import IndexDocument, IndexEntry, IndexFile, index_html
from handoutkit.languages import Language, parse_language, text_direction
from handoutkit.manifest import Manifest, read_manifest
from handoutkit.project import Project
from handoutkit.registry import Registered

__all__ = ["render_index", "site_records"]

_MEDIA_TYPES = {".epub": "application/epub+zip", ".txt": "text/plain", ".json": "application/json"}


def human_size(size: int) -> str:
    """``843 bytes``, ``12 KB``, ``1.4 MB``."""
    if size < 1000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{size / 1000:.0f} KB"
    return f"{size / 1_000_000:.1f} MB"


def _label(exporter: Registered, suffix: str) -> str:
    label = getattr(exporter.exporter, "label", "") or exporter.name.upper()
    labels = getattr(exporter.exporter, "suffix_labels", {}) or {}
    return str(labels.get(suffix, label))


def _files(
    project: Project, manifest: Manifest, tag: str, name: str, exporters: Sequence[Registered], *, collection: bool
) -> list[IndexFile]:
    """The files of ``name`` in ``tag`` that the manifest publishes (a user's own files are never listed)."""
    files: list[IndexFile] = []
    for exporter in exporters:
        if collection and not exporter.collection:
            continue
        published = manifest.outputs.get((name, tag, exporter.name))
        recorded = {path for path, _ in published.files} if published is not None else set()
        for suffix in exporter.suffixes:
            href = f"{tag}/{name}{suffix}"
            path = project.output_dir / href
            if href in recorded and path.is_file():
                media = _MEDIA_TYPES.get(suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                note = exporter.index_note(parse_language(tag))
                files.append(IndexFile(href, _label(exporter, suffix), human_size(path.stat().st_size), media, note))
    return files


def _notes(
    manifest: Manifest, tag: str, name: str, exporters: Sequence[Registered], *, collection: bool, has_files: bool
) -> list[str]:
    """Why ``name`` (or some of its formats) is not available in ``tag``: one sentence per distinct reason
    (naming the formats when some are available, or the reasons differ)."""
    missing: dict[tuple[str, bool], list[str]] = {}
    considered = [e for e in exporters if e.collection or not collection]
    for exporter in considered:
        entry = manifest.unavailable.get((name, tag, exporter.name))
        if entry is not None:
            label = getattr(exporter.exporter, "label", "") or exporter.name.upper()
            missing.setdefault((entry.note, bool(entry.withdrawn)), []).append(str(label))
    notes = []
    for (note, withdrawn), labels in missing.items():
        what = "Withdrawn" if withdrawn else "Not available"
        which = f" ({', '.join(labels)})" if len(missing) > 1 or has_files else ""
        notes.append(f"{what}{which}: {note}.")
    return notes


def _availability(
    project: Project, manifest: Manifest, tag: str, name: str, exporters: Sequence[Registered], *, collection: bool
) -> tuple[list[IndexFile], list[str]]:
    """The published files of ``name`` in ``tag``, and why the others are not available."""
    files = _files(project, manifest, tag, name, exporters, collection=collection)
    return files, _notes(manifest, tag, name, exporters, collection=collection, has_files=bool(files))


def _entry(language: Language, title: str, title_lang: str, files: list[IndexFile], notes: list[str]) -> IndexEntry:
    """One language of one document (or of the collection) on the page."""
    return IndexEntry(
        tag=language.tag,
        dir=language.direction,
        english_name=language.english_name,
        native_name=language.native_name,
        title=title,
        title_lang=title_lang,
        title_dir=text_direction(title_lang),
        files=files,
        notes=notes,
    )


def _title(manifest: Manifest, slug: str, language: Language) -> tuple[str, str]:
    """The document's title in ``language`` and the language it is in, as the manifest records them
    ('' when no build has read it)."""
    record = manifest.documents.get((slug, language.tag))
    if record is None or not record.title:
        return "", language.tag
    return record.title, record.title_lang


def _source_title(manifest: Manifest, slug: str) -> str:
    """The source's title as any language's record has it (the slug when none has)."""
    titles = sorted(r.source_title for (name, _), r in manifest.documents.items() if name == slug and r.source_title)
    return titles[0] if titles else slug


def _collection_title(project: Project, language: Language) -> tuple[str, str]:
    """The collection's title in ``language`` (the source title when the ui catalog cannot be read)."""
    title = project.config.collection_title
    try:
        ui, _ = project.ui_text(language)
    except ProblemError:
        return title, project.config.source_language.tag
    return ui(title), ui.lang(title)


def _site_exporter(
    manifest: Manifest, exporters: Sequence[Registered], selected: Sequence[Registered]
) -> Registered | None:
    """The exporter whose home page the site gets: the first selected one with ``render_site``, else the
    first one the manifest has outputs of."""
    for exporter in (*selected, *exporters):
        if exporter.site and (exporter in selected or any(k[2] == exporter.name for k in manifest.outputs)):
            return exporter
    return None


def site_records(project: Project, manifest: Manifest, exporters: Sequence[Registered]) -> list[SiteRecord]:
    """What ``output/`` publishes, per language (configuration order) and handout (then the collection),
    as the manifest records it; a handout with no published file in a language is left out there."""
    records: list[SiteRecord] = []
    name = project.config.collection_file_name
    for language in project.config.languages:
        for slug in project.slugs():
            files = _site_files(manifest, language, slug, exporters)
            record = manifest.documents.get((slug, language.tag))
            if files and record is not None:
                records.append(SiteRecord(language, slug, record.title, record.title_lang, record.reviewed, files))
        files = _site_files(manifest, language, name, exporters, collection=True)
        if files:
            title, title_lang = _collection_title(project, language)
            members = [r for (_, tag), r in sorted(manifest.documents.items()) if tag == language.tag]
            reviewed = bool(members) and all(r.reviewed for r in members if r.status == "export")
            records.append(SiteRecord(language, name, title, title_lang, reviewed, files, collection=True))
    return records


def _site_files(
    manifest: Manifest, language: Language, name: str, exporters: Sequence[Registered], *, collection: bool = False
) -> tuple[SiteFile, ...]:
    files: list[SiteFile] = []
    for exporter in exporters:
        if collection and not exporter.collection:
            continue
        published = manifest.outputs.get((name, language.tag, exporter.name))
        if published is None:
            continue
        recorded = {path for path, _ in published.files}
        pages = dict(published.pages)
        note = exporter.index_note(language)
        for suffix in exporter.suffixes:
            href = f"{language.tag}/{name}{suffix}"
            if href in recorded:
                files.append(SiteFile(href, exporter.name, suffix, _label(exporter, suffix), pages.get(href), note))
    return tuple(files)


def _site_page(project: Project, exporter: Registered, manifest: Manifest, exporters: Sequence[Registered]) -> bytes:
    contexts: dict[str, RenderContext] = {}
    for language in project.config.languages:
        try:
            contexts[language.tag] = project.context(language)
        except ProblemError:  # its ui catalog is broken: the page uses the source's words there
            continue
    source = project.config.source_language
    site = contexts.get(source.tag) or project.context(source)
    return exporter.render_site(site_records(project, manifest, exporters), contexts, site)


def render_index(project: Project, exporters: Sequence[Registered], selected: Sequence[Registered] = ()) -> bytes:
    """The home page of what ``output/`` publishes now (outputs of earlier builds included), as its
    manifest records it, with the reason a handout is not available in a language.

    ``exporters``: every exporter (each may have files listed); ``selected``: this build's. Nothing is
    translated: a handout no build has read is listed under its slug.
    """
    config = project.config
    manifest, _ = read_manifest(project.output_dir)
    site = _site_exporter(manifest, exporters, selected)
    if site is not None:
        return _site_page(project, site, manifest, exporters)
    documents: list[IndexDocument] = []
    for slug in project.slugs():
        source_title = _source_title(manifest, slug)
        entries = [
            _entry(
                language,
                *_title(manifest, slug, language),
                *_availability(project, manifest, language.tag, slug, exporters, collection=False),
            )
            for language in config.languages
        ]
        documents.append(IndexDocument(slug, source_title, entries))
    name = config.collection_file_name
    available = {
        language: _availability(project, manifest, language.tag, name, exporters, collection=True)
        for language in config.languages
    }
    if any(files for files, _ in available.values()):  # the titles read the ui catalogs: only then
        entries = [
            _entry(language, *_collection_title(project, language), *found) for language, found in available.items()
        ]
        title = f"{config.collection_title} (all handouts in one book)"
        documents.append(IndexDocument(name, title, entries))
    source = config.source_language
    html = index_html(
        lang=source.tag,
        dir=source.direction,
        title=config.collection_title,
        intro="Every handout in every language, with the size of each file.",
        none_built="Not built yet in this language.",
        documents=documents,
    )
    return html.encode("utf-8")

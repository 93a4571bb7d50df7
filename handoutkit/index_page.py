"""``output/index.html``: an accessible page listing every document, language and file."""

from __future__ import annotations

import mimetypes
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape

from handoutkit.errors import ProblemError
from handoutkit.languages import Language, parse_language, text_direction
from handoutkit.project import Project
from handoutkit.published import Manifest, read_manifest
from handoutkit.registry import Registered

__all__ = ["render_index"]

_MEDIA_TYPES = {".epub": "application/epub+zip", ".txt": "text/plain", ".json": "application/json"}


@dataclass(frozen=True)
class _File:
    href: str
    label: str
    size: str
    media_type: str
    note: str = ""
    """What a reader should know before choosing this file (an exporter's ``index_note``)."""


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("handoutkit", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


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
) -> list[_File]:
    """The files of ``name`` in ``tag`` that the manifest publishes (a user's own files are never listed)."""
    files: list[_File] = []
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
                files.append(_File(href, _label(exporter, suffix), human_size(path.stat().st_size), media, note))
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
) -> tuple[list[_File], list[str]]:
    """The published files of ``name`` in ``tag``, and why the others are not available."""
    files = _files(project, manifest, tag, name, exporters, collection=collection)
    return files, _notes(manifest, tag, name, exporters, collection=collection, has_files=bool(files))


def _entry(language: Language, title: str, title_lang: str, files: list[_File], notes: list[str]) -> dict[str, object]:
    """One language of one document (or of the collection) on the page."""
    return {
        "tag": language.tag,
        "dir": language.direction,
        "english_name": language.english_name,
        "native_name": language.native_name,
        "title": title,
        "title_lang": title_lang,
        "title_dir": text_direction(title_lang),
        "files": files,
        "notes": notes,
    }


def _title(project: Project, slug: str, language: Language) -> tuple[str, str]:
    """The document's title in ``language`` and the language it is in ('' when it cannot be read)."""
    try:
        unit = project.translate(slug, language).document.meta.title
    except ProblemError:
        return "", language.tag
    return unit.text, unit.lang


def _collection_title(project: Project, language: Language) -> tuple[str, str]:
    """The collection's title in ``language`` (the source title when the ui catalog cannot be read)."""
    title = project.config.collection_title
    try:
        ui, _ = project.ui_text(language)
    except ProblemError:
        return title, project.config.source_language.tag
    return ui(title), ui.lang(title)


def render_index(project: Project, exporters: Sequence[Registered]) -> bytes:
    """The index page of what ``output/`` publishes now (outputs of earlier builds included), as its
    manifest records it, with the reason a handout is not available in a language.

    A broken source or catalog never stops the page: its titles fall back to the source's or the slug.
    """
    config = project.config
    manifest, _ = read_manifest(project.output_dir)
    documents = []
    for slug in project.slugs():
        try:
            source_title = project.document(slug).meta.title.text
        except ProblemError:
            source_title = slug
        entries = [
            _entry(
                language,
                *_title(project, slug, language),
                *_availability(project, manifest, language.tag, slug, exporters, collection=False),
            )
            for language in config.languages
        ]
        documents.append({"slug": slug, "title": source_title, "languages": entries})
    name = config.collection_file_name
    collection_entries = [
        _entry(
            language,
            *_collection_title(project, language),
            *_availability(project, manifest, language.tag, name, exporters, collection=True),
        )
        for language in config.languages
    ]
    if any(entry["files"] for entry in collection_entries):
        documents.append(
            {
                "slug": name,
                "title": f"{config.collection_title} (all handouts in one book)",
                "languages": collection_entries,
            }
        )
    source = config.source_language
    html = (
        _environment()
        .get_template("index.html.j2")
        .render(
            lang=source.tag,
            dir=source.direction,
            title=config.collection_title,
            intro="Every handout in every language, with the size of each file.",
            none_built="Not built yet in this language.",
            documents=documents,
        )
    )
    return html.encode("utf-8")

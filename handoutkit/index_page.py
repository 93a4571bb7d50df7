"""``output/index.html``: an accessible page listing every document, language and file."""

from __future__ import annotations

import mimetypes
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape

from handoutkit.errors import ProblemError
from handoutkit.languages import Language, text_direction
from handoutkit.project import Project
from handoutkit.registry import Registered

__all__ = ["render_index"]

_MEDIA_TYPES = {".epub": "application/epub+zip", ".txt": "text/plain", ".json": "application/json"}


@dataclass(frozen=True)
class _File:
    href: str
    label: str
    size: str
    media_type: str


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


def _files(project: Project, tag: str, name: str, exporters: Sequence[Registered], *, collection: bool) -> list[_File]:
    files: list[_File] = []
    for exporter in exporters:
        if collection and not exporter.collection:
            continue
        for suffix in exporter.suffixes:
            path = project.output_dir / tag / f"{name}{suffix}"
            if path.is_file():
                media = _MEDIA_TYPES.get(suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                files.append(
                    _File(f"{tag}/{name}{suffix}", _label(exporter, suffix), human_size(path.stat().st_size), media)
                )
    return files


def _entry(language: Language, title: str, title_lang: str, files: list[_File]) -> dict[str, object]:
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
    """The index page of what is in ``output/`` now (files from earlier builds included).

    A broken source or catalog never stops the page: its titles fall back to the source's or the slug.
    """
    config = project.config
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
                _files(project, language.tag, slug, exporters, collection=False),
            )
            for language in config.languages
        ]
        documents.append({"slug": slug, "title": source_title, "languages": entries})
    name = config.collection_file_name
    collection_entries = [
        _entry(
            language,
            *_collection_title(project, language),
            _files(project, language.tag, name, exporters, collection=True),
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

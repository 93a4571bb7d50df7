"""The markup of the built-in ``output/index.html``: what :mod:`handoutkit.index_page` found, as HTML.

Written by hand rather than a template engine: every build writes this page, and a
text or SMS build would otherwise start Jinja for it alone (issue 13, "Fast small runs").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import escape

__all__ = ["IndexDocument", "IndexEntry", "IndexFile", "index_html"]

_STYLE = """\
  body { font-family: system-ui, sans-serif; font-size: 1.125rem; line-height: 1.5; max-width: 48rem; \
margin: 0 auto; padding: 1rem; color: #000; background: #fff; }
  a { color: #00449e; }
  a:focus { outline: 3px solid #000; }
  section.language { margin-block: 1rem; }
  .size { white-space: nowrap; }
"""


@dataclass(frozen=True)
class IndexFile:
    """One published file of a document in a language."""

    href: str
    label: str
    size: str
    media_type: str
    note: str = ""
    """What a reader should know before choosing this file (an exporter's ``index_note``)."""


@dataclass(frozen=True)
class IndexEntry:
    """One language of one document (or of the collection)."""

    tag: str
    dir: str
    english_name: str
    native_name: str
    title: str
    title_lang: str
    title_dir: str
    files: Sequence[IndexFile]
    notes: Sequence[str]


@dataclass(frozen=True)
class IndexDocument:
    """One document (or the collection) with its languages."""

    slug: str
    title: str
    languages: Sequence[IndexEntry]


def _e(value: str) -> str:
    """``value`` as HTML text or attribute value."""
    return str(escape(value))


def _file(file: IndexFile, tag: str) -> str:
    note = f' <span class="note">{_e(file.note)}</span>' if file.note else ""
    return (
        f'<li><a href="{_e(file.href)}" type="{_e(file.media_type)}" hreflang="{_e(tag)}">{_e(file.label)}</a> '
        f'<span class="size">({_e(file.size)})</span>{note}</li>\n'
    )


def _entry(slug: str, entry: IndexEntry, none_built: str) -> str:
    anchor = _e(f"doc-{slug}-{entry.tag}")
    name = _e(entry.english_name)
    if entry.native_name != entry.english_name:
        name += f' — <span lang="{_e(entry.tag)}" dir="{_e(entry.dir)}">{_e(entry.native_name)}</span>'
    parts = [f'<section class="language" aria-labelledby="{anchor}">\n<h3 id="{anchor}">{name}</h3>\n']
    if entry.title:
        parts.append(f'<p lang="{_e(entry.title_lang)}" dir="{_e(entry.title_dir)}">{_e(entry.title)}</p>\n')
    if entry.files:
        parts.append("<ul>\n" + "".join(_file(file, entry.tag) for file in entry.files) + "</ul>\n")
    elif not entry.notes:
        parts.append(f"<p>{_e(none_built)}</p>\n")
    parts.extend(f'<p class="unavailable">{_e(note)}</p>\n' for note in entry.notes)
    parts.append("</section>\n")
    return "".join(parts)


def _document(document: IndexDocument, none_built: str) -> str:
    anchor = _e(f"doc-{document.slug}")
    entries = "".join(_entry(document.slug, entry, none_built) for entry in document.languages)
    return f'<section aria-labelledby="{anchor}">\n<h2 id="{anchor}">{_e(document.title)}</h2>\n{entries}</section>\n'


def index_html(
    *, lang: str, dir: str, title: str, intro: str, none_built: str, documents: Sequence[IndexDocument]
) -> str:
    """The whole page: a heading, a sentence, then per document a section per language with its files,
    "not built yet" (``none_built``) or the reasons it is not available."""
    body = "".join(_document(document, none_built) for document in documents)
    return (
        f'<!DOCTYPE html>\n<html lang="{_e(lang)}" dir="{_e(dir)}">\n<head>\n<meta charset="utf-8" />\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1" />\n'
        f"<title>{_e(title)}</title>\n<style>\n{_STYLE}</style>\n</head>\n<body>\n<main>\n"
        f"<h1>{_e(title)}</h1>\n<p>{_e(intro)}</p>\n{body}</main>\n</body>\n</html>\n"
    )

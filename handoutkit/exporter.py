"""The exporter interface: what a plugin provides and what it returns.

An exporter is any object with a ``name``, a ``description`` and a pure ``render`` method; the other
members are optional (:class:`~handoutkit.registry.Registered` supplies their defaults). Renderers
return bytes and touch no file: the pipeline alone writes, atomically.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from handoutkit.context import RenderContext
from handoutkit.languages import Language
from handoutkit.model import Document

__all__ = ["CatalogHints", "CollectionExporter", "EntryNote", "Exporter", "OutputFile", "SiteFile", "SiteRecord"]


@dataclass(frozen=True, slots=True)
class OutputFile:
    """One file an exporter made: ``output/<lang>/<slug><suffix>``."""

    suffix: str
    """The end of the file name, with its dot: ``.pdf``, ``.sms.json`` ('' for a shared file)."""
    data: bytes
    shared_path: str = ""
    """For a file the whole site shares (an image every language's page links): its path under
    ``output/`` (``assets/3f2a9c0d.svg``: lowercase letters, digits, ``-``, ``_`` and ``.`` in each
    segment). It is written once, only when missing or different, and never withdrawn with one output:
    give it a name that changes with its bytes."""


@dataclass(frozen=True, slots=True)
class EntryNote:
    """What an exporter adds to one catalog entry for the translators of one language."""

    note: str
    """One line for the entry's ``#.`` comment (e.g. the SMS budget in this language); '' for none."""
    flags: tuple[str, ...] = ()
    """Flags to set, each replacing a flag of the same name (``max-length:90`` replaces ``max-length:80``)."""


@dataclass(frozen=True, slots=True)
class SiteFile:
    """One published file of a handout in a language, as the build's manifest records it."""

    path: str
    """Relative to ``output/``, with ``/``: ``es/stage-4-lung-cancer.pdf``."""
    format: str
    """The exporter's name."""
    suffix: str
    label: str = ""
    """The exporter's words for it (``label``/``suffix_labels``)."""
    pages: int | None = None
    """Its number of pages, when its exporter says (an optional ``pages(suffix, data)``)."""
    note: str = ""
    """What a reader should know before choosing it (the exporter's ``index_note``)."""


@dataclass(frozen=True, slots=True)
class SiteRecord:
    """What ``output/`` publishes of one handout (or the collection) in one language."""

    language: Language
    slug: str
    """The handout's slug, or the collection's file name."""
    title: str
    """Its title in that language (the source's where it is not translated)."""
    title_lang: str
    reviewed: bool
    """True when it is reviewed in that language."""
    files: tuple[SiteFile, ...]
    collection: bool = False


CatalogHints = Callable[[str, str | None], EntryNote | None]
"""Given an entry's msgid and its current translation (None when untranslated or fuzzy), what to add
to that entry, or None. Made by an exporter's ``catalog_hints(doc, ctx)`` for one document's catalog
in ``ctx.language``; ``update`` and ``init`` call it for every entry they write."""


@runtime_checkable
class Exporter(Protocol):
    """A format. Required members: ``name``, ``description``, ``render``.

    Optional members, looked up with defaults:

    - ``suffixes: tuple[str, ...]``: the suffixes ``render`` writes (for the index page and listings);
    - ``label: str`` and ``suffix_labels: dict[str, str]``: how the index page names its files;
    - ``ui_messages: tuple[UiMessage, ...]``: interface words of its own, extracted into ``ui.pot``;
    - ``check(doc, ctx) -> Sequence[Problem]``: problems it would meet, reported by ``check`` and
      before rendering (an error stops that document in that language);
    - ``render_collection(docs, ctx) -> Sequence[OutputFile]``: one file holding every document of a
      language, written as ``output/<lang>/<collection file name><suffix>``;
    - ``options_class: type``: the schema of its table ``[<name>]`` of ``handoutkit.toml`` (and of
      ``[language.<code>.<name>]``), a frozen dataclass whose fields carry ``option(...)`` metadata
      (:mod:`handoutkit.options`); the core checks the table, and ``ctx.options(options_class)``
      gives the checked values for the language being built;
    - ``catalog_hints(doc, ctx) -> CatalogHints | None``: notes and flags for the translators of
      ``doc`` (the source document) into ``ctx.language``, such as an SMS budget; ``update`` and
      ``init`` call it for every exporter;
    - ``cost: float``: how heavy one job is relative to a text file (heavy jobs are scheduled first);
    - ``key_material(ctx) -> str``: anything else its bytes depend on (fonts it resolves, a system
      library's version), added to the keys of its jobs so that a change rebuilds them;
    - ``pages(suffix, data) -> int | None``: the number of pages of one of its files, recorded in the
      manifest for the home page;
    - ``render_site(records, contexts, site) -> bytes``: the site's home page, ``output/index.html``,
      from :class:`SiteRecord` s (what the manifest publishes), a context per language tag and the
      source language's context; used when this exporter is selected or has outputs in ``output/``.
    """

    name: str
    """The format's name on the command line (``--format pdf``)."""
    description: str
    """One line for ``export.py formats``."""

    def render(self, doc: Document, ctx: RenderContext) -> Sequence[OutputFile]:
        """The files for one document in one language. Raise ProblemError for errors."""
        ...


@runtime_checkable
class CollectionExporter(Exporter, Protocol):
    """An exporter that can also put every document of one language into one file."""

    def render_collection(self, docs: Sequence[Document], ctx: RenderContext) -> Sequence[OutputFile]:
        """The collection's files for one language."""
        ...

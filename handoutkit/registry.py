"""Exporter discovery through the ``handoutkit.exporters`` entry-point group.

Built-in exporters are declared in that group like any third-party one. A built-in table lets
``python export.py`` work from a checkout that is not installed: an entry it lists is used only when
no installed distribution provides that name. Nothing is loaded as a side effect of import.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from handoutkit.config import CORE_KEYS
from handoutkit.context import RenderContext
from handoutkit.errors import Problem
from handoutkit.exporter import CatalogHints, OutputFile, SiteRecord
from handoutkit.installed import EntryPoint, entry_points
from handoutkit.languages import Language
from handoutkit.model import Document, Origin
from handoutkit.options import schema_problem
from handoutkit.ui import UiMessage

__all__ = [
    "BUILTINS",
    "BUILTIN_COSTS",
    "GROUP",
    "Discovery",
    "Registered",
    "discover",
    "discover_exporters",
    "option_schemas",
]

GROUP = "handoutkit.exporters"
BUILTINS = {
    "text": "exporters.text:TextExporter",
    "sms": "exporters.sms:SmsExporter",
    "pdf": "exporters.pdf:PdfExporter",
    "epub": "exporters.epub:EpubExporter",
    "web": "exporters.web:WebExporter",
    "json": "exporters.json_dump:JsonExporter",
    "brf": "exporters.brf:BrfExporter",
}
"""The built-ins, as pyproject.toml declares them, for a checkout that is not installed."""
BUILTIN_COSTS = {BUILTINS["pdf"]: 12.0, BUILTINS["brf"]: 3.0, BUILTINS["epub"]: 2.0, BUILTINS["web"]: 1.5}
"""Relative cost of one job of a built-in without a ``cost`` of its own (measured: a PDF about twelve
times a text file), by entry point target."""


@dataclass(frozen=True)
class Registered:
    """An exporter with where it came from, and its optional members filled in."""

    name: str
    exporter: object
    origin: str
    """The distribution (``handoutkit 0.1.0``) or ``built-in (checkout)``."""
    target: str
    """``module:attribute`` of the entry point."""

    @property
    def description(self) -> str:
        return str(getattr(self.exporter, "description", ""))

    @property
    def suffixes(self) -> tuple[str, ...]:
        return tuple(getattr(self.exporter, "suffixes", ()))

    @property
    def default(self) -> bool:
        """Built when no ``--format`` is given (a debugging format may say False)."""
        return bool(getattr(self.exporter, "default", True))

    @property
    def collection(self) -> bool:
        """True when the exporter also makes one file per language holding every document."""
        return callable(getattr(self.exporter, "render_collection", None))

    def index_note(self, language: Language) -> str:
        """A sentence the index page shows beside this format's files in ``language`` ('' for none)."""
        note = getattr(self.exporter, "index_note", None)
        return str(note(language)) if callable(note) else ""

    @property
    def ui_messages(self) -> tuple[UiMessage, ...]:
        return tuple(getattr(self.exporter, "ui_messages", ()))

    @property
    def options_class(self) -> type | None:
        """The schema of its ``[<name>]`` table of ``handoutkit.toml`` (:mod:`handoutkit.options`), if any."""
        schema = getattr(self.exporter, "options_class", None)
        return schema if isinstance(schema, type) else None

    def catalog_hints(self, doc: Document, ctx: RenderContext) -> CatalogHints | None:
        """What it adds to the catalog entries of ``doc`` in ``ctx.language`` for translators, if anything."""
        hook = getattr(self.exporter, "catalog_hints", None)
        return hook(doc, ctx) if callable(hook) else None

    def check(self, doc: Document, ctx: RenderContext) -> tuple[Problem, ...]:
        check = getattr(self.exporter, "check", None)
        return tuple(check(doc, ctx)) if callable(check) else ()

    def render(self, doc: Document, ctx: RenderContext) -> tuple[OutputFile, ...]:
        return tuple(self.exporter.render(doc, ctx))  # type: ignore[attr-defined]

    def render_collection(self, docs: Sequence[Document], ctx: RenderContext) -> tuple[OutputFile, ...]:
        return tuple(self.exporter.render_collection(docs, ctx))  # type: ignore[attr-defined]

    @property
    def cost(self) -> float:
        """How heavy one of its jobs is, relative to a text file: its own ``cost``, else the built-ins'
        measured weight (:data:`BUILTIN_COSTS`), else 1. Heavy jobs are scheduled first and shards are
        balanced by it."""
        own = getattr(self.exporter, "cost", None)
        if isinstance(own, (int, float)) and own > 0:
            return float(own)
        return BUILTIN_COSTS.get(self.target, 1.0)

    def key_material(self, ctx: RenderContext) -> str:
        """What else its output depends on, as text for the job key (fonts it resolves, a system library's
        version): its optional ``key_material(ctx)``, '' without one."""
        hook = getattr(self.exporter, "key_material", None)
        return str(hook(ctx)) if callable(hook) else ""

    @property
    def site(self) -> bool:
        """True when it makes the site's home page, ``output/index.html`` (an optional ``render_site``)."""
        return callable(getattr(self.exporter, "render_site", None))

    def render_site(
        self, records: Sequence[SiteRecord], contexts: Mapping[str, RenderContext], site: RenderContext
    ) -> bytes:
        """The home page from the manifest's ``records``."""
        return bytes(self.exporter.render_site(records, contexts, site))  # type: ignore[attr-defined]

    def pages(self, suffix: str, data: bytes) -> int | None:
        """The number of pages of one of its files, when it says (an optional ``pages(suffix, data)``)."""
        hook = getattr(self.exporter, "pages", None)
        if not callable(hook):
            return None
        found = hook(suffix, data)
        return found if isinstance(found, int) and not isinstance(found, bool) else None


@dataclass(frozen=True)
class Discovery:
    """What :func:`discover_exporters` found."""

    exporters: dict[str, Registered]
    """Every exporter that loaded, by name, in name order."""
    problems: list[Problem]
    """The problems met loading them (a broken plugin does not stop the rest)."""
    unavailable: frozenset[str]
    """The names of entry points that could not be used (each has a problem above)."""

    @property
    def schemas(self) -> dict[str, type | None]:
        """What ``load_config`` checks: each exporter's options class by exporter name, and None for an
        exporter that could not be loaded (its table is then left unchecked, not called unknown)."""
        found: dict[str, type | None] = dict.fromkeys(name for name in self.unavailable if name not in CORE_KEYS)
        found.update(option_schemas(self.exporters))
        return found


def discover() -> tuple[dict[str, Registered], list[Problem]]:
    """Every exporter, by name, and the problems met loading them (a broken plugin does not stop the rest)."""
    found = discover_exporters()
    return found.exporters, found.problems


def discover_exporters() -> Discovery:
    """Every exporter, the problems met loading them, and the names that could not be used."""
    found: dict[str, Registered] = {}
    problems: list[Problem] = []
    points = sorted(entry_points(group=GROUP), key=lambda p: p.name)
    for point in points:
        dist = getattr(point, "dist", None)
        origin = f"{dist.name} {dist.version or '(no version)'}" if dist is not None else "unknown distribution"
        _add(found, problems, point.name, point.value, origin, point.load)
    declared = {point.name for point in points}
    for name, target in BUILTINS.items():
        if name not in declared:
            _add(found, problems, name, target, "built-in (checkout)", functools.partial(_load_target, target))
    unavailable = (declared | set(BUILTINS)) - set(found)
    return Discovery(dict(sorted(found.items())), problems, frozenset(unavailable))


def option_schemas(exporters: Mapping[str, Registered]) -> dict[str, type]:
    """The options class of every exporter that has one, by exporter name."""
    return {name: schema for name, exporter in exporters.items() if (schema := exporter.options_class) is not None}


def _load_target(target: str) -> object:
    return EntryPoint(name="", value=target, group=GROUP, dist=None).load()


def _add(
    found: dict[str, Registered],
    problems: list[Problem],
    name: str,
    target: str,
    origin: str,
    load: Callable[[], object],
) -> None:
    where = Origin(f"entry point {name} = {target} ({origin})", 0)
    try:
        obj = load()
        exporter = obj() if isinstance(obj, type) else obj
    except Exception as error:  # a plugin's import error must not stop the other formats
        problems.append(Problem("plugin", where, f"exporter could not be loaded: {type(error).__name__}: {error}"))
        return
    if not callable(getattr(exporter, "render", None)) or not isinstance(getattr(exporter, "name", None), str):
        problems.append(Problem("plugin", where, "not an exporter: it needs a 'name' and a 'render(doc, ctx)' method"))
        return
    if (own := getattr(exporter, "name", None)) != name:
        problems.append(Problem("plugin", where, f"its name {own!r} differs from the entry point's {name!r}"))
        return
    schema = getattr(exporter, "options_class", None)
    if schema is not None:
        trouble = schema_problem(schema)
        if trouble is None and name in CORE_KEYS:
            trouble = f"its name {name!r} is a core key of handoutkit.toml, so its options could not be set"
        if trouble is None and any(other.options_class is schema for other in found.values()):
            trouble = f"its options_class {schema.__name__} is another exporter's: give each exporter its own"
        if trouble is not None:
            problems.append(Problem("plugin", where, f"options_class: {trouble}"))
            return
    found[name] = Registered(name, exporter, origin, target)

"""Exporter discovery through the ``handoutkit.exporters`` entry-point group.

Built-in exporters are declared in that group like any third-party one. A built-in table lets
``python export.py`` work from a checkout that is not installed: an entry it lists is used only when
no installed distribution provides that name. Nothing is loaded as a side effect of import.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib.metadata import EntryPoint, entry_points

from handoutkit.context import RenderContext
from handoutkit.errors import Problem
from handoutkit.exporter import OutputFile
from handoutkit.model import Document, Origin
from handoutkit.ui import UiMessage

__all__ = ["BUILTINS", "GROUP", "Registered", "discover"]

GROUP = "handoutkit.exporters"
BUILTINS = {
    "text": "exporters.text:TextExporter",
    "sms": "exporters.sms:SmsExporter",
    "pdf": "exporters.pdf:PdfExporter",
    "epub": "exporters.epub:EpubExporter",
    "json": "exporters.json_dump:JsonExporter",
}
"""The built-ins, as pyproject.toml declares them, for a checkout that is not installed."""


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

    @property
    def ui_messages(self) -> tuple[UiMessage, ...]:
        return tuple(getattr(self.exporter, "ui_messages", ()))

    def check(self, doc: Document, ctx: RenderContext) -> tuple[Problem, ...]:
        check = getattr(self.exporter, "check", None)
        return tuple(check(doc, ctx)) if callable(check) else ()

    def render(self, doc: Document, ctx: RenderContext) -> tuple[OutputFile, ...]:
        return tuple(self.exporter.render(doc, ctx))  # type: ignore[attr-defined]

    def render_collection(self, docs: Sequence[Document], ctx: RenderContext) -> tuple[OutputFile, ...]:
        return tuple(self.exporter.render_collection(docs, ctx))  # type: ignore[attr-defined]


def discover() -> tuple[dict[str, Registered], list[Problem]]:
    """Every exporter, by name, and the problems met loading them (a broken plugin does not stop the rest)."""
    found: dict[str, Registered] = {}
    problems: list[Problem] = []
    points = sorted(entry_points(group=GROUP), key=lambda p: p.name)
    for point in points:
        dist = getattr(point, "dist", None)
        origin = f"{dist.name} {dist.version}" if dist is not None else "unknown distribution"
        _add(found, problems, point.name, point.value, origin, point.load)
    declared = {point.name for point in points}
    for name, target in BUILTINS.items():
        if name not in declared:
            _add(found, problems, name, target, "built-in (checkout)", lambda t=target: _load_target(t))
    return dict(sorted(found.items())), problems


def _load_target(target: str) -> object:
    return EntryPoint(name="", value=target, group=GROUP).load()


def _add(found: dict[str, Registered], problems: list[Problem], name: str, target: str, origin: str, load) -> None:
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
    if exporter.name != name:
        problems.append(Problem("plugin", where, f"its name {exporter.name!r} differs from the entry point's {name!r}"))
        return
    found[name] = Registered(name, exporter, origin, target)

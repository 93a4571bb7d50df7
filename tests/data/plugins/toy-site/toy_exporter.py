"""A third-party exporter with an options table of its own, ``[toy]`` (a test plugin).

This folder is an installed site as pip leaves it: ``toy_exporter-1.0.dist-info`` declares the entry
point, so putting the folder on ``sys.path`` installs the plugin through the ordinary discovery.
Nothing in handoutkit knows its name or its options.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from handoutkit.context import RenderContext
from handoutkit.exporter import OutputFile
from handoutkit.model import Document
from handoutkit.options import option


def _not_shouted(greeting: str) -> str | None:
    return "must not be written in capitals only" if greeting.isupper() else None


@dataclass(frozen=True, slots=True)
class ToyOptions:
    """How the toy greets the handout's title."""

    greeting: str = field(default="Hello", metadata=option("The word before the title", check=_not_shouted))
    repeat: int = field(default=1, metadata=option("How many lines the greeting takes", minimum=1, maximum=5))
    scale: float = field(default=1.0, metadata=option("A size, for the finite-number rule", minimum=0.5))
    exclaim: bool = field(default=False, metadata=option("End each line with an exclamation mark"))
    mood: str = field(default="calm", metadata=option("How it sounds", choices=("calm", "cheerful")))


class ToyExporter:
    name = "toy"
    description = "The title, greeted (a test plugin with options)"
    suffixes = (".toy",)
    options_class = ToyOptions

    def render(self, doc: Document, ctx: RenderContext) -> Sequence[OutputFile]:
        options = ctx.options(ToyOptions)
        end = "!" if options.exclaim else "."
        line = f"{options.greeting}, {doc.meta.title.text}{end} ({options.mood}, {options.scale:g})\n"
        return [OutputFile(".toy", (line * options.repeat).encode("utf-8"))]

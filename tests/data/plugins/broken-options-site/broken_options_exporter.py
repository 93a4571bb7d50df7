"""An exporter whose options class is not a valid schema (a mutable dataclass): a test plugin."""

from __future__ import annotations

from dataclasses import dataclass, field

from handoutkit.options import option


@dataclass
class MutableOptions:
    size: float = field(default=1.0, metadata=option("A size"))


class BrokenOptionsExporter:
    name = "broken"
    description = "Never loaded: its options class is mutable (a test plugin)"
    options_class = MutableOptions

    def render(self, doc, ctx):
        return []

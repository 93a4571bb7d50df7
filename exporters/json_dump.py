"""The document model as JSON, for debugging: what every other exporter sees, unchanged."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Sequence
from pathlib import PurePosixPath
from typing import Any

from handoutkit.context import RenderContext
from handoutkit.exporter import OutputFile
from handoutkit.model import Document

__all__ = ["JsonExporter", "to_json"]


def to_json(value: Any) -> Any:
    """A model value as JSON data; each dataclass becomes an object with its ``type`` first."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        data: dict[str, Any] = {"type": type(value).__name__}
        for item in dataclasses.fields(value):
            data[item.name] = to_json(getattr(value, item.name))
        return data
    if isinstance(value, tuple | list):
        return [to_json(item) for item in value]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, PurePosixPath):
        return str(value)
    return value


class JsonExporter:
    """``output/<lang>/<slug>.json``: the translated document model (only with ``--format json``)."""

    name = "json"
    description = "The document model as JSON, for debugging exporters and translations (not built by default)"
    suffixes = (".json",)
    label = "Document model (JSON)"
    default = False

    def render(self, doc: Document, ctx: RenderContext) -> Sequence[OutputFile]:
        """The document as indented JSON."""
        text = json.dumps(to_json(doc), ensure_ascii=False, indent=2) + "\n"
        return [OutputFile(".json", text.encode("utf-8"))]

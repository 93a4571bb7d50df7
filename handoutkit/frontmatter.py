"""YAML front matter: safe loading, every field checked, every value with its line."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import yaml

from handoutkit.errors import Problem
from handoutkit.model import Origin

__all__ = ["FIELDS", "TRANSLATED_FIELDS", "FrontMatter", "RawReference", "parse_front_matter"]

FIELDS = ("title", "summary", "sms", "sms_parts", "reviewed_by", "reviewed_on", "updated", "references")
"""Every field a handout's front matter may have."""
TRANSLATED_FIELDS = ("title", "summary", "sms", "references")
"""The fields whose text goes to translators (each reference's ``text``)."""


@dataclass(frozen=True, slots=True)
class RawReference:
    """A reference as written: its text, optional link and line."""

    text: str
    link: str | None
    line: int


@dataclass
class FrontMatter:
    """The checked front matter of one file; ``lines`` maps each field to its 1-based line."""

    title: str = ""
    summary: str | None = None
    sms: list[tuple[str, int]] = field(default_factory=list)
    sms_parts: int | None = None
    reviewed_by: str = ""
    reviewed_on: dt.date | None = None
    updated: dt.date | None = None
    references: list[RawReference] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)


def parse_front_matter(text: str, path: str, first_line: int) -> tuple[FrontMatter, list[Problem]]:
    """Check the YAML between the ``---`` lines. ``first_line`` is the file line of the YAML's first line."""
    problems: list[Problem] = []

    def problem(line: int, message: str) -> None:
        problems.append(Problem("front-matter", Origin(path, line), message))

    result = FrontMatter()
    try:
        loader = yaml.SafeLoader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = first_line + mark.line if mark is not None else first_line
        reason = getattr(error, "problem", None) or str(error)
        problem(line, f"front matter is not valid YAML: {reason}")
        return result, problems
    if not isinstance(data, dict) or node is None:
        problem(first_line, "front matter must be a mapping of fields (title: ..., summary: ...)")
        return result, problems

    for key_node, value_node in node.value:
        key = key_node.value
        line = first_line + key_node.start_mark.line
        result.lines[key] = line
        if key not in FIELDS:
            problem(line, f"unknown front matter field {key!r} (known: {', '.join(FIELDS)})")
            continue
        _field(result, key, data[key], value_node, first_line, problem)

    if not result.title.strip():
        problem(result.lines.get("title", first_line), "front matter needs a non-empty 'title'")
    if result.reviewed_by.strip() and result.reviewed_on is None:
        problem(result.lines.get("reviewed_by", first_line), "'reviewed_by' is set but 'reviewed_on' is not")
    if result.reviewed_on is not None and not result.reviewed_by.strip():
        problem(result.lines.get("reviewed_on", first_line), "'reviewed_on' is set but 'reviewed_by' is not")
    return result, problems


def _field(result: FrontMatter, key: str, value: Any, node: yaml.Node, first_line: int, problem: Any) -> None:
    line = first_line + node.start_mark.line
    match key:
        case "title" | "summary" | "reviewed_by":
            if value is None:
                value = ""
            if not isinstance(value, str):
                problem(line, f"{key!r} must be text, not {value!r}")
                return
            setattr(result, key, value.strip() if key != "summary" else (value.strip() or None))
        case "sms":
            if not isinstance(value, str | list | type(None)):
                problem(line, "'sms' must be a message or a list of messages")
                return
            items = [(value, node)] if isinstance(value, str) else list(zip(value or [], node.value, strict=False))
            for item, item_node in items:
                item_line = first_line + item_node.start_mark.line
                if not isinstance(item, str) or not item.strip():
                    problem(item_line, f"an SMS message must be non-empty text, not {item!r}")
                else:
                    result.sms.append((item.strip(), item_line))
        case "sms_parts":
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 10:
                problem(line, f"'sms_parts' must be a whole number from 1 to 10, not {value!r}")
            else:
                result.sms_parts = value
        case "reviewed_on" | "updated":
            if value in (None, ""):
                return
            if isinstance(value, dt.datetime):
                value = value.date()
            if not isinstance(value, dt.date):
                problem(line, f"{key!r} must be a date written YYYY-MM-DD, not {value!r}")
            else:
                setattr(result, key, value)
        case "references":
            if not isinstance(value, list):
                problem(line, "'references' must be a list")
                return
            for item, item_node in zip(value, node.value, strict=True):
                reference = _reference(item, first_line + item_node.start_mark.line, problem)
                if reference is not None:
                    result.references.append(reference)


def _reference(item: Any, line: int, problem: Any) -> RawReference | None:
    if isinstance(item, str):
        item = {"text": item}
    if not isinstance(item, dict):
        problem(line, f"a reference must be text or a mapping with 'text' and 'link', not {item!r}")
        return None
    unknown = set(item) - {"text", "link"}
    if unknown:
        problem(line, f"unknown reference field(s) {', '.join(sorted(map(str, unknown)))} (known: text, link)")
        return None
    text, link = item.get("text"), item.get("link")
    if not isinstance(text, str) or not text.strip():
        problem(line, "a reference needs non-empty 'text'")
        return None
    if link is not None and (not isinstance(link, str) or not link.startswith(("https://", "http://"))):
        problem(line, f"a reference link must be an http(s) address, not {link!r}")
        return None
    return RawReference(text.strip(), link, line)

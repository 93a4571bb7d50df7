"""Inline Markdown: the one place where markdown-it tokens become model inlines.

The reader parses each source unit's msgid with :func:`parse_inline`, and translation parses each
msgstr with the same function, so a translation is read exactly like the source (never pasted as text).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from handoutkit.model import Emphasis, Inline, LineBreak, Link, Strong, Text

__all__ = ["LINK_SCHEMES", "InlineError", "link_targets", "markdown_parser", "parse_inline", "unit_source"]

LINK_SCHEMES = ("https://", "http://", "mailto:", "tel:")
"""The link targets a handout may use: somewhere a reader can go from paper, a phone or an e-reader."""


class InlineError(ValueError):
    """Inline Markdown the toolkit does not support (raw HTML, code, an image inside text...)."""


@cache
def markdown_parser() -> MarkdownIt:
    """The CommonMark parser with front matter and ``{.attrs}``; raw HTML is parsed so it can be refused."""
    return MarkdownIt("commonmark", {"html": True}).use(front_matter_plugin).use(attrs_plugin)


def unit_source(content: str) -> str:
    """The msgid of an inline block: its lines joined by spaces, hard breaks kept as ``\\`` + newline."""
    lines = content.split("\n")
    out = ""
    for index, line in enumerate(lines):
        last = index == len(lines) - 1
        hard = not last and (line.endswith("  ") or line.endswith("\\"))
        text = line.strip()
        if hard:
            out += text.rstrip("\\").rstrip() + "\\\n"
        else:
            out += text + ("" if last else " ")
    return out.strip()


def parse_inline(source: str) -> tuple[Inline, ...]:
    """Parse one unit of inline Markdown into model inlines; :class:`InlineError` if unsupported."""
    tokens = markdown_parser().parseInline(source)
    children = tokens[0].children if tokens else None
    return _convert(children or [])


def _convert(tokens: Sequence[Token]) -> tuple[Inline, ...]:
    stack: list[tuple[str, str, list[Inline]]] = [("root", "", [])]
    for token in tokens:
        current = stack[-1][2]
        match token.type:
            case "text":
                if token.content:
                    current.append(Text(token.content))
            case "softbreak":
                current.append(Text(" "))
            case "hardbreak":
                current.append(LineBreak())
            case "strong_open" | "em_open":
                stack.append((token.type, "", []))
            case "link_open":
                if set(token.attrs) - {"href"}:
                    raise InlineError("link titles and attributes are not supported")
                target = str(token.attrs.get("href", ""))
                if not target.startswith(LINK_SCHEMES):
                    raise InlineError(f"link target {target!r} must start with {', '.join(LINK_SCHEMES)}")
                stack.append(("link_open", target, []))
            case "strong_close" | "em_close" | "link_close":
                kind, target, children = stack.pop()
                node: Inline
                if kind == "strong_open":
                    node = Strong(tuple(children))
                elif kind == "em_open":
                    node = Emphasis(tuple(children))
                else:
                    node = Link(target, tuple(children))
                stack[-1][2].append(node)
            case "html_inline":
                raise InlineError(f"raw HTML is not allowed: {token.content!r}")
            case "code_inline":
                raise InlineError(f"code is not supported in handouts: `{token.content}`")
            case "image":
                raise InlineError("an image must stand alone in its own paragraph")
            case other:
                raise InlineError(f"unsupported inline Markdown ({other})")
    return _merge_text(stack[0][2])


def _merge_text(nodes: list[Inline]) -> tuple[Inline, ...]:
    merged: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text(merged[-1].text + node.text)
        else:
            merged.append(node)
    return tuple(merged)


def link_targets(inlines: Sequence[Inline]) -> tuple[str, ...]:
    """Every link target in reading order."""
    targets: list[str] = []
    for node in inlines:
        if isinstance(node, Link):
            targets.append(node.target)
            targets.extend(link_targets(node.children))
        elif isinstance(node, Strong | Emphasis):
            targets.extend(link_targets(node.children))
    return tuple(targets)

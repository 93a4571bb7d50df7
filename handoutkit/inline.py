"""Inline Markdown: the one place where markdown-it tokens become model inlines.

The reader parses each source unit's msgid with :func:`parse_inline`, and translation parses each
msgstr with the same function, so a translation is read exactly like the source (never pasted as text).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from handoutkit.languages import LanguageError, parse_language
from handoutkit.model import Emphasis, Inline, LineBreak, Link, Span, Strong, Text, plain_text
from handoutkit.walk import iter_inlines, link_targets

__all__ = [
    "LINK_SCHEMES",
    "InlineError",
    "link_targets",
    "markdown_parser",
    "parse_inline",
    "parse_plain",
    "plain_parser",
    "unit_source",
]

LINK_SCHEMES = ("https://", "http://", "mailto:", "tel:")
"""The link targets a handout may use: somewhere a reader can go from paper, a phone or an e-reader."""


class InlineError(ValueError):
    """Inline Markdown the toolkit does not support (raw HTML, code, an image inside text...)."""


@cache
def markdown_parser() -> MarkdownIt:
    """The CommonMark parser with front matter, ``{.attrs}`` and bracketed spans (``[words]{lang=en}``);
    raw HTML is parsed so it can be refused."""
    return MarkdownIt("commonmark", {"html": True}).use(front_matter_plugin).use(attrs_plugin, spans=True)


@cache
def plain_parser() -> MarkdownIt:
    """The parser of plain-text units (titles, references, SMS, image descriptions): every character is
    text except bracketed spans that mark a phrase's language (``[What Is Lung Cancer?]{lang=en}``)."""
    parser = MarkdownIt("zero").use(attrs_plugin, spans=True)
    parser.inline.ruler.enable(["span"])
    return parser


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
    return _unread_spans(_convert(children or []))


def parse_plain(source: str) -> tuple[Inline, ...]:
    """Parse a plain-text unit: its text, with language spans; :class:`InlineError` for a bad span."""
    if "]{" not in source:  # the common case, and the only one where nothing can be a span
        return (Text(source),) if source else ()
    tokens = plain_parser().parseInline(source)
    children = tokens[0].children if tokens else None
    return _unread_spans(_convert(children or []))


_UNREAD_SPAN = re.compile(r"\{\s*lang\s*=[^{}]*\}")
"""Span attributes left in the text: the span around them could not be read."""
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
"""Embeddings, overrides and isolates: the presentation layer isolates runs itself (handoutkit.present.bidi);
typed by hand they can show a phone number reversed or turn a whole message around."""


def _unread_spans(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """``inlines``, unless some text still looks like a language span the parser could not read
    (``[words]{lang=xx-!!}`` would otherwise print its markup): then :class:`InlineError`."""
    for node in iter_inlines(inlines):
        if isinstance(node, Text) and (found := _UNREAD_SPAN.search(node.text)):
            raise InlineError(f"{found.group(0)!r} could not be read as a language span: write [words]{{lang=xx}}")
        if isinstance(node, Text) and (control := _BIDI_CONTROLS.search(node.text)):
            name = unicodedata.name(control.group(0), "a bidirectional control")
            raise InlineError(
                f"U+{ord(control.group(0)):04X} {name} is not allowed: right-to-left runs are isolated "
                "automatically, and a phrase's language is marked with [words]{lang=xx}"
            )
        if isinstance(node, Span) and not plain_text(node.children).strip():
            raise InlineError(f"an empty span [{{lang={node.lang}}}] marks no words")
    return inlines


def _span_lang(attrs: dict[str, str | int | float]) -> str:
    """The BCP 47 tag of a span's ``{lang=..}``, normalized (``zh_hans`` -> ``zh-Hans``)."""
    if set(attrs) != {"lang"}:
        found = ", ".join(sorted(attrs)) or "none"
        raise InlineError(f"a bracketed span takes exactly one attribute, lang=<language tag> (found: {found})")
    try:
        return parse_language(str(attrs["lang"])).tag
    except LanguageError as error:
        raise InlineError(f"span: {error}") from None


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
            case "span_open":
                stack.append(("span_open", _span_lang(dict(token.attrs)), []))
            case "link_open":
                if set(token.attrs) - {"href"}:
                    raise InlineError("link titles and attributes are not supported")
                target = str(token.attrs.get("href", ""))
                if not target.startswith(LINK_SCHEMES):
                    raise InlineError(f"link target {target!r} must start with {', '.join(LINK_SCHEMES)}")
                stack.append(("link_open", target, []))
            case "strong_close" | "em_close" | "link_close" | "span_close":
                kind, target, children = stack.pop()
                node: Inline
                if kind == "strong_open":
                    node = Strong(_merge_text(children))
                elif kind == "em_open":
                    node = Emphasis(_merge_text(children))
                elif kind == "span_open":
                    node = Span(target, _merge_text(children))
                else:
                    node = Link(target, _merge_text(children))
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

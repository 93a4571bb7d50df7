"""Inline Markdown: the one place where markdown-it tokens become model inlines.

The reader parses each source unit's msgid with :func:`parse_inline`, and translation parses each
msgstr with the same function, so a translation is read exactly like the source (never pasted as text).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from handoutkit.languages import LanguageError, parse_language
from handoutkit.limits import DEFAULT_LIMITS
from handoutkit.model import Emphasis, Inline, LineBreak, Link, Span, Strong, Text, plain_text
from handoutkit.untrusted import excerpt, find_unsafe
from handoutkit.walk import iter_inlines, link_targets

__all__ = [
    "LINK_SCHEMES",
    "InlineError",
    "block_parser",
    "deepest_inline",
    "link_targets",
    "markdown_parser",
    "parse_inline",
    "parse_plain",
    "plain_parser",
    "unit_source",
]

LINK_SCHEMES = ("https://", "http://", "mailto:", "tel:")
"""The link targets a handout may use: somewhere a reader can go from paper, a phone or an e-reader."""


_PHONE = re.compile(r"^\+?[0-9(][0-9 ().\-]{2,30}$")
_MAIL = re.compile(r"^[^\s@?&/:]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")
_HOST = re.compile(r"^https?://(?P<host>[^/?#]*)")


def target_problem(target: str) -> str | None:
    """Why a link target is not what it claims to be (None when it is): a ``tel:`` that is not a phone
    number, a ``mailto:`` with more than one plain address (``?bcc=``), a web address with a user name
    before its host (``https://bank@evil.example``)."""
    from urllib.parse import unquote

    if (unsafe := find_unsafe(unquote(target), allow="")) is not None:
        return f"holds, once its %-escapes are decoded, {unsafe.describe()}"
    if target.startswith("tel:"):
        number = unquote(target[4:])
        digits = sum(c.isdigit() for c in number)
        if _PHONE.match(number) and digits >= 3:
            return None
        return "is not a phone number (digits, spaces, + ( ) - . only)"
    if target.startswith("mailto:"):
        address = unquote(target[7:])
        return None if _MAIL.match(address) else "must be one plain email address (no ?cc=, ?bcc= or body)"
    match = _HOST.match(target)
    if match is None or not match.group("host") or "@" in match.group("host"):
        return "must name a host (and no user name before it)"
    return None


class InlineError(ValueError):
    """Inline Markdown the toolkit does not support (raw HTML, code, an image inside text...)."""


class _Parser(MarkdownIt):
    """markdown-it, with every link and image target kept as a link or an image.

    markdown-it's own ``validateLink`` turns ``[x](javascript:...)`` and ``![](file:///...)`` back into
    plain text, which a handout then prints literally; here they stay links and images, so the checks of
    :func:`parse_inline` and the reader refuse them with a message."""

    def validateLink(self, url: str) -> bool:
        return True


@cache
def markdown_parser() -> MarkdownIt:
    """The CommonMark parser with front matter, ``{.attrs}`` and bracketed spans (``[words]{lang=en}``);
    raw HTML, tables and ``~~strikethrough~~`` are parsed so they can be refused (CommonMark alone would
    print a table's pipes and the tildes as text)."""
    parser = _Parser("commonmark", {"html": True}).use(front_matter_plugin).use(attrs_plugin, spans=True)
    return parser.enable(["table", "strikethrough"])


@cache
def block_parser() -> MarkdownIt:
    """:func:`markdown_parser` without its inline pass: the blocks, each inline token holding its text
    unparsed (so its size can be checked before the inline parse, which can take quadratic time)."""
    parser = _Parser("commonmark", {"html": True}).use(front_matter_plugin).enable(["table"])
    return parser.disable("inline")


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


_SPAN_ATTRIBUTES = re.compile(r"\]\{([^{}]*)\}")
_ONLY_LANG = re.compile(r"""\s*lang\s*=\s*(?:"[^"\s]*"|'[^'\s]*'|[^\s"']+)\s*""")


def _check_span_attributes(source: str) -> None:
    """Each ``]{...}`` holds ``lang=<tag>`` and nothing else (the attributes plugin would drop what it does
    not know, ``onclick=x``, without a word)."""
    for found in _SPAN_ATTRIBUTES.finditer(source):
        if "=" in found.group(1) and not _ONLY_LANG.fullmatch(found.group(1)):
            raise InlineError(
                f"a bracketed span takes exactly one attribute, lang=<language tag> (found: {excerpt(found.group(1))})"
            )


def parse_inline(source: str, max_depth: int = DEFAULT_LIMITS.nesting) -> tuple[Inline, ...]:
    """Parse one unit of inline Markdown into model inlines; :class:`InlineError` if unsupported, or if
    emphasis, links and spans are nested more than ``max_depth`` deep."""
    _check_span_attributes(source)
    tokens = markdown_parser().parseInline(source.replace("\t", " "))  # a tab is a space in running text
    children = tokens[0].children if tokens else None
    _check_depth(children or [], max_depth)
    return _unread_spans(_convert(children or []))


_PLAIN_MARKUP = (
    (re.compile(r"^\s{0,3}#{1,6}(?:\s|$)"), "a heading's # is printed as written here (this text is plain: no markup)"),
    (re.compile(r"\*\*|__"), "** or __ is printed as written here (this text is plain: no bold)"),
    (
        re.compile(r"(?<![\w*])\*[^\s*][^*]*(?<=\S)\*(?![\w*])|(?<![\w_])_[^\s_][^_]*(?<=\S)_(?![\w_])"),
        "*words* or _words_ is printed as written here (this text is plain: no emphasis)",
    ),
    (re.compile(r"<(?:https?|mailto|tel):[^<>]*>"), "an address in <...> is printed as written here"),
    (re.compile(r"\[[^\[\]]*\]\([^()]*\)"), "a Markdown link is printed as written here (this text is plain)"),
    (
        re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});"),
        "an HTML character reference is printed as written here: type the character itself",
    ),
)
"""Markup that a plain unit (a title, a reference, an SMS, an image description) would print literally."""

_TAG = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?|!--.*?--)>", re.DOTALL)
"""Something a person meant as an HTML tag or comment (``<b>``, ``</i>``, ``<br/>``, ``<!-- x -->``);
``a < b`` and ``<5 days`` are text."""


def parse_plain(source: str, max_depth: int = DEFAULT_LIMITS.nesting) -> tuple[Inline, ...]:
    """Parse a plain-text unit: its text, with language spans; :class:`InlineError` for a bad span or
    for HTML markup (which a plain unit would print literally)."""
    if (tag := _TAG.search(source)) is not None:
        raise InlineError(f"raw HTML is not allowed (this text is printed as written): {excerpt(tag.group(0))}")
    for pattern, message in _PLAIN_MARKUP:
        if (found := pattern.search(source)) is not None:
            raise InlineError(f"{message}: {excerpt(found.group(0))}")
    source = source.replace("\t", " ")
    _check_span_attributes(source)
    if "]{" not in source:  # the common case, and the only one where nothing can be a span
        return _unread_spans((Text(source),)) if source else ()
    tokens = plain_parser().parseInline(source)
    children = tokens[0].children if tokens else None
    _check_depth(children or [], max_depth)
    return _unread_spans(_convert(children or []))


def deepest_inline(children: Sequence[Token]) -> int:
    """How deep the inline tokens of one unit nest (0: plain text; ``*a*``: 1; ``**[*a*](...)**``: 3)."""
    return max((token.level for token in children), default=0)


def _check_depth(children: Sequence[Token], max_depth: int) -> None:
    if deepest_inline(children) > max_depth:
        raise InlineError(
            f"emphasis, links and spans are nested more than {max_depth} deep ([limits] nesting in handoutkit.toml)"
        )


_UNREAD_SPAN = re.compile(r"\{\s*lang\s*=[^{}]*\}")
"""Span attributes left in the text: the span around them could not be read."""

_REFERENCE_LINK = re.compile(r"\[[^\[\]]+\]\[[^\[\]]*\]")
"""A reference-style link (``[words][label]``) left as text: handouts write links as ``[words](url)``."""


def _unread_spans(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """``inlines``, unless some text still looks like a language span the parser could not read
    (``[words]{lang=xx-!!}`` would otherwise print its markup), or holds a character the untrusted-text
    boundary refuses (one written as a character reference, ``&#x202E;``): then :class:`InlineError`."""
    for node in iter_inlines(inlines):
        if isinstance(node, Text) and (found := _UNREAD_SPAN.search(node.text)):
            raise InlineError(
                f"{excerpt(found.group(0))} could not be read as a language span: write [words]{{lang=xx}}"
            )
        if isinstance(node, Text) and "`" in node.text:
            raise InlineError("a backtick (`) is printed as written: code is not supported (for an apostrophe, type ')")
        if isinstance(node, Text) and (found := _REFERENCE_LINK.search(node.text)):
            raise InlineError(
                f"{excerpt(found.group(0))} looks like a reference-style link, which is printed as written: "
                "write [words](https://...)"
            )
        if isinstance(node, Text) and (unsafe := find_unsafe(node.text)) is not None:
            raise InlineError(unsafe.describe())
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
                    raise InlineError(f"link target {excerpt(target)} must start with {', '.join(LINK_SCHEMES)}")
                if problem := target_problem(target):
                    raise InlineError(f"link target {excerpt(target)} {problem}")
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
                raise InlineError(f"raw HTML is not allowed: {excerpt(token.content)}")
            case "code_inline":
                raise InlineError(f"code is not supported in handouts: {excerpt(token.content)}")
            case "image":
                raise InlineError("an image must stand alone in its own paragraph")
            case "s_open":
                raise InlineError("strikethrough (~~text~~) is not supported: remove the words, or say what is meant")
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

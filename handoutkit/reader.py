"""The reader: ``source/<slug>.md`` -> :class:`~handoutkit.model.Document` in the source language.

markdown-it tokens become typed blocks here and nowhere else. Whatever the reader does not support is
an error naming the file and line; nothing is silently dropped.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from markdown_it.tree import SyntaxTreeNode

from handoutkit.assets import AssetError, Assets
from handoutkit.errors import Problem, ProblemError
from handoutkit.files import read_input
from handoutkit.frontmatter import parse_front_matter
from handoutkit.i18n.digits import foreign_digit_problems
from handoutkit.inline import (
    InlineError,
    block_parser,
    deepest_inline,
    markdown_parser,
    parse_inline,
    parse_plain,
    unit_source,
)
from handoutkit.limits import DEFAULT_LIMITS, Limits, block_nesting_problem, size_problem
from handoutkit.model import (
    Block,
    BlockQuote,
    Document,
    Heading,
    Image,
    List,
    ListItem,
    Metadata,
    Origin,
    Paragraph,
    Reference,
    Text,
    TextUnit,
    UnitKind,
)
from handoutkit.review import source_review
from handoutkit.untrusted import excerpt, replace_unsafe, unsafe_problems

__all__ = ["SLUG", "SOURCE_DIR", "find_sources", "read_document", "read_text"]

SOURCE_DIR = "source"
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,80}$")
"""A handout's file name without ``.md``: lowercase letters, digits and hyphens, so outputs stay put."""

_UNSUPPORTED_BLOCKS = {
    "fence": "code blocks",
    "code_block": "code blocks",
    "hr": "horizontal rules (use a heading to start a new part)",
    "html_block": "raw HTML",
    "table": "tables",
}


def find_sources(project: Path) -> list[str]:
    """The slugs of every ``source/*.md`` file, sorted; a bad file name is an error."""
    folder = project / SOURCE_DIR
    if not folder.is_dir():
        return []
    slugs = []
    for path in sorted(folder.glob("*.md")):
        if not SLUG.match(path.stem):
            raise ProblemError.single(
                "slug",
                Origin(f"{SOURCE_DIR}/{path.name}", 0),
                "a handout's file name must be lowercase letters, digits and hyphens (e.g. 'lung-cancer.md')",
            )
        slugs.append(path.stem)
    return slugs


def read_document(
    project: Path, slug: str, source_lang: str, today: dt.date | None = None, limits: Limits = DEFAULT_LIMITS
) -> Document:
    """Read ``source/<slug>.md`` of ``project``; :class:`ProblemError` lists every problem found (a review
    dated after ``today``, default the real clock's, among them; a file larger than ``limits`` allow)."""
    if not SLUG.match(slug):
        raise ProblemError.single("slug", Origin(f"{SOURCE_DIR}/{slug}.md", 0), f"not a valid handout name: {slug!r}")
    path = f"{SOURCE_DIR}/{slug}.md"
    raw = read_input(project / path, path, root=project, limit=limits.handout_bytes)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ProblemError.single("encoding", Origin(path, line), "the file is not UTF-8 text") from None
    return read_text(text, path, slug, source_lang, Assets(project / SOURCE_DIR), today, limits)


def read_text(
    text: str,
    path: str,
    slug: str,
    source_lang: str,
    assets: Assets,
    today: dt.date | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Document:
    """Read a handout from its text (``path`` is used in messages and ``#:`` references); a review
    dated after ``today`` (default: the real clock's) is an error, and so is text that ``limits`` or the
    untrusted-text boundary (:mod:`handoutkit.untrusted`) refuse."""
    size = size_problem(
        len(text.encode("utf-8", "surrogatepass")), limits.handout_bytes, Origin(path, 0), "size",
        "the handout", "handout_bytes",
    )  # fmt: skip
    if size is not None:
        raise ProblemError([size])
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")  # a byte-order mark (or two)
    text = unicodedata.normalize("NFC", text)
    refused = unsafe_problems(text, path, "character")
    if refused:  # reported once, at their lines; the rest of the file is still read, without them
        text = replace_unsafe(text)
    builder = _Builder(path, source_lang, assets, today, limits, refused)
    tree = _checked_tree(text, path, limits, refused)
    children = list(tree.children)
    if not children or children[0].type != "front_matter":
        message = "a handout starts with front matter: '---', 'title: ...', '---'"
        raise ProblemError([*refused, Problem("front-matter", Origin(path, 1), message)])
    meta = builder.metadata(children[0])
    blocks = builder.blocks(children[1:])
    if builder.problems:
        raise ProblemError(sorted(builder.problems, key=lambda problem: problem.origin.line))
    doc = Document(
        slug=slug,
        path=path,
        lang=source_lang,
        source_lang=source_lang,
        meta=meta,
        blocks=blocks,
        units_total=builder.units,
        units_translated=builder.units,
    )
    return dataclasses.replace(doc, review=source_review(doc, builder.review_at))


def _checked_tree(text: str, path: str, limits: Limits, problems: list[Problem]) -> SyntaxTreeNode:
    """markdown-it's tree of ``text``, once sizes and depths are known to be within ``limits``: lists and
    quotes are measured on the text before any parsing (markdown-it takes quadratic time on deep ones),
    each block's inline text is measured after a block-only parse (its inline parse can be quadratic
    too), and inline nesting on the tokens, before the tree is built (``SyntaxTreeNode`` recurses once
    per level: ``*`` x 10,000 raises ``RecursionError``). :class:`ProblemError` with ``problems`` too."""
    found = list(problems)
    if (deep := block_nesting_problem(text, path, limits.nesting)) is not None:
        raise ProblemError([*found, deep])
    for token in block_parser().parse(text):
        if token.type == "inline" and token.map:
            line = token.map[0] + 1
            size = len(token.content.encode("utf-8", "surrogatepass"))
            what = "this paragraph" if "\n" in token.content else "this line"
            found.extend(
                problem
                for problem in [
                    size_problem(size, limits.message_bytes, Origin(path, line), "size", what, "message_bytes")
                ]
                if problem is not None
            )
    if len(found) > len(problems):
        raise ProblemError(found)
    env: dict[str, Any] = {}
    tokens = markdown_parser().parse(text, env)
    for label, definition in sorted(env.get("references", {}).items(), key=lambda item: item[1].get("map", [0])):
        line = int(definition.get("map", [0])[0]) + 1
        message = (
            f"a link reference definition ({excerpt(label.lower())}) is not supported: write the link "
            "where it is used, [words](https://...) (a translation could not keep a reference to it)"
        )
        found.append(Problem("source", Origin(path, line), message))
    for token in tokens:
        if token.type == "inline" and deepest_inline(token.children or []) > limits.nesting:
            line = token.map[0] + 1 if token.map else 0
            message = (
                f"emphasis, links and spans are nested more than {limits.nesting} deep "
                "([limits] nesting in handoutkit.toml)"
            )
            found.append(Problem("nesting", Origin(path, line), message))
    if len(found) > len(problems):
        raise ProblemError(found)
    return SyntaxTreeNode(tokens)


@dataclass
class _Builder:
    path: str
    lang: str
    assets: Assets
    today: dt.date | None = None
    limits: Limits = DEFAULT_LIMITS
    problems: list[Problem] = field(default_factory=list)
    review_at: Origin | None = None
    units: int = 0
    heading_level: int = 1
    anchors: set[str] = field(default_factory=set)

    def error(self, line: int, message: str, kind: str = "source") -> None:
        self.problems.append(Problem(kind, Origin(self.path, line), message))

    def unit(self, msgid: str, line: int, kind: UnitKind, *, markdown: bool = True) -> TextUnit:
        self.units += 1
        try:
            depth = self.limits.nesting
            inlines = parse_inline(msgid, depth) if markdown else parse_plain(msgid, depth)
        except InlineError as error:
            self.error(line, str(error))
            inlines = (Text(msgid),)
        for problem in foreign_digit_problems(msgid, self.lang):
            self.error(line, problem)
        return TextUnit(msgid, inlines, self.lang, Origin(self.path, line), kind, markdown)

    # ---------------------------------------------------------------- front matter

    def metadata(self, node: SyntaxTreeNode) -> Metadata:
        fm, problems = parse_front_matter(node.content, self.path, _line(node) + 1, self.today, self.limits)
        self.problems.extend(problems)
        if "reviewed_by" in fm.lines:
            self.review_at = Origin(self.path, fm.lines["reviewed_by"])
        title = self.unit(fm.title, fm.lines.get("title", 1), "title", markdown=False)
        summary = self.unit(fm.summary, fm.lines["summary"], "summary") if fm.summary else None
        sms = tuple(self.unit(text, line, "sms", markdown=False) for text, line in fm.sms)
        references = tuple(
            Reference(self.unit(ref.text, ref.line, "reference", markdown=False), ref.link) for ref in fm.references
        )
        return Metadata(
            title=title,
            summary=summary,
            sms=sms,
            sms_parts=fm.sms_parts,
            reviewed_by=fm.reviewed_by,
            reviewed_on=fm.reviewed_on,
            reviewed_digest=fm.reviewed_digest,
            updated=fm.updated,
            references=references,
        )

    # ---------------------------------------------------------------- blocks

    def blocks(self, nodes: list[SyntaxTreeNode]) -> tuple[Block, ...]:
        out: list[Block] = []
        for node in nodes:
            block = self.block(node)
            if block is not None:
                out.append(block)
        return tuple(out)

    def block(self, node: SyntaxTreeNode) -> Block | None:
        line = _line(node)
        match node.type:
            case "heading":
                return self.heading(node, line)
            case "paragraph":
                inline = node.children[0]
                image = _lone_image(inline)
                if image is not None:
                    return self.image(image, line)
                return Paragraph(self.unit(unit_source(inline.content), line, "paragraph"))
            case "bullet_list" | "ordered_list":
                return self.list(node)
            case "blockquote":
                return BlockQuote(self.blocks(list(node.children)))
            case "front_matter":
                self.error(line, "front matter is only allowed at the very start of the file")
            case kind:
                what = _UNSUPPORTED_BLOCKS.get(kind, kind)
                self.error(line, f"{what} are not supported in handouts")
        return None

    def heading(self, node: SyntaxTreeNode, line: int) -> Heading | None:
        level = int(node.tag[1])
        if level == 1:
            self.error(
                line,
                "a level-1 heading ('#') in the body: the title is the only level-1 heading; use '##'",
                "heading-order",
            )
            return None
        if level > self.heading_level + 1:
            self.error(
                line,
                f"heading level {level} follows level {self.heading_level}: a level is skipped "
                f"(use {'#' * (self.heading_level + 1)})",
                "heading-order",
            )
        self.heading_level = level
        msgid = unit_source(node.children[0].content)
        return Heading(level, self.unit(msgid, line, "heading"), self.anchor(msgid))

    def anchor(self, msgid: str) -> str:
        ascii_text = unicodedata.normalize("NFKD", msgid).encode("ascii", "ignore").decode()
        base = "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))[:48].strip("-") or "section"
        anchor, number = f"h-{base}", 2
        while anchor in self.anchors:
            anchor, number = f"h-{base}-{number}", number + 1
        self.anchors.add(anchor)
        return anchor

    def image(self, token: SyntaxTreeNode, line: int) -> Image | None:
        attrs = dict(token.attrs)
        src = str(attrs.pop("src", ""))
        attrs.pop("alt", None)
        classes = str(attrs.pop("class", "")).split()
        alt = "".join(child.content for child in token.children if child.type in ("text", "code_inline")).strip()
        if attrs or set(classes) - {"decorative"}:
            self.error(line, "images take no title or attributes other than {.decorative}")
        decorative = "decorative" in classes
        if (name_problem := _image_name_problem(src)) is not None:
            self.error(line, name_problem, "image")
            return None
        try:
            self.assets.resolve(src)
        except AssetError as error:
            self.error(line, f"image {error}", "image")
            return None
        except OSError as error:  # whatever the file system refuses: named by its reason, not its path
            self.error(
                line, f"image {excerpt(src)} cannot be opened: {error.strerror or type(error).__name__}", "image"
            )
            return None
        if decorative and alt:
            self.error(line, "an image marked {.decorative} must have empty alt text ('![]')", "alt-text")
        if not decorative and not alt:
            self.error(
                line,
                "an image needs alt text saying what it shows, or {.decorative} if it shows nothing a reader needs",
                "alt-text",
            )
            return None
        unit = (
            None
            if decorative
            else self.unit(unicodedata.normalize("NFC", alt), line, "image-description", markdown=False)
        )
        return Image(PurePosixPath(src), unit, Origin(self.path, line))

    def list(self, node: SyntaxTreeNode) -> List:
        items: list[ListItem] = []
        for item in node.children:
            line = _line(item)
            children = list(item.children)
            if not children or children[0].type != "paragraph" or _lone_image(children[0].children[0]):
                self.error(line, "a list item must start with its own text")
                continue
            content = self.unit(unit_source(children[0].children[0].content), _line(children[0]), "list-item")
            items.append(ListItem(content, self.blocks(children[1:])))
        start = int(node.attrs.get("start", 1)) if node.type == "ordered_list" else 1
        return List(ordered=node.type == "ordered_list", items=tuple(items), start=start)


_NAME_BYTES = 255
"""The longest file name most file systems take (ext4, APFS, NTFS): a longer one is refused by name,
before the file system answers ``OSError: File name too long``."""
_PATH_BYTES = 1024


def _image_name_problem(src: str) -> str | None:
    """Why an image reference cannot name a file under ``source/``, or None."""
    parts = src.split("/")
    if len(src.encode("utf-8", "surrogatepass")) > _PATH_BYTES:
        return f"image path {excerpt(src)} is longer than {_PATH_BYTES} bytes"
    for part in parts:
        if len(part.encode("utf-8", "surrogatepass")) > _NAME_BYTES:
            return f"image file name {excerpt(part)} is longer than {_NAME_BYTES} bytes (file systems refuse it)"
    return None


def _line(node: SyntaxTreeNode) -> int:
    return node.map[0] + 1 if node.map else 0


def _lone_image(inline: SyntaxTreeNode) -> SyntaxTreeNode | None:
    """The image token when a paragraph holds one image and nothing else."""
    significant = [c for c in inline.children if not (c.type == "text" and not c.content.strip())]
    if len(significant) == 1 and significant[0].type == "image":
        return significant[0]
    return None

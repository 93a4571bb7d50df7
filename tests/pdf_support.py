"""Helpers for the PDF exporter's tests: the fixture project, translated documents, one-off renders."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from exporters.pdf import PdfExporter
from exporters.pdf.fetcher import AssetRequests
from exporters.pdf.page import PageContent, page_content, printed_texts, printed_words
from handoutkit.context import RenderContext
from handoutkit.languages import parse_language
from handoutkit.model import Block, Document, Heading, Image, Isolate, Paragraph, Text, TextUnit, plain_text
from handoutkit.present.bidi import direction_of
from handoutkit.project import Project
from handoutkit.walk import iter_blocks, iter_inlines

DATA = Path(__file__).parent / "data" / "pdf"
FIXTURE = DATA / "project"
"""One short handout in five languages, every kind of block, informative and decorative images."""
REPO = Path(__file__).resolve().parent.parent
"""The project's own handouts and catalogs."""
SLUG = "pain-medicine-at-home"


@cache
def project(root: Path = FIXTURE) -> Project:
    return Project.load(root)


def translated(lang: str, slug: str = SLUG, root: Path = FIXTURE) -> tuple[Document, RenderContext]:
    """A document in ``lang`` and its render context, as the pipeline makes them."""
    language = parse_language(lang)
    return project(root).translate(slug, language).document, project(root).context(language)


def render(doc: Document, ctx: RenderContext) -> bytes:
    (output,) = PdfExporter().render(doc, ctx)
    assert output.suffix == ".pdf"
    return output.data


def write(tmp_path: Path, data: bytes, name: str = "handout.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def blocks(doc: Document) -> Iterator[Block]:
    """Every block, nested ones included, in reading order."""
    return iter_blocks(doc.blocks)


def headings(doc: Document) -> list[Heading]:
    return [b for b in blocks(doc) if isinstance(b, Heading)]


def images(doc: Document) -> list[Image]:
    return [b for b in blocks(doc) if isinstance(b, Image)]


def first_paragraph(doc: Document) -> Paragraph:
    return next(b for b in doc.blocks if isinstance(b, Paragraph))


def with_text(unit: TextUnit, text: str, lang: str | None = None) -> TextUnit:
    """``unit`` showing ``text`` (plain), optionally in another language."""
    return dataclasses.replace(unit, inlines=(Text(text),), lang=lang or unit.lang)


def replace_block(doc: Document, old: Block, new: Block | None) -> Document:
    """``doc`` with the top-level block ``old`` replaced by ``new`` (or removed)."""
    kept = tuple(new if block is old else block for block in doc.blocks if new is not None or block is not old)
    return dataclasses.replace(doc, blocks=kept)


def printed(doc: Document, ctx: RenderContext) -> PageContent:
    """What the PDF of ``doc`` prints (the exporter's own page content)."""
    return page_content(doc, ctx, AssetRequests(ctx.assets))


def foreign_parts(content: PageContent) -> list[tuple[str, str]]:
    """(text, language) of every piece of text the page prints in another language than the
    document's: a phrase marked ``{lang=en}``, the organization's name, a block left untranslated."""
    return [(text.text, text.lang) for text in printed_texts(content) if text.lang != content.view.lang]


def left_to_right_runs(content: PageContent) -> list[str]:
    """What must read left to right, in order, wherever it is printed: every isolated run short
    enough to stay on one line (a phone number, ``8%``, ``(NSCLC)``, a short web address) and every
    piece of text in a left-to-right language of its own (an English title)."""
    runs = [
        text
        for words in printed_words(content)
        for node in iter_inlines(words.inlines)
        if isinstance(node, Isolate) and node.direction == "ltr" and len(text := plain_text(node.children)) <= 30
    ]
    runs += [text for text, lang in foreign_parts(content) if direction_of(lang) == "ltr"]
    return runs

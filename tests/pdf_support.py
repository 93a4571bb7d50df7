"""Helpers for the PDF exporter's tests: the fixture project, translated documents, one-off renders."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from exporters.pdf import PdfExporter
from handoutkit.context import RenderContext
from handoutkit.languages import parse_language
from handoutkit.model import Block, BlockQuote, Document, Heading, Image, List, Paragraph, Text, TextUnit
from handoutkit.project import Project

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

    def walk(items: tuple[Block, ...]) -> Iterator[Block]:
        for block in items:
            yield block
            if isinstance(block, List):
                for item in block.items:
                    yield from walk(item.children)
            elif isinstance(block, BlockQuote):
                yield from walk(block.children)

    return walk(doc.blocks)


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

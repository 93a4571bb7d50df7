"""The pages of one document: a title page with the main message first, one page per H2 section, references.

A handout book has them at heading levels 1 (title) and 2 (sections); a collection pushes every part
down one level (``shift``) under the collection's own title.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from exporters.epub.book import NavEntry, Page
from exporters.epub.images import ImageStore
from exporters.epub.messages import MAIN_MESSAGE, REFERENCES
from exporters.epub.xhtml import attrs_for, heading_html, section_html
from exporters.html import HtmlOptions, blocks_html, unit_html
from handoutkit.context import RenderContext
from handoutkit.model import Block, Document, Heading, Paragraph
from handoutkit.notices import Notice, review_notices, updated_notice

__all__ = ["DocumentPages", "document_pages"]


@dataclass(frozen=True, slots=True)
class DocumentPages:
    """One document's pages in reading order, and its entry in the table of contents."""

    pages: tuple[Page, ...]
    toc: NavEntry
    """The document's title, with its sections (and their subsections) below it."""
    references: str | None
    """The references page's file name (None without references)."""


def _notice_html(notice: Notice, book_lang: str) -> Markup:
    """A review or update notice as a paragraph; the unreviewed warning is strong."""
    text = Markup("<strong>{}</strong>").format(notice.text) if notice.warning else Markup("{}").format(notice.text)
    return Markup('<p class="notice"{}>{}</p>').format(attrs_for(notice.lang, book_lang), text)


def _split_sections(blocks: Sequence[Block]) -> tuple[tuple[Block, ...], list[tuple[Heading, tuple[Block, ...]]]]:
    """The blocks before the first H2, then each H2 with the blocks up to the next one."""
    intro: list[Block] = []
    sections: list[tuple[Heading, list[Block]]] = []
    for block in blocks:
        if isinstance(block, Heading) and block.level == 2:
            sections.append((block, []))
        elif sections:
            sections[-1][1].append(block)
        else:
            intro.append(block)
    return tuple(intro), [(heading, tuple(rest)) for heading, rest in sections]


def _nest(headings: list[Heading], href: str) -> tuple[NavEntry, ...]:
    """Table-of-contents entries for a section's sub-headings, nested by level."""
    entries: list[NavEntry] = []
    index = 0
    while index < len(headings):
        heading = headings[index]
        end = index + 1
        while end < len(headings) and headings[end].level > heading.level:
            end += 1
        children = _nest(headings[index + 1 : end], href)
        entries.append(NavEntry(heading.content.text, heading.content.lang, f"{href}#{heading.anchor}", children))
        index = end
    return tuple(entries)


def document_pages(doc: Document, ctx: RenderContext, images: ImageStore, *, prefix: str, shift: int) -> DocumentPages:
    """The pages of ``doc``; file names start with ``prefix`` and headings move down ``shift`` levels."""
    lang = ctx.language.tag
    options = HtmlOptions(lang, image=images.html, xhtml=True, heading_shift=shift)
    intro, sections = _split_sections(doc.blocks)
    title = doc.meta.title

    front: list[Markup] = [blocks_html((Heading(1, title, "title"),), options)]
    summary = doc.meta.summary
    if summary is not None:
        front.append(
            Markup('<div class="summary">\n<p class="summary-label"{}><strong>{}</strong></p>\n{}\n</div>').format(
                attrs_for(ctx.ui.lang(MAIN_MESSAGE), lang),
                ctx.ui(MAIN_MESSAGE),
                blocks_html((Paragraph(summary),), options),
            )
        )
    front.extend(_notice_html(notice, lang) for notice in review_notices(doc, ctx.ui))
    updated = updated_notice(doc, ctx.ui)
    if updated is not None:
        front.append(_notice_html(updated, lang))
    if intro:
        front.append(blocks_html(intro, options))
    title_file = f"{prefix}title.xhtml"
    pages = [Page(title_file, title.text, title.lang, section_html("title", Markup("\n").join(front)))]

    children: list[NavEntry] = []
    for number, (heading, rest) in enumerate(sections, start=1):
        file_name = f"{prefix}section-{number:02d}.xhtml"
        body = blocks_html((heading, *rest), options)
        pages.append(Page(file_name, heading.content.text, heading.content.lang, section_html(heading.anchor, body)))
        # Headings inside a list or block quote belong to it, not to the section: the contents leave them out.
        sub = _nest([block for block in rest if isinstance(block, Heading)], file_name)
        children.append(NavEntry(heading.content.text, heading.content.lang, file_name, sub))

    references_file: str | None = None
    if doc.meta.references:
        references_file = f"{prefix}references.xhtml"
        pages.append(_references_page(doc, ctx, references_file, shift))
        children.append(NavEntry(ctx.ui(REFERENCES), ctx.ui.lang(REFERENCES), references_file))

    toc = NavEntry(title.text, title.lang, title_file, tuple(children))
    return DocumentPages(tuple(pages), toc, references_file)


def _references_page(doc: Document, ctx: RenderContext, file_name: str, shift: int) -> Page:
    lang = ctx.language.tag
    items = []
    for reference in doc.meta.references:
        text = unit_html(reference.text)
        if reference.link:
            text = Markup('<a href="{}">{}</a>').format(reference.link, text)
        items.append(Markup("<li{}>{}</li>").format(attrs_for(reference.text.lang, lang), text))
    title = heading_html(2 + shift, "references", ctx.ui(REFERENCES), ctx.ui.lang(REFERENCES), lang)
    body = Markup("{}\n<ol>\n{}\n</ol>").format(title, Markup("\n").join(items))
    extra = ' epub:type="bibliography" role="doc-bibliography"'
    return Page(file_name, ctx.ui(REFERENCES), ctx.ui.lang(REFERENCES), section_html("references", body, extra))

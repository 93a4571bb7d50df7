"""The pages of one handout, rendered from its view (:func:`handoutkit.present.view.handout_view`).

The view decides what the handout holds and in which order; a book gives it pages: a title page (the
view's title, main message, notices and introduction), one page per section, the references page,
and a table of contents made from the view's contents. A handout book has them at heading levels 1
(title) and 2 (sections); a collection pushes every part down one level (``shift``) under the
collection's own title.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import assert_never

from markupsafe import Markup

from exporters.epub.book import NavEntry, Page
from exporters.epub.contact import CONTACT_PAGE
from exporters.epub.images import ImageStore
from exporters.epub.xhtml import attrs_for, heading_html, label_html, paragraph_html, section_html
from handoutkit.model import Heading, Paragraph, Span
from handoutkit.present.html import HtmlOptions, blocks_html, inlines_html, words_html
from handoutkit.present.view import ContentsEntry, HandoutView, Notice

__all__ = ["DocumentPages", "document_pages"]

REFERENCES_ANCHOR = "references"
CONTACT_ANCHOR = "contact"


@dataclass(frozen=True, slots=True)
class DocumentPages:
    """One document's pages in reading order, and its entry in the table of contents."""

    pages: tuple[Page, ...]
    toc: NavEntry
    """The document's title, with the view's contents below it (the contact entry points at
    :data:`~exporters.epub.contact.CONTACT_PAGE`, which the book adds once)."""
    references: str | None
    """The references page's file name (None without references)."""


def _notice_html(notice: Notice, options: HtmlOptions) -> Markup:
    """A review or update notice as a paragraph; the unreviewed warning is strong."""
    return paragraph_html(notice.words, options, css_class="notice", strong=notice.warning)


def _title_page(view: HandoutView, file_name: str, options: HtmlOptions) -> Page:
    """The organization, the title, the main message, the notices and the introduction."""
    front: list[Markup] = []
    if view.organization is not None:
        # In the page's language and alignment; the name itself is tagged with its own language.
        name = view.organization
        words = name.inlines if name.lang == options.page_lang else (Span(name.lang, name.inlines),)
        front.append(Markup('<p class="organization">{}</p>').format(inlines_html(words, options)))
    front.append(blocks_html((Heading(1, view.title, "title"),), options))
    if view.main_message is not None and view.main_message_label is not None:
        front.append(
            Markup('<div class="summary">\n{}\n{}\n</div>').format(
                paragraph_html(view.main_message_label, options, css_class="summary-label", strong=True),
                blocks_html((Paragraph(view.main_message),), options),
            )
        )
    front.extend(_notice_html(notice, options) for notice in view.notices)
    if view.intro:
        front.append(blocks_html(view.intro, options))
    return Page(file_name, view.title.text, view.title.lang, section_html("title", Markup("\n").join(front)))


def _references_page(view: HandoutView, file_name: str, options: HtmlOptions) -> Page | None:
    label = view.references_label
    if label is None:
        return None
    items = Markup("\n").join(
        Markup("<li{}>{}</li>").format(attrs_for(reference.lang, options.page_lang), words_html(reference, options))
        for reference in view.references
    )
    body = Markup("{}\n<ol>\n{}\n</ol>").format(heading_html(2, REFERENCES_ANCHOR, label, options), items)
    extra = ' epub:type="bibliography" role="doc-bibliography"'
    return Page(file_name, label.text, label.lang, section_html(REFERENCES_ANCHOR, body, extra))


def _nav(
    entries: tuple[ContentsEntry, ...], files: Mapping[str, str], options: HtmlOptions, page: str = ""
) -> tuple[NavEntry, ...]:
    """Contents entries as table-of-contents entries: a section, the references and the contact
    details by their page (``files``, by anchor), a sub-section by its anchor on its section's page."""
    found: list[NavEntry] = []
    for entry in entries:
        match entry.kind:
            case "subsection":
                href, file_name = f"{page}#{entry.anchor}", page
            case "section" | "references" | "contact":
                href = file_name = files[entry.anchor]
            case _:
                assert_never(entry.kind)
        children = _nav(entry.children, files, options, file_name)
        found.append(NavEntry(label_html(entry.label, options), entry.label.lang, href, children))
    return tuple(found)


def document_pages(view: HandoutView, images: ImageStore, *, prefix: str, shift: int) -> DocumentPages:
    """The pages of the handout ``view`` shows; file names start with ``prefix`` and headings move down
    ``shift`` levels."""
    options = HtmlOptions(view.lang, image=images.html, xhtml=True, heading_shift=shift)
    title_file = f"{prefix}title.xhtml"
    pages = [_title_page(view, title_file, options)]
    files = {CONTACT_ANCHOR: CONTACT_PAGE}
    for number, section in enumerate(view.sections, start=1):
        file_name = f"{prefix}section-{number:02d}.xhtml"
        heading = section.heading
        body = blocks_html((heading, *section.blocks), options)
        pages.append(Page(file_name, heading.content.text, heading.content.lang, section_html(heading.anchor, body)))
        files[heading.anchor] = file_name

    references_file = f"{prefix}references.xhtml"
    references = _references_page(view, references_file, options)
    if references is not None:
        pages.append(references)
        files[REFERENCES_ANCHOR] = references_file

    toc = NavEntry(label_html(view.title, options), view.title.lang, title_file, _nav(view.contents, files, options))
    return DocumentPages(tuple(pages), toc, references_file if references is not None else None)

"""What a printed handout says, piece by piece, each piece with its language and where it came from.

:func:`page_content` gathers the title, the main message, the review status, the contents, the body,
the references and the organization's contact details; the template lays them out, and the font
check reads :func:`printed_texts` from the same object, so the two cannot disagree about what is
printed. Document text reaches the template as escaped markup made by :mod:`exporters.html`; the
interface words are plain strings that the template's autoescaping escapes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from markupsafe import Markup, escape

from exporters.html import HtmlOptions, blocks_html, other_lang_attrs, text_with_link, unit_html
from exporters.pdf.fetcher import AssetRequests
from exporters.pdf.keep import break_classes
from exporters.pdf.layout import PageLayout, page_layout
from exporters.pdf.links import address_printer
from handoutkit.config import CONFIG_FILE
from handoutkit.context import RenderContext
from handoutkit.i18n.messages import document_units
from handoutkit.i18n.po import catalog_path
from handoutkit.model import Document, Heading, Image, Origin, TextUnit
from handoutkit.notices import LINK_MESSAGES, Notice, contact_details, review_notices, updated_notice
from handoutkit.project import LOCALES_DIR
from handoutkit.ui import UI_DOMAIN

__all__ = ["PageContent", "Piece", "page_content", "printed_texts", "ui_origin"]

PAGE_NUMBER = "Page {page} of {pages}"
NO_ATTRS = Markup("")
CONTENTS_MIN_SECTIONS = 3
"""A contents list is printed when the handout has at least this many sections."""


@dataclass(frozen=True, slots=True)
class Piece:
    """A piece of printed text."""

    html: Markup
    text: str
    lang: str
    origin: Origin
    attrs: Markup = NO_ATTRS
    """`` lang=".." dir=".."`` when the piece is not in the document's language."""
    warning: bool = False


@dataclass(frozen=True, slots=True)
class ContentsEntry:
    anchor: str
    piece: Piece


@dataclass(frozen=True, slots=True)
class Reference:
    piece: Piece
    link: str | None


@dataclass(frozen=True, slots=True)
class PageContent:
    """Everything one handout prints, in reading order."""

    lang: str
    direction: str
    title: Piece
    organization: Piece | None
    logo: tuple[str, Piece] | None
    """The organization's logo: its URL and its text alternative."""
    summary_label: Piece | None
    summary: Piece | None
    notices: tuple[Piece, ...]
    contents_label: Piece | None
    contents: tuple[ContentsEntry, ...]
    body: Markup
    references_label: Piece | None
    references: tuple[Reference, ...]
    contact_label: Piece | None
    contact: tuple[Piece, ...]
    footer: Piece
    """The page number line with ``{page}`` and ``{pages}`` left in."""
    link_words: tuple[Piece, ...]
    """The words printed around a link's address (:mod:`exporters.pdf.links`), fields left empty."""
    created: str | None
    modified: str | None
    author: str
    keep_references: bool = False
    """Print the references on one page (they fit on one: the end of a handout can spare the space)."""

    @property
    def description(self) -> str:
        """The document's description: its main message ('' without one)."""
        return self.summary.text if self.summary is not None else ""


def ui_origin(ctx: RenderContext) -> Origin:
    """Where interface words of this language come from."""
    return Origin(catalog_path(Path(LOCALES_DIR), ctx.language.gettext, UI_DOMAIN).as_posix(), 0)


def page_content(
    doc: Document, ctx: RenderContext, requests: AssetRequests, layout: PageLayout | None = None
) -> PageContent:
    """The printed handout (images are allowed in ``requests`` as they are met).

    Links print their address after their words, and short lists are marked to stay on one page.
    """
    layout = layout or page_layout(ctx.settings.pdf)
    options = HtmlOptions(
        doc_lang=doc.lang,
        image=lambda image: _image_html(image, requests, options),
        block_class=break_classes(doc.blocks, layout.list_line_em, layout.keep_lines),
    )
    options = replace(options, link=address_printer(ctx.ui, options))

    def unit(content: TextUnit) -> Piece:
        origin = content.translated_at or content.origin
        return Piece(
            unit_html(content, options.link),
            content.text,
            content.lang,
            origin,
            other_lang_attrs(content.lang, options.doc_lang),
        )

    def ui(msgid: str, **values: str) -> Piece:
        return _piece(ctx.ui(msgid, **values), ctx.ui.lang(msgid), ui_origin(ctx), options)

    def notice(item: Notice) -> Piece:
        return replace(_piece(item.text, item.lang, ui_origin(ctx), options), warning=item.warning)

    meta = doc.meta
    settings = ctx.settings
    organization = settings.organization
    config_origin = Origin(CONFIG_FILE, 0)
    notices = [notice(n) for n in review_notices(doc, ctx.ui)]
    if (updated := updated_notice(doc, ctx.ui)) is not None:
        notices.append(notice(updated))
    sections = [b for b in doc.blocks if isinstance(b, Heading) and b.level == 2]
    if len(sections) < CONTENTS_MIN_SECTIONS:
        sections = []
    contact = contact_details(organization, ctx.ui)
    contact_lines: list[Piece] = []
    if contact.sentence is not None:
        contact_lines.append(_linked(notice(contact.sentence), contact.phone, contact.phone_uri))
    if contact.website is not None:
        contact_lines.append(_linked(notice(contact.website), contact.web, contact.web))
    body = blocks_html(doc.blocks, options)
    return PageContent(
        lang=doc.lang,
        direction=ctx.direction,
        title=unit(meta.title),
        organization=_piece(organization.name, doc.lang, config_origin, options) if organization.name else None,
        logo=_logo(organization.logo, organization.logo_alt, requests, config_origin, options),
        summary_label=ui("Main message") if meta.summary is not None else None,
        summary=unit(meta.summary) if meta.summary is not None else None,
        notices=tuple(notices),
        contents_label=ui("Contents") if sections else None,
        contents=tuple(ContentsEntry(h.anchor, unit(h.content)) for h in sections),
        body=body,
        references_label=ui("References") if meta.references else None,
        references=tuple(Reference(unit(r.text), r.link) for r in meta.references),
        contact_label=ui("Contact us") if contact_lines else None,
        contact=tuple(contact_lines),
        footer=ui(PAGE_NUMBER, page="{page}", pages="{pages}"),
        link_words=tuple(ui(message, text="", **{field: ""}) for message, field in LINK_MESSAGES.values()),
        created=_w3c(meta.updated),
        modified=_w3c(doc.last_changed),
        author=settings.publisher or organization.name,
    )


_BODY_KINDS = frozenset({"heading", "paragraph", "list-item"})
"""Body units the page prints as text (an image's description goes to /Alt, not onto the page)."""


def printed_texts(content: PageContent, doc: Document) -> Iterator[tuple[str, str, Origin]]:
    """(text, language, origin) for everything the page prints, the body's units included."""
    pieces: list[Piece | None] = [
        content.organization,
        content.title,
        content.summary_label,
        content.summary,
        *content.notices,
        content.contents_label,
        *(entry.piece for entry in content.contents),
        content.references_label,
        *(reference.piece for reference in content.references),
        content.contact_label,
        *content.contact,
        *content.link_words,
    ]
    for piece in pieces:
        if piece is not None:
            yield piece.text, piece.lang, piece.origin
    for reference in content.references:
        if reference.link:
            yield reference.link, content.lang, reference.piece.origin
    footer = content.footer  # printed in the page's own font set, whatever language it is in
    yield footer.text.replace("{page}", "0123456789").replace("{pages}", ""), content.lang, footer.origin
    for unit in document_units(doc):
        if unit.kind in _BODY_KINDS:  # the front matter's texts are printed through the pieces above
            yield unit.text, unit.lang, unit.translated_at or unit.origin


def _piece(text: str, lang: str, origin: Origin, options: HtmlOptions) -> Piece:
    return Piece(escape(text), text, lang, origin, other_lang_attrs(lang, options.doc_lang))


def _linked(piece: Piece, shown: str, target: str) -> Piece:
    """``piece`` with the first occurrence of ``shown`` made a link to ``target``."""
    return replace(piece, html=text_with_link(piece.text, shown, target))


def _logo(
    src: str, alt: str, requests: AssetRequests, origin: Origin, options: HtmlOptions
) -> tuple[str, Piece] | None:
    if not src:
        return None
    return requests.allow(src, origin), _piece(alt, options.doc_lang, origin, options)


def _image_html(image: Image, requests: AssetRequests, options: HtmlOptions) -> Markup:
    url = requests.allow(image.src, image.origin)
    if image.alt is None:
        return Markup('<img class="figure decorative" src="{}" alt="" />').format(url)
    attrs = other_lang_attrs(image.alt.lang, options.doc_lang)
    return Markup('<img class="figure" src="{}" alt="{}"{} />').format(url, image.alt.text, attrs)


def _w3c(value: dt.date | dt.datetime | None) -> str | None:
    """A W3C date (``2026-11-25`` or ``2026-11-25T10:00:00+00:00``) for the PDF's dates."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.isoformat(timespec="seconds")
    return value.isoformat()

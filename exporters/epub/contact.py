"""The organization's contact details as the book's last page."""

from __future__ import annotations

from markupsafe import Markup

from exporters.epub.book import Page
from exporters.epub.messages import CONTACT
from exporters.epub.xhtml import attrs_for, heading_html, section_html
from exporters.html import text_with_link
from handoutkit.context import RenderContext
from handoutkit.notices import Notice, contact_details

__all__ = ["CONTACT_PAGE", "contact_page"]

CONTACT_PAGE = "contact.xhtml"


def _linked(notice: Notice, words: str, href: str, book_lang: str) -> Markup:
    """The notice as a paragraph, with ``words`` (a phone number, an address) made a link to ``href``."""
    return Markup("<p{}>{}</p>").format(attrs_for(notice.lang, book_lang), text_with_link(notice.text, words, href))


def contact_page(ctx: RenderContext) -> Page | None:
    """A page with the organization's name, phone and website; None when none is configured."""
    lang = ctx.language.tag
    contact = contact_details(ctx.settings.organization, ctx.ui)
    if contact.empty:
        return None
    paragraphs: list[Markup] = []
    if contact.sentence is not None:
        paragraphs.append(_linked(contact.sentence, contact.phone, contact.phone_uri, lang))
    elif contact.name:
        paragraphs.append(Markup("<p>{}</p>").format(contact.name))
    if contact.website is not None:
        paragraphs.append(_linked(contact.website, contact.web, contact.web, lang))
    title = heading_html(2, "contact", ctx.ui(CONTACT), ctx.ui.lang(CONTACT), lang)
    body = section_html("contact", Markup("\n").join([title, *paragraphs]))
    return Page(CONTACT_PAGE, ctx.ui(CONTACT), ctx.ui.lang(CONTACT), body)

"""The organization's contact details, as the handout view gives them, on the book's last page."""

from __future__ import annotations

from dataclasses import replace

from markupsafe import Markup

from exporters.epub.book import Page
from exporters.epub.xhtml import heading_html, paragraph_html, section_html
from handoutkit.present.html import HtmlOptions
from handoutkit.present.view import HandoutView

__all__ = ["CONTACT_PAGE", "contact_page"]

CONTACT_PAGE = "contact.xhtml"


def contact_page(view: HandoutView, options: HtmlOptions) -> Page | None:
    """A page with the view's contact lines (the phone line, the website); None when there are none.

    Its heading is at level 2 whatever the book: in a collection it closes the book, not a part.
    """
    label = view.contact_label
    if label is None:
        return None
    options = replace(options, heading_shift=0)
    paragraphs = [paragraph_html(line, options) for line in view.contact]
    body = section_html("contact", Markup("\n").join([heading_html(2, "contact", label, options), *paragraphs]))
    return Page(CONTACT_PAGE, label.text, label.lang, body)

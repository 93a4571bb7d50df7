"""The words every long format prints around the content: review status and contact details.

Exporters lay these out their own way; the words and the rules for choosing them live here, once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from handoutkit.config import Organization
from handoutkit.model import Document
from handoutkit.ui import UiText

__all__ = ["UNREVIEWED", "Contact", "Notice", "contact_details", "review_notices", "tel_uri", "updated_notice"]

UNREVIEWED = "Not yet reviewed by a qualified reviewer."


@dataclass(frozen=True, slots=True)
class Notice:
    """A line of text in a known language."""

    text: str
    lang: str
    """BCP 47 tag of the language ``text`` is in."""
    warning: bool = False
    """True for the unreviewed notice, which formats make prominent."""


def review_notices(doc: Document, ui: UiText) -> tuple[Notice, ...]:
    """What to say about the document's review in its language.

    While it is unreviewed in this language: the one ``ui`` message "Not yet reviewed by a qualified
    reviewer." Otherwise who reviewed the source, and for a translation who reviewed that.
    """
    review = doc.review
    if not review.reviewed:
        return (Notice(ui(UNREVIEWED), ui.lang(UNREVIEWED), warning=True),)
    assert review.source_on is not None
    source = "Medical content reviewed by {name} on {date}."
    notices = [Notice(ui(source, name=review.source_by, date=ui.date(review.source_on)), ui.lang(source))]
    if review.is_translation and review.translation_on is not None:
        translation = "Translation reviewed by {name} on {date}."
        text = ui(translation, name=review.translation_by, date=ui.date(review.translation_on))
        notices.append(Notice(text, ui.lang(translation)))
    return tuple(notices)


def updated_notice(doc: Document, ui: UiText) -> Notice | None:
    """ "Updated <date>." from the front matter's ``updated``, or None."""
    if doc.meta.updated is None:
        return None
    message = "Updated {date}."
    return Notice(ui(message, date=ui.date(doc.meta.updated)), ui.lang(message))


@dataclass(frozen=True, slots=True)
class Contact:
    """The organization's contact details as one language shows them."""

    name: str
    phone: str
    phone_uri: str
    """``tel:`` address for the phone number ('' without a phone)."""
    web: str
    sentence: Notice | None
    """"Questions? Call <name> at <phone>." (None without a phone number)."""
    website: Notice | None
    """"Website: <address>" (None without a web address)."""

    @property
    def empty(self) -> bool:
        """True when nothing is configured."""
        return not (self.name or self.phone or self.web)


def contact_details(organization: Organization, ui: UiText) -> Contact:
    """The contact details for one language (the build works without any)."""
    sentence: Notice | None = None
    if organization.phone and organization.name:
        message = "Questions? Call {organization} at {phone}."
        text = ui(message, organization=organization.name, phone=organization.phone)
        sentence = Notice(text, ui.lang(message))
    elif organization.phone:
        message = "Questions? Call {phone}."
        sentence = Notice(ui(message, phone=organization.phone), ui.lang(message))
    website: Notice | None = None
    if organization.web:
        message = "Website: {address}"
        website = Notice(ui(message, address=organization.web), ui.lang(message))
    return Contact(
        name=organization.name,
        phone=organization.phone,
        phone_uri=tel_uri(organization.phone),
        web=organization.web,
        sentence=sentence,
        website=website,
    )


def tel_uri(phone: str) -> str:
    """A ``tel:`` URI for a written phone number (``+1 (555) 010-0199`` -> ``tel:+15550100199``)."""
    digits = re.sub(r"[^0-9+]", "", phone)
    return f"tel:{digits}" if re.search(r"\d", digits) else ""


LINK_MESSAGES = {
    "tel:": ("{text} (Phone: {number})", "number"),
    "mailto:": ("{text} (Email: {address})", "address"),
    "": ("{text} (Link: {address})", "address"),
}
"""The ``ui`` message that prints a link's address after its words, and the message's field for the
address, by the address's scheme (``""``: web addresses)."""


@dataclass(frozen=True, slots=True)
class LinkAddress:
    """How a format that cannot follow links (plain text, print) gives a link's address."""

    message: str
    """The ``ui`` message, with ``{text}`` for the link's words."""
    field: str
    """The message's field for the address (``number`` or ``address``)."""
    shown: str
    """The address as a reader can use it: a phone number, an email or web address."""


def link_address(target: str, words: str) -> LinkAddress | None:
    """How to print ``target`` after the link's ``words``; None when the words already say it."""
    scheme = next(prefix for prefix in LINK_MESSAGES if target.startswith(prefix))
    message, field = LINK_MESSAGES[scheme]
    shown = target.removeprefix(scheme)
    if not shown or _bare(target) in _bare(words):
        return None
    return LinkAddress(message, field, shown)


def _bare(address: str) -> str:
    """An address as people write it: no scheme, no ``www.``, no final slash, lower case."""
    address = re.sub(r"^(https?://|mailto:|tel:)", "", address.strip().lower())
    return address.removeprefix("www.").rstrip("/")

"""The rules for the words every format prints around the content: which status messages a
document gets, how a link's address is given where a link cannot be followed, ``tel:`` addresses.

The handout view (:mod:`handoutkit.present.view`) turns them into phrases; the words live here, once.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from handoutkit.model import Document
from handoutkit.ui import UiText

__all__ = [
    "LINK_MESSAGES",
    "UNREVIEWED",
    "LinkAddress",
    "Notice",
    "StatusMessage",
    "link_address",
    "review_notices",
    "status_messages",
    "tel_uri",
]

UNREVIEWED = "Not yet reviewed by a qualified reviewer."


@dataclass(frozen=True, slots=True)
class StatusMessage:
    """One ``ui`` message about the document's status, with the values of its placeholders."""

    msgid: str
    values: tuple[tuple[str, str], ...] = ()
    warning: bool = False
    """True for the unreviewed notice, which formats make prominent."""


@dataclass(frozen=True, slots=True)
class Notice:
    """A status line as plain text in a known language."""

    text: str
    lang: str
    """BCP 47 tag of the language ``text`` is in."""
    warning: bool = False


def status_messages(doc: Document, ui: UiText) -> tuple[StatusMessage, ...]:
    """What to say about the document's review in its language, then when it last changed.

    While it is unreviewed in this language: the one ``ui`` message "Not yet reviewed by a qualified
    reviewer." Otherwise who reviewed the source, and for a translation who reviewed that.
    """
    review = doc.review
    messages: list[StatusMessage] = []
    if not review.reviewed:
        messages.append(StatusMessage(UNREVIEWED, warning=True))
    else:
        assert review.source_on is not None  # reviewed implies a date
        messages.append(
            StatusMessage(
                "Medical content reviewed by {name} on {date}.",
                (("name", review.source_by), ("date", ui.date(review.source_on))),
            )
        )
        if review.is_translation and review.translation_on is not None:
            messages.append(
                StatusMessage(
                    "Translation reviewed by {name} on {date}.",
                    (("name", review.translation_by), ("date", ui.date(review.translation_on))),
                )
            )
    if doc.meta.updated is not None:
        messages.append(StatusMessage("Updated {date}.", (("date", ui.date(doc.meta.updated)),)))
    return tuple(messages)


def review_notices(doc: Document, ui: UiText) -> tuple[Notice, ...]:
    """The review lines of :func:`status_messages` as plain text (what the SMS data carries)."""
    return tuple(
        Notice(ui(m.msgid, **dict(m.values)), ui.lang(m.msgid), m.warning)
        for m in status_messages(doc, ui)
        if m.msgid != "Updated {date}."
    )


def tel_uri(phone: str) -> str:
    """A ``tel:`` URI for a written phone number (``+1 (555) 010-0199`` -> ``tel:+15550100199``)."""
    # Digits of any script (Arabic-Indic ٥٠٣ too) dial as ASCII digits.
    ascii_digits = "".join(str(unicodedata.digit(c)) if unicodedata.category(c) == "Nd" else c for c in phone)
    digits = re.sub(r"[^0-9+]", "", ascii_digits)
    return f"tel:{digits}" if re.search(r"[0-9]", digits) else ""


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
    if not shown or _says(words, target):
        return None
    return LinkAddress(message, field, shown)


def _bare(address: str) -> str:
    """An address as people write it: no scheme, no ``www.``, no final slash, lower case; a phone
    number as its digits alone (``(503) 555-0147`` says ``tel:5035550147``)."""
    if address.startswith("tel:"):
        return re.sub(r"[^0-9]", "", address)
    address = re.sub(r"^(https?://|mailto:)", "", address.strip().lower())
    return address.removeprefix("www.").rstrip("/")


def _says(words: str, target: str) -> bool:
    """Whether a link's words already give its address (a phone number with or without its country code)."""
    if target.startswith("tel:"):
        number, written = _bare(target), re.sub(r"[^0-9]", "", words)
        return len(written) >= 7 and number.endswith(written)
    return _bare(target) in _bare(words)

"""Links on paper: a link's address is printed after its words, since paper cannot be clicked.

``[our leaflet](https://clinic.example/leaflet)`` prints as "our leaflet (Link: https://clinic.example/leaflet)"
through the shared ``ui`` messages the text formats use; a link whose words already are its address
(``[cancer.org](https://cancer.org)``) prints once. Both the words and the address stay links.
"""

from __future__ import annotations

import re
from html import unescape

from markupsafe import Markup, escape

from exporters.html import HtmlOptions, lang_attrs
from handoutkit.ui import UiText

__all__ = ["LINK_MESSAGES", "print_addresses"]

LINK_MESSAGES = {
    "tel:": ("{text} (Phone: {number})", "number"),
    "mailto:": ("{text} (Email: {address})", "address"),
    "": ("{text} (Link: {address})", "address"),
}
"""The ui message, and its field for the address, by kind of address."""

_LINK = re.compile(r'<a href="([^"]*)">(.*?)</a>', re.S)
_TAGS = re.compile(r"<[^>]*>")
_WORDS, _ADDRESS = "\x00words\x00", "\x00address\x00"


def _bare(address: str) -> str:
    address = re.sub(r"^(https?://|mailto:|tel:)", "", address.strip().lower())
    return address.removeprefix("www.").rstrip("/")


def print_addresses(body: Markup, ui: UiText, doc_lang: str) -> Markup:
    """``body`` (markup from :func:`exporters.html.blocks_html`) with each link's address printed after it."""
    options = HtmlOptions(doc_lang=doc_lang, image=lambda image: Markup(""))

    def replace(match: re.Match[str]) -> str:
        target = unescape(match.group(1))
        words = unescape(_TAGS.sub("", match.group(2)))
        prefix = next(p for p in LINK_MESSAGES if target.startswith(p))
        message, field = LINK_MESSAGES[prefix]
        shown = target.removeprefix(prefix)
        if _bare(words) == _bare(target) or not shown:
            return match.group(0)
        lang = ui.lang(message)
        attrs = lang_attrs(lang, options) if lang != doc_lang else Markup("")
        out: list[str] = []
        for part in re.split(f"({_WORDS}|{_ADDRESS})", ui(message, text=_WORDS, **{field: _ADDRESS})):
            if part == _WORDS:
                out.append(match.group(0))
            elif part == _ADDRESS:
                out.append(Markup('<a href="{}">{}</a>').format(target, shown))
            elif part:
                out.append(Markup("<span{}>{}</span>").format(attrs, part) if attrs else escape(part))
        return "".join(out)

    return Markup(_LINK.sub(replace, str(body)))

"""Links on paper: a link's address is printed after its words, since paper cannot be clicked.

``[our leaflet](https://clinic.example/leaflet)`` prints as "our leaflet (Link: https://clinic.example/leaflet)"
through the core's choice of message (:func:`handoutkit.notices.link_address`), the one the text
format uses; a link whose words already say its address prints once. Both the words and the address
stay links.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from exporters.html import HtmlOptions, LinkHook, other_lang_attrs, plain_link
from handoutkit.notices import link_address
from handoutkit.ui import UiText

__all__ = ["address_printer"]

_WORDS, _ADDRESS = "\x00words\x00", "\x00address\x00"


def address_printer(ui: UiText, options: HtmlOptions) -> LinkHook:
    """The link hook for print: each link followed by its address, in the page's language."""

    def link(target: str, words: Markup, text: str) -> Markup:
        anchor = plain_link(target, words, text)
        address = link_address(target, text)
        if address is None:
            return anchor
        attrs = other_lang_attrs(ui.lang(address.message), options.doc_lang)
        out: list[Markup] = []
        for part in re.split(f"({_WORDS}|{_ADDRESS})", ui(address.message, text=_WORDS, **{address.field: _ADDRESS})):
            if part == _WORDS:
                out.append(anchor)
            elif part == _ADDRESS:
                out.append(plain_link(target, escape(address.shown), address.shown))
            elif part:
                out.append(Markup("<span{}>{}</span>").format(attrs, part) if attrs else escape(part))
        return Markup("").join(out)

    return link

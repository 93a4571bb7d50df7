"""Smart encoding: typographic punctuation and spaces swapped for GSM-7 look-alikes.

SMS gateways offer this so that one curly apostrophe does not turn a whole message into UCS-2 (and cut
each part from 153 characters to 67). Only punctuation, spaces and invisible characters are touched;
letters carry meaning (á, ç, ư) and are never changed. The swap is all or nothing: it is used only
when the whole message is GSM-7 afterwards.
"""

from __future__ import annotations

import unicodedata

from exporters.sms.gsm7 import is_gsm7

__all__ = ["SMART_REPLACEMENTS", "replace_typographic", "smart_encode"]

_QUOTES = dict.fromkeys("‘’‚‛‹›", "'") | dict.fromkeys("“”„‟«»", '"')
_DASHES = dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-")
_SPACES = dict.fromkeys(
    "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000", " "
)
_INVISIBLE = dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff", "")

SMART_REPLACEMENTS: dict[str, str] = {**_QUOTES, **_DASHES, **_SPACES, "…": "...", **_INVISIBLE}
"""Character -> its GSM-7 stand-in: curly and angle quotes, hyphens and dashes (and the minus sign),
the ellipsis, tabs and the other spaces; soft hyphens and zero-width characters are dropped."""

_TABLE = str.maketrans(SMART_REPLACEMENTS)


def replace_typographic(text: str) -> str:
    """``text`` in NFC with every character of :data:`SMART_REPLACEMENTS` replaced, whatever remains.

    The result is not normalized again: a mark that followed a removed character stays a mark (and
    keeps the message UCS-2) rather than merging into the letter before it.
    """
    return unicodedata.normalize("NFC", text).translate(_TABLE)


def smart_encode(text: str) -> str | None:
    """The replaced text when that makes the whole message GSM-7; None when some other character
    (a letter such as á, an emoji, a Chinese character) keeps it UCS-2 anyway."""
    replaced = replace_typographic(text)
    return replaced if all(is_gsm7(ch) for ch in replaced) else None

"""The GSM 7-bit default alphabet and its extension table (3GPP TS 23.038, section 6.2.1).

A character of the basic table costs one septet; a character of the extension table costs two (the
escape septet 0x1B, then its code). Everything else cannot be sent in GSM-7 at all.
"""

from __future__ import annotations

__all__ = ["BASIC", "ESCAPE", "EXTENSION", "is_gsm7", "septets"]

ESCAPE = 0x1B
"""The septet that announces a character of the extension table."""

# The basic table, one row of 16 positions per string, 0x00 to 0x7F. Position 0x1B is the escape
# septet, not a character: it is written here as a placeholder and left out of BASIC below.
_ROWS = (
    "@£$¥èéùìòÇ\nØø\rÅå",  # 0x00: capital Ç at 0x09 (lowercase ç is not in the table)
    "Δ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ",  # 0x10
    " !\"#¤%&'()*+,-./",  # 0x20: 0x24 is the currency sign ¤, not $
    "0123456789:;<=>?",  # 0x30
    "¡ABCDEFGHIJKLMNO",  # 0x40
    "PQRSTUVWXYZÄÖÑÜ§",  # 0x50
    "¿abcdefghijklmno",  # 0x60
    "pqrstuvwxyzäöñüà",  # 0x70
)

BASIC: dict[str, int] = {ch: row * 16 + col for row, text in enumerate(_ROWS) for col, ch in enumerate(text)}
"""Character -> septet, the 127 characters of the basic table."""
del BASIC["\x1b"]

EXTENSION: dict[str, int] = {
    "\f": 0x0A,  # form feed (page break)
    "^": 0x14,
    "{": 0x28,
    "}": 0x29,
    "\\": 0x2F,
    "[": 0x3C,
    "~": 0x3D,
    "]": 0x3E,
    "|": 0x40,
    "€": 0x65,
}
"""Character -> code after the escape septet: the extension table's characters, two septets each."""


def septets(ch: str) -> int:
    """How many septets one character costs in GSM-7 (1 or 2); 0 when it is not in either table."""
    if ch in BASIC:
        return 1
    if ch in EXTENSION:
        return 2
    return 0


def is_gsm7(ch: str) -> bool:
    """True when a character can be sent in GSM-7."""
    return ch in BASIC or ch in EXTENSION

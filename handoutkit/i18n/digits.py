"""Digits of the writing system a language uses: a Spanish "４" or "٤", or a mathematical "𝟒", reads as the
number to the facts, but not to every reader, and a phone cannot dial it."""

from __future__ import annotations

import unicodedata

__all__ = ["foreign_digit_problems"]

_NATIVE_DIGITS = {
    **dict.fromkeys(("ar", "fa", "ur", "ps", "ckb", "sd"), ((0x0660, 0x0669), (0x06F0, 0x06F9))),
    **dict.fromkeys(("hi", "mr", "ne", "sa"), ((0x0966, 0x096F),)),
    **dict.fromkeys(("bn", "as"), ((0x09E6, 0x09EF),)),
    "th": ((0x0E50, 0x0E59),),
    "my": ((0x1040, 0x1049),),
    "km": ((0x17E0, 0x17E9),),
    **dict.fromkeys(("zh", "ja", "ko"), ((0xFF10, 0xFF19),)),  # full-width digits in CJK typesetting
}
"""Digits other than ASCII that a language writes numbers in, by primary language subtag."""


def foreign_digit_problems(text: str, lang: str, kept: str = "") -> list[str]:
    """Digits in ``text`` of another writing system than ``lang``'s (those also in ``kept``, the source of
    a translation, excepted)."""
    native = _NATIVE_DIGITS.get(lang.replace("_", "-").split("-")[0].lower(), ())
    allowed = set(kept)
    foreign = [
        c
        for c in text
        if not c.isascii()
        and unicodedata.category(c) == "Nd"
        and c not in allowed
        and not any(low <= ord(c) <= high for low, high in native)
    ]
    if not foreign:
        return []
    shown = ", ".join(f"{c} (U+{ord(c):04X})" for c in dict.fromkeys(foreign))
    return [f"the digits {shown} are not written in {lang}: write numbers with the digits 0-9"]

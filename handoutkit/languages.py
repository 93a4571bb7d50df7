"""Languages: one value per language, in the two spellings the project needs.

gettext folders use underscores (``zh_Hans``); HTML ``lang``, PDF ``/Lang``, EPUB ``dc:language`` and
output folders use BCP 47 hyphens (``zh-Hans``). Babel knows which languages exist and which way
they are written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel import Locale

__all__ = [
    "Language",
    "LanguageError",
    "babel_tables_current",
    "language_script",
    "old_code_for",
    "parse_language",
    "text_direction",
]

# Letters, digits and one separator between parts: nothing that could name another folder.
_TAG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


class LanguageError(ValueError):
    """A language code that is malformed or that Babel does not know; ``replacement``: the code to
    write instead, when the code is an old or alternative one for it (``iw``: ``he``)."""

    def __init__(self, message: str, replacement: str | None = None) -> None:
        super().__init__(message)
        self.replacement = replacement


@dataclass(frozen=True, slots=True)
class Language:
    """A language the project builds.

    Only the two spellings are held; the direction and the names are Babel's, read from a table made
    from Babel's locale data (:mod:`handoutkit.language_table`), so that naming a language does not
    import Babel nor load its locale (a few hundred kilobytes); formatting numbers does (:attr:`locale`).
    """

    gettext: str
    """The gettext locale name, used for catalog folders: ``zh_Hans``."""
    tag: str
    """The BCP 47 tag, used in documents and output folders: ``zh-Hans``."""

    @property
    def direction(self) -> str:
        """``ltr`` or ``rtl``: the inline direction (HTML ``dir``, PDF and EPUB page progression). Babel
        says ``ttb`` for Mongolian script, whose lines run left to right when set vertically: ``ltr``."""
        return "rtl" if _facts(self.gettext)[2] == "rtl" else "ltr"

    @property
    def english_name(self) -> str:
        """The language's name in English: ``Chinese (Simplified)``."""
        return _facts(self.gettext)[0] or self.tag

    @property
    def native_name(self) -> str:
        """The language's name in itself: ``中文 (简体)``."""
        return _facts(self.gettext)[1] or self.tag

    @property
    def rtl(self) -> bool:
        """True for right-to-left scripts."""
        return self.direction == "rtl"

    @property
    def locale(self) -> Locale:
        """The Babel locale, for formatting dates and numbers."""
        return _locale(self.gettext)

    def __str__(self) -> str:
        return self.tag


@cache
def _facts(gettext: str) -> tuple[str, str, str]:
    """English name, own name and direction: from :mod:`handoutkit.language_table` while the Babel it
    was made from is installed (reading them from Babel loads the whole locale), else from Babel."""
    from handoutkit.language_table import NAMES

    if babel_tables_current() and gettext in NAMES:
        return NAMES[gettext]
    locale = _locale(gettext)
    return locale.english_name or "", locale.display_name or "", locale.text_direction


@cache
def babel_tables_current() -> bool:
    """True while the Babel that :mod:`handoutkit.language_table` and :mod:`handoutkit.date_table` were
    made from (together, by ``scripts/generate_babel_tables.py``) is the one installed: asked of the
    installed distributions, since importing Babel to read its version costs a text build a tenth of
    its time."""
    from handoutkit import date_table, language_table
    from handoutkit.installed import version

    return version("babel") == language_table.BABEL_VERSION == date_table.BABEL_VERSION


@cache
def _locale(gettext: str) -> Locale:
    """One Babel locale per language (its data, once read, stays with it)."""
    from babel import Locale

    return Locale.parse(gettext)


@cache
def parse_language(code: str) -> Language:
    """Parse ``zh-Hans`` or ``zh_Hans`` (any case of the separator) into a :class:`Language`.

    Raises :class:`LanguageError` for a malformed code or one that Babel does not know (which Babel
    answers from its list of locale files, without reading one), and for one Babel would rewrite into
    another language's code: ``und`` and the other codes for no one language, an unknown region
    (``ZZ``), an old or alternative code (``iw``: the message says to write ``he``), a variant it has no
    locale for. A region's script is filled in (``zh-TW`` is ``zh-Hant-TW``). A code spelled as one of
    Babel's locale names (any separator) is taken from :mod:`handoutkit.language_table` without asking
    Babel.
    """
    if not _TAG.match(code):
        raise LanguageError(f"not a language code: {code!r} (expected e.g. 'es', 'zh-Hans' or 'zh_Hans')")
    from handoutkit.language_table import NAMES

    gettext = code.replace("-", "_")
    if gettext in NAMES and babel_tables_current():
        return Language(gettext=gettext, tag=gettext.replace("_", "-"))
    written = gettext.split("_")
    if (meaning := _NOT_A_LANGUAGE.get(written[0].lower())) is not None:
        raise LanguageError(f"{code!r} means {meaning}: name the language the text is written in (e.g. 'es')")
    if "zz" in (part.lower() for part in written[1:]):
        raise LanguageError(f"{code!r} names an unknown region (ZZ): leave the region out, or name one")
    from babel import Locale, UnknownLocaleError, localedata
    from babel.core import get_global

    modern = None if localedata.exists(gettext) else get_global("language_aliases").get(written[0].lower())
    if modern is not None:
        message, replacement = _alias_message(code, modern.split("_"), written[1:])
        raise LanguageError(message, replacement)
    try:
        locale = Locale.parse(gettext)
    except (UnknownLocaleError, ValueError) as error:
        raise LanguageError(f"unknown language code: {code!r} ({error})") from None
    parts = _parts(locale)
    kept = {part.lower() for part in parts}
    if dropped := [part for part in written if part.lower() not in kept]:
        # No advice: leaving out a script or a variant can name another language (zh-Hant, zh-hakka).
        message = (
            f"{code!r}: Babel has no locale for {dropped[0]!r} in it (it would read the code as {'-'.join(parts)!r})"
        )
        raise LanguageError(message)
    return Language(gettext="_".join(parts), tag="-".join(parts))


def _parts(locale: Locale) -> list[str]:
    return [part for part in (locale.language, locale.script, locale.territory, locale.variant) if part]


def _alias_message(code: str, modern: list[str], rest: list[str]) -> tuple[str, str | None]:
    """Why an old or alternative code (``iw``) is refused, with the code to write when one is certain:
    Babel's modern form with the subtags the user wrote, taken as it is written (``iw-IL``: ``he-IL``)."""
    present = {part.lower() for part in modern}
    candidate = "-".join([*modern, *(part for part in rest if part.lower() not in present)])
    try:
        taken = parse_language(candidate).tag
    except LanguageError:
        taken = ""
    if taken.lower() == candidate.lower():
        return f"{code!r} is an old or alternative code for {taken!r}: write {taken!r}", taken
    if taken:
        return (
            f"{code!r} is an old or alternative code: Babel reads it as {taken!r}; "
            "write the code of the text's language",
            None,
        )
    return (
        f"unknown language code: {code!r} "
        f"(an old or alternative code for {candidate!r}, which Babel has no locale for)",
        None,
    )


def old_code_for(name: str) -> str | None:
    """The tag that ``name`` (a folder name such as ``iw`` or ``iw_IL``) is an old or alternative code
    for, when :func:`parse_language` names the one to write; None otherwise."""
    try:
        parse_language(name)
    except LanguageError as error:
        return error.replacement
    return None


_NOT_A_LANGUAGE = {
    "und": "'undetermined'",
    "mul": "'several languages'",
    "zxx": "'no linguistic content'",
    "mis": "'a language with no code'",
}
"""ISO 639's codes that name no one language: Babel reads ``und`` as American English."""


def text_direction(tag: str) -> str:
    """``rtl`` or ``ltr`` for a BCP 47 tag or gettext name."""
    return parse_language(tag).direction


def language_script(lang: str) -> str:
    """The ISO 15924 script a language is written in (``zh-Hans`` -> Hans, ``ar`` -> Arab)."""
    locale = parse_language(lang).locale
    if locale.script:
        return locale.script
    from babel.core import get_global

    likely = get_global("likely_subtags")
    for key in (f"{locale.language}_{locale.territory}", locale.language):
        if key in likely:
            subtags: str = likely[key]  # ``en_Latn_US``
            parts = subtags.split("_")
            if len(parts) > 1 and len(parts[1]) == 4:
                return parts[1]
    return "Latn"

"""Text that stands in for a translation without being one: a mark ("…", "-", "TODO"), a few words for a
paragraph, the source's words left in place, or another language's text (a catalog copied from the
wrong folder). Each would print as the patient's handout with no warning, so the translation is
rejected, like a changed fact (:mod:`handoutkit.i18n.meaning`). Every function is pure; the caller adds
the file and line.

What is compared is the text a reader would see: emphasis marks, link addresses and placeholders are
left out, and words the translator marked as another language (``[words]{lang=en}``) are not the
language's own words.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import cache

import regex

from handoutkit.i18n.terms import Term
from handoutkit.languages import LanguageError, language_script, parse_language
from handoutkit.untrusted import excerpt

__all__ = ["stand_in_problems"]

_SPAN = regex.compile(r"\[([^\[\]]*)\]\{[^{}]*\}")
_LINK = regex.compile(r"\[([^\[\]]*)\]\((?:[^()\s]|\([^()\s]*\))*\)")
_PLACEHOLDER = regex.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
_ADDRESS = regex.compile(r"(?:https?://|www\.)\S+|\S+@\S+|(?<!\S)[a-z0-9\-]+(?:\.[a-z0-9\-]+)+(?:/\S*)?", regex.I)
_MARKS = regex.compile(r"[*_`]+")
_WORD = regex.compile(r"[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*")
_HAN = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
_MARKER = regex.compile(
    r"\b(?:TODO|FIXME|TBD|XXX+)\b|^\W*(?:xx+|(?i:todo|fixme|translate(?: me)?|lorem ipsum))\W*(?::|$)"
)
"""A to-do marker: TODO, FIXME, TBD or XXX in capitals anywhere, or a text that is only a marker
("todo", "xxx", "todo: dịch"); "Todo lo que quiera saber" is Spanish."""

MIN_SHARE = 0.25
"""The fewest letters a translation may have for its source's, as a share (a Han character counts as
three letters: Chinese writes a text in about a third of the characters English needs)."""
MIN_SOURCE_LETTERS = 40
"""Below this many letters a source is a heading or a term, whose translation may well be short."""
SOURCE_SHARE = 0.75
"""The share of a translation's words that may be the source's own words before it reads as the source
left in place (names the project keeps as written, and words marked as another language, aside). A
reference, which may keep its English title unmarked as citation styles do, is not checked for it."""
MIN_FOREIGN = 12
"""In a language checked by its script only, the fewest letters of another script (in words the source
does not have) that make a text another language's: "E-mail：{address}" or "Tel：" is not."""

# Letters each language writes, besides a-z, in its own words (CLDR's main and auxiliary exemplars,
# lower case): a letter outside them is another language's, unless the translator marks those words as
# that language. A language not listed here is checked by its script only, and only a text that is
# mostly in another script is refused (an English title left unmarked in an Arabic reference is
# isolated by the presentation layer, and read out as it is written).
_LATIN_LETTERS = {
    "en": "àáâäçèéêëìíîïñòóôöùúûü",
    "es": "áéíñóúüàâäçèêëìîïòôöùû",
    "fr": "àâæçéèêëîïôœùûüÿáíñóú",
    "pt": "áâãàçéêíóôõúüèìòù",
    "de": "äöüßàáâçèéêëìíîïñòóôùú",
    "it": "àèéìíîòóùúç",
    "vi": "àáâãèéêìíòóôõùúýăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ",
}
_SIGNATURES = {
    "vi": (5, "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹĩũ"),
}
"""Languages whose texts of several words always show one of their own letters: Vietnamese marks the
tone of most syllables, so five words without one of the letters no other Latin-script language
shares (á, é, à, ã are Spanish, French or Portuguese too) are another language's (the source's words
and words marked as another language aside)."""
_SCRIPTS = {"Hans": "Han", "Hant": "Han", "Hani": "Han", "Jpan": "Han|Hiragana|Katakana", "Kore": "Hangul|Han"}


def stand_in_problems(
    source: str,
    translation: str,
    source_lang: str,
    lang: str,
    terms: Sequence[Term] = (),
    *,
    same_allowed: bool = False,
) -> list[str]:
    """Why ``translation`` (into ``lang``) of ``source`` (in ``source_lang``) is not a translation of it:
    messages for the translator, or [] when it is one. ``same_allowed`` (the entry's ``ignore-same``
    flag): the source's words may stay."""
    seen = _visible(translation, keep_spans=True)
    wanted = _visible(source, keep_spans=True)
    if not any(c.isalnum() for c in seen) and not _PLACEHOLDER.search(translation):
        if any(c.isalpha() for c in wanted):
            return [f"the translation has no words ({excerpt(translation)}): write the text, or leave it empty"]
        return []
    if (marker := _MARKER.search(seen)) is not None and not _MARKER.search(wanted):
        return [f"the translation is a placeholder ({excerpt(marker.group(0).strip())}), not a translation"]
    problems: list[str] = []
    have, need = _letters(seen), _letters(wanted)
    if need >= MIN_SOURCE_LETTERS and have < MIN_SHARE * need:
        problems.append(
            f"the translation is far shorter than its source ({excerpt(seen)}): part of the text is missing"
        )
    own = _visible(translation, keep_spans=False, terms=terms, lang=lang)
    source_words = {w.casefold() for w in _WORD.findall(_visible(source, False, terms))}
    foreign, in_foreign_words = _foreign_letters(own, lang, source_words)
    by_alphabet = lang.replace("_", "-").split("-")[0].casefold() in _LATIN_LETTERS
    own_letters = sum(c.isalpha() for w in _WORD.findall(own) if w.casefold() not in source_words for c in w)
    if foreign and (by_alphabet or (in_foreign_words >= MIN_FOREIGN and 2 * in_foreign_words > own_letters)):
        shown = ", ".join(foreign[:5])
        problems.append(
            f"it has letters {_name(lang)} does not write ({shown}): is it another language's text? "
            "(mark words left in another language as [words]{lang=xx})"
        )
    elif (signature := _SIGNATURES.get(lang.split("-")[0].casefold())) is not None:
        count, letters = signature
        words = [w for w in _WORD.findall(own) if w.casefold() not in source_words]
        if len(words) >= count and not any(c in letters for w in words for c in w.casefold()):
            problems.append(
                f"none of its {len(words)} words has a letter only {_name(lang)} writes ({letters[:12]}…): "
                "is it another language's text?"
            )
    if not same_allowed and lang.split("-")[0] != source_lang.split("-")[0]:
        words = [w.casefold() for w in _WORD.findall(_HAN.sub(" ", own)) if len(w) > 1]
        kept = [w for w in words if w in source_words]
        if len(kept) >= 4 and len(kept) >= SOURCE_SHARE * (len(words) + len(_HAN.findall(own))):
            problems.append(
                f"{len(kept)} of its {len(words)} words are the source's, left untranslated "
                f"({', '.join(dict.fromkeys(kept[:6]))})"
            )
    return problems


def _visible(text: str, keep_spans: bool, terms: Sequence[Term] = (), lang: str = "") -> str:
    """The words a reader sees: link words without addresses, no emphasis marks or placeholders;
    spans marked as another language kept (``keep_spans``) or left out, and so are ``terms`` (as
    accepted in ``lang``; as the source writes them when ``lang`` is '')."""
    text = unicodedata.normalize("NFC", text)
    text = _LINK.sub(r"\1", text)
    text = _SPAN.sub(r"\1" if keep_spans else " ", text)
    text = _PLACEHOLDER.sub(" ", text)
    text = _ADDRESS.sub(" ", text)
    forms = {form for term in terms for form in (term.accepted(lang) if lang else (term.text,))}
    for form in sorted(forms, key=len, reverse=True):  # NSCLC before SCLC
        text = text.replace(form, " ")
    return _MARKS.sub("", text)


def _letters(text: str) -> int:
    """Letters, a Han (or kana, Hangul) character counting as three."""
    return sum(3 if _HAN.match(c) else 1 for c in text if c.isalpha())


def _foreign_letters(text: str, lang: str, source_words: set[str]) -> tuple[list[str], int]:
    """The letters of ``text`` that ``lang`` does not write, in order, and how many letters the words
    holding them have: a word the source has (a name kept as written) and an abbreviation in capitals in
    a text of another script (PET, NSCLC) aside."""
    allowed = _allowed(lang)
    if allowed is None:
        return [], 0
    found: dict[str, None] = {}
    letters = 0
    for word in _WORD.findall(text):
        abbreviation = len(word) > 1 and all(c.isupper() for c in word)  # not "IV期": Han has no case
        if word.casefold() in source_words or (abbreviation and allowed.match("a") is None):
            continue
        if outside := [c for c in word if c.isalpha() and c not in "ºª" and allowed.match(c) is None]:
            found.update(dict.fromkeys(outside))
            letters += sum(c.isalpha() for c in word)
    return list(found), letters


@cache
def _allowed(lang: str) -> regex.Pattern[str] | None:
    """A letter of ``lang``'s own words: its script's, and for a Latin-script language listed in
    :data:`_LATIN_LETTERS`, only a-z and its own letters (upper case too). None for a code Babel does not know."""
    base = lang.replace("_", "-").split("-")[0].casefold()
    if base in _LATIN_LETTERS:
        return regex.compile(f"[a-z{_LATIN_LETTERS[base]}]", regex.IGNORECASE)
    try:
        script = language_script(lang)
    except LanguageError:
        return None
    names = _SCRIPTS.get(script, script)
    scripts = "".join(rf"\p{{scx={name}}}" for name in names.split("|"))
    return regex.compile(rf"[{scripts}\p{{Script=Common}}\p{{Script=Inherited}}]")


def _name(lang: str) -> str:
    """The language's English name (from the project's language table: no Babel locale is loaded)."""
    try:
        return parse_language(lang).english_name
    except LanguageError:
        return lang

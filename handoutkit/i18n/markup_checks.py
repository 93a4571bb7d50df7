"""Markup that would print as typed, and text left untranslated: the two ways besides changed facts in
which a translation shows what its source does not (:mod:`handoutkit.i18n.meaning` compares the facts)."""

from __future__ import annotations

import unicodedata

import regex
from markdown_it.token import Token

from handoutkit.i18n.facts import CJK
from handoutkit.inline import markdown_parser

__all__ = [
    "block_markup_problems",
    "markup_problems",
    "typed_mark_problems",
    "untranslated_problem",
    "without_link_targets",
]

# ------------------------------------------------------------------ markup and untranslated text

_LINK_TARGET = regex.compile(r"\]\((?:[^()\s]|\([^()\s]*\))*\)")


def without_link_targets(markdown: str) -> str:
    """``markdown`` with each link's address removed (``[words](address)`` -> ``[words]``)."""
    return _LINK_TARGET.sub("]", markdown)


def markup_problems(source_md: str, translation_md: str) -> list[str]:
    """Markup of ``translation_md`` that would print as typed where the source's does not: an unmatched
    ``**``, ``*`` or ``_``, or the brackets of a link that do not match."""
    want, have = _literal_marks(source_md), _literal_marks(translation_md)
    problems: list[str] = []
    if have.count("*") > want.count("*"):
        pair = "**" in have
        what = "** would print as literal asterisks" if pair else "* would print as a literal asterisk"
        problems.append(f"an unmatched {what}{_near(have, '**' if pair else '*')}")
    if have.count("_") > want.count("_"):
        problems.append(f"an unmatched _ would print as a literal underscore{_near(have, '_')}")
    for bracket in "[]":
        if have.count(bracket) > want.count(bracket):
            problems.append(
                f"the brackets of a link do not match: {bracket} would print as typed{_near(have, bracket)}"
            )
            break
    return problems


_OPEN_SPAN = regex.compile(r"\]\{(?![^{}\n]*\})")
"""A span's attribute brace that is never closed (``[words]{lang=en`` and then text)."""
_FULL_WIDTH_MARKS = regex.compile(r"[＊＿]{1,2}")


def typed_mark_problems(source: str, translation: str, markdown: bool) -> list[str]:
    """Marks that a translation types where the source has none and that would print as typed: a
    language span left open (``[words]{lang=en``, ``]{`` with no closing brace) in any text, and in
    Markdown full-width asterisks or underscores (``＊＊不是＊＊``, as a Chinese or Japanese input method
    types them) meant as emphasis."""
    problems: list[str] = []
    if len(_OPEN_SPAN.findall(translation)) > len(_OPEN_SPAN.findall(source)):
        problems.append(
            f"a language span is not closed: write [words]{{lang=xx}}, or it prints as typed{_near(translation, ']{')}"
        )
    if markdown and (mark := _FULL_WIDTH_MARKS.search(translation)) and not _FULL_WIDTH_MARKS.search(source):
        half = "*" * len(mark.group(0)) if "＊" in mark.group(0) else "_" * len(mark.group(0))
        problems.append(
            f"full-width {mark.group(0)} would print as typed, not as emphasis: write {half} "
            f"(switch the input method to half-width){_near(translation, mark.group(0))}"
        )
    return problems


_BLOCK_MARK = regex.compile(
    r"(?m)^[ \t]{0,3}(#{1,6}(?=[ \t]|$)|[-*+](?=[ \t])|>)|(?<=\n)[ \t]{0,3}(\d{1,2}[.)])(?=[ \t])"
)
"""What block Markdown looks like at the start of a line: a heading's ``#``, a bullet, a quote's ``>``, or
(on a line of its own, so that "911. Llame" opening a text is words) a number and a dot."""

_BLOCK_NAMES = {"#": "a heading's #", ">": "a quote's >"}


def block_markup_problems(source: str, translation: str) -> list[str]:
    """Block Markdown typed into a translation where the source has none: a translation is one block
    (a paragraph, a heading, an item, a title), so ``## ...``, ``- item`` or a blank line there would
    print as typed, or run two paragraphs into one."""
    problems: list[str] = []
    wanted = [m.group(1) or m.group(2) for m in _BLOCK_MARK.finditer(source)]
    for match in _BLOCK_MARK.finditer(translation):
        mark = match.group(1) or match.group(2)
        if mark in wanted:
            wanted.remove(mark)
            continue
        what = _BLOCK_NAMES.get(mark[0], "a list item's marker")
        problems.append(f"{what} ({mark!r} at the start of a line) would print as typed{_near(translation, mark)}")
        break
    underline = r"(?m)\n[ \t]{0,3}(?:=+|-{2,})[ \t]*$"
    if regex.search(underline, translation) and not regex.search(underline, source):
        problems.append("a line of = or - under the text would print as typed (a translation cannot make a heading)")
    if regex.search(r"\n[ \t]*\n", translation) and not regex.search(r"\n[ \t]*\n", source):
        problems.append("a blank line would run two paragraphs into one (translate the text as one block)")
    return problems


def _literal_marks(markdown: str) -> str:
    """The text a reader would see of ``markdown`` (tokens joined by a line break)."""
    tokens: list[Token] = markdown_parser().parseInline(unicodedata.normalize("NFC", markdown))
    children = (tokens[0].children or []) if tokens else []
    return "\n".join(token.content for token in children if token.type == "text")


def _near(text: str, mark: str) -> str:
    index = text.find(mark)
    start, end = max(0, index - 20), min(len(text), index + len(mark) + 20)
    snippet = text[start:end].replace("\n", " ")
    return f' (near "{"…" if start else ""}{snippet}{"…" if end < len(text) else ""}")'


def untranslated_problem(source: str, translation: str, min_words: int = 4) -> str | None:
    """A message when ``translation`` is ``source`` left as it is (ignoring case, spacing, emphasis
    markers and link addresses) and the source has at least ``min_words`` words; else None.

    A translation that marks the text as the source language with a span (``[...]{lang=en}``) is not
    the same text: readers and screen readers are told it is English.
    """
    plain = _plain(source)
    if plain != _plain(translation) or _words(plain) < min_words:
        return None
    shown = source if len(source) <= 60 else source[:57].rsplit(maxsplit=1)[0] + "…"
    return f'the translation is the source text, not translated: "{shown}"'


def _plain(markdown: str) -> str:
    text = regex.sub(r"[*_]+", "", without_link_targets(unicodedata.normalize("NFC", markdown)))
    return " ".join(text.split()).casefold()


def _words(text: str) -> int:
    cjk = len(CJK.findall(text))
    return cjk + sum(1 for word in CJK.sub(" ", text).split() if any(c.isalpha() for c in word))

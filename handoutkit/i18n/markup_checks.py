"""Markup that would print as typed, and text left untranslated: the two ways besides changed facts in
which a translation shows what its source does not (:mod:`handoutkit.i18n.meaning` compares the facts)."""

from __future__ import annotations

import unicodedata

import regex
from markdown_it.token import Token

from handoutkit.i18n.facts import CJK
from handoutkit.inline import markdown_parser

__all__ = ["markup_problems", "untranslated_problem", "without_link_targets"]

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

"""Translation: a source Document and a catalog give a translated Document and its coverage.

Each msgstr is parsed again as inline Markdown, exactly like the source. Fuzzy and empty entries are
not translations; a translation whose links differ from the source's, that holds raw HTML, or that
drops a placeholder is rejected with a warning naming the .po file and line. A unit without a usable
translation keeps its source text and its source language, so exporters can tag it.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from handoutkit.errors import Problem
from handoutkit.i18n.po import Catalog, usable
from handoutkit.i18n.terms import Term
from handoutkit.i18n.translation_review import translation_review
from handoutkit.inline import InlineError, parse_inline, parse_plain
from handoutkit.languages import Language
from handoutkit.model import (
    Document,
    Inline,
    Origin,
    TextUnit,
)
from handoutkit.ui import fill, has_stray_brace, placeholders
from handoutkit.untrusted import excerpt
from handoutkit.walk import link_targets, map_units

if TYPE_CHECKING:
    import polib

__all__ = [
    "RAW_HTML",
    "Coverage",
    "Translation",
    "check_entry",
    "plain_text_problem",
    "stray_brace_problem",
    "translate_document",
    "ui_meaning_problem",
]

RAW_HTML = re.compile(r"<\s*/?\s*[A-Za-z!?][^>]*>")


@dataclass(frozen=True, slots=True)
class Coverage:
    """How much of a document a catalog translates (counted per unit)."""

    total: int
    translated: int
    fuzzy: int
    rejected: int

    @property
    def untranslated(self) -> int:
        return self.total - self.translated - self.fuzzy - self.rejected

    @property
    def percent(self) -> float:
        return 100.0 if self.total == 0 else 100.0 * self.translated / self.total


@dataclass(frozen=True, slots=True)
class Translation:
    """A translated document, its coverage and the translations that were rejected."""

    document: Document
    coverage: Coverage
    problems: tuple[Problem, ...]


def check_entry(
    unit: TextUnit, entry: polib.POEntry, catalog: Catalog, lang: str = "", terms: Sequence[Term] = ()
) -> tuple[tuple[Inline, ...] | None, Problem | None]:
    """Parse an entry's msgstr for ``unit`` (translated into ``lang``): its inlines, or the problem that
    rejects it. A translation that changes what a patient acts on (a number, a unit, a phone number, an
    address, a do-not-translate term), that prints markup as typed, or that leaves a text of several
    words in the source language (unless flagged ``ignore-same``, Weblate's flag) is rejected too."""
    inlines, problem = _parse_entry(unit, entry, catalog)
    if problem is not None or inlines is None or not lang:
        return inlines, problem
    # The meaning checks are loaded by the first translation they compare: a build of the source
    # language alone never loads them.
    from handoutkit.i18n.markup_checks import typed_mark_problems
    from handoutkit.i18n.meaning import block_markup_problems, markup_problems, meaning_problems, untranslated_problem
    from handoutkit.i18n.stand_ins import stand_in_problems

    where = catalog.origin(entry)
    text = unicodedata.normalize("NFC", entry.msgstr.strip())
    found = meaning_problems(
        _compared(unit.msgid, unit.markdown), _compared(text, unit.markdown), unit.lang, lang, terms
    )
    found += block_markup_problems(unit.msgid, text)
    found += typed_mark_problems(unit.msgid, text, unit.markdown)
    if unit.markdown:
        found += markup_problems(unit.msgid, text)
    if SAME_FLAG not in entry.flags and (same := untranslated_problem(unit.msgid, text)) is not None:
        found.append(f"{same} (flag the entry '{SAME_FLAG}' if that is intended)")
    same_allowed = SAME_FLAG in entry.flags or unit.kind == "reference"  # a citation keeps its title
    found += stand_in_problems(unit.msgid, text, unit.lang, lang, terms, same_allowed=same_allowed)
    if found:
        return None, Problem("meaning", where, "translation rejected: " + "; ".join(found), "warning")
    return inlines, None


SAME_FLAG = "ignore-same"
"""The flag a translator sets on an entry meant to read as the source does (Weblate's own flag for its
"Unchanged translation" check)."""


def _compared(text: str, markdown: bool) -> str:
    """The words whose facts are compared: link addresses are checked apart, as link targets."""
    from handoutkit.i18n.markup_checks import without_link_targets

    return without_link_targets(text) if markdown else text


def _parse_entry(
    unit: TextUnit, entry: polib.POEntry, catalog: Catalog
) -> tuple[tuple[Inline, ...] | None, Problem | None]:
    """An entry's msgstr parsed for ``unit``, or the structural problem that rejects it."""
    where = catalog.origin(entry)
    text = unicodedata.normalize("NFC", entry.msgstr.strip())

    def reject(kind: str, message: str) -> tuple[None, Problem]:
        return None, Problem(kind, where, f"translation rejected: {message}", "warning")

    if not unit.markdown:
        problem = plain_text_problem(unit.msgid, text, where)
        if problem is not None:
            return None, problem
        try:
            return parse_plain(text, catalog.limits.nesting), None
        except InlineError as error:
            return reject("markdown", str(error))
    try:
        inlines = parse_inline(text, catalog.limits.nesting)
    except InlineError as error:
        kind = "raw-html" if "raw HTML" in str(error) else "markdown"
        return reject(kind, str(error))
    source_links = Counter(link_targets(unit.inlines))
    if Counter(link_targets(inlines)) != source_links:
        found = ", ".join(link_targets(inlines)) or "none"
        wanted = ", ".join(link_targets(unit.inlines)) or "none"
        return reject("link-target", f"its links ({found}) differ from the source's ({wanted})")
    problem = _placeholder_problem(unit.msgid, text, where)
    return (None, problem) if problem is not None else (inlines, None)


def plain_text_problem(msgid: str, text: str, where: Origin) -> Problem | None:
    """Why a plain-text translation (title, SMS, reference, interface word) is rejected, or None."""
    if match := RAW_HTML.search(text):
        return Problem(
            "raw-html", where, f"translation rejected: raw HTML is not allowed: {excerpt(match.group(0))}", "warning"
        )
    return _placeholder_problem(msgid, text, where)


def ui_meaning_problem(
    msgid: str, text: str, source_lang: str, lang: str, terms: Sequence[Term], where: Origin
) -> Problem | None:
    """Why an interface word's translation is rejected for its facts: a phone number, web address or
    number the source message does not have (``...al 555-0199 (antes {phone})``, ``(enlace:
    https://evil.example/{address})``); each placeholder is compared as a sample value of its kind."""
    from handoutkit.i18n.meaning import meaning_problems

    def sample(message: str) -> str:  # each placeholder as a value of its kind, the same on both sides
        return fill(message, {name: _SAMPLES.get(name, " Xyz ") for name in placeholders(message)})

    from handoutkit.i18n.stand_ins import stand_in_problems

    found = meaning_problems(sample(msgid), sample(text), source_lang, lang, terms)
    found += stand_in_problems(msgid, text, source_lang, lang, terms)
    if not found:
        return None
    return Problem("meaning", where, "translation rejected: " + "; ".join(found), "warning")


_SAMPLES = {"address": "https://example.org/page", "phone": "(555) 010-2345", "number": "7", "pages": "7", "page": "7"}
"""What a placeholder stands for in the meaning check of an interface word: text stuck to it changes
what the reader sees ("{address}.evil.io", "{phone}9", "{number}{number}") and is compared like any."""


def stray_brace_problem(msgid: str, text: str, where: Origin) -> Problem | None:
    """Why an interface word's translation is rejected for a brace that is no ``{name}`` placeholder
    (``{0}``, ``{phone:>40}``, a lone ``{``): it would be printed as typed."""
    if not has_stray_brace(text) or has_stray_brace(msgid):
        return None
    message = f"translation rejected: a brace that is no {{name}} placeholder: {excerpt(text)} (write {{{{ for a brace)"
    return Problem("placeholder", where, message, "warning")


def _placeholder_problem(msgid: str, text: str, where: Origin) -> Problem | None:
    if placeholders(msgid) == placeholders(text):
        return None
    wanted = ", ".join(f"{{{p}}}" for p in placeholders(msgid)) or "none"
    found = ", ".join(f"{{{p}}}" for p in placeholders(text)) or "none"
    message = f"translation rejected: its placeholders ({found}) differ from the source's ({wanted})"
    return Problem("placeholder", where, message, "warning")


def translate_document(
    doc: Document,
    catalog: Catalog | None,
    language: Language,
    terms: Sequence[Term] = (),
    ui: Catalog | None = None,
) -> Translation:
    """``doc`` (in its source language) translated into ``language`` with ``catalog``; ``terms`` are the
    project's do-not-translate terms; ``ui``: the language's interface words, which its review covers."""
    entries = catalog.entries if catalog is not None else {}
    problems: list[Problem] = []
    counts = Counter[str]()

    def unit(source: TextUnit) -> TextUnit:
        entry = entries.get(source.msgid)
        if entry is None or catalog is None or not entry.msgstr.strip():
            counts["missing"] += 1
            return source
        if not usable(entry):
            counts["fuzzy"] += 1
            return source
        inlines, problem = check_entry(source, entry, catalog, language.tag, terms)
        if problem is not None or inlines is None:
            counts["rejected"] += 1
            if problem is not None:
                problems.append(problem)
            return source
        counts["translated"] += 1
        return dataclasses.replace(source, inlines=inlines, lang=language.tag, translated_at=catalog.origin(entry))

    mapped = map_units(doc, unit)
    coverage = Coverage(doc.units_total, counts["translated"], counts["fuzzy"], counts["rejected"])
    review = translation_review(doc, catalog, coverage.total - coverage.translated, ui)
    translated = dataclasses.replace(
        doc,
        lang=language.tag,
        meta=mapped.meta,
        blocks=mapped.blocks,
        review=review,
        revised=catalog.revised if catalog else None,
        units_translated=coverage.translated,
    )
    return Translation(translated, coverage, tuple(problems))

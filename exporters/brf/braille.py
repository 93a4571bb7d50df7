"""A handout in braille: translated paragraphs (for the check and for tools) and the pages of its BRF file.

The handout view (:mod:`handoutkit.present.view`, links spelled out the first time) becomes braille
paragraphs (:mod:`exporters.brf.content`), whose text is cleaned and normalized to what the language's
liblouis table knows (:mod:`exporters.brf.normalize`), translated with its bold and note typeforms
in one liblouis child process (:mod:`exporters.brf.louis`), and laid out in pages of ASCII braille
(:mod:`exporters.brf.cells`).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from exporters.brf.addresses import address_pieces, mark_divisions
from exporters.brf.cells import Laid, brf, paginate
from exporters.brf.content import BOLD_OFF, BOLD_ON, Para, unmarked, view_paragraphs
from exporters.brf.louis import BOLD, NOTE, LouisError, defined, page_number, probe, translate
from exporters.brf.normalize import clean, normalize, probe_set
from exporters.brf.options import BrfOptions
from exporters.brf.syllables import han_pieces, mark_syllables
from exporters.brf.tables import default_table, missing_tables, with_emphasis
from handoutkit.context import RenderContext
from handoutkit.errors import Problem, ProblemError
from handoutkit.model import Document
from handoutkit.present.view import handout_view

__all__ = ["Translated", "braille_file", "braille_paragraphs", "translated"]

CONTINUATION = "\u2810"
"""UEB's continuation indicator (dot 5), at the end of a line where a long item (a web address) is
divided, in every code: a hyphen (dots 36) there could not be told from a hyphen of the address. A
line is never divided just after a dot 5 (it is an indicator cell), so a dot 5 that ends a line is the
continuation even where a sign is a lone dot 5 (es-g1's @, zh-chn's quotation mark)."""


@dataclass(frozen=True, slots=True)
class Translated:
    """A handout's braille paragraphs laid out for pages, the tables used, and what could not be written."""

    laid: tuple[Laid, ...]
    tables: str
    problems: tuple[Problem, ...]


def _tables(ctx: RenderContext) -> tuple[str | None, list[Problem]]:
    origin = ctx.config.origin("brf", "table", language=ctx.language.tag)
    tables = ctx.options(BrfOptions).table or default_table(ctx.language.tag)
    if tables is None:
        message = (
            f"no braille table for {ctx.language.tag}: set [language.{ctx.language.tag}.brf] table "
            'to a liblouis table (README, "Braille (BRF)")'
        )
        return None, [Problem("brf-table", origin, message)]
    missing = missing_tables(tables)
    if missing:
        message = (
            f"liblouis table {', '.join(missing)} is not installed (Debian liblouis-data; "
            "scripts/install-system-packages.sh)"
        )
        return None, [Problem("brf-table", origin, message)]
    return tables, []


def _flags(text: str, note: bool) -> tuple[str, list[int]]:
    """``text`` without its bold marks, and each character's :data:`BOLD`/:data:`NOTE` flags: a bold
    run covers its words and the spaces between them, never a space at either end."""
    plain: list[str] = []
    flags: list[int] = []
    bold = False
    for char in text:
        if char in (BOLD_ON, BOLD_OFF):
            bold = char == BOLD_ON
            continue
        plain.append(char)
        flags.append((BOLD if bold else 0) | (NOTE if note else 0))
    for index in range(len(plain)):  # leading spaces of a run
        if flags[index] & BOLD and plain[index] == " " and (index == 0 or not flags[index - 1] & BOLD):
            flags[index] &= ~BOLD
    for index in reversed(range(len(plain))):  # trailing spaces of a run
        if flags[index] & BOLD and plain[index] == " " and (index + 1 == len(plain) or not flags[index + 1] & BOLD):
            flags[index] &= ~BOLD
    return "".join(plain), flags


def _untranslatable(para: Para, text: str, known: dict[str, bool], tables: str) -> Problem:
    missing = sorted({char for char in text if not known.get(char, True)})
    if missing:
        names = ", ".join(f"{char!r} (U+{ord(char):04X} {unicodedata.name(char, 'unnamed')})" for char in missing)
        what = f"has characters the liblouis table {tables} cannot write: {names}"
    else:
        what = f"could not be translated entirely by the liblouis table {tables}"
    return Problem("brf-untranslatable", para.origin, f"braille: {unmarked(text)[:60]!r} {what}")


def translated(doc: Document, ctx: RenderContext) -> Translated:
    """``doc`` in braille in ``ctx.language`` (one liblouis child process for the whole handout)."""
    tables, problems = _tables(ctx)
    if tables is None:
        return Translated((), "", tuple(problems))
    paras = view_paragraphs(handout_view(doc, ctx, addresses="first"))
    texts = [clean(para.text) for para in paras]
    plain_texts = [unmarked(text) for text in texts]
    try:
        han = {piece for text in plain_texts for piece in han_pieces(text)}
        web = {piece for text in plain_texts for piece in address_pieces(text)}
        alone = probe(probe_set(plain_texts) | han | web, tables)
        known = {char: not char.strip() or defined(cells) for char, cells in alone.items() if len(char) == 1}
        flagged = [_flags(normalize(text, known), para.note) for text, para in zip(texts, paras, strict=True)]
        written = [text for text, _ in flagged]
        wanted = [index for index, text in enumerate(written) if text.strip() and not paras[index].box]
        translated = translate(
            [written[index] for index in wanted], with_emphasis(tables), [flagged[index][1] for index in wanted]
        )
        cells = dict(zip(wanted, translated, strict=True))
    except LouisError as error:
        origin = ctx.config.origin("brf", "table", language=ctx.language.tag)
        return Translated((), tables, (Problem("brf-liblouis", origin, str(error)),))
    laid: list[Laid] = []
    for index, para in enumerate(paras):
        braille = cells.get(index, "")
        if any(not 0x2800 <= ord(cell) <= 0x283F for cell in braille):
            problems.append(_untranslatable(para, written[index], known, tables))
        if braille or para.box:
            marked = mark_syllables(written[index], braille, alone) if han else braille
            laid.append(Laid(para, mark_divisions(written[index], marked, alone) if web else marked))
    return Translated(tuple(laid), tables, tuple(problems))


def braille_paragraphs(doc: Document, ctx: RenderContext) -> list[tuple[Para, str]]:
    """Each braille paragraph of ``doc`` in ``ctx.language`` with its braille (Unicode), for tests and
    tools (a back-translation check, for instance)."""
    found = translated(doc, ctx)
    if found.problems:
        raise ProblemError(list(found.problems))
    return [(item.para, item.cells) for item in found.laid]


def braille_file(found: Translated, options: BrfOptions) -> bytes:
    """The BRF file of a handout translated without problems: its pages of ASCII braille."""
    pages = paginate(
        found.laid,
        options.cells_per_line,
        options.lines_per_page,
        CONTINUATION,
        lambda number: page_number(number, found.tables),
    )
    return brf(pages)

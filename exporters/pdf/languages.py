"""Language of parts in the tag tree: /Lang on every structure element in another language.

WeasyPrint 70 builds each structure element from its HTML element's tag name alone
(``weasyprint/pdf/tags.py``, ``_build_box_tree``: ``/S``, an image's ``/Alt``, link annotations). An
element's ``lang`` reaches only the catalog (``<html lang>`` becomes ``/Lang``), never a structure
element, so an English reference title inside an Arabic handout, the organization's English name or
a paragraph left untranslated is read with the document's voice (WCAG 3.1.2, PDF/UA-1 7.2). No
WeasyPrint issue about it was found (searched Kozea/WeasyPrint's issues for Lang on structure
elements; its PDF/UA to-do list, #2482, does not name it). The tree is also split by pages and lines
(#2903), so HTML elements cannot be matched to structure elements one to one.

So the language travels with the paint, the one property of a box that reaches the PDF with every
glyph of it: the stylesheet gives each printed language its own text colour (:meth:`LanguageMarks.css`:
the document's language black, the k-th other language ``rgb(0, 0, k)``, blue k of 255, which no eye
can tell from black), and after rendering the fill colour of the text in each marked-content sequence
names the language of that text. :func:`tag_languages` sets ``/Lang`` on the highest structure elements whose
text is all in one language other than the one they inherit (each page or line fragment on its own,
whatever WeasyPrint split), then paints every mark black again: the pages print exactly as they
would in black, and structure, MCIDs and ``/ParentTree`` are untouched. Figures hold no text: each
takes the language of its text alternative, matched in reading order by its ``/Alt``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup

if TYPE_CHECKING:
    import pikepdf

__all__ = ["LanguageMarks", "tag_languages"]

MAX_LANGUAGES = 256
"""One blue level per language (the document's is 0)."""
_TAG = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")
_TEXT_SHOWING = frozenset({"Tj", "TJ", "'", '"'})
_MARK_OP = re.compile(rb"(?m)^0 0 ([0-9.]+) (rg|RG)$")


@dataclass(frozen=True, slots=True)
class LanguageMarks:
    """The languages a page prints, each with the text colour that marks it."""

    tags: tuple[str, ...]
    """BCP 47 tags, the document's first: language ``k`` is painted ``rgb(0, 0, k)``."""
    figures: tuple[tuple[str, str], ...] = ()
    """(text alternative, language) of each informative image, in reading order."""

    @classmethod
    def of(cls, languages: Iterable[str], figures: Iterable[tuple[str, str]] = ()) -> LanguageMarks:
        """The marks for ``languages`` (the document's first; repeats are dropped)."""
        tags = tuple(dict.fromkeys(languages))
        if not tags or len(tags) > MAX_LANGUAGES or not all(_TAG.fullmatch(tag) for tag in tags):
            raise ValueError(f"cannot mark the languages {tags!r}: 1 to {MAX_LANGUAGES} BCP 47 tags")
        return cls(tags, tuple(figures))

    @property
    def needed(self) -> bool:
        """False when the page prints one language only: nothing to mark, nothing to tag."""
        return len(self.tags) > 1

    def css(self) -> Markup:
        """One ``:lang()`` colour rule per language; ``!important``, so that no other rule can take a
        language's mark away (large print is black anyway). Rules for longer tags come later, so
        ``:lang(zh-Hans)`` wins over ``:lang(zh)``."""
        if not self.needed:
            return Markup("")
        order = sorted(range(len(self.tags)), key=lambda k: self.tags[k].count("-"))
        rules = (f":lang({self.tags[k]}) {{ color: rgb(0, 0, {k}) !important; }}" for k in order)
        return Markup("\n".join(rules))  # the tags are checked BCP 47 tags: nothing to escape

    def language(self, colour: tuple[float, ...] | None) -> str | None:
        """The language a fill colour marks (None for a colour that is no mark)."""
        if colour is None or len(colour) != 3 or colour[0] or colour[1]:
            return None
        k = round(colour[2] * 255)
        return self.tags[k] if k < len(self.tags) and abs(colour[2] * 255 - k) < 0.01 else None


def tag_languages(pdf: pikepdf.Pdf, marks: LanguageMarks) -> None:
    """Set /Lang on the structure elements of ``pdf`` (WeasyPrint's output, rendered with
    ``marks.css()``) whose content is in another language than they inherit; paint the marks black.

    :class:`ValueError` when text was painted in a colour that marks no language (the stylesheet
    and the marks disagree), or the Figures do not match ``marks.figures``.
    """
    root = pdf.Root.StructTreeRoot
    document_lang = str(pdf.Root.get("/Lang", marks.tags[0]))
    if marks.needed:
        leaves: dict[tuple[tuple[int, int], int], str] = {}
        for number, page in enumerate(pdf.pages, start=1):
            found, mark_ops = _page_languages(page, marks, number)
            leaves.update(((page.obj.objgen, mcid), lang) for mcid, lang in found.items())
            _paint_black(pdf, page, marks, mark_ops)
        languages: dict[tuple[int, int], frozenset[str]] = {}
        for top in _elements(root):
            _collect(top, leaves, languages)
        for top in _elements(root):
            _assign(top, document_lang, languages)
    if marks.figures:
        expected = iter(marks.figures)
        for top in _elements(root):
            _tag_figures(top, document_lang, expected)
        if (left := next(expected, None)) is not None:
            raise ValueError(f"no Figure in the PDF for the image described {left[0]!r}")


def _page_languages(page: pikepdf.Page, marks: LanguageMarks, number: int) -> tuple[dict[int, str], int]:
    """The language of every marked-content sequence of the page that shows text, by MCID, and how
    many colour operators set a mark."""
    import pikepdf

    black = (0.0, 0.0, 0.0)
    fill: tuple[float, ...] | None = black  # the initial fill colour
    saved: list[tuple[float, ...] | None] = []
    open_mcids: list[int | None] = []
    found: dict[int, str] = {}
    mark_ops = 0
    for instruction in pikepdf.parse_content_stream(page):
        operator = str(getattr(instruction, "operator", ""))
        operands = list(getattr(instruction, "operands", ()))
        if operator == "q":
            saved.append(fill)
        elif operator == "Q" and saved:
            fill = saved.pop()
        elif operator in ("rg", "RG"):
            colour = tuple(float(value) for value in operands)
            if colour != black and marks.language(colour) is not None:
                mark_ops += 1
            fill = colour if operator == "rg" else fill
        elif operator in ("g", "k", "cs", "sc", "scn"):
            fill = black if operator == "g" and [float(v) for v in operands] == [0.0] else None
        elif operator == "BDC":
            properties = operands[1] if len(operands) == 2 else None
            if isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties:
                open_mcids.append(int(properties.MCID))
            else:
                open_mcids.append(None)
        elif operator == "BMC":
            open_mcids.append(None)
        elif operator == "EMC" and open_mcids:
            open_mcids.pop()
        elif operator in _TEXT_SHOWING:
            mcid = next((m for m in reversed(open_mcids) if m is not None), None)
            if mcid is None:
                continue  # an artifact (page furniture) or untagged text: not in the tree
            lang = marks.language(fill)
            if lang is None:
                raise ValueError(f"page {number}: MCID {mcid} shows text in {fill}, which marks no language")
            if found.setdefault(mcid, lang) != lang:
                raise ValueError(f"page {number}: MCID {mcid} shows text in two languages")
    return found, mark_ops


def _paint_black(pdf: pikepdf.Pdf, page: pikepdf.Page, marks: LanguageMarks, mark_ops: int) -> None:
    """Every colour operator that sets one of the ``mark_ops`` marks (``0 0 b rg`` or ``RG``) set to
    black instead."""
    import pikepdf

    if not mark_ops:
        return
    replaced = 0

    def black(match: re.Match[bytes]) -> bytes:
        nonlocal replaced
        if float(match.group(1)) and marks.language((0.0, 0.0, float(match.group(1)))) is not None:
            replaced += 1
            return b"0 0 0 " + match.group(2)
        return match.group(0)

    contents = page.obj.Contents
    if isinstance(contents, pikepdf.Stream):
        data = _MARK_OP.sub(black, bytes(contents.read_bytes()))
        if replaced == mark_ops:  # WeasyPrint's own layout of the stream: one operator a line
            page.obj.Contents = pdf.make_stream(data)
            return
    instructions = []  # written some other way: rewrite the stream operator by operator
    for instruction in pikepdf.parse_content_stream(page):
        operator = str(getattr(instruction, "operator", ""))
        if operator in ("rg", "RG") and _is_mark(instruction.operands, marks):
            instruction = pikepdf.ContentStreamInstruction([0, 0, 0], instruction.operator)
        instructions.append(instruction)
    page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))


def _is_mark(operands: Iterable[object], marks: LanguageMarks) -> bool:
    colour = tuple(float(value) for value in operands)  # type: ignore[arg-type]  # rg's operands are numbers
    return colour != (0.0, 0.0, 0.0) and marks.language(colour) is not None


def _elements(element: pikepdf.Object) -> list[pikepdf.Object]:
    """The structure elements directly under ``element``."""
    import pikepdf

    kids = element.get("/K")
    items = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
    return [kid for kid in items if isinstance(kid, pikepdf.Dictionary) and "/S" in kid]


def _mcids(element: pikepdf.Object) -> Iterator[tuple[tuple[int, int], int]]:
    """((page object, MCID)) of the marked content ``element`` holds itself."""
    import pikepdf

    kids = element.get("/K")
    items = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
    page = element.Pg.objgen if "/Pg" in element else None
    for kid in items:
        if isinstance(kid, int) and page is not None:
            yield page, int(kid)
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
            yield (kid.Pg.objgen if "/Pg" in kid else page or (0, 0)), int(kid.MCID)


def _collect(
    element: pikepdf.Object,
    leaves: dict[tuple[tuple[int, int], int], str],
    languages: dict[tuple[int, int], frozenset[str]],
) -> frozenset[str]:
    """The languages of ``element``'s text, remembered for it and every element inside it."""
    found = {leaves[leaf] for leaf in _mcids(element) if leaf in leaves}
    for kid in _elements(element):
        found |= _collect(kid, leaves, languages)
    languages[element.objgen] = frozenset(found)
    return languages[element.objgen]


def _assign(element: pikepdf.Object, inherited: str, languages: dict[tuple[int, int], frozenset[str]]) -> None:
    import pikepdf

    found = languages.get(element.objgen, frozenset())
    if len(found) == 1:
        (lang,) = found
        if lang != inherited:
            element.Lang = pikepdf.String(lang)
        return  # everything inside is in that one language
    for kid in _elements(element):
        _assign(kid, inherited, languages)


def _tag_figures(element: pikepdf.Object, inherited: str, expected: Iterator[tuple[str, str]]) -> None:
    import pikepdf

    lang = str(element.get("/Lang", inherited))
    alt = str(element.get("/Alt", ""))
    if element.get("/S") == "/Figure" and alt.strip():
        described = next(expected, None)
        if described is None or described[0] != alt:
            raise ValueError(f"the Figure described {alt!r} is not the next informative image ({described!r})")
        if described[1] != lang:
            element.Lang = pikepdf.String(described[1])
            lang = described[1]
    for kid in _elements(element):
        _tag_figures(kid, lang, expected)

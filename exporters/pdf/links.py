"""Link annotations described in words a person understands, and printed as they are shown.

WeasyPrint 70 writes a link annotation's ``/Contents`` from its target: an internal link reads as the
anchor's slug (``h-what-is-stage-4-lung-cancer``), a phone link as ``tel:5035550147``. PDF/UA-1 7.18.5
wants an alternate description, which a screen reader speaks for the link; no WeasyPrint issue was
found for better words (searched Kozea/WeasyPrint's issues for annotation Contents). Here each link
annotation's ``/Contents`` becomes: for an internal link, the page it leads to and the heading there
(the outline entry at the destination, else the link's own words): "Page 7 of 23: Tests for stage 4
lung cancer"; for ``tel:``, "Call" and the number as printed; for ``mailto:``, the address; for a web
link, its address. The words come from :class:`LinkWords` (the exporter's translations).

Each link annotation also gets the Print flag (annotation flag bit 3), so that a printed page and a
viewer agree (outloud's LNK-004; a PDF/A rule, harmless here: the annotations have no appearance).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from exporters.pdf.text import FontCodes, Sequence, page_sequences
from handoutkit.ui import fill

if TYPE_CHECKING:
    import pikepdf

__all__ = ["LinkWords", "describe_links", "phone_numbers"]

PRINT_FLAG = 4


@dataclass(frozen=True, slots=True)
class LinkWords:
    """The words of link descriptions, with ``{page}``, ``{pages}``, ``{text}``, ``{number}`` fields."""

    internal: str = "Page {page} of {pages}: {text}"
    phone: str = "Call {number}"
    mail: str = "Email {address}"
    numbers: Mapping[str, str] = field(default_factory=dict)
    """Phone numbers as the handout prints them, by their digits (``5035550147`` -> ``(503) 555-0147``):
    the words a link shows are in visual order in right-to-left text (``)503( 555-0147``), so a
    number the configuration knows is said as it is written there."""


def describe_links(pdf: pikepdf.Pdf, words: LinkWords) -> None:
    """Give every link annotation of ``pdf`` its description and the Print flag."""
    import pikepdf

    pages = {page.obj.objgen: number for number, page in enumerate(pdf.pages, start=1)}
    headings = _outline_targets(pdf, pages)
    named = _named_destinations(pdf)
    texts = _link_texts(pdf)
    for page in pdf.pages:
        for annotation in page.obj.get("/Annots") or []:
            if annotation.get("/Subtype") != "/Link":
                continue
            annotation.F = int(annotation.get("/F", 0)) | PRINT_FLAG
            own = texts.get(annotation.objgen, "")
            description = _describe(annotation, own, words, pages, headings, named)
            if description:
                annotation.Contents = pikepdf.String(description)


def _describe(
    annotation: pikepdf.Object,
    own: str,
    words: LinkWords,
    pages: dict[tuple[int, int], int],
    headings: dict[tuple[int, float], str],
    named: dict[str, pikepdf.Object],
) -> str:
    import pikepdf

    action = annotation.get("/A")
    destination = annotation.get("/Dest")
    if isinstance(action, pikepdf.Dictionary) and action.get("/S") == "/URI":
        uri = str(action.URI)
        if uri.startswith("tel:"):
            number = words.numbers.get(_digits(unquote(uri[4:])))
            if number is None:
                number = own.strip() if any(c.isdigit() for c in own) else unquote(uri[4:])
            return fill(words.phone, {"number": number})
        if uri.startswith("mailto:"):
            return fill(words.mail, {"address": unquote(uri[7:].split("?", 1)[0])})
        return uri
    if isinstance(action, pikepdf.Dictionary) and action.get("/S") == "/GoTo":
        destination = action.get("/D")
    if isinstance(destination, (pikepdf.String, pikepdf.Name)):
        destination = named.get(str(destination).lstrip("/"))
    if isinstance(destination, pikepdf.Array) and len(destination) >= 4:
        target = pages.get(destination[0].objgen)
        if target is not None:
            text = headings.get((target, _y(destination))) or own.strip()
            return fill(words.internal, {"page": str(target), "pages": str(len(pages)), "text": text}).rstrip(": ")
    return ""


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def phone_numbers(*printed: str) -> dict[str, str]:
    """:attr:`LinkWords.numbers` for phone numbers printed as ``printed``."""
    return {_digits(number): number for number in printed if _digits(number)}


def _y(destination: pikepdf.Array) -> float:
    try:
        return round(float(destination[3]), 1)
    except (TypeError, ValueError):
        return 0.0


def _outline_targets(pdf: pikepdf.Pdf, pages: dict[tuple[int, int], int]) -> dict[tuple[int, float], str]:
    """(page number, y) of each outline entry's destination -> its title."""
    import pikepdf

    found: dict[tuple[int, float], str] = {}
    with pdf.open_outline() as outline:
        stack = list(outline.root)
        while stack:
            item = stack.pop()
            stack.extend(item.children)
            destination = item.destination
            if isinstance(destination, pikepdf.Array) and len(destination) >= 4 and destination[0].objgen in pages:
                found.setdefault((pages[destination[0].objgen], _y(destination)), str(item.title))
    return found


def _named_destinations(pdf: pikepdf.Pdf) -> dict[str, pikepdf.Object]:
    import pikepdf

    names = pdf.Root.get("/Names")
    if not isinstance(names, pikepdf.Dictionary) or "/Dests" not in names:
        return {}
    tree = pikepdf.NameTree(names.Dests)
    return {str(name): value for name, value in tree.items()}


def _link_texts(pdf: pikepdf.Pdf) -> dict[tuple[int, int], str]:
    """Each link annotation -> the printed words of the /Link structure element that owns it."""
    import pikepdf

    cache: dict[tuple[int, int], FontCodes | None] = {}
    sequences = {}
    for page in pdf.pages:
        instructions: list[Any] = list(pikepdf.parse_content_stream(page))
        sequences[page.obj.objgen] = page_sequences(page, instructions, cache)
    found: dict[tuple[int, int], str] = {}
    stack = [pdf.Root.StructTreeRoot]
    while stack:
        element = stack.pop()
        kids = element.get("/K")
        items = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
        if element.get("/S") == "/Link":
            text = "".join(_text(sequences, page, mcid) for page, mcid in _marked(element))
            for item in items:
                if isinstance(item, pikepdf.Dictionary) and item.get("/Type") == "/OBJR":
                    found[item.Obj.objgen] = " ".join(text.split())
        stack.extend(item for item in items if isinstance(item, pikepdf.Dictionary) and "/S" in item)
    return found


def _text(sequences: dict[tuple[int, int], dict[int, Sequence]], page: tuple[int, int], mcid: int) -> str:
    sequence = sequences.get(page, {}).get(mcid)
    return sequence.text if sequence is not None else ""


def _marked(element: pikepdf.Object) -> list[tuple[tuple[int, int], int]]:
    """(page, MCID) of the marked content at and below ``element``, in structure order."""
    import pikepdf

    kids = element.get("/K")
    items = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
    page = element.Pg.objgen if "/Pg" in element else (0, 0)
    found: list[tuple[tuple[int, int], int]] = []
    for item in items:
        if isinstance(item, int):
            found.append((page, int(item)))
        elif isinstance(item, pikepdf.Dictionary) and item.get("/Type") == "/MCR":
            found.append(((item.Pg.objgen if "/Pg" in item else page), int(item.MCID)))
        elif isinstance(item, pikepdf.Dictionary) and "/S" in item:
            found += _marked(item)
    return found

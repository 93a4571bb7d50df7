"""Reading a PDF once per file version: pikepdf, pdfplumber's characters, the structure tree."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pdfplumber
import pikepdf


def _key(path: str | Path) -> tuple[str, float, int]:
    stat = Path(path).stat()
    return str(Path(path).resolve()), stat.st_mtime, stat.st_size


def open_pdf(path: str | Path) -> pikepdf.Pdf:
    """The file opened with pikepdf (cached; do not modify it)."""
    return _open(_key(path))


@cache
def _open(key: tuple[str, float, int]) -> pikepdf.Pdf:
    return pikepdf.open(key[0])


def page_chars(path: str | Path) -> list[list[dict]]:
    """pdfplumber's characters, page by page (each with ``mcid``, ``tag``, ``fontname``, ``size``...)."""
    return _chars(_key(path))


@cache
def _chars(key: tuple[str, float, int]) -> list[list[dict]]:
    with pdfplumber.open(key[0]) as pdf:
        return [list(page.chars) for page in pdf.pages]


def document_text(path: str | Path) -> str:
    """All the text as pdfplumber lays it out, whitespace collapsed to single spaces (visual order for
    right-to-left text)."""
    with pdfplumber.open(str(path)) as pdf:
        return " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)


def page_size(path: str | Path, index: int) -> tuple[float, float]:
    box = [float(v) for v in open_pdf(path).pages[index].mediabox]
    return box[2] - box[0], box[3] - box[1]


@dataclass
class Element:
    """A structure element with what it holds."""

    type: str
    obj: pikepdf.Dictionary
    children: list[Element] = field(default_factory=list)
    mcids: list[tuple[int, int]] = field(default_factory=list)
    """(page index, MCID) of its own marked content."""

    def walk(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            yield from child.walk()

    def all_mcids(self) -> list[tuple[int, int]]:
        return [m for e in self.walk() for m in e.mcids]


def structure(path: str | Path) -> Element:
    """The structure tree from StructTreeRoot, as :class:`Element` objects (cached)."""
    return _structure(_key(path))


@cache
def _structure(key: tuple[str, float, int]) -> Element:
    pdf = _open(key)
    pages = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}

    def build(obj: pikepdf.Dictionary) -> Element:
        element = Element(str(obj.get("/S", "/StructTreeRoot"))[1:], obj)
        kids = obj.get("/K")
        items = list(kids) if isinstance(kids, pikepdf.Array) else ([] if kids is None else [kids])
        page = pages.get(obj.Pg.objgen) if "/Pg" in obj else None
        for kid in items:
            if isinstance(kid, int) and page is not None:
                element.mcids.append((page, int(kid)))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                element.mcids.append((pages.get(kid.Pg.objgen, page or 0), int(kid.MCID)))
            elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                element.children.append(build(kid))
        return element

    return build(pdf.Root.StructTreeRoot)


def element_text(path: str | Path, element: Element) -> str:
    """The text of an element's marked content, as pdfplumber extracts it (visual order)."""
    chars = page_chars(path)
    wanted = set(element.all_mcids())
    return "".join(c["text"] for page, cs in enumerate(chars) for c in cs if (page, c.get("mcid")) in wanted)


def mcid_owner(path: str | Path) -> dict[tuple[int, int], list[Element]]:
    """(page, MCID) -> the elements from the root down to the one holding it."""
    return _owner(_key(path))


@cache
def _owner(key: tuple[str, float, int]) -> dict[tuple[int, int], list[Element]]:
    owner: dict[tuple[int, int], list[Element]] = {}

    def visit(element: Element, trail: list[Element]) -> None:
        trail = [*trail, element]
        for mcid in element.mcids:
            owner[mcid] = trail
        for child in element.children:
            visit(child, trail)

    visit(structure(key[0]), [])
    return owner


BLOCK_TYPES = {"P", "LBody", "Lbl", "H1", "H2", "H3", "H4", "H5", "H6"}


def block_lines(path: str | Path) -> list[tuple[int, str, list[list[dict]]]]:
    """(page index, element type, lines) for every paragraph-level element; a line is the chars on one
    baseline, top line first."""
    owner = mcid_owner(path)
    blocks: dict[tuple[int, int], dict[float, list[dict]]] = defaultdict(lambda: defaultdict(list))
    types: dict[tuple[int, int], str] = {}
    for index, chars in enumerate(page_chars(path)):
        for c in chars:
            block = next((e for e in reversed(owner.get((index, c.get("mcid")), [])) if e.type in BLOCK_TYPES), None)
            if block is None:
                continue
            key = (index, id(block))
            types[key] = block.type
            blocks[key][round(c["matrix"][5], 1)].append(c)
    return [(k[0], types[k], [v[b] for b in sorted(v, reverse=True)]) for k, v in blocks.items()]

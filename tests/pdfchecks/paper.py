"""Paper (docs/standards.md section 1, "paper"): pages filled, no heading stranded, the contact box
never alone on a page, no phone number broken across lines.

What a page holds is read from pdfplumber's objects that are not artifacts (the page number and the
page background are): characters and the lines, curves, rectangles and images of figures. The text
area is not known from the file, so it is measured: from the highest top to the lowest bottom of
content on any page of the document (a long handout fills at least one page).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pdfplumber
import pikepdf

from tests.pdfchecks.reading import _key, element_text, mcid_owner, open_pdf, page_chars, page_size, structure

__all__ = [
    "Box",
    "caption_read_twice_failures",
    "contact_alone_failures",
    "figure_width_failures",
    "fill_failures",
    "page_boxes",
    "page_fill",
    "paper_failures",
    "phone_split_failures",
    "stranded_heading_failures",
    "text_area",
]

MIN_FILL = 0.6
"""Every page but the last reaches at least this far down its text area."""
HEADING_LINES = 2
"""A heading has at least this many lines of what follows it below it on its page."""
_HEADING = re.compile(r"H[1-6]?")
_GRAPHICS = ("rect", "curve", "line", "image")


@dataclass(frozen=True, slots=True)
class Box:
    """One piece of content on a page: a character or a drawn object, and the block that owns it."""

    kind: str
    """``char``, ``rect``, ``curve``, ``line`` or ``image``."""
    x0: float
    top: float
    bottom: float
    baseline: float
    """A character's baseline (its top for a drawing)."""
    text: str
    block: str
    """The nearest owning element type that is a block (``P``, ``LBody``, ``H2``, ``Figure``...), or ''."""
    block_id: int
    """Tells the blocks apart (the same for every box of one structure element)."""


_BLOCKS = {"P", "LBody", "Lbl", "Figure", "Caption", "TOCI", "BlockQuote", "H", "H1", "H2", "H3", "H4", "H5", "H6"}


def page_boxes(path: str | Path) -> list[list[Box]]:
    """The content of every page (artifacts and spaces left out), top to bottom."""
    return _boxes(_key(path))


@cache
def _boxes(key: tuple[str, float, int]) -> list[list[Box]]:
    path = key[0]
    owner = mcid_owner(path)
    pages: list[list[Box]] = []
    with pdfplumber.open(path) as pdf:
        for index, page in enumerate(pdf.pages):
            boxes: list[Box] = []
            objects = [("char", o) for o in page_chars(path)[index]]
            objects += [(kind, o) for kind in _GRAPHICS for o in page.objects.get(kind, [])]
            for kind, obj in objects:
                if obj.get("tag") == "Artifact" or obj.get("mcid") is None:
                    continue
                text = obj.get("text", "") if kind == "char" else ""
                if kind == "char" and not text.strip():
                    continue
                trail = owner.get((index, obj["mcid"]), [])
                block = next((e for e in reversed(trail) if e.type in _BLOCKS), None)
                # A figure's own caption belongs to the figure (they are placed together).
                figure = next((e for e in reversed(trail) if e.type == "Figure"), None)
                block = figure or block
                baseline = obj["matrix"][5] if kind == "char" else float(page.height) - float(obj["top"])
                boxes.append(
                    Box(
                        kind,
                        float(obj["x0"]),
                        float(obj["top"]),
                        float(obj["bottom"]),
                        float(page.height) - float(baseline),
                        text,
                        block.type if block is not None else "",
                        id(block) if block is not None else 0,
                    )
                )
            pages.append(sorted(boxes, key=lambda b: (b.top, b.baseline)))
    return pages


def text_area(path: str | Path) -> tuple[float, float]:
    """(top, bottom) of the text area, measured: the envelope of every page's content."""
    pages = [p for p in page_boxes(path) if p]
    return min(b.top for p in pages for b in p), max(b.bottom for p in pages for b in p)


def page_fill(path: str | Path) -> list[float]:
    """How far down its text area each page's content reaches (0 for an empty page, 1 for a full one)."""
    top, bottom = text_area(path)
    return [max(0.0, (max(b.bottom for b in p) - top) / (bottom - top)) if p else 0.0 for p in page_boxes(path)]


def fill_failures(path: str | Path, minimum: float = MIN_FILL) -> list[str]:
    """No page but the last under ``minimum`` filled, unless the next page starts with a figure too tall
    for the space left, or is the last page and holds the closing box (kept whole) too tall for it."""
    pages = page_boxes(path)
    fills = page_fill(path)
    top, bottom = text_area(path)
    failures = []
    for index, fill in enumerate(fills[:-1]):
        if fill >= minimum:
            continue
        rows = _lines(pages[index + 1])
        if rows and rows[0][0].block == "Figure":
            # The figure and the first lines of its caption, which print with it, and the blank line
            # before it (a line's pitch, measured on the caption).
            shown = rows[: 1 + HEADING_LINES]
            height = max(b.bottom for row in shown for b in row) - min(b.top for b in rows[0])
            pitch = min(row[0].top for row in shown[1:]) - max(b.bottom for b in rows[0]) if len(shown) > 1 else 0
            pitch = max([pitch, *(b2[0].top - b1[0].top for b1, b2 in itertools.pairwise(shown[1:]))])
            if height + pitch > (1 - fill) * (bottom - top):
                continue
        heads = [i for i, row in enumerate(rows) if _HEADING.fullmatch(row[0].block)]
        if index + 2 == len(fills) and heads and heads[-1] <= HEADING_LINES:
            # The next page is the last and holds the closing contact box (kept whole: its heading, the
            # clinic's name and phone number) with the fewest lines it takes along so as not to stand
            # alone; it is taller than the space left here.
            height = max(b.bottom for row in rows for b in row) - min(b.top for b in rows[0])
            if height > (1 - fill) * (bottom - top):
                continue
        failures.append(f"page {index + 1}: {fill:.0%} filled (under {minimum:.0%})")
    return failures


def _lines(boxes: list[Box]) -> list[list[Box]]:
    """Boxes grouped into lines by block and baseline (a figure is one line), top to bottom."""
    lines: dict[tuple[int, float], list[Box]] = {}
    for box in boxes:
        key = (box.block_id, 0.0 if box.block == "Figure" else round(box.baseline))
        lines.setdefault(key, []).append(box)
    return sorted(lines.values(), key=lambda line: min(b.top for b in line))


def stranded_heading_failures(path: str | Path, lines: int = HEADING_LINES) -> list[str]:
    """No heading at the foot of a page with fewer than ``lines`` lines (or a figure) of what follows
    below it, and no page that holds only headings; the document's last page is exempt only when the
    heading is followed by everything that follows it."""
    pages = page_boxes(path)
    failures = []
    for index, boxes in enumerate(pages):
        rows = _lines(boxes)
        if not rows:
            continue
        if all(_HEADING.fullmatch(row[0].block) for row in rows):
            failures.append(f"page {index + 1} holds only a heading: {_text(rows)!r}")
            continue
        if index == len(pages) - 1:
            continue
        last_heading = max((i for i, row in enumerate(rows) if _HEADING.fullmatch(row[0].block)), default=None)
        if last_heading is None:
            continue
        after = rows[last_heading + 1 :]
        count = sum(lines if row[0].block == "Figure" else 1 for row in after)
        if count < lines:
            heading = [row for row in rows if row[0].block_id == rows[last_heading][0].block_id]
            failures.append(
                f"page {index + 1}: heading {_text(heading)!r} at the foot of the page, {count} line(s) after it"
            )
    return failures


def _text(rows: list[list[Box]]) -> str:
    return " ".join("".join(b.text for b in sorted(row, key=lambda b: b.top)) for row in rows)[:60]


def _destination(path: str | Path, name: str) -> tuple[int, float] | None:
    """(page index, top in pdfplumber's coordinates) of a named destination, or None."""
    pdf = open_pdf(path)
    names = pdf.Root.get("/Names")
    if names is None or "/Dests" not in names:
        return None
    pages = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
    tree = pikepdf.NameTree(names.Dests)
    if name not in tree:
        return None
    dest = tree[name]
    if isinstance(dest, pikepdf.Dictionary):
        dest = dest.D
    index = pages[dest[0].objgen]
    y = float(dest[3]) if len(dest) > 3 and dest[3] is not None else page_size(path, index)[1]
    return index, page_size(path, index)[1] - y


def contact_alone_failures(path: str | Path, anchor: str = "contact") -> list[str]:
    """The contact box (from the named destination ``anchor`` to the end; without it, from the last
    heading) shares its page with something that comes before it."""
    pages = page_boxes(path)
    destination = _destination(path, anchor)
    if destination is not None:
        index, top = destination
        before = [b for b in pages[index] if b.bottom <= top + 1]
    else:
        index = len(pages) - 1
        rows = _lines(pages[index])
        last = max((i for i, row in enumerate(rows) if _HEADING.fullmatch(row[0].block)), default=None)
        if last is None:
            return []
        before = [b for row in rows[:last] for b in row]
    if not before:
        return [f"page {index + 1}: the contact box is alone on its page"]
    return []


_PHONE = re.compile(r"\+?\(?\d[\d ().\-\u2011]{5,}\d")


def phone_split_failures(path: str | Path) -> list[str]:
    """Every ``tel:`` link holds all of its number's digits inside one of its rectangles, and no run of
    digits that looks like a phone number (seven digits or more) runs from the end of one line into the
    next."""
    failures = []
    pdf = open_pdf(path)
    chars = page_chars(path)
    for index, page in enumerate(pdf.pages):
        height = page_size(path, index)[1]
        for annot in page.get("/Annots", []):
            action = annot.get("/A")
            uri = str(action.get("/URI", "")) if action is not None else ""
            if not uri.startswith("tel:"):
                continue
            want = sum(c.isdigit() for c in uri)
            left, right = sorted(float(v) for v in annot.Rect[::2])
            low, high = sorted(float(v) for v in annot.Rect[1::2])
            x0, x1, y0, y1 = left, right, height - high, height - low
            inside = [
                c
                for c in chars[index]
                if x0 - 1 <= (c["x0"] + c["x1"]) / 2 <= x1 + 1 and y0 - 1 <= (c["top"] + c["bottom"]) / 2 <= y1 + 1
            ]
            got = sum(unicodedata.digit(c["text"], -1) >= 0 for c in inside)
            if got < want:
                failures.append(f"page {index + 1}: the phone link {uri} shows {got} of its {want} digits on a line")
    for index, boxes in enumerate(page_boxes(path)):
        rows = [row for row in _lines(boxes) if row[0].kind == "char"]
        for upper, lower in itertools.pairwise(rows):
            if upper[0].block_id != lower[0].block_id:
                continue
            head = "".join(b.text for b in sorted(upper, key=lambda b: b.x0))
            tail = "".join(b.text for b in sorted(lower, key=lambda b: b.x0))
            joined = f"{head} {tail}"
            for match in _PHONE.finditer(joined):
                digits = sum(c.isdigit() for c in match.group())
                if digits >= 7 and match.start() < len(head) < match.end() - 1:
                    failures.append(f"page {index + 1}: phone number {match.group()!r} broken across lines")
    return failures


def paper_failures(path: str | Path, *, contact_anchor: str = "contact") -> list[str]:
    """Every paper check of this module."""
    return (
        fill_failures(path)
        + stranded_heading_failures(path)
        + contact_alone_failures(path, contact_anchor)
        + phone_split_failures(path)
    )


def caption_read_twice_failures(path: str | Path) -> list[str]:
    """A caption that says what its figure's /Alt says is inside that Figure, where assistive
    technology reads the /Alt in place of the Figure's content (ISO 32000-1 14.9.3), so the words are
    read once; a Caption beside the Figure would be read after the /Alt, a second time."""

    def norm(text: str) -> str:  # the same characters, whatever order the page stores them in
        return "".join(sorted(re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))))

    failures = []
    elements = list(structure(path).walk())
    for figure in (e for e in elements if e.type == "Figure" and "/Alt" in e.obj):
        alt = norm(str(figure.obj.Alt))
        inside = {id(e) for e in figure.walk()}
        for caption in (e for e in elements if e.type == "Caption" and id(e) not in inside):
            if alt and norm(element_text(path, caption)) == alt:
                failures.append(
                    f"the caption {str(figure.obj.Alt)[:40]!r} is read twice: the Figure's /Alt and a Caption"
                )
    return failures


BBOX_UNIT = 0.75
"""Points per unit of a Figure's /BBox as WeasyPrint 70 writes it: CSS pixels, not the page's points
(its pdf/tags.py takes the box's CSS geometry as it is); 1.0 for a file that writes points."""


def figure_width_failures(path: str | Path, minimum: float = 0.6, unit: float = BBOX_UNIT) -> list[str]:
    """Every informative Figure (with /Alt and a layout /BBox, in ``unit`` points) is at least
    ``minimum`` of the text width (the widest line of text in the document)."""
    chars = [c for page in page_chars(path) for c in page if c.get("tag") != "Artifact" and c["text"].strip()]
    if not chars:
        return []
    width = max(c["x1"] for c in chars) - min(c["x0"] for c in chars)
    failures = []
    for figure in (e for e in structure(path).walk() if e.type == "Figure" and "/Alt" in e.obj):
        box = figure.obj.get("/A", {}).get("/BBox") if "/A" in figure.obj else None
        if box is None:
            continue
        share = unit * (float(box[2]) - float(box[0])) / width
        if share < minimum - 0.005:
            failures.append(f"a figure is {share:.0%} of the text width (under {minimum:.0%})")
    return failures

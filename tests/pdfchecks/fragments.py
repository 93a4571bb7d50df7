"""One structure element per logical element, links that own their annotations, words apart at line
ends, labels before their items (docs/standards.md section 2: 09-004, 28-011, ISO 32000-1 14.8.2.5).

The text of an element is what a structure-based reader gets: the characters of its marked content in
structure order, each sequence's characters in content order (pdfplumber), nothing added between
sequences, so a line break with no space in the text glues two words.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import pikepdf

from tests.pdfchecks.reading import Element, open_pdf, page_chars, structure

BLOCKS = {"P", "LBody", "Caption", "H1", "H2", "H3", "H4", "H5", "H6"}
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)+$")


def structure_text(path: str | Path, element: Element) -> str:
    """The text of ``element`` in structure order (see the module's description)."""
    by_mcid: dict[tuple[int, int], list[str]] = defaultdict(list)
    for index, chars in enumerate(page_chars(path)):
        for char in chars:
            if char.get("mcid") is not None:
                by_mcid[(index, int(char["mcid"]))].append(char["text"])
    return "".join("".join(by_mcid.get(mcid, [])) for mcid in element.all_mcids())


def block_texts(path: str | Path) -> list[tuple[str, str]]:
    """(type, structure text) of every paragraph-level element."""
    return [(e.type, structure_text(path, e)) for e in structure(path).walk() if e.type in BLOCKS]


def glued_words(path: str | Path, texts: Iterable[str]) -> list[str]:
    """The words of the tag text that are two adjacent words of ``texts`` (the printed source) run
    together, as often as they occur: ``toother`` where ``to other`` was printed."""
    words: set[str] = set()
    pairs: set[str] = set()
    for text in texts:
        tokens = text.split()
        words.update(tokens)
        pairs.update(a + b for a, b in itertools.pairwise(tokens))
    glued = pairs - words
    return [token for _, text in block_texts(path) for token in text.split() if token in glued]


def word_break_failures(path: str | Path, texts: Iterable[str]) -> list[str]:
    """14.8.2.5: no two printed words run together in the tag text."""
    found = glued_words(path, texts)
    return [f"{len(found)} words glued at line ends in the tag text, e.g. {found[:5]}"] if found else []


def _squeeze(text: str) -> str:
    return "".join(text.split())


def fragment_failures(path: str | Path, blocks: Iterable[str]) -> list[str]:
    """09-004: each of ``blocks`` (the printed text of a paragraph or list item) lies within one
    structure element, and no list follows a list as its sibling (a list split at a page).

    Texts are compared without spaces, in content order: for left-to-right documents only (right-to-
    left lines are stored in visual order)."""
    failures = []
    texts = [_squeeze(text) for _, text in block_texts(path)]
    for block in blocks:
        wanted = _squeeze(block)
        if wanted and not any(wanted in text for text in texts):
            failures.append(f"09-004: {block[:50]!r}... is not within one structure element")

    def siblings(element: Element) -> None:
        for a, b in itertools.pairwise(element.children):
            if a.type == b.type == "L":
                failures.append("09-004: a list is followed by a list as its sibling (split at a page?)")
        for child in element.children:
            siblings(child)

    siblings(structure(path))
    return failures


def _annotation_parents(pdf: pikepdf.Pdf) -> dict[int, pikepdf.Object]:
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    return {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2) if isinstance(nums[i + 1], pikepdf.Dictionary)}


def link_failures(path: str | Path) -> list[str]:
    """28-011 / 7.18.5: every link annotation belongs to a /Link that holds its OBJR, through its
    /StructParent; no /Link inside a /Link; one /Link per link (no sibling /Links with one target); no
    two annotations on one area with one target; each link's /Contents in words, not an anchor's slug
    or a bare ``tel:`` address."""
    pdf = open_pdf(path)
    failures = []
    parents = _annotation_parents(pdf)
    owners: dict[tuple[int, int], Element] = {}
    for element in structure(path).walk():
        for kid in _raw_kids(element.obj):
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
                owners[kid.Obj.objgen] = element
        if element.type == "Link" and any(child.type == "Link" for child in element.children):
            failures.append("28-011: a /Link inside a /Link")
        for a, b in itertools.pairwise(element.children):
            if a.type == b.type == "Link" and _targets(a) and _targets(a) == _targets(b):
                failures.append(f"28-011: one link is two sibling /Link elements ({sorted(_targets(a))[0]})")
    for number, page in enumerate(pdf.pages, start=1):
        areas: set[tuple[object, ...]] = set()
        for annotation in page.obj.get("/Annots") or []:
            if annotation.get("/Subtype") != "/Link":
                continue
            area = (tuple(round(float(v), 1) for v in annotation.Rect), repr(annotation.get("/A")))
            if area in areas:
                failures.append(f"page {number}: two link annotations on one area (a keyboard user lands twice)")
            areas.add(area)
            owner = owners.get(annotation.objgen)
            parent = parents.get(int(annotation.get("/StructParent", -1)))
            if owner is None or owner.type != "Link":
                failures.append(f"page {number}: 7.18.5: a link annotation is owned by {owner and owner.type}")
            elif parent is None or parent.objgen != owner.obj.objgen:
                failures.append(f"page {number}: a link annotation's /StructParent is not its /Link")
            contents = str(annotation.get("/Contents", ""))
            if _SLUG.match(contents) or contents.startswith(("tel:", "mailto:", "#")):
                failures.append(f"page {number}: link described as {contents!r}")
    return sorted(set(failures))


def _raw_kids(obj: pikepdf.Object) -> list[pikepdf.Object]:
    kids = obj.get("/K")
    return list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]


def _targets(element: Element) -> set[str]:
    found = set()
    for kid in _raw_kids(element.obj):
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
            annotation = kid.Obj
            action = annotation.get("/A")
            target = action.get("/URI") if isinstance(action, pikepdf.Dictionary) else annotation.get("/Dest")
            found.add(str(target))
    return found


def _internal(element: Element) -> bool:
    for kid in _raw_kids(element.obj):
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
            action = kid.Obj.get("/A")
            if "/Dest" in kid.Obj or (isinstance(action, pikepdf.Dictionary) and action.get("/S") == "/GoTo"):
                return True
    return False


def contents_entry_failures(path: str | Path) -> list[str]:
    """Each contents entry (an internal link ending with its page number) reads in the tag text as its
    words, a space and the number (``How lung cancer spreads 3``), not ``spreads3``."""
    entries = [structure_text(path, e) for e in structure(path).walk() if e.type == "Link" and _internal(e)]
    numbered = [text for text in entries if text.rstrip()[-1:].isdigit()]
    if not numbered:
        return ["no contents entry ends with its page number"]
    return [f"contents entry read as {text!r}" for text in numbered if not re.search(r"\S\s+\d+\s*$", text)]


def parent_tree_failures(path: str | Path) -> list[str]:
    """/ParentTree agrees with the tree: each page's MCID n maps to the element holding (page, n)."""
    pdf = open_pdf(path)
    holder = {mcid: e.obj.objgen for e in structure(path).walk() for mcid in e.mcids}
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    arrays = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2) if isinstance(nums[i + 1], pikepdf.Array)}
    failures = []
    for index, page in enumerate(pdf.pages):
        parents = arrays.get(int(page.obj.get("/StructParents", -1)))
        mine = {m for (p, m) in holder if p == index}
        if parents is None:
            if mine:
                failures.append(f"page {index + 1}: MCIDs in the tree but no /ParentTree entry")
            continue
        for mcid, parent in enumerate(parents):
            if holder.get((index, mcid)) != parent.objgen:
                failures.append(f"page {index + 1}: /ParentTree entry of MCID {mcid} is not the element holding it")
    return failures


def label_order_failures(path: str | Path) -> list[str]:
    """Each list item's label is painted before its body (content order matches the structure)."""
    pdf = open_pdf(path)
    position: dict[tuple[int, int], int] = {}
    for index, page in enumerate(pdf.pages):
        count = 0
        for instruction in pikepdf.parse_content_stream(page):
            if str(instruction.operator) == "BDC" and len(instruction.operands) == 2:
                properties = instruction.operands[1]
                if isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties:
                    position[(index, int(properties.MCID))] = count
                    count += 1
    failures = []
    for element in structure(path).walk():
        if element.type != "LI":
            continue
        labels = [m for c in element.children if c.type == "Lbl" for m in c.all_mcids()]
        bodies = [m for c in element.children if c.type == "LBody" for m in c.all_mcids()]
        if not labels or not bodies:
            continue
        label, body = min(labels), min(bodies)
        if label[0] == body[0] and position.get(label, 0) > position.get(body, 0):
            failures.append(f"page {label[0] + 1}: a list label is painted after its item's body")
    return failures

"""Assertions over a finished PDF: PDF/UA-1 (the machine-checkable Matterhorn conditions of
standards.md section 2) and large print (section 1).

Every check takes a path and returns a list of failures, empty when the file passes, each naming the
page and what is wrong, so a test can ``assert checks.x(path) == []`` and show everything at once.
Nothing here knows how the PDF was made: point :func:`all_failures` at any output file.
Structure is read with pikepdf, text positions with pdfplumber, ink with pypdfium2.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pdfplumber
import pikepdf
import pypdf
import pypdfium2

PAINTING = {"Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do", "BI", "INLINE IMAGE"}
BANNED_STYLES = re.compile(r"Italic|Oblique|Condensed|Narrow|Light|Thin|Serif|Slanted", re.IGNORECASE)
BCP47 = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")

# ------------------------------------------------------------------ reading (cached per file version)


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


def _page_size(path: str | Path, index: int) -> tuple[float, float]:
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


def _mcid_owner(path: str | Path) -> dict[tuple[int, int], list[Element]]:
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


# ------------------------------------------------------------------ PDF/UA (Matterhorn)


def metadata_failures(path: str | Path) -> list[str]:
    """06-001..003, 07-001/002, /MarkInfo, /StructTreeRoot and the header version."""
    pdf = open_pdf(path)
    root = pdf.Root
    failures = []
    header = Path(path).read_bytes()[:9]
    if not re.match(rb"%PDF-1\.[0-7]", header):
        failures.append(f"header {header!r} is not %PDF-1.0 to 1.7")
    if "/Metadata" not in root:
        failures.append("06-001: no XMP metadata stream")
    else:
        xmp = bytes(root.Metadata.read_bytes()).decode("utf-8", "replace")
        if not re.search(r"pdfuaid:part(=\"1\"|>1<)", xmp):
            failures.append("06-002: XMP has no pdfuaid:part 1")
        title = re.search(r"<dc:title>.*?<rdf:li[^>]*>(.*?)</rdf:li>", xmp, re.S)
        if not title or not title.group(1).strip():
            failures.append("06-003: XMP dc:title is missing or empty")
    prefs = root.get("/ViewerPreferences") or {}
    if prefs.get("/DisplayDocTitle") is not True:
        failures.append("07-001: /ViewerPreferences /DisplayDocTitle is not true")
    mark = root.get("/MarkInfo") or {}
    if mark.get("/Marked") is not True:
        failures.append("/MarkInfo /Marked is not true")
    if mark.get("/Suspects") is True:
        failures.append("/MarkInfo /Suspects is true")
    if "/StructTreeRoot" not in root:
        failures.append("no /StructTreeRoot")
    return failures


def lang_failures(path: str | Path, expected: str) -> list[str]:
    """11-001..006: /Lang is a hyphenated BCP 47 tag, equal to ``expected``."""
    lang = str(open_pdf(path).Root.get("/Lang", ""))
    if not BCP47.match(lang):
        return [f"11-001: /Lang {lang!r} is not a BCP 47 tag (hyphens, not underscores)"]
    return [] if lang == expected else [f"/Lang is {lang!r}, expected {expected!r}"]


def marked_content_failures(path: str | Path) -> list[str]:
    """01-005: all painted content is in the structure tree (by MCID) or an /Artifact."""
    pdf = open_pdf(path)
    reached = {m for e in structure(path).walk() for m in e.mcids}
    failures = []
    for index, page in enumerate(pdf.pages):
        stack: list[tuple[str, int | None]] = []
        for instruction in pikepdf.parse_content_stream(page):
            op = str(getattr(instruction, "operator", "INLINE IMAGE"))
            if op in ("BMC", "BDC"):
                tag = str(instruction.operands[0])
                props = instruction.operands[1] if op == "BDC" else None
                mcid = int(props.MCID) if isinstance(props, pikepdf.Dictionary) and "/MCID" in props else None
                stack.append((tag, mcid))
            elif op == "EMC" and stack:
                stack.pop()
            elif op in PAINTING:
                if any(tag == "/Artifact" for tag, _ in stack):
                    continue
                mcid = next((m for _, m in reversed(stack) if m is not None), None)
                if mcid is None:
                    failures.append(f"page {index + 1}: {op} outside any tagged content or artifact")
                elif (index, mcid) not in reached:
                    failures.append(f"page {index + 1}: MCID {mcid} is not reached from the structure tree")
    return sorted(set(failures))


def heading_failures(path: str | Path) -> list[str]:
    """14-002/003: the first heading is H1 and no level is skipped."""
    levels = [int(e.type[1]) for e in structure(path).walk() if re.fullmatch(r"H[1-6]", e.type)]
    if not levels:
        return ["14-002: no headings"]
    failures = [] if levels[0] == 1 else [f"14-002: first heading is H{levels[0]}"]
    failures += [f"14-003: H{a} followed by H{b}" for a, b in itertools.pairwise(levels) if b > a + 1]
    return failures


def list_failures(path: str | Path) -> list[str]:
    """09-005: L holds only L, LI, Caption; LI holds only Lbl, LBody."""
    failures = []
    for element in structure(path).walk():
        allowed = {"L": {"L", "LI", "Caption"}, "LI": {"Lbl", "LBody"}}.get(element.type)
        if allowed is None:
            continue
        wrong = sorted({c.type for c in element.children} - allowed)
        if wrong or (element.mcids and element.type in ("L", "LI")):
            failures.append(f"09-005: {element.type} holds {wrong or 'marked content'}")
    return failures


def figure_alts(path: str | Path) -> list[str]:
    """The /Alt of every Figure, in order ('' for none)."""
    return [str(e.obj.get("/Alt", "")) for e in structure(path).walk() if e.type == "Figure"]


def figure_failures(path: str | Path) -> list[str]:
    """13-004: every Figure has a non-empty /Alt."""
    return [f"13-004: figure {i + 1} has no /Alt" for i, alt in enumerate(figure_alts(path)) if not alt.strip()]


def fonts(path: str | Path) -> dict[str, pikepdf.Dictionary]:
    """Every font the pages (and their form XObjects) use, by name without the subset tag."""
    found: dict[str, pikepdf.Dictionary] = {}

    def visit(resources: pikepdf.Object | None, depth: int) -> None:
        if not isinstance(resources, pikepdf.Dictionary) or depth > 8:
            return
        for font in (resources.get("/Font") or {}).values():
            found[str(font.get("/BaseFont", "/?"))[1:].split("+", 1)[-1]] = font
        for xobject in (resources.get("/XObject") or {}).values():
            if xobject.get("/Subtype") == "/Form":
                visit(xobject.get("/Resources"), depth + 1)

    for page in open_pdf(path).pages:
        visit(page.obj.get("/Resources"), 0)
    return found


def _descriptor(font: pikepdf.Dictionary) -> pikepdf.Dictionary:
    target = font.DescendantFonts[0] if "/DescendantFonts" in font else font
    return target.get("/FontDescriptor") or pikepdf.Dictionary()


def font_embedding_failures(path: str | Path) -> list[str]:
    """31-009, 31-027: every font is embedded and has /ToUnicode."""
    failures = []
    for name, font in fonts(path).items():
        if not any(k in _descriptor(font) for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            failures.append(f"31-009: font {name} is not embedded")
        if "/ToUnicode" not in font:
            failures.append(f"31-027: font {name} has no /ToUnicode")
    return failures


def annotation_failures(path: str | Path) -> list[str]:
    """28-008 and friends: pages with annotations have /Tabs /S; links have /Contents."""
    failures = []
    for index, page in enumerate(open_pdf(path).pages):
        annots = page.obj.get("/Annots") or []
        if annots and page.obj.get("/Tabs") != "/S":
            failures.append(f"page {index + 1}: annotations but no /Tabs /S")
        for annot in annots:
            if annot.get("/Subtype") == "/Link" and not str(annot.get("/Contents", "")).strip():
                failures.append(f"page {index + 1}: link annotation without /Contents")
    return failures


# ------------------------------------------------------------------ fonts


def font_style_failures(path: str | Path) -> list[str]:
    """No italic, oblique, serif, condensed or light font (by name, /ItalicAngle and /Flags)."""
    failures = []
    for name, font in fonts(path).items():
        descriptor = _descriptor(font)
        flags = int(descriptor.get("/Flags", 0))
        if BANNED_STYLES.search(name.replace("Sans", "")):
            failures.append(f"font {name}: italic, oblique, serif, condensed or light by name")
        if float(descriptor.get("/ItalicAngle", 0)) != 0 or flags & 64:
            failures.append(f"font {name}: italic (/ItalicAngle or /Flags)")
        if flags & 2:
            failures.append(f"font {name}: serif (/Flags)")
        if float(descriptor.get("/FontWeight", 400)) < 400:
            failures.append(f"font {name}: lighter than regular")
    return failures


def _code_to_cid(font: pikepdf.Dictionary) -> dict[int, int] | None:
    """None for Identity-H; else the CMap's code -> CID table (codes it does not list draw CID 0)."""
    encoding = font.get("/Encoding")
    if encoding == "/Identity-H":
        return None
    text = bytes(encoding.read_bytes()).decode("latin-1") if isinstance(encoding, pikepdf.Stream) else ""
    table: dict[int, int] = {}
    for block in re.findall(r"begincidchar(.*?)endcidchar", text, re.S):
        for code, cid in re.findall(r"<([0-9A-Fa-f]+)>\s+(\d+)", block):
            table[int(code, 16)] = int(cid)
    for block in re.findall(r"begincidrange(.*?)endcidrange", text, re.S):
        for low, high, cid in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s+(\d+)", block):
            for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                table[code] = int(cid) + offset
    return table


def notdef_failures(path: str | Path) -> list[str]:
    """No glyph 0 (.notdef) is drawn: every shown code maps, through the font's CMap and CIDToGIDMap, to a
    real glyph. WeasyPrint draws .notdef with a ToUnicode entry claiming the character, so text extraction
    cannot see it; the glyph ids can."""
    failures = []
    for index, page in enumerate(open_pdf(path).pages):
        resources = page.obj.get("/Resources") or {}
        font_resources = resources.get("/Font") or {}
        font = None
        for instruction in pikepdf.parse_content_stream(page):
            op = str(getattr(instruction, "operator", ""))
            if op == "Tf":
                font = font_resources.get(str(instruction.operands[0]))
            elif op in ("Tj", "TJ", "'", '"') and font is not None and font.get("/Subtype") == "/Type0":
                strings = instruction.operands[-1] if op != "TJ" else instruction.operands[0]
                items = [strings] if isinstance(strings, pikepdf.String) else list(strings)
                table = _code_to_cid(font)
                gid_map = font.DescendantFonts[0].get("/CIDToGIDMap")
                gids = bytes(gid_map.read_bytes()) if isinstance(gid_map, pikepdf.Stream) else None
                for item in items:
                    if not isinstance(item, pikepdf.String):
                        continue
                    data = bytes(item)
                    for i in range(0, len(data) - 1, 2):
                        code = int.from_bytes(data[i : i + 2], "big")
                        cid = code if table is None else table.get(code, 0)
                        gid = cid if gids is None else int.from_bytes(gids[2 * cid : 2 * cid + 2], "big")
                        if gid == 0:
                            name = str(font.get("/BaseFont"))[1:]
                            failures.append(f"page {index + 1}: .notdef glyph drawn with font {name}")
    return sorted(set(failures))


def embedded_font_failures(path: str | Path, allowed: set[str]) -> list[str]:
    """Only the fonts of the language's font set are embedded (``allowed``: names without subset tag)."""
    return [f"font {name} is not one of {sorted(allowed)}" for name in sorted(set(fonts(path)) - allowed)]


# ------------------------------------------------------------------ large print


def size_failures(path: str | Path, minimum: float = 18.0) -> list[str]:
    """Every glyph is at least ``minimum`` points."""
    failures = []
    for index, chars in enumerate(page_chars(path)):
        small = sorted({round(c["size"], 2) for c in chars if c["size"] < minimum - 0.01 and c["text"].strip()})
        if small:
            failures.append(f"page {index + 1}: text at {small} pt, below {minimum:g} pt")
    return failures


def heading_size_failures(path: str | Path, h1: float = 22.0, h2: float = 20.0) -> list[str]:
    """H1 text at least ``h1`` pt and H2-H6 at least ``h2`` pt, all of it bold."""
    owner = _mcid_owner(path)
    failures = set()
    for index, chars in enumerate(page_chars(path)):
        for c in chars:
            trail = owner.get((index, c.get("mcid")), [])
            level = next((int(e.type[1]) for e in reversed(trail) if re.fullmatch(r"H[1-6]", e.type)), None)
            if level is None or not c["text"].strip():
                continue
            minimum = h1 if level == 1 else h2
            if c["size"] < minimum - 0.01:
                failures.add(f"page {index + 1}: H{level} text at {c['size']:.1f} pt, below {minimum:g}")
            if "Bold" not in c["fontname"]:
                failures.add(f"page {index + 1}: H{level} text in {c['fontname']}, not bold")
    return sorted(failures)


def edge_failures(path: str | Path, edge: float = 72.0) -> list[str]:
    """No character box, and no ink at all, within ``edge`` points of any page edge."""
    failures = []
    for index, chars in enumerate(page_chars(path)):
        width, height = _page_size(path, index)
        for c in chars:
            if c["text"].strip() and (
                c["x0"] < edge - 0.01
                or c["top"] < edge - 0.01
                or c["x1"] > width - edge + 0.01
                or c["bottom"] > height - edge + 0.01
            ):
                failures.append(
                    f"page {index + 1}: {c['text']!r} at ({c['x0']:.1f}, {c['top']:.1f}) is too near the edge"
                )
                break
    document = pypdfium2.PdfDocument(str(path))
    try:
        for index in range(len(document)):
            image = document[index].render(scale=1).to_pil().convert("L")
            w, h = image.size
            margin = int(edge) - 1
            for name, box in (
                ("top", (0, 0, w, margin)),
                ("bottom", (0, h - margin, w, h)),
                ("left", (0, 0, margin, h)),
                ("right", (w - margin, 0, w, h)),
            ):
                if image.crop(box).getextrema()[0] < 250:
                    failures.append(f"page {index + 1}: ink within {edge:g} pt of the {name} edge")
    finally:
        document.close()
    return failures


BLOCK_TYPES = {"P", "LBody", "Lbl", "H1", "H2", "H3", "H4", "H5", "H6"}


def _lines(path: str | Path) -> list[tuple[int, str, list[list[dict]]]]:
    """(page index, element type, lines) for every paragraph-level element; a line is the chars on one
    baseline, top line first."""
    owner = _mcid_owner(path)
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


def justified_failures(path: str | Path) -> list[str]:
    """No justified paragraph: in a paragraph of 4+ lines with spaces, the lines before the last do not all
    end at the same x (the start edge for right-to-left text), and spaces keep one width per font size."""
    failures = []
    for index, kind, lines in _lines(path):
        if kind not in ("P", "LBody") or len(lines) < 4 or not all(any(c["text"] == " " for c in ln) for ln in lines):
            continue
        rtl = any(unicodedata.bidirectional(c["text"][:1] or "a") in ("R", "AL") for ln in lines for c in ln)
        ends = [min(c["x0"] for c in ln) if rtl else max(c["x1"] for c in ln) for ln in lines[:-1]]
        if max(ends) - min(ends) < 0.5:
            failures.append(f"page {index + 1}: a {kind} of {len(lines)} lines looks justified")
    spaces: dict[tuple[str, float], set[float]] = defaultdict(set)
    for chars in page_chars(path):
        for c in chars:
            if c["text"] == " ":
                spaces[(c["fontname"], round(c["size"], 1))].add(round(c["x1"] - c["x0"], 1))
    failures += [f"spaces of {f} at {s} pt have widths {sorted(w)}" for (f, s), w in spaces.items() if len(w) > 1]
    return failures


def line_spacing_failures(path: str | Path, minimum: float = 1.15) -> list[str]:
    """Within a paragraph, baseline-to-baseline distance over text size is at least ``minimum``."""
    failures = set()
    for index, _kind, lines in _lines(path):
        for upper, lower in itertools.pairwise(lines):
            size = max(c["size"] for c in upper + lower)
            gap = upper[0]["matrix"][5] - lower[0]["matrix"][5]
            if gap < minimum * size - 0.1:
                failures.add(f"page {index + 1}: lines {gap:.1f} pt apart at {size:g} pt (below {minimum})")
    return sorted(failures)


def color_failures(path: str | Path) -> list[str]:
    """All text is black."""
    colors = {
        tuple(round(float(v), 3) for v in (c.get("non_stroking_color") or (0,)))
        for p in page_chars(path)
        for c in p
        if c["text"].strip()
    }
    return [
        f"text in color {color}"
        for color in sorted(colors)
        if color not in ((0.0,), (0.0, 0.0, 0.0), (0.0, 0.0, 0.0, 1.0))
    ]


def soft_hyphen_failures(path: str | Path) -> list[str]:
    """No soft hyphen (U+00AD) in the text."""
    pages = [i + 1 for i, chars in enumerate(page_chars(path)) if any("\u00ad" in c["text"] for c in chars)]
    return [f"page {p}: soft hyphen" for p in pages]


def page_number_failures(path: str | Path, template: str, minimum: float = 18.0) -> list[str]:
    """Every page carries ``template`` (``Page {page} of {pages}`` in the document's language) as a
    pagination artifact, at least ``minimum`` pt, in the same place on every page."""
    chars = page_chars(path)
    total = len(chars)
    failures = []
    places = set()
    for index, page in enumerate(chars):
        furniture = [c for c in page if c.get("tag") == "Artifact" and c["text"].strip()]
        expected = template.replace("{page}", str(index + 1)).replace("{pages}", str(total))
        if sorted("".join(c["text"] for c in furniture).replace(" ", "")) != sorted(expected.replace(" ", "")):
            failures.append(
                f"page {index + 1}: page number reads {''.join(c['text'] for c in furniture)!r}, expected {expected!r}"
            )
            continue
        if min(c["size"] for c in furniture) < minimum - 0.01:
            failures.append(f"page {index + 1}: page number below {minimum:g} pt")
        centre = (min(c["x0"] for c in furniture) + max(c["x1"] for c in furniture)) / 2
        places.add((round(furniture[0]["matrix"][5]), round(centre / 4)))
    if len(places) > 1:
        failures.append(f"page numbers are not in the same place on every page: {sorted(places)}")
    return failures


def extraction_failures(path: str | Path) -> list[str]:
    """pdfplumber sees as much text as pypdf, page by page (a font one reader cannot decode would hide text
    from every check built on it)."""
    reader = pypdf.PdfReader(str(path))
    failures = []
    for index, (chars, page) in enumerate(zip(page_chars(path), reader.pages, strict=True)):
        plumber = sum(len(re.sub(r"\s", "", c["text"])) for c in chars)
        other = len(re.sub(r"\s", "", page.extract_text() or ""))
        if plumber != other or plumber == 0:
            failures.append(f"page {index + 1}: pdfplumber sees {plumber} characters, pypdf {other}")
    return failures


# ------------------------------------------------------------------ navigation


def outline(path: str | Path) -> list[tuple[int, str]]:
    """The bookmarks as (level, title), in order."""
    found: list[tuple[int, str]] = []

    def visit(items: list, level: int) -> None:
        for item in items:
            found.append((level, str(item.title)))
            visit(item.children, level + 1)

    with open_pdf(path).open_outline() as root:
        visit(root.root, 1)
    return found


def headings(path: str | Path) -> list[tuple[int, str]]:
    """The headings of the structure tree as (level, text); the text in pdfplumber's (visual) order."""
    return [(int(e.type[1]), element_text(path, e)) for e in structure(path).walk() if re.fullmatch(r"H[1-6]", e.type)]


def same_text(a: str, b: str) -> bool:
    """True when two strings hold the same characters, ignoring spaces and order (right-to-left text
    comes out of a PDF in visual order)."""
    return sorted(re.sub(r"\s", "", a)) == sorted(re.sub(r"\s", "", b))


def outline_failures(path: str | Path) -> list[str]:
    """The outline lists every heading, with its level and text."""
    marks, heads = outline(path), headings(path)
    if len(marks) != len(heads):
        return [f"{len(marks)} bookmarks for {len(heads)} headings"]
    return [
        f"bookmark {i + 1} {mark!r} does not match heading {head!r}"
        for i, (mark, head) in enumerate(zip(marks, heads, strict=True))
        if mark[0] != head[0] or not same_text(mark[1], head[1])
    ]


# ------------------------------------------------------------------ everything at once


def all_failures(
    path: str | Path,
    lang: str,
    *,
    allowed_fonts: set[str] | None = None,
    page_number: str | None = None,
    body_size: float = 18.0,
    line_spacing: float = 1.15,
) -> list[str]:
    """Every check above that needs no knowledge of the source, for one output file."""
    failures = (
        metadata_failures(path)
        + lang_failures(path, lang)
        + marked_content_failures(path)
        + heading_failures(path)
        + list_failures(path)
        + figure_failures(path)
        + font_embedding_failures(path)
        + annotation_failures(path)
        + font_style_failures(path)
        + notdef_failures(path)
        + size_failures(path, body_size)
        + heading_size_failures(path)
        + edge_failures(path)
        + justified_failures(path)
        + line_spacing_failures(path, line_spacing)
        + color_failures(path)
        + soft_hyphen_failures(path)
        + extraction_failures(path)
        + outline_failures(path)
    )
    if allowed_fonts is not None:
        failures += embedded_font_failures(path, allowed_fonts)
    if page_number is not None:
        failures += page_number_failures(path, page_number, body_size)
    return failures

"""Large print (docs/standards.md section 1): sizes, edges, alignment, spacing, colour, page numbers, and
whether pdfplumber, which these checks read through, sees all the text."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pypdf
import pypdfium2

from tests.pdfchecks.reading import block_lines, mcid_owner, page_chars, page_size


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
    owner = mcid_owner(path)
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
        width, height = page_size(path, index)
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


def justified_failures(path: str | Path) -> list[str]:
    """No justified paragraph: in a paragraph of 4+ lines with spaces, the lines before the last do not all
    end at the same x (the start edge for right-to-left text), and spaces keep one width per font size."""
    failures = []
    blocks = list(block_lines(path))
    edges: dict[int, tuple[float, float]] = {}  # page -> the text's leftmost and rightmost x
    for index, _, lines in blocks:
        xs = [x for ln in lines for c in ln for x in (c["x0"], c["x1"])]
        low, high = edges.get(index, (min(xs), max(xs)))
        edges[index] = (min(low, *xs), max(high, *xs))
    for index, kind, lines in blocks:
        if kind not in ("P", "LBody") or len(lines) < 4 or not all(any(c["text"] == " " for c in ln) for ln in lines):
            continue
        rtl = any(unicodedata.bidirectional(c["text"][:1] or "a") in ("R", "AL") for ln in lines for c in ln)
        ends = [min(c["x0"] for c in ln) if rtl else max(c["x1"] for c in ln) for ln in lines[:-1]]
        edge = edges[index][0] if rtl else edges[index][1]
        # Justified lines end together at the text's edge; ragged lines may end together by chance, short of it.
        if max(ends) - min(ends) < 0.5 and abs(sum(ends) / len(ends) - edge) < 2:
            failures.append(f"page {index + 1}: a {kind} of {len(lines)} lines looks justified")
    spaces: dict[tuple[str, float], set[float]] = defaultdict(set)
    for chars in page_chars(path):
        for c in chars:
            if c["text"] == " ":
                spaces[(c["fontname"], round(c["size"], 1))].add(round(c["x1"] - c["x0"], 1))
    failures += [f"spaces of {f} at {s} pt have widths {sorted(w)}" for (f, s), w in spaces.items() if len(w) > 1]
    return failures


def line_spacing_failures(path: str | Path, minimum: float = 1.15, heading_minimum: float = 1.15) -> list[str]:
    """Within a paragraph or list item, baseline-to-baseline distance over text size is at least
    ``minimum`` (the configured line spacing); within a heading, at least ``heading_minimum`` (headings
    are set tighter than the text, as typesetters do: a wrapped heading at 1.5 reads as two headings;
    never under the 1.15 every guideline accepts)."""
    failures = set()
    for index, kind, lines in block_lines(path):
        least = heading_minimum if re.fullmatch(r"H[1-6]", kind) else minimum
        for upper, lower in itertools.pairwise(lines):
            size = max(c["size"] for c in upper + lower)
            gap = upper[0]["matrix"][5] - lower[0]["matrix"][5]
            if gap < least * size - 0.1:
                failures.add(f"page {index + 1}: lines {gap:.1f} pt apart at {size:g} pt (below {least})")
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
    pagination artifact in the lower half of the page (the upper half may hold a running title), at
    least ``minimum`` pt, in the same place on every page."""
    chars = page_chars(path)
    total = len(chars)
    failures = []
    places = set()
    for index, page in enumerate(chars):
        half = page_size(path, index)[1] / 2
        furniture = [c for c in page if c.get("tag") == "Artifact" and c["text"].strip() and c["top"] > half]
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


def running_title_failures(path: str | Path, title: str, minimum: float = 18.0) -> list[str]:
    """Every page after the first carries ``title`` as an artifact in its upper half, at least
    ``minimum`` pt (page 1 has the title itself); spaces are not compared (pdfplumber may drop them)."""
    failures = []
    for index, page in enumerate(page_chars(path)[1:], start=1):
        half = page_size(path, index)[1] / 2
        head = [c for c in page if c.get("tag") == "Artifact" and c["text"].strip() and c["bottom"] < half]
        if sorted("".join(c["text"] for c in head)) != sorted(title.replace(" ", "")):
            failures.append(f"page {index + 1}: running title reads {''.join(c['text'] for c in head)!r}")
        elif min(c["size"] for c in head) < minimum - 0.01:
            failures.append(f"page {index + 1}: running title below {minimum:g} pt")
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

"""PDF/UA-1: the machine-checkable Matterhorn conditions of docs/standards.md section 2."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pikepdf

from tests.pdfchecks.reading import open_pdf, structure

PAINTING = {"Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do", "BI", "INLINE IMAGE"}
"""Operators that put ink on the page."""
BCP47 = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


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

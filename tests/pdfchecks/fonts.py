"""Fonts: embedded with ToUnicode (31-009, 31-027), the allowed ones only, no banned style, no .notdef."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf

from tests.pdfchecks.reading import open_pdf

BANNED_STYLES = re.compile(r"Italic|Oblique|Condensed|Narrow|Light|Thin|Serif|Slanted", re.IGNORECASE)


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

"""After WeasyPrint: make every piece of content either tagged or an artifact, and list the fonts.

WeasyPrint 70 writes the text of page-margin boxes (the page numbers) as marked content with an MCID
whose structure element the tree never reaches (Matterhorn 01-005), and a decorative image
(``alt=""``) as a Figure without /Alt (13-004). Here those sequences become ``/Artifact`` (page
furniture ``/Type /Pagination``, decorative images ``/Type /Layout``), the elements leave the tree and
the parent tree, the remaining MCIDs of each page are renumbered from 0, and structure elements left
empty are removed. Then, each in its own module: list labels are painted before their items
(:mod:`.labels`), the page and line fragments of one element are merged into one structure element
(:mod:`.structure`) and the copies of a link annotation stacked on one area removed
(:mod:`.annotations`), every structure element whose content is in another language than it inherits
gets ``/Lang`` (:mod:`.languages`, which WeasyPrint 70 never writes), each soft line break a
space in the text (:mod:`.wordbreaks`), a figure's caption moves into its Figure (:mod:`.figures`),
and each link annotation gets a description a person understands and the Print flag
(:mod:`.links`).

WeasyPrint gives each glyph the text of its first use: when Arabic text draws "(" with the glyph of ")"
(bidi mirroring) before Latin text uses that glyph as a plain ")", every ")" in the file then reads as
"(". Each bracket glyph is given back its own character, the one the font's cmap draws with it (the
usual convention: right-to-left text is stored in visual order, and bidi-aware readers mirror back).
The result is saved deterministically: the same input gives the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from io import BytesIO
from typing import TYPE_CHECKING

from exporters.pdf.annotations import drop_stacked_links
from exporters.pdf.figures import captions_into_figures
from exporters.pdf.labels import order_labels
from exporters.pdf.languages import LanguageMarks, tag_languages
from exporters.pdf.links import LinkWords, describe_links
from exporters.pdf.structure import merge_fragments
from exporters.pdf.wordbreaks import mark_word_breaks

if TYPE_CHECKING:
    import pikepdf

__all__ = ["FinishedPdf", "finish_pdf"]


@dataclass(frozen=True, slots=True)
class FinishedPdf:
    """The post-processed PDF and what it embeds."""

    data: bytes
    fonts: tuple[str, ...]
    """Embedded fonts' names without the subset tag (``Noto-Sans-Bold``), sorted."""
    notdef_fonts: tuple[str, ...]
    drawn: Mapping[str, str] = field(default_factory=dict)
    """The characters each embedded font draws (from its /ToUnicode), by font name: what a font that is
    in no font set was used for."""
    """Fonts in which WeasyPrint drew a .notdef glyph for a character the font lacks."""


def finish_pdf(
    data: bytes,
    faces: Mapping[str, tuple[str, str]] | None = None,
    languages: LanguageMarks | None = None,
    links: LinkWords | None = None,
) -> FinishedPdf:
    """Post-process WeasyPrint's PDF/UA output (see the module's description).

    ``faces`` maps embedded font names to (family, weight), for :func:`_fix_mirrored_brackets`;
    ``languages`` are the marks the page was rendered with (:meth:`LanguageMarks.css`); ``links`` the
    words that describe links (English by default).
    """
    import pikepdf

    with pikepdf.open(BytesIO(data)) as pdf:
        tree_root = pdf.Root.StructTreeRoot
        reached: set[tuple[int, int]] = set()
        for top in _kids(tree_root):
            _walk(top, reached)
        pages_by_key = {int(page.obj.StructParents): page for page in pdf.pages if "/StructParents" in page.obj}
        nums = tree_root.ParentTree.Nums
        for index in range(0, len(nums), 2):
            key, value = int(nums[index]), nums[index + 1]
            if isinstance(value, pikepdf.Array) and key in pages_by_key:
                nums[index + 1] = _retag_page(pdf, pages_by_key[key], value, reached)
        for top in _kids(tree_root):
            _prune_empty(top)
        order_labels(pdf)
        merge_fragments(pdf)
        drop_stacked_links(pdf)
        if languages is not None:
            tag_languages(pdf, languages)
        mark_word_breaks(pdf)
        captions_into_figures(pdf)  # after the languages: a Caption is matched to its Figure's marks as printed
        describe_links(pdf, links or LinkWords())  # after the word breaks: a link's words have their spaces
        fonts, notdef = _fonts(pdf)
        drawn = _drawn(pdf)
        if faces:
            _fix_mirrored_brackets(pdf, faces)
        out = BytesIO()
        pdf.save(
            out,
            deterministic_id=True,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            compress_streams=True,
        )
    return FinishedPdf(out.getvalue(), fonts, notdef, drawn)


def _kids(element: pikepdf.Object) -> list[pikepdf.Object]:
    import pikepdf

    kids = element.get("/K")
    if kids is None:
        return []
    items = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    return [k for k in items if isinstance(k, pikepdf.Dictionary) and "/S" in k]


def _walk(element: pikepdf.Object, reached: set[tuple[int, int]]) -> None:
    """Mark every element under ``element`` reached; detach Figures without /Alt (decorative images)."""
    import pikepdf

    kids = element.get("/K")
    if not isinstance(kids, pikepdf.Array):
        return
    kept = []
    for kid in kids:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            if kid.S == "/Figure" and not str(kid.get("/Alt", "")).strip():
                continue
            reached.add(kid.objgen)
            _walk(kid, reached)
        kept.append(kid)
    if len(kept) != len(kids):
        element.K = pikepdf.Array(kept)


def _retag_page(
    pdf: pikepdf.Pdf, page: pikepdf.Page, elements: pikepdf.Array, reached: set[tuple[int, int]]
) -> pikepdf.Array:
    """Turn the page's unreached MCIDs into artifacts and renumber the rest; return its new parent array."""
    import pikepdf

    parents = list(elements)
    unreached = {mcid for mcid, element in enumerate(parents) if element.objgen not in reached}
    if not unreached:
        return elements
    kinds = {mcid: "Layout" if parents[mcid].get("/S") == "/Figure" else "Pagination" for mcid in unreached}
    contents = page.obj.Contents
    raw = bytes(contents.read_bytes()) if isinstance(contents, pikepdf.Stream) else b""
    fast = _retag_bytes(raw, kinds)
    if fast is not None:
        data, renumbered = fast
    else:
        data, renumbered = _retag_instructions(page, kinds)
    page.obj.Contents = pdf.make_stream(data)
    updated: set[tuple[int, int]] = set()
    for old in renumbered:
        element = parents[old]
        if element.objgen in updated:
            continue
        updated.add(element.objgen)
        element.K = pikepdf.Array([renumbered.get(int(k), int(k)) if isinstance(k, int) else k for k in element.K])
    return pikepdf.Array([parents[old] for old in sorted(renumbered, key=renumbered.__getitem__)])


_MARKED = re.compile(rb"/([A-Za-z]+)\n<</MCID (\d+)>>\nBDC")


def _retag_bytes(raw: bytes, kinds: Mapping[int, str]) -> tuple[bytes, dict[int, int]] | None:
    """The fast path for WeasyPrint's own writing (``/Span\\n<</MCID 3>>\\nBDC``; text in hex strings).

    None when the stream holds a BDC written any other way.
    """
    renumbered: dict[int, int] = {}

    def retag(match: re.Match[bytes]) -> bytes:
        mcid = int(match.group(2))
        if mcid in kinds:
            return b"/Artifact\n<</Type /" + kinds[mcid].encode() + b">>\nBDC"
        renumbered[mcid] = len(renumbered)
        return b"/" + match.group(1) + b"\n<</MCID " + str(renumbered[mcid]).encode() + b">>\nBDC"

    data, count = _MARKED.subn(retag, raw)
    return (data, renumbered) if raw and count == raw.count(b"BDC") else None


def _retag_instructions(page: pikepdf.Page, kinds: Mapping[int, str]) -> tuple[bytes, dict[int, int]]:
    """The general path: parse the content stream, retag, write it back."""
    import pikepdf

    renumbered: dict[int, int] = {}
    instructions = []
    for instruction in pikepdf.parse_content_stream(page):
        if isinstance(instruction, pikepdf.ContentStreamInstruction) and str(instruction.operator) == "BDC":
            operands = list(instruction.operands)
            properties = operands[1] if len(operands) == 2 else None
            if isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties:
                mcid = int(properties.MCID)
                if mcid in kinds:
                    operands = [pikepdf.Name.Artifact, pikepdf.Dictionary(Type=pikepdf.Name("/" + kinds[mcid]))]
                else:
                    renumbered[mcid] = len(renumbered)
                    operands = [operands[0], pikepdf.Dictionary(MCID=renumbered[mcid])]
                instruction = pikepdf.ContentStreamInstruction(operands, instruction.operator)
        instructions.append(instruction)
    return pikepdf.unparse_content_stream(instructions), renumbered


def _prune_empty(element: pikepdf.Object) -> bool:
    """Remove structure elements left with no content; True when ``element`` itself is empty."""
    import pikepdf

    kids = element.get("/K")
    if kids is None:
        return True
    if not isinstance(kids, pikepdf.Array):
        return False
    kept = [k for k in kids if not (isinstance(k, pikepdf.Dictionary) and "/S" in k and _prune_empty(k))]
    if len(kept) != len(kids):
        element.K = pikepdf.Array(kept)
    return not kept


def _font_dictionaries(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    """Every font the pages and their form XObjects use, once each."""
    import pikepdf

    seen: set[tuple[int, int]] = set()

    def from_resources(resources: pikepdf.Object | None, depth: int) -> Iterator[pikepdf.Dictionary]:
        if not isinstance(resources, pikepdf.Dictionary) or depth > 8:
            return
        for font in (resources.get("/Font") or {}).values():
            if not isinstance(font, pikepdf.Dictionary):
                continue
            if font.objgen not in seen or font.objgen == (0, 0):
                seen.add(font.objgen)
                yield font
        for xobject in (resources.get("/XObject") or {}).values():
            if xobject.get("/Subtype") == "/Form" and xobject.objgen not in seen:
                seen.add(xobject.objgen)
                yield from from_resources(xobject.get("/Resources"), depth + 1)

    for page in pdf.pages:
        yield from from_resources(page.obj.get("/Resources"), 0)


def _base_name(font: pikepdf.Dictionary) -> str:
    """A font's name without its subset tag (``ABCDEF+Noto-Sans-Bold`` -> ``Noto-Sans-Bold``)."""
    return str(font.get("/BaseFont", "/?"))[1:].split("+", 1)[-1]


def _fonts(pdf: pikepdf.Pdf) -> tuple[tuple[str, ...], tuple[str, ...]]:
    names: set[str] = set()
    notdef: set[str] = set()
    for font in _font_dictionaries(pdf):
        name = _base_name(font)
        names.add(name)
        if font.get("/Subtype") == "/Type0" and font.get("/Encoding") != "/Identity-H":
            notdef.add(name)
    return tuple(sorted(names)), tuple(sorted(notdef))


_BFCHAR = re.compile(r"<([0-9a-fA-F]{4})> <([0-9a-fA-F]+)>")


def _drawn(pdf: pikepdf.Pdf) -> dict[str, str]:
    """Font name -> the characters its /ToUnicode maps glyphs to (sorted, no duplicates)."""
    import pikepdf

    found: dict[str, set[str]] = {}
    for font in _font_dictionaries(pdf):
        stream = font.get("/ToUnicode")
        if not isinstance(stream, pikepdf.Stream):
            continue
        cmap = bytes(stream.read_bytes()).decode("latin-1")
        chars = found.setdefault(_base_name(font), set())
        for match in _BFCHAR.finditer(cmap):
            chars.update(bytes.fromhex(match.group(2)).decode("utf-16-be", "replace"))
    return {name: "".join(sorted(chars)) for name, chars in found.items()}


def _fix_mirrored_brackets(pdf: pikepdf.Pdf, faces: Mapping[str, tuple[str, str]]) -> None:
    """Map each bracket glyph in /ToUnicode to the character the font draws it for."""
    import pikepdf

    from exporters.pdf.fonts import MIRRORED, glyph_ids

    for font in _font_dictionaries(pdf):
        face = faces.get(_base_name(font))
        stream = font.get("/ToUnicode")
        if face is None or not isinstance(stream, pikepdf.Stream):
            continue
        ids = glyph_ids(*face)
        own = {gid: char for char, gid in ids.items()}

        def fix(match: re.Match[str], own: dict[int, str] = own) -> str:
            text = bytes.fromhex(match.group(2)).decode("utf-16-be", "replace")
            char = own.get(int(match.group(1), 16))
            if text in MIRRORED and char is not None and char != text:
                return f"<{match.group(1)}> <{char.encode('utf-16-be').hex()}>"
            return match.group(0)

        original = bytes(stream.read_bytes()).decode("latin-1")
        fixed = _BFCHAR.sub(fix, original)
        if fixed != original:
            stream.write(fixed.encode("latin-1"))

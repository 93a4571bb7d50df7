"""Reading a finished EPUB back: its package document, its pages in reading order, and the checks that
EPUBCheck and Ace do not make (a conformance claim, if any, and its certifier; language tags, RTL spine,
identifier).

Used by the tests and by ``python -m exporters.epub.validate`` over every book a build wrote.
"""

from __future__ import annotations

import io
import re
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from lxml import etree

from exporters.epub.metadata import CONFORMS_TO
from handoutkit.languages import LanguageError, text_direction

__all__ = ["EpubFile", "book_problems", "read_epub", "reading_text"]

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MODIFIED = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


def _elements(context: etree._Element, path: str) -> list[etree._Element]:
    """The elements an XPath expression selects (lxml types any XPath result as ``Any``)."""
    return [node for node in context.xpath(path, namespaces=NS) if isinstance(node, etree._Element)]


def _strings(context: etree._Element, path: str) -> list[str]:
    """The attribute values or text nodes an XPath expression selects."""
    return [str(node) for node in context.xpath(path, namespaces=NS) if isinstance(node, str)]


@dataclass(frozen=True)
class EpubFile:
    """An EPUB as a reader opens it."""

    names: tuple[str, ...]
    """The zip entries, in archive order."""
    opf_path: str
    opf: etree._Element
    files: dict[str, bytes]
    """Every entry's bytes, by path in the archive."""

    def meta(self, prop: str) -> list[etree._Element]:
        """The ``<meta property="prop">`` elements of the package metadata."""
        return _elements(self.opf, f"opf:metadata/opf:meta[@property='{prop}']")

    def values(self, prop: str) -> list[str]:
        """The text of every ``<meta property="prop">``."""
        return [(element.text or "").strip() for element in self.meta(prop)]

    def dc(self, name: str) -> list[str]:
        """The text of every ``dc:<name>`` element."""
        return [(e.text or "").strip() for e in _elements(self.opf, f"opf:metadata/dc:{name}")]

    def path(self, href: str) -> str:
        """The archive path of a manifest ``href``."""
        return str(PurePosixPath(self.opf_path).parent / href)

    def manifest(self) -> dict[str, etree._Element]:
        """Manifest items by id."""
        return {item.get("id", ""): item for item in _elements(self.opf, "opf:manifest/opf:item")}

    def spine(self) -> list[tuple[str, etree._Element]]:
        """(archive path, manifest item) of every spine entry, in reading order."""
        items = self.manifest()
        refs = _strings(self.opf, "opf:spine/opf:itemref/@idref")
        return [(self.path(items[ref].get("href", "")), items[ref]) for ref in refs]

    def reading_order(self) -> list[str]:
        """Archive paths of the spine's pages in reading order, the navigation document left out."""
        return [path for path, item in self.spine() if "nav" not in (item.get("properties") or "").split()]

    def xhtml(self, path: str) -> etree._Element:
        """A content document's root element."""
        return etree.fromstring(self.files[path])

    def content_documents(self) -> list[str]:
        """Archive paths of every XHTML document in the manifest, in manifest order."""
        return [
            self.path(item.get("href", ""))
            for item in self.manifest().values()
            if item.get("media-type") == "application/xhtml+xml"
        ]


def read_epub(data: bytes) -> EpubFile:
    """Open EPUB bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = tuple(archive.namelist())
        files = {name: archive.read(name) for name in names}
    container = etree.fromstring(files["META-INF/container.xml"])
    opf_path = _strings(container, "//c:rootfile/@full-path")[0]
    return EpubFile(names, opf_path, etree.fromstring(files[opf_path]), files)


def _package_problems(book: EpubFile, lang: str, rtl: bool) -> list[str]:
    problems: list[str] = []
    if book.opf.get(XML_LANG) != lang or not lang:
        problems.append(f"<package> xml:lang is {book.opf.get(XML_LANG)!r}, dc:language is {lang!r}")
    claim = book.meta("dcterms:conformsTo")
    if claim and book.values("dcterms:conformsTo") != [CONFORMS_TO]:
        problems.append(f"dcterms:conformsTo is {book.values('dcterms:conformsTo')!r}, not [{CONFORMS_TO!r}]")
    claim_id = claim[0].get("id") if claim else None
    certifiers = [e for e in book.meta("a11y:certifiedBy") if (e.text or "").strip()]
    if claim and (not claim_id or not any(e.get("refines") == f"#{claim_id}" for e in certifiers)):
        problems.append("no non-empty a11y:certifiedBy refines the dcterms:conformsTo claim")
    if not claim and (book.meta("a11y:certifiedBy") or book.meta("a11y:certifierCredential")):
        problems.append("a11y:certifiedBy or a11y:certifierCredential without a dcterms:conformsTo claim")
    if "a11y:" not in (book.opf.get("prefix") or ""):
        problems.append("the package declares no a11y: prefix")
    modified = book.values("dcterms:modified")
    if len(modified) != 1 or not MODIFIED.match(modified[0]):
        problems.append(f"dcterms:modified must appear once as YYYY-MM-DDThh:mm:ssZ, found {modified!r}")
    identifier = book.dc("identifier")
    try:
        parsed = uuid.UUID(identifier[0].removeprefix("urn:uuid:")) if identifier else None
    except ValueError:
        parsed = None
    if parsed is None or parsed.version != 5:
        problems.append(f"dc:identifier {identifier!r} is not a name-based (version 5) UUID URN")
    hazards = book.values("schema:accessibilityHazard")
    if ("none" in hazards or "unknown" in hazards) and len(hazards) > 1:
        problems.append(f"accessibilityHazard combines none/unknown with other values: {hazards!r}")
    direction = book.opf.xpath("string(opf:spine/@page-progression-direction)", namespaces=NS)
    if rtl and direction != "rtl":
        problems.append(f"spine page-progression-direction is {direction!r} in a right-to-left book")
    return problems


def _document_problems(book: EpubFile, lang: str, rtl: bool) -> list[str]:
    problems: list[str] = []
    informative = False
    for path in book.content_documents():
        root = book.xhtml(path)
        if root.get("lang") != lang or root.get(XML_LANG) != lang:
            problems.append(
                f"{path}: <html> lang={root.get('lang')!r} xml:lang={root.get(XML_LANG)!r}, book is {lang!r}"
            )
        if rtl and root.get("dir") != "rtl":
            problems.append(f'{path}: <html> has no dir="rtl" in a right-to-left book')
        for element in root.iter():
            if element.get("lang") != element.get(XML_LANG):
                problems.append(f"{path}: <{etree.QName(element).localname}> lang and xml:lang differ")
        for image in root.iterfind(".//x:img", NS):
            alt = image.get("alt")
            if alt is None:
                problems.append(f"{path}: an image has no alt attribute")
            elif not alt.strip() and image.get("role") != "presentation":
                problems.append(f'{path}: a decorative image lacks role="presentation"')
            elif alt.strip() and image.get("role") != "doc-cover":
                informative = True
    modes = book.values("schema:accessMode")
    if informative != ("visual" in modes):
        problems.append(f"accessMode {modes!r} does not match the book's images (informative: {informative})")
    return problems


_BLOCKS = frozenset(
    {"body", "section", "nav", "div", "p", "ol", "ul", "li", "figure", "blockquote", "br"}
    | {f"h{level}" for level in range(1, 7)}
)
"""Elements whose text a reader meets as a separate line: a space keeps their words apart."""


def _text(element: etree._Element, out: list[str]) -> None:
    if not isinstance(element.tag, str):  # comments, processing instructions
        out.append(element.tail or "")
        return
    name = etree.QName(element).localname
    gap = " " if name in _BLOCKS else ""
    if name == "img" and (element.get("alt") or "").strip():
        out.append(f" [{element.get('alt', '').strip()}] ")
    out.append(gap + (element.text or ""))
    for child in element:
        _text(child, out)
    out.append(gap + (element.tail or ""))


def reading_text(book: EpubFile) -> str:
    """The book's words as a reader meets them: every page in spine order (the contents page left out),
    whitespace collapsed, each image with alt text read as ``[alt text]``."""
    out: list[str] = []
    for path in book.reading_order():
        body = book.xhtml(path).find("x:body", NS)
        if body is not None:
            _text(body, out)
    return " ".join("".join(out).split())


def book_problems(book: EpubFile) -> list[str]:
    """What is wrong with a book beyond what EPUBCheck and Ace report (empty: nothing)."""
    lang = (book.dc("language") or [""])[0]
    problems: list[str] = []
    try:
        rtl = bool(lang) and text_direction(lang) == "rtl"
    except LanguageError:
        problems.append(f"dc:language {lang!r} is not a known language")
        rtl = False
    return problems + _package_problems(book, lang, rtl) + _document_problems(book, lang, rtl)

"""A :class:`~exporters.epub.book.Book` as EPUB bytes: ebooklib writes the package, then it is made exact.

ebooklib 0.20 writes no ``xml:lang`` on ``<package>``, points the spine at an NCX the book does not
need, and stamps every zip entry with the current time. :func:`finish_opf` and :func:`normalize_zip`
fix those, so the same book gives the same bytes on every build.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import TYPE_CHECKING

from lxml import etree

from exporters.epub.book import Book
from exporters.epub.xhtml import NAV_PAGE, nav_xhtml, page_xhtml

if TYPE_CHECKING:
    from ebooklib import epub

__all__ = ["A11Y_PREFIX", "finish_opf", "normalize_zip", "package"]

A11Y_PREFIX = "http://www.idpf.org/epub/vocab/package/a11y/#"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
OPF_NS = "http://www.idpf.org/2007/opf"
XHTML = "application/xhtml+xml"


def _item_id(file_name: str) -> str:
    """A manifest id from a file name: pages by their stem (``section-01``), other files with their suffix."""
    base = file_name.rsplit("/", 1)[-1]
    if base.endswith(".xhtml"):
        base = base.removesuffix(".xhtml")
    name = re.sub(r"[^A-Za-z0-9_-]", "-", base)
    return name if name[:1].isalpha() else f"i-{name}"


def _lang_attrs(lang: str, book_lang: str) -> dict[str, str]:
    return {} if lang == book_lang else {XML_LANG: lang}


def _metadata(target: epub.EpubBook, book: Book) -> None:
    target.set_identifier(book.identifier)
    target.add_metadata("DC", "title", book.title, _lang_attrs(book.title_lang, book.lang))
    target.title = book.title
    target.set_language(book.lang)
    if book.direction == "rtl":
        target.set_direction("rtl")
    if book.description:
        target.add_metadata("DC", "description", book.description, _lang_attrs(book.description_lang, book.lang))
    if book.publisher:
        target.add_metadata("DC", "publisher", book.publisher)
    if book.rights:
        target.add_metadata("DC", "rights", book.rights)
    target.add_prefix("a11y", A11Y_PREFIX)
    a11y = book.a11y

    def meta(prop: str, value: str, **attrs: str) -> None:
        target.add_metadata(None, "meta", value, {"property": prop, **attrs})

    for mode in a11y.access_modes:
        meta("schema:accessMode", mode)
    meta("schema:accessModeSufficient", ",".join(a11y.access_mode_sufficient))
    for feature in a11y.features:
        meta("schema:accessibilityFeature", feature)
    for hazard in a11y.hazards:
        meta("schema:accessibilityHazard", hazard)
    meta("schema:accessibilitySummary", a11y.summary, **_lang_attrs(a11y.summary_lang, book.lang))
    if a11y.conformance is not None:  # a claim only when someone who evaluated the book is configured
        meta("dcterms:conformsTo", a11y.conformance.conforms_to, id="conformance")
        meta("a11y:certifiedBy", a11y.conformance.certified_by, refines="#conformance")


def _ebooklib_bytes(book: Book) -> bytes:
    from ebooklib import epub

    target = epub.EpubBook()
    _metadata(target, book)
    spine: list[str] = []
    for page in book.pages:
        item = epub.EpubItem(
            _item_id(page.file_name), page.file_name, XHTML, page_xhtml(page, book.lang, book.direction)
        )
        target.add_item(item)
        spine.append(item.id)
        if page.file_name == book.nav_after:
            nav = epub.EpubItem("nav", NAV_PAGE, XHTML, nav_xhtml(book))
            nav.properties = ["nav"]
            target.add_item(nav)
            spine.append(nav.id)
    for resource in book.resources:
        item = epub.EpubItem(_item_id(resource.file_name), resource.file_name, resource.media_type, resource.data)
        if resource.properties:
            item.properties = [resource.properties]
            if resource.properties == "cover-image":
                target.add_metadata(None, "meta", "", {"name": "cover", "content": item.id})
        target.add_item(item)
    target.spine = spine
    out = io.BytesIO()
    options = {
        "raise_exceptions": True,
        "mtime": book.modified,
        "epub2_guide": False,
        "epub3_landmark": False,
        "epub3_pages": False,
    }
    epub.write_epub(out, target, options)
    return out.getvalue()


def finish_opf(opf: bytes, lang: str) -> bytes:
    """The package document with ``xml:lang`` on ``<package>`` and no reference to an absent NCX."""
    root = etree.fromstring(opf)
    root.set(XML_LANG, lang)
    spine = root.find(f"{{{OPF_NS}}}spine")
    ids = {item.get("id") for item in root.iterfind(f"{{{OPF_NS}}}manifest/{{{OPF_NS}}}item")}
    if spine is not None and spine.get("toc") not in ids:
        spine.attrib.pop("toc", None)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def normalize_zip(data: bytes, when: dt.datetime, opf_lang: str) -> bytes:
    """The archive rewritten for reproducibility: fixed entry times and attributes, ``mimetype`` first."""
    stamp = max(when, dt.datetime(1980, 1, 1, tzinfo=dt.UTC)).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        names = source.namelist()
        names.sort(key=lambda name: name != "mimetype")
        for name in names:
            content = source.read(name)
            if name.endswith(".opf"):
                content = finish_opf(content, opf_lang)
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            target.writestr(info, content, compresslevel=9 if name != "mimetype" else None)
    return out.getvalue()


def package(book: Book) -> bytes:
    """The EPUB file of ``book``."""
    return normalize_zip(_ebooklib_bytes(book), book.modified, book.lang)

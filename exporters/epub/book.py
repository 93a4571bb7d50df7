"""What goes into one EPUB, before any packaging: pages, resources, navigation and metadata.

The builder (:mod:`.assemble`) makes a :class:`Book`; :mod:`.package` turns it into
bytes with ebooklib. Keeping the two apart lets tests look at a book's plan without unzipping anything.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

from exporters.epub.metadata import A11yMetadata

__all__ = ["Book", "Landmark", "NavEntry", "Page", "Resource"]


@dataclass(frozen=True, slots=True)
class Resource:
    """A file in the book that is not a page: an image, the style sheet, the cover image."""

    file_name: str
    """Path inside the book's content folder (``images/img-1.svg``)."""
    media_type: str
    data: bytes
    properties: str = ""
    """Manifest properties (``cover-image``)."""


@dataclass(frozen=True, slots=True)
class Page:
    """One XHTML content document, in reading order."""

    file_name: str
    title: str
    """The ``<title>``: the page's heading as plain text."""
    title_lang: str
    """The language ``title`` is in."""
    body: Markup
    """What goes inside ``<body>``."""


@dataclass(frozen=True, slots=True)
class NavEntry:
    """One entry of the table of contents."""

    label: Markup
    """The entry's words as XHTML (their language's spans and isolated runs kept, no links or emphasis)."""
    lang: str
    """The language ``label`` is in."""
    href: str
    children: tuple[NavEntry, ...] = ()


@dataclass(frozen=True, slots=True)
class Landmark:
    """One entry of the landmarks list (``epub:type`` from the EPUB structural semantics vocabulary)."""

    epub_type: str
    label: str
    lang: str
    href: str


@dataclass(frozen=True, slots=True)
class Book:
    """Everything one EPUB holds."""

    identifier: str
    """``urn:uuid:...``, stable across builds."""
    title: str
    title_lang: str
    lang: str
    """BCP 47 tag of the book's language."""
    direction: str
    """``ltr`` or ``rtl``; ``rtl`` sets the spine's page progression direction."""
    modified: dt.datetime
    """``dcterms:modified``, in UTC."""
    description: str
    """``dc:description``: the main message ('' for none)."""
    description_lang: str
    publisher: str
    rights: str
    a11y: A11yMetadata
    pages: tuple[Page, ...]
    """Every page in reading order; the navigation document is placed by the packager."""
    nav_after: str
    """The file name of the page the contents page follows in reading order."""
    resources: tuple[Resource, ...]
    toc: tuple[NavEntry, ...]
    landmarks: tuple[Landmark, ...]
    nav_title: str
    """The heading of the table of contents, in ``lang`` (or ``nav_title_lang``)."""
    nav_title_lang: str
    landmarks_title: str
    landmarks_title_lang: str

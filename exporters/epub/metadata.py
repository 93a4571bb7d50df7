"""The facts in a book's package metadata that are computed, never read from the clock or at random."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from handoutkit.model import Document

__all__ = [
    "CONFORMS_TO",
    "FALLBACK_MODIFIED",
    "IDENTIFIER_NAMESPACE",
    "A11yMetadata",
    "Conformance",
    "a11y_metadata",
    "book_identifier",
    "collection_identifier",
    "modified",
]

CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"
"""The conformance claim, exactly as EPUB Accessibility 1.1 spells it (written only with a certifier)."""

IDENTIFIER_NAMESPACE = uuid.UUID("6f1f3a52-8a0e-5d8c-9b59-2c4b0f7d1e3a")
"""The namespace of every book identifier: a fixed value, so a book keeps its identifier across builds."""

FALLBACK_MODIFIED = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
"""``dcterms:modified`` of a book none of whose documents has an ``updated`` date or a catalog revision
date: a fixed, obviously artificial date (never the clock, so two builds stay identical)."""


def book_identifier(slug: str, lang: str) -> str:
    """The ``dc:identifier`` of a handout in one language: a name-based UUID (version 5) of slug and language."""
    return uuid.uuid5(IDENTIFIER_NAMESPACE, f"handout/{slug}/{lang}").urn


def collection_identifier(file_name: str, lang: str) -> str:
    """The ``dc:identifier`` of the collection in one language."""
    return uuid.uuid5(IDENTIFIER_NAMESPACE, f"collection/{file_name}/{lang}").urn


def modified(docs: Iterable[Document]) -> dt.datetime:
    """The latest of the documents' ``updated`` dates and catalog revision dates, in UTC, to the second.

    :data:`FALLBACK_MODIFIED` when none of them has either.
    """
    dates = [doc.last_changed for doc in docs if doc.last_changed is not None]
    latest = max(dates) if dates else FALLBACK_MODIFIED
    return latest.replace(microsecond=0)


@dataclass(frozen=True, slots=True)
class Conformance:
    """A claim that a book meets EPUB Accessibility 1.1 and WCAG 2.1 Level AA, and who stands behind it.

    Made only when ``[epub] certified_by`` names someone who evaluated the books: passing our own
    validators (EPUBCheck, Ace, :mod:`exporters.epub.readback`) is a self-check, not an evaluation.
    """

    certified_by: str
    """Who evaluated the book's accessibility (``a11y:certifiedBy``, refining the claim)."""
    conforms_to: str = CONFORMS_TO
    """The ``dcterms:conformsTo`` value."""


@dataclass(frozen=True, slots=True)
class A11yMetadata:
    """The accessibility metadata of one book (EPUB Accessibility 1.1, schema.org properties)."""

    access_modes: tuple[str, ...]
    access_mode_sufficient: tuple[str, ...]
    features: tuple[str, ...]
    hazards: tuple[str, ...]
    summary: str
    summary_lang: str
    conformance: Conformance | None
    """The conformance claim; None when nobody who evaluated the books is configured (the book claims nothing)."""


def a11y_metadata(*, informative_images: bool, summary: str, summary_lang: str, certified_by: str) -> A11yMetadata:
    """The metadata for a reflowable text book; ``visual`` joins ``textual`` when an image carries information.

    The cover is not counted: its only content is the title, which the book also gives as text. An empty
    ``certified_by`` means no conformance claim.
    """
    features = ["structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability"]
    if informative_images:
        features.append("alternativeText")
    return A11yMetadata(
        access_modes=("textual", "visual") if informative_images else ("textual",),
        access_mode_sufficient=("textual",),
        features=tuple(features),
        hazards=("none",),
        summary=summary,
        summary_lang=summary_lang,
        conformance=Conformance(certified_by.strip()) if certified_by.strip() else None,
    )

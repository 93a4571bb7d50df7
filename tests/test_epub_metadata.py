"""Package metadata of the EPUB books: accessibility (EPUB Accessibility 1.1), identifier, dates, rights."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid

import pytest

from exporters.epub import EpubExporter
from exporters.epub.metadata import CONFORMS_TO, FALLBACK_MODIFIED, book_identifier, modified
from exporters.epub.readback import read_epub
from handoutkit.config import EpubOptions, Organization
from handoutkit.errors import ProblemError
from handoutkit.model import Document
from tests.test_epub_books import LANGS, collection, context, document, handout

A11Y_PREFIX = "a11y: http://www.idpf.org/epub/vocab/package/a11y/#"


def test_the_conformance_claim_is_the_exact_epub_accessibility_string() -> None:
    book = handout("breathing", "ar")
    assert book.values("dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"] == [CONFORMS_TO]


def test_the_certifier_from_configuration_refines_the_claim() -> None:
    book = handout("breathing", "es")
    (claim,) = book.meta("dcterms:conformsTo")
    (certifier,) = book.meta("a11y:certifiedBy")
    assert certifier.get("refines") == f"#{claim.get('id')}"
    assert certifier.text == "Riverside Community Clinic accessibility team"
    assert A11Y_PREFIX in book.opf.get("prefix")


def test_the_certifier_falls_back_to_the_organizations_name() -> None:
    ctx = context("en")
    settings = dataclasses.replace(ctx.settings, epub=EpubOptions(certified_by=""))
    (output,) = EpubExporter().render(document("eating", "en"), dataclasses.replace(ctx, settings=settings))
    assert read_epub(output.data).values("a11y:certifiedBy") == ["Riverside Community Clinic"]


def test_a_book_without_anyone_to_certify_it_is_an_error_naming_the_configuration() -> None:
    ctx = context("en")
    settings = dataclasses.replace(ctx.settings, epub=EpubOptions(), organization=Organization())
    ctx = dataclasses.replace(ctx, settings=settings)
    (problem,) = EpubExporter().check(document("eating", "en"), ctx)
    assert (problem.kind, str(problem.origin)) == ("epub-certifier", "handoutkit.toml")
    with pytest.raises(ProblemError, match="certified_by"):
        EpubExporter().render(document("eating", "en"), ctx)


def test_access_modes_add_visual_only_when_an_image_carries_information() -> None:
    with_image = handout("breathing", "en")
    assert with_image.values("schema:accessMode") == ["textual", "visual"]
    assert "alternativeText" in with_image.values("schema:accessibilityFeature")
    text_only = handout("eating", "en")
    assert text_only.values("schema:accessMode") == ["textual"]
    assert "alternativeText" not in text_only.values("schema:accessibilityFeature")


def test_text_alone_is_sufficient_and_there_are_no_hazards() -> None:
    book = handout("breathing", "vi")
    assert book.values("schema:accessModeSufficient") == ["textual"]
    assert book.values("schema:accessibilityHazard") == ["none"]
    features = book.values("schema:accessibilityFeature")
    for feature in ("structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability"):
        assert feature in features
    assert "pageNavigation" not in features  # no page list, so no page navigation is claimed


def test_the_identifier_is_a_uuid_derived_from_slug_and_language() -> None:
    (identifier,) = handout("breathing", "es").dc("identifier")
    assert identifier == book_identifier("breathing", "es")
    assert uuid.UUID(identifier.removeprefix("urn:uuid:")).version == 5
    namespace = uuid.UUID("6f1f3a52-8a0e-5d8c-9b59-2c4b0f7d1e3a")
    assert identifier == uuid.uuid5(namespace, "handout/breathing/es").urn


def test_each_book_has_its_own_identifier() -> None:
    identifiers = {handout(slug, lang).dc("identifier")[0] for slug in ("breathing", "eating") for lang in LANGS}
    identifiers |= {collection(lang).dc("identifier")[0] for lang in LANGS}
    assert len(identifiers) == 15


def test_the_unique_identifier_attribute_points_at_the_identifier() -> None:
    book = handout("eating", "ar")
    unique = book.opf.get("unique-identifier")
    assert book.opf.xpath(f"string(//*[@id='{unique}'])") == book.dc("identifier")[0]


def test_publisher_rights_and_description_come_from_configuration_and_the_summary() -> None:
    book = handout("eating", "es")
    assert book.dc("publisher") == ["Riverside Community Clinic"]
    assert book.dc("rights") == ["CC BY 4.0"]
    assert book.dc("description") == ["Coma porciones pequeñas con frecuencia y beba mucha agua."]


@pytest.mark.parametrize(
    ("slug", "lang", "expected"),
    [
        ("breathing", "en", "2026-11-02T00:00:00Z"),  # source: the front matter's updated date
        ("breathing", "es", "2026-11-20T08:30:00Z"),  # catalog revised after the update (09:30+0100)
        ("breathing", "vi", "2026-11-02T00:00:00Z"),  # catalog revised before the update
        ("breathing", "ar", "2026-11-04T12:45:00Z"),  # 15:45+0300
    ],
)
def test_modified_is_the_later_of_updated_and_the_catalog_revision(slug: str, lang: str, expected: str) -> None:
    assert handout(slug, lang).values("dcterms:modified") == [expected]


def test_a_collection_is_modified_when_its_latest_handout_was() -> None:
    assert collection("zh-Hans").values("dcterms:modified") == ["2026-11-03T04:00:00Z"]


def test_without_any_date_modified_is_the_documented_fixed_fallback() -> None:
    doc = document("eating", "en")
    undated = dataclasses.replace(doc, meta=dataclasses.replace(doc.meta, updated=None), revised=None)
    assert modified([undated]) == FALLBACK_MODIFIED == dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    (output,) = EpubExporter().render(undated, context("en"))
    assert read_epub(output.data).values("dcterms:modified") == ["2000-01-01T00:00:00Z"]


def test_a_naive_revision_date_counts_as_utc() -> None:
    doc: Document = dataclasses.replace(document("eating", "es"), revised=dt.datetime(2027, 1, 2, 3, 4, 5, 678))
    assert modified([doc]) == dt.datetime(2027, 1, 2, 3, 4, 5, tzinfo=dt.UTC)

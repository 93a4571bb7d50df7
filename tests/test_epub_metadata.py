"""Package metadata of the EPUB books: accessibility (EPUB Accessibility 1.1), identifier, dates, rights."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import uuid
from pathlib import Path

import pytest

from exporters.epub import EpubExporter
from exporters.epub.assemble import handout_book
from exporters.epub.messages import A11Y_CLAIM, A11Y_IMAGES, A11Y_LIMITS, A11Y_RTL, A11Y_SUMMARY
from exporters.epub.metadata import CONFORMS_TO, FALLBACK_MODIFIED, book_identifier, modified
from exporters.epub.readback import XML_LANG, EpubFile, book_problems, read_epub
from exporters.epub.validate import Report
from handoutkit.config import load_config
from handoutkit.languages import parse_language
from handoutkit.model import Document
from handoutkit.project import Project
from tests.test_epub_books import LANGS, PROJECT, collection, context, document, handout, validated

A11Y_PREFIX = "a11y: http://www.idpf.org/epub/vocab/package/a11y/#"
UNCERTIFIED = Path(__file__).parent / "data" / "epub" / "uncertified"


@functools.cache
def uncertified_project() -> Project:
    """The fixture project's handouts and catalogs, configured by ``tests/data/epub/uncertified``: the
    organization has a name, but nobody is named as having evaluated the books."""
    return Project(root=PROJECT, config=load_config(UNCERTIFIED))


@functools.cache
def uncertified_epub(slug: str, lang: str) -> bytes:
    """The EPUB of one fixture handout built without a certifier."""
    project, language = uncertified_project(), parse_language(lang)
    (output,) = EpubExporter().render(project.translate(slug, language).document, project.context(language))
    return output.data


def uncertified(slug: str, lang: str) -> EpubFile:
    return read_epub(uncertified_epub(slug, lang))


def summary(book: EpubFile) -> str:
    (text,) = book.values("schema:accessibilitySummary")
    return text


def test_with_a_certifier_the_book_claims_the_exact_epub_accessibility_conformance() -> None:
    book = handout("breathing", "ar")
    assert book.values("dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"] == [CONFORMS_TO]


def test_the_configured_certifier_refines_the_claim() -> None:
    book = handout("breathing", "es")
    (claim,) = book.meta("dcterms:conformsTo")
    (certifier,) = book.meta("a11y:certifiedBy")
    assert certifier.get("refines") == f"#{claim.get('id')}"
    assert certifier.text == "Riverside Community Clinic accessibility team"
    assert A11Y_PREFIX in book.opf.get("prefix")


@pytest.mark.parametrize(("slug", "lang"), [("eating", "en"), ("breathing", "ar")])
def test_without_a_certifier_the_book_makes_no_conformance_claim_and_still_builds(slug: str, lang: str) -> None:
    book = uncertified(slug, lang)
    assert book.meta("dcterms:conformsTo") == []
    assert book.meta("a11y:certifiedBy") == [] and book.meta("a11y:certifierCredential") == []
    assert book.values("schema:accessibilityFeature")  # the rest of the accessibility metadata stays
    assert book_problems(book) == []


@pytest.fixture(scope="module")
def uncertified_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Report]:
    books = {"eating-en": uncertified_epub("eating", "en"), "breathing-ar": uncertified_epub("breathing", "ar")}
    return validated(tmp_path_factory.mktemp("uncertified"), books)


@pytest.mark.parametrize("name", ["eating-en", "breathing-ar"])
def test_a_book_without_a_conformance_claim_passes_epubcheck_and_ace(
    uncertified_reports: dict[str, Report], name: str
) -> None:
    report = uncertified_reports[name]
    assert (report.epubcheck, report.ace, report.own) == ((), (), ())


def test_the_summary_states_the_conformance_claim_only_when_one_is_made() -> None:
    assert summary(handout("eating", "en")) == f"{A11Y_CLAIM} {A11Y_SUMMARY} {A11Y_LIMITS}"
    assert A11Y_CLAIM.startswith("An evaluation found that this book meets EPUB Accessibility 1.1 and WCAG 2.1")
    assert summary(uncertified("eating", "en")) == f"{A11Y_SUMMARY} {A11Y_LIMITS}"
    assert "EPUB Accessibility" not in summary(uncertified("eating", "en"))


def test_the_summary_says_what_a_reader_can_rely_on_then_what_is_missing() -> None:
    assert summary(uncertified("breathing", "en")) == (
        "You can change the size, font and colours of the text, and a screen reader or reading app can read it "
        "aloud. Every image that gives information has a text description. The book has no audio or video, and "
        "it does not show the page numbers of the PDF version."
    )


def test_the_summary_of_a_right_to_left_book_says_how_left_to_right_runs_read() -> None:
    arabic = uncertified("breathing", "ar")
    ui = uncertified_project().context(parse_language("ar")).ui
    assert summary(arabic).endswith(ui(A11Y_RTL)) and ui.lang(A11Y_RTL) == "ar"
    assert arabic.meta("schema:accessibilitySummary")[0].get(XML_LANG) is None  # the package's xml:lang (ar)
    assert "right to left" not in summary(uncertified("breathing", "en"))


@pytest.mark.parametrize("lang", LANGS)
def test_the_summary_holds_the_accessibility_sentences_only_in_the_books_language(lang: str) -> None:
    """Nothing about the review or the translation of the text: that is not accessibility."""
    ui = context(lang).ui
    messages = [A11Y_CLAIM, A11Y_SUMMARY, A11Y_IMAGES, A11Y_LIMITS, *([A11Y_RTL] if lang == "ar" else [])]
    assert {ui.lang(message) for message in messages} == {lang}
    assert summary(handout("breathing", lang)) == ("" if lang == "zh-Hans" else " ").join(map(ui, messages))


def test_a_summary_sentence_missing_from_the_catalog_gives_the_whole_summary_in_the_source_language() -> None:
    ctx = context("es")
    ui = dataclasses.replace(ctx.ui, translations={k: v for k, v in ctx.ui.translations.items() if k != A11Y_LIMITS})
    book = handout_book(document("eating", "es"), dataclasses.replace(ctx, ui=ui))
    assert (book.a11y.summary, book.a11y.summary_lang) == (f"{A11Y_CLAIM} {A11Y_SUMMARY} {A11Y_LIMITS}", "en")


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

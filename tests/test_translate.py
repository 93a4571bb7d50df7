"""Translation: msgstr parsed as Markdown, fuzzy and empty entries ignored, bad translations rejected
with the .po file and line, untranslated blocks kept in the source language and tagged as such."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from handoutkit.i18n.po import read_catalog
from handoutkit.i18n.translate import translate_document
from handoutkit.languages import parse_language
from handoutkit.model import Heading, Link, List, Paragraph, Strong, Text
from handoutkit.reader import read_document

DATA = Path(__file__).parent / "data"
BASIC = DATA / "projects" / "basic"
SPANISH = parse_language("es")


def translate(po: Path):
    doc = read_document(BASIC, "basic", "en")
    catalog = read_catalog(po, "locales/es/LC_MESSAGES/basic.po")
    return translate_document(doc, catalog, SPANISH)


def test_a_complete_catalog_translates_every_unit_and_parses_its_markdown():
    result = translate(BASIC / "locales/es/LC_MESSAGES/basic.po")
    doc = result.document
    assert result.coverage.percent == 100 and not result.problems
    assert doc.lang == "es" and doc.source_lang == "en"
    assert doc.meta.title.text == "Folleto básico" and doc.meta.title.lang == "es"
    assert doc.meta.summary is not None
    assert doc.meta.summary.inlines == (Text("El mensaje "), Strong((Text("principal"),)), Text(" va primero."))
    paragraph = doc.blocks[1]
    assert isinstance(paragraph, Paragraph)
    assert Link("https://example.org/info", (Text("un enlace"),)) in paragraph.content.inlines
    assert paragraph.content.translated_at is not None
    assert paragraph.content.translated_at.path == "locales/es/LC_MESSAGES/basic.po"


def test_the_msgid_stays_the_source_text_in_a_translated_unit():
    heading = translate(BASIC / "locales/es/LC_MESSAGES/basic.po").document.blocks[0]
    assert isinstance(heading, Heading)
    assert heading.content.msgid == "First part" and heading.content.text == "Primera parte"
    assert heading.anchor == "h-first-part"


def test_the_catalog_revision_date_and_translation_review_come_from_the_header():
    doc = translate(BASIC / "locales/es/LC_MESSAGES/basic.po").document
    assert doc.revised == dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC)
    assert doc.review.is_translation and not doc.review.reviewed


@pytest.fixture
def rejected():
    return translate(DATA / "catalogs" / "rejections.po")


def test_raw_html_in_a_translation_is_rejected_with_the_po_line(rejected):
    messages = [str(p) for p in rejected.problems]
    assert (
        "locales/es/LC_MESSAGES/basic.po:50: warning: translation rejected: raw HTML is not allowed: '<b>' "
        "[raw-html]" in messages
    )


def test_a_translation_with_another_link_target_is_rejected(rejected):
    problem = next(p for p in rejected.problems if p.kind == "link-target")
    assert str(problem.origin) == "locales/es/LC_MESSAGES/basic.po:56"
    assert "https://evil.example/phish" in problem.message and "https://example.org/info" in problem.message


def test_a_translation_that_drops_a_placeholder_is_rejected(rejected):
    problem = next(p for p in rejected.problems if p.kind == "placeholder")
    assert str(problem.origin) == "locales/es/LC_MESSAGES/basic.po:34"
    assert "{phone}" in problem.message


def test_rejected_fuzzy_and_empty_entries_keep_the_source_text_in_the_source_language(rejected):
    doc = rejected.document
    heading = doc.blocks[0]
    assert isinstance(heading, Heading) and heading.content.text == "First part" and heading.content.lang == "en"
    steps = doc.blocks[6]
    assert isinstance(steps, List)
    assert [(i.content.text, i.content.lang) for i in steps.items] == [("Step one", "en"), ("Step two", "en")]
    assert rejected.coverage.rejected == 3 and rejected.coverage.fuzzy == 1 and rejected.coverage.untranslated == 1
    assert rejected.coverage.translated == 13 and rejected.coverage.total == 18


def test_without_a_catalog_every_unit_stays_in_the_source_language(tmp_path):
    shutil.copytree(BASIC / "source", tmp_path / "source")
    doc = read_document(tmp_path, "basic", "en")
    result = translate_document(doc, None, parse_language("ar"))
    assert result.coverage.translated == 0 and result.document.lang == "ar"
    assert result.document.meta.title.lang == "en"

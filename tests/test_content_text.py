"""The real handouts as plain text, in every language: complete, in order, and screen-reader clean."""

from __future__ import annotations

import re

import pytest

from handoutkit.languages import parse_language
from handoutkit.notices import status_messages
from handoutkit.project import Project
from handoutkit.walk import document_units
from tests.conftest import REPO
from tests.test_text_exporter import screen_reader_problems

PROJECT = Project.load(REPO)
WITHOUT_ISOLATES = str.maketrans("", "", "\u2066\u2067\u2068\u2069")
CASES = [(slug, lang.tag) for slug in PROJECT.slugs() for lang in PROJECT.config.languages]


@pytest.mark.parametrize(("slug", "lang"), CASES)
def test_the_text_follows_the_screen_reader_rules(real_build, slug, lang):
    assert screen_reader_problems((real_build / lang / f"{slug}.txt").read_bytes()) == []


@pytest.mark.parametrize(("slug", "lang"), CASES)
def test_every_unit_of_the_handout_is_in_the_text_in_order(real_build, slug, lang):
    # Isolates (U+2066...U+2069) around left-to-right runs are invisible: the words are read without them.
    text = (real_build / lang / f"{slug}.txt").read_text().translate(WITHOUT_ISOLATES)
    doc = PROJECT.translate(slug, parse_language(lang)).document
    position = 0
    for unit in document_units(doc):
        if unit.kind == "sms":
            continue
        words = re.sub(r"\s+", " ", unit.text).strip()
        found = text.find(words, position if unit.kind not in ("reference",) else 0)
        assert found >= 0, f"{unit.origin}: missing or out of order in {lang}/{slug}.txt: {words[:60]!r}"
        if unit.kind not in ("title", "summary", "reference"):
            position = found


@pytest.mark.parametrize(("slug", "lang"), CASES)
def test_the_text_states_its_review_status_near_the_top_in_its_language(real_build, slug, lang):
    text = (real_build / lang / f"{slug}.txt").read_text()
    language = parse_language(lang)
    ui, _ = PROJECT.ui_text(language)
    doc = PROJECT.translate(slug, language).document
    top = text.split("\n\n")[:6]
    for message in status_messages(doc, ui):
        assert ui(message.msgid, **dict(message.values)) in top, message.msgid

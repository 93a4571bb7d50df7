"""Review status: the source language is reviewed when the source is; a translation only when its
catalog records a translation review too. While unreviewed, one ui message says so."""

from __future__ import annotations

import dataclasses
import datetime as dt

from handoutkit.languages import parse_language
from handoutkit.model import Document, Metadata, Origin, Review, Text, TextUnit
from handoutkit.notices import review_notices
from handoutkit.ui import UiText

EN, ES = parse_language("en"), parse_language("es")
SPANISH_UI = UiText(
    ES,
    EN,
    {
        "Not yet reviewed by a qualified reviewer.": "Todavía no lo ha revisado un revisor calificado.",
        "Medical content reviewed by {name} on {date}.": "Contenido médico revisado por {name} el {date}.",
        "Translation reviewed by {name} on {date}.": "Traducción revisada por {name} el {date}.",
    },
)


def doc(review: Review) -> Document:
    title = TextUnit("T", (Text("T"),), "en", Origin("source/t.md", 2), "title", markdown=False)
    return Document("t", "source/t.md", "es" if review.is_translation else "en", "en", Metadata(title), (), review)


SOURCE_REVIEWED = Review(source_by="Dr. Ada Example", source_on=dt.date(2026, 10, 1))


def test_an_unreviewed_source_is_unreviewed_in_every_language():
    for review in (Review(), Review(is_translation=True, translation_by="X", translation_on=dt.date(2026, 1, 1))):
        assert not review.reviewed


def test_a_reviewed_source_is_reviewed_in_the_source_language_only():
    assert SOURCE_REVIEWED.reviewed
    assert not dataclasses.replace(SOURCE_REVIEWED, is_translation=True).reviewed


def test_a_translation_needs_both_reviews():
    both = dataclasses.replace(
        SOURCE_REVIEWED, is_translation=True, translation_by="Lic. Eva Ejemplo", translation_on=dt.date(2026, 10, 9)
    )
    assert both.reviewed


def test_while_unreviewed_the_notice_is_the_one_ui_message_in_the_language():
    [notice] = review_notices(doc(Review(is_translation=True)), SPANISH_UI)
    assert notice.text == "Todavía no lo ha revisado un revisor calificado." and notice.lang == "es"
    assert notice.warning


def test_a_reviewed_translation_names_both_reviewers_with_dates_in_the_language():
    review = dataclasses.replace(
        SOURCE_REVIEWED, is_translation=True, translation_by="Lic. Eva Ejemplo", translation_on=dt.date(2026, 10, 9)
    )
    notices = [n.text for n in review_notices(doc(review), SPANISH_UI)]
    assert notices == [
        "Contenido médico revisado por Dr. Ada Example el 1 de octubre de 2026.",
        "Traducción revisada por Lic. Eva Ejemplo el 9 de octubre de 2026.",
    ]


def test_an_untranslated_ui_message_falls_back_to_the_source_language_and_says_so():
    ui = UiText(ES, EN, {})
    [notice] = review_notices(doc(Review(is_translation=True)), ui)
    assert notice.text == "Not yet reviewed by a qualified reviewer." and notice.lang == "en"

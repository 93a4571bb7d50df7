"""Review status: the source language is reviewed when the source is; a translation only when its
catalog records a translation review too. While unreviewed, one ui message says so."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest

from handoutkit.errors import ProblemError
from handoutkit.i18n.po import read_catalog
from handoutkit.i18n.translation_review import translation_review
from handoutkit.languages import parse_language
from handoutkit.model import Document, Metadata, Origin, Review, Text, TextUnit
from handoutkit.notices import review_notices
from handoutkit.reader import read_document
from handoutkit.review import is_future
from handoutkit.ui import UiText
from tests.conftest import run_cli
from tests.review_support import (
    CATALOG,
    SOURCE,
    SOURCE_REVIEWER,
    TRANSLATION_REVIEWER,
    record,
    replace_line,
    reviewed_project,
    sms_reviewed,
)

EN, ES = parse_language("en"), parse_language("es")
SPANISH_UI = UiText(
    ES,
    EN,
    {
        "Not yet reviewed by a qualified reviewer.": "Este contenido aún no ha sido revisado un revisor calificado.",
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
    assert notice.text == "Este contenido aún no ha sido revisado un revisor calificado." and notice.lang == "es"
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


# ------------------------------------------------- reviews tied to content (fixture project "review")


def build(project: Path, *options: str) -> str:
    code, output = run_cli(project, "--format", "text", "--format", "sms", *options)
    assert code == 0, output
    return output


def test_the_command_edits_only_the_review_lines_of_the_front_matter_and_the_header(project_copy):
    project = project_copy("review")
    source, catalog = (project / SOURCE).read_bytes(), (project / CATALOG).read_bytes()
    reviewed_project(project)
    source_diff = _changed_lines(source, (project / SOURCE).read_bytes())
    assert source_diff == (
        ['reviewed_by: ""', 'reviewed_on: ""'],
        [f'reviewed_by: "{SOURCE_REVIEWER}"', "reviewed_on: 2026-11-25", 'reviewed_digest: "'],
    )
    catalog_diff = _changed_lines(catalog, (project / CATALOG).read_bytes())
    assert catalog_diff[0] == catalog.decode().splitlines()[14:17]
    assert catalog_diff[1] == [
        f'"X-Translation-Reviewed-By: {TRANSLATION_REVIEWER}\\n"',
        '"X-Translation-Reviewed-On: 2026-11-25\\n"',
        '"X-Translation-Reviewed-Digest: ',
        '"X-Translation-Status: reviewed\\n"',
    ]


def _changed_lines(before: bytes, after: bytes) -> tuple[list[str], list[str]]:
    """The lines only in ``before`` and only in ``after``, each digest cut after its field name."""
    old, new = before.decode().splitlines(), after.decode().splitlines()
    cut = [re.sub(r'(igest: "?)[0-9a-f/]+.*', r"\1", line) for line in new if line not in old]
    return [line for line in old if line not in new], cut


def test_a_translation_review_recorded_with_the_command_survives_a_rebuild(project_copy):
    project = reviewed_project(project_copy("review"))
    for _ in range(2):
        output = build(project)
        assert "[review]" not in output
        assert sms_reviewed(project, "en") and sms_reviewed(project, "es")
    text = (project / "output/es/care.txt").read_text(encoding="utf-8")
    assert f"Traducción revisada por {TRANSLATION_REVIEWER} el 25 de noviembre de 2026." in text
    _, stats = run_cli(project, "stats")
    assert "source review: reviewed; translation review: reviewed" in stats


def test_a_msgstr_changed_after_the_review_voids_it_and_names_the_entry(project_copy):
    project = reviewed_project(project_copy("review"))
    build(project)
    replace_line(project, CATALOG, 'msgstr "Beba agua a menudo."', 'msgstr "Beba agua muy a menudo."')
    output = build(project)
    line = (project / CATALOG).read_text().splitlines().index('msgstr "Beba agua muy a menudo."') + 1
    assert (
        f"{CATALOG}:15: warning: the translation review by {TRANSLATION_REVIEWER} on 2026-11-25 does not count: "
        f"1 entry differs from the reviewed text: {CATALOG}:{line} [review]"
    ) in output
    assert sms_reviewed(project, "en") and not sms_reviewed(project, "es")
    assert "Este contenido aún no ha sido revisado" in (project / "output/es/care.txt").read_text(encoding="utf-8")
    _, stats = run_cli(project, "stats", "--lang", "es")
    assert f"translation review: voided: 1 entry differs from the reviewed text: {CATALOG}:{line}" in stats


def test_an_interface_word_changed_after_the_review_voids_it_and_names_the_ui_entry(project_copy):
    # The review covers what the handout prints, its interface words too: an outsider rewrote the
    # notice to say the content was reviewed and approved, after the review, and it was published.
    ui = "locales/es/LC_MESSAGES/ui.po"
    project = reviewed_project(project_copy("review"))
    build(project)
    replace_line(
        project, ui, 'msgstr "Este contenido aún no ha sido revisado', 'msgstr "Este contenido ya fue revisado'
    )
    output = build(project)
    line = next(n for n, text in enumerate((project / ui).read_text().splitlines(), 1) if "ya fue revisado" in text)
    assert (
        f"{CATALOG}:15: warning: the translation review by {TRANSLATION_REVIEWER} on 2026-11-25 does not count: "
        f"1 entry differs from the reviewed text: {ui}:{line} [review]"
    ) in output
    assert not sms_reviewed(project, "es")
    assert "Traducción revisada por" not in (project / "output/es/care.txt").read_text(encoding="utf-8")


def test_a_source_edit_voids_the_source_review_and_names_the_unit(project_copy):
    project = reviewed_project(project_copy("review"))
    replace_line(project, SOURCE, "Take your temperature twice a day.", "Take your temperature once a day.")
    code, output = run_cli(project, "check", "--lang", "en", "--format", "text")
    assert code == 0, output
    assert (
        f"{SOURCE}:6: warning: the source review by {SOURCE_REVIEWER} on 2026-11-25 does not count: "
        f"1 unit differs from the reviewed text: {SOURCE}:14 [review]"
    ) in output
    build(project, "--lang", "en")
    assert not sms_reviewed(project, "en")


def test_a_review_older_than_the_sources_last_change_does_not_count(project_copy):
    project = reviewed_project(project_copy("review"))
    replace_line(project, SOURCE, "updated: 2026-11-02", "updated: 2026-11-28")
    _, stats = run_cli(project, "stats")
    stale = "it is dated 2026-11-25, before the source's last change (updated: 2026-11-28)"
    assert f"source review: voided: {stale}; translation review: voided: {stale}" in stats
    code, output = run_cli(project, "review", "--doc", "care", "--by", "X", "--on", "2026-11-27")
    assert code == 1 and "before the source's last change (updated: 2026-11-28)" in output


def test_a_draft_status_means_not_reviewed_and_warns_when_a_reviewer_is_filled_in(project_copy):
    project = reviewed_project(project_copy("review"))
    replace_line(project, CATALOG, '"X-Translation-Status: reviewed\\n"', '"X-Translation-Status: draft\\n"')
    output = build(project)
    assert f"{CATALOG}:15: warning: X-Translation-Status is a draft, so the translation review by" in output
    assert not sms_reviewed(project, "es")
    _, stats = run_cli(project, "stats", "--lang", "es")
    assert "translation review: draft" in stats


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("2099-01-01", "X-Translation-Reviewed-On is in the future (2099-01-01): date a review when it is done"),
        ("2026-13-01", "X-Translation-Reviewed-On is not a date written YYYY-MM-DD: '2026-13-01'"),
        ("1 December 2026", "X-Translation-Reviewed-On is not a date written YYYY-MM-DD: '1 December 2026'"),
    ],
)
def test_a_future_or_malformed_translation_review_date_is_an_error_with_its_line(project_copy, written, message):
    project = reviewed_project(project_copy("review"))
    replace_line(project, CATALOG, "Reviewed-On: 2026-11-25", f"Reviewed-On: {written}")
    code, output = run_cli(project, "check", "--format", "text")
    assert code == 1
    assert f"{CATALOG}:16: error: {message} [review]" in output


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("2099-01-01", "'reviewed_on' is in the future (2099-01-01): date a review when it is done"),
        ("2026-02-30", "'reviewed_on' is not a real date: 2026-02-30 (February 2026 has 28 days)"),
    ],
)
def test_a_future_or_malformed_source_review_date_is_an_error_with_its_line(project_copy, written, message):
    project = reviewed_project(project_copy("review"))
    replace_line(project, SOURCE, "reviewed_on: 2026-11-25", f"reviewed_on: {written}")
    code, output = run_cli(project, "check", "--format", "text")
    assert code == 1
    assert f"{SOURCE}:7: error: {message}" in output


def test_the_command_refuses_a_review_dated_in_the_future(project_copy):
    project = project_copy("review")
    code, output = run_cli(project, "review", "--doc", "care", "--by", "X", "--on", "2099-01-01")
    assert code == 1 and "--on 2099-01-01 is in the future" in output
    code, output = run_cli(project, "review", "--doc", "care", "--by", "X", "--on", "2026-12-32")
    assert code == 2 and "--on: not a date written YYYY-MM-DD" in output


def test_the_date_is_compared_with_the_day_given(project_copy):
    source = read_document(project_copy("review"), "care", "en")
    assert is_future(dt.date(2026, 12, 2), dt.date(2026, 12, 1))
    assert not is_future(dt.date(2026, 12, 1), dt.date(2026, 12, 1))
    assert source.review.source_void == ""


def test_a_translation_review_dated_after_the_injected_day_is_an_error(project_copy):
    project = reviewed_project(project_copy("review"))
    doc = read_document(project, "care", "en")
    catalog = read_catalog(project / CATALOG, CATALOG, dt.date(2026, 11, 25))
    ui_path = project / "locales/es/LC_MESSAGES/ui.po"
    ui = read_catalog(ui_path, "locales/es/LC_MESSAGES/ui.po") if ui_path.is_file() else None
    assert translation_review(doc, catalog, 0, ui).translation_reviewed
    with pytest.raises(ProblemError) as raised:
        read_catalog(project / CATALOG, CATALOG, dt.date(2026, 11, 24))
    assert str(raised.value.problems[0]).startswith(f"{CATALOG}:16: error: X-Translation-Reviewed-On is in the future")


def test_a_handout_with_a_block_in_the_source_language_is_never_shown_as_translation_reviewed(project_copy):
    project = project_copy("review")
    replace_line(project, CATALOG, 'msgstr "Beba agua a menudo."', 'msgstr ""')
    record(project)
    output = record(project, "es", by=TRANSLATION_REVIEWER)
    assert "note: 1 of 9 units of care have no usable es translation" in output
    output = build(project, "--min-coverage", "50")
    assert (
        f"{CATALOG}:15: warning: the translation review by {TRANSLATION_REVIEWER} on 2026-11-25 is not shown" in output
    )
    assert not sms_reviewed(project, "es")
    text = (project / "output/es/care.txt").read_text(encoding="utf-8")
    assert "Traducción revisada" not in text and "Este contenido aún no ha sido revisado" in text
    _, stats = run_cli(project, "stats", "--lang", "es")
    assert "translation review: not shown: 1 unit in the source language" in stats


def test_a_review_without_a_digest_does_not_count(project_copy):
    project = reviewed_project(project_copy("review"))
    text = (project / SOURCE).read_text(encoding="utf-8")
    (project / SOURCE).write_text("".join(line for line in text.splitlines(True) if "reviewed_digest" not in line))
    _, stats = run_cli(project, "stats", "--lang", "en")
    assert "source review: voided: it records no digest of the reviewed text" in stats


def test_a_review_for_a_language_the_project_does_not_build_lists_those_it_does(project_copy):
    project = project_copy("review")
    code, output = run_cli(project, "review", "--doc", "care", "--lang", "fr", "--by", "X", "--on", "2026-11-27")
    assert code == 2
    assert "--lang: 'fr' is not one of the project's languages (" in output
    assert "add it to 'languages' in handoutkit.toml" in output

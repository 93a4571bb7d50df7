"""The translators' loop: extract, update, init, compile; what survives a merge; plain pybabel agrees."""

from __future__ import annotations

import gettext
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from tests.conftest import DATA, REPO, run_cli

CATALOGS = DATA / "catalogs"


def entries(path: Path) -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in polib.pofile(str(path), wrapwidth=0) if not e.obsolete}


def test_extract_writes_one_template_per_document_and_one_for_the_interface(project_copy):
    project = project_copy("basic")
    code, output = run_cli(project, "extract")
    assert code == 0, output
    assert sorted(p.name for p in (project / "locales").glob("*.pot")) == ["basic.pot", "ui.pot"]


def test_each_template_entry_says_where_it_is_and_what_it_is(project_copy):
    project = project_copy("basic")
    run_cli(project, "extract")
    pot = entries(project / "locales" / "basic.pot")
    heading = pot["First part"]
    assert heading.occurrences == [("source/basic.md", "16")]
    assert heading.comment.startswith("Heading, level 2. Inline Markdown: keep the markup")
    assert "md-text" in heading.flags
    assert pot["A smaller part"].comment.startswith("Heading, level 3.")
    assert pot["Nested item one"].comment.startswith("List item.")
    alt = pot["A small black dot on a white square"]
    assert alt.comment.startswith("Image description") and "md-text" not in alt.flags
    sms = pot["Call {organization} at {phone}."]
    assert sms.flags == ["python-brace-format"] and sms.comment.startswith("SMS message")
    assert pot["Basic handout"].comment.startswith("Title") and pot["Basic handout"].flags == []
    assert list(pot)[:3] == ["Basic handout", "The **main** message comes first.", "Call {organization} at {phone}."]


def test_interface_words_have_brace_format_flags_and_include_the_collection_title(project_copy):
    project = project_copy("basic")
    run_cli(project, "extract")
    ui = entries(project / "locales" / "ui.pot")
    assert ui["Page {page} of {pages}"].flags == ["python-brace-format"]
    assert ui["References"].flags == []
    assert "Fixture handouts" in ui


def test_extract_leaves_an_unchanged_template_alone(project_copy):
    project = project_copy("basic")
    run_cli(project, "extract")
    before = (project / "locales" / "basic.pot").read_bytes()
    code, output = run_cli(project, "extract")
    assert code == 0 and "0 written" in output
    assert (project / "locales" / "basic.pot").read_bytes() == before


def test_plain_pybabel_extract_gives_the_same_messages(project_copy, tmp_path):
    project = project_copy("basic")
    run_cli(project, "extract")
    babel_pot = tmp_path / "babel.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            str(REPO / "babel.cfg"),
            "-o",
            str(babel_pot),
            ".",
        ],
        cwd=project,
        check=True,
        capture_output=True,
    )
    ours = entries(project / "locales" / "basic.pot")
    theirs = entries(babel_pot)
    assert list(theirs) == list(ours)
    for msgid, entry in ours.items():
        assert theirs[msgid].occurrences == entry.occurrences, msgid
        assert " ".join(theirs[msgid].comment.split()) == " ".join(entry.comment.split()), msgid


def test_update_keeps_translations_headers_flags_and_notes(project_copy):
    project = project_copy("update")
    code, output = run_cli(project, "update")
    assert code == 0, output
    po = polib.pofile(str(project / "locales/es/LC_MESSAGES/care.po"), wrapwidth=0)
    assert po.metadata["X-Translation-Status"] == "draft: awaiting review by a qualified medical translator"
    assert po.metadata["Last-Translator"] == "Ana Translator <ana@example.org>"
    assert "A translator's header note that must survive." in po.header
    rest = entries(project / "locales/es/LC_MESSAGES/care.po")["Rest well"]
    assert rest.msgstr == "Descanse bien"
    assert rest.flags == ["md-text", "max-length:40"]
    assert rest.tcomment == 'Translator: "descansar" reads better than "reposar" here.'
    assert rest.comment.startswith("Heading, level 2.")


def test_update_marks_a_changed_message_fuzzy_with_its_previous_msgid(project_copy):
    project = project_copy("update")
    run_cli(project, "update")
    changed = entries(project / "locales/es/LC_MESSAGES/care.po")["Call your nurse if you have a fever or chills."]
    assert "fuzzy" in changed.flags
    assert changed.previous_msgid == "Call your nurse if you have a fever."
    assert changed.msgstr == "Llame a su enfermera si tiene fiebre."
    text = (project / "locales/es/LC_MESSAGES/care.po").read_text()
    assert '#| msgid "Call your nurse if you have a fever."' in text


def test_update_keeps_a_removed_message_as_obsolete_and_adds_new_ones_empty(project_copy):
    project = project_copy("update")
    run_cli(project, "update")
    path = project / "locales/es/LC_MESSAGES/care.po"
    po = polib.pofile(str(path), wrapwidth=0)
    obsolete = [e for e in po if e.obsolete]
    assert [e.msgid for e in obsolete] == ["An old paragraph that the author removed from the handout."]
    assert '#~ msgid "An old paragraph that the author removed from the handout."' in path.read_text()
    assert entries(path)["A brand new paragraph that nobody has translated yet."].msgstr == ""


def test_update_never_rewraps_a_translation(project_copy):
    project = project_copy("update")
    run_cli(project, "update")
    text = (project / "locales/es/LC_MESSAGES/care.po").read_text()
    assert (
        'msgstr "Beba mucha agua todos los días y descanse cuando se sienta cansado. Esta traducción es larga a '
        'propósito para comprobar que nunca se vuelve a cortar en varias líneas al actualizar el catálogo."' in text
    )


def test_update_follows_the_source_order(project_copy):
    project = project_copy("update")
    run_cli(project, "update")
    order = list(entries(project / "locales/es/LC_MESSAGES/care.po"))
    assert order == [
        "Care at home",
        "Rest well",
        "Drink plenty of water every day, and rest when you feel tired.",
        "Call your nurse if you have a fever or chills.",
        "A brand new paragraph that nobody has translated yet.",
    ]


def test_init_creates_every_catalog_of_a_new_language_as_an_unreviewed_draft(project_copy):
    project = project_copy("basic")
    code, output = run_cli(project, "init", "--lang", "ar")
    assert code == 0, output
    folder = project / "locales" / "ar" / "LC_MESSAGES"
    assert sorted(p.name for p in folder.glob("*.po")) == ["basic.po", "ui.po"]
    po = polib.pofile(str(folder / "basic.po"))
    assert po.metadata["Language"] == "ar"
    assert po.metadata["Plural-Forms"].startswith("nplurals=6;")
    assert po.metadata["X-Translation-Reviewed-By"] == "" and "draft" in po.metadata["X-Translation-Status"]
    assert all(e.msgstr == "" for e in po)


def test_init_uses_gettext_folder_names_and_leaves_existing_catalogs_alone(project_copy):
    project = project_copy("basic")
    before = (project / "locales/es/LC_MESSAGES/basic.po").read_bytes()
    code, output = run_cli(project, "init", "--lang", "es")
    assert code == 0 and "exists already" in output
    assert (project / "locales/es/LC_MESSAGES/basic.po").read_bytes() == before
    run_cli(project, "init", "--lang", "zh-Hans")
    assert (project / "locales/zh_Hans/LC_MESSAGES/basic.po").exists()


def test_compile_writes_mo_files_that_gettext_reads(project_copy):
    project = project_copy("basic")
    code, output = run_cli(project, "compile")
    assert code == 0, output
    with (project / "locales/es/LC_MESSAGES/basic.mo").open("rb") as stream:
        translations = gettext.GNUTranslations(stream)
    assert translations.gettext("Basic handout") == "Folleto básico"


@pytest.mark.parametrize("broken", ["es-plural-forms-broken.po", "es-trailing-newline.po", "es-duplicate.po"])
def test_compile_writes_no_mo_for_a_catalog_gettext_would_refuse(project_copy, broken):
    project = project_copy("basic")
    po = project / "locales/es/LC_MESSAGES/basic.po"
    shutil.copy(CATALOGS / broken, po)
    code, output = run_cli(project, "compile")
    assert code == 1, output
    assert "locales/es/LC_MESSAGES/basic.po:" in output and ": error: " in output
    assert not po.with_suffix(".mo").exists()


def test_stats_counts_translated_fuzzy_and_untranslated_with_review_status(project_copy):
    project = project_copy("update")
    run_cli(project, "update")
    code, output = run_cli(project, "stats", "--lang", "es")
    assert code == 0, output
    row = next(line for line in output.splitlines() if line.startswith("care "))
    assert row.split()[:6] == ["care", "es", "3/5", "1", "1", "0"]
    assert "source not reviewed" in row


def test_msgfmt_check_accepts_the_fixture_catalogs():
    for path in (REPO / "tests/data/projects").glob("*/locales/*/LC_MESSAGES/*.po"):
        result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, f"{path}: {result.stderr}"


def test_update_gives_each_sms_entry_its_budget_for_the_language(project_copy):
    project = project_copy("basic")
    (project / "handoutkit.toml").write_text(
        (project / "handoutkit.toml")
        .read_text()
        .replace("parts = 2", 'parts = 2\nlink_template = "https://c.example/{lang}/{slug}"')
    )
    code, output = run_cli(project, "update")
    assert code == 0, output
    sms = entries(project / "locales/es/LC_MESSAGES/basic.po")["Call {organization} at {phone}."]
    # "Llame a {organization} al {phone}." is GSM-7; sms_parts is 1 in the front matter: 160 septets,
    # less the link and its space (27), less what the filled-in phone adds over "{phone}" (11 - 7 = 4).
    assert "max-length:129" in sms.flags, sms.flags
    assert sms.comment.splitlines()[-1].startswith("SMS: at most 1 part.")
    assert sms.msgstr == "Llame a {organization} al {phone}."


def _pybabel_extract(project: Path, pot: Path) -> None:
    command = [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", str(REPO / "babel.cfg")]
    subprocess.run([*command, "-o", str(pot), "."], cwd=project, check=True, capture_output=True)


def test_plain_pybabel_extract_gives_the_same_flags_and_no_guessed_format(project_copy, tmp_path):
    project = project_copy("babel-flags")
    run_cli(project, "extract")
    babel_pot = tmp_path / "babel.pot"
    _pybabel_extract(project, babel_pot)
    ours = entries(project / "locales" / "percent.pot")
    theirs = entries(babel_pot)
    assert {m: sorted(e.flags) for m, e in theirs.items()} == {m: sorted(e.flags) for m, e in ours.items()}
    assert theirs["About 37% for NSCLC and 18% for SCLC, counted from diagnosis."].flags == ["md-text"]


def test_a_correct_translation_of_a_pybabel_template_passes_msgfmt_check(project_copy, tmp_path):
    project = project_copy("babel-flags")
    babel_pot = tmp_path / "babel.pot"
    _pybabel_extract(project, babel_pot)
    translated = entries(project / "translated" / "es.po")
    po = polib.pofile(str(babel_pot), wrapwidth=0)
    for entry in po:
        entry.msgstr = translated[entry.msgid].msgstr
        entry.flags = [f for f in entry.flags if f != "fuzzy"]
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    po.metadata["Language"] = "es"
    po.save(str(tmp_path / "es.po"))
    result = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(tmp_path / "es.po")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_a_msgid_written_twice_is_an_error_naming_both_lines():
    from handoutkit.errors import ProblemError
    from handoutkit.i18n.po import read_catalog

    with pytest.raises(ProblemError) as raised:
        read_catalog(CATALOGS / "es-duplicate.po", "locales/es/LC_MESSAGES/basic.po")
    [problem] = raised.value.problems
    assert problem.kind == "po-duplicate" and "already in the catalog at line" in problem.message
    assert problem.origin.line > int(problem.message.split("at line ")[1].split(":")[0])

"""``check`` is the authority: per document and language it says what the build will do and why (the
build's own rules), runs GNU msgfmt --check on every catalog, and checks the Plural-Forms header."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from handoutkit.i18n.msgfmt import parse_msgfmt
from tests.conftest import DATA, run_cli

ES = "locales/es/LC_MESSAGES/basic.po"


def with_spanish_catalog(project: Path, fixture: str) -> Path:
    shutil.copy(DATA / "catalogs" / fixture, project / ES)
    return project


def test_check_says_per_document_and_language_what_the_build_will_do(project_copy):
    project = project_copy("basic")
    code, output = run_cli(project, "check", "--format", "text")
    assert "build will en basic: export text" in output
    assert "build will es basic: export text" in output
    assert (
        "build will ar basic: skip: no catalog locales/ar/LC_MESSAGES/basic.po (run: init --lang ar); "
        "0% translated (0 of 18 messages); interface words 0% translated"
    ) in output
    assert "export 2, skip 1, fail 0" in output
    assert code == 1, "a skip is a non-zero exit"


def test_lenient_keeps_the_exit_for_errors_only(project_copy):
    code, output = run_cli(project_copy("basic"), "check", "--format", "text", "--lenient")
    assert code == 0, output
    assert "build will ar basic: skip" in output


def test_nothing_skipped_or_failed_exits_zero(project_copy):
    code, output = run_cli(project_copy("basic"), "check", "--format", "text", "--lang", "en,es")
    assert code == 0, output
    assert "check: 0 errors" in output and "export 2, skip 0, fail 0" in output


def test_check_gives_the_reason_the_build_gives_for_a_skip(project_copy):
    project = with_spanish_catalog(project_copy("basic"), "rejections.po")
    _, checked = run_cli(project, "check", "--format", "text", "--lang", "es")
    _, built = run_cli(project, "--format", "text", "--lang", "es")
    reason = "72% translated (13 of 18 messages, 1 fuzzy, 3 rejected); needs 100%"
    assert f"build will es basic: skip: {reason}" in checked
    assert f"skipped es basic *: {reason}" in built


def test_a_broken_catalog_is_a_fail_verdict(project_copy):
    project = with_spanish_catalog(project_copy("basic"), "syntax-error.po")
    code, output = run_cli(project, "check", "--format", "text", "--lang", "es", "--lenient")
    assert code == 1
    assert "build will es basic: fail: its catalog has errors" in output


def test_an_exporter_error_fails_that_format_only(project_copy):
    project = project_copy("basic")
    path = project / ES
    long = "Por favor, llame a {organization} al {phone} si tiene preguntas sobre la información de este folleto."
    path.write_text(path.read_text().replace('msgstr "Llame a {organization} al {phone}."', f'msgstr "{long}"'))
    code, output = run_cli(project, "check", "--format", "text,sms", "--lang", "es")
    assert code == 1
    assert "build will es basic: fail: sms: checks failed (1 error); would export text" in output


def test_msgfmt_findings_are_reported_with_the_po_file_and_line(project_copy):
    project = with_spanish_catalog(project_copy("basic"), "es-duplicate.po")
    code, output = run_cli(project, "check", "--format", "text", "--lang", "es")
    assert code == 1
    assert (
        "locales/es/LC_MESSAGES/basic.po:124: error: msgfmt --check: duplicate message definition... "
        "(line 67: ...this is the location of the first definition) [msgfmt]"
    ) in output


def test_a_msgstr_ending_in_a_line_break_its_msgid_lacks_is_an_error(project_copy):
    project = with_spanish_catalog(project_copy("basic"), "es-trailing-newline.po")
    code, output = run_cli(project, "check", "--format", "text", "--lang", "es")
    assert code == 1
    assert (
        "locales/es/LC_MESSAGES/basic.po:50: error: the msgstr ends with a line break (\\n) and the msgid does not; "
        "msgfmt refuses this [line-break]"
    ) in output
    assert output.count("basic.po:50: error") == 1, "msgfmt's finding at the same line is not repeated"


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("es-plural-forms-wrong.po", "Plural-Forms says nplurals=1, es has 2"),
        ("es-plural-forms-broken.po", "Plural-Forms is not valid: 'nplurals=2; plural=(n != 1;'"),
    ],
)
def test_a_wrong_or_broken_plural_forms_header_is_an_error_on_its_line(project_copy, fixture, message):
    project = with_spanish_catalog(project_copy("basic"), fixture)
    code, output = run_cli(project, "check", "--format", "text", "--lang", "es")
    assert code == 1
    assert f"locales/es/LC_MESSAGES/basic.po:14: error: {message}" in output
    assert "(Babel's rule for es: 'nplurals=2; plural=(n != 1);')" in output
    assert "invalid plural expression" not in output, "msgfmt's finding is not repeated"


def test_a_plural_expression_that_maps_numbers_differently_is_an_error(project_copy):
    project = project_copy("basic")
    path = project / ES
    path.write_text(path.read_text().replace("plural=(n != 1);", "plural=(n > 1);"))
    code, output = run_cli(project, "check", "--format", "text", "--lang", "es")
    assert code == 1
    assert "basic.po:14: error: Plural-Forms gives form 0 for n=0 where es uses form 1" in output


def test_msgfmt_output_lines_are_parsed_with_line_and_column():
    output = (
        "/p/x.po:7:18: invalid multibyte sequence\n"
        "/p/x.po:3: invalid plural expression\n"
        '              Try using the following:\n              "Plural-Forms: nplurals=2;"\n'
        "/p/x.po:2: warning: header field 'Language' missing in header\n"
        "/usr/bin/msgfmt: found 2 fatal errors\n"
    )
    problems = parse_msgfmt(output, "/p/x.po", "locales/x.po")
    assert [(p.origin.line, p.severity) for p in problems] == [(7, "error"), (3, "error"), (2, "warning")]
    assert problems[1].message == (
        'msgfmt --check: invalid plural expression Try using the following: "Plural-Forms: nplurals=2;"'
    )

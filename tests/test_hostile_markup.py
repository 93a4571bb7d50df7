"""Markup a reader or a patient would see as written (issue 12): Markdown that CommonMark leaves as
text (tables, ``~~strikethrough~~``, reference-style links), HTML typed into a plain unit, braces left
in a template, number characters that are not digits, and a manifest that points outside its folder.
Each is an error with file and line (or a warning that trusts nothing), never printed literally."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from handoutkit.errors import ProblemError
from handoutkit.i18n.conventions import plural_forms_problems
from handoutkit.i18n.meaning import meaning_problems
from handoutkit.i18n.po import read_catalog
from handoutkit.manifest import MANIFEST, read_manifest
from handoutkit.model import Document, plain_text
from handoutkit.reader import read_document
from handoutkit.walk import document_units
from tests import hostile_support
from tests.conftest import run_cli

MARKUP = Path(__file__).parent / "data" / "hostile" / "markup"


def source_problems(slug: str) -> list[str]:
    return hostile_support.source_problems(MARKUP, slug)


def config_error(name: str, tmp_path: Path) -> str:
    return hostile_support.config_error(MARKUP, name, tmp_path)


# ---------------------------------------------------------------- Markdown that CommonMark prints as text


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        ("table", "source/table.md:10: error: tables are not supported in handouts"),
        ("strikethrough", "source/strikethrough.md:8: error: strikethrough (~~text~~) is not supported"),
        ("reference-definition", "source/reference-definition.md:10: error: a link reference definition ('guide')"),
        ("reference-link-text", "source/reference-link-text.md:8: error: '[the guide][guide]' looks like a reference"),
        ("html-in-title", "source/html-in-title.md:2: error: raw HTML is not allowed (this text is printed as"),
        ("comment-in-summary", "source/comment-in-summary.md:3: error: raw HTML is not allowed"),
    ],
)
def test_markup_that_would_print_as_written_is_an_error_with_its_line(slug: str, expected: str) -> None:
    [problem] = source_problems(slug)
    assert problem.startswith(expected)


def test_angle_brackets_and_pipes_in_plain_words_are_text() -> None:
    doc: Document = read_document(MARKUP, "angle-brackets-are-text", "en")
    assert plain_text(doc.meta.title.inlines) == "Pain for <5 days and a < b"


def test_a_table_in_a_translation_is_refused_like_one_in_the_source() -> None:
    """A msgstr is parsed inline: a table's pipes cannot become a table there, and stay words."""
    from handoutkit.inline import parse_inline

    assert plain_text(parse_inline("| a | b |")) == "| a | b |"


# ---------------------------------------------------------------- templates


def test_a_link_template_with_an_unclosed_field_is_a_configuration_error(tmp_path: Path) -> None:
    message = config_error("unclosed-link-template.toml", tmp_path)
    assert message.startswith("handoutkit.toml:2: error: sms link_template: ")
    assert "'{' or '}' that is not part of {id}, {lang} or {slug}" in message


def test_an_inline_table_error_names_the_whole_key_path(tmp_path: Path) -> None:
    message = config_error("nested-language-table.toml", tmp_path)
    assert message.startswith("handoutkit.toml:2: error: 'language.es.organization.phone' must be a string")


# ---------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("translation", "character"),
    [
        ("Cerca del 4⁰% de las personas.", "⁰ (U+2070)"),
        ("Cerca del 40% de las personas, ½ de ellas.", "½ (U+00BD)"),
        ("Cerca del 40% de las personas ①.", "① (U+2460)"),
    ],
)
def test_number_characters_that_are_not_digits_are_a_meaning_problem(translation: str, character: str) -> None:
    problems = meaning_problems("About 40% of people.", translation, "en", "es")
    assert any(character in p and "not in the source" in p for p in problems)


def test_a_superscript_the_source_has_is_kept_without_a_problem() -> None:
    assert meaning_problems("A dose of 2 mg/m² a day.", "Una dosis de 2 mg/m² al día.", "en", "es") == []


# ---------------------------------------------------------------- the manifest


@pytest.mark.parametrize("path", ["../../victim.txt", "/etc/passwd", "en/../../x.txt", "C:\\x.txt"])
def test_a_manifest_listing_a_path_outside_its_folder_is_not_trusted(path: str, tmp_path: Path) -> None:
    output = tmp_path / "output"
    output.mkdir()
    entry = {"name": "x", "lang": "en", "format": "text", "files": [{"path": path, "sha256": "0" * 64}], "inputs": []}
    (output / MANIFEST).write_text(json.dumps({"outputs": [entry], "unavailable": []}), "utf-8")
    manifest, [warning] = read_manifest(output)
    assert manifest.outputs == {}
    assert "lists a path outside its folder" in str(warning) and str(warning).startswith(f"output/{MANIFEST}")


def test_a_build_after_a_tampered_manifest_touches_nothing_outside_output(
    project_copy: Callable[..., Path], tmp_path: Path
) -> None:
    project = project_copy("basic")
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", "utf-8")
    assert run_cli(project, "--format", "text")[0] == 0
    manifest = project / "output" / MANIFEST
    data = json.loads(manifest.read_text("utf-8"))
    data["outputs"][0]["files"][0]["path"] = "../../victim.txt"
    manifest.write_text(json.dumps(data), "utf-8")
    code, out = run_cli(project, "--format", "text")
    assert code == 0, out  # the outputs are built again; the manifest's word is simply not taken
    assert "lists a path outside its folder" in out
    assert victim.read_text("utf-8") == "keep me"


# ---------------------------------------------------------------- invisible characters and hidden addresses


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        (
            "escaped-control-in-mailto",
            "source/escaped-control-in-mailto.md:8: error: link target 'mailto:a%1B%5B31m%E2%80%AEmoc@rbc.exampl'... "
            "(41 characters) holds, once its %-escapes are decoded, U+001B",
        ),
        ("right-to-left-mark", "source/right-to-left-mark.md:8: error: U+200F RIGHT-TO-LEFT MARK is not allowed"),
        ("soft-hyphen", "source/soft-hyphen.md:8: error: U+00AD SOFT HYPHEN is not allowed"),
        ("interlinear-annotation", "source/interlinear-annotation.md:8: error: U+FFF9 INTERLINEAR ANNOTATION ANCHOR"),
        (
            "reference-with-user-name",
            "source/reference-with-user-name.md:5: error: reference link 'https://www.cancer.net@evil.example/' "
            "must name a host (and no user name before it)",
        ),
    ],
)
def test_what_a_reader_cannot_see_is_an_error_with_its_line(slug: str, expected: str) -> None:
    problems = source_problems(slug)
    assert any(p.startswith(expected) for p in problems), problems


def test_every_format_character_is_refused_outside_the_joiners_context() -> None:
    from handoutkit.untrusted import find_unsafe

    accepted = [
        f"U+{code:04X}"
        for code in range(0x110000)
        if unicodedata.category(chr(code)) == "Cf" and find_unsafe(f"ab{chr(code)}cd") is None
    ]
    assert accepted == []


def test_a_joiner_between_arabic_digits_is_refused_and_between_arabic_letters_kept() -> None:
    from handoutkit.untrusted import find_unsafe

    assert find_unsafe("١\u200d٨") is not None
    assert find_unsafe("عر\u200dب") is None


def test_a_handout_with_two_byte_order_marks_reads_like_one_without() -> None:
    assert plain_text(read_document(MARKUP, "two-byte-order-marks", "en").meta.title.inlines) == "A handout"


# ---------------------------------------------------------------- catalogs


def test_an_obsolete_entry_repeating_an_active_msgid_is_the_error_msgfmt_makes_it() -> None:
    with pytest.raises(ProblemError) as raised:
        read_catalog(MARKUP / "catalogs" / "obsolete-duplicate.po", "locales/es/LC_MESSAGES/x.po")
    [problem] = [str(p) for p in raised.value.problems]
    assert problem.startswith("locales/es/LC_MESSAGES/x.po:10: error: an obsolete entry (#~) and another entry")
    assert "(lines 7 and 10)" in problem


def test_a_long_plural_forms_value_is_quoted_short() -> None:
    catalog = read_catalog(MARKUP / "catalogs" / "long-plural-forms.po", "locales/es/LC_MESSAGES/x.po")
    [problem] = plural_forms_problems(catalog, "es")
    assert "Plural-Forms is not valid" in problem.message and len(problem.message) < 300


@pytest.mark.parametrize(
    ("translation", "what"),
    [("## Primera parte", "a heading's #"), ("Primera parte:\n\n- uno\n- dos", "a list item's marker")],
)
def test_block_markdown_typed_into_a_translation_is_rejected_at_its_line(
    project_copy: Callable[..., Path], translation: str, what: str
) -> None:
    project = project_copy("basic")
    catalog = project / "locales" / "es" / "LC_MESSAGES" / "basic.po"
    text = catalog.read_text("utf-8")
    line = text.splitlines().index('msgstr "Primera parte"') + 1
    escaped = translation.replace("\n", "\\n")
    catalog.write_text(text.replace('msgstr "Primera parte"', f'msgstr "{escaped}"'), "utf-8")
    code, out = run_cli(project, "--lang", "es", "--format", "text", "--min-coverage", "50")
    assert code == 0, out
    assert f"locales/es/LC_MESSAGES/basic.po:{line}: warning: translation rejected: {what}" in out
    printed = (project / "output" / "es" / "basic.txt").read_text("utf-8")
    assert "##" not in printed and "- uno" not in printed and "First part" in printed


# ---------------------------------------------------------------- third outside review


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        ("mark-on-a-digit", "source/mark-on-a-digit.md:8: error: U+0338 COMBINING LONG SOLIDUS OVERLAY"),
        ("variation-selector", "source/variation-selector.md:8: error: U+FE0F VARIATION SELECTOR-16 is not allowed"),
        ("private-use", "source/private-use.md:8: error: U+E000 (no name) is not allowed"),
        ("backticks", "source/backticks.md:8: error: a backtick (`) is printed as written"),
        ("bold-in-title", "source/bold-in-title.md:2: error: ** or __ is printed as written here"),
        ("entity-in-title", "source/entity-in-title.md:2: error: an HTML character reference is printed as written"),
        ("link-in-sms", "source/link-in-sms.md:5: error: a Markdown link is printed as written here"),
        ("reference-link-with-spaces", "source/reference-link-with-spaces.md:5: error: reference link"),
        ("span-with-another-attribute", "source/span-with-another-attribute.md:8: error: a bracketed span takes"),
        ("emphasis-in-title", "source/emphasis-in-title.md:2: error: *words* or _words_ is printed as written"),
        ("autolink-in-sms", "source/autolink-in-sms.md:5: error: an address in <...> is printed as written"),
        ("full-width-digits-in-sms", "source/full-width-digits-in-sms.md:5: error: the digits ５ (U+FF15)"),
    ],
)
def test_more_that_a_reader_would_see_wrongly_is_an_error_with_its_line(slug: str, expected: str) -> None:
    problems = source_problems(slug)
    assert any(p.startswith(expected) for p in problems), problems


def test_a_tab_in_running_text_is_a_space() -> None:
    doc = read_document(MARKUP, "tab-in-text", "en")
    assert "A tab between words." in [plain_text(u.inlines) for u in document_units(doc)]


def test_a_second_header_is_an_error_at_its_line() -> None:
    with pytest.raises(ProblemError) as raised:
        read_catalog(MARKUP / "catalogs" / "second-header.po", "locales/es/LC_MESSAGES/x.po")
    assert str(raised.value.problems[0]).startswith(
        'locales/es/LC_MESSAGES/x.po:6: error: a second header (msgid "", the first at line 1)'
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("escaped-control-in-link-template.toml", "handoutkit.toml:2: error: sms link_template: holds, once its"),
        ("brace-in-organization.toml", "handoutkit.toml:2: error: organization name holds a brace"),
    ],
)
def test_more_configuration_values_that_would_be_sent_as_written(name: str, expected: str, tmp_path: Path) -> None:
    assert config_error(name, tmp_path).startswith(expected)

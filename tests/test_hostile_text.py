"""Hostile and broken text (issue 12, points 1-3): every string from a handout, its front matter or a
catalog crosses one boundary (handoutkit.toml: test_hostile_config.py; generated input:
test_hostile_properties.py); every parser failure is a problem with file and line,
never a traceback; sizes and depths are limited, so hostile input is refused before any costly parse starts."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from handoutkit.assets import Assets
from handoutkit.errors import ProblemError
from handoutkit.i18n.po import read_catalog
from handoutkit.limits import AMPLIFICATION_FLOOR, Limits, amplification_problem, block_nesting_problem
from handoutkit.model import Origin
from handoutkit.reader import find_sources, read_document, read_text
from tests import hostile_support
from tests.conftest import REPO
from tests.hostile_support import forbid

HOSTILE = Path(__file__).parent / "data" / "hostile" / "text"
CATALOGS = HOSTILE / "catalogs"
PROJECT = HOSTILE / "project"
HANDOUT = "---\ntitle: A handout\nsummary: The main message.\n---\n\n## A part\n\n"
"""The start of a valid handout: a test appends its body."""


def source_problems(slug: str) -> list[str]:
    return hostile_support.source_problems(HOSTILE, slug)


def catalog_problems(name: str, limits: Limits | None = None) -> list[str]:
    with pytest.raises(ProblemError) as raised:
        read_catalog(CATALOGS / name, f"locales/es/LC_MESSAGES/{name}", limits=limits or Limits())
    return [str(problem) for problem in raised.value.problems]


def text_problems(text: str, limits: Limits | None = None) -> list[str]:
    with pytest.raises(ProblemError) as raised:
        read_text(text, "source/x.md", "x", "en", Assets(HOSTILE / "source"), limits=limits or Limits())
    return [str(problem) for problem in raised.value.problems]


# ---------------------------------------------------------------- the boundary, in handouts


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        ("control-in-body", "source/control-in-body.md:8: error: U+0001 (a control character) is not allowed"),
        ("escape-sequence", "source/escape-sequence.md:8: error: U+001B (a control character) is not allowed"),
        ("override-in-body", "source/override-in-body.md:8: error: U+202E RIGHT-TO-LEFT OVERRIDE is not allowed"),
        ("isolate-in-body", "source/isolate-in-body.md:8: error: U+2066 LEFT-TO-RIGHT ISOLATE is not allowed"),
        ("zero-width-space", "source/zero-width-space.md:8: error: U+200B ZERO WIDTH SPACE is not allowed"),
        ("joiner-between-digits", "source/joiner-between-digits.md:8: error: U+200D ZERO WIDTH JOINER is not allowed"),
        ("tag-characters", "source/tag-characters.md:8: error: U+E0041 TAG LATIN CAPITAL LETTER A is not allowed"),
        ("line-separator", "source/line-separator.md:8: error: U+2028 LINE SEPARATOR is not allowed"),
        ("noncharacter", "source/noncharacter.md:8: error: U+FDD0 (no name) is not allowed"),
        (
            "yaml-escaped-control",
            "source/yaml-escaped-control.md:3: error: U+0001 (a control character) is not allowed",
        ),
        ("yaml-escaped-override", "source/yaml-escaped-override.md:2: error: U+202E RIGHT-TO-LEFT OVERRIDE"),
    ],
)
def test_a_refused_character_in_a_handout_is_an_error_at_its_line(slug: str, expected: str) -> None:
    problems = source_problems(slug)
    assert len(problems) == 1 and problems[0].startswith(expected), problems
    assert problems[0].endswith("[character]")


def test_a_refused_character_written_as_a_character_reference_is_refused_too() -> None:
    [problem] = source_problems("character-reference-override")
    assert problem.startswith("source/character-reference-override.md:8: error: U+202E RIGHT-TO-LEFT OVERRIDE")


def test_joiners_between_letters_of_scripts_that_need_them_and_in_emoji_are_kept() -> None:
    doc = read_document(HOSTILE, "joiners-where-scripts-need-them", "en")
    text = doc.blocks[1].content.msgid  # type: ignore[union-attr]
    assert "\u0645\u06cc\u200c\u062e" in text and "\U0001f468\u200d\U0001f469" in text and "\u094d\u200d" in text


def test_the_real_handouts_and_catalogs_cross_the_boundary_untouched() -> None:
    for slug in find_sources(REPO):
        read_document(REPO, slug, "en")
    for po in sorted((REPO / "locales").glob("*/LC_MESSAGES/*.po")):
        read_catalog(po, po.relative_to(REPO).as_posix())


def test_every_refused_line_is_reported_and_the_rest_of_the_file_is_still_checked() -> None:
    problems = text_problems(HANDOUT + "One\x07 bell.\n\nTwo\u202e.\n\n# A second title\n")
    assert [p.split(": error: ")[0] for p in problems] == ["source/x.md:8", "source/x.md:10", "source/x.md:12"]
    assert problems[2].endswith("[heading-order]")


# ---------------------------------------------------------------- front matter


def test_an_impossible_date_is_a_problem_not_a_crash() -> None:
    [problem] = source_problems("impossible-update")
    assert problem.startswith("source/impossible-update.md:4: error: 'updated' is not a real date: 2026-02-30")


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        ("sms-twice", "source/sms-twice.md:5: error: the field 'sms' is written twice, here and at line 3"),
        ("references-twice", "source/references-twice.md:6: error: the field 'references' is written twice"),
    ],
)
def test_a_field_written_twice_names_both_lines(slug: str, expected: str) -> None:
    [problem] = source_problems(slug)
    assert problem.startswith(expected) and problem.endswith("[front-matter]")
    assert "here and at line 3" in problem if slug == "sms-twice" else "here and at line 4" in problem


def test_an_alias_bomb_is_refused_before_any_value_is_built(monkeypatch: pytest.MonkeyPatch) -> None:
    forbid(monkeypatch, "yaml.constructor.BaseConstructor.construct_document", "building the YAML values")
    [problem] = source_problems("alias-bomb")
    assert problem.startswith("source/alias-bomb.md:4: error: anchors (&name) are not allowed in front matter")
    assert len(problem) < 200


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        ("undefined-alias", "source/undefined-alias.md:2: error: aliases (*name) are not allowed in front matter"),
        ("merge-key", "source/merge-key.md:2: error: merge keys (<<) are not allowed"),
        ("number-key", "source/number-key.md:4: error: unknown front matter field '1'"),
        ("huge-integer", "source/huge-integer.md:2: error: front matter holds a value that cannot be read"),
    ],
)
def test_yaml_that_pyyaml_would_crash_or_expand_on_is_a_problem(slug: str, expected: str) -> None:
    problems = source_problems(slug)
    assert problems[0].startswith(expected), problems
    assert all(len(problem) < 300 for problem in problems)


def test_deeply_nested_yaml_is_refused_before_pyyaml_recurses() -> None:
    deep = "[" * 10_000 + "]" * 10_000
    [problem] = text_problems(f"---\ntitle: A handout\nsms: {deep}\n---\n\nA paragraph.\n")
    assert problem.startswith("source/x.md:3: error: values are nested more than 16 deep ([limits] nesting")


def test_a_huge_value_is_quoted_as_a_short_excerpt() -> None:
    [problem] = text_problems(f"---\ntitle: A handout\nsms_parts: {'x' * 30_000}\n---\n\nA paragraph.\n")
    assert problem.startswith("source/x.md:3: error: 'sms_parts' must be a whole number from 1 to 10, not 'xxx")
    assert "(30000 characters)" in problem and len(problem) < 200


# ---------------------------------------------------------------- Markdown


def test_ten_thousand_nested_emphasis_marks_are_refused_before_the_tree_is_built(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    forbid(monkeypatch, "handoutkit.reader.SyntaxTreeNode", "building the syntax tree (one recursion per level)")
    [problem] = text_problems(HANDOUT + "*" * 10_000 + "x" + "*" * 10_000 + "\n")
    assert problem == (
        "source/x.md:8: error: emphasis, links and spans are nested more than 16 deep "
        "([limits] nesting in handoutkit.toml) [nesting]"
    )


@pytest.mark.parametrize(
    "body",
    [
        "\n".join("  " * depth + "- item" for depth in range(900)),
        "- " * 10_000 + "item",
        "> " * 10_000 + "quote",
    ],
    ids=["indented-lists", "one-line-lists", "quotes"],
)
def test_deeply_nested_lists_and_quotes_are_refused_before_markdown_it_parses_them(
    body: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    forbid(monkeypatch, "markdown_it.MarkdownIt.parse", "markdown-it's parse (quadratic on deep nesting)")
    [problem] = text_problems(HANDOUT + body + "\n")
    assert problem.startswith("source/x.md:") and "lists and quotes are nested more than 16 deep" in problem


def test_a_script_link_is_an_error_not_printed_literally() -> None:
    [problem] = source_problems("script-link")
    assert problem.startswith("source/script-link.md:8: error: link target 'javascript:alert(1)' must start with")


def test_a_local_file_image_is_an_error_not_printed_literally() -> None:
    [problem] = source_problems("local-file-image")
    assert problem.startswith("source/local-file-image.md:8: error: image 'file:///etc/passwd' is not a path inside")


def test_an_image_name_too_long_for_a_file_system_is_a_problem() -> None:
    [problem] = source_problems("long-image-name")
    assert problem.startswith("source/long-image-name.md:8: error: image file name 'aaaa")
    assert "is longer than 255 bytes" in problem and problem.endswith("[image]")


# ---------------------------------------------------------------- sizes


def test_a_fifty_megabyte_handout_is_refused_before_a_byte_of_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "big.md").write_bytes(HANDOUT.encode() + b"word " * 10_000_000)
    forbid(monkeypatch, "handoutkit.files._read_all", "reading the file")
    with pytest.raises(ProblemError) as raised:
        read_document(tmp_path, "big", "en")
    [problem] = raised.value.problems
    assert problem.origin == Origin("source/big.md", 0) and "1,000,000 bytes" in problem.message


def test_a_handout_text_over_its_limit_names_the_limit() -> None:
    [problem] = text_problems(HANDOUT + "word " * 1000, Limits(handout_bytes=2_000))
    assert problem.startswith("source/x.md: error: the handout is 5,0") and "[limits] handout_bytes" in problem


def test_a_paragraph_over_the_message_limit_is_refused_before_its_inline_parse(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    forbid(monkeypatch, "handoutkit.reader.markdown_parser", "the full (inline) Markdown parse")
    forbid(monkeypatch, "markdown_it.MarkdownIt.parseInline", "an inline parse")
    [problem] = text_problems(HANDOUT + "[" * 200_000 + "\n")
    assert problem.startswith("source/x.md:8: error: this line is 200,000 bytes, more than the limit of 50,000")


def test_a_twenty_megabyte_msgstr_is_refused_before_polib_parses_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    po = tmp_path / "big.po"
    po.write_text(f'msgid "Basic handout"\nmsgstr "{"palabra " * 2_500_000}"\n', encoding="utf-8")
    forbid(monkeypatch, "polib.pofile", "polib's parse")
    with pytest.raises(ProblemError) as by_file:
        read_catalog(po, "locales/es/LC_MESSAGES/big.po")
    with pytest.raises(ProblemError) as by_message:
        read_catalog(po, "locales/es/LC_MESSAGES/big.po", limits=Limits(catalog_bytes=100_000_000))
    assert "5,000,000 bytes" in by_file.value.problems[0].message
    [problem] = by_message.value.problems
    assert str(problem).startswith("locales/es/LC_MESSAGES/big.po:2: error: a message longer than 50,000 bytes")


def test_an_output_much_larger_than_its_sources_is_a_problem() -> None:
    origin = Origin("locales/es/LC_MESSAGES/ui.po", 12)
    problem = amplification_problem(30_000_000, 100_000, origin, "es/basic.txt")
    assert problem is not None and problem.kind == "amplification" and problem.origin == origin
    assert "es/basic.txt would be 30,000,000 bytes, 300 times its sources' 100,000" in problem.message
    assert "[limits] amplification" in problem.message
    assert amplification_problem(30_000_000, 600_000, origin, "es/basic.txt") is None
    assert amplification_problem(AMPLIFICATION_FLOOR, 10, origin, "es/basic.txt") is None


def test_the_real_handouts_are_far_from_the_nesting_limit() -> None:
    for path in sorted((REPO / "source").glob("*.md")):
        assert block_nesting_problem(path.read_text(encoding="utf-8"), path.name, 4) is None


# ---------------------------------------------------------------- catalogs


@pytest.mark.parametrize("charset", ["utf-7", "unicode-escape", "undefined", "punycode", "rot13"])
def test_a_charset_other_than_utf8_or_a_plain_single_byte_one_is_refused(charset: str) -> None:
    [problem] = catalog_problems(f"charset-{charset}.po")
    assert problem.startswith(f"locales/es/LC_MESSAGES/charset-{charset}.po:3: error: charset '")
    assert "is not accepted: write the catalog in UTF-8" in problem and problem.endswith("[po-encoding]")


def test_a_windows_1252_catalog_and_a_utf8_one_with_a_bom_are_read() -> None:
    for name in ("charset-windows-1252.po", "bom-utf8.po"):
        catalog = read_catalog(CATALOGS / name, name)
        assert catalog.entries["Basic handout"].msgstr == "Folleto básico"


def test_a_bom_on_a_catalog_that_declares_another_charset_is_refused() -> None:
    [problem] = catalog_problems("bom-declares-latin1.po")
    assert problem.startswith("locales/es/LC_MESSAGES/bom-declares-latin1.po:1: error: the file starts with a UTF-8")


@pytest.mark.parametrize("escape", ["b", "f", "v", "r", "hex"])
def test_an_escape_that_writes_a_control_character_is_refused(escape: str) -> None:
    [problem] = catalog_problems(f"escape-{escape}.po")
    written = "x" if escape == "hex" else escape
    assert problem.startswith(
        f"locales/es/LC_MESSAGES/escape-{escape}.po:8: error: the escape \\{written} is not allowed"
    )


def test_raw_control_characters_in_a_msgstr_are_refused_at_their_line() -> None:
    [problem] = catalog_problems("raw-nul.po")
    assert problem.startswith("locales/es/LC_MESSAGES/raw-nul.po:8: error: U+0000 (a control character) is not allowed")


def test_a_control_character_in_a_translator_comment_is_refused_too() -> None:
    [problem] = catalog_problems("control-in-comment.po")
    assert problem.startswith("locales/es/LC_MESSAGES/control-in-comment.po:7: error: U+0007")


def test_a_bidi_override_in_a_msgstr_is_a_catalog_error() -> None:
    [problem] = catalog_problems("override-in-msgstr.po")
    assert problem.startswith("locales/es/LC_MESSAGES/override-in-msgstr.po:8: error: U+202E RIGHT-TO-LEFT OVERRIDE")


def test_a_duplicate_msgid_names_both_lines() -> None:
    [problem] = catalog_problems("duplicate.po")
    assert problem.startswith(
        "locales/es/LC_MESSAGES/duplicate.po:11: error: this msgid is already in the catalog at line 8"
    )


def test_a_plural_entry_that_shadows_a_singular_one_is_an_error() -> None:
    [problem] = catalog_problems("plural-shadows-singular.po")
    assert problem.startswith("locales/es/LC_MESSAGES/plural-shadows-singular.po:12: error: a plural entry and a")
    assert "(lines 8 and 12)" in problem and problem.endswith("[po-duplicate]")


# ---------------------------------------------------------------- whole builds


def build(project: Path, *formats: str) -> subprocess.CompletedProcess[str]:
    """``export.py`` run in its own process on ``project`` (so that a traceback would show on stderr)."""
    command = [sys.executable, str(REPO / "export.py"), "--project", str(project), "--lang", "en,es"]
    command += ["--format", ",".join(formats or ("text",)), "--min-coverage", "0", "--quiet"]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=REPO)


@pytest.fixture
def hostile_project(tmp_path: Path) -> Path:
    destination = tmp_path / "project"
    shutil.copytree(PROJECT, destination)
    return destination


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_broken_catalog_fails_its_document_alone(hostile_project: Path) -> None:
    replace_in(hostile_project / "locales/es/LC_MESSAGES/victim.po", 'msgstr "Una parte"', 'msgstr "Una\x00 parte"')
    result = build(hostile_project)
    assert result.returncode != 0 and "Traceback" not in result.stdout + result.stderr
    assert "locales/es/LC_MESSAGES/victim.po:19: error: U+0000 (a control character)" in result.stdout
    for built in ("en/basic.txt", "es/basic.txt", "en/victim.txt"):
        assert (hostile_project / "output" / built).is_file(), built
    assert not (hostile_project / "output/es/victim.txt").exists()


def test_a_handout_with_a_field_twice_fails_alone(hostile_project: Path) -> None:
    replace_in(hostile_project / "source/victim.md", "title:", "sms: First.\nsms:\n  - Second.\ntitle:")
    result = build(hostile_project)
    assert result.returncode != 0 and "Traceback" not in result.stdout + result.stderr
    assert "source/victim.md:3: error: the field 'sms' is written twice, here and at line 2" in result.stdout
    assert (hostile_project / "output/en/basic.txt").is_file() and (hostile_project / "output/es/basic.txt").is_file()


def test_a_control_character_never_reaches_an_epub_and_allowed_joiners_keep_it_well_formed(
    hostile_project: Path,
) -> None:
    replace_in(hostile_project / "source/victim.md", "summary: A short summary.", 'summary: "A short\\x01 summary."')
    replace_in(
        hostile_project / "source/basic.md",
        "A quoted sentence.",
        "A quoted sentence: \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645, "
        "\U0001f468\u200d\U0001f469\u200d\U0001f467.",
    )
    result = build(hostile_project, "epub")
    assert result.returncode != 0 and "Traceback" not in result.stdout + result.stderr
    assert "source/victim.md:3: error: U+0001 (a control character) is not allowed" in result.stdout
    assert not (hostile_project / "output/en/victim.epub").exists()
    book = hostile_project / "output/en/basic.epub"
    with zipfile.ZipFile(book) as archive:
        names = [name for name in archive.namelist() if name.endswith((".xhtml", ".opf", ".ncx", ".xml"))]
        assert names
        for name in names:
            ET.fromstring(archive.read(name))  # raises on a character XML does not allow
        assert any("\u200c" in archive.read(name).decode("utf-8") for name in names)


def test_a_control_character_in_the_organization_stops_the_build_before_any_output(hostile_project: Path) -> None:
    replace_in(hostile_project / "handoutkit.toml", 'name = "Fixture Clinic"', 'name = "Fixture\\u000b Clinic"')
    result = build(hostile_project, "epub")
    assert result.returncode != 0 and "Traceback" not in result.stdout + result.stderr
    assert "handoutkit.toml:6: error: organization.name: U+000B" in result.stdout + result.stderr
    assert not list(hostile_project.glob("output/*/*.epub"))

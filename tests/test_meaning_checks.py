"""Translations that cannot change the medicine: a translator's mistake in a number, a unit, a phone
number, a do-not-translate name or the markup is rejected by `check` (exit 1, the .po file and line, the
source and translated values) and never reaches an output; the correct variants pass.

Cases: tests/data/meaning/translator-mistakes.toml, made in the fixture project tests/data/projects/meaning."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tests.conftest import DATA, run_cli

MISTAKES = tomllib.loads((DATA / "meaning" / "translator-mistakes.toml").read_text(encoding="utf-8"))["mistake"]
SLUG = "shortness-of-breath"


def _id(case: dict[str, object]) -> str:
    return f"{case['lang']}-{'ok' if case.get('accepted') else case['found']}"


def _po(project: Path, lang: str) -> Path:
    return project / "locales" / lang / "LC_MESSAGES" / f"{SLUG}.po"


def _make(project: Path, case: dict[str, str]) -> int:
    """Apply the mistake; return the line of its msgstr."""
    po = _po(project, case["lang"])
    text = po.read_text(encoding="utf-8")
    old = f'msgstr "{case["was"]}"'
    assert text.count(old) == 1, case
    po.write_text(text.replace(old, f'msgstr "{case["now"]}"'), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def _outputs(project: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in (project / "output").rglob("*.txt"))


@pytest.mark.parametrize("case", [c for c in MISTAKES if not c.get("accepted")], ids=_id)
def test_a_mistake_is_rejected_by_check_with_file_line_and_values(project_copy, case):
    project = project_copy("meaning")
    line = _make(project, case)
    code, output = run_cli(project, "check", "--lang", case["lang"])
    assert code == 1, output
    [error] = [row for row in output.splitlines() if ": error: " in row]
    where = f"locales/{case['lang']}/LC_MESSAGES/{SLUG}.po"
    assert error.startswith(f"{where}:{line}: error: translation rejected:"), error
    assert case["found"] in error, error


@pytest.mark.parametrize("case", [c for c in MISTAKES if not c.get("accepted")], ids=_id)
def test_a_rejected_translation_never_reaches_an_output(project_copy, case):
    project = project_copy("meaning")
    _make(project, case)
    code, output = run_cli(project, "--format", "text", "--lang", case["lang"], "--min-coverage", "0")
    assert code == 0, output  # the source text stands in for the rejected block
    text = _outputs(project)
    if case["wrong"]:  # (text left in English: the source text stands in, which is that same English)
        assert case["now"] not in text and case["wrong"] not in text


@pytest.mark.parametrize("lang", ["es", "ar"])
def test_by_default_a_handout_with_a_rejected_translation_is_not_exported_in_that_language(project_copy, lang):
    project = project_copy("meaning")
    _make(project, next(c for c in MISTAKES if c["lang"] == lang and not c.get("accepted")))
    _, output = run_cli(project, "--format", "text", "--lang", lang)
    assert not (project / "output" / lang / f"{SLUG}.txt").exists(), output
    assert "1 rejected" in output


@pytest.mark.parametrize("case", [c for c in MISTAKES if c.get("accepted")], ids=_id)
def test_a_correct_variant_passes(project_copy, case):
    project = project_copy("meaning")
    _make(project, case)
    _, output = run_cli(project, "check", "--lang", case["lang"])
    assert ": error: " not in output, output


def test_text_left_in_english_passes_when_flagged_as_intended(project_copy):
    project = project_copy("meaning")
    case = next(c for c in MISTAKES if c["found"].startswith("the translation is the source text"))
    po = _po(project, case["lang"])
    _make(project, case)
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace(f'#, md-text\nmsgid "{case["now"]}"', f'#, md-text, ignore-same\nmsgid "{case["now"]}"'))
    _, output = run_cli(project, "check", "--lang", "es")
    assert ": error: " not in output, output


def test_the_fixture_itself_passes_check():
    _, output = run_cli(DATA / "projects" / "meaning", "check")
    assert ": error: " not in output, output

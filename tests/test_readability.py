"""Reading level (docs/standards.md section 6): the formulas validated per language, their syllable
counts, and how check and stats report them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from handoutkit.model import Origin
from handoutkit.readability import (
    english_syllables,
    formulas_for,
    measure_text,
    reading_level_line,
    reading_level_problems,
    spanish_syllables,
)
from tests.conftest import run_cli

DATA = Path(__file__).parent / "data" / "readability"


def table(name: str) -> list[tuple[str, int]]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    rows = (line.split("\t") for line in lines if line and not line.startswith("#"))
    return [(word, int(count)) for word, count in rows]


@pytest.mark.parametrize(("word", "syllables"), table("spanish-syllables.tsv"))
def test_spanish_syllables_follow_the_spelling_rules(word, syllables):
    assert spanish_syllables(word) == syllables


@pytest.mark.parametrize(("word", "syllables"), table("english-syllables.tsv"))
def test_english_syllables_come_from_the_cmu_dictionary_or_the_fallback_rule(word, syllables):
    assert english_syllables(word) == syllables


def test_english_figures_are_flesch_kincaid_grade_and_reading_ease():
    level = measure_text((DATA / "english-sample.txt").read_text(encoding="utf-8").splitlines(), "en")
    assert level is not None
    assert (level.words, level.sentences, level.syllables) == (13, 3, 13)  # each line ends a sentence too
    scores = dict(level.scores)
    assert scores["Flesch-Kincaid grade"] == pytest.approx(0.39 * 13 / 3 + 11.8 - 15.59)
    assert scores["Flesch reading ease"] == pytest.approx(206.835 - 1.015 * 13 / 3 - 84.6)


def test_spanish_figures_are_fernandez_huerta_and_szigriszt_pazos():
    level = measure_text(["El día es muy bueno."], "es")  # 5 words, 1 sentence, 1+2+1+1+2 = 7 syllables
    assert level is not None and (level.words, level.sentences, level.syllables) == (5, 1, 7)
    scores = dict(level.scores)
    assert scores["Fernández-Huerta"] == pytest.approx(206.84 - 0.60 * 140 - 1.02 * 20)
    assert scores["Szigriszt-Pazos"] == pytest.approx(206.835 - 62.3 * 7 / 5 - 5)
    assert level.grade is None


@pytest.mark.parametrize("lang", ["vi", "zh-Hans", "ar"])
def test_a_language_without_a_validated_formula_gets_no_figure(lang):
    assert formulas_for(lang) == ()
    assert measure_text(["Một câu."], lang) is None


def test_measuring_english_needs_no_network_and_no_nltk():
    code = (
        "import socket, sys\n"
        "def refuse(*a, **k): raise OSError('network used')\n"
        "socket.socket.connect = refuse\n"
        "from handoutkit.readability import english_syllables\n"
        "assert english_syllables('pneumonia') == 3\n"
        "assert 'nltk' not in sys.modules and 'textstat' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parent.parent)


def test_check_reports_the_figure_and_warns_above_the_grade_ceiling(project_copy):
    project = project_copy("reading-level")
    code, output = run_cli(project, "check")
    assert "reading level: en dense: Flesch-Kincaid grade " in output
    assert "source/dense.md: warning: reading level in en: Flesch-Kincaid grade" in output
    assert "above 8 ([reading_level] max_grade)" in output
    assert code == 0  # a warning, not an error


def test_the_ceiling_is_configurable(project_copy):
    project = project_copy("reading-level")
    with (project / "handoutkit.toml").open("a", encoding="utf-8") as stream:
        stream.write("\n[reading_level]\nmax_grade = 20\n")
    _, output = run_cli(project, "check")
    assert "reading level: en dense:" in output and "[reading-level]" not in output


def test_a_ceiling_outside_its_limits_is_an_error_naming_its_line(project_copy):
    project = project_copy("reading-level")
    with (project / "handoutkit.toml").open("a", encoding="utf-8") as stream:
        stream.write("\n[reading_level]\nmax_grade = 30\n")
    code, output = run_cli(project, "check")
    assert code == 2
    assert "handoutkit.toml:7: error: reading_level max_grade must be a number from 0 to 20" in output


def test_stats_shows_the_figure(project_copy):
    project = project_copy("reading-level")
    code, output = run_cli(project, "stats")
    assert code == 0
    assert "reading level: Flesch-Kincaid grade" in output


def test_a_text_under_a_hundred_words_shows_its_figure_but_is_never_warned_about():
    level = measure_text(["Immunotherapeutic interventions potentiate antitumor responses."], "en")
    assert level is not None and level.grade is not None and level.grade > 8
    assert reading_level_problems(level, Origin("source/x.md", 0), max_grade=8, min_inflesz=55) == []
    assert reading_level_line(level, "en").endswith("(under 100 words: too short to judge)")

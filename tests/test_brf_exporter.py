"""The braille exporter on the fixture project (tests/data/brf/project) and on the real handouts: BRF
characters only, line and page limits, page numbers, back-translation, hand-checked lines per language,
untranslatable text reported with its line. liblouis must be installed (the setup installs it): these
tests never skip."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from exporters.brf import BrfExporter
from exporters.brf.cells import BRF_CHARACTERS
from handoutkit.languages import parse_language
from handoutkit.project import Project
from tests.brf_support import (
    EXPECTED,
    PROJECT,
    back_translated_words,
    brf_file,
    context,
    document,
    pages,
    print_words,
    recall,
)

BUILT = [("breathing", lang) for lang in ("en", "es", "vi", "zh-Hans", "ar")] + [
    ("eating", lang) for lang in ("en", "es", "ar")
]


def test_liblouis_is_installed():
    done = subprocess.run(["lou_translate", "--version"], capture_output=True, check=False)
    assert done.returncode == 0, "install Debian liblouis-bin and liblouis-data (scripts/install-system-packages.sh)"


def brf_problems(data: bytes, width: int = 40, height: int = 25) -> list[str]:
    """Every BRF rule ``data`` breaks: ASCII braille only, CR LF, pages of ``height`` lines of at most
    ``width`` cells, a page number ending each page."""
    problems = []
    allowed = set(BRF_CHARACTERS.encode("ascii")) | {0x0D, 0x0A, 0x0C}
    if bad := sorted(set(data) - allowed):
        problems.append(f"characters outside ASCII braille: {bytes(bad)!r}")
    text = data.decode("latin-1")
    if "\n" in text.replace("\r\n", "") or "\r" in text.replace("\r\n", ""):
        problems.append("a line end that is not CR LF")
    for number, page in enumerate(pages(data), start=1):
        if len(page) != height:
            problems.append(f"page {number} has {len(page)} lines")
        if long := [line for line in page if len(line) > width]:
            problems.append(f"page {number} has lines over {width} cells: {long[0]!r}")
        if not page[-1].startswith("   ") or not page[-1].strip().startswith("#"):
            problems.append(f"page {number} does not end with its braille page number: {page[-1]!r}")
        if page[0] == "":
            problems.append(f"page {number} starts with a blank line")
    return problems


@pytest.mark.parametrize(("slug", "lang"), BUILT)
def test_every_handout_is_brf_in_pages_of_40_by_25(slug, lang):
    assert brf_problems(brf_file(slug, lang)) == []


def test_page_numbers_count_the_pages():
    numbers = [page[-1].strip() for page in pages(brf_file("eating", "en"))]
    assert numbers[:3] == ["#A", "#B", "#C"][: len(numbers)]


@pytest.mark.parametrize(("lang", "tables", "continuation"), [("en", "en-ueb-g2.ctb", '"'), ("es", "es-g1.ctb", '"')])
@pytest.mark.parametrize("slug", ["breathing", "eating"])
def test_back_translation_gives_the_words_back(slug, lang, tables, continuation):
    found = back_translated_words(brf_file(slug, lang), tables, continuation)
    assert recall(print_words(slug, lang), found) >= 0.99


@pytest.mark.parametrize("lang", ["en", "es", "vi", "zh-Hans", "ar"])
def test_the_first_lines_are_the_hand_checked_ones(lang):
    """tests/data/brf/expected/<lang>.breathing.txt: the first 8 lines of page 1, checked by hand:
    en against UEB grade 2 (",%ORT;S ( BR1? AT HOME": capital, sh, ness, of, ea, th; the title centered,
    9 blank cells for 22 cells in 40; "#B1 #BJBF4" for "2, 2026."); es against Spanish braille (capital
    dots 46 "."; á "(", ó "+", ú ")"; period dot 3 "'", colon "3"); vi for its tones written before the
    vowel, consistently (ở "5[" in "thở" and "ở"; kh "(" in "Khó" and "khi"), capitals and numbers;
    zh-Hans against zh-chn.ctb's own entries (在 1356-246 "Z[", 呼 125-136 "HU", 吸 125-24 "HI"), its
    untranslated summary in English; ar letter by letter ("$IQ ALTNFS FI ALMNZL" for ضيق التنفس في المنزل:
    ض 1246, ي 24, ق 12345, ز 1356). The summary's bold sentence: en in UEB's bold passage indicator "^7"
    (45-2356) and terminator "^'" (45-3); es between two signs 35 "9" (CBE); ar between ar-ar-g1.utb's
    456 "_" and 456-456 "__". In every language: the review notice between the two box lines."""
    expected = (EXPECTED / f"{lang}.breathing.txt").read_text(encoding="ascii").splitlines()
    assert pages(brf_file("breathing", lang))[0][: len(expected)] == expected


def test_the_image_is_its_description_introduced_in_the_documents_language():
    text = "\n".join(line for page in pages(brf_file("breathing", "en")) for line in page)
    assert ",IMAGE3 ,A P]SON" in text


def test_a_table_can_be_chosen_per_language(tmp_path: Path):
    root = tmp_path / "project"
    shutil.copytree(PROJECT, root)
    with (root / "handoutkit.toml").open("a", encoding="utf-8") as config:
        config.write('\n[language.es.brf]\ntable = "es-g2.ctb"\n')
    project = Project.load(root)
    es = parse_language("es")
    (grade2,) = BrfExporter().render(project.translate("breathing", es).document, project.context(es))
    assert grade2.data != brf_file("breathing", "es")
    assert brf_problems(grade2.data) == []


def test_a_table_that_is_not_installed_is_reported_at_its_configuration_line(tmp_path: Path):
    root = tmp_path / "project"
    shutil.copytree(PROJECT, root)
    config = root / "handoutkit.toml"
    line = config.read_text(encoding="utf-8").count("\n") + 3
    with config.open("a", encoding="utf-8") as out:
        out.write('\n[language.es.brf]\ntable = "no-such-table.ctb"\n')
    project = Project.load(root)
    es = parse_language("es")
    problems = BrfExporter().check(project.translate("breathing", es).document, project.context(es))
    assert [(p.kind, str(p.origin)) for p in problems] == [("brf-table", f"handoutkit.toml:{line}")]


def test_text_the_table_cannot_write_is_rejected_naming_its_line(tmp_path: Path):
    root = tmp_path / "project"
    shutil.copytree(PROJECT, root)
    source = root / "source" / "breathing.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text + "\nGreetings in Amharic: ሰላም.\n", encoding="utf-8")
    line = text.count("\n") + 2
    project = Project.load(root)
    en = parse_language("en")
    problems = BrfExporter().check(project.translate("breathing", en).document, project.context(en))
    assert [(p.kind, str(p.origin)) for p in problems] == [("brf-untranslatable", f"source/breathing.md:{line}")]
    assert "U+1230 ETHIOPIC SYLLABLE SA" in problems[0].message


def test_options_change_the_page_size(tmp_path: Path):
    root = tmp_path / "project"
    shutil.copytree(PROJECT, root)
    config = root / "handoutkit.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("cells_per_line = 40", "cells_per_line = 32").replace("= 25", "= 28"))
    project = Project.load(root)
    en = parse_language("en")
    (output,) = BrfExporter().render(project.translate("eating", en).document, project.context(en))
    assert brf_problems(output.data, 32, 28) == []


@pytest.mark.slow
def test_every_real_handout_is_built_in_braille_in_every_language(real_build: Path):
    for lang in ("en", "es", "vi", "zh-Hans", "ar"):
        for slug in ("questions-for-your-care-team", "stage-4-lung-cancer"):
            assert brf_problems((real_build / lang / f"{slug}.brf").read_bytes()) == [], (lang, slug)


def test_the_helpers_read_the_fixture_project():
    assert document("breathing", "es").lang == "es"
    assert context("es").language.tag == "es"

"""Plain text in a right-to-left language: every left-to-right run a reader needs in order (the phone
number, 8%, (NSCLC), a web address, an English reference title) is displayed in order by the Unicode
bidirectional algorithm (python-bidi), with U+2066...U+2069 isolates only where they are needed."""

from __future__ import annotations

import pytest
from bidi import get_display

from handoutkit.present.bidi import LRI, PDI
from tests.conftest import PROJECTS, run_cli


@pytest.fixture(scope="module")
def lines(tmp_path_factory) -> list[str]:
    import shutil

    project = tmp_path_factory.mktemp("rtl") / "rtl"
    shutil.copytree(PROJECTS / "rtl", project)
    code, output = run_cli(project, "--format", "text", "--lang", "ar")
    assert code == 0, output
    return (project / "output" / "ar" / "survival.txt").read_text(encoding="utf-8").splitlines()


def shown(line: str) -> str:
    return get_display(line).translate(str.maketrans("", "", LRI + PDI))


def line_with(lines: list[str], words: str) -> str:
    return next(line for line in lines if words in line.translate(str.maketrans("", "", LRI + PDI)))


@pytest.mark.parametrize(
    "run",
    ["(503) 555-0147", "(NSCLC): 8%", "https://clinic.example/help/survival", "What Is Lung Cancer?"],
)
def test_each_left_to_right_run_is_displayed_in_order(lines, run):
    assert run in shown(line_with(lines, run))


def test_the_contact_line_isolates_the_phone_number(lines):
    line = line_with(lines, "(503) 555-0147.")
    assert f"{LRI}(503) 555-0147{PDI}" in line


def test_a_phone_link_whose_words_are_the_number_is_not_spelled_out_again(lines):
    line = line_with(lines, "اتصل بالرقم")
    assert line.count("555-0147") == 1 and "+15035550147" not in line


def test_an_unmarked_english_question_keeps_its_question_mark(lines):
    # Without a {lang=en} span the run is found by its letters; an ASCII "?" after them is the title's own.
    assert "What Is Stage IV?" in shown(line_with(lines, "What Is Stage IV"))


def test_a_run_that_reads_in_order_anyway_costs_no_isolate(lines):
    line = line_with(lines, "Fixture Clinic")
    assert f"{LRI}Fixture Clinic" not in line

"""Plain text for screen readers (docs/standards.md section 5), checked against hand-read expected files."""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from tests.conftest import PROJECTS, run_cli

EXPECTED = PROJECTS / "basic" / "expected"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    import shutil

    project = tmp_path_factory.mktemp("text") / "basic"
    shutil.copytree(PROJECTS / "basic", project, ignore=shutil.ignore_patterns("expected"))
    assert run_cli(project, "--format", "text")[0] == 0
    assert run_cli(project, "--format", "text", "--lang", "ar", "--min-coverage", "0")[0] == 0
    return project / "output"


@pytest.mark.parametrize("lang", ["en", "es", "ar"])
def test_the_text_is_exactly_the_expected_file(built, lang):
    assert (built / lang / "basic.txt").read_bytes() == (EXPECTED / lang / "basic.txt").read_bytes()


def screen_reader_problems(data: bytes) -> list[str]:
    """Every rule of docs/standards.md section 5 that ``data`` breaks."""
    problems = []
    if data.startswith(b"\xef\xbb\xbf"):
        problems.append("starts with a BOM")
    text = data.decode("utf-8")
    if "\r" in text:
        problems.append("has carriage returns")
    if unicodedata.normalize("NFC", text) != text:
        problems.append("is not NFC")
    if not text.endswith("\n") or text.endswith("\n\n"):
        problems.append("does not end with exactly one newline")
    if re.search(r"[ \t]\n", text):
        problems.append("has trailing spaces")
    if run := re.search(r"([^\w\s])\1{3,}", text):
        problems.append(f"has a decoration run {run.group(0)!r}")
    if re.search(r"[\u2500-\u257f]", text):
        problems.append("has box-drawing characters")
    if re.search(r"\n{4,}", text):
        problems.append("has more than two blank lines in a row")
    return problems


@pytest.mark.parametrize("lang", ["en", "es", "ar"])
def test_the_text_follows_the_screen_reader_rules(built, lang):
    assert screen_reader_problems((built / lang / "basic.txt").read_bytes()) == []


def test_headings_have_two_blank_lines_before_and_one_after(built):
    text = (built / "en" / "basic.txt").read_text()
    for heading in ("Section 1: First part", "Section 1.1: A smaller part", "Section 2: Second part", "References"):
        assert f"\n\n\n{heading}\n\n" in text, heading


def test_a_heading_says_its_level_by_its_number_in_the_documents_language(built):
    lines = (built / "es" / "basic.txt").read_text().splitlines()
    assert [line for line in lines if line.startswith("Sección")] == [
        "Sección 1: Primera parte",
        "Sección 1.1: Una parte más pequeña",
        "Sección 2: Segunda parte",
    ]


def test_the_references_come_before_the_contact_details_as_in_every_long_format(built):
    text = (built / "en" / "basic.txt").read_text()
    assert text.index("\n\n\nReferences\n") < text.index("\n\n\nContact us\n")


def test_a_paragraph_is_one_line_however_the_source_wrapped_it(built):
    lines = (built / "en" / "basic.txt").read_text().splitlines()
    assert (
        "A paragraph with emphasis, strong words and a link (Link: https://example.org/info) that continues on "
        "a second line." in lines
    )


def test_a_link_address_is_given_once_and_a_phone_link_as_a_number(built):
    text = (built / "en" / "basic.txt").read_text()
    assert text.count("https://example.org/info") == 1
    assert "Call our phone line (Phone: +15550100) today." in text


def test_an_informative_image_is_its_description_and_a_decorative_one_is_silent(built):
    text = (built / "en" / "basic.txt").read_text()
    assert text.count("Image: ") == 1 and "Image: A small black dot on a white square" in text


def test_an_rtl_language_says_its_language_on_the_first_line(built):
    assert (built / "ar" / "basic.txt").read_text().startswith("Language: العربية\n")
    assert not (built / "en" / "basic.txt").read_text().startswith("Language:")


def test_list_items_each_have_a_label_of_one_style_per_list(built):
    lines = (built / "es" / "basic.txt").read_text().splitlines()
    assert "• Primer elemento" in lines and "  • Elemento anidado uno" in lines
    assert [line for line in lines if line[:2] in ("1.", "2.") and "Paso" in line] == ["1. Paso uno", "2. Paso dos"]


def test_the_rules_catch_decoration():
    assert screen_reader_problems(b"Title\n==========\n") == ["has a decoration run '=========='"]


def test_importing_the_text_exporter_loads_neither_weasyprint_nor_ebooklib():
    code = (
        "import sys, handoutkit.pipeline, exporters.text; print(sorted({'weasyprint', 'ebooklib'} & set(sys.modules)))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_a_block_quote_is_said_to_be_set_apart_and_a_long_one_where_it_ends(project_copy):
    project = project_copy("quotes")
    assert run_cli(project, "--format", "text")[0] == 0
    expected = PROJECTS / "quotes" / "expected" / "en" / "quotes.txt"
    assert (project / "output" / "en" / "quotes.txt").read_bytes() == expected.read_bytes()

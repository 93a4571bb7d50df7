"""Bold and emphasized words in braille (print shows both bold): UEB's bold indicators in English,
the sign 35 before and after in Spanish grade 1 (CBE), the indicators a table defines in the others;
the words still come back in a back-translation. liblouis must be installed: these tests never skip."""

from __future__ import annotations

import shutil
from pathlib import Path

from exporters.brf import BrfExporter
from exporters.brf.content import BOLD_OFF, BOLD_ON, marked_text
from handoutkit.languages import parse_language
from handoutkit.model import Emphasis, LineBreak, Strong, Text
from handoutkit.project import Project
from tests.brf_support import EXPECTED, PROJECT, brf_file, pages

FIXTURE = Path(__file__).parent / "data" / "brf" / "emphasis" / "emphasis.md"


def emphasis_brf(tmp_path: Path) -> bytes:
    """tests/data/brf/emphasis/emphasis.md, added to a copy of the fixture project, in English braille."""
    root = tmp_path / "project"
    shutil.copytree(PROJECT, root)
    shutil.copy(FIXTURE, root / "source" / "emphasis.md")
    project = Project.load(root)
    en = parse_language("en")
    (output,) = BrfExporter().render(project.translate("emphasis", en).document, project.context(en))
    return output.data


def test_bold_and_emphasized_runs_are_marked_in_the_print_text():
    inlines = (Text("Take "), Strong((Text("one"), Emphasis((Text(" more"),)))), Text(" now"), Emphasis(()))
    assert marked_text(inlines) == f"Take {BOLD_ON}one more{BOLD_OFF} now"
    broken = (Strong((Text("a"), LineBreak(), Text("b"))),)
    assert marked_text(broken).split("\n") == [f"{BOLD_ON}a{BOLD_OFF}", f"{BOLD_ON}b{BOLD_OFF}"]


def test_english_bold_takes_the_ueb_word_passage_and_terminator_indicators(tmp_path: Path):
    """tests/data/brf/expected/en.emphasis.txt, checked by hand against UEB section 9 (bold: word
    indicator 45-2 "^1", passage indicator 45-2356 "^7", terminator 45-3 "^'"): one bold word takes the
    word indicator; seven take the passage indicator (three words or more), which liblouis closes before
    the last word when that word is followed by unbolded punctuation, giving it the word indicator and a
    terminator; a bold part of a word ("**re**usable") takes the word indicator and a terminator and is
    not contracted; an emphasized word (print shows it bold) is bold too."""
    expected = (EXPECTED / "en.emphasis.txt").read_text(encoding="ascii").splitlines()
    assert pages(emphasis_brf(tmp_path))[2][: len(expected)] == expected


def test_spanish_bold_is_enclosed_between_two_signs_of_dots_35():
    """The Spanish Braille Commission's Signografía básica, section 7: dots 35 ("9" in BRF) before and
    after the text in a special typeface, the capital sign (46, ".") after the opening one."""
    text = "\n".join(line for page in pages(brf_file("breathing", "es")) for line in page)
    assert "9.UNOS PASOS SENCILLOS" in text
    assert "RESPIRAR MEJOR'9" in text
    assert "9.NO SE ACUESTE" in text
    assert "PLANO9 SI ESO" in text


def test_arabic_bold_takes_the_indicators_of_its_table():
    """ar-ar-g1.utb: 456 ("_") before, 456-456 ("__") after."""
    text = " ".join(line for page in pages(brf_file("breathing", "ar")) for line in page)
    assert " _IMKN " in text
    assert "__ " in text

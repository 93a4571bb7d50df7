"""Right to left in the Arabic books, as a reader sees them: Chromium lays the pages out, and the runs
that must read left to right inside Arabic text (a phone number, ``8%``, ``(NSCLC)``, a web address, an
English reference title) are drawn left to right, in the order they are written.

Each check that can have one has a control: the same page without the isolation the book adds draws
the same characters out of order, so the test measures the browser's layout, not the markup. The
fixture project's Arabic 'eating' holds the runs; the project's own Arabic book shows its configured
phone number. Chromium and puppeteer-core (``scripts/install-validators.sh``) must be installed: a
missing tool fails these tests, it never skips them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from markupsafe import escape

from exporters.epub import EpubExporter
from handoutkit.languages import parse_language
from handoutkit.project import Project
from tests.browser_support import Occurrence, edited_copy, layout, only, reads_left_to_right, unpack
from tests.test_epub_books import context, handout_epub

REPO = Path(__file__).resolve().parent.parent
RUNS = ("(NSCLC)", "8%", "https://clinic.example/food")
"""Runs of the Arabic 'eating' paragraph that must read left to right."""
TITLE = "What Should I Eat During Treatment?"
"""An English reference title kept in the Arabic 'eating' references, marked ``{lang=en}``."""
ARABIC = parse_language("ar")

Seen = dict[str, dict[str, list[Occurrence]]]
"""Per page (a short name), per string, the boxes of each place the string occurs."""


def _isolated(text: str) -> str:
    return f'<span dir="ltr">{escape(text)}</span>'


def _project_phone() -> str:
    return Project.load(REPO).context(ARABIC).settings.organization.phone


@pytest.fixture(scope="module")
def seen(tmp_path_factory: pytest.TempPathFactory) -> Seen:
    """Every page these tests look at, with its controls, laid out once by one Chromium."""
    fixture = unpack(handout_epub("eating", "ar"), tmp_path_factory.mktemp("eating-ar")) / "EPUB"
    fixture_phone = context("ar").settings.organization.phone
    project = Project.load(REPO)
    doc = project.translate(project.slugs()[0], ARABIC).document
    (book,) = EpubExporter().render(doc, project.context(ARABIC))
    real = unpack(book.data, tmp_path_factory.mktemp("project-ar")) / "EPUB"
    phone = _project_phone()
    marked = f'<span lang="en" xml:lang="en" dir="ltr">{TITLE}</span>'
    pages = {
        "section": (fixture / "section-01.xhtml", RUNS),
        "percent-control": (edited_copy(fixture / "section-01.xhtml", _isolated("8%"), "8%", "percent"), ("8%",)),
        "brackets-control": (
            edited_copy(fixture / "section-01.xhtml", _isolated("(NSCLC)"), "(NSCLC)", "brackets"),
            ("(NSCLC)",),
        ),
        "references": (fixture / "references.xhtml", (TITLE,)),
        "references-control": (
            edited_copy(fixture / "references.xhtml", marked, f'<span lang="en" xml:lang="en">{TITLE}</span>'),
            (TITLE,),
        ),
        "contact": (fixture / "contact.xhtml", (fixture_phone,)),
        "contact-control": (
            edited_copy(fixture / "contact.xhtml", _isolated(fixture_phone), fixture_phone),
            (fixture_phone,),
        ),
        "project-contact": (real / "contact.xhtml", (phone,)),
        "project-contact-control": (edited_copy(real / "contact.xhtml", _isolated(phone), phone), (phone,)),
    }
    found = layout({path: needles for path, needles in pages.values()})
    return {name: found[path] for name, (path, _) in pages.items()}


def test_the_projects_arabic_contact_page_shows_its_phone_number_left_to_right(seen: Seen) -> None:
    phone = _project_phone()
    assert reads_left_to_right(only(seen["project-contact"][phone], phone))
    assert not reads_left_to_right(only(seen["project-contact-control"][phone], phone))


def test_a_phone_number_in_arabic_text_reads_left_to_right(seen: Seen) -> None:
    phone = context("ar").settings.organization.phone
    assert reads_left_to_right(only(seen["contact"][phone], phone))
    assert not reads_left_to_right(only(seen["contact-control"][phone], phone))


def test_a_percentage_in_arabic_text_keeps_its_sign_after_the_number(seen: Seen) -> None:
    assert reads_left_to_right(only(seen["section"]["8%"], "8%"))
    assert not reads_left_to_right(only(seen["percent-control"]["8%"], "8%"))


def test_an_abbreviation_in_brackets_reads_left_to_right_in_arabic_text(seen: Seen) -> None:
    assert reads_left_to_right(only(seen["section"]["(NSCLC)"], "(NSCLC)"))
    # Unisolated, the brackets take the Arabic direction: they look right, mirrored, but the opening
    # one is drawn at the run's right end.
    assert not reads_left_to_right(only(seen["brackets-control"]["(NSCLC)"], "(NSCLC)"))


def test_a_web_address_reads_left_to_right_in_arabic_text(seen: Seen) -> None:
    address = "https://clinic.example/food"
    assert reads_left_to_right(only(seen["section"][address], address))


def test_an_english_reference_title_keeps_its_question_mark_at_its_end(seen: Seen) -> None:
    assert reads_left_to_right(only(seen["references"][TITLE], TITLE))
    unisolated = only(seen["references-control"][TITLE], TITLE)
    first, mark = unisolated[0], unisolated[-1]
    assert first is not None and mark is not None
    assert mark.x < first.x  # without its isolation the "?" is drawn before "What"

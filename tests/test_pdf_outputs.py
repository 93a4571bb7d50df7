"""Every PDF the pipeline builds, in every language, meets PDF/UA-1 and the large-print profile.

The builds run through the command line on temporary copies of two projects: the PDF fixture project
(tests/data/pdf/project, ``--format pdf --min-coverage 0``: a language still being translated, here
Vietnamese, is built with its untranslated blocks in English, which the PDF must handle and tag too)
and the project's own ``source/`` and ``locales/`` (the session's full build, ``real_build``), so these
tests follow the real handouts and translations as they change. Each check is one of tests/pdfchecks.
"""

from __future__ import annotations

import io
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from exporters.pdf.fonts import font_set, pdf_font_names
from exporters.pdf.options import PdfOptions
from handoutkit.cli import main
from handoutkit.config import load_config
from handoutkit.reader import find_sources
from tests import pdfchecks
from tests.pdf_support import FIXTURE, REPO, foreign_parts, headings, images, left_to_right_runs, printed, translated


@dataclass(frozen=True)
class Case:
    project: str
    root: Path
    slug: str
    lang: str

    def __str__(self) -> str:
        return f"{self.project}-{self.slug}-{self.lang}"


def _cases(name: str, root: Path) -> list[Case]:
    config = load_config(root)
    return [Case(name, root, slug, language.tag) for slug in find_sources(root) for language in config.languages]


CASES = _cases("fixture", FIXTURE) + _cases("real", REPO)


@pytest.fixture(scope="session")
def pdf_outputs(tmp_path_factory: pytest.TempPathFactory, real_build: Path) -> dict[str, Path]:
    """Each project's output folder by project name: the real project's full build (conftest
    ``real_build``, every language complete), and the fixture project built with ``--format pdf``."""
    copy = tmp_path_factory.mktemp("pdf-fixture") / "project"
    copy.mkdir()
    for folder in ("source", "locales"):
        shutil.copytree(FIXTURE / folder, copy / folder, ignore=shutil.ignore_patterns("*.mo"))
    shutil.copy(FIXTURE / "handoutkit.toml", copy / "handoutkit.toml")
    out = io.StringIO()
    code = main(["--project", str(copy), "--format", "pdf", "--min-coverage", "0", "--quiet"], out=out)
    assert code == 0, out.getvalue()
    return {"fixture": copy / "output", "real": real_build}


@pytest.fixture(params=CASES, ids=str)
def case(request: pytest.FixtureRequest) -> Case:
    return request.param


@pytest.fixture
def pdf(case: Case, pdf_outputs: dict[str, Path]) -> Path:
    path = pdf_outputs[case.project] / case.lang / f"{case.slug}.pdf"
    assert path.is_file(), f"the pipeline did not build {path}"
    return path


def test_xmp_metadata_title_and_window_title(pdf: Path) -> None:
    assert pdfchecks.metadata_failures(pdf) == []


def test_lang_is_the_documents_bcp47_tag(pdf: Path, case: Case) -> None:
    assert pdfchecks.lang_failures(pdf, case.lang) == []


def test_all_content_is_tagged_or_an_artifact(pdf: Path) -> None:
    assert pdfchecks.marked_content_failures(pdf) == []


def test_first_heading_is_h1_and_no_level_is_skipped(pdf: Path) -> None:
    assert pdfchecks.heading_failures(pdf) == []


def test_lists_are_tagged_l_li_lbl_lbody(pdf: Path) -> None:
    assert pdfchecks.list_failures(pdf) == []


def test_each_image_is_a_figure_with_its_translated_alt(pdf: Path, case: Case) -> None:
    doc, _ = translated(case.lang, case.slug, case.root)
    expected = [image.alt.text for image in images(doc) if image.alt is not None]
    assert pdfchecks.figure_alts(pdf) == expected
    assert pdfchecks.figure_failures(pdf) == []


def test_fonts_are_embedded_with_tounicode(pdf: Path) -> None:
    assert pdfchecks.font_embedding_failures(pdf) == []


def test_link_annotations_have_contents_and_tab_order(pdf: Path) -> None:
    assert pdfchecks.annotation_failures(pdf) == []


def test_no_notdef_glyph_is_drawn(pdf: Path) -> None:
    assert pdfchecks.notdef_failures(pdf) == []


def test_only_the_languages_font_set_is_embedded(pdf: Path, case: Case) -> None:
    source = load_config(case.root).source_language.tag
    families = set(font_set(case.lang).families) | set(font_set(source).families)
    assert pdfchecks.embedded_font_failures(pdf, set(pdf_font_names(families))) == []


def test_pdfplumber_sees_as_much_text_as_pypdf(pdf: Path) -> None:
    assert pdfchecks.extraction_failures(pdf) == []


def test_every_glyph_is_at_least_the_body_size(pdf: Path, case: Case) -> None:
    _, ctx = translated(case.lang, case.slug, case.root)
    assert ctx.options(PdfOptions).body_size >= 18
    assert pdfchecks.size_failures(pdf, ctx.options(PdfOptions).body_size) == []


def test_headings_are_large_and_bold(pdf: Path) -> None:
    assert pdfchecks.heading_size_failures(pdf, h1=22, h2=20) == []


def test_no_italic_oblique_serif_condensed_or_light_font(pdf: Path) -> None:
    assert pdfchecks.font_style_failures(pdf) == []


def test_nothing_is_printed_within_an_inch_of_an_edge(pdf: Path) -> None:
    assert pdfchecks.edge_failures(pdf, 72) == []


def test_no_paragraph_is_justified(pdf: Path) -> None:
    assert pdfchecks.justified_failures(pdf) == []


def test_line_spacing_is_the_configured_one(pdf: Path, case: Case) -> None:
    _, ctx = translated(case.lang, case.slug, case.root)
    assert pdfchecks.line_spacing_failures(pdf, ctx.options(PdfOptions).line_spacing) == []


def test_text_is_black_without_soft_hyphens(pdf: Path) -> None:
    assert pdfchecks.color_failures(pdf) + pdfchecks.soft_hyphen_failures(pdf) == []


def test_outline_matches_the_headings(pdf: Path, case: Case) -> None:
    assert pdfchecks.outline_failures(pdf) == []
    doc, _ = translated(case.lang, case.slug, case.root)
    expected = [(1, doc.meta.title.text)] + [(h.level, h.content.text) for h in headings(doc)]
    marks = iter(pdfchecks.outline(pdf))
    missing = [heading for heading in expected if heading not in marks]
    assert missing == [], "headings missing from the outline, or out of order"


def test_left_to_right_runs_are_drawn_in_their_logical_order(pdf: Path, case: Case) -> None:
    """A phone number, ``8%``, ``(NSCLC)``, a short web address, an English title: read from where the
    glyphs are drawn (tests/test_pdf_right_to_left.py shows the check failing without isolation)."""
    runs = left_to_right_runs(printed(*translated(case.lang, case.slug, case.root)))
    assert pdfchecks.ltr_order_failures(pdf, runs) == []


def test_every_part_in_another_language_is_tagged_with_it(pdf: Path, case: Case) -> None:
    """English reference titles, the organization's name, a block left untranslated (the fixture's
    Vietnamese catalog misses one entry): /Lang in the tag tree (tests/test_pdf_languages.py shows the
    check failing without it)."""
    parts = foreign_parts(printed(*translated(case.lang, case.slug, case.root)))
    assert pdfchecks.language_failures(pdf, parts) == []


def test_page_number_in_the_documents_language_on_every_page(pdf: Path, case: Case) -> None:
    _, ctx = translated(case.lang, case.slug, case.root)
    template = ctx.ui("Page {page} of {pages}", page="{page}", pages="{pages}")
    assert pdfchecks.page_number_failures(pdf, template, ctx.options(PdfOptions).body_size) == []

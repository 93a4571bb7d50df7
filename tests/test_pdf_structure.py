"""One structure element per logical element, links that own their annotations, a space at every
soft line break and list labels painted before their items (docs/standards.md section 2), on every
real PDF of the session's full build; each check shown failing on a PDF made without its fix."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pypdfium2
import pytest

from exporters.pdf.structure import SOURCE_KEY
from handoutkit.present.bidi import direction_of
from tests.pdf_support import write
from tests.pdfchecks import fragments
from tests.pdfchecks.reading import structure
from tests.structure_support import REAL_PDFS, STEPS, RealPdf, printed_blocks, printed_text, render_without

SLUG = "stage-4-lung-cancer"


@pytest.fixture(params=REAL_PDFS, ids=str)
def real(request: pytest.FixtureRequest, real_build: Path) -> tuple[RealPdf, Path]:
    case: RealPdf = request.param
    path = case.path(real_build)
    assert path.is_file(), f"the full build did not make {path}"
    return case, path


@pytest.fixture(scope="module")
def unfixed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """English and Arabic stage 4 rendered without the steps of this module, and with all of them."""
    folder = tmp_path_factory.mktemp("structure")
    made = {}
    for lang in ("en", "ar"):
        made[lang] = write(folder, render_without(lang, SLUG, STEPS), f"{lang}-unfixed.pdf")
        made[f"{lang}-fixed"] = write(folder, render_without(lang, SLUG, ()), f"{lang}-fixed.pdf")
    return made


def test_each_paragraph_and_list_item_is_one_element_and_no_list_is_split(real: tuple[RealPdf, Path]) -> None:
    case, path = real
    assert fragments.fragment_failures(path, printed_blocks(case.lang, case.slug)) == []


def test_each_link_is_one_link_element_owning_its_annotations(real: tuple[RealPdf, Path]) -> None:
    assert fragments.link_failures(real[1]) == []


def test_parent_tree_points_at_the_elements_holding_the_content(real: tuple[RealPdf, Path]) -> None:
    assert fragments.parent_tree_failures(real[1]) == []


@pytest.mark.parametrize("case", [c for c in REAL_PDFS if direction_of(c.lang) == "ltr"], ids=str)
def test_no_words_are_glued_at_line_ends(case: RealPdf, real_build: Path) -> None:
    """Left-to-right handouts only: a right-to-left line is stored in visual order, so its tag text is
    no word sequence to compare (exporters/pdf/wordbreaks.py leaves right-to-left lines alone)."""
    path = case.path(real_build)
    assert fragments.word_break_failures(path, printed_text(case.lang, case.slug)) == []


def test_list_labels_are_painted_before_their_items(real: tuple[RealPdf, Path]) -> None:
    assert fragments.label_order_failures(real[1]) == []


def test_split_lists_and_paragraphs_are_found_without_the_merge(unfixed: dict[str, Path]) -> None:
    failures = fragments.fragment_failures(unfixed["en"], printed_blocks("en", SLUG))
    assert any("list is followed by a list" in failure for failure in failures)
    assert fragments.fragment_failures(unfixed["en-fixed"], printed_blocks("en", SLUG)) == []


def test_split_and_nested_links_and_slugs_are_found_without_the_merge(unfixed: dict[str, Path]) -> None:
    failures = fragments.link_failures(unfixed["en"])
    assert any("two sibling /Link" in f for f in failures)
    assert any("described as 'h-" in f for f in failures)
    assert any("owned by Span" in f for f in fragments.link_failures(unfixed["ar"]))
    assert any("two link annotations on one area" in f for f in fragments.link_failures(unfixed["ar"]))


@pytest.mark.parametrize("case", [c for c in REAL_PDFS if direction_of(c.lang) == "ltr"], ids=str)
def test_a_contents_entry_reads_as_its_words_a_space_and_its_page_number(case: RealPdf, real_build: Path) -> None:
    # Left-to-right PDFs: right-to-left tag text is in visual order (README, Known limitations).
    assert fragments.contents_entry_failures(case.path(real_build)) == []


def test_a_link_inside_a_link_is_found(tmp_path: Path) -> None:
    # WeasyPrint tags a link's generated page number (a::after) as a /Link inside the link's /Link.
    from weasyprint import HTML

    html = (
        '<html lang="en"><head><title>T</title><style>a::after { content: " " target-counter(attr(href), page) }'
        '</style></head><body><p><a href="#x">Tests</a></p><h2 id="x">Tests</h2></body></html>'
    )
    path = write(tmp_path, HTML(string=html).write_pdf(pdf_variant="pdf/ua-1"), "nested.pdf")
    assert any("/Link inside a /Link" in f for f in fragments.link_failures(path))


def test_glued_words_are_found_without_the_word_breaks(unfixed: dict[str, Path]) -> None:
    glued = fragments.glued_words(unfixed["en"], printed_text("en", SLUG))
    assert len(glued) > 100
    assert "toother" in glued


def test_labels_painted_after_their_items_are_found_without_the_reordering(unfixed: dict[str, Path]) -> None:
    assert fragments.label_order_failures(unfixed["en"]) != []


def test_pdfium_reads_each_bullet_before_its_item(unfixed: dict[str, Path]) -> None:
    def text(path: Path) -> str:
        document = pypdfium2.PdfDocument(str(path))
        try:
            return " ".join(" ".join(page.get_textpage().get_text_range().split()) for page in document)
        finally:
            document.close()

    assert "• the brain • the bones" not in text(unfixed["en"])
    assert "• the brain • the bones" in text(unfixed["en-fixed"])


def test_the_fixes_change_no_pixel(unfixed: dict[str, Path]) -> None:
    for lang in ("en", "ar"):
        before, after = pypdfium2.PdfDocument(str(unfixed[lang])), pypdfium2.PdfDocument(str(unfixed[f"{lang}-fixed"]))
        try:
            assert len(before) == len(after)
            for index in range(len(before)):
                a = before[index].render(scale=1).to_pil().tobytes()
                b = after[index].render(scale=1).to_pil().tobytes()
                assert a == b, f"{lang} page {index + 1} changed"
        finally:
            before.close()
            after.close()


def test_contents_entries_and_phone_links_are_described_in_words(unfixed: dict[str, Path]) -> None:
    with pikepdf.open(unfixed["en-fixed"]) as pdf:
        contents = {str(a.Contents) for page in pdf.pages for a in page.obj.get("/Annots") or []}
        flags = {int(a.get("/F", 0)) & 4 for page in pdf.pages for a in page.obj.get("/Annots") or []}
    assert any(c.startswith("Page ") and ": Tests for stage 4 lung cancer" in c for c in contents)
    assert "Call (503) 555-0147" in contents
    assert flags == {4}


def test_links_are_described_in_the_handouts_language(unfixed: dict[str, Path]) -> None:
    with pikepdf.open(unfixed["ar-fixed"]) as pdf:
        contents = {str(a.Contents) for page in pdf.pages for a in page.obj.get("/Annots") or []}
    assert "اتصل بالرقم (503) 555-0147" in contents
    assert any(c.startswith("صفحة ") for c in contents), contents
    assert not any(c.startswith(("Call", "Page", "لديك أسئلة")) for c in contents), contents


def test_the_source_marks_leave_the_file(unfixed: dict[str, Path]) -> None:
    raw = [e for e in structure(unfixed["en"]).walk() if SOURCE_KEY in e.obj]
    assert raw != []  # without the merge the marks stay: the test below means something
    assert [e for e in structure(unfixed["en-fixed"]).walk() if SOURCE_KEY in e.obj] == []

"""Post-processing makes page furniture and decorative images artifacts and changes nothing visible."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pypdfium2
import pytest
from markupsafe import Markup

from exporters.pdf import postprocess
from exporters.pdf.languages import LanguageMarks
from exporters.pdf.postprocess import finish_pdf
from tests import pdfchecks
from tests.pdf_support import images, render, translated, write


@pytest.fixture(scope="module")
def raw_and_finished(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The Arabic fixture as WeasyPrint writes it from a stylesheet without the language marks (which
    post-processing paints black: tests/test_pdf_languages.py), and as the exporter returns it."""
    captured: list[bytes] = []
    original = postprocess.finish_pdf

    def spy(data: bytes, *args: object):
        captured.append(data)
        return original(data, *args)

    doc, ctx = translated("ar")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("exporters.pdf.handout.finish_pdf", spy)
        patch.setattr(LanguageMarks, "css", lambda self: Markup(""))
        render(doc, ctx)
    finished = render(doc, ctx)
    folder = tmp_path_factory.mktemp("post")
    return write(folder, captured[0], "raw.pdf"), write(folder, finished, "finished.pdf")


def test_weasyprint_leaves_page_numbers_outside_the_tree_and_the_exporter_fixes_it(raw_and_finished) -> None:
    raw, finished = raw_and_finished
    assert pdfchecks.marked_content_failures(raw) != []
    assert pdfchecks.marked_content_failures(finished) == []


def test_pages_look_exactly_the_same_after_post_processing(raw_and_finished) -> None:
    raw, finished = raw_and_finished
    before, after = pypdfium2.PdfDocument(str(raw)), pypdfium2.PdfDocument(str(finished))
    try:
        assert len(before) == len(after)
        for index in range(len(before)):
            a = before[index].render(scale=1).to_pil().tobytes()
            b = after[index].render(scale=1).to_pil().tobytes()
            assert a == b, f"page {index + 1} changed"
    finally:
        before.close()
        after.close()


def artifacts(path: Path) -> list[tuple[str, list[str]]]:
    """(artifact type, operators drawn inside) for every artifact sequence with a /Type."""
    found = []
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            depth, current = 0, None
            for instruction in pikepdf.parse_content_stream(page):
                op = str(instruction.operator)
                if op == "BDC" and str(instruction.operands[0]) == "/Artifact" and current is None:
                    props = instruction.operands[1]
                    current, depth = (str(props.get("/Type", "")), []), 0
                elif op in ("BDC", "BMC") and current is not None:
                    depth += 1
                elif op == "EMC" and current is not None:
                    if depth == 0:
                        found.append(current)
                        current = None
                    else:
                        depth -= 1
                elif current is not None:
                    current[1].append(op)
    return found


def test_each_page_number_and_running_title_is_a_pagination_artifact(raw_and_finished) -> None:
    _, finished = raw_and_finished
    pages = len(pdfchecks.page_chars(finished))
    pagination = [ops for kind, ops in artifacts(finished) if kind == "/Pagination"]
    # A page number on every page, and the running title on every page after the first.
    assert len(pagination) == pages + (pages - 1)
    assert all("TJ" in ops or "Tj" in ops for ops in pagination)


def test_the_decorative_image_is_a_layout_artifact_and_not_a_figure(raw_and_finished) -> None:
    raw, finished = raw_and_finished
    assert len(pdfchecks.figure_alts(raw)) == 2
    doc, _ = translated("ar")
    assert pdfchecks.figure_alts(finished) == [images(doc)[0].alt.text]
    layout = [ops for kind, ops in artifacts(finished) if kind == "/Layout"]
    assert len(layout) == 1 and "Do" in layout[0]


def test_parent_tree_and_mcids_are_compact(raw_and_finished) -> None:
    _, finished = raw_and_finished
    with pikepdf.open(finished) as pdf:
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        for page in pdf.pages:
            properties = [i.operands[1] for i in pikepdf.parse_content_stream(page) if str(i.operator) == "BDC"]
            mcids = [int(p.MCID) for p in properties if isinstance(p, pikepdf.Dictionary) and "/MCID" in p]
            key = int(page.obj.StructParents)
            parents = next(nums[i + 1] for i in range(0, len(nums), 2) if int(nums[i]) == key)
            assert mcids == list(range(len(parents)))
            assert all(isinstance(p, pikepdf.Dictionary) for p in parents)


def test_no_structure_element_is_left_empty(raw_and_finished) -> None:
    _, finished = raw_and_finished
    empty = [e.type for e in pdfchecks.structure(finished).walk() if not e.children and not e.mcids]
    assert empty == []


def test_post_processing_is_deterministic(raw_and_finished) -> None:
    raw, _ = raw_and_finished
    assert finish_pdf(raw.read_bytes()).data == finish_pdf(raw.read_bytes()).data


def test_content_written_another_way_takes_the_general_path(raw_and_finished, tmp_path: Path) -> None:
    """A content stream not in WeasyPrint's exact layout is parsed and retagged instruction by instruction."""
    raw, finished = raw_and_finished
    with pikepdf.open(raw) as pdf:
        for page in pdf.pages:
            page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(pikepdf.parse_content_stream(page)))
        rewritten = tmp_path / "rewritten.pdf"
        pdf.save(rewritten)
    with pikepdf.open(rewritten) as pdf:
        assert all(b"\n<</MCID" not in bytes(p.obj.Contents.read_bytes()) for p in pdf.pages)
    again = write(tmp_path, finish_pdf(rewritten.read_bytes()).data, "again.pdf")
    assert pdfchecks.marked_content_failures(again) == []
    assert pdfchecks.figure_alts(again) == pdfchecks.figure_alts(finished)

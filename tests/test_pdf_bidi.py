"""Latin drug names, doses and phone numbers inside Arabic text print whole and in reading order."""

from __future__ import annotations

from pathlib import Path

import pytest
from markupsafe import Markup

from exporters.pdf.bidi import isolate_ltr_runs, ltr_runs
from tests import pdfchecks
from tests.pdf_support import render, translated, write


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        ("فحص PET-CT لمعرفة", ["PET-CT"]),
        ("بجرعة 10 mg. تناول", ["10 mg"]),
        ("تناول 10-20 ملغ", ["10-20"]),
        ("في المرحلة 4 فقط", []),
        ("اتصل بـ Fixture Clinic على +1 (555) 010-0199.", ["Fixture Clinic", "+1 (555) 010-0199"]),
        ("مثل السنا (senna):", ["(senna)"]),
        ("الموقع: https://clinic.example/pain", ["https://clinic.example/pain"]),
    ],
)
def test_ltr_runs_take_latin_words_and_numbers_with_their_inner_punctuation(text: str, runs: list[str]) -> None:
    pieces = ltr_runs(text)
    assert "".join(piece for piece, _ in pieces) == text
    assert [piece for piece, is_run in pieces if is_run] == runs


def test_only_right_to_left_text_is_touched() -> None:
    html = Markup('<body><p>فحص PET &amp; CT</p><p lang="en" dir="ltr">PET scan</p><title>PET</title></body>')
    out = isolate_ltr_runs(html, "rtl")
    assert out.count('dir="ltr" class=') == 1
    assert '<span dir="ltr" class="ltr nowrap">PET &amp; CT</span>' in out
    assert isolate_ltr_runs(Markup("<p>PET scan</p>"), "ltr") == "<p>PET scan</p>"


@pytest.fixture(scope="module")
def arabic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    doc, ctx = translated("ar")
    return write(tmp_path_factory.mktemp("ar"), render(doc, ctx))


def visual_lines(path: Path) -> list[str]:
    """Each line's characters from left to right, as they are printed."""
    lines: dict[tuple[int, int], list[dict]] = {}
    for index, chars in enumerate(pdfchecks.page_chars(path)):
        for c in chars:
            lines.setdefault((index, round(c["matrix"][5])), []).append(c)
    return ["".join(c["text"] for c in sorted(cs, key=lambda c: c["x0"])) for cs in lines.values()]


def test_a_dose_and_a_drug_name_keep_their_order_in_arabic(arabic: Path) -> None:
    lines = visual_lines(arabic)
    assert any("10 mg" in line for line in lines), "10 mg printed as 'mg 10' or split"
    assert any("morphine" in line for line in lines)
    assert not any("mg 10" in line for line in lines)


def test_a_phone_number_prints_left_to_right_on_one_line_in_arabic(arabic: Path) -> None:
    assert any("+1 (555) 010-0199" in line for line in visual_lines(arabic))


def test_each_bracket_glyph_reads_as_the_bracket_it_draws(arabic: Path) -> None:
    """Arabic text draws "(" with the ")" glyph; WeasyPrint would name the glyph after its first use."""
    lines = visual_lines(arabic)
    assert any("(senna)" in line for line in lines)
    assert not any(")555(" in line for line in lines)


def test_arabic_lists_put_their_markers_on_the_right(arabic: Path) -> None:
    first_page = pdfchecks.page_chars(arabic)[0]
    bullets = [c for c in first_page if c["text"] == "•"]
    words = [c for c in first_page if c.get("tag") == "Span" and "\u0600" <= c["text"] <= "\u06ff"]
    assert bullets, "no bulleted list on the first page"
    assert min(b["x0"] for b in bullets) > max(w["x1"] for w in words if abs(w["top"] - bullets[0]["top"]) < 10)

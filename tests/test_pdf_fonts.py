"""Every character is printed in a font of its language's set, or the export stops and says where."""

from __future__ import annotations

import dataclasses

import pytest

from exporters.pdf import PdfExporter
from exporters.pdf.fonts import covered, font_face, font_set, language_script, missing_characters, pdf_font_names
from handoutkit.errors import ProblemError
from handoutkit.model import Paragraph
from tests.pdf_support import first_paragraph, replace_block, translated, with_text


@pytest.mark.parametrize(
    ("lang", "script", "first"),
    [
        ("en", "Latn", "Atkinson Hyperlegible Next"),
        ("es", "Latn", "Atkinson Hyperlegible Next"),
        ("zh-Hans", "Hans", "Noto Sans CJK SC"),
        ("zh-TW", "Hant", "Noto Sans CJK TC"),
        ("ru", "Cyrl", "Noto Sans"),
        ("ar", "Arab", "Noto Sans Arabic"),
        ("fa", "Arab", "Noto Sans Arabic"),
    ],
)
def test_each_language_gets_its_scripts_font_first_and_latin_after(lang: str, script: str, first: str) -> None:
    fonts = font_set(lang)
    assert language_script(lang) == script
    assert fonts.families[0] == first
    if script not in ("Latn", "Cyrl"):
        assert fonts.families[1] == "Atkinson Hyperlegible Next"
    assert fonts.families[-1] == "Noto Sans"  # the last resort of every set (symbols, an SVG's own text)


def test_vietnamese_which_the_latin_face_cannot_print_gets_a_face_of_its_own() -> None:
    assert font_set("vi").families == ("Andika", "Noto Sans")
    assert language_script("vi") == "Latn"
    assert ord("\u01b0") not in covered("Atkinson Hyperlegible Next")  # ư: no horn, no dot below, no hook above
    assert missing_characters("Ở giai đoạn 4, ung thư đã lan rộng: ơ ư ạ ả ĩ ũ ỹ Ỵ", font_set("vi")) == []


def test_a_script_without_a_font_set_is_a_lookup_error() -> None:
    with pytest.raises(LookupError, match="Tibt"):
        font_set("bo")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("vi", "Bác sĩ có thể cho bạn thuốc morphine viên 10 mg. Đau ở ngực, ư ơ ữ ặ."),
        ("ar", "قد يصف لك طبيبك أقراص morphine بجرعة 10 mg، أو PET-CT؟"),
        ("zh-Hans", "医生可能会给您开 morphine（吗啡）10 mg 片剂。"),
        ("es", "¿Preguntas? Llame al +1 (555) 010-0199 — información ®"),
    ],
)
def test_real_text_with_latin_names_and_digits_is_covered(lang: str, text: str) -> None:
    assert missing_characters(text, font_set(lang)) == []


def test_bold_and_regular_faces_are_installed_and_both_count() -> None:
    regular, bold = font_face("Noto Sans Arabic", "regular"), font_face("Noto Sans Arabic", "bold")
    assert regular.path != bold.path
    assert ord("ب") in covered("Noto Sans Arabic") and ord("P") not in covered("Noto Sans Arabic")


def test_pdf_font_names_are_the_families_at_both_weights() -> None:
    assert pdf_font_names(["Noto Sans CJK SC"]) == {"Noto-Sans-CJK-SC", "Noto-Sans-CJK-SC-Bold"}


def hieroglyph_doc(lang: str = "ar"):
    doc, ctx = translated(lang)
    paragraph = first_paragraph(doc)
    text = paragraph.content.text + " \U00013000"
    changed = dataclasses.replace(paragraph, content=with_text(paragraph.content, text))
    return replace_block(doc, paragraph, changed), ctx


def test_a_character_no_font_of_the_set_has_is_an_error_naming_it_and_its_line() -> None:
    doc, ctx = hieroglyph_doc()
    (problem,) = PdfExporter().check(doc, ctx)
    assert problem.kind == "missing-glyph"
    assert "U+13000" in problem.message and "EGYPTIAN HIEROGLYPH A001" in problem.message
    assert "Noto Sans Arabic, Atkinson Hyperlegible Next" in problem.message
    assert str(problem.origin).startswith("locales/ar/LC_MESSAGES/pain-medicine-at-home.po:")
    with pytest.raises(ProblemError) as raised:
        PdfExporter().render(doc, ctx)
    assert raised.value.problems == (problem,)


def test_pangos_silent_fallback_to_another_font_is_caught_after_rendering(monkeypatch: pytest.MonkeyPatch) -> None:
    """Should the coverage check miss a character, Pango would draw it in any installed font that has it
    (here Noto Sans Egyptian Hieroglyphs): the embedded fonts give it away."""
    monkeypatch.setattr("exporters.pdf.handout.missing_characters", lambda text, fonts: [])
    doc, ctx = hieroglyph_doc()
    with pytest.raises(ProblemError) as raised:
        PdfExporter().render(doc, ctx)
    (problem,) = raised.value.problems
    assert problem.kind == "pdf-font"
    assert "Noto-Sans-Egyptian-Hieroglyphs" in problem.message


def test_a_notdef_glyph_is_caught_after_rendering_and_located(monkeypatch: pytest.MonkeyPatch) -> None:
    """A character no installed font has (here an unassigned code point) is drawn as .notdef; WeasyPrint
    only logs it, and the exporter turns the record into an error naming the character and its line."""
    monkeypatch.setattr("exporters.pdf.handout.missing_characters", lambda text, fonts: [])
    doc, ctx = translated("vi")
    paragraph = first_paragraph(doc)
    broken = dataclasses.replace(paragraph, content=with_text(paragraph.content, "liều \u0378"))
    with pytest.raises(ProblemError) as raised:
        PdfExporter().render(replace_block(doc, paragraph, broken), ctx)
    kinds = {p.kind for p in raised.value.problems}
    assert kinds == {"missing-glyph"}
    first = raised.value.problems[0]
    assert "U+0378" in first.message
    assert first.origin == paragraph.content.translated_at


def test_a_character_that_fell_back_to_another_font_is_named_with_the_line_printing_it() -> None:
    from exporters.pdf.handout import _fallback_problem, prepare

    doc, ctx = translated("en")
    paragraph = first_paragraph(doc)
    doc = replace_block(doc, paragraph, Paragraph(with_text(paragraph.content, "Take ½ dose.")))
    page = prepare(doc, ctx)
    problem = _fallback_problem("DejaVuSans", " ½", "en: Atkinson Hyperlegible Next", page.content, page.origin)
    assert problem.origin == paragraph.content.origin
    assert problem.message.startswith("'½' (U+00BD VULGAR FRACTION ONE HALF) fell back to the font 'DejaVuSans'")

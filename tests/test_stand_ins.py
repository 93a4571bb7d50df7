"""Text that stands in for a translation is not one: a mark ("…", "-", "TODO"), a few words for a
paragraph, the source's words left in place, or another language's text (a catalog copied from the
wrong folder) is rejected with the catalog's file and line, and the handout is not published in that
language with it. Words the translator marks as another language, and names kept as written, are not
held against a translation. (The cases in the fixture project: tests/data/meaning/translator-mistakes.toml.)"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from handoutkit.config import load_config
from handoutkit.i18n.stand_ins import stand_in_problems
from tests.conftest import REPO, run_cli

PARAGRAPH = "Palliative care is **not** the same as hospice. You can get it at any stage, with any treatment."


@pytest.mark.parametrize("mark", ["…", "-", "?", "...", "—", "**…**"])
def test_a_mark_with_no_words_is_not_a_translation(mark: str) -> None:
    [problem] = stand_in_problems(PARAGRAPH, mark, "en", "vi")
    assert problem.startswith("the translation has no words")


@pytest.mark.parametrize("marker", ["TODO", "todo: dịch", "FIXME", "xxx", "TBD", "[TODO]"])
def test_a_to_do_marker_is_not_a_translation(marker: str) -> None:
    [problem] = stand_in_problems(PARAGRAPH, marker, "en", "es")
    assert problem.startswith("the translation is a placeholder")


def test_a_few_words_for_a_paragraph_are_missing_text_but_a_short_heading_may_be_short() -> None:
    assert "far shorter than its source" in stand_in_problems(PARAGRAPH, "Los cuidados.", "en", "es")[0]
    assert stand_in_problems("Palliative care", "Cuidados", "en", "es") == []
    assert stand_in_problems(PARAGRAPH, "姑息治疗和安宁疗护**不是**一回事。任何阶段都可以接受。", "en", "zh-Hans") == []


def test_the_source_left_in_place_is_found_even_when_partly_translated() -> None:
    half = "Chăm sóc giảm nhẹ is **not** the same as hospice. You can get it at any stage, with any treatment."
    [problem] = stand_in_problems(PARAGRAPH, half, "en", "vi")
    assert "of its" in problem and "words are the source's, left untranslated" in problem
    assert stand_in_problems(PARAGRAPH, half, "en", "vi", same_allowed=True) == []  # flagged ignore-same


def test_another_languages_letters_are_found_in_any_script() -> None:
    spanish = "Los cuidados paliativos **no** son lo mismo que el hospicio. Puede recibirlos en cualquier etapa."
    vietnamese = "Chăm sóc giảm nhẹ **không** giống như chăm sóc cuối đời. Quý vị có thể nhận ở mọi giai đoạn."
    assert "letters Arabic does not write" in stand_in_problems(PARAGRAPH, spanish, "en", "ar")[0]
    assert "letters Chinese" in stand_in_problems(PARAGRAPH, spanish, "en", "zh-Hans")[0]
    assert "letters Spanish does not write (ă, ă" not in stand_in_problems(PARAGRAPH, vietnamese, "en", "es")[0]
    assert "letters Spanish does not write" in stand_in_problems(PARAGRAPH, vietnamese, "en", "es")[0]
    assert "letters Vietnamese does not write (ñ" in stand_in_problems(PARAGRAPH, "El niño " + spanish, "en", "vi")[0]


def test_vietnamese_without_a_single_vietnamese_letter_is_another_language() -> None:
    spanish = "Los cuidados paliativos no son lo mismo que el hospicio. Puede recibirlos en cualquier etapa."
    [problem] = stand_in_problems(PARAGRAPH, spanish, "en", "vi")
    assert problem.startswith("none of its") and "has a letter only Vietnamese writes" in problem


def test_marked_words_kept_names_and_abbreviations_are_not_another_language() -> None:
    terms_kept = "لا تُعد الرعاية التلطيفية مثل رعاية المحتضرين ([hospice]{lang=en}). تبدأ في أي مرحلة مع NSCLC أو SCLC."
    assert stand_in_problems(PARAGRAPH + " Ask NSCLC or SCLC.", terms_kept, "en", "ar") == []
    named = "Chăm sóc giảm nhẹ **không** giống [hospice]{lang=en}. Hỏi Riverbend Clinic ở mọi giai đoạn."
    assert stand_in_problems(PARAGRAPH + " Ask Riverbend Clinic.", named, "en", "vi") == []


def test_the_real_catalogs_hold_no_stand_in() -> None:
    import polib

    terms = load_config(REPO).do_not_translate
    found = [
        f"{po.relative_to(REPO)}:{entry.linenum}: {problem}"
        for po in sorted((REPO / "locales").glob("*/LC_MESSAGES/*.po"))
        for entry in polib.pofile(str(po))
        if entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags
        for problem in stand_in_problems(
            entry.msgid,
            entry.msgstr,
            "en",
            po.parts[-3].replace("_", "-"),
            terms,
            same_allowed="ignore-same" in entry.flags,
        )
    ]
    assert found == []


def test_a_spanish_catalog_copied_into_the_vietnamese_folder_is_not_published_as_vietnamese(tmp_path: Path) -> None:
    project = _real_project(tmp_path)
    copied = (REPO / "locales/es/LC_MESSAGES/stage-4-lung-cancer.po").read_text(encoding="utf-8")
    copied = copied.replace('"Language: es\\n"', '"Language: vi\\n"').replace(
        "nplurals=2; plural=(n != 1);", "nplurals=1; plural=0;"
    )
    (project / "locales/vi/LC_MESSAGES/stage-4-lung-cancer.po").write_text(copied, encoding="utf-8")

    code, output = run_cli(project, "--format", "text,sms", "--lang", "vi", "--doc", "stage-4-lung-cancer")

    assert not (project / "output/vi/stage-4-lung-cancer.txt").exists(), output
    assert "skipped vi stage-4-lung-cancer *:" in output and "rejected" in output
    assert "locales/vi/LC_MESSAGES/stage-4-lung-cancer.po:22: warning: translation rejected: " in output
    assert "only Vietnamese writes" in output and "letters Vietnamese does not write (ñ" in output
    code, output = run_cli(project, "check", "--lang", "vi")
    assert code == 1 and "locales/vi/LC_MESSAGES/stage-4-lung-cancer.po:22: error: translation rejected" in output


def test_what_translators_write_correctly_is_not_a_stand_in() -> None:
    correct = [
        ("Call {number}", "Llame al n.º {number}", "es"),
        ("It is the 2nd most common type.", "Es el 2.º tipo más común.", "es"),
        ("**Ask anything you want to know.** Good questions help.",
         "**Todo lo que quiera saber, pregúntelo.** Las buenas preguntas ayudan.", "es"),
        ("Email {address}", "E-mail：{address}", "zh-Hans"),
        ("Phone {number}", "Tel：{number}", "zh-Hans"),
        ("Email {address}", "e-mail: {address}", "ar"),
        ("Page {page} of {pages}", "{page}/{pages}", "zh-Hans"),
        ("Ask about a PET-CT scan.", "询问PET-CT检查。", "zh-Hans"),
        ("The liver", "Gan", "vi"),
    ]  # fmt: skip
    assert [
        (b, stand_in_problems(a, b, "en", lang)) for a, b, lang in correct if stand_in_problems(a, b, "en", lang)
    ] == []


def _real_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    for name in ("source", "locales"):
        shutil.copytree(REPO / name, project / name, ignore=shutil.ignore_patterns("*.mo"))
    shutil.copy(REPO / "handoutkit.toml", project / "handoutkit.toml")
    return project


def test_a_reference_may_keep_its_english_title_unmarked(tmp_path: Path) -> None:
    project = _real_project(tmp_path)
    po = project / "locales/ar/LC_MESSAGES/stage-4-lung-cancer.po"
    text = po.read_text(encoding="utf-8")
    marked = (
        "[Treatment Choices for Non-Small Cell Lung Cancer, by Stage]{lang=en} "
        "(خيارات علاج سرطان الرئة ذي الخلايا غير الصغيرة حسب المرحلة)."
    )
    assert marked in text
    po.write_text(text.replace(marked, "Treatment Choices for Non-Small Cell Lung Cancer, by Stage."), encoding="utf-8")
    code, output = run_cli(project, "check", "--lang", "ar")
    assert code == 0 and "stage-4-lung-cancer.po:84" not in output, output

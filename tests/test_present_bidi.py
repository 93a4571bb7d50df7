"""Right to left, done once (handoutkit.present.bidi): left-to-right runs inside Arabic text are found and
isolated, and a real implementation of the Unicode bidirectional algorithm (python-bidi) shows them in order."""

from __future__ import annotations

import pytest
from bidi import get_display

from handoutkit.inline import parse_plain
from handoutkit.model import Isolate, Text
from handoutkit.present.bidi import LRI, PDI, isolate_runs, isolate_text, isolated_plain, ltr_runs
from handoutkit.walk import iter_inlines

PHONE = "(503) 555-0147"


def shown(text: str) -> str:
    """What a phone or a text editor displays, left to right: the paragraph's direction from its first
    strong letter, isolate controls invisible."""
    return get_display(text).translate(str.maketrans("", "", LRI + PDI))


@pytest.mark.parametrize(
    ("arabic", "run"),
    [
        (f"اتصل بنا على الرقم {PHONE} إذا كانت لديك أسئلة.", PHONE),
        ("سرطان الرئة ذو الخلايا غير الصغيرة (NSCLC): 8% فقط.", "(NSCLC): 8%"),
        ("النسبة 8% فقط لهذه المرحلة.", "8%"),
        ("الحرارة 38 °C أو أكثر.", "38 °C"),
        ("اتصل على +1 (503) 555-0147 اليوم.", "+1 (503) 555-0147"),
    ],
)
def test_a_run_that_the_algorithm_alone_shows_out_of_order_is_isolated_and_then_shown_in_order(arabic, run):
    assert run not in shown(arabic)  # the fault: digits after Arabic letters become Arabic numbers (rule W2)
    isolated = isolate_text(arabic, "rtl")
    assert f"{LRI}{run}{PDI}" in isolated
    assert run in shown(isolated)


def test_a_web_address_and_a_latin_name_keep_their_order():
    text = "الموقع: https://clinic.example/help/ar/page-2 واتصل بـRiverbend Clinic."
    assert [piece for piece, run in ltr_runs(text) if run] == [
        "https://clinic.example/help/ar/page-2",
        "Riverbend Clinic",
    ]
    displayed = shown(isolate_text(text, "rtl"))
    assert "https://clinic.example/help/ar/page-2" in displayed and "Riverbend Clinic" in displayed


def test_a_bracket_opened_in_arabic_text_stays_with_the_arabic_text():
    text = "جمعية السرطان (1 أكتوبر 2019). What Is Lung Cancer? (ما هو سرطان الرئة؟)"
    assert [piece for piece, run in ltr_runs(text) if run] == ["What Is Lung Cancer?"]  # Arabic writes ؟


def test_an_english_title_marked_as_english_keeps_its_question_mark():
    marked = parse_plain("جمعية السرطان (2019). [What Is Lung Cancer?]{lang=en} (ما هو سرطان الرئة؟)")
    unmarked = "جمعية السرطان (2019). What Is Lung Cancer? (ما هو سرطان الرئة؟)"
    assert "What Is Lung Cancer?" not in shown(unmarked)  # the "?" moves to the left of the title
    assert "What Is Lung Cancer?" in shown(isolated_plain(isolate_runs(marked, "rtl")))


def test_plain_text_pays_only_for_isolates_that_change_what_is_shown():
    inlines = isolate_runs((Text("اتصل بـRiverbend Community Clinic على الرقم " + PHONE + "."),), "rtl")
    isolates = [node for node in iter_inlines(inlines) if isinstance(node, Isolate)]
    assert [(node.children, node.needed) for node in isolates] == [
        ((Text("Riverbend Community Clinic"),), False),  # letters alone already read left to right
        ((Text(PHONE),), True),
    ]
    assert isolated_plain(inlines).count(LRI) == 1


def test_a_line_that_starts_with_latin_letters_is_still_shown_right_to_left():
    text = "American Cancer Society – جمعية السرطان الأمريكية (2022)."
    assert shown(text).startswith("American")  # its first letter made the whole line left to right
    assert shown(isolate_text(text, "rtl")).endswith("American Cancer Society")


def test_left_to_right_text_is_left_alone_except_for_right_to_left_phrases():
    assert isolate_text(f"Call {PHONE} (NSCLC) 8%.", "ltr") == f"Call {PHONE} (NSCLC) 8%."
    [isolate] = [
        n
        for n in iter_inlines(isolate_runs(parse_plain("Say [مرحبا]{lang=ar} twice"), "ltr"))
        if isinstance(n, Isolate)
    ]
    assert isolate.direction == "rtl"


def test_digits_alone_need_no_isolate():
    assert ltr_runs("عام 2019 و 2020") == [("عام 2019 و 2020", False)]

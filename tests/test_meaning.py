"""Meaning checks: the fixture tables of tests/data/meaning/ (one case a row), and properties."""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handoutkit.i18n.meaning import (
    UNITS,
    Facts,
    Term,
    facts,
    markup_problems,
    meaning_problems,
    untranslated_problem,
    without_link_targets,
)

DATA = Path(__file__).parent / "data" / "meaning"


def cases(name: str) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = tomllib.loads((DATA / name).read_text(encoding="utf-8"))["case"]
    return cases


def ids(rows: list[dict[str, Any]]) -> list[str]:
    return [row["name"] for row in rows]


TERMS = [
    Term(row["text"], row.get("renderings", {}))
    for row in tomllib.loads((DATA / "terms.toml").read_text(encoding="utf-8"))["term"]
]
MEANING = cases("meaning.toml")
MARKUP = cases("markup.toml")
UNTRANSLATED = cases("untranslated.toml")
FACTS = cases("facts.toml")


# ------------------------------------------------------------------ the fixture tables


@pytest.mark.parametrize("case", MEANING, ids=ids(MEANING))
def test_meaning_case(case: dict[str, Any]) -> None:
    source_lang = case.get("source_lang", "en")
    found = meaning_problems(case["source"], case["translation"], source_lang, case["lang"], TERMS)
    assert found == case["problems"]


@pytest.mark.parametrize("case", MARKUP, ids=ids(MARKUP))
def test_markup_case(case: dict[str, Any]) -> None:
    assert markup_problems(case["source"], case["translation"]) == case["problems"]


@pytest.mark.parametrize("case", UNTRANSLATED, ids=ids(UNTRANSLATED))
def test_untranslated_case(case: dict[str, Any]) -> None:
    assert untranslated_problem(case["source"], case["translation"]) == case.get("problem")


def shown(found: Facts) -> dict[str, list[str]]:
    """The facts in the fixture's notation: numbers as "value unit", the rest as their keys."""
    numbers = [f"{n.value.normalize():f}" + (f" {n.unit}" if n.unit else "") for n in found.numbers]
    return {
        "numbers": numbers,
        "phones": [p.key for p in found.phones],
        "codes": [c.key for c in found.codes],
        "web": [w.key for w in found.web],
        "emails": [e.key for e in found.emails],
    }


@pytest.mark.parametrize("case", FACTS, ids=ids(FACTS))
def test_facts_case(case: dict[str, Any]) -> None:
    found = shown(facts(case["text"], case["lang"]))
    for kind in ("numbers", "phones", "codes", "web", "emails"):
        if kind in case:
            assert found[kind] == case[kind], kind


# ------------------------------------------------------------------ rules stated once


@pytest.mark.parametrize("written", sorted(UNITS))
def test_every_unit_of_the_table_is_read_after_a_number(written: str) -> None:
    (number,) = facts(f"5 {written}", "en").numbers
    assert (number.value, number.unit) == (Decimal(5), UNITS[written])


def test_a_term_without_renderings_for_a_full_tag_takes_those_of_its_language() -> None:
    term = Term("NSCLC", {"zh": ["非小细胞肺癌"]})
    assert term.accepted("zh-Hans") == term.accepted("zh_Hans") == ("NSCLC", "非小细胞肺癌")
    assert term.accepted("es") == ("NSCLC",)


def test_the_word_count_of_an_untranslated_text_is_the_callers_choice() -> None:
    assert untranslated_problem("Contact us now", "Contact us now") is None
    assert untranslated_problem("Contact us now", "Contact us now", min_words=3) is not None


def test_link_targets_can_be_left_to_the_link_check() -> None:
    source = "Read [our page](https://rbc.example/lung)."
    translation = "Lea [nuestra página](https://rbc.example/pulmon)."
    assert meaning_problems(without_link_targets(source), without_link_targets(translation), "en", "es") == []


# ------------------------------------------------------------------ properties

LANGS = st.sampled_from(["en", "es", "fr", "vi", "zh-Hans", "ar"])
WORDS = st.sampled_from(["take", "every", "to", "a", "and", "stage", "cada", "giờ", "期", "المرحلة", "lung", "groups"])
PUNCTUATION = st.sampled_from([" ", " ", ", ", ". ", " (", ") ", "-", "–", "/", ": ", " ", "\u202f"])
DIGITS = st.text("0123456789", min_size=1, max_size=6)
NUMBERS = st.one_of(
    DIGITS,
    st.builds("{}.{}".format, DIGITS, DIGITS),
    st.builds("{},{}".format, DIGITS, DIGITS),
    st.builds("-{}".format, DIGITS),
    st.builds("{} {}".format, DIGITS, st.sampled_from(sorted(UNITS))),
    st.builds("{}{}".format, DIGITS, st.sampled_from(["%", "mg", "年", "A", "th", "º"])),
    st.builds("{}/{}/{}".format, DIGITS, DIGITS, DIGITS),
    st.builds("({}) {}-{}".format, DIGITS, DIGITS, DIGITS),
    st.builds("{}-{}-{}".format, DIGITS, DIGITS, DIGITS),
    st.builds("tel:+{}".format, DIGITS),
    st.sampled_from(["911", "112", "HER2", "PD-L1", "COVID-19"]),
)
ADDRESSES = st.builds("https://rbc.example/{}".format, DIGITS) | st.builds("care{}@rbc.example".format, DIGITS)


def texts(pieces: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.lists(st.one_of(pieces, WORDS, PUNCTUATION), min_size=1, max_size=12).map("".join)


ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@settings(max_examples=200, deadline=None)
@given(st.text() | texts(NUMBERS | ADDRESSES), LANGS)
def test_a_text_always_agrees_with_itself(text: str, lang: str) -> None:
    assert meaning_problems(text, text, lang, lang, TERMS) == []


@settings(max_examples=200, deadline=None)
@given(texts(NUMBERS), LANGS)
def test_arabic_indic_digits_are_the_same_numbers(text: str, lang: str) -> None:
    """Arabic-Indic digits write the source's numbers (a language that does not write them is told so)."""
    problems = meaning_problems(text, text.translate(ARABIC_INDIC), lang, lang)
    assert [p for p in problems if "are not written in" not in p] == []


@settings(max_examples=100, deadline=None)
@given(texts(NUMBERS), st.sampled_from(["en", "es", "vi"]))
def test_digits_of_another_script_are_a_problem_in_a_latin_script_translation(text: str, lang: str) -> None:
    translated = text.translate(ARABIC_INDIC)
    problems = meaning_problems(text, translated, "en", lang)
    foreign = translated != text
    assert any("are not written in" in p for p in problems) == foreign


@settings(max_examples=200, deadline=None)
@given(texts(NUMBERS | ADDRESSES), LANGS, st.data())
def test_changing_one_digit_is_always_a_problem(text: str, lang: str, data: st.DataObject) -> None:
    positions = [index for index, char in enumerate(text) if char.isdigit()]
    if not positions:
        return
    index = data.draw(st.sampled_from(positions))
    digit = data.draw(st.sampled_from([d for d in "0123456789" if d != text[index]]))
    changed = text[:index] + digit + text[index + 1 :]
    assert meaning_problems(text, changed, lang, lang) != []
